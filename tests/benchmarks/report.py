"""The benchmark's goals and its printed report (run.py measures, this reads).

The goals are reported as MET / MISSED and never asserted: the benchmark's exit
status only says whether something failed.
"""
from __future__ import annotations

import math

# Issue 14's goals.
TARGETS = {
    "results_vs_minimal_ratio": 0.20,  # results page r/s over /healthz r/s, every size
    "search_p95_10k_ms": 10.0,  # in-process engine.find over the query mix
    "search_p95_50k_ms": 50.0,
    "first_search_ms": 50.0,  # the first results page a fresh worker answers, every size
    "reindex_10k_s": 5.0,  # full rebuild of the Whoosh index
    "reindex_50k_s": 30.0,
    "worker_rss_50k_mb": 300.0,  # resident memory of a gunicorn worker after the load
    "whoosh_vs_fts5_p95": 10.0,  # Whoosh p95 / FTS5 p95 on the same text queries, every size
}


def size_label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else f"{n:,}"


def _by_size(sizes: list[dict], n: int) -> dict | None:
    return next((s for s in sizes if s["services"] == n and not s.get("error")), None)


def _dig(entry: dict | None, *keys):
    for key in keys:
        if not isinstance(entry, dict):
            return None
        entry = entry.get(key)
    return entry


def evaluate_targets(sizes: list[dict]) -> list[dict]:
    rows = []

    def add(name: str, goal: str, value, unit: str, limit: float, at_most: bool,
            run: bool = True, strict: bool = False) -> None:
        if value is not None and isinstance(value, float) and math.isnan(value):
            value = None
        met = None
        if value is not None:
            met = (value < limit if strict else value <= limit) if at_most else value >= limit
        rows.append({"target": name, "goal": goal, "value": value, "unit": unit,
                     "met": met, "measured": value is not None, "size_run": run})

    ratio = TARGETS["results_vs_minimal_ratio"]
    for s in sizes:
        add(f"results page vs /healthz at {size_label(s['services'])}", f">= {ratio:.0%}",
            _dig(s, "http", "ratio"), "ratio", ratio, at_most=False)
    for n, key in ((10000, "search_p95_10k_ms"), (50000, "search_p95_50k_ms")):
        size = _by_size(sizes, n)
        add(f"search p95 at {size_label(n)}", f"<= {TARGETS[key]:.0f} ms", _dig(size, "search", "p95_ms"),
            "ms", TARGETS[key], at_most=True, run=size is not None)
    first = TARGETS["first_search_ms"]
    for s in sizes:
        add(f"first /search of a worker at {size_label(s['services'])}", f"<= {first:.0f} ms",
            _dig(s, "http", "first_search_request_ms"), "ms", first, at_most=True)
    for n, key in ((10000, "reindex_10k_s"), (50000, "reindex_50k_s")):
        size = _by_size(sizes, n)
        add(f"full reindex of {size_label(n)}", f"<= {TARGETS[key]:.0f} s", _dig(size, "index_build_s"),
            "s", TARGETS[key], at_most=True, run=size is not None)
    size = _by_size(sizes, 50000)
    memory = TARGETS["worker_rss_50k_mb"]
    add("memory per worker at 50k", f"< {memory:.0f} MB", _dig(size, "http", "memory", "worker_rss_mb"),
        "MB", memory, at_most=True, run=size is not None, strict=True)
    times = TARGETS["whoosh_vs_fts5_p95"]
    for s in sizes:
        add(f"Whoosh/FTS5 p95 at {size_label(s['services'])}", f"<= {times:.0f}x",
            _dig(s, "fts5", "ratio_p95"), "x", times, at_most=True)
    return rows


def _error_line(trace: str) -> str:
    """The exception line of a formatted traceback."""
    lines = [line for line in trace.splitlines() if line.strip()]
    found = next((line for line in reversed(lines) if not line.startswith((" ", "Traceback"))
                  and ("Error" in line or "Exception" in line)), None)
    return (found or (lines[-1] if lines else "unknown error"))[:200]


def _fmt(value, spec: str, missing: str = "-") -> str:
    if value is None:
        return missing
    try:
        return format(value, spec)
    except (TypeError, ValueError):
        return str(value)


def _table(header: str, rows: list[str]) -> list[str]:
    return [header, "-" * len(header), *rows]


