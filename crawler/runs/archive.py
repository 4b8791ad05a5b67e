"""The archive extension: every fetched response into the run's WARC (crawler.storage.warc)."""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.normalize.dates import utc_now_iso
from crawler.records.vocabulary import STAT_WRITE_FAILED
from crawler.runs.session import session_of


class ArchiveExtension:
    """URL, status, headers, body and fetch time of every response, into the session's run
    folder (``CWSCRAPE_ARCHIVE``, on by default).

    The fetch time is stamped on the request's meta too, so the records parsed from the
    response carry exactly the WARC-Date and ``cwscrape reparse`` reproduces them.
    """

    def __init__(self, crawler: Any) -> None:
        if not crawler.settings.getbool("CWSCRAPE_ARCHIVE", True):
            raise NotConfigured
        self.crawler = crawler
        self.session = session_of(crawler)
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
            self.session.writer.archive_response(response.url, response.status, headers,
                                                 response.body, fetched_at)
        except OSError as exc:
            self.crawler.stats.set_value(STAT_WRITE_FAILED, f"archive: {exc}")
