"""Every shipped catalogue translates every interface string, keeps each string's
placeholders and markup, and has the plural forms its language needs."""
from __future__ import annotations

import re

import pytest
from babel.messages.plurals import get_plural

from directory.counties.pack import load_pack
from directory.i18n.catalogues import extract_messages, po_path, read_catalogue

LOCALES = load_pack().community_languages
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")
TAG = re.compile(r"</?([a-z]+)\b[^>]*>")


@pytest.fixture(scope="module")
def wanted() -> set:
    return extract_messages()


def _ids(message) -> tuple[str, ...]:
    return (message,) if isinstance(message, str) else tuple(message)


def _strings(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_is_translated(locale, wanted):
    assert po_path(locale).is_file(), f"no catalogue for {locale}"
    catalogue = read_catalogue(locale)
    missing = []
    for message in wanted:
        entry = catalogue.get(message if isinstance(message, str) else message[0])
        if entry is None or entry.fuzzy or not all(s.strip() for s in _strings(entry.string)):
            missing.append(_ids(message)[0])
    assert sorted(missing) == [], f"{len(missing)} of {len(wanted)} messages untranslated in {locale}"


@pytest.mark.parametrize("locale", LOCALES)
def test_translations_keep_placeholders_and_markup(locale):
    wrong = []
    for entry in read_catalogue(locale):
        if not entry.id or not entry.string:
            continue
        source = " ".join(_ids(entry.id))
        names = set(PLACEHOLDER.findall(source)) - {""}
        tags = sorted(TAG.findall(source))
        for text in _strings(entry.string):
            if not text:
                continue
            # A plural form may leave the number out ("one service"), nothing else.
            if set(PLACEHOLDER.findall(text)) - {""} - names or (names - {"num"}) - set(PLACEHOLDER.findall(text)):
                wrong.append((_ids(entry.id)[0], text, "placeholders"))
            if sorted(TAG.findall(text)) != tags:
                wrong.append((_ids(entry.id)[0], text, "markup"))
            if entry.python_format and not _formats(text, names):
                wrong.append((_ids(entry.id)[0], text, "a lone % (write %% for a percent sign)"))
    assert wrong == []


def _formats(text: str, names: set[str]) -> bool:
    try:
        text % {name: 1 for name in names}
    except (KeyError, ValueError, TypeError):
        return False
    return True


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_forms_fit_the_language(locale):
    catalogue = read_catalogue(locale)
    expected = get_plural(locale)
    assert catalogue.num_plurals == expected.num_plurals
    assert catalogue.plural_expr == expected.plural_expr
    for entry in catalogue:
        if entry.pluralizable and entry.string and any(entry.string):
            assert len(entry.string) == expected.num_plurals, entry.id
