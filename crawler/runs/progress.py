"""The operator's progress line: one line on stderr every few seconds while a crawl runs."""

from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.normalize.dates import utc_now_iso
from crawler.records.vocabulary import (
    STAT_ARTICLE_ERRORS,
    STAT_DISCOVERED,
    STAT_PAGES,
    group_of,
)


class ProgressExtension:
    """Pages done and pending, records, errors, rate; every ``CWSCRAPE_PROGRESS_SECONDS``
    (0 switches it off)."""

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
    """``[cwscrape <time>] pages N done, M pending | records R | errors E | P pages/min``."""
    pages = stats.get(STAT_PAGES, 0)
    errors = sum(group_of(stats, "errors").values())
    written = sum(group_of(stats, "written").values())
    discovered = stats.get(STAT_DISCOVERED, 0)
    pending = max(0, discovered - pages - stats.get(STAT_ARTICLE_ERRORS, 0))
    rate = pages / elapsed * 60 if elapsed > 0 else 0.0
    return (f"[cwscrape {utc_now_iso()}] pages {pages} done, {pending} pending | "
            f"records {written} | errors {errors} | {rate:.0f} pages/min")
