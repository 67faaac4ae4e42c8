"""Small measuring helpers shared by the benchmark modules: percentiles and the
resident memory of a process (Linux /proc; None where it cannot be read)."""
from __future__ import annotations

from pathlib import Path


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def status_mb(pid: int | str = "self", field: str = "VmRSS") -> float | None:
    """A memory line of /proc/<pid>/status in MB: VmRSS (resident now) or VmHWM
    (the most it was resident)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError, IndexError):
        return None
    return None


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (gunicorn's workers of its master)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # ended while we looked
        # "pid (comm) state ppid ...": the command may hold spaces and parentheses.
        fields = text[text.rfind(")") + 2:].split()
        if len(fields) > 1 and fields[1] == str(pid):
            found.append(int(stat.parent.name))
    return sorted(found)


def worker_memory(master: int) -> dict:
    """Resident and peak memory of a gunicorn master and each of its workers."""
    workers = [
        {"pid": pid, "rss_mb": status_mb(pid), "peak_mb": status_mb(pid, "VmHWM")}
        for pid in children(master)
    ]
    workers = [w for w in workers if w["rss_mb"] is not None]
    return {
        "master_rss_mb": status_mb(master),
        "workers": workers,
        "worker_rss_mb": max((w["rss_mb"] for w in workers), default=None),
        "worker_peak_mb": max((w["peak_mb"] or 0 for w in workers), default=None),
    }
