"""Keep every request on the crawl's base host, redirects and start requests included."""

from __future__ import annotations

from typing import Any

from scrapy.http import Request

from crawler.fetching.exceptions import Offsite
from crawler.normalize.urls import same_host
from crawler.records.vocabulary import STAT_OFFSITE_REFUSED


class SameHostMiddleware:
    """Refuse every request whose scheme is not http(s) or whose host:port differs from the
    spider's ``base_netloc`` (see :func:`crawler.normalize.urls.same_host`) — redirects
    included, which pass through here again. Scrapy's own offsite check ignores the port and
    lets start requests through. Spiders without a ``base_netloc`` are not checked."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> SameHostMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        base = getattr(self.crawler.spider, "base_netloc", None)
        if base is None:
            return None
        if not same_host(request.url, base):
            self.crawler.stats.inc_value(STAT_OFFSITE_REFUSED)
            raise Offsite(f"offsite: {request.url} is not on {base}")
        return None
