"""Quick checks of the benchmark's own parts (the benchmark itself is run by hand)."""
from __future__ import annotations

import random
import sqlite3

import pytest

from tests.benchmarks import fts5, queries
from tests.benchmarks.measure import children, percentile, status_mb
from tests.benchmarks.report import evaluate_targets

# Everything FTS5 gives a meaning to, and then some.
NASTY = ['"', '""', "'", "*", "^", ":", "(", ")", "-", "+", "NEAR", "AND", "OR", "NOT", "name:",
         "{name summary}:", "NEAR(a b, 2)", "\\", "\x00", "_", "%", "ﬁ", "İ", "ß", "ẞ", "😀", "²", "⁄",
         "\u200b", "\u0301", "中文", "عربي", "a\"b", "col:\"x", "select * from service_fts --"]


@pytest.fixture
def peer():
    found = fts5.Peer(":memory:")
    fts5.create(found.conn)
    found.conn.executemany(
        f"INSERT INTO {fts5.TABLE}(name, categories_text, summary, body, id) VALUES (?, ?, ?, ?, ?)",
        [("Town Football Club", "Sport and activity football", "Football coaching", "Come along.", "a"),
         ("Counselling Service", "Counselling counsellor talk", "Someone to talk to", "Free.", "b"),
         ("Youth Centre", "Youth clubs", "A safe place", "If someone is making you sell drugs", "c")],
    )
    yield found
    found.close()


def test_words_are_quoted_and_cleaned_as_the_engine_cleans_them():
    assert fts5.match_expression("I am 15 and need a counselor") == '"need" AND "counsellor"'
    assert fts5.match_expression("the and of") is None
    assert fts5.match_expression("football youth", any_word=True) == '"football" OR "youth"'
    assert fts5.quote('a"b') == '"a""b"'


def test_peer_finds_the_same_words_and_falls_back_to_any(peer):
    assert peer.find("footballs") == (["a"], 1, False)
    assert peer.find("counselor") == (["b"], 1, False)
    ids, total, relaxed = peer.find("football counselling")
    assert (sorted(ids), total, relaxed) == (["a", "b"], 2, True)
    assert peer.find("someone is making me sell drugs")[0][0] == "c"


@pytest.mark.parametrize("text", NASTY + [" ".join(NASTY)])
def test_no_typed_text_is_a_query_error(peer, text):
    peer.find(text)
    peer.find(f"football {text} youth")


def test_random_text_is_never_a_query_error(peer):
    rng = random.Random(7)
    alphabet = "".join(NASTY) + "abcdefghij klmn 0123 éü"
    for _ in range(500):
        try:
            peer.find("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))))
        except sqlite3.Error as exc:  # pragma: no cover - the failure message
            pytest.fail(f"FTS5 refused a query: {exc}")


def test_the_long_tail_is_hundreds_of_distinct_queries_and_always_the_same():
    timed = queries.timed_sequence(500)
    assert len(timed) == 500
    assert len({queries.query_key(q) for q in timed}) > 450
    assert timed == queries.timed_sequence(500)
    assert {label for label, *_ in queries.MIX} <= {q.label for q in timed}
    assert {k[0] for k in queries.TAIL_KINDS} <= {q.label for q in timed}
    warm = {queries.query_key(q) for q in queries.distinct()}
    tail = [q for q in timed if q.label.startswith("tail: ")]
    assert not warm & {queries.query_key(q) for q in tail}


def test_the_http_mix_is_distinct_and_its_warm_up_apart():
    assert len(set(queries.HTTP_PATHS)) == len(queries.HTTP_PATHS) >= 300
    assert len(queries.HTTP_WARM_PATHS) == queries.HTTP_WARM
    assert not set(queries.HTTP_PATHS) & set(queries.HTTP_WARM_PATHS)
    assert all(path.startswith("/search?q=") for path in queries.HTTP_PATHS)


def test_measuring_helpers():
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    rss = status_mb()
    assert rss is None or rss > 1
    assert children(0) == [] or all(isinstance(pid, int) for pid in children(0))


def test_targets_are_reported_for_what_was_run():
    sizes = [{"services": 10000, "index_build_s": 4.0, "search": {"p95_ms": 12.0},
              "fts5": {"ratio_p95": 8.0},
              "http": {"ratio": 0.25, "first_search_request_ms": 60.0, "memory": {"worker_rss_mb": 200.0}}}]
    verdicts = {t["target"]: t["met"] for t in evaluate_targets(sizes)}
    assert verdicts == {
        "results page vs /healthz at 10k": True,
        "search p95 at 10k": False,
        "search p95 at 50k": None,
        "first /search of a worker at 10k": False,
        "full reindex of 10k": True,
        "full reindex of 50k": None,
        "memory per worker at 50k": None,
        "Whoosh/FTS5 p95 at 10k": True,
    }
