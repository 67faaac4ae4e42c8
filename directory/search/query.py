"""The one query function behind the results page and GET /api/v1/search.

Whoosh does the text matching and scoring. Filters and facet counts use bitsets
over a per-index-generation table of each document's stored attributes (see
Table); facet counts are disjunctive (each facet is counted as if its own filter
were off, so a person can widen a choice). Distance and "open now" depend on the
request and are checked document by document.
"""
from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from whoosh import qparser
from whoosh.query import NullQuery, Or, Query, Term
from whoosh.searching import Searcher

from directory import opening
from directory.counties.pack import current_pack
from directory.geo.lookup import Point, fast_distance_miles
from directory.search.schema import SCHEMA, TEXT_FIELDS
from directory.search.table import (
    BITSET_FACETS,
    FACETS,
    Doc,
    Table,
    bits,
    doc_table,
    each_position,
    first_positions,
)
from directory.search.understanding import extract_age, intents, language_intents

MAX_QUERY_LENGTH = 200
INTENT_BOOST = 3.0
# When no service has all the words, a word in more than this share of a field's
# documents is left out of "any of the words" (unless every word is that common):
# "people at school pick on me" would otherwise match nearly every listing on
# "people" ("young people" is in most descriptions), telling the reader nothing and
# costing 150 ms at 10,000 services.
COMMON_SHARE = 0.3
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
    # Under a distance sort: the best services reached by phone, text or online from
    # anywhere, shown as their own group (page 1 only) and left out of ``hits``.
    wherever: list[Hit] = field(default_factory=list)
    # The index generation that answered: what a cache of the listings shown may key on.
    generation: str = ""


def _text_query(parser: qparser.QueryParser, text: str, needs: list[str]) -> Query | None:
    parsed = parser.parse(text) if text else None
    if parsed is NullQuery:
        parsed = None
    extra = [Term("category", slug, boost=INTENT_BOOST) for slug in needs]
    parts = ([parsed] if parsed is not None else []) + extra
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Or(parts)


def _matches(searcher: Searcher, table: Table, query: Query | None) -> dict[int, float]:
    """docnum -> score for the public documents the query matches (all of them
    for no query). The status check is the table's, which costs nothing per search."""
    if query is None:
        return dict.fromkeys(table.docnums, 0.0)
    results = searcher.search(query, limit=None, terms=False)
    known = table.position
    return {docnum: score for score, docnum in results.top_n if docnum in known}


def _without_common_words(searcher: Searcher, query: Query | None) -> Query | None:
    """``query`` (an "any of the words" Or) without the text terms found in more
    than COMMON_SHARE of the documents; unchanged if that would leave nothing that
    finds anything."""
    if not isinstance(query, Or):
        return query
    most = COMMON_SHARE * searcher.doc_count()

    def common(part: Query) -> bool:
        return (isinstance(part, Term) and part.fieldname in TEXT_FIELDS
                and searcher.doc_frequency(part.fieldname, part.text) > most)

    def found(part: Query) -> bool:
        return not isinstance(part, Term) or searcher.doc_frequency(part.fieldname, part.text) > 0

    kept = []
    for part in query.subqueries:
        part = _without_common_words(searcher, part)
        if not common(part):
            kept.append(part)
    if not any(found(part) for part in kept):
        return query  # every word that finds anything is a common one
    return kept[0] if len(kept) == 1 else Or(kept, boost=query.boost)


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


REMOTE_MODES = frozenset({"phone", "online"})
YOUTH_MAX_AGE = 25  # a service whose oldest client is this age or younger is for young people
YOUTH_BOOST = 1.5


def _is_remote(doc: Doc) -> bool:
    """Reached only by phone, text or online, from anywhere: no place to go to and
    nobody who comes to you (an outreach team with no address stays in the list)."""
    return not doc.points and bool(doc.mode & REMOTE_MODES) and "in_person" not in doc.mode


def _is_open(doc: Doc, moment: datetime, bank_holidays: Container[date] | None = None) -> bool:
    """The listing page's rule (directory/opening.py), with the county's bank holidays
    (looked up here unless the caller, walking many documents, passes them)."""
    if bank_holidays is None:
        bank_holidays = current_pack().bank_holidays()
    return opening.is_open(doc.schedule, moment, closed_on_bank_holidays=not doc.open_on_bank_holidays,
                           bank_holidays=bank_holidays)


def _distance(doc: Doc, origin: Origin) -> float | None:
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


def _score(searcher: Searcher, table: Table, text: str, reader_language: str = "") -> _Scored:
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
    relaxed = _without_common_words(searcher, _text_query(_OR_PARSER, suggestion or text, needs))
    scored.scores = _matches(searcher, table, relaxed)
    scored.relaxed, scored.needs = bool(scored.scores), needs
    return scored


