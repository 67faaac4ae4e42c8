"""What the index holds, by kind of record: how to load, judge and describe each.

Each kind registers its own source from create_app: listings/ its services,
content/ its pages. So search knows neither of them, and the directory never imports
content (DESIGN.md). Each source answers for its own ids.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from directory.geo.models import Area

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
