"""Running a crawl in-process: its settings, and the manifest it leaves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from crawler.normalize.urls import is_site_host

if TYPE_CHECKING:
    from crawler.runs.session import CrawlSession


@dataclass
class CrawlResult:
    manifest: dict[str, Any]  # the run's manifest.json, plus "run_folder"; {} if none


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
    session = _session(crawler)
    manifest = dict(session.manifest or {}) if session is not None else {}
    if session is not None and session.run_folder is not None:
        manifest["run_folder"] = str(session.run_folder)
    return CrawlResult(manifest)


def _session(crawler: Any) -> CrawlSession | None:
    """The crawl's session; ``None`` when the crawl failed before its spider existed."""
    from crawler.runs.session import CrawlSession

    try:
        spider = crawler.spider
    except RuntimeError:  # Scrapy: read before the crawl set it
        return None
    session = getattr(spider, "session", None)
    return session if isinstance(session, CrawlSession) else None
