"""Signpost benchmark: index build time, search latency, results-page throughput,
memory, and SQLite FTS5 beside Whoosh.

    .venv/bin/python -m tests.benchmarks.run                  # 1,000, 10,000 and 50,000 services
    .venv/bin/python -m tests.benchmarks.run --sizes 1000,10000
    .venv/bin/python -m tests.benchmarks.run --quick          # 1,000 only (smoke run)

For each size: a fresh SQLite database in a temporary folder, migrated and
filled with synthetic services; a full index rebuild; a timed query mix (a long
tail of distinct queries, queries.py) through directory.search.engine.find; the
same text queries through an SQLite FTS5 index of the same documents (fts5.py);
then gunicorn (2 workers) serving that database and index, loaded with /healthz
and with /search, and each worker's resident memory afterwards. Prints a table
and writes bench-results/results.json. The goals (report.TARGETS) are reported,
never asserted: the exit status is non-zero only when something actually failed.
"""
from __future__ import annotations

import argparse
import gc
import http.client
import json
import logging
import os
import platform
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from directory.config import PROJECT_ROOT
from tests.benchmarks.measure import percentile, status_mb, worker_memory
from tests.benchmarks.report import TARGETS, evaluate_targets, render

DEFAULT_SIZES = (1000, 10000, 50000)
DEFAULT_QUERIES = 500
RESULTS_FILE = PROJECT_ROOT / "bench-results" / "results.json"
# A Tuesday evening, when many youth services are open.
NOW = datetime(2026, 3, 10, 18, 30, tzinfo=ZoneInfo("Europe/London"))
PAGE_SIZE = 20
HTTP_ROUNDS = 3  # alternating slices per route
SLOWEST_SHOWN = 6

def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- app


def make_app(folder: Path):
    """A migrated, empty app on a SQLite file in ``folder`` (as tests/conftest.py)."""
    from flask_migrate import upgrade

    from directory import create_app

    folder.mkdir(parents=True, exist_ok=True)
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "benchmark-secret-not-for-production",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.db'}",
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "RATELIMIT_ENABLED": False,
        "SEARCH_RATE_LIMIT": "1000000 per minute",
    })
    # Alembic's env.py installs its own logging config; keep the output readable.
    logging.disable(logging.INFO)
    try:
        with app.app_context():
            upgrade(directory=str(PROJECT_ROOT / "migrations"))
    finally:
        logging.disable(logging.NOTSET)
    return app


