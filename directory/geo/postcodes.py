"""Recognising UK postcodes and postcode districts in what people type."""
from __future__ import annotations

import re

# Outward code: area letters, district digit(s), optional letter (SW1A, CM1, E1W).
_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_INWARD = r"[0-9][A-Z]{2}"
FULL_POSTCODE = re.compile(rf"^({_OUTWARD}) ?({_INWARD})$")
POSTCODE_DISTRICT = re.compile(rf"^{_OUTWARD}$")


def normalise(text: str) -> str:
    """Upper-case and collapse whitespace: " cm1  1aa " -> "CM1 1AA"."""
    return " ".join(text.upper().split())


def parse_full_postcode(text: str) -> str | None:
    """Return the postcode in canonical "OUT IN" form, or None if it is not one."""
    match = FULL_POSTCODE.match(normalise(text))
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"


def parse_district(text: str) -> str | None:
    candidate = normalise(text)
    return candidate if POSTCODE_DISTRICT.match(candidate) else None


def outward_code(postcode: str) -> str:
    """The district part of a postcode: "CM20 1AB" -> "CM20"; unknown text -> ""."""
    full = parse_full_postcode(postcode)
    if full:
        return full.split(" ")[0]
    return parse_district(postcode) or ""
