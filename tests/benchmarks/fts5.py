"""The peer beside Whoosh: SQLite FTS5 over the same documents and the same text queries.

Only Python's stdlib ``sqlite3``. One FTS5 table, tokenised ``porter unicode61``
and ranked by bm25 with the Whoosh field boosts as column weights, holding the
four text fields the Whoosh index searches (schema.TEXT_FIELDS, filled by the
same service_document: name, category names and keywords, summary, and the body
of description, organisation and places).

A query is the typed text cleaned as the engine cleans it (clean_text, a typed
age taken out, US spellings to British, Whoosh's stop words dropped); every
word is quoted, so nothing a person types is FTS5 syntax. All the words first;
when none matches, any of them (the engine's "relaxed" search). Each query fetches
what a results page needs: the top 20 ids and the total count.

What the peer does not do, so its figure is a floor rather than a like-for-like
replacement: spelling correction (spellfix1 is not in the stdlib), needs
understood from phrases, filters, facet counts, distance and "open now".
"""
from __future__ import annotations

import re
import sqlite3
import statistics
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from whoosh.analysis import STOP_WORDS

from directory.search.query import clean_text
from directory.search.schema import SPELLING_VARIANTS, TEXT_FIELDS
from directory.search.understanding import extract_age
from tests.benchmarks.measure import percentile

TABLE = "service_fts"
COLUMNS = tuple(TEXT_FIELDS)  # name, categories_text, summary, body
PAGE_SIZE = 20
BATCH = 1000
_WORD = re.compile(r"\w+")
_MIN_WORD = 2  # Whoosh's StopFilter drops shorter words too


def words(text: str) -> list[str]:
    """The searchable words of what was typed, in order, without repeats."""
    text, _age = extract_age(clean_text(text))
    found: list[str] = []
    for word in _WORD.findall(text.lower()):
        word = SPELLING_VARIANTS.get(word, word)
        if len(word) >= _MIN_WORD and word not in STOP_WORDS and word not in found:
            found.append(word)
    return found


def quote(word: str) -> str:
    """An FTS5 string: whatever is inside double quotes is text, never syntax
    (AND, NEAR, column:, ^, *, parentheses), and a quote is written twice."""
    return '"' + word.replace('"', '""') + '"'


def match_expression(text: str, any_word: bool = False) -> str | None:
    """The MATCH argument for typed text (None when no word is left to search)."""
    found = words(text)
    if not found:
        return None
    return (" OR " if any_word else " AND ").join(quote(w) for w in found)


def create(conn: sqlite3.Connection) -> None:
    columns = ", ".join(COLUMNS)
    conn.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5({columns}, id UNINDEXED, "
                 "tokenize = 'porter unicode61')")
    # The default ranking ("ORDER BY rank"): bm25 with the Whoosh field boosts.
    weights = ", ".join(str(TEXT_FIELDS[c]) for c in COLUMNS)
    conn.execute(f"INSERT INTO {TABLE}({TABLE}, rank) VALUES ('rank', 'bm25({weights})')")


class Peer:
    """An open FTS5 index, as a worker would keep it."""

    def __init__(self, path: Path | str):
        self.conn = sqlite3.connect(str(path))
        self._top = f"SELECT id FROM {TABLE} WHERE {TABLE} MATCH ? ORDER BY rank LIMIT ?"
        self._count = f"SELECT count(*) FROM {TABLE} WHERE {TABLE} MATCH ?"

    def close(self) -> None:
        self.conn.close()

    def _run(self, expression: str, limit: int) -> tuple[list[str], int]:
        # Always both statements, as the page asks for them (no short cut when the
        # top list is shorter than a page: that would flatter the peer).
        ids = [row[0] for row in self.conn.execute(self._top, (expression, limit))]
        return ids, self.conn.execute(self._count, (expression,)).fetchone()[0]

    def find(self, text: str, limit: int = PAGE_SIZE) -> tuple[list[str], int, bool]:
        """(top ids, total, relaxed): all the words, else any of them."""
        expression = match_expression(text)
        if expression is None:
            return [], 0, False
        ids, total = self._run(expression, limit)
        if total or " AND " not in expression:
            return ids, total, False
        ids, total = self._run(match_expression(text, any_word=True), limit)
        return ids, total, bool(total)


