"""The search entry points the rest of the app uses; Whoosh stays behind this module.

Reads settings from the app config, never from the request.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from flask import current_app

from directory.search import index, query, table
from directory.search.query import Filters, Origin, SearchResults, search

log = logging.getLogger(__name__)
T = TypeVar("T")


def index_root() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def catch_up() -> None:
    """Apply outbox rows this node has not indexed yet; cheap when there are none.

    Called after every commit that writes the outbox and before every search, so
    a change made in one worker is visible to a search in any other straight away.
    If another process holds the write lock it is doing the same work. A deleted or
    damaged index is rebuilt from the database, which holds the change just made.
    """
    root = index_root()
    _repairing(lambda: _catch_up(root))


def _repairing(action: Callable[[], T]) -> T:
    """Run ``action``; if it failed because the index files are missing or damaged
    (not because of a fault in the search itself, which is raised), rebuild the
    index from the database and run it once more: no 500, no restart."""
    try:
        return action()
    except Exception:
        root = index_root()
        if index.readable(root):
            raise
        log.warning("search index unreadable; rebuilding it from the database")
        clear_caches()
        index.repair(root)
        return action()


def _catch_up(root: Path) -> None:
    if index.is_behind(root):
        applied = index.drain(root, timeout=current_app.config["SEARCH_WRITE_TIMEOUT"])
        if applied < 0:
            log.info("search index busy; left the outbox for the next drain")


def clear_caches() -> None:
    """Drop every per-process cache of indexes and document tables."""
    index.forget_open_indexes()
    table.clear_caches()


def index_ready() -> bool:
    """Readiness: this node's index reads right through, after repairing it if it
    did not (a node taken out of service for its index would otherwise never get
    the search that rebuilds it). False when even that fails."""
    root = index_root()
    if index.readable(root, thorough=False):
        return True
    try:
        index.repair(root)
    except Exception:
        log.exception("search index could not be rebuilt")
        return False
    return index.readable(root, thorough=False)


def find(
    text: str,
    filters: Filters,
    *,
    origin: Origin | None,
    now: datetime,
    page: int,
    page_size: int,
    related: int = 0,
    related_area: str | None = None,
    reader_language: str = "",
    wherever_size: int = 0,
) -> SearchResults:
    """Services for a search; with ``related``, also up to that many awareness pages
    for the same words (from the same up-to-date searcher), hubs only of
    ``related_area``. ``wherever_size``: see query.search.

    Answered even when the index was deleted or damaged meanwhile (_repairing)."""
    return _repairing(lambda: _find(text, filters, origin, now, page, page_size, related, related_area,
                                    reader_language, wherever_size))


def _find(text: str, filters: Filters, origin: Origin | None, now: datetime, page: int, page_size: int,
          related: int, related_area: str | None, reader_language: str, wherever_size: int) -> SearchResults:
    catch_up()
    opened = index.open_index(index_root())
    if opened is None:  # catch_up builds one; this only happens if that failed
        raise RuntimeError("search index is not available")
    ix, folder = opened
    with ix.searcher() as searcher:
        results = search(
            searcher,
            str(folder),
            text,
            filters,
            origin=origin,
            now=now,
            page=page,
            page_size=page_size,
            reader_language=reader_language,
            wherever_size=wherever_size,
        )
        results.generation = f"{folder}:{searcher.reader().generation()}"
        if related and text.strip():
            results.related = query.search_pages(searcher, text, _as_utc(now), related, related_area)
        return results


def _as_utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