def _main_rows(sizes: list[dict]) -> list[str]:
    rows = []
    for s in sizes:
        if s.get("error") and "search" not in s:
            rows.append(f"{s['services']:>9,} FAILED: {_error_line(s['error'])}")
            continue
        search = s.get("search", {})
        http_ = s.get("http") or {}
        rows.append(
            f"{s['services']:>9,} {_fmt(s.get('insert_s'), '8.1f'):>8} "
            f"{_fmt(s.get('index_build_s'), '8.1f'):>8} {_fmt(s.get('index_mb'), '8.0f'):>8} "
            f"{_fmt(search.get('cold_first_ms'), '8.0f'):>8} {_fmt(search.get('p50_ms'), '7.1f'):>7} "
            f"{_fmt(search.get('p95_ms'), '7.1f'):>7} {_fmt(search.get('max_ms'), '7.0f'):>7} "
            f"{_fmt(_dig(http_, 'results', 'rps'), '11.1f'):>11} "
            f"{_fmt(_dig(http_, 'minimal', 'rps'), '12.1f'):>12} "
            f"{_fmt(http_.get('ratio'), '6.0%'):>6} {_fmt(http_.get('first_search_request_ms'), '8.0f'):>8}"
        )
        if s.get("error"):
            rows.append(f"{'':>9} FAILED: {_error_line(s['error'])}")
    return rows


def _peer_rows(sizes: list[dict]) -> list[str]:
    rows = []
    for s in sizes:
        f = s.get("fts5")
        if not f:
            continue
        rows.append(
            f"{s['services']:>9,} {f['queries']:>7} {s.get('index_build_s', float('nan')):>9.1f} "
            f"{f['index_build_s']:>9.1f} {f['insert_s']:>8.2f} {f['index_mb']:>7.1f} "
            f"{f['whoosh_p50_ms']:>10.1f} {f['whoosh_p95_ms']:>10.1f} {f['p50_ms']:>8.2f} "
            f"{f['p95_ms']:>8.2f} {f['ratio_p95']:>7.1f}x {f['relaxed']:>7}"
        )
    return rows


def _memory_rows(sizes: list[dict]) -> list[str]:
    rows = []
    for s in sizes:
        mem = s.get("memory") or {}
        worker = _dig(s, "http", "memory") or {}
        each = " / ".join(f"{w['rss_mb']:.0f}" for w in worker.get("workers", [])) or "-"
        rows.append(
            f"{s['services']:>9,} {_fmt(mem.get('after_mix_mb'), '13.0f'):>13} "
            f"{_fmt(mem.get('peak_mb'), '12.0f'):>12} {each:>13} "
            f"{_fmt(worker.get('worker_peak_mb'), '11.0f'):>11} {_fmt(worker.get('master_rss_mb'), '7.0f'):>7}"
        )
    return rows


def _target_lines(targets: list[dict]) -> list[str]:
    lines = []
    for t in targets:
        if not t["measured"]:
            value, verdict = ("not measured" if t.get("size_run", True) else "size not run"), ""
        elif t["unit"] == "ratio":
            value, verdict = f"{t['value']:.0%}", "MET" if t["met"] else "MISSED"
        elif t["unit"] == "x":
            value, verdict = f"{t['value']:.1f}x", "MET" if t["met"] else "MISSED"
        else:
            spec = ".0f" if t["unit"] == "MB" else ".1f"
            value, verdict = f"{t['value']:{spec}} {t['unit']}", "MET" if t["met"] else "MISSED"
        lines.append(f"  {t['target']:<36} goal {t['goal']:<9} measured {value:<12} {verdict}")
    return lines


