"""The writer pipeline: page results and error records into the session's run folder.

Each page's records are written whole. Records the dataset already holds (a widget seen in
an earlier run, an article whose content did not change) are not written again; an article
whose content changed is written as a new version. What the dataset holds, and committing
the output with the state, is the session's commit batch (crawler.storage.commits); a write
that fails is the session's to handle (it stops the crawl).
"""

from __future__ import annotations

from typing import Any

from crawler.items import PageResult
from crawler.records import ErrorRecord
from crawler.records.vocabulary import PER_PAGE_TYPES, stat
from crawler.runs.session import CrawlSession, session_of
from crawler.storage.commits import FetchedPage


class DatasetWriterPipeline:
    def __init__(self, session: CrawlSession, stats: Any) -> None:
        self.session = session
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> DatasetWriterPipeline:
        return cls(session_of(crawler), crawler.stats)

    def process_item(self, item: Any) -> Any:
        if self.session.failed is not None:
            return item  # the run is stopping; the next run fetches what was not committed
        try:
            if isinstance(item, PageResult):
                self.write_page(item)
            elif isinstance(item, ErrorRecord):
                self.write_error(item)
            self.session.commit_if_due()
        except OSError as exc:
            self.session.fail(exc)
        return item

    def write_page(self, page: PageResult) -> None:
        writer, batch = self.session.writer, self.session.batch
        article_hash = None
        for record in page.records:
            rtype = record.record_type
            # Only per-page records need a content hash; a widget is known by its id.
            digest = record.digest if rtype in PER_PAGE_TYPES else ""
            if rtype == "article":
                article_hash = digest
            novelty = batch.novelty(rtype, record.record_id, digest)
            if novelty == "unchanged" or novelty == "seen_again":
                self.stats.inc_value(stat(novelty, rtype))
                continue
            if novelty == "changed" and rtype == "article":
                self.stats.inc_value(stat("updated", rtype))
            writer.write_line(rtype, record.line)
            self.stats.inc_value(stat("written", rtype))
            batch.add_record(rtype, record.record_id, digest)
        for error in page.errors:
            self.write_error(error)
        batch.add_page(FetchedPage(page.key, page.url, page.lastmod, article_hash,
                                   page.fetched_at))

    def write_error(self, error: ErrorRecord) -> None:
        self.session.writer.write_error(error)
        self.stats.inc_value(stat("errors", error.reason))
