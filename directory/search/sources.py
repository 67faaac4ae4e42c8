"""What the index holds, by kind of record: how to load, judge and describe each.

Services are registered here; content/ registers its pages from create_app, so the
directory never imports content (DESIGN.md). Each source answers for its own ids.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.listings.freshness import is_listed
from directory.listings.models import Area, Service, ServiceStatus
from directory.search.schema import service_document

BATCH = 500


@dataclass(frozen=True)
class Source:
    kind: str
    # Load these ids in a session (missing ids are simply absent).
    load: Callable[[Session, list[str]], Iterable]
    # Every record that might be indexed, in batches (may clear the session).
    load_all: Callable[[Session], Iterator]
    # May the public find it at all (a time window may still apply at query time)?
    listed: Callable[[object], bool]
    # The Whoosh document; gets every area slug for county-wide records.
    document: Callable[[object, list[str]], dict]


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.kind] = source


def area_slugs(session: Session) -> list[str]:
    return list(session.scalars(select(Area.slug).order_by(Area.name)))


def batched(session: Session, query, key) -> Iterator:
    """Rows of ``query`` ordered by ``key``, BATCH at a time, clearing the session between."""
    last = ""
    while True:
        rows = session.scalars(query.where(key > last).order_by(key).limit(BATCH)).all()
        if not rows:
            return
        yield from rows
        last = getattr(rows[-1], key.key)
        session.expunge_all()


def _service_query():
    return select(Service).options(
        selectinload(Service.organization),
        selectinload(Service.areas),
        selectinload(Service.categories),
        selectinload(Service.locations),
        selectinload(Service.schedules),
    )


def _load_services(session: Session, ids: list[str]) -> Iterator[Service]:
    for start in range(0, len(ids), BATCH):
        yield from session.scalars(_service_query().where(Service.id.in_(ids[start : start + BATCH])))


def _all_services(session: Session) -> Iterator[Service]:
    query = _service_query().where(Service.status == ServiceStatus.ACTIVE)
    return batched(session, query, Service.id)


register(Source("service", _load_services, _all_services, is_listed, service_document))
