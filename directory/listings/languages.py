"""The languages a service is offered in: ISO 639 codes, with names from Babel (CLDR)
in the reader's language.

Stored on a listing as comma-separated codes ("en,pl,bfi"). Names typed in older
data, demo files and other directories' feeds ("Polish", "British Sign Language")
become codes through ``code_for``.
"""
from __future__ import annotations

from functools import lru_cache

from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

# Sign languages have ISO 639-3 codes that CLDR does not name.
SIGN_LANGUAGES = {"bfi": _l("British Sign Language")}
# Offered in the listing form, after the county pack's own languages; the languages
# most asked for by families in English counties, and by young refugees.
COMMON = ("en", "bfi", "ar", "bn", "bg", "zh", "fa", "fr", "gu", "hi", "it", "ku", "lt", "ne", "pa",
          "ps", "pl", "pt", "ro", "ru", "so", "es", "ta", "ti", "tr", "uk", "ur", "yo")


def name(code: str, locale: str | None = None) -> str:
    """A language's name in the reader's language ("Polish", "polski", "البولندية")."""
    if code in SIGN_LANGUAGES:
        return str(SIGN_LANGUAGES[code])
    reader = Locale.parse(locale or str(get_locale() or "en"))
    found = reader.languages.get(code)
    return found[:1].upper() + found[1:] if found else code


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    names = {value.lower(): code for code, value in Locale("en").languages.items() if "_" not in code}
    names.update({"bsl": "bfi", "british sign language": "bfi", "bengali": "bn", "farsi": "fa", "punjabi": "pa",
                  "kurdish": "ku", "chinese": "zh", "mandarin": "zh", "cantonese": "yue"})
    return names


def code_for(value: str) -> str | None:
    """The ISO 639 code for a code or an English name, or None if it is neither."""
    text = value.strip()
    lowered = text.lower()
    if lowered in SIGN_LANGUAGES:
        return lowered
    if lowered in _english_names():
        return _english_names()[lowered]
    return lowered if lowered in Locale("en").languages else None


def codes_from(values) -> list[str]:
    """Codes from a list or comma-separated text of codes and names, in order, once
    each; what is neither is left out."""
    if isinstance(values, str):
        values = values.split(",")
    found: list[str] = []
    for value in values:
        code = code_for(str(value))
        if code and code not in found:
            found.append(code)
    return found


def choices(pack_languages: tuple[str, ...]) -> list[tuple[str, str]]:
    """(code, name) for the listing form: English, the county's languages, then the
    others alphabetically in the reader's language."""
    first = ["en", *pack_languages]
    rest = sorted((c for c in COMMON if c not in first), key=lambda c: name(c))
    return [(code, name(code)) for code in (*first, *rest)]
