"""The ``computerworld`` spider: robots.txt → sitemaps → article pages, plus in-site links.

Discovery only; extraction is the parsers' job. Every request has an errback, so a URL
that fails (HTTP error, timeout, refused connection, robots.txt exclusion) becomes an error
record instead of vanishing. The spider never leaves the base host.
"""

from __future__ import annotations

import re
from typing import Any, AsyncIterator, Iterator
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)

from crawler.dates import utc_now_iso
from crawler.parsers import parse_page_report
from crawler.records import ErrorRecord
from crawler.sitemaps import parse_sitemap, robots_sitemaps
from crawler.urls import article_id, dedup_key, strip_tracking

DEFAULT_BASE_URL = "https://www.computerworld.dk"
_HREF = re.compile(rb"""href\s*=\s*["']([^"'#]*?/art/\d+[^"'#]*)["']""", re.IGNORECASE)


class ComputerworldSpider(Spider):
    name = "computerworld"

    def __init__(self, base_url: str = DEFAULT_BASE_URL, max_pages: str | int | None = None,
                 urls: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"base_url must be an http(s) URL, got {base_url!r}")
        self.base_netloc = parts.netloc.lower()
        self.allowed_domains = [parts.hostname]
        self.max_pages = int(max_pages) if max_pages else None
        self.url_list = [u.strip() for u in (urls or "").split(",") if u.strip()]
        self.scheduled: set[str] = set()

    # -- discovery -------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        if self.url_list:
            for url in self.url_list:
                request = self.article_request(url, force=True)
                if request is not None:
                    yield request
            return
        yield Request(f"{self.base_url}/robots.txt", callback=self.parse_robots,
                      errback=self.on_error, priority=100, dont_filter=False,
                      meta={"cw_kind": "robots", "dont_obey_robotstxt": True})

    def parse_robots(self, response: Response) -> Iterator[Any]:
        text = response.text if isinstance(response, TextResponse) else \
            response.body.decode("utf-8", "replace")
        sitemaps = [self.localise(u) for u in robots_sitemaps(text)] or \
            [f"{self.base_url}/sitemap.xml"]
        for url in sitemaps:
            if self.on_site(url):
                yield Request(url, callback=self.parse_sitemap, errback=self.on_error,
                              priority=50, meta={"cw_kind": "sitemap"})
        yield Request(f"{self.base_url}/", callback=self.parse_listing, errback=self.on_error,
                      priority=40, meta={"cw_kind": "listing"})

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        sitemap = parse_sitemap(response.body)
        if sitemap is None or not sitemap.entries:
            yield self.error(response.url, "sitemap_empty_or_invalid", response.status,
                             response.request)
            return
        for entry in sitemap.entries:
            url = self.localise(entry.loc)
            if sitemap.kind == "index":
                if self.on_site(url):
                    yield Request(url, callback=self.parse_sitemap, errback=self.on_error,
                                  priority=50, meta={"cw_kind": "sitemap"})
                continue
            request = self.article_request(url)
            if request is not None:
                yield request

    def parse_listing(self, response: Response) -> Iterator[Any]:
        yield from self.follow_article_links(response)

    # -- articles --------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        stats = self.crawler.stats
        if not self.on_site(response.url):
            yield self.error(response.url, "offsite", response.status, response.request)
            return
        encoding = response.encoding if isinstance(response, TextResponse) else None
        try:
            report = parse_page_report(response.body, response.url, utc_now_iso(),
                                       encoding=encoding)
        except Exception as exc:  # a parser bug must cost one page, never the crawl
            self.logger.exception("parser failed on %s", response.url)
            yield self.error(response.url, "parse_error", response.status, response.request,
                             detail=f"{type(exc).__name__}: {exc}")
            return
        stats.inc_value("cwscrape/pages")
        for code in report.drift:
            stats.inc_value(f"cwscrape/drift/{code.split(':')[0]}")
        for record in report.records:
            for warning in record.warnings:
                stats.inc_value(f"cwscrape/warnings/{warning.split(':')[0]}")
            yield record
        yield from self.follow_article_links(response)

    def follow_article_links(self, response: Response) -> Iterator[Request]:
        for match in _HREF.finditer(response.body):
            href = match.group(1).decode("utf-8", "replace").strip()
            request = self.article_request(urljoin(response.url, href))
            if request is not None:
                yield request

    def article_request(self, url: str, *, force: bool = False) -> Request | None:
        """A request for an article URL, or ``None`` when it is off-site, not an article,
        already scheduled (any copy of the same article id), or over ``max_pages``."""
        url = strip_tracking(url)
        if not self.on_site(url) or (article_id(url) is None and not force):
            return None
        key = dedup_key(url)
        if key in self.scheduled:
            return None
        if self.max_pages is not None and len(self.scheduled) >= self.max_pages:
            return None
        self.scheduled.add(key)
        self.crawler.stats.inc_value("cwscrape/discovered")
        return Request(url, callback=self.parse_article, errback=self.on_error,
                       meta={"cw_kind": "article"})

    # -- helpers ---------------------------------------------------------------------------

    def on_site(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and parts.netloc.lower() == self.base_netloc

    def localise(self, url: str) -> str:
        """Sitemaps of a mirror may name the real host; keep the path on the base host."""
        parts = urlsplit(url)
        if parts.netloc.lower().removeprefix("www.") == "computerworld.dk" and \
                self.base_netloc.removeprefix("www.") != "computerworld.dk":
            return f"{self.base_url}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        return url

    def error(self, url: str, reason: str, status: int | None, request: Request | None,
              detail: str | None = None) -> ErrorRecord:
        attempts = (request.meta.get("retry_times", 0) + 1) if request is not None else 1
        return ErrorRecord(url=url, reason=reason, status=status, attempts=attempts,
                           at=utc_now_iso(), detail=detail)

    def on_error(self, failure: Any) -> Iterator[ErrorRecord]:
        request = failure.request
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"http_{status}"
        elif failure.check(TimeoutError, TCPTimedOutError):
            reason = "timeout"
        elif failure.check(DNSLookupError):
            reason = "dns_error"
        elif failure.check(ConnectionRefusedError):
            reason = "connection_refused"
        elif failure.check(IgnoreRequest):
            reason = "robots" if "robots" in str(failure.value).lower() else "ignored"
        else:
            reason = "download_error"
        self.logger.info("error %s on %s", reason, request.url)
        yield self.error(request.url, reason, status, request,
                         detail=f"{failure.type.__name__}: {failure.getErrorMessage()}"[:500])
