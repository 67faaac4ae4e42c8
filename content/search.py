"""How awareness pages go into the shared search index (through the outbox)."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from content.models import Page, PageKind, PageStatus
from content.render import plain_text
from directory.listings.models import Category
from directory.search.sources import Source, batched

PATHS = {PageKind.HUB: "/areas/{area}", PageKind.GUIDE: "/advice/{slug}",
         PageKind.CAMPAIGN: "/campaigns/{slug}"}


def page_url(page: Page) -> str:
    return PATHS[page.kind].format(slug=page.slug, area=page.area.slug if page.area else "")


def _stamp(moment: datetime | None) -> int | None:
    return int(moment.replace(tzinfo=timezone.utc).timestamp()) if moment else None


def page_document(page: Page, _areas: list[str]) -> dict:
    revision = page.current
    session = Session.object_session(page)
    names = session.scalars(select(Category.name).where(Category.slug.in_(page.categories or []))).all()
    words = " ".join((plain_text(revision.body), plain_text(revision.contacts), revision.key_messages))
    return {
        "id": page.id,
        "kind": "page",
        "status": page.status.value,
        "name": revision.title,
        "summary": revision.summary,
        "categories_text": " ".join(names),
        "body": words,
        "spelling": " ".join((revision.title, revision.summary, words)),
        "category": ",".join(page.categories or []),
        "area": page.area.slug if page.area else "",
        "subkind": page.kind.value,
        "url": page_url(page),
        "label": revision.title,
        "blurb": revision.summary,
        "publish_ts": _stamp(page.publish_at),
        "unpublish_ts": _stamp(page.unpublish_at),
        "ends_ord": page.ends_on.toordinal() if page.ends_on else None,
    }


def _query():
    return select(Page).options(selectinload(Page.current), selectinload(Page.area))


def _load(session: Session, ids: list[str]) -> Iterator[Page]:
    yield from session.scalars(_query().where(Page.id.in_(ids)))


def _load_all(session: Session) -> Iterator[Page]:
    return batched(session, _query().where(Page.status == PageStatus.PUBLISHED), Page.id)


def _listed(page: Page) -> bool:
    # The publishing window and campaign end date are checked at query time.
    return page.status is PageStatus.PUBLISHED and page.current is not None


SOURCE = Source("page", _load, _load_all, _listed, page_document)
