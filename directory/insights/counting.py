"""Counting searches and service visits without slowing a page or keeping anything personal.

Each worker adds to counters in memory and writes them at most every
INSIGHTS_FLUSH_SECONDS, in one transaction that adds to the stored totals (an
upsert, so several workers and several machines add up correctly). Counts are
written when a gunicorn worker stops gracefully (gunicorn.conf.py) and when the
process exits; a worker that crashes loses what it held, at most the last
INSIGHTS_FLUSH_SECONDS of its counts.

A discreet search is counted once however often its results are reloaded or
paged: its token is marked counted in the same transaction, and only the worker
whose update changed the token adds the count.
"""
from __future__ import annotations

import atexit
import logging
import re
import threading
import time
import weakref
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from flask import Flask, current_app
from flask_babel import get_locale
from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite

from directory.extensions import db
from directory.insights.models import SearchCount, ServiceCount
from directory.listings import signals
from directory.listings.operations import local_now
from directory.listings.search_tokens import SearchToken
from directory.search.understanding import intents

log = logging.getLogger(__name__)

NOT_GIVEN = "not-given"
NOT_RECOGNISED = "not-recognised"
COUNTY_WIDE = "county-wide"
# (oldest age in the band, band); ages above the last band are "26-plus".
AGE_BANDS = ((10, "under-11"), (15, "11-15"), (18, "16-18"), (25, "19-25"))
FEW = 5  # fewer results than this is a gap worth seeing
TOKEN_CHUNK = 500
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchKey:
    day: date
    area: str
    need: str
    age_band: str
    language: str
    channel: str
    results: str


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    return next((band for oldest, band in AGE_BANDS if age <= oldest), "26-plus")


def result_band(total: int) -> str:
    return "none" if total == 0 else "few" if total < FEW else "many"


def _area(params, page) -> str:
    if params.area:
        return params.area[0]
    place = page.place
    if place is not None and place.lad_code:
        return next((a.slug for a in page.areas if a.ons_code == place.lad_code), NOT_GIVEN)
    return NOT_GIVEN


def _need(params, page) -> str:
    """The filter chosen, else the need the words say (needs.toml), else the
    category whose name and keywords share most words with them."""
    if params.category:
        return params.category[0]
    if not params.q:
        return NOT_GIVEN
    understood = intents(params.q)
    if understood:
        return understood[0]
    words = {w for w in _WORD.findall(params.q.lower()) if len(w) > 2}
    best, shared = NOT_RECOGNISED, 0
    for category in page.categories:
        overlap = len(words & set(_WORD.findall(f"{category.name} {category.keywords or ''}".lower())))
        if overlap > shared:
            best, shared = category.slug, overlap
    return best


def search_key(params, page, channel: str, day: date, language: str) -> SearchKey:
    """The only things kept about a search: no words, place, person or token."""
    return SearchKey(day=day, area=_area(params, page), need=_need(params, page), age_band=age_band(params.age),
                     language=language, channel=channel, results=result_band(page.results.total))


