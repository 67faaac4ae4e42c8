"""The per-process document table behind filters and facet counts.

Each index generation's public service documents get a position in name order, and
each facet value a bitset of positions held in a Python int, so filtering is AND and
counting is ``bit_count()`` whatever the size of the directory. Tables are built
from per-segment caches, so an edit (a small new segment and some deletions)
reuses most of the work.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from whoosh.searching import Searcher

FACETS = ("category", "area", "mode", "language")
AGE_BANDS = (("0-10", 0, 10), ("11-15", 11, 15), ("16-17", 16, 17), ("18-25", 18, 25), ("26+", 26, 200))


@dataclass(frozen=True)
class Doc:
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
    open_on_bank_holidays: bool  # else its slots that start on a bank holiday do not open


BITSET_FACETS = (*FACETS, "age", "free_label")


def bits(size: int, positions) -> int:
    """A bitset (an int) with the given positions set."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def each_position(mask: int, size: int):
    """Every set position, lowest first (one pass over the bytes)."""
    for index, byte in enumerate(mask.to_bytes((size + 7) // 8, "little")):
        while byte:
            low = byte & -byte
            yield (index << 3) + low.bit_length() - 1
            byte ^= low


def first_positions(mask: int, count: int) -> list[int]:
    """The lowest ``count`` set positions (cheap for a page of results)."""
    found = []
    while mask and len(found) < count:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


@dataclass
class Table:
    """Every public document of one index generation, as this process sees it.

    Documents get a position in name order, and each facet value a bitset of
    positions (Python ints), so filters and facet counts are a few AND and
    bit_count() calls whatever the size of the directory.
    """

    order: list[Doc]  # by name; a document's position is its index here
    docnums: list[int]  # docnum at each position
    position: dict[int, int]  # docnum -> position
    masks: dict[str, dict[str, int]]  # facet -> value -> bitset
    everything: int
    _ages: dict[int, int] = field(default_factory=dict)

    @classmethod
    def build(cls, docs: dict[int, Doc]) -> Table:
        # Same names (there are many "Youth club"s) in id order, so every node and
        # every index layout ranks them alike and a page 2 never repeats a page 1.
        pairs = sorted(docs.items(), key=lambda item: (item[1].sort_name, item[1].id))
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
            mask = self._ages[age] = bits(
                self.size, (p for p, doc in enumerate(self.order) if doc.min_age <= age <= doc.max_age)
            )
        return mask


_tables: dict[tuple[str, int], Table] = {}
# Documents of each segment, by local docnum, before deletions are applied. A drain
# adds a small segment and marks deletions, so most of this survives a change.
_segments: dict[tuple[str, str], dict[int, Doc]] = {}


def clear_caches() -> None:
    """Forget this process's document tables (tests and benchmarks switch indexes)."""
    _tables.clear()
    _segments.clear()


def _split(value: str) -> frozenset[str]:
    return frozenset(v for v in (value or "").split(",") if v)


def make_doc(stored: dict) -> Doc | None:
    # Defence in depth (SRCH-1): only active services are indexed, and any
    # other document is left out of every search here too.
    if stored.get("kind") != "service" or stored.get("status") != "active":
        return None
    min_age, max_age = int(stored.get("min_age", 0)), int(stored.get("max_age", 200))
    points = tuple(
        (float(lat), float(lon))
        for lat, lon in (p.split(",") for p in (stored.get("points") or "").split(";") if p)
    )
    return Doc(
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
        open_on_bank_holidays=bool(stored.get("open_on_bank_holidays")),
    )


def _segment_docs(index_key: str, leaf) -> tuple[str, dict[int, Doc]]:
    key = (index_key, leaf.segment().segment_id())
    docs = _segments.get(key)
    if docs is None:
        docs = {}
        for docnum in range(leaf.doc_count_all()):
            doc = make_doc(leaf.stored_fields(docnum))
            if doc is not None:
                docs[docnum] = doc
        _segments[key] = docs
    return key, docs


def doc_table(searcher: Searcher, index_key: str) -> Table:
    """The table for the searcher's generation, assembled from cached segments."""
    reader = searcher.reader()
    key = (index_key, reader.generation())
    table = _tables.get(key)
    if table is not None:
        return table
    docs: dict[int, Doc] = {}
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
    table = Table.build(docs)
    _tables.clear()
    _tables[key] = table
    return table
