"""The one query function behind the results page and GET /api/v1/search.

Whoosh does the text matching and scoring. Filters and facet counts use bitsets
over a per-index-generation table of each document's stored attributes (see
_Table); facet counts are disjunctive (each facet is counted as if its own filter
were off, so a person can widen a choice). Distance and "open now" depend on the
request and are checked document by document.
"""
from __future__ import annotations

import heapq
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone

from whoosh import qparser
from whoosh.query import NullQuery, Or, Query, Term
from whoosh.searching import Searcher

from directory.core import slot_is_open
from directory.geo.lookup import Point, fast_distance_miles
from directory.search.schema import SCHEMA, TEXT_FIELDS
from directory.search.understanding import extract_age, intents, language_intents

MAX_QUERY_LENGTH = 200
INTENT_BOOST = 3.0
FACETS = ("category", "area", "mode", "language")
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
    language: frozenset[str] = frozenset()  # ISO 639 codes: offered in any of these
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
    needs: list[str] = field(default_factory=list)  # categories understood from the words


@dataclass(frozen=True)
class _Doc:
    id: str
    category: frozenset[str]
    area: frozenset[str]
    mode: frozenset[str]
    language: frozenset[str]
    min_age: int
    max_age: int
    free: bool
    points: tuple[tuple[float, float], ...]
    schedule: tuple[tuple[int, int, int], ...]
    sort_name: str
    age: tuple[str, ...]  # the AGE_BANDS this service serves, for facet counts
    free_label: tuple[str, ...]  # ("free",) or (), counted like the other facets


BITSET_FACETS = (*FACETS, "age", "free_label")


def _bits(size: int, positions) -> int:
    """A bitset (an int) with the given positions set."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def _each_position(mask: int, size: int):
    """Every set position, lowest first (one pass over the bytes)."""
    for index, byte in enumerate(mask.to_bytes((size + 7) // 8, "little")):
        while byte:
            low = byte & -byte
            yield (index << 3) + low.bit_length() - 1
            byte ^= low


def _first_positions(mask: int, count: int) -> list[int]:
    """The lowest ``count`` set positions (cheap for a page of results)."""
    found = []
    while mask and len(found) < count:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


@dataclass
class _Table:
    """Every public document of one index generation, as this process sees it.

    Documents get a position in name order, and each facet value a bitset of
    positions (Python ints), so filters and facet counts are a few AND and
    bit_count() calls whatever the size of the directory.
    """

    order: list[_Doc]  # by name; a document's position is its index here
    docnums: list[int]  # docnum at each position
    position: dict[int, int]  # docnum -> position
    masks: dict[str, dict[str, int]]  # facet -> value -> bitset
    everything: int
    _ages: dict[int, int] = field(default_factory=dict)

    @classmethod
    def build(cls, docs: dict[int, _Doc]) -> _Table:
        pairs = sorted(docs.items(), key=lambda item: item[1].sort_name)
        size = len(pairs)
        builders: dict[str, dict[str, bytearray]] = {name: {} for name in BITSET_FACETS}
        for position, (_docnum, doc) in enumerate(pairs):
            byte, bit = position >> 3, 1 << (position & 7)
            for name in BITSET_FACETS:
                facet = builders[name]
                for value in getattr(doc, name):
                    buffer = facet.get(value)
                    if buffer is None:
                        buffer = facet[value] = bytearray((size + 7) // 8)
                    buffer[byte] |= bit
        return cls(
            order=[doc for _docnum, doc in pairs],
            docnums=[docnum for docnum, _doc in pairs],
            position={docnum: position for position, (docnum, _doc) in enumerate(pairs)},
            masks={name: {value: int.from_bytes(buffer, "little") for value, buffer in facet.items()}
                   for name, facet in builders.items()},
            everything=(1 << size) - 1,
        )

    @property
    def size(self) -> int:
        return len(self.order)

    def age_mask(self, age: int) -> int:
        mask = self._ages.get(age)
        if mask is None:
            mask = self._ages[age] = _bits(
                self.size, (p for p, doc in enumerate(self.order) if doc.min_age <= age <= doc.max_age)
            )
        return mask


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
        language=_split(stored.get("language")),
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
    table = _Table.build(docs)
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
        return dict.fromkeys(table.docnums, 0.0)
    results = searcher.search(query, limit=None, terms=False)
    known = table.position
    return {docnum: score for score, docnum in results.top_n if docnum in known}


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
            and lowered.isascii()  # the index's words are English: never suggest them for other scripts
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
    needs: list[str] = field(default_factory=list)  # the categories the words asked for


def _language_needs(searcher: Searcher, text: str, locale: str, needs: list[str]) -> list[str]:
    """Needs named in the county's other languages (``locale``'s, or any), beyond
    ``needs``; words the index has itself are left to the English search."""
    reader = searcher.reader()
    known = frozenset(w for w in re.findall(r"\w+", text.lower()) if reader.frequency("spelling", w))
    return [slug for slug in language_intents(text, known, locale) if slug not in needs]


def _score(searcher: Searcher, table: _Table, text: str, reader_language: str = "") -> _Scored:
    """Match the words: all of them; else a corrected spelling; else any of them.

    Needs named in the county's other languages join the words at once on a page
    in one of those languages (``reader_language``); on an English page, only after
    an English spelling correction found nothing, so "fotball" is still corrected
    to football rather than read as Romanian. A reader's page language is matched
    alone, so a Polish word is never mistaken for a Lithuanian one."""
    needs = intents(text)
    if reader_language and text:
        needs += _language_needs(searcher, text, reader_language, needs)
    query = _text_query(_AND_PARSER, text, needs)
    if query is None:
        # Typed text with no searchable word in it ("*:*", "the") matches nothing;
        # only an empty box lists everything.
        return _Scored({} if text else _matches(searcher, table, None))
    scored = _Scored(_matches(searcher, table, query), needs=needs)
    if scored.scores or not text:
        return scored
    suggestion = _spelling_correction(searcher, text)
    if suggestion:
        corrected_needs = intents(suggestion)
        scored.scores = _matches(searcher, table, _text_query(_AND_PARSER, suggestion, corrected_needs))
        if scored.scores:
            scored.corrected, scored.needs = suggestion, corrected_needs
            return scored
        scored.did_you_mean = suggestion
    # Only now, on an English page: the words may be another language's.
    foreign = [] if reader_language else _language_needs(searcher, text, "", needs)
    if foreign:
        needs = needs + foreign
        scores = _matches(searcher, table, _text_query(_AND_PARSER, text, needs))
        if scores:
            return _Scored(scores, needs=needs)
    scored.scores = _matches(searcher, table, _text_query(_OR_PARSER, suggestion or text, needs))
    scored.relaxed, scored.needs = bool(scored.scores), needs
    return scored


def _within_reach(table: _Table, candidates: int, origin: Origin | None, now: datetime | None,
                  check_open: bool) -> tuple[int, dict[int, float | None]]:
    """Narrow candidates by "near" and "open now", which depend on the request.
    Returns the remaining bitset and each kept position's distance in miles."""
    distances: dict[int, float | None] = {}
    kept = []
    for position in _each_position(candidates, table.size):
        doc = table.order[position]
        if check_open and not _is_open(doc, now):
            continue
        if origin is not None:
            distance = _distance(doc, origin)
            if distance is None:
                # No fixed place: keep it if it serves the place searched near.
                if origin.area is not None and origin.area not in doc.area:
                    continue
            elif distance > origin.max_miles:
                continue
            distances[position] = distance
        kept.append(position)
    return _bits(table.size, kept), distances


