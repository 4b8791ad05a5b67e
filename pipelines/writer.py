"""The writer pipeline: page results into the run folder, committed with the crawl state.

Each page's records are written whole. Records the dataset already holds (a widget seen in
an earlier run, an article whose content did not change) are not written again; an article
whose content changed is written as a new version. Every ``CWSCRAPE_COMMIT_SECONDS`` the
output is fsync'd and committed to the state together with the pages it came from.
"""

from __future__ import annotations

import time
from typing import Any

from crawler.items import PageResult
from crawler.normalize.dates import utc_now_iso
from crawler.records import ErrorRecord, content_hash
from crawler.runs.session import get_state, get_writer

# Record types that are versions of the article (written again when it changes).
VERSIONED = frozenset({"article", "related_link"})


class DatasetWriterPipeline:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.commit_seconds = crawler.settings.getfloat("CWSCRAPE_COMMIT_SECONDS", 1.0)
        self.state = get_state(crawler)
        self.writer = get_writer(crawler)
        self.state.start_run(self.writer.run_id, self.writer.started_at)
        self._articles: list[tuple[str, str, str | None, str | None, str]] = []
        self._written: list[tuple[str, str, str]] = []
        self._batch_ids: dict[tuple[str, str], str] = {}
        self._last_commit = time.monotonic()
        self.write_failed: str | None = None
        # The manifest needs the close reason ("finished", "shutdown" …), which Scrapy hands
        # to spider_closed handlers only, after the pipelines' close_spider.
        from scrapy import signals

        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> DatasetWriterPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if self.write_failed is not None:
            return item  # the run is stopping; the next run fetches what was not committed
        try:
            if isinstance(item, PageResult):
                self._write_page(item)
            elif isinstance(item, ErrorRecord):
                self.writer.write_error(item)
                self.stats.inc_value(f"cwscrape/errors/{item.reason}")
            if time.monotonic() - self._last_commit >= self.commit_seconds:
                self.commit()
        except OSError as exc:
            self._fail(exc)
        return item

    def _already_written(self, rtype: str, rid: str, digest: str) -> bool:
        known = self._batch_ids.get((rtype, rid)) or self.state.written_hash(rtype, rid)
        if known is None:
            return False
        return rtype not in VERSIONED or known == digest

    def _write_page(self, page: PageResult) -> None:
        article_hash = None
        for record in page.records:
            # Only versioned records need a content hash; a widget is known by its id.
            digest = content_hash(record) if record.record_type in VERSIONED else ""
            if record.record_type == "article":
                article_hash = digest
            if self._already_written(record.record_type, record.record_id, digest):
                kind = "unchanged" if record.record_type in VERSIONED else "seen_again"
                self.stats.inc_value(f"cwscrape/{kind}/{record.record_type}")
                continue
            if record.record_type == "article" and \
                    self.state.written_hash("article", record.record_id) is not None:
                self.stats.inc_value("cwscrape/updated/article")
            self.writer.write_record(record)
            self.stats.inc_value(f"cwscrape/written/{record.record_type}")
            self._batch_ids[(record.record_type, record.record_id)] = digest
            self._written.append((record.record_type, record.record_id, digest))
        for error in page.errors:
            self.writer.write_error(error)
            self.stats.inc_value(f"cwscrape/errors/{error.reason}")
        self._articles.append((page.key, page.url, page.lastmod, article_hash, page.fetched_at))

    def commit(self) -> None:
        """fsync the output, then record it and its pages in the state, in one transaction."""
        lengths = self.writer.sync()
        self.state.commit_batch(self.writer.run_id, lengths, self._articles, self._written)
        self.stats.inc_value("cwscrape/commits")
        self._articles, self._written, self._batch_ids = [], [], {}
        self._last_commit = time.monotonic()

    def _fail(self, exc: OSError) -> None:
        """A write failed (disk full…): stop the crawl; nothing uncommitted is kept."""
        if self.write_failed is None:
            self.write_failed = f"{type(exc).__name__}: {exc}"
            self.stats.set_value("cwscrape/write_failed", self.write_failed)
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(self.crawler.engine.close_spider_async(reason="write_failed"))

    def close_spider(self) -> None:
        if self.write_failed is None:
            self.commit()

    def spider_closed(self, spider: Any = None, reason: str = "finished") -> None:
        if self.write_failed is not None:
            # Leave the run uncommitted beyond its last good batch; the next run recovers it.
            self.crawler.cwscrape_manifest = {"status": "write_failed",
                                              "error": self.write_failed,
                                              "run_id": self.writer.run_id}
            return
        stats = self.stats.get_stats()

        def group(name: str) -> dict[str, int]:
            key = f"cwscrape/{name}/"
            return {k[len(key):]: v for k, v in sorted(stats.items()) if k.startswith(key)}

        spider = spider or self.crawler.spider
        unaccounted = spider.unaccounted() if hasattr(spider, "unaccounted") else []
        extra = {
            "status": "complete" if reason == "finished" else "stopped",
            "base_url": self.crawler.settings.get("CWSCRAPE_BASE_URL"),
            "finish_reason": reason,
            "pages": stats.get("cwscrape/pages", 0),
            "discovered": stats.get("cwscrape/discovered", 0),
            "skipped_unchanged": stats.get("cwscrape/skipped_unchanged", 0),
            "updated": group("updated"),
            "unchanged": group("unchanged"),
            "seen_again": group("seen_again"),
            "warnings": group("warnings"),
            "drift": group("drift"),
            "retries": stats.get("retry/count", 0),
            "drift_pages": stats.get("cwscrape/drift_pages", 0),
            "unaccounted": len(unaccounted),
            "unaccounted_sample": unaccounted[:20],
        }
        manifest = self.writer.close(extra)
        self.state.finish_run(self.writer.run_id, utc_now_iso(), manifest["status"])
        self.crawler.cwscrape_manifest = manifest