def render(meta: dict, sizes: list[dict], targets: list[dict]) -> str:
    lines = [
        f"Signpost benchmark  {meta['started']}",
        f"{meta['cpus']} CPUs, Python {meta['python']}, Whoosh {meta['whoosh']}, SQLite {meta['sqlite']}; "
        f"{meta['queries']} in-process queries per size ({meta['distinct_queries']} distinct); HTTP "
        f"{meta['http_duration_s']:.0f} s per route ({meta['http_rounds']} alternating slices) at "
        f"concurrency {meta['concurrency']} over {meta['http_paths']} distinct results pages, "
        f"gunicorn --workers 2",
        "",
        "Whoosh, and the results page under load (first ms: the first /search a fresh worker answered):",
    ]
    lines += _table(
        f"{'services':>9} {'insert s':>8} {'index s':>8} {'index MB':>8} "
        f"{'cold ms':>8} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
        f"{'/search r/s':>11} {'/healthz r/s':>12} {'ratio':>6} {'first ms':>8}",
        _main_rows(sizes),
    )
    peer = _peer_rows(sizes)
    if peer:
        lines += ["", "SQLite FTS5 beside it, on the same text queries (top 20 + a count; Whoosh's times are "
                  "those queries as the page runs them, filters and all):"]
        lines += _table(
            f"{'services':>9} {'queries':>7} {'whoosh s':>9} {'fts5 s':>9} {'insert s':>8} {'fts MB':>7} "
            f"{'whoosh p50':>10} {'whoosh p95':>10} {'fts p50':>8} {'fts p95':>8} {'W/F p95':>8} "
            f"{'relaxed':>7}",
            peer,
        )
    lines += ["", "Resident memory, MB (VmRSS): the benchmark process after the search mix (and its peak, "
              "data generation included), each gunicorn worker after the load (and the larger peak), "
              "the master:"]
    lines += _table(f"{'services':>9} {'bench process':>13} {'bench peak':>12} {'workers':>13} "
                    f"{'worker peak':>11} {'master':>7}", _memory_rows(sizes))
    counted = [s for s in sizes if s.get("counting")]
    if counted:
        lines += ["", "Search then results page, mean ms, demand counting on (with its writes) / off "
                  "(goal: at most 5% more):"]
        for s in counted:
            c = s["counting"]
            lines.append(f"  {s['services']:>9,}  on {c['on_ms']:.2f}  off {c['off_ms']:.2f}  "
                         f"extra {c['extra']:+.1%} over {c['rounds']} searches each")
    with_http = [s for s in sizes if s.get("http")]
    if with_http:
        lines += ["", "HTTP latency under load, p50 / p95 ms:"]
        for s in with_http:
            h = s["http"]
            lines.append(
                f"  {s['services']:>9,}  /search {h['results']['latency_ms']['p50']:.0f} / "
                f"{h['results']['latency_ms']['p95']:.0f}   /healthz "
                f"{h['minimal']['latency_ms']['p50']:.1f} / {h['minimal']['latency_ms']['p95']:.1f}"
            )
    busy = [s for s in sizes if (s.get("other_cpu") or {}).get("share", 0) >= 0.10]
    if busy:
        lines += ["", "Note: other processes used "
                  + ", ".join(f"{s['other_cpu']['share']:.0%} of the CPUs during {s['services']:,}"
                              for s in busy)
                  + "; figures there may be pessimistic."]
    largest = next((s for s in reversed(sizes) if s.get("search")), None)
    if largest:
        by_query = sorted(largest["search"]["by_query"].items(), key=lambda kv: -kv[1]["p50_ms"])
        lines += ["", f"Slowest query kinds at {largest['services']:,} services "
                  "(p50 / p95 ms, queries timed, median hits):"]
        for label, q in by_query[:12]:
            hits = q["total_hits"] if q["total_hits"] is not None else "-"
            lines.append(f"  {q['p50_ms']:8.1f} {q['p95_ms']:8.1f} {q['n']:>5} {hits:>7}  {label}")
        by_path = largest["search"].get("by_path", {})
        if by_path:
            lines += ["", f"How the engine answered at {largest['services']:,} services "
                      "(queries, p50 / p95 ms, how many are slower than the overall p95):"]
            for path, q in by_path.items():
                lines.append(f"  {q['n']:>5}  {q['p50_ms']:8.1f} {q['p95_ms']:8.1f} {q['over_p95']:>5}  {path}")
        slowest = largest["search"].get("slowest", [])
        if slowest:
            lines += ["", f"Slowest single queries at {largest['services']:,} services (ms, hits, kind, text):"]
            for q in slowest:
                lines.append(f"  {q['ms']:8.1f} {q['total']:>7}  {q['label']}: {q['text']!r}{q['extra']}")
    lines += ["", "Targets (goals reported, not asserted):", *_target_lines(targets)]
    return "\n".join(lines)