def _within_reach(table: Table, candidates: int, origin: Origin | None, now: datetime | None,
                  check_open: bool) -> tuple[int, dict[int, float | None]]:
    """Narrow candidates by "near" and "open now", which depend on the request.
    Returns the remaining bitset and each kept position's distance in miles."""
    distances: dict[int, float | None] = {}
    kept = []
    holidays = current_pack().bank_holidays() if check_open else None
    for position in each_position(candidates, table.size):
        doc = table.order[position]
        if check_open and not _is_open(doc, now, holidays):
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
    return bits(table.size, kept), distances


def _filter(
    table: Table,
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
    wherever_size: int = 0,
) -> SearchResults:
    """Run one search. ``text`` is what the person typed; it is cleaned here.
    ``reader_language`` is the page's language when it is not the default one.
    With an ``origin``, up to ``wherever_size`` services reached from anywhere are
    grouped apart (``SearchResults.wherever``)."""
    table = doc_table(searcher, index_key)
    text, typed_age = extract_age(clean_text(text))
    age = filters.age if filters.age is not None else typed_age
    scored = _score(searcher, table, text, reader_language)
    scores = scored.scores
    if text:
        matched = bits(table.size, (table.position[docnum] for docnum in scores))
    else:
        matched = table.everything if scores else 0
    check_open = filters.open_now and now is not None
    distances: dict[int, float | None] = {}
    if origin is not None or check_open:
        matched, distances = _within_reach(table, matched, origin, now, check_open)
    selected, facets = _filter(table, matched, filters, age)

    total = selected.bit_count()
    chosen = selected.to_bytes((table.size + 7) // 8, "little")

    def is_chosen(position: int) -> bool:
        return bool(chosen[position >> 3] >> (position & 7) & 1)

    wherever: list[int] = []
    if origin is not None and wherever_size and (text or filters.category):
        # Distance means nothing to a helpline: its best few form their own group
        # instead of sinking below every place, however far. Best: of the type of help
        # the words asked for, then by the text's score, raised for services made for
        # young people (the directory's readers).
        needs = frozenset(scored.needs)
        remote = (p for p, distance in distances.items()
                  if distance is None and is_chosen(p) and _is_remote(table.order[p]))
        wherever = [item[-1] for item in heapq.nsmallest(wherever_size, (
            (not needs & table.order[p].category,
             -scores.get(table.docnums[p], 0.0) * (YOUTH_BOOST if table.order[p].max_age <= YOUTH_MAX_AGE else 1.0),
             p)
            for p in remote
        ))]
    grouped = set(wherever)
    listed = total - len(grouped)
    start = (page - 1) * page_size
    wanted = start + page_size
    if origin is None and not text:
        # Name order is position order: the page is just the lowest set positions.
        page_positions = first_positions(selected, wanted)[start:]
    elif origin is not None:
        # Nearest first; services with no fixed place after every located one.
        ranked = (
            (distances[p] is None, distances[p] or 0.0, -scores.get(table.docnums[p], 0.0), p)
            for p in distances if is_chosen(p) and p not in grouped
        )
        page_positions = [item[-1] for item in heapq.nsmallest(wanted, ranked)][start:]
    else:
        ranked = (
            (-score, position)
            for docnum, score in scores.items()
            if is_chosen(position := table.position[docnum])
        )
        page_positions = [item[-1] for item in heapq.nsmallest(wanted, ranked)][start:]

    def hit(position: int) -> Hit:
        return Hit(table.order[position].id, scores.get(table.docnums[position], 0.0), distances.get(position))

    return SearchResults(
        total=total,
        hits=[hit(p) for p in page_positions],
        page=page,
        pages=max(1, math.ceil(listed / page_size)),
        facets=facets,
        age=age,
        corrected=scored.corrected,
        did_you_mean=scored.did_you_mean,
        relaxed=scored.relaxed,
        needs=scored.needs,
        wherever=[hit(p) for p in wherever] if page == 1 else [],
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


def search_pages(searcher: Searcher, text: str, now: datetime, limit: int = 5,
                 area: str | None = None) -> list[PageHit]:
    """Advice, hub pages and campaigns matching the words, live at ``now``.

    A district's hub is only offered to someone searching in that district
    (``area``): another district's local help is no help."""
    text = extract_age(clean_text(text))[0]
    query = _text_query(_AND_PARSER, text, intents(text)) if text else None
    if query is None:
        return []
    hits = []
    for hit in searcher.search(query, filter=Term("kind", "page"), limit=50):
        stored = hit.fields()
        if stored.get("subkind") == "hub" and (area is None or stored.get("area") != area):
            continue
        if _in_window(stored, now):
            hits.append(PageHit(stored["subkind"], stored["label"], stored["url"], stored["blurb"]))
            if len(hits) == limit:
                break
    return hits
