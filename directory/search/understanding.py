"""Reading what people type: ages written into the query, and needs said in words.

"someone is making me sell drugs" never mentions exploitation, but that is the
help the person needs; the county pack's rules (needs.toml) add the matching
category to the query.
"""
from __future__ import annotations

import re

from directory.counties.languages import vocabulary
from directory.counties.pack import current_pack

_AGE_PATTERNS = (
    re.compile(r"\b(?:i\s*am|i'?m|im|aged?)\s+(\d{1,2})\b(?:\s*(?:years?|yrs?)(?:\s*old)?)?", re.I),
    re.compile(r"\b(\d{1,2})\s*-?\s*(?:years?|yrs?)\s*-?\s*olds?\b|\b(\d{1,2})\s*yo\b", re.I),
)

def extract_age(text: str) -> tuple[str, int | None]:
    """Pull "I am 15" or "15 year old" out of the query: (remaining text, age)."""
    for pattern in _AGE_PATTERNS:
        match = pattern.search(text)
        if match:
            digits = next(g for g in match.groups() if g)
            remaining = (text[: match.start()] + " " + text[match.end():]).strip()
            return " ".join(remaining.split()), int(digits)
    return text, None


def intents(text: str) -> list[str]:
    """Category slugs whose need the text describes, in rule order, without repeats.

    The rules are the county pack's needs.toml: young people's own words are data."""
    lowered = text.lower()
    found: list[str] = []
    for pattern, slug in current_pack().need_rules():
        if slug not in found and pattern.search(lowered):
            found.append(slug)
    return found


def language_intents(text: str, known: frozenset[str] = frozenset(), locale: str = "") -> list[str]:
    """Category slugs named by words in the pack's other languages (languages/*.toml):
    the reader's own language if given, else any of them. Words the English index
    knows (``known``) are left to it."""
    return vocabulary(current_pack().folder, locale).needs(text, known)


def in_danger(text: str) -> bool:
    """Do the words say someone may be in danger now (the county pack's crisis.toml)?"""
    return current_pack().crisis().in_danger(text)
