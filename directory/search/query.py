"""The one query function behind the results page and GET /api/v1/search.

Whoosh does the text matching and scoring. Filters, facet counts, distance and
"open now" are applied over a per-index-generation table of each document's
stored attributes, which also makes facet counts disjunctive (each facet is
counted as if its own filter were off, so a person can widen a choice).
"""
from __future__ import annotations

import heapq
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from itertools import chain
from operator import attrgetter

from whoosh import qparser
from whoosh.query import NullQuery, Or, Query, Term
from whoosh.searching import Searcher

from directory.geo.lookup import Point, fast_distance_miles
from directory.listings.models import slot_is_open
from directory.search.schema import SCHEMA, TEXT_FIELDS
from directory.search.understanding import extract_age, intents

MAX_QUERY_LENGTH = 200
INTENT_BOOST = 3.0
FACETS = ("category", "area", "mode")
AGE_BANDS = (("0-10", 0, 10), ("11-15", 11, 15), ("16-17", 16, 17), ("18-25", 18, 25), ("26+", 26, 200))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Normalise what was typed: NFKC, no control characters, capped length."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(_CONTROL.sub(" ", text).split())[:MAX_QUERY_LENGTH]


def make_parser(group=qparser.AndGroup) -> qparser.QueryParser:
    """A parser over the public text fields only (SRCH-2, SRCH-3).

    Plugins: whitespace, phrases in double quotes, and the multi-field expansion.
    No field syntax (``status:pending``), wildcards, ranges, boosts or ``*:*``:
    those characters are plain text.
    """
    return qparser.MultifieldParser(
        list(TEXT_FIELDS),
        SCHEMA,
        fieldboosts=TEXT_FIELDS,
        plugins=[qparser.PhrasePlugin()],
        group=group,
    )


_AND_PARSER = make_parser()
_OR_PARSER = make_parser(qparser.OrGroup.factory(0.9))


@dataclass(frozen=True)
class Filters:
    category: frozenset[str] = frozenset()
    area: frozenset[str] = frozenset()
    mode: frozenset[str] = frozenset()
    age: int | None = None
    free: bool = False
    open_now: bool = False


@dataclass(frozen=True)
class Origin:
    """Where "near" points, and the area it falls in (for services with no address)."""

    point: Point
    area: str | None = None
    max_miles: float = 30.0


@dataclass
class Hit:
    id: str
    score: float
    distance_miles: float | None


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    page: int
    pages: int
    facets: dict[str, dict[str, int]]
    age: int | None = None
    corrected: str | None = None  # the results shown are for this spelling
    did_you_mean: str | None = None  # a spelling worth offering as a link
    relaxed: bool = False  # no listing had every word; these have some
    related: list = field(default_factory=list)  # awareness pages for the same words


@dataclass(frozen=True)
class _Doc:
    id: str
    category: frozenset[str]
    area: frozenset[str]
    mode: frozenset[str]
    min_age: int
    max_age: int
    free: bool
    points: tuple[tuple[float, float], ...]
    schedule: tuple[tuple[int, int, int], ...]
    sort_name: str
    age: tuple[str, ...]  # the AGE_BANDS this service serves, for facet counts
    free_label: tuple[str, ...]  # ("free",) or (), counted like the other facets


@dataclass
class _Table:
    """Every public document of one index generation, as this process sees it."""

    docs: dict[int, _Doc]
    rank: dict[str, int]  # service id -> position in name order, for cheap sorting
    everything: tuple[list[tuple[_Doc, float, None]], dict[str, dict[str, int]]] | None = None


_tables: dict[tuple[str, int], _Table] = {}
# Documents of each segment, by local docnum, before deletions are applied. A drain
# adds a small segment and marks deletions, so most of this survives a change.
_segments: dict[tuple[str, str], dict[int, _Doc]] = {}


def clear_caches() -> None:
    """Forget this process's document tables (tests and benchmarks switch indexes)."""
    _tables.clear()
    _segments.clear()


def _split(value: str) -> frozenset[str]:
    return frozenset(v for v in (value or "").split(",") if v)


def _make_doc(stored: dict) -> _Doc | None:
    # Defence in depth (SRCH-1): only active services are indexed, and any
    # other document is left out of every search here too.
    if stored.get("kind") != "service" or stored.get("status") != "active":
        return None
    min_age, max_age = int(stored.get("min_age", 0)), int(stored.get("max_age", 200))
    points = tuple(
        (float(lat), float(lon))
        for lat, lon in (p.split(",") for p in (stored.get("points") or "").split(";") if p)
    )
    return _Doc(
        id=stored["id"],
        category=_split(stored.get("category")),
        area=_split(stored.get("area")),
        mode=_split(stored.get("mode")),
        min_age=min_age,
        max_age=max_age,
        free=bool(stored.get("free")),
        points=points,
        schedule=tuple(tuple(s) for s in json.loads(stored.get("schedule") or "[]")),
        sort_name=stored.get("sort_name", ""),
        age=tuple(label for label, low, high in AGE_BANDS if min_age <= high and max_age >= low),
        free_label=("free",) if stored.get("free") else (),
    )


