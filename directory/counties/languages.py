"""The types of help in the county's other languages: names, descriptions and the
words people type, from the pack's ``languages/<locale>.toml``.

Search understands a need typed in any of these languages by matching the words
against the keywords (``Vocabulary.needs``): the listings stay in
English, and the category is what links the two. Matching is on the words as
``crisis_text`` writes them (lower case, Latin letters without accents, Arabic
without vowel marks), so "narkotyki", "NARKOTYKI" and "nárkotyki" are one word.
Other scripts are never stemmed; a word may differ from a keyword by its ending
(Polish and Lithuanian inflect) or by one typing slip, and it is only compared
with keywords in its own script, so a Cyrillic word never matches a Latin one.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from directory.counties.pack import PackError, crisis_text

# Letters with their combining signs: Python's \w leaves out Bengali vowel signs
# and virama, which would cut "মাদক" into "ম" and "দক".
_WORD = re.compile(r"(?:\w|[\u0300-\u036f\u0900-\u0dff\u064b-\u065f\u0670])+")
# A typing slip: a word this close to a keyword (rapidfuzz's ratio, 0 to 100) means it.
SLIP_SCORE = 86
# Endings: a word sharing this much of a long keyword's start is that keyword inflected.
STEM_KEEP = 5


@dataclass(frozen=True)
class CategoryWords:
    name: str
    description: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class LanguageWords:
    locale: str
    reviewed: bool
    categories: dict[str, CategoryWords]


def _script(word: str) -> str:
    """The writing system of a word's first letter: LATIN, CYRILLIC, ARABIC, BENGALI..."""
    for char in word:
        if char.isalpha():
            return unicodedata.name(char, "UNKNOWN").split(" ")[0]
    return "OTHER"


def read_language(path: Path) -> LanguageWords:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PackError(f"{path}: {error}") from error
    categories = {}
    for slug, entry in (data.get("categories") or {}).items():
        if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
            raise PackError(f"{path}: [categories.{slug}] needs a name")
        categories[slug] = CategoryWords(
            name=str(entry["name"]).strip(), description=str(entry.get("description", "")).strip(),
            keywords=tuple(str(entry.get("keywords", "")).split()))
    return LanguageWords(locale=path.stem, reviewed=bool(data.get("reviewed", False)), categories=categories)


@lru_cache(maxsize=8)
def read_languages(folder: Path) -> dict[str, LanguageWords]:
    """Every ``languages/<locale>.toml`` in a pack folder, by locale."""
    directory = folder / "languages"
    if not directory.is_dir():
        return {}
    return {path.stem: read_language(path) for path in sorted(directory.glob("*.toml"))}


@dataclass(frozen=True)
class Vocabulary:
    """Every language's keywords, normalised, with the category each one means."""
    exact: dict[str, frozenset[str]]  # word -> category slugs
    by_script: dict[str, tuple[str, ...]]  # script -> words, for near matches

    @classmethod
    def build(cls, languages: dict[str, LanguageWords]) -> Vocabulary:
        exact: dict[str, set[str]] = {}
        for words in languages.values():
            for slug, entry in words.categories.items():
                for keyword in entry.keywords:
                    for word in _WORD.findall(crisis_text(keyword)):
                        if len(word) >= 3 or _script(word) not in ("LATIN", "CYRILLIC"):
                            exact.setdefault(word, set()).add(slug)
        by_script: dict[str, list[str]] = {}
        for word in exact:
            by_script.setdefault(_script(word), []).append(word)
        return cls({w: frozenset(s) for w, s in exact.items()},
                   {script: tuple(sorted(ws)) for script, ws in by_script.items()})

    def closest(self, word: str) -> str | None:
        """The keyword a typed word means: itself, an inflected form or a slip."""
        if word in self.exact:
            return word
        if len(word) < 4:
            return None
        candidates = self.by_script.get(_script(word), ())
        stem = word[:max(STEM_KEEP, len(word) - 3)]
        inflected = [k for k in candidates if len(k) >= STEM_KEEP and (k.startswith(stem) or word.startswith(k))]
        if inflected:
            return min(inflected, key=lambda k: abs(len(k) - len(word)))
        match = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=SLIP_SCORE)
        return match[0] if match else None

    def needs(self, text: str, known: frozenset[str] = frozenset()) -> list[str]:
        """Category slugs the words name, in the order the words come. Words in
        ``known`` (the English index's own words) are left to the English search."""
        found: list[str] = []
        for word in _WORD.findall(crisis_text(text)):
            if word in known or word.isdigit():
                continue
            keyword = self.closest(word)
            for slug in sorted(self.exact.get(keyword, ())) if keyword else ():
                if slug not in found:
                    found.append(slug)
        return found


@lru_cache(maxsize=64)
def vocabulary(folder: Path, locale: str = "") -> Vocabulary:
    """One language's keywords, or (no locale) every language's together."""
    languages = read_languages(folder)
    if locale:
        languages = {locale: languages[locale]} if locale in languages else {}
    return Vocabulary.build(languages)


def in_reader_language(category, field: str = "name") -> str:
    """A category's name or description in the page's language, else its English."""
    from flask_babel import get_locale

    from directory.counties.pack import current_pack

    words = read_languages(current_pack().folder).get(str(get_locale() or ""))
    entry = words.categories.get(category.slug) if words else None
    return (getattr(entry, field) if entry else "") or getattr(category, field)