def _documents() -> Iterator[tuple]:
    """The services' text fields, as the Whoosh rebuild reads them (index._build)."""
    from sqlalchemy.orm import Session

    from directory.extensions import db
    from directory.search.sources import SOURCES, area_slugs

    source = SOURCES["service"]
    with Session(db.engine) as session:
        areas = area_slugs(session)
        for record in source.load_all(session):
            if source.listed(record):
                doc = source.document(record, areas)
                yield tuple(doc.get(c) or "" for c in COLUMNS) + (doc["id"],)


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build(path: Path) -> dict:
    """Build the FTS5 index from the database (in the current app context).

    ``build_s`` is the whole rebuild, reading the services as the Whoosh rebuild
    does, so the two compare; ``insert_s`` is FTS5's own share (inserts and the
    final merge)."""
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    conn = sqlite3.connect(str(path))
    inserting = 0.0
    docs = 0
    try:
        create(conn)
        placeholders = ", ".join("?" * (len(COLUMNS) + 1))
        sql = f"INSERT INTO {TABLE}({', '.join(COLUMNS)}, id) VALUES ({placeholders})"
        for chunk in _chunks(_documents(), BATCH):
            mark = time.perf_counter()
            conn.executemany(sql, chunk)
            inserting += time.perf_counter() - mark
            docs += len(chunk)
        mark = time.perf_counter()
        conn.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")
        conn.commit()
        inserting += time.perf_counter() - mark
    finally:
        conn.close()
    return {"build_s": time.perf_counter() - started, "insert_s": inserting, "docs": docs,
            "mb": path.stat().st_size / 1e6}


def is_text_query(text: str) -> bool:
    return bool(words(text))


def bench(path: Path, warm_texts: list[str], timed: list[dict]) -> dict:
    """Build, warm up on ``warm_texts``, then time the text queries of ``timed``
    (the in-process run's records: label, text, ms, total) and set them against
    Whoosh's timings for the same queries."""
    built = build(path)
    peer = Peer(path)
    try:
        for text in warm_texts:
            peer.find(text)
        texts = [t for t in timed if is_text_query(t["text"])]
        fts_ms: list[float] = []
        agree = {"both_found": 0, "whoosh_only": 0, "fts5_only": 0, "neither": 0}
        relaxed = 0
        for record in texts:
            started = time.perf_counter()
            _ids, total, was_relaxed = peer.find(record["text"])
            fts_ms.append((time.perf_counter() - started) * 1000)
            relaxed += was_relaxed
            found_w, found_f = record["total"] > 0, total > 0
            key = ("both_found" if found_w and found_f else "whoosh_only" if found_w
                   else "fts5_only" if found_f else "neither")
            agree[key] += 1
    finally:
        peer.close()
    whoosh_ms = [t["ms"] for t in texts]
    fts_p95, whoosh_p95 = percentile(fts_ms, 95), percentile(whoosh_ms, 95)
    return {
        "index_build_s": built["build_s"],
        "insert_s": built["insert_s"],
        "docs": built["docs"],
        "index_mb": built["mb"],
        "queries": len(fts_ms),
        "p50_ms": percentile(fts_ms, 50),
        "p95_ms": fts_p95,
        "mean_ms": statistics.fmean(fts_ms) if fts_ms else float("nan"),
        "max_ms": max(fts_ms, default=float("nan")),
        "relaxed": relaxed,
        "whoosh_p50_ms": percentile(whoosh_ms, 50),
        "whoosh_p95_ms": whoosh_p95,
        # How many times slower Whoosh's p95 is on the same text queries.
        "ratio_p95": whoosh_p95 / fts_p95 if fts_p95 else float("nan"),
        "found": agree,
    }