def _segment_docs(index_key: str, leaf) -> tuple[str, dict[int, _Doc]]:
    key = (index_key, leaf.segment().segment_id())
    docs = _segments.get(key)
    if docs is None:
        docs = {}
        for docnum in range(leaf.doc_count_all()):
            doc = _make_doc(leaf.stored_fields(docnum))
            if doc is not None:
                docs[docnum] = doc
        _segments[key] = docs
    return key, docs


def _doc_table(searcher: Searcher, index_key: str) -> _Table:
    """The table for the searcher's generation, assembled from cached segments."""
    reader = searcher.reader()
    key = (index_key, reader.generation())
    table = _tables.get(key)
    if table is not None:
        return table
    docs: dict[int, _Doc] = {}
    live: set[tuple[str, str]] = set()
    for leaf, base in reader.leaf_readers():
        if leaf.doc_count_all() == 0 or not hasattr(leaf, "segment"):
            continue
        segment_key, segment = _segment_docs(index_key, leaf)
        live.add(segment_key)
        deleted = leaf.is_deleted if leaf.has_deletions() else None
        docs.update(
            (base + docnum, doc)
            for docnum, doc in segment.items()
            if deleted is None or not deleted(docnum)
        )
    for stale in set(_segments) - live:
        del _segments[stale]
    order = sorted(docs.values(), key=attrgetter("sort_name"))
    table = _Table(docs, {doc.id: position for position, doc in enumerate(order)})
    _tables.clear()
    _tables[key] = table
    return table


def _text_query(parser: qparser.QueryParser, text: str, needs: list[str]) -> Query | None:
    parsed = parser.parse(text) if text else None
    if parsed is NullQuery:
        parsed = None
    extra = [Term("category", slug, boost=INTENT_BOOST) for slug in needs]
    parts = ([parsed] if parsed is not None else []) + extra
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Or(parts)


def _matches(searcher: Searcher, table: _Table, query: Query | None) -> dict[int, float]:
    """docnum -> score for the public documents the query matches (all of them
    for no query). The status check is the table's, which costs nothing per search."""
    if query is None:
        return dict.fromkeys(table.docs, 0.0)
    results = searcher.search(query, limit=None, terms=False)
    docs = table.docs
    return {docnum: score for score, docnum in results.top_n if docnum in docs}


def _spelling_correction(searcher: Searcher, text: str) -> str | None:
    """Replace words the index has never seen with its closest known word."""
    reader = searcher.reader()
    corrector = reader.corrector("spelling")
    changed = False
    words = []
    for word in re.findall(r"\w+|\W+", text):
        lowered = word.lower()
        if (
            len(lowered) >= 3
            and lowered.isalpha()
            and not reader.frequency("spelling", lowered)
        ):
            # Whoosh ranks suggestions by frequency alone, whatever their edit
            # distance, so ask for one edit before two ("helth" -> "health", not "help").
            for distance in (1, 2):
                suggestions = corrector.suggest(lowered, limit=1, maxdist=distance, prefix=1)
                if suggestions:
                    break
            if suggestions:
                words.append(suggestions[0])
                changed = True
                continue
        words.append(word)
    return "".join(words) if changed else None


def _is_open(doc: _Doc, moment: datetime) -> bool:
    return any(slot_is_open(*slot, moment) for slot in doc.schedule)


def _distance(doc: _Doc, origin: Origin) -> float | None:
    if not doc.points:
        return None
    lat, lon = origin.point.latitude, origin.point.longitude
    return min(fast_distance_miles(lat, lon, p_lat, p_lon) for p_lat, p_lon in doc.points)


@dataclass
class _Scored:
    scores: dict[int, float]
    corrected: str | None = None
    did_you_mean: str | None = None
    relaxed: bool = False


def _score(searcher: Searcher, table: _Table, text: str) -> _Scored:
    """Match the words: all of them; else a corrected spelling; else any of them."""
    needs = intents(text)
    query = _text_query(_AND_PARSER, text, needs)
    if query is None:
        # Typed text with no searchable word in it ("*:*", "the") matches nothing;
        # only an empty box lists everything.
        return _Scored({} if text else _matches(searcher, table, None))
    scored = _Scored(_matches(searcher, table, query))
    if scored.scores or not text:
        return scored
    suggestion = _spelling_correction(searcher, text)
    if suggestion:
        scored.scores = _matches(
            searcher, table, _text_query(_AND_PARSER, suggestion, intents(suggestion))
        )
        if scored.scores:
            scored.corrected = suggestion
            return scored
        scored.did_you_mean = suggestion
    scored.scores = _matches(searcher, table, _text_query(_OR_PARSER, suggestion or text, needs))
    scored.relaxed = bool(scored.scores)
    return scored


