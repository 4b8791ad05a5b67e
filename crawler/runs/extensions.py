"""Crawl extensions: the WARC archive of every response, and the operator's progress line."""

from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.normalize.dates import utc_now_iso
from crawler.runs.session import get_writer


class ArchiveExtension:
    """Every fetched response (URL, status, headers, body, fetch time) into the run's WARC.

    The fetch time is stamped on the request's meta too, so the records parsed from the
    response carry exactly the WARC-Date and ``cwscrape reparse`` reproduces them.
    """

    def __init__(self, crawler: Any) -> None:
        if not crawler.settings.getbool("CWSCRAPE_ARCHIVE", True):
            raise NotConfigured
        self.crawler = crawler
        crawler.signals.connect(self.response_received, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchiveExtension:
        return cls(crawler)

    def response_received(self, response: Any, request: Any, spider: Any = None) -> None:
        fetched_at = utc_now_iso()
        request.meta["cw_fetched_at"] = fetched_at
        headers = [(k.decode("latin-1"), v.decode("latin-1"))
                   for k, values in response.headers.items() for v in values]
        try:
            get_writer(self.crawler).archive_response(response.url, response.status, headers,
                                                      response.body, fetched_at)
        except OSError as exc:
            self.crawler.stats.set_value("cwscrape/write_failed", f"archive: {exc}")


class ProgressExtension:
    """One line on stderr every few seconds: pages done and pending, records, errors, rate."""

    def __init__(self, crawler: Any, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.task: Any = None
        self.t0 = time.monotonic()
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressExtension:
        interval = crawler.settings.getfloat("CWSCRAPE_PROGRESS_SECONDS", 5.0)
        if interval <= 0:
            raise NotConfigured
        return cls(crawler, interval)

    def opened(self, spider: Any = None) -> None:
        from twisted.internet import task

        self.t0 = time.monotonic()
        self.task = task.LoopingCall(self.report)
        self.task.start(self.interval, now=False)

    def closed(self, spider: Any = None, reason: str = "") -> None:
        if self.task is not None and self.task.running:
            self.task.stop()

    def report(self) -> None:
        print(progress_line(self.crawler.stats.get_stats(), time.monotonic() - self.t0),
              file=sys.stderr, flush=True)


def progress_line(stats: dict[str, Any], elapsed: float) -> str:
    pages = stats.get("cwscrape/pages", 0)
    errors = sum(v for k, v in stats.items() if k.startswith("cwscrape/errors/"))
    written = sum(v for k, v in stats.items() if k.startswith("cwscrape/written/"))
    discovered = stats.get("cwscrape/discovered", 0)
    pending = max(0, discovered - pages - stats.get("cwscrape/article_errors", 0))
    rate = pages / elapsed * 60 if elapsed > 0 else 0.0
    return (f"[cwscrape {utc_now_iso()}] pages {pages} done, {pending} pending | "
            f"records {written} | errors {errors} | {rate:.0f} pages/min")
