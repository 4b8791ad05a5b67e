"""End-to-end crawl speed: ``cwscrape crawl`` of a local synthetic site against
``scrapy bench`` on the same machine in the same run.

The site (:class:`crawler.devtools.synthetic.SiteServer`) runs in this process and generates every
article page from the seed page's template on the fly; the crawl is a child process running
the default path (robots.txt → sitemaps → articles, validation, dedup, JSON Lines, the WARC
archive, the crawl state). Its rate is the median of the articles served per
``window``-second window, from the first article request to the last (start-up, sitemap
reading and shutdown excluded, as in ``scrapy bench``'s LogStats lines); the overall rate
including those is in the detail column. ``scrapy bench`` runs before, between and after the
crawls; its rate is the median of its LogStats intervals, first and last dropped.

The crawls of :mod:`bench.memory` (a small and a large site, usually stopped once the
sitemaps are read) run here too, between the ``scrapy bench`` runs; the large one's rate
over its first pages is a second crawl figure.
"""

from __future__ import annotations

import json
import os
import re
import resource
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import memory
from bench.report import Row, Target
from bench.startup import cwscrape_command
from bench.timing import median
from crawler.devtools.synthetic import URLS_PER_SITEMAP, SiteServer, SyntheticSite

TARGET = Target(">=", 0.7, "issue 7")
_LOGSTATS = re.compile(r"Crawled (\d+) pages \(at (\d+) pages/min\)")
_STAT = re.compile(r"'(response_received_count|elapsed_time_seconds)': ([\d.]+)")


@dataclass
class CrawlRun:
    articles: int
    archive: bool
    returncode: int
    pages: int
    wall_s: float
    steady_pages_per_min: float
    overall_pages_per_min: float
    peak_rss_mb: float
    cpu_s: float
    server_cpu_s: float
    served: int = 0  # article pages the site served
    stopped: bool = False  # stopped on purpose (``stop_after``) before the end
    peak_at_stop_mb: float | None = None
    rss_samples: list[tuple[float, int, float, float]] = field(default_factory=list)
    warc: Path | None = None
    problem: str = ""


