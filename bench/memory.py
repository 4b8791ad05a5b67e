"""Memory: peak RSS of the crawl process, and whether it stays flat as the site grows.

A child's peak RSS is the ``ru_maxrss`` that ``os.wait4`` returns for exactly that child (so
runs never mix, unlike ``RUSAGE_CHILDREN``); while it runs, ``/proc/<pid>/status`` is sampled
for a curve of RSS against progress, kept in the JSON.

Issue 7 asks for a crawl of 50,000 pages (≤ 300 MB, and ≤ 1.2× the peak of a 10,000-page
crawl). A local crawl runs at roughly 1,500–2,500 pages a minute on a 2-core machine, so
those two crawls take about 35 minutes; the default run crawls 1,000 and 5,000 pages
instead (the same 1:5 ratio) and also prints a linear projection of the peak to 50,000
pages. ``python -m bench --only crawl --crawl-pages 10000,50000`` measures the real thing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from bench.report import Row, Target

ISSUE_PAGES = 50_000
TARGET_PEAK = Target("<=", 300, "issue 7")
TARGET_FLAT = Target("<=", 1.2, "issue 7")


@dataclass
class ChildRun:
    returncode: int
    seconds: float
    peak_rss_mb: float
    cpu_s: float
    timed_out: bool = False
    samples: list[tuple[float, int, float]] = field(default_factory=list)  # (s, progress, MB)


def rss_mb(pid: int) -> float | None:
    """Current resident set size of a process from ``/proc`` (Linux), in MB."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def run_child(cmd: list[str], *, log: Path, timeout: float, cwd: str | Path | None = None,
              env: dict[str, str] | None = None, progress: Callable[[], int] = lambda: 0,
              interval: float = 0.5) -> ChildRun:
    """Run ``cmd`` to its end (killing it after ``timeout`` s), sampling its RSS."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env,
                                start_new_session=True)
    start = time.monotonic()
    samples: list[tuple[float, int, float]] = []
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        elapsed = time.monotonic() - start
        if elapsed > timeout and not timed_out:
            timed_out = True
            os.killpg(proc.pid, signal.SIGTERM)  # our own child's process group
        current = rss_mb(proc.pid)
        if current is not None:
            samples.append((round(elapsed, 2), progress(), round(current, 1)))
        time.sleep(interval)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return ChildRun(proc.returncode, time.monotonic() - start, usage.ru_maxrss / 1024,
                    usage.ru_utime + usage.ru_stime, timed_out, samples)


def rows(small: Any, large: Any, baseline_rss_mb: list[float]) -> list[Row]:
    """``small`` and ``large`` are :class:`bench.crawl.CrawlRun` of the same configuration."""
    base = (f"scrapy bench peaks at {max(baseline_rss_mb):.0f} MB" if baseline_rss_mb
            else "")
    growth = large.peak_rss_mb / small.peak_rss_mb
    out = [
        Row("memory", f"peak RSS, crawl of {large.pages:,} pages", large.peak_rss_mb, unit="MB",
            targets=[TARGET_PEAK],
            detail=(f"issue 7 asks at {ISSUE_PAGES:,} pages; " if large.pages < ISSUE_PAGES
                    else "") + base,
            data={"samples": large.rss_samples, "scrapy_bench_peak_mb": baseline_rss_mb}),
        Row("memory", f"peak RSS growth, {large.pages:,} ÷ {small.pages:,} pages", growth,
            targets=[TARGET_FLAT],
            detail=f"{large.peak_rss_mb:.0f} MB vs {small.peak_rss_mb:.0f} MB"
                   + ("; issue 7 compares 50,000 with 10,000" if large.pages < ISSUE_PAGES
                      else ""),
            data={"small_pages": small.pages, "small_peak_mb": small.peak_rss_mb,
                  "small_samples": small.rss_samples}),
    ]
    if large.pages < ISSUE_PAGES and large.pages > small.pages:
        slope = (large.peak_rss_mb - small.peak_rss_mb) / (large.pages - small.pages)
        projected = large.peak_rss_mb + slope * (ISSUE_PAGES - large.pages)
        ten_k = large.peak_rss_mb + slope * (10_000 - large.pages)
        out.append(Row(
            "memory", f"peak RSS at {ISSUE_PAGES:,} pages, projected", projected, unit="MB",
            targets=[TARGET_PEAK],
            detail=f"linear: {slope * 1000:.1f} MB per 1,000 pages; 50k ÷ 10k "
                   f"{projected / ten_k:.2f}× (projected)",
            data={"mb_per_1000_pages": slope * 1000, "projected_10k_mb": ten_k}))
    return out
