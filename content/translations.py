"""Awareness pages in the county's other languages.

A translation is written like the page itself (same people, same permission) and
every save is a revision in the page's history, linked to the revision of the
page's own words it was made from. When those words change, the translation is
out of date: the public page still shows it, saying so, until someone updates it.
Where a page has no translation, the reader gets the page's own words and a note.
"""
from __future__ import annotations

from dataclasses import dataclass

from content.models import Page, PageTranslation, Revision
from content.operations import REVISION_FIELDS, next_revision_number, require_edit
from directory import audit
from directory.accounts.models import User
from directory.extensions import db


@dataclass(frozen=True)
class Reading:
    """What a reader in one language is shown of a page."""
    revision: Revision
    locale: str = ""           # the translation's locale, "" for the page's own words
    out_of_date: bool = False  # a translation made from older words
    missing: bool = False      # the reader asked for a language the page is not in


def reading(page: Page, locale: str) -> Reading:
    if not locale:
        return Reading(page.current)
    translation = page.translation(locale)
    if translation is None:
        return Reading(page.current, missing=True)
    return Reading(translation.current, locale=locale, out_of_date=translation.out_of_date)


def save_translation(actor: User, page: Page, locale: str, words: dict[str, str]) -> PageTranslation:
    """Save a revision of the page in ``locale``, made from the page's current words."""
    require_edit(actor, page)
    number = next_revision_number(page)
    revision = Revision(page=page, number=number, author_id=actor.id, locale=locale,
                        source_revision_id=page.current_revision_id,
                        **{name: words.get(name, "") for name in REVISION_FIELDS})
    db.session.add(revision)
    translation = page.translation(locale)
    before = {"revision": translation.current.number} if translation else None
    if translation is None:
        translation = PageTranslation(page=page, locale=locale, current=revision)
        db.session.add(translation)
    else:
        translation.current = revision
    db.session.flush()
    audit.record(actor, "content.translated", "page", page.id, before=before,
                 after={"locale": locale, "revision": number,
                        "from": page.current.number if page.current else None})
    db.session.commit()
    return translation