def _folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def bench_in_process(n: int, folder: Path, query_count: int) -> dict:
    from directory.extensions import db
    from directory.search import engine, index
    from directory.search.query import Filters
    from tests.benchmarks import data, fts5, queries

    app = make_app(folder)
    out: dict = {"services": n}
    with app.app_context():
        started = time.perf_counter()
        inserted = data.populate(n)
        out["insert_s"] = time.perf_counter() - started
        out["active"] = inserted.active
        out["rows"] = inserted.rows
        log(f"  inserted {n:,} services in {out['insert_s']:.1f} s ({inserted.rows})")

        root = engine.index_root()
        started = time.perf_counter()
        built = index.rebuild(root)
        out["index_build_s"] = time.perf_counter() - started
        out["index_mb"] = _folder_mb(built)
        opened = index.open_index(root)
        with opened[0].searcher() as searcher:
            out["index_docs"] = searcher.doc_count()
        if out["index_docs"] != inserted.active:
            raise RuntimeError(
                f"index holds {out['index_docs']} documents, expected {inserted.active} active services"
            )
        log(f"  rebuilt index in {out['index_build_s']:.1f} s ({out['index_docs']:,} docs, "
            f"{out['index_mb']:.0f} MB)")

        def find(text, filters, origin):
            return engine.find(text, filters, origin=origin, now=NOW, page=1, page_size=PAGE_SIZE)

        gc.collect()
        rss_before = status_mb()
        # Cold: the first search of an index generation builds the per-process
        # attribute table (per index generation) before it can answer.
        started = time.perf_counter()
        find("football", Filters(), None)
        cold_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        find("football", Filters(), None)
        second_ms = (time.perf_counter() - started) * 1000

        warm = queries.distinct()
        for _label, text, filters, origin in warm:  # warm-up over every kind, untimed
            find(text, filters, origin)

        timed: list[dict] = []
        for query in queries.timed_sequence(query_count):
            started = time.perf_counter()
            results = find(query.text, query.filters, query.origin)
            timed.append({"label": query.label, "text": query.text, "query": query,
                          "ms": (time.perf_counter() - started) * 1000, "total": results.total,
                          "path": _path(query.text, results)})
        gc.collect()
        rss_after = status_mb()
        out["memory"] = {
            "before_search_mb": rss_before,
            "after_mix_mb": rss_after,
            "peak_mb": status_mb(field="VmHWM"),
        }
        out["search"] = _search_summary(timed, cold_ms, second_ms)
        log(f"  search: cold {cold_ms:.0f} ms, p50 {out['search']['p50_ms']:.1f} ms, "
            f"p95 {out['search']['p95_ms']:.1f} ms over {len(timed)} queries "
            f"({out['search']['distinct']} distinct); RSS {rss_after or 0:.0f} MB")

        out["fts5"] = fts5.bench(folder / "fts5.db", [q.text for q in warm], timed)
        f = out["fts5"]
        log(f"  fts5: built in {f['index_build_s']:.1f} s ({f['docs']:,} docs, {f['index_mb']:.0f} MB), "
            f"p50 {f['p50_ms']:.2f} ms, p95 {f['p95_ms']:.2f} ms over {f['queries']} text queries; "
            f"Whoosh p95 on those {f['whoosh_p95_ms']:.1f} ms ({f['ratio_p95']:.1f}x)")
        if f["docs"] != out["index_docs"]:
            raise RuntimeError(f"FTS5 holds {f['docs']} documents, Whoosh {out['index_docs']}")

        out["counting"] = bench_counting(app, max(100, query_count // 5))
        log(f"  results page with counting on {out['counting']['on_ms']:.2f} ms, off "
            f"{out['counting']['off_ms']:.2f} ms: {out['counting']['extra']:+.1%}")
        db.session.remove()
        db.engine.dispose()
    # Drop this size's cached index and attribute table before the next one.
    engine.clear_caches()
    gc.collect()
    return out


def _describe(query) -> str:
    """A query's filters and "near", for the list of the slowest."""
    f, parts = query.filters, []
    for name in ("category", "area", "mode", "language"):
        if getattr(f, name):
            parts.append(f"{name}={','.join(sorted(getattr(f, name)))}")
    parts += [f"age={f.age}"] if f.age is not None else []
    parts += [name for name in ("free", "open_now") if getattr(f, name)]
    if query.origin is not None:
        parts.append(f"near {query.origin.area} {query.origin.max_miles:.0f}mi")
    return f" [{' '.join(parts)}]" if parts else ""


def _path(text: str, results) -> str:
    """Which way the engine answered (query._score): the slow ways set the p95."""
    if not text.strip():
        return "empty box"
    if results.corrected:
        return "spelling corrected"
    if results.relaxed:
        return "any of the words"
    return "all the words" if results.total else "no match"


def _search_summary(timed: list[dict], cold_ms: float, second_ms: float) -> dict:
    from tests.benchmarks import queries

    all_ms = [t["ms"] for t in timed]
    per_label: dict[str, list[dict]] = {}
    per_path: dict[str, list[float]] = {}
    for t in timed:
        per_label.setdefault(t["label"], []).append(t)
        per_path.setdefault(t["path"], []).append(t["ms"])
    p95 = percentile(all_ms, 95)
    slowest = sorted(timed, key=lambda t: -t["ms"])[:SLOWEST_SHOWN]
    return {
        "queries": len(all_ms),
        "distinct": len({queries.query_key(t["query"]) for t in timed}),
        "cold_first_ms": cold_ms,
        "second_ms": second_ms,
        "p50_ms": percentile(all_ms, 50),
        "p95_ms": p95,
        "mean_ms": statistics.fmean(all_ms),
        "max_ms": max(all_ms),
        "by_query": {
            label: {
                "n": len(values),
                "p50_ms": percentile([v["ms"] for v in values], 50),
                "p95_ms": percentile([v["ms"] for v in values], 95),
                "max_ms": max(v["ms"] for v in values),
                "total_hits": int(statistics.median(v["total"] for v in values)),
            }
            for label, values in per_label.items()
        },
        "by_path": {
            path: {"n": len(values), "p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95),
                   "over_p95": sum(v > p95 for v in values)}
            for path, values in sorted(per_path.items(), key=lambda kv: -len(kv[1]))
        },
        "slowest": [{"ms": t["ms"], "total": t["total"], "label": t["label"], "text": t["text"],
                     "extra": _describe(t["query"])} for t in slowest],
        # Every timed query, in the order run: (kind, text and filters, ms, hits, path).
        "timings": [[t["label"], t["text"] + _describe(t["query"]), round(t["ms"], 3), t["total"], t["path"]]
                    for t in timed],
    }


def bench_counting(app, rounds: int) -> dict:
    """A search's whole journey (post, then its results page) with the demand report's
    counting on and off, taking turns, so the two see the same machine (issue 12)."""
    from urllib.parse import parse_qsl

    from werkzeug.datastructures import MultiDict

    from directory.insights import counting
    from tests.benchmarks import queries

    # The long tail's searches (a filter may be given twice: category=a&category=b).
    forms = [MultiDict(parse_qsl(path.split("?", 1)[1], keep_blank_values=True))
             for path in queries.HTTP_PATHS]
    client = app.test_client()
    timings: dict[bool, list[float]] = {True: [], False: []}
    for r in range(rounds):
        for enabled in ((True, False) if r % 2 else (False, True)):
            app.config["INSIGHTS_ENABLED"] = enabled
            form = forms[r % len(forms)]
            started = time.perf_counter()
            answer = client.post("/search", data=form)
            if answer.status_code != 303:
                raise RuntimeError(f"search {form} answered {answer.status_code}")
            location = answer.headers["Location"]
            if client.get(location).status_code != 200:
                raise RuntimeError(f"results page for {form} failed")
            timings[enabled].append((time.perf_counter() - started) * 1000)
    app.config["INSIGHTS_ENABLED"] = True
    # The write the workers would have made on the way is part of counting's cost.
    started = time.perf_counter()
    counting.flush(app)
    timings[True].append((time.perf_counter() - started) * 1000)
    on, off = sum(timings[True]) / rounds, statistics.fmean(timings[False])
    return {"rounds": rounds, "on_ms": on, "off_ms": off, "extra": on / off - 1}


# -------------------------------------------------------------------------- HTTP


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, timeout: float = 120.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def _results_path(port: int, path: str) -> str:
    """The token address a search is sent to (the search itself is made once)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        if resp.status != 303:
            raise RuntimeError(f"GET {path} answered {resp.status}, not a redirect to its results")
        return resp.getheader("Location")
    finally:
        conn.close()


def _gunicorn() -> str:
    for candidate in (PROJECT_ROOT / ".venv" / "bin" / "gunicorn", Path(sys.executable).parent / "gunicorn"):
        if candidate.exists():
            return str(candidate)
    raise RuntimeError("gunicorn not found in .venv/bin (run `make install`)")


def _loadgen(port: int, routes: dict[str, list[str]], duration: float, concurrency: int,
             rounds: int = 1) -> dict[str, dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.loadgen", "--port", str(port),
         "--routes", json.dumps(routes), "--duration", str(duration), "--rounds", str(rounds),
         "--concurrency", str(concurrency)],
        cwd=PROJECT_ROOT, capture_output=True, text=True,
        timeout=duration * len(routes) + 300,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"load generator failed: {proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def bench_http(folder: Path, duration: float, concurrency: int) -> dict:
    from tests.benchmarks import queries

    port = free_port()
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "SECRET_KEY": "benchmark-secret-not-for-production",
        "RATELIMIT_ENABLED": "0",  # the pages' own cost, not the limiter's
        "SIGNPOST_ENV": "development",
        "PROXY_COUNT": "0",
    })
    log_path = folder / "gunicorn.log"
    cmd = [_gunicorn(), "--workers", "2", "--bind", f"127.0.0.1:{port}", "wsgi:app"]
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=log_file,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {proc.returncode}:\n{_tail(log_path)}")
            try:
                status, _ = _get(port, queries.MINIMAL_PATH, timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz within 60 s:\n{_tail(log_path)}")
            time.sleep(0.2)

        # Searches are kept behind tokens (issue 12): load the pages they lead to.
        # The first results page either worker is asked for, before any other search.
        first = _results_path(port, queries.FIRST_PATH)
        started = time.perf_counter()
        status, body = _get(port, first)
        first_ms = (time.perf_counter() - started) * 1000
        if status != 200:
            raise RuntimeError(f"GET {first} answered {status}:\n{_tail(log_path)}")
        if b"football" not in body.lower():
            log("  warning: the results page for 'football' does not mention football")
        paths = [_results_path(port, path) for path in queries.HTTP_PATHS]
        warm = [_results_path(port, path) for path in queries.HTTP_WARM_PATHS]
        # Warm both workers (each builds its own attribute table on its first
        # search), then a short untimed run so templates and caches are hot; on
        # searches of their own, so none of the measured pages has been seen.
        _loadgen(port, {"warm-up": warm}, 2.0, concurrency)
        _loadgen(port, {"warm-up": warm}, 2.0, concurrency)

        # The two routes take turns in short slices, so other work on the
        # machine weighs on both alike.
        measured = _loadgen(port, {"minimal": [queries.MINIMAL_PATH], "results": paths},
                            duration, concurrency, rounds=HTTP_ROUNDS)
        minimal, results = measured["minimal"], measured["results"]
        memory = worker_memory(proc.pid)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                # The master did not stop: end its whole group (our own session).
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
    for name, run in (("minimal", minimal), ("results", results)):
        bad = {code: n for code, n in run["statuses"].items() if not code.startswith("2")}
        if bad or run["errors"] or not run["ok"]:
            raise RuntimeError(
                f"{name} route: non-2xx answers {bad}, client errors {run['errors']}:\n{_tail(log_path)}"
            )
    ratio = results["rps"] / minimal["rps"] if minimal["rps"] else float("nan")
    log(f"  http: /healthz {minimal['rps']:.0f} req/s, /search {results['rps']:.0f} req/s, "
        f"ratio {ratio:.0%}; first /search {first_ms:.0f} ms; worker RSS "
        + " / ".join(f"{w['rss_mb']:.0f}" for w in memory["workers"]) + " MB")
    if len(memory["workers"]) != 2:
        log(f"  warning: found {len(memory['workers'])} gunicorn workers, expected 2")
    return {
        "first_search_request_ms": first_ms,
        "memory": memory,
        "minimal": minimal,
        "results": results,
        "ratio": ratio,
        "workers": 2,
        "rounds": HTTP_ROUNDS,
        "paths": {"minimal": queries.MINIMAL_PATH, "first": queries.FIRST_PATH,
                  "results": list(queries.HTTP_PATHS), "warm_up": len(queries.HTTP_WARM_PATHS)},
    }


# ------------------------------------------------------------------------ main


def cpu_snapshot() -> tuple[float, float, float] | None:
    """(wall, CPU seconds used by the whole machine, CPU seconds used by this
    process and its waited-for children) to tell whether other work competed."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    ticks = os.sysconf("SC_CLK_TCK")
    times = os.times()
    own = times.user + times.system + times.children_user + times.children_system
    return time.monotonic(), (user + nice + system + irq + softirq + steal) / ticks, own


def other_cpu(before, after) -> dict | None:
    if before is None or after is None:
        return None
    wall = after[0] - before[0]
    other = max(0.0, (after[1] - before[1]) - (after[2] - before[2]))
    capacity = wall * (os.cpu_count() or 1)
    return {"cpu_s": other, "wall_s": wall, "share": other / capacity if capacity else 0.0}


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("sizes must be whole numbers, e.g. 1000,10000") from None
    if not sizes or any(n < 1 or n > 200_000 for n in sizes):
        raise argparse.ArgumentTypeError("sizes must be between 1 and 200000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Signpost search and results-page benchmark")
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES),
                        help="comma-separated service counts (default 1000,10000,50000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1000 services only")
    parser.add_argument("--queries", type=int, default=DEFAULT_QUERIES,
                        help=f"timed in-process queries per size (default {DEFAULT_QUERIES})")
    parser.add_argument("--duration", type=float, default=6.0, help="HTTP seconds per route")
    parser.add_argument("--concurrency", type=int, default=4, help="HTTP client threads")
    parser.add_argument("--no-http", action="store_true", help="skip the gunicorn measurement")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE)
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases and indexes")
    args = parser.parse_args(argv)
    sizes = [1000] if args.quick else args.sizes
    if not 0 < args.duration <= 30 or not 0 < args.concurrency <= 16 or not 0 < args.queries <= 5000:
        parser.error("--duration must be in (0, 30], --concurrency in 1..16, --queries in 1..5000")

    import whoosh

    from tests.benchmarks import queries

    meta = {
        "started": datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "whoosh": ".".join(map(str, whoosh.__version__)),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "sizes": sizes,
        "queries": args.queries,
        "distinct_queries": len({queries.query_key(q) for q in queries.timed_sequence(args.queries)}),
        "http_paths": len(queries.HTTP_PATHS),
        "sqlite": sqlite3.sqlite_version,
        "http_duration_s": args.duration,
        "concurrency": args.concurrency,
        "http_rounds": HTTP_ROUNDS,
        "page_size": PAGE_SIZE,
        "now": NOW.isoformat(),
        "targets": TARGETS,
    }
    workdir = Path(tempfile.mkdtemp(prefix="signpost-bench-"))
    results: list[dict] = []
    failed = False
    total_started = time.perf_counter()
    try:
        for n in sizes:
            log(f"{n:,} services")
            folder = workdir / f"n{n}"
            entry: dict = {"services": n}
            cpu_before = cpu_snapshot()
            try:
                entry = bench_in_process(n, folder, args.queries)
                if not args.no_http:
                    entry["http"] = bench_http(folder, args.duration, args.concurrency)
            except Exception:  # report it, carry on with the other sizes
                failed = True
                entry["error"] = traceback.format_exc()
                log(f"  FAILED:\n{entry['error']}")
            entry["other_cpu"] = other_cpu(cpu_before, cpu_snapshot())
            results.append(entry)
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if args.keep:
            log(f"kept databases and indexes in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    meta["total_s"] = time.perf_counter() - total_started

    targets = evaluate_targets(results)
    print(render(meta, results, targets))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(
        {"meta": meta, "sizes": results, "targets": targets, "ok": not failed},
        indent=2, default=str,
    ) + "\n")
    print(f"\nTotal {meta['total_s']:.0f} s. Wrote {args.output}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
