"""A large directory's full rebuild uses several analysing processes, each writing
its own segment (index._bulk_writer); it must find exactly what one process finds."""
from __future__ import annotations

from datetime import datetime

from directory.geo.lookup import Point
from directory.search import engine, index
from directory.search.query import Filters, Origin
from tests.benchmarks.data import populate

QUERIES = ["", "youth club", "football", "sexual health", "someone is making me sell drugs",
           "counselor", "mental health support", "bullying", "zzzz nothing matches"]
NEAR = Origin(Point(51.77, 0.09), None, 30)  # a point in the county


def _answers() -> list[tuple]:
    now = datetime(2026, 3, 10, 18, 30)
    answers = []
    for text in QUERIES:
        for origin in (None, NEAR):
            found = engine.find(text, Filters(), origin=origin, now=now, page=1, page_size=20)
            answers.append((text, origin is not None, found.total, [hit.id for hit in found.hits],
                            found.facets))
    return answers


def test_a_parallel_rebuild_finds_what_one_process_finds(app, monkeypatch):
    with app.app_context():
        populate(index.PARALLEL_FROM + 200)
        root = engine.index_root()
        monkeypatch.setattr(index, "PARALLEL_FROM", 10**9)
        single = index.rebuild(root)
        engine.clear_caches()
        one_process = _answers()
        monkeypatch.undo()
        monkeypatch.setattr(index.os, "cpu_count", lambda: 2)  # as on CI, whatever runs this
        parallel = index.rebuild(root)
        engine.clear_caches()
        assert single != parallel
        ix, _folder = index.open_index(root)
        with ix.searcher() as searcher:
            assert len(searcher.reader().leaf_readers()) >= 2, "one segment per process"
        assert _answers() == one_process
        assert index.check(root).ok
