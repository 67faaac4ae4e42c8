"""A small, bounded HTTP load generator: N threads, fixed duration, 127.0.0.1 only.

Run in its own process (python -m tests.benchmarks.loadgen ...) so the benchmark
process, which holds big in-memory search tables, does not slow the client down.
Prints one JSON object on stdout.

Each thread keeps its http.client connection open while the server allows it
(gunicorn's sync workers close it after every response, so there each request
also pays a TCP connect; both routes pay it alike).
"""
from __future__ import annotations

import argparse
import http.client
import json
import sys
import threading
import time

from tests.benchmarks.measure import percentile

HOST = "127.0.0.1"
MAX_DURATION = 60.0
MAX_CONCURRENCY = 16


def _worker(port: int, paths: list[str], offset: int, deadline: float, timeout: float,
            out: dict) -> None:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: dict[str, int] = {}
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    i = offset
    while True:
        start = time.perf_counter()
        if start >= deadline:
            break
        path = paths[i % len(paths)]
        i += 1
        try:
            conn.request("GET", path, headers={"Accept": "text/html"})
            resp = conn.getresponse()
            resp.read()
        except (OSError, http.client.HTTPException) as exc:
            errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
            conn.close()
            time.sleep(0.01)
            continue
        end = time.perf_counter()
        latencies.append(end - start)
        statuses[resp.status] = statuses.get(resp.status, 0) + 1
        if resp.will_close:
            conn.close()
    conn.close()
    out["latencies"] = latencies
    out["statuses"] = statuses
    out["errors"] = errors


def _slice(port: int, paths: list[str], duration: float, concurrency: int,
           timeout: float) -> tuple[list[dict], float]:
    results = [dict() for _ in range(concurrency)]
    started = time.perf_counter()
    deadline = started + duration
    threads = [
        threading.Thread(target=_worker, args=(port, paths, n, deadline, timeout, results[n]),
                         daemon=True)
        for n in range(concurrency)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - started


def _summary(results: list[dict], elapsed: float, concurrency: int, paths: int) -> dict:
    latencies = sorted(x for r in results for x in r.get("latencies", []))
    statuses: dict[str, int] = {}
    errors: dict[str, int] = {}
    for r in results:
        for code, n in r.get("statuses", {}).items():
            statuses[str(code)] = statuses.get(str(code), 0) + n
        for name, n in r.get("errors", {}).items():
            errors[name] = errors.get(name, 0) + n
    ok = sum(n for code, n in statuses.items() if code.startswith("2"))
    return {
        "requests": len(latencies),
        "ok": ok,
        "statuses": statuses,
        "errors": errors,
        "elapsed_s": elapsed,
        "rps": ok / elapsed if elapsed else 0.0,
        "latency_ms": {
            "p50": percentile(latencies, 50) * 1000,
            "p95": percentile(latencies, 95) * 1000,
            "max": (latencies[-1] * 1000) if latencies else float("nan"),
        },
        "concurrency": concurrency,
        "paths": paths,
    }


def _check(duration: float, concurrency: int) -> None:
    if not 0 < duration <= MAX_DURATION:
        raise ValueError(f"duration must be in (0, {MAX_DURATION}] seconds")
    if not 0 < concurrency <= MAX_CONCURRENCY:
        raise ValueError(f"concurrency must be in (0, {MAX_CONCURRENCY}]")


def run(port: int, paths: list[str], duration: float, concurrency: int,
        timeout: float = 60.0) -> dict:
    """Load one set of paths for ``duration`` seconds."""
    _check(duration, concurrency)
    results, elapsed = _slice(port, paths, duration, concurrency, timeout)
    return _summary(results, elapsed, concurrency, len(paths))


def run_alternating(port: int, routes: dict[str, list[str]], duration: float, rounds: int,
                    concurrency: int, timeout: float = 60.0) -> dict[str, dict]:
    """Load each route for ``duration`` seconds in all, in ``rounds`` alternating
    slices (A B A B ...), so a burst of other work on the machine hits every
    route alike instead of skewing their ratio."""
    _check(duration, concurrency)
    if not 0 < rounds <= 20:
        raise ValueError("rounds must be in 1..20")
    gathered: dict[str, tuple[list[dict], float]] = {name: ([], 0.0) for name in routes}
    for _ in range(rounds):
        for name, paths in routes.items():
            results, elapsed = _slice(port, paths, duration / rounds, concurrency, timeout)
            done, total = gathered[name]
            gathered[name] = (done + results, total + elapsed)
    return {
        name: _summary(results, elapsed, concurrency, len(routes[name]))
        for name, (results, elapsed) in gathered.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--routes", required=True,
                        help='JSON object: route name -> list of paths, e.g. {"health": ["/healthz"]}')
    parser.add_argument("--duration", type=float, default=6.0, help="seconds per route in all")
    parser.add_argument("--rounds", type=int, default=1, help="alternating slices per route")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    routes = json.loads(args.routes)
    if not isinstance(routes, dict) or not routes or not all(
        isinstance(paths, list) and paths and all(isinstance(p, str) and p.startswith("/") for p in paths)
        for paths in routes.values()
    ):
        parser.error("--routes must map names to non-empty lists of absolute paths")
    result = run_alternating(args.port, routes, args.duration, args.rounds, args.concurrency,
                             args.timeout)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