def steady_rate(times: list[float], window: float) -> float:
    """Median pages a minute over the full ``window``-second windows of request times."""
    if len(times) < 2:
        return 0.0
    first, last = times[0], times[-1]
    counts = [0] * int((last - first) // window)
    for t in times:
        k = int((t - first) // window)
        if k < len(counts):
            counts[k] += 1
    if len(counts) < 3:
        return (len(times) - 1) / (last - first) * 60
    return median(counts) * 60 / window


class _Progress:
    """Article pages the site has served, and whether every sitemap has been served."""

    def __init__(self, site: SyntheticSite) -> None:
        self.site = site
        self.sitemaps = (site.n_articles + URLS_PER_SITEMAP - 1) // URLS_PER_SITEMAP
        self._seen = 0
        self._articles = 0
        self._sitemaps = 0
        self.articles_after_sitemaps = 0

    def __call__(self) -> int:
        log = self.site.log
        for _, path in log[self._seen:len(log)]:
            if path.startswith("/art/"):
                self._articles += 1
                if self._sitemaps >= self.sitemaps:
                    self.articles_after_sitemaps += 1
            elif path.startswith("/sitemap-"):
                self._sitemaps += 1
        self._seen = len(log)
        return self._articles


def crawl_site(articles: int, work: Path, *, archive: bool = True,
               stop_after: int | None = None, window: float = 2.0) -> CrawlRun:
    """Crawl a fresh ``articles``-article synthetic site into a fresh folder under ``work``;
    with ``stop_after``, stop it gracefully once ``stop_after`` article pages were served
    (the crawl reads sitemaps lazily, so "after the sitemaps" would mean the whole site)."""
    site = SyntheticSite(n_articles=articles)
    out = Path(tempfile.mkdtemp(prefix=f"crawl-{articles}-", dir=work))
    progress = _Progress(site)
    stop = None if stop_after is None else (
        lambda: progress() >= stop_after)
    with SiteServer(site) as server:
        cmd = [*cwscrape_command(), "crawl", "--base-url", server.base_url, "--out", str(out),
               "--log-level", "ERROR", *([] if archive else ["--no-archive"])]
        before = resource.getrusage(resource.RUSAGE_SELF)
        child = memory.run_child(cmd, log=out / "crawl.log", timeout=max(180, articles * 0.2),
                                 progress=progress, stop=stop)
        after = resource.getrusage(resource.RUSAGE_SELF)
    served = [t for t, path in site.log if path.startswith("/art/")]
    manifests = sorted(out.glob("runs/*/manifest.json"))
    manifest = json.loads(manifests[-1].read_text()) if manifests else {}
    pages = int(manifest.get("pages", 0))
    problem = ""
    if stop_after is None and (child.returncode != 0 or pages != articles):
        tail = (out / "crawl.log").read_text(errors="replace")[-600:]
        problem = f"exit {child.returncode}, {pages} of {articles} pages: {tail}"
    elif stop_after is not None and not child.stopped:
        problem = "ended before it could be stopped"
    warcs = sorted(out.glob("runs/*/pages.warc.gz"))
    return CrawlRun(
        articles=articles, archive=archive, returncode=child.returncode, pages=pages,
        wall_s=child.seconds, steady_pages_per_min=steady_rate(served, window),
        overall_pages_per_min=pages / child.seconds * 60 if child.seconds else 0.0,
        peak_rss_mb=child.peak_rss_mb, cpu_s=child.cpu_s,
        server_cpu_s=(after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        served=len(served), stopped=child.stopped, peak_at_stop_mb=child.peak_at_stop_mb,
        rss_samples=child.samples, warc=warcs[-1] if warcs else None, problem=problem)


@dataclass
class ScrapyBench:
    pages_per_min: float
    intervals: list[int]
    overall_pages_per_min: float
    peak_rss_mb: float
    pages: int
    cpu_s: float | None  # the spider process's own CPU (its local server is a child)


def scrapy_bench(seconds: int, work: Path, interval: int = 2) -> ScrapyBench:
    """``scrapy bench`` outside any project (so this project's settings stay out of it)."""
    cwd = Path(tempfile.mkdtemp(prefix="scrapy-bench-", dir=work))
    env = {k: v for k, v in os.environ.items()
           if k not in ("SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT", "PYTHONPATH")}
    cmd = [sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}",
           "-s", f"LOGSTATS_INTERVAL={interval}"]
    log = cwd / "bench.log"
    child = memory.run_child(cmd, log=log, timeout=seconds + 60, cwd=cwd, env=env)
    text = log.read_text(errors="replace")
    rates = [int(m.group(2)) for m in _LOGSTATS.finditer(text)]
    inner = rates[1:-1] or rates[1:] or rates
    stats = {m.group(1): float(m.group(2)) for m in _STAT.finditer(text)}
    overall = (stats["response_received_count"] / stats["elapsed_time_seconds"] * 60
               if stats.get("elapsed_time_seconds") else 0.0)
    if child.returncode != 0 or not inner:
        raise RuntimeError(f"scrapy bench failed (exit {child.returncode}): {text[-800:]}")
    return ScrapyBench(median(inner), inner, overall, child.peak_rss_mb,
                       int(stats.get("response_received_count", 0)), child.own_cpu_s)


@dataclass
class CrawlBench:
    rows: list[Row]
    full: CrawlRun
    sites: list[CrawlRun]  # the small and the large site of the memory figures
    benches: list[ScrapyBench]


def run(work: Path, pages: int, memory_sites: tuple[int, int], stop_after: int | None,
        bench_seconds: int, no_archive: int = 0) -> CrawlBench:
    """scrapy bench, small site (memory), scrapy bench, full crawl, scrapy bench, large site
    (memory), [a --no-archive crawl]."""
    benches = [scrapy_bench(bench_seconds, work)]
    small = crawl_site(memory_sites[0], work, stop_after=stop_after)
    benches.append(scrapy_bench(bench_seconds, work))
    full = crawl_site(pages, work)
    benches.append(scrapy_bench(bench_seconds, work))
    large = crawl_site(memory_sites[1], work, stop_after=stop_after)
    bare = crawl_site(no_archive, work, archive=False) if no_archive else None
    ref = median([b.pages_per_min for b in benches])
    rows = [Row(
        "crawl", f"cwscrape crawl ÷ scrapy bench, pages/min, {full.articles:,}-page site",
        full.steady_pages_per_min / ref, targets=[TARGET],
        detail=(f"FAILED: {full.problem}; " if full.problem else "")
        + f"{full.steady_pages_per_min:,.0f}/min ({full.overall_pages_per_min:,.0f} incl. "
          f"start-up) vs scrapy bench {ref:,.0f}/min (median of {len(benches)}: "
        + ", ".join(f"{b.pages_per_min:,.0f}" for b in benches) + ")",
        data={**_crawl_data(full), "scrapy_bench": [b.__dict__ for b in benches]})]
    for other, label in ((large, "archive on"), (bare, "--no-archive")):
        if other is None or other.served < 100:
            continue
        rows.append(Row(
            "crawl", f"cwscrape crawl ÷ scrapy bench, pages/min, {other.articles:,}-page "
                     f"site, {label}" + (f", first {other.served:,} pages" if other.stopped
                                        else ""),
            other.steady_pages_per_min / ref,
            detail=(f"FAILED: {other.problem}; " if other.problem else "")
            + f"{other.steady_pages_per_min:,.0f}/min", data=_crawl_data(other)))
    bench_cpu = [b.pages / b.cpu_s for b in benches if b.cpu_s]
    if bench_cpu and full.cpu_s:
        ours = full.pages / full.cpu_s
        rows.append(Row(
            "crawl", f"cwscrape crawl ÷ scrapy bench, pages per CPU-second, "
                     f"{full.articles:,}-page site", ours / median(bench_cpu),
            detail=f"{1e3 / ours:.1f} vs {1e3 / median(bench_cpu):.1f} ms of CPU a page, "
                   "start-up included: less sensitive to other load than pages/min",
            data={"ours_pages_per_cpu_s": ours, "scrapy_bench_pages_per_cpu_s": bench_cpu}))
    server = full.server_cpu_s / full.wall_s
    crawler = full.cpu_s / full.wall_s
    rows.append(Row(
        "crawl", f"synthetic server CPU ÷ crawl wall time, {full.articles:,}-page site",
        server * 100, unit="%",
        detail=f"crawler process {crawler * 100:.0f}% of a core"
               + ("; the server is not what limits the crawl" if server < 0.25 else ""),
        data={"server_cpu_s": full.server_cpu_s, "crawler_cpu_s": full.cpu_s,
              "wall_s": full.wall_s}))
    return CrawlBench(rows, full, [small, large], benches)


def _crawl_data(crawl: CrawlRun) -> dict[str, Any]:
    data = {k: v for k, v in crawl.__dict__.items() if k not in ("rss_samples", "warc")}
    data["cpu_ms_per_page"] = crawl.cpu_s / crawl.pages * 1e3 if crawl.pages else None
    return data