class Buffer:
    """One app's counts not yet written, shared by the threads of a worker."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.searches: Counter[SearchKey] = Counter()
        self.tokens: dict[str, SearchKey] = {}
        self.services: Counter[tuple[date, str, str]] = Counter()
        self.last_flush = time.monotonic()
        self.last_prune: date | None = None

    def __len__(self) -> int:
        return len(self.searches) + len(self.tokens) + len(self.services)

    def take(self):
        with self.lock:
            taken = self.searches, self.tokens, self.services
            self.searches, self.tokens, self.services = Counter(), {}, Counter()
            self.last_flush = time.monotonic()
            return taken

    def put_back(self, searches, tokens, services) -> None:
        with self.lock:
            self.searches.update(searches)
            self.services.update(services)
            for token, key in tokens.items():
                self.tokens.setdefault(token, key)


def _buffer(app: Flask) -> Buffer:
    return app.extensions["insights"]


def _today(app: Flask) -> date:
    with app.app_context():
        return local_now().date()


def _insert(table):
    dialect = db.engine.dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise RuntimeError(f"counting is not written for {dialect}")


def _add_to(conn, model, rows: list[dict], keys: list[str]) -> None:
    if not rows:
        return
    table = model.__table__
    stmt = _insert(table).values(rows)
    conn.execute(stmt.on_conflict_do_update(index_elements=keys,
                                            set_={"count": table.c.count + stmt.excluded.count}))


def _claim_tokens(conn, tokens: dict[str, SearchKey]) -> Counter[SearchKey]:
    """Mark these searches counted; count only those no other worker counted first."""
    claimed: Counter[SearchKey] = Counter()
    names = list(tokens)
    for start in range(0, len(names), TOKEN_CHUNK):
        chunk = names[start:start + TOKEN_CHUNK]
        result = conn.execute(
            update(SearchToken.__table__)
            .where(SearchToken.token.in_(chunk), SearchToken.counted.is_(False))
            .values(counted=True)
            .returning(SearchToken.token)
        )
        claimed.update(tokens[token] for (token,) in result)
    return claimed


def flush(app: Flask | None = None) -> int:
    """Write this worker's counts; returns how many counts were added."""
    app = app or current_app._get_current_object()
    buffer = _buffer(app)
    if not len(buffer):
        return 0
    searches, tokens, services = buffer.take()
    try:
        with app.app_context(), db.engine.begin() as conn:
            all_searches = searches + _claim_tokens(conn, tokens)
            _add_to(conn, SearchCount, [{**key.__dict__, "count": n} for key, n in all_searches.items()],
                    list(SearchKey.__dataclass_fields__))
            _add_to(conn, ServiceCount, [{"day": d, "service_id": s, "kind": k, "count": n}
                                         for (d, s, k), n in services.items()],
                    ["day", "service_id", "kind"])
            _prune_daily(app, buffer, conn)
    except Exception:
        # The database is away: keep the counts for the next try rather than lose them.
        log.exception("could not write %d insight counts; keeping them for the next try", len(searches))
        buffer.put_back(searches, tokens, services)
        return 0
    return sum(all_searches.values()) + sum(services.values())


def prune(app: Flask, conn=None) -> None:
    """Delete counts older than INSIGHTS_RETENTION_DAYS."""
    oldest = _today(app) - timedelta(days=app.config["INSIGHTS_RETENTION_DAYS"])
    statements = (delete(SearchCount.__table__).where(SearchCount.day < oldest),
                  delete(ServiceCount.__table__).where(ServiceCount.day < oldest))
    if conn is not None:
        for statement in statements:
            conn.execute(statement)
        return
    with app.app_context(), db.engine.begin() as own:
        for statement in statements:
            own.execute(statement)


def _prune_daily(app: Flask, buffer: Buffer, conn) -> None:
    today = _today(app)
    if buffer.last_prune != today:
        prune(app, conn)
        buffer.last_prune = today


def _maybe_flush(app: Flask) -> None:
    buffer = _buffer(app)
    due = time.monotonic() - buffer.last_flush >= app.config["INSIGHTS_FLUSH_SECONDS"]
    if due or len(buffer) >= app.config["INSIGHTS_FLUSH_SIZE"]:
        flush(app)


def _on_search(app: Flask, params, page, channel: str, token: str | None, **_extra) -> None:
    if not app.config["INSIGHTS_ENABLED"]:
        return
    key = search_key(params, page, channel, _today(app), str(get_locale() or ""))
    buffer = _buffer(app)
    with buffer.lock:
        if token is None:
            buffer.searches[key] += 1
        else:
            buffer.tokens.setdefault(token, key)
    _maybe_flush(app)


def _on_service(app: Flask, service_id: str, kind: str) -> None:
    if not app.config["INSIGHTS_ENABLED"]:
        return
    buffer = _buffer(app)
    with buffer.lock:
        buffer.services[(_today(app), service_id, kind)] += 1
    _maybe_flush(app)


def _on_view(app: Flask, service_id: str, **_extra) -> None:
    _on_service(app, service_id, "view")


def _on_contact(app: Flask, service_id: str, **_extra) -> None:
    _on_service(app, service_id, "contact")


def _flush_at_exit(ref: weakref.ref) -> None:
    app = ref()
    if app is not None:
        flush(app)


def init_app(app: Flask) -> None:
    app.extensions["insights"] = Buffer()
    signals.searched.connect(_on_search, sender=app, weak=False)
    signals.service_viewed.connect(_on_view, sender=app, weak=False)
    signals.service_contacted.connect(_on_contact, sender=app, weak=False)
    if not app.testing:  # test apps' databases are gone by then; their tests flush themselves
        atexit.register(_flush_at_exit, weakref.ref(app))
