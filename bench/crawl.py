"""End-to-end crawl speed: ``cwscrape crawl`` of a local synthetic site against
``scrapy bench`` on the same machine in the same run.

The site (:class:`crawler.synthetic.SiteServer`) runs in this process and generates every
article page from the seed page's template on the fly; the crawl is a child process running
the default path (robots.txt → sitemaps → articles, validation, dedup, JSON Lines, the WARC
archive, the crawl state). Its rate is the median of the articles served per
``window``-second window, from the first article request to the last (start-up, sitemap
reading and shutdown excluded, as in ``scrapy bench``'s LogStats lines); the overall rate
including those is in the detail column. ``scrapy bench`` runs before, between and after the
crawls; its rate is the median of its LogStats intervals, first and last dropped.
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
from crawler.synthetic import SiteServer, SyntheticSite

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
    rss_samples: list[tuple[float, int, float]] = field(default_factory=list)
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


def crawl_site(articles: int, work: Path, *, archive: bool = True,
               window: float = 2.0) -> CrawlRun:
    """Crawl a fresh ``articles``-article synthetic site into a fresh folder under ``work``."""
    site = SyntheticSite(n_articles=articles)
    out = Path(tempfile.mkdtemp(prefix=f"crawl-{articles}-", dir=work))
    with SiteServer(site) as server:
        cmd = [*cwscrape_command(), "crawl", "--base-url", server.base_url, "--out", str(out),
               "--log-level", "ERROR", *([] if archive else ["--no-archive"])]
        before = resource.getrusage(resource.RUSAGE_SELF)
        child = memory.run_child(cmd, log=out / "crawl.log", timeout=max(120, articles * 0.2),
                                 progress=lambda: len(site.log))
        after = resource.getrusage(resource.RUSAGE_SELF)
    served = [t for t, path in site.log if path.startswith("/art/")]
    manifests = sorted(out.glob("runs/*/manifest.json"))
    manifest = json.loads(manifests[-1].read_text()) if manifests else {}
    pages = int(manifest.get("pages", 0))
    problem = ""
    if child.returncode != 0 or pages != articles:
        tail = (out / "crawl.log").read_text(errors="replace")[-600:]
        problem = f"exit {child.returncode}, {pages} of {articles} pages: {tail}"
    warcs = sorted(out.glob("runs/*/pages.warc.gz"))
    return CrawlRun(
        articles=articles, archive=archive, returncode=child.returncode, pages=pages,
        wall_s=child.seconds, steady_pages_per_min=steady_rate(served, window),
        overall_pages_per_min=pages / child.seconds * 60 if child.seconds else 0.0,
        peak_rss_mb=child.peak_rss_mb, cpu_s=child.cpu_s,
        server_cpu_s=(after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
        rss_samples=child.samples, warc=warcs[-1] if warcs else None, problem=problem)


@dataclass
class ScrapyBench:
    pages_per_min: float
    intervals: list[int]
    overall_pages_per_min: float
    peak_rss_mb: float


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
    return ScrapyBench(median(inner), inner, overall, child.peak_rss_mb)


@dataclass
class CrawlBench:
    rows: list[Row]
    small: CrawlRun
    large: CrawlRun
    no_archive: CrawlRun | None
    benches: list[ScrapyBench]


def run(work: Path, small: int, large: int, no_archive: int, bench_seconds: int) -> CrawlBench:
    """scrapy bench, small crawl, [no-archive crawl], scrapy bench, large crawl, scrapy bench."""
    benches = [scrapy_bench(bench_seconds, work)]
    small_run = crawl_site(small, work)
    no_archive_run = crawl_site(no_archive, work, archive=False) if no_archive else None
    benches.append(scrapy_bench(bench_seconds, work))
    large_run = crawl_site(large, work)
    benches.append(scrapy_bench(bench_seconds, work))
    ref = median([b.pages_per_min for b in benches])
    ref_detail = (f"scrapy bench {ref:,.0f}/min (median of {len(benches)}: "
                  + ", ".join(f"{b.pages_per_min:,.0f}" for b in benches) + ")")
    rows = []
    for crawl, label in ((large_run, "archive on"), (small_run, "archive on"),
                         (no_archive_run, "--no-archive")):
        if crawl is None:
            continue
        detail = (f"{crawl.steady_pages_per_min:,.0f}/min "
                  f"({crawl.overall_pages_per_min:,.0f} incl. start-up)")
        if crawl is large_run:
            detail += f" vs {ref_detail}"
        if crawl.problem:
            detail = f"FAILED: {crawl.problem}; {detail}"
        rows.append(Row(
            "crawl", f"cwscrape crawl ÷ scrapy bench, pages/min, {crawl.articles:,} pages, "
                     f"{label}", crawl.steady_pages_per_min / ref,
            targets=[TARGET] if crawl is large_run else [], detail=detail,
            data=_crawl_data(crawl)))
    server = large_run.server_cpu_s / large_run.wall_s
    crawler = large_run.cpu_s / large_run.wall_s
    rows.append(Row(
        "crawl", f"synthetic server CPU ÷ crawl wall time, {large_run.articles:,} pages",
        server * 100, unit="%",
        detail=f"crawler process {crawler * 100:.0f}% of a core"
               + ("; the server is not what limits the crawl" if server < 0.25 else ""),
        data={"server_cpu_s": large_run.server_cpu_s, "crawler_cpu_s": large_run.cpu_s,
              "wall_s": large_run.wall_s}))
    rows[0].data["scrapy_bench"] = [b.__dict__ for b in benches]
    return CrawlBench(rows, small_run, large_run, no_archive_run, benches)


def _crawl_data(crawl: CrawlRun) -> dict[str, Any]:
    data = {k: v for k, v in crawl.__dict__.items() if k not in ("rss_samples", "warc")}
    data["cpu_ms_per_page"] = crawl.cpu_s / crawl.pages * 1e3 if crawl.pages else None
    return data
