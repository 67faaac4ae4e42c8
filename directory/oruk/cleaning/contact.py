"""Ways to get in touch: web addresses, e-mail addresses and UK phone numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from email_validator import EmailNotValidError, validate_email

from directory.oruk.cleaning.base import INVISIBLE, URL_LIMIT, Cleaned, as_text, cut

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|msclkid|mc_cid|mc_eid|igshid|_ga)$", re.I)
_HOST = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$")


def clean_url(value: object, *, https_only: bool = True) -> Cleaned[str | None]:
    """A web address to store: https:// added when there is no scheme, "http:www.x"
    repaired, tracking parameters removed, and (``https_only``, as SECURITY.md ENC-3
    asks of stored links) http upgraded to https. Refused: other schemes (javascript:,
    data:, mailto: ...), spaces, user names, IP addresses, hosts without a dot."""
    if value is None:
        return Cleaned(None)
    if not isinstance(value, str):
        return Cleaned(None, ("refused: not text",))
    text = value.translate(INVISIBLE).strip().strip("<>\"'").rstrip(".,;")
    notes: list[str] = []
    if not text:
        return Cleaned(None)
    if text != value.strip():
        notes.append("trimmed the address")
    if re.search(r"\s", text):
        return Cleaned(None, ("refused: spaces in the address",))
    repaired = re.sub(r"^(https?)(?::/{0,1}|/{2}|:/{3,})(?=[^/])", r"\1://", text, flags=re.I)
    if repaired != text:
        notes.append("repaired the scheme")
        text = repaired
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", text)
    if text.startswith("//") or not scheme or "." in scheme.group(1):
        text = ("https:" if text.startswith("//") else "https://") + text
        notes.append("added https://")
    elif scheme.group(1).lower() not in ("http", "https"):
        return Cleaned(None, (f"refused: {scheme.group(1).lower()}: address",))
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
        host_ascii = host.encode("idna").decode("ascii") if host else ""
        _ = parts.port  # raises ValueError on a bad port
    except (ValueError, UnicodeError):
        return Cleaned(None, ("refused: not a web address",))
    if parts.username or parts.password:
        return Cleaned(None, ("refused: user name in the address",))
    if not _HOST.match(host_ascii):
        reason = "host is an IP address" if re.fullmatch(r"[\d.]+", host) else "no proper host name"
        return Cleaned(None, (f"refused: {reason}",))
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if not _TRACKING.match(k)]
    new_query = urlencode(kept) if len(kept) != len(query) else parts.query
    if len(kept) != len(query):
        notes.append("removed tracking parameters")
    scheme_name = parts.scheme.lower()
    if https_only and scheme_name == "http":
        scheme_name = "https"
        notes.append("changed http to https")
    netloc = parts.netloc.rsplit("@", 1)[-1]
    lowered = netloc.lower()
    if lowered != netloc:
        notes.append("lower-cased the host")
    url = urlunsplit((scheme_name, lowered, parts.path or ("/" if new_query else ""), new_query, parts.fragment))
    if len(url) > URL_LIMIT:
        return Cleaned(None, (f"refused: longer than {URL_LIMIT} characters",))
    return Cleaned(url, tuple(notes))


def clean_email(value: object) -> Cleaned[str | None]:
    """An e-mail address: spaces (also non-breaking and zero-width), "mailto:", a
    display name and trailing dots removed, the first of several kept, the shape
    checked (no DNS look-up); None when it is not an address."""
    if value is None:
        return Cleaned(None)
    if not isinstance(value, str):
        return Cleaned(None, ("refused: not text",))
    text = " ".join(value.translate(INVISIBLE).split())
    if not text:
        return Cleaned(None)
    notes: list[str] = []
    if text != value:
        notes.append("removed spaces")
    if text.lower().startswith("mailto:"):
        text = text[7:].split("?")[0]
        notes.append("removed mailto:")
    bracketed = re.search(r"<([^<>\s]+@[^<>\s]+)>", text)
    if bracketed:
        text = bracketed.group(1)
        notes.append("removed the display name")
    several = [part for part in re.split(r"\s+or\s+|[\s,;/]+", text) if "@" in part]
    if len(several) > 1:
        notes.append("kept the first of several addresses")
    text = (several[0] if several else text).strip("<>()[]\"'")
    trimmed = text.rstrip(".,;:")
    if trimmed != text:
        notes.append("removed trailing punctuation")
    try:
        address = validate_email(trimmed, check_deliverability=False).normalized
    except EmailNotValidError:
        return Cleaned(None, ("refused: not an e-mail address",))
    if address != trimmed and address.lower() == trimmed.lower():
        notes.append("lower-cased the domain")
    return Cleaned(address, tuple(notes))


@dataclass(frozen=True)
class PhoneNumber:
    """A UK number in its usual spaced form, the words that came with it, and whether
    it is for calling ("voice") or texting ("text")."""

    number: str
    description: str = ""
    kind: str = "voice"


# Areas whose code has six digits (Ofcom's mixed areas): 016977 1234, 013873 12345.
_SIX_DIGIT_CODES = frozenset({"013397", "013398", "013873", "015242", "015394", "015395", "015396",
                              "016973", "016974", "016977", "017683", "017684", "017687", "019467",
                              "019755", "019756"})
_SHORT_NUMBERS = frozenset({"999", "112", "111", "101", "105", "119"})
_RUN = re.compile(r"(?:\+[ \t]*|\([ \t]*)?\d(?:[\d \t().\-]*\d)?\)?")
_INTERNATIONAL_UK = re.compile(r"^(?:\+|00)[ \t]*44[ \t]*(?:\([ \t]*0[ \t]*\)[ \t]*|0[ \t]*)?")
_TEXTING = re.compile(r"\b(text|sms|txt|whatsapp)\b", re.I)
_EDGES = " \t:;,.-–—/|\"'"
DESCRIPTION_LIMIT = 200  # a phone's description, as the listing stores it


def format_uk_number(digits: str, *, texting: bool = False) -> str | None:
    """Digits of a UK number ("01245123456") in the usual grouping, or None if they
    cannot be one. Short codes (999, 116 123) are kept; 5 or 6 digit text short codes
    only when ``texting``."""
    n = len(digits)
    if not digits.isdigit():
        return None
    if digits in _SHORT_NUMBERS:
        return digits
    if n == 6 and digits[:3] in ("116", "118"):
        return f"{digits[:3]} {digits[3:]}"
    if digits == "08001111":  # Childline
        return "0800 1111"
    if texting and n in (5, 6) and digits[0] in "6789":
        return digits
    if digits[0] != "0" or n not in (10, 11):
        return None
    if digits[1] == "1":
        if digits[:6] in _SIX_DIGIT_CODES:
            return f"{digits[:6]} {digits[6:]}"
        if n == 11 and (digits[2] == "1" or (digits[3] == "1" and digits[2] in "234569")):
            return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
        return f"{digits[:5]} {digits[5:]}"
    if n == 10:
        return f"{digits[:4]} {digits[4:]}" if digits.startswith("0800") else None
    if digits[1] in "25" or digits.startswith("070"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if digits[1] in "389":
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    if digits[1] == "7":
        return f"{digits[:5]} {digits[5:]}"
    return None


def _numbers_in_run(text: str, start: int, end: int, texting: bool,
                    notes: list[str]) -> list[tuple[int, int, str]]:
    """The numbers in one run of digits and separators, longest valid number first."""
    run = text[start:end]
    prefix = _INTERNATIONAL_UK.match(run)
    abroad = not prefix and run.lstrip("( \t").startswith(("+", "00"))
    if abroad and sum(ch.isdigit() for ch in run) >= 8:
        notes.append("kept a number from abroad as given")
        return [(start, end, " ".join(run.split()))]
    if abroad and run.lstrip("( \t").startswith("+"):
        notes.append("removed a stray +")
    offset = prefix.end() if prefix else 0
    groups = [(start + m.start(), start + m.end(), m.group(0)) for m in re.finditer(r"\d+", run[offset:])]
    groups = [(a + offset, b + offset, d) for a, b, d in groups]
    if prefix and groups:
        groups[0] = (start, groups[0][1], "0" + groups[0][2].removeprefix("0"))
        notes.append("changed +44 to 0")
    elif abroad and groups:
        groups[0] = (start, *groups[0][1:])
    found, i = [], 0
    while i < len(groups):
        for j in range(len(groups), i, -1):
            digits = "".join(d for _, _, d in groups[i:j])
            short = len(digits) < 10
            if short and (i, j) != (0, len(groups)):
                continue
            if short and re.search(r"\b(ext|extn|extension|x)\.?\s*$", text[: groups[i][0]], re.I):
                continue
            formatted = format_uk_number(digits, texting=texting)
            if formatted:
                found.append((groups[i][0], groups[j - 1][1], formatted))
                i = j
                break
        else:
            if len(groups[i][2]) >= 6:
                notes.append(f"refused: {groups[i][2]} is not a UK number")
            i += 1
    return found


def _describe(segments: list[str]) -> list[str]:
    """Share the words between numbers out: each number gets the words before it, and
    the words after it up to a comma, "or", "and" or a bracketed note."""
    pieces: list[list[str]] = [[] for _ in range(len(segments) - 1)]
    pieces[0].append(segments[0])
    for k, between in enumerate(segments[1:-1], 1):
        split = re.search(r"\s*(?:[,;/|]|\bor\b|\band\b)\s*", between)
        if split:
            pieces[k - 1].append(between[: split.start()])
            pieces[k].append(between[split.end():])
        elif re.fullmatch(r"\s*\([^()]*\)\s*", between):
            pieces[k - 1].append(between)
        else:
            pieces[k].append(between)
    pieces[-1].append(segments[-1])
    described = []
    for parts in pieces:
        words = " ".join(" ".join(p.split()).strip(_EDGES) for p in parts)
        words = re.sub(r"\(\s*\)", "", " ".join(words.split())).strip(_EDGES)
        words = re.sub(r"^(?:or|and)\b\s*|\s*\b(?:or|and)$", "", words, flags=re.I)
        described.append(words[1:-1].strip() if re.fullmatch(r"\([^()]*\)", words) else words)
    return described


def clean_phone(value: object) -> Cleaned[list[PhoneNumber]]:
    """The UK phone numbers in a phone field, each spaced the usual way ("01245 123456",
    "0800 111 1111", "116 123"), "+44 (0)" forms turned into 0..., with the words around
    each number kept as its description ("Call 01245 123456 (Mon-Fri)" gives the number
    with "Call (Mon-Fri)"). Text with no usable number gives []."""
    if value is None:
        return Cleaned([])
    raw = None if isinstance(value, float) else as_text(value)
    if raw is None:
        return Cleaned([], ("refused: not text",))
    text = " ".join(raw.translate(INVISIBLE).split())
    notes: list[str] = []
    link = re.match(r"(tel|sms):(?=[+\d(%])", text, re.I)
    if link:
        text = " ".join(unquote(text[link.end():]).split())
        notes.append(f"removed {link.group(1).lower()}:")
    if not text:
        return Cleaned([], tuple(notes))
    if re.fullmatch(r"[1-9][\d ]{8,12}", text) and format_uk_number("0" + text.replace(" ", "")):
        text = "0" + text
        notes.append("added the missing leading 0")
    texting = bool(_TEXTING.search(text)) or bool(link and link.group(1).lower() == "sms")
    spans: list[tuple[int, int, str]] = []
    for run in _RUN.finditer(text):
        spans.extend(_numbers_in_run(text, run.start(), run.end(), texting, notes))
    if not spans:
        return Cleaned([], (*notes, "refused: no phone number") if not any(
            n.startswith("refused") for n in notes) else tuple(notes))
    bounds = [0, *[edge for a, b, _ in spans for edge in (a, b)], len(text)]
    segments = [text[bounds[k]:bounds[k + 1]] for k in range(0, len(bounds), 2)]
    phones: list[PhoneNumber] = []
    for (a, b, number), words in zip(spans, _describe(segments), strict=True):
        if number != " ".join(text[a:b].split()):
            notes.append("reformatted the number")
        if any(p.number == number for p in phones):
            notes.append("dropped a repeated number")
            continue
        if len(words) > DESCRIPTION_LIMIT:
            words = cut(words, DESCRIPTION_LIMIT)
            notes.append(f"cut the description to {DESCRIPTION_LIMIT} characters")
        kind = "text" if _TEXTING.search(words) or (texting and len(spans) == 1) else "voice"
        phones.append(PhoneNumber(number, words, kind))
    if any(p.description for p in phones):
        notes.append("kept the words around the number as its description")
    if len(phones) > 1:
        notes.append(f"found {len(phones)} numbers")
    return Cleaned(phones, tuple(dict.fromkeys(notes)))