def _filter(
    table: _Table,
    matched: int,
    filters: Filters,
    age: int | None,
) -> tuple[int, dict[str, dict[str, int]]]:
    """Apply the filters to a bitset of candidates; count each facet as if its own
    filter were off (so a person can widen a choice). Returns (selected, facets)."""
    wanted: dict[str, int] = {}
    for name in FACETS:
        values = getattr(filters, name)
        if values:
            union = 0
            for value in values:
                union |= table.masks[name].get(value, 0)
            wanted[name] = union
    if age is not None:
        wanted["age"] = table.age_mask(age)
    if filters.free:
        wanted["free_label"] = table.masks["free_label"].get("free", 0)
    selected = matched
    for mask in wanted.values():
        selected &= mask
    facets = {}
    for name in BITSET_FACETS:
        others = matched
        for other, mask in wanted.items():
            if other != name:
                others &= mask
        counts = {value: (others & mask).bit_count() for value, mask in table.masks[name].items()}
        facets["free" if name == "free_label" else name] = {v: c for v, c in counts.items() if c}
    return selected, facets


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
    reader_language: str = "",
) -> SearchResults:
    """Run one search. ``text`` is what the person typed; it is cleaned here.
    ``reader_language`` is the page's language when it is not the default one."""
    table = _doc_table(searcher, index_key)
    text, typed_age = extract_age(clean_text(text))
    age = filters.age if filters.age is not None else typed_age
    scored = _score(searcher, table, text, reader_language)
    scores = scored.scores
    if text:
        matched = _bits(table.size, (table.position[docnum] for docnum in scores))
    else:
        matched = table.everything if scores else 0
    check_open = filters.open_now and now is not None
    distances: dict[int, float | None] = {}
    if origin is not None or check_open:
        matched, distances = _within_reach(table, matched, origin, now, check_open)
    selected, facets = _filter(table, matched, filters, age)

    total = selected.bit_count()
    start = (page - 1) * page_size
    wanted = start + page_size
    if origin is None and not text:
        # Name order is position order: the page is just the lowest set positions.
        page_positions = _first_positions(selected, wanted)[start:]
    else:
        chosen = selected.to_bytes((table.size + 7) // 8, "little")

        def is_chosen(position: int) -> bool:
            return bool(chosen[position >> 3] >> (position & 7) & 1)

        if origin is not None:
            # Nearest first; services with no fixed place after every located one.
            ranked = (
                (distances[p] is None, distances[p] or 0.0, -scores.get(table.docnums[p], 0.0), p)
                for p in distances if is_chosen(p)
            )
        else:
            ranked = (
                (-score, position)
                for docnum, score in scores.items()
                if is_chosen(position := table.position[docnum])
            )
        page_positions = [item[-1] for item in heapq.nsmallest(wanted, ranked)][start:]
    return SearchResults(
        total=total,
        hits=[
            Hit(table.order[p].id, scores.get(table.docnums[p], 0.0), distances.get(p))
            for p in page_positions
        ],
        page=page,
        pages=max(1, math.ceil(total / page_size)),
        facets=facets,
        age=age,
        corrected=scored.corrected,
        did_you_mean=scored.did_you_mean,
        relaxed=scored.relaxed,
        needs=scored.needs,
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
            hits.append(PageHit(stored["subkind"], stored["label"], stored["url"], stored["blurb"]))
            if len(hits) == limit:
                break
    return hits