def _filter(
    scores: dict[int, float],
    docs: dict[int, _Doc],
    filters: Filters,
    age: int | None,
    origin: Origin | None,
    now: datetime | None,
) -> tuple[list[tuple[_Doc, float, float | None]], dict[str, dict[str, int]]]:
    """Apply the filters; count facets as if each facet's own filter were off."""
    wanted = [(name, getattr(filters, name)) for name in FACETS if getattr(filters, name)]
    check_open = filters.open_now and now is not None
    unfiltered = not (wanted or check_open or origin or filters.free) and age is None
    selected: list[tuple[_Doc, float, float | None]] = []
    # Documents that miss exactly one filter still count towards that facet.
    near_misses: dict[str, list[_Doc]] = {name: [] for name in (*FACETS, "age", "free_label")}
    for docnum, score in scores.items():
        doc = docs.get(docnum)
        if doc is None:
            continue
        if unfiltered:
            selected.append((doc, score, None))
            continue
        if check_open and not _is_open(doc, now):
            continue
        distance = None
        if origin is not None:
            distance = _distance(doc, origin)
            if distance is None:
                # No fixed place: keep it if it serves the place searched near.
                if origin.area is not None and origin.area not in doc.area:
                    continue
            elif distance > origin.max_miles:
                continue
        missed = [name for name, values in wanted if not getattr(doc, name) & values]
        if age is not None and not doc.min_age <= age <= doc.max_age:
            missed.append("age")
        if filters.free and not doc.free:
            missed.append("free_label")
        if not missed:
            selected.append((doc, score, distance))
        elif len(missed) == 1:
            near_misses[missed[0]].append(doc)
    chosen = [doc for doc, _score, _distance in selected]
    counts = {
        name: dict(Counter(chain.from_iterable(map(attrgetter(name), chosen + near_misses[name]))))
        for name in near_misses
    }
    counts["free"] = counts.pop("free_label")
    return selected, counts


def search(
    searcher: Searcher,
    index_key: str,
    text: str,
    filters: Filters,
    *,
    origin: Origin | None = None,
    now: datetime | None = None,
    page: int = 1,
    page_size: int = 20,
) -> SearchResults:
    """Run one search. ``text`` is what the person typed; it is cleaned here."""
    table = _doc_table(searcher, index_key)
    text, typed_age = extract_age(clean_text(text))
    age = filters.age if filters.age is not None else typed_age
    scored = _score(searcher, table, text)
    if not text and filters == Filters() and age is None and origin is None:
        # The empty box (and the first page of every browse) is the same for the
        # whole generation: filter and count it once.
        if table.everything is None:
            table.everything = _filter(scored.scores, table.docs, filters, None, None, now)
        selected, facets = table.everything
    else:
        selected, facets = _filter(scored.scores, table.docs, filters, age, origin, now)

    rank = table.rank

    def by_name(hit: tuple[_Doc, float, float | None]) -> int:
        return rank[hit[0].id]

    def by_score(hit: tuple[_Doc, float, float | None]) -> tuple:
        return (-hit[1], rank[hit[0].id])

    def by_distance(hit: tuple[_Doc, float, float | None]) -> tuple:
        # Nearest first; services with no fixed place after every located one.
        return (hit[2] is None, hit[2] or 0.0, -hit[1], rank[hit[0].id])

    key = by_distance if origin is not None else by_score if text else by_name
    start = (page - 1) * page_size
    # Only the requested page is ordered; the rest is just counted.
    page_hits = heapq.nsmallest(start + page_size, selected, key=key)[start:]
    return SearchResults(
        total=len(selected),
        hits=[Hit(doc.id, score, distance) for doc, score, distance in page_hits],
        page=page,
        pages=max(1, math.ceil(len(selected) / page_size)),
        facets=facets,
        age=age,
        corrected=scored.corrected,
        did_you_mean=scored.did_you_mean,
        relaxed=scored.relaxed,
    )


@dataclass(frozen=True)
class PageHit:
    kind: str
    title: str
    url: str
    summary: str


def _in_window(stored: dict, now: datetime) -> bool:
    stamp = (now if now.tzinfo else now.replace(tzinfo=timezone.utc)).timestamp()
    if stored.get("status") != "published":
        return False
    if stored.get("publish_ts") and stored["publish_ts"] > stamp:
        return False
    if stored.get("unpublish_ts") and stamp >= stored["unpublish_ts"]:
        return False
    return not (stored.get("ends_ord") and now.date().toordinal() > stored["ends_ord"])


def search_pages(searcher: Searcher, text: str, now: datetime, limit: int = 5) -> list[PageHit]:
    """Advice, hub pages and campaigns matching the words, live at ``now``."""
    text = extract_age(clean_text(text))[0]
    query = _text_query(_AND_PARSER, text, intents(text)) if text else None
    if query is None:
        return []
    hits = []
    for hit in searcher.search(query, filter=Term("kind", "page"), limit=50):
        stored = hit.fields()
        if _in_window(stored, now):
            hits.append(PageHit(stored["page_kind"], stored["label"], stored["url"], stored["blurb"]))
            if len(hits) == limit:
                break
    return hits
