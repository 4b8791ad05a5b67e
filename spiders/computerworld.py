"""The ``computerworld`` spider: discovery and fetching, nothing else.

Discovery: robots.txt → its sitemaps (index → url sets with ``lastmod``; news sitemaps with
publication dates), RSS feeds named on the front page, the front page and the section pages
in its navigation with their pagination, and article links inside fetched articles
(related links included). Every copy of one article (www or not, http, slug or none,
tracking queries) is fetched once. With a crawl state (the default), an article already
fetched is fetched again only when its sitemap ``lastmod`` is newer.

Every request has an errback, so a URL that fails (HTTP error, timeout, refused connection,
robots.txt exclusion, off-site redirect, too large) becomes an error record instead of
vanishing; at the end, every discovered article URL is a record, an error record, or counted
as unaccounted (and the CLI exits non-zero). The spider never leaves the base host.

The bookkeeping lives elsewhere: what is still to fetch in the frontier
(:mod:`crawler.discovery.frontier`), what earlier runs fetched and wrote in the crawl session
(:mod:`crawler.runs.session`), which the spider owns for the whole crawl, and why a request
failed in the failure table (:mod:`crawler.fetching.failures`).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider, signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse

from crawler.discovery.feeds import parse_listing, parse_rss
from crawler.discovery.frontier import Frontier
from crawler.discovery.sitemaps import parse_sitemap, robots_sitemaps
from crawler.fetching.failures import failure_reason, http_status
from crawler.fetching.robots import robots_policy
from crawler.items import PageResult, SerialisedRecord
from crawler.normalize.dates import to_copenhagen, utc_now_iso
from crawler.normalize.urls import article_id, check_base_url, dedup_key, same_host, strip_tracking
from crawler.parsers import looks_complete, parse_page_report
from crawler.records import ErrorRecord
from crawler.records.vocabulary import (
    STAT_ARTICLE_ERRORS,
    STAT_DISCOVERED,
    STAT_DRIFT_PAGES,
    STAT_PAGES,
    STAT_SKIPPED_UNCHANGED,
    ErrorReason,
    stat,
)
from crawler.runs.manifest import crawl_fields
from crawler.runs.session import CrawlSession

DEFAULT_BASE_URL = "https://www.computerworld.dk"
_HREF = re.compile(rb"""href\s*=\s*["']([^"'#]*?/art/\d+[^"'#]*)["']""", re.IGNORECASE)
LISTING_MAX_PAGES = 5  # pagination depth per listing


def newer(lastmod: str | None, old: str | None) -> bool:
    """Whether a sitemap ``lastmod`` is later than the one stored at the last fetch.

    No new lastmod: not newer (nothing says it changed). No stored one: newer. Values are
    compared as instants when both parse (offsets differ across DST), else as text.
    """
    if lastmod is None:
        return False
    if old is None:
        return True
    a, b = to_copenhagen(lastmod), to_copenhagen(old)
    if a and b and len(a) == len(b):
        return datetime.fromisoformat(a) > datetime.fromisoformat(b)
    return lastmod > old


class ComputerworldSpider(Spider):
    name = "computerworld"
    session: CrawlSession  # set by from_crawler: state, run writer, manifest (runs/session.py)

    def __init__(self, base_url: str = DEFAULT_BASE_URL, max_pages: str | int | None = None,
                 urls: str | None = None, since: str | None = None, until: str | None = None,
                 follow_links: str | bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.base_url = check_base_url(base_url)
        parts = urlsplit(self.base_url)
        self.base_netloc = parts.netloc.lower()
        self.allowed_domains = [parts.hostname or ""]
        self.url_list = [u.strip() for u in (urls or "").split(",") if u.strip()]
        self.since, self.until = since, until
        # A linked article has no date to check against --since/--until: not followed then.
        self.follow_links = follow_links not in (False, "0", "false", "no") and \
            not (since or until)
        self.frontier = Frontier(max_pages=int(max_pages) if max_pages else None)
        self.listings_seen: set[str] = set()

    # -- discovery -------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        if self.url_list:
            for url in self.url_list:
                if not self.on_site(url):
                    yield self.error(url, "offsite", None, None,
                                     detail=f"not on the base host {self.base_netloc}")
                    continue
                self.enqueue(url, force=True)
            for request in self.release():
                yield request
            return
        yield Request(f"{self.base_url}/robots.txt", callback=self.parse_robots,
                      errback=self.on_robots_error, priority=100,
                      meta={"cw_kind": "robots", "dont_obey_robotstxt": True,
                            "handle_httpstatus_all": True})

    def parse_robots(self, response: Response) -> Iterator[Any]:
        policy = robots_policy(response.status)
        if policy == "deny_all":
            yield self.error(response.url, "robots_unreachable", response.status,
                             response.request)
            return  # RFC 9309: nothing from this host in this run
        text = response.text if isinstance(response, TextResponse) and policy == "obey" else ""
        sitemaps = [self.localise(u) for u in robots_sitemaps(text)] or \
            [f"{self.base_url}/sitemap.xml"]
        for url in sitemaps:
            self.queue_sitemap(url)
        yield from self.release()
        yield self.listing_request(f"{self.base_url}/", depth=0, front=True)

    def on_robots_error(self, failure: Any) -> Iterator[ErrorRecord]:
        """No answer from robots.txt: ``robots_policy(None)``, the host is off limits."""
        request = failure.request
        yield self.error(request.url, "robots_unreachable", http_status(failure), request,
                         detail=f"{failure.type.__name__}: {failure.getErrorMessage()}"[:500])

    def queue_sitemap(self, url: str) -> None:
        if self.on_site(url):
            self.frontier.add_sitemap(url)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        yield from self._sitemap(response)
        self.frontier.sitemap_done()
        yield from self.release()

    def _sitemap(self, response: Response) -> Iterator[Any]:
        sitemap = parse_sitemap(response.body)
        if sitemap is None or not sitemap.entries:
            yield self.error(response.url, "sitemap_empty_or_invalid", response.status,
                             response.request)
            return
        for entry in sitemap.entries:
            url = self.localise(entry.loc)
            if sitemap.kind == "index":
                self.queue_sitemap(url)
                continue
            stamp = entry.published or entry.lastmod
            if not self.in_window(stamp):
                continue
            self.enqueue(url, lastmod=entry.lastmod or entry.published)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        items = parse_rss(response.body)
        if items is None:
            yield self.error(response.url, "feed_invalid", response.status, response.request)
            return
        for item in items:
            if self.in_window(item.published):
                self.enqueue(self.localise(item.url))
        yield from self.release()

    def listing_request(self, url: str, depth: int, front: bool = False) -> Request:
        self.listings_seen.add(url)
        return Request(url, callback=self.parse_listing, errback=self.on_error, priority=40,
                       meta={"cw_kind": "listing", "cw_depth": depth, "cw_front": front})

    def parse_listing(self, response: Response) -> Iterator[Any]:
        if not self.since and not self.until:
            yield from self.follow_article_links(response)
        listing = parse_listing(response.body, response.url)
        depth = response.meta.get("cw_depth", 0)
        if response.meta.get("cw_front"):
            for feed in listing.feeds:
                if self.on_site(feed):
                    yield Request(feed, callback=self.parse_feed, errback=self.on_error,
                                  priority=45, meta={"cw_kind": "feed"})
            for section in listing.sections:
                if self.on_site(section) and section not in self.listings_seen:
                    yield self.listing_request(section, depth=0)
        if depth < LISTING_MAX_PAGES:
            for page in listing.next_pages:
                if self.on_site(page) and page not in self.listings_seen:
                    yield self.listing_request(page, depth=depth + 1)

    # -- articles --------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        yield from self._article(response)
        yield from self.release()

    def _article(self, response: Response) -> Iterator[Any]:
        key = response.meta.get("cw_key") or dedup_key(response.url)
        if not self.on_site(response.url):
            yield self.error(response.url, "offsite", response.status, response.request)
            return
        fetched_at = response.meta.get("cw_fetched_at") or utc_now_iso()
        if not looks_complete(response.body):
            yield self.error(response.url, "incomplete_body", response.status,
                             response.request, detail=f"{len(response.body)} bytes, no end tag")
            return
        encoding = response.encoding if isinstance(response, TextResponse) else None
        try:
            report = parse_page_report(response.body, response.url, fetched_at,
                                       encoding=encoding)
        except Exception as exc:  # a parser bug must cost one page, never the crawl
            self.logger.exception("parser failed on %s", response.url)
            yield self.error(response.url, "parse_error", response.status, response.request,
                             detail=f"{type(exc).__name__}: {exc}")
            return
        stats = self.crawler.stats
        self.frontier.settle(key)
        stats.inc_value(STAT_PAGES)
        if report.drift:
            stats.inc_value(STAT_DRIFT_PAGES)
        for code in report.drift:
            stats.inc_value(stat("drift", code))
        for record in report.records:
            for warning in record.warnings:
                stats.inc_value(stat("warnings", warning))
        yield PageResult(key=key, url=response.url, fetched_at=fetched_at,
                         lastmod=response.meta.get("cw_lastmod"),
                         records=[SerialisedRecord(r) for r in report.records])
        if self.follow_links:
            yield from self.follow_article_links(response)

    def follow_article_links(self, response: Response) -> Iterator[Request]:
        for match in _HREF.finditer(response.body):
            href = match.group(1).decode("utf-8", "replace").strip()
            self.enqueue(urljoin(response.url, href))
        yield from self.release()

    def enqueue(self, url: str, *, lastmod: str | None = None, force: bool = False) -> None:
        """Queue an article URL unless it is off-site, not an article, already discovered
        (any copy of the same article id), unchanged since the last run, or over
        ``max_pages``."""
        url = strip_tracking(url)
        if not self.on_site(url) or (article_id(url) is None and not force):
            return
        key = dedup_key(url)
        if not self.frontier.discover(key):
            return
        known = self.session.state.article(key)
        if known is not None and not force and not newer(lastmod, known[0]):
            self.crawler.stats.inc_value(STAT_SKIPPED_UNCHANGED)
            return
        self.crawler.stats.inc_value(STAT_DISCOVERED)
        self.frontier.push(url, lastmod)

    def release(self) -> Iterator[Request]:
        """Requests for what the frontier releases: the next sitemap once the queue of
        articles runs low, and queued articles while few are under way."""
        sitemap = self.frontier.next_sitemap()
        if sitemap is not None:
            yield Request(sitemap, callback=self.parse_sitemap, errback=self.on_error,
                          priority=50, meta={"cw_kind": "sitemap"})
        for url, key, lastmod in self.frontier.release():
            # dont_filter: the spider deduplicates articles itself (by id, across URL
            # copies), and Scrapy's duplicate filter would silently drop a redirect that
            # loops back.
            yield Request(url, callback=self.parse_article, errback=self.on_error,
                          dont_filter=True,
                          meta={"cw_kind": "article", "cw_key": key, "cw_lastmod": lastmod})

    def on_idle(self) -> None:
        """Nothing under way but articles still queued (e.g. every page in flight failed
        in a way that released nothing): release the next batch and keep the spider open."""
        if not self.frontier.waiting():
            return
        self.frontier.idle()
        for request in self.release():
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    # -- helpers ---------------------------------------------------------------------------

    def in_window(self, stamp: str | None) -> bool:
        """Whether a lastmod/publication date falls in ``--since``/``--until`` (inclusive)."""
        if not self.since and not self.until:
            return True
        if not stamp:
            return False
        day = stamp[:10]
        return (not self.since or day >= self.since) and (not self.until or day <= self.until)

    def on_site(self, url: str) -> bool:
        return same_host(url, self.base_netloc)

    def localise(self, url: str) -> str:
        """Sitemaps of a mirror may name the real host; keep the path on the base host."""
        parts = urlsplit(url)
        if parts.netloc.lower().removeprefix("www.") == "computerworld.dk" and \
                self.base_netloc.removeprefix("www.") != "computerworld.dk":
            return f"{self.base_url}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        return url

    def error(self, url: str, reason: ErrorReason, status: int | None,
              request: Request | None, detail: str | None = None) -> ErrorRecord:
        """The error record of a URL, for a reason of the vocabulary."""
        return self._error_record(url, reason, status, request, detail)

    def _error_record(self, url: str, reason: str, status: int | None,
                      request: Request | None, detail: str | None) -> ErrorRecord:
        """``reason``: an :data:`ErrorReason` or ``http_<status>``; settles an article."""
        attempts = (request.meta.get("retry_times", 0) + 1) if request is not None else 1
        if request is not None and request.meta.get("cw_kind") == "article":
            self.frontier.settle(request.meta.get("cw_key", ""))
            self.crawler.stats.inc_value(STAT_ARTICLE_ERRORS)
        return ErrorRecord(url=url, reason=reason, status=status, attempts=attempts,
                           at=utc_now_iso(), detail=detail)

    def on_error(self, failure: Any) -> Iterator[Any]:
        request = failure.request
        # After redirects the request is the last hop; the record names the URL we asked for.
        asked = (request.meta.get("redirect_urls") or [request.url])[0]
        reason = failure_reason(failure, on_site=self.on_site)
        self.logger.info("error %s on %s", reason, asked)
        detail = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        if asked != request.url:
            detail += f" (after redirects, at {request.url})"
        yield self._error_record(asked, reason, http_status(failure), request, detail[:500])
        if request.meta.get("cw_kind") == "sitemap":
            self.frontier.sitemap_done()
        if request.meta.get("cw_kind") in ("article", "sitemap"):
            yield from self.release()

    def unaccounted(self) -> list[str]:
        """Article URLs discovered in this run with neither a record nor an error record."""
        return self.frontier.unaccounted()

    # -- the crawl session ------------------------------------------------------------------

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ComputerworldSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Opened here, before Scrapy builds the pipelines and extensions that use it: opening
        # recovers the runs an earlier crawl left interrupted, cutting their files back.
        spider.session = CrawlSession.from_crawler(crawler)
        spider.session.open()
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    def closed(self, reason: str) -> None:
        """Scrapy's spider_closed hook, after the pipelines have written their last item."""
        stats = self.crawler.stats.get_stats()
        self.session.close(crawl_fields(stats, finish_reason=reason,
                                        base_url=self.settings.get("CWSCRAPE_BASE_URL"),
                                        unaccounted=self.unaccounted()))
