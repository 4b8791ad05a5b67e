"""Memory: peak RSS of the crawl process, and whether it stays flat as the site grows.

A child's peak RSS is the ``ru_maxrss`` that ``os.wait4`` returns for exactly that child (so
runs never mix, unlike ``RUSAGE_CHILDREN``); while it runs, ``/proc/<pid>/status`` is sampled
(VmRSS, VmHWM) for a curve of memory against pages done, kept in the JSON.

Issue 7 asks for the peak of a crawl of 50,000 pages (≤ 300 MB, and ≤ 1.2× the peak of a
10,000-page crawl). Crawling 60,000 pages takes about 35 minutes here, far beyond the
10-minute budget, so the default run measures what dominates the peak and projects the rest:

* the crawl reads one sitemap at a time, as its queue of articles drains, and keeps at
  most a few thousand discovered URLs and 32 requests in memory, so what it holds does not
  scale with the site. A crawl of the 10,000- and of the 50,000-page site is stopped
  (SIGTERM, a graceful Scrapy stop) after a few thousand article pages — past its second
  sitemap — and its peak so far is *measured*;
* what grows with pages *done* (dedup sets, state, record counters) is measured on the full
  5,000-page crawl of :mod:`bench.crawl`, as MB per 1,000 pages after the queue is full, and
  added for the pages the stopped crawls did not do.

``python -m bench --only crawl --full-memory`` crawls both sites to the end instead.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.report import Row, Target

if TYPE_CHECKING:
    from bench.crawl import CrawlRun

TARGET_PEAK = Target("<=", 300, "issue 7")
TARGET_FLAT = Target("<=", 1.2, "issue 7")


@dataclass
class ChildRun:
    returncode: int
    seconds: float
    peak_rss_mb: float  # ru_maxrss of the child, shutdown included
    cpu_s: float
    stopped: bool = False  # sent SIGTERM (``stop`` said so, or the timeout passed)
    peak_at_stop_mb: float | None = None  # VmHWM when it was told to stop
    samples: list[tuple[float, int, float, float]] = field(default_factory=list)
    # (seconds, progress, VmRSS MB, VmHWM MB) every ``interval``
    own_cpu_s: float | None = None  # the process's own CPU at the last sample, children not


def proc_status_mb(pid: int) -> tuple[float, float] | None:
    """(VmRSS, VmHWM) of a running process from ``/proc`` (Linux), in MB."""
    found: dict[str, float] = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    found[line[:5]] = int(line.split()[1]) / 1024
    except OSError:
        return None
    if len(found) < 2:
        return None
    return found["VmRSS"], found["VmHWM"]


def own_cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) of a running process itself, without its children."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_child(cmd: list[str], *, log: Path, timeout: float, cwd: str | Path | None = None,
              env: dict[str, str] | None = None, progress: Callable[[], int] = lambda: 0,
              stop: Callable[[], bool] | None = None, interval: float = 0.5) -> ChildRun:
    """Run ``cmd`` to its end, sampling its RSS; SIGTERM it (a graceful stop for Scrapy)
    when ``stop()`` turns true or after ``timeout`` seconds."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env,
                                start_new_session=True)
    start = time.monotonic()
    samples: list[tuple[float, int, float, float]] = []
    stopped = False
    peak_at_stop = None
    cpu = None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        elapsed = time.monotonic() - start
        current = proc_status_mb(proc.pid)
        cpu = own_cpu_s(proc.pid) or cpu
        if current is not None:
            samples.append((round(elapsed, 2), progress(), round(current[0], 1),
                            round(current[1], 1)))
        if not stopped and (elapsed > timeout or (stop is not None and stop())):
            stopped = True
            peak_at_stop = current[1] if current else None
            os.killpg(proc.pid, signal.SIGTERM)  # our own child's process group
        time.sleep(interval)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return ChildRun(proc.returncode, time.monotonic() - start, usage.ru_maxrss / 1024,
                    usage.ru_utime + usage.ru_stime, stopped, peak_at_stop, samples, cpu)


def growth_per_1000(run: CrawlRun) -> float:
    """MB of peak RSS gained per 1,000 article pages once the queue is full: from the sample
    at a fifth of the crawl to the last sample before shutdown (never negative)."""
    samples = [x for x in run.rss_samples if x[1] > 0]
    if len(samples) < 2:
        return 0.0
    first = next((x for x in samples if x[1] >= run.pages / 5), samples[0])
    last = samples[-1]
    if last[1] <= first[1]:
        return 0.0
    return max(0.0, (last[3] - first[3]) / (last[1] - first[1]) * 1000)


@dataclass
class SitePeak:
    """Peak RSS of a crawl of a ``site_pages``-article site: measured up to ``done_pages``,
    plus ``slope`` MB per 1,000 for the pages still to do (none when the crawl ran out)."""

    site_pages: int
    done_pages: int
    measured_mb: float
    slope: float

    @property
    def projected_mb(self) -> float:
        return self.measured_mb + self.slope * max(0, self.site_pages - self.done_pages) / 1000

    @property
    def complete(self) -> bool:
        return self.done_pages >= self.site_pages


def site_peak(run: CrawlRun, slope: float) -> SitePeak:
    measured = run.peak_at_stop_mb if run.stopped and run.peak_at_stop_mb else run.peak_rss_mb
    return SitePeak(run.articles, run.served, measured, slope)


def rows(full: CrawlRun, sites: list[CrawlRun], baseline_rss_mb: list[float]) -> list[Row]:
    """``full`` is the complete crawl of :mod:`bench.crawl`; ``sites`` the (usually partial)
    crawls of a small and a large site."""
    slope = growth_per_1000(full)
    out = [Row("memory", f"peak RSS, full crawl of {full.pages:,} pages", full.peak_rss_mb,
               unit="MB",
               detail=f"+{slope:.1f} MB per 1,000 pages once all URLs are queued"
               + (f"; scrapy bench peaks at {max(baseline_rss_mb):.0f} MB"
                  if baseline_rss_mb else ""),
               data={"samples": full.rss_samples, "mb_per_1000_pages": slope,
                     "scrapy_bench_peak_mb": baseline_rss_mb})]
    if len(sites) < 2:
        return out
    small, large = (site_peak(run, slope) for run in sites[:2])

    def how(peak: SitePeak) -> str:
        if peak.complete:
            return "measured over the whole crawl"
        return (f"{peak.measured_mb:.0f} MB measured with all {peak.site_pages:,} URLs queued "
                f"and {peak.done_pages:,} pages done, + {slope:.1f} MB per 1,000 pages to go")

    out.append(Row(
        "memory", f"peak RSS, {large.site_pages:,}-page site"
        + ("" if large.complete else ", projected"), large.projected_mb, unit="MB",
        targets=[TARGET_PEAK], detail=how(large),
        data={"site": large.__dict__, "samples": sites[1].rss_samples}))
    measured_ratio = large.measured_mb / small.measured_mb
    out.append(Row(
        "memory", f"peak RSS growth, {large.site_pages:,} ÷ {small.site_pages:,}-page site"
        + ("" if large.complete and small.complete else ", projected"),
        large.projected_mb / small.projected_mb, targets=[TARGET_FLAT],
        detail=f"{large.projected_mb:.0f} vs {small.projected_mb:.0f} MB"
        + ("" if large.complete and small.complete else
           f"; as measured when stopped {measured_ratio:.2f}× "
           f"({large.measured_mb:.0f} vs {small.measured_mb:.0f} MB)"),
        data={"small": small.__dict__, "large": large.__dict__,
              "small_samples": sites[0].rss_samples}))
    return out
