"""Running a crawl in-process and summarising it for operators."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from crawler.normalize.urls import is_site_host


@dataclass
class CrawlResult:
    manifest: dict[str, Any]
    stats: dict[str, Any] = field(default_factory=dict)


def crawl_settings(base_url: str, out: str, *, delay: float | None = None,
                   log_level: str = "WARNING") -> dict[str, Any]:
    """Settings for one crawl: polite against the real site, fast against 127.0.0.1."""
    settings: dict[str, Any] = {
        "CWSCRAPE_OUT": out, "CWSCRAPE_BASE_URL": base_url, "LOG_LEVEL": log_level,
    }
    host = urlsplit(base_url).hostname or ""
    if is_site_host(host):
        if delay is not None:
            settings["DOWNLOAD_DELAY"] = max(1.0, delay)
    else:
        settings.update(DOWNLOAD_DELAY=delay or 0.0, AUTOTHROTTLE_ENABLED=False,
                        CONCURRENT_REQUESTS_PER_DOMAIN=8, DOWNLOAD_DELAY_JITTER=0)
    return settings


def run_crawl(base_url: str, out: str, *, max_pages: int | None = None,
              urls: list[str] | None = None, delay: float | None = None,
              since: str | None = None, until: str | None = None,
              log_level: str = "WARNING", extra: dict[str, Any] | None = None) -> CrawlResult:
    """Run the ``computerworld`` spider once, in this process; returns its manifest."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    import crawler.settings as project_settings

    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict(crawl_settings(base_url, out, delay=delay, log_level=log_level),
                     priority="cmdline")
    if extra:
        settings.setdict(extra, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("computerworld")
    process.crawl(crawler, base_url=base_url, max_pages=max_pages,
                  urls=",".join(urls) if urls else None, since=since, until=until)
    process.start()
    writer = getattr(crawler, "cwscrape_writer", None)
    manifest = dict(getattr(crawler, "cwscrape_manifest", None) or {})
    if writer is not None:
        manifest["run_folder"] = str(writer.folder)
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return CrawlResult(manifest, stats)


def summary_table(manifest: dict[str, Any]) -> str:
    """The operator's end-of-run table: records per type, errors per reason, pages, time."""
    rows = [("records", "", "")]
    for rtype, count in manifest.get("records", {}).items():
        again = manifest.get("seen_again", {}).get(rtype, 0)
        rows.append(("", rtype, f"{count}" + (f"  (+{again} repeats dropped)" if again else "")))
    rows.append(("errors", "", "" if manifest.get("errors") else "none"))
    for reason, count in manifest.get("errors", {}).items():
        rows.append(("", reason, str(count)))
    if manifest.get("drift"):
        rows.append(("drift", "", ""))
        for code, count in manifest["drift"].items():
            rows.append(("", code, str(count)))
    rows.append(("pages", "", str(manifest.get("pages", 0))))
    rows.append(("seconds", "", str(manifest.get("seconds", ""))))
    rows.append(("run", "", manifest.get("run_folder", "")))
    width = max(len(r[1]) for r in rows) + 2
    return "\n".join(f"{a:<9}{b:<{width}}{c}" for a, b, c in rows)


def verdict(manifest: dict[str, Any], drift_max_share: float = 0.2) -> tuple[int, list[str]]:
    """Exit status of a crawl and the sentences that explain a failure.

    0 only when the run committed, every discovered article URL is accounted for (a record,
    an error record or a policy exclusion), and no more than ``drift_max_share`` of the
    article pages drifted (no title, no body, or a known widget with no records).
    """
    problems = []
    if not manifest:
        return 1, ["the crawl ended without writing a manifest (see the log above)"]
    if manifest.get("status") == "write_failed":
        problems.append(f"writing the dataset failed: {manifest.get('error')}; the committed "
                        "part is kept and the next run fetches the rest")
    if manifest.get("status") == "stopped":
        problems.append(f"the crawl was stopped ({manifest.get('finish_reason')}) before it "
                        "finished; run the same command again to continue")
    if manifest.get("errors", {}).get("robots_unreachable"):
        problems.append("robots.txt could not be read (5xx, 429 or no answer); per RFC 9309 "
                        "nothing was fetched from the host in this run")
    unaccounted = manifest.get("unaccounted", 0)
    if unaccounted:
        sample = ", ".join(manifest.get("unaccounted_sample", [])[:3])
        problems.append(f"{unaccounted} discovered article URL(s) have neither a record nor "
                        f"an error record (e.g. {sample})")
    pages = manifest.get("pages", 0)
    drifted = manifest.get("drift_pages", 0)
    if pages and drifted / pages > drift_max_share:
        kinds = ", ".join(f"{k} on {v}" for k, v in manifest.get("drift", {}).items())
        problems.append(f"layout drift: {drifted} of {pages} article pages drifted ({kinds}); "
                        "the site's markup has probably changed — see "
                        "'Adding a fixture when the site changes' in the README")
    return (1 if problems else 0), problems
