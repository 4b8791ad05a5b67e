"""Downloader middlewares for a polite, honest crawl.

* :class:`RobotsPolicyMiddleware` — RFC 9309 robots.txt: 2xx is obeyed, 4xx (but 429) means
  no restrictions, and 5xx, 429 or an unreachable robots.txt mean "disallow everything" for
  that host in this run (Scrapy's stock middleware allows everything then).
* :class:`BackoffRetryMiddleware` — retries with exponential backoff, and honours
  ``Retry-After`` on 429/503 (delta-seconds and HTTP-date) without blocking other requests:
  the retried request waits in its own coroutine. A ``Retry-After`` above the cap ends the
  URL with an error record ``rate_limited``.
"""

from __future__ import annotations

import asyncio
import time
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from twisted.internet.defer import Deferred


class RobotsUnreachable(IgnoreRequest):
    """robots.txt answered 5xx/429 or could not be fetched: the host is off limits."""


class RobotsForbidden(IgnoreRequest):
    """robots.txt disallows this URL."""


class RateLimited(IgnoreRequest):
    """The server asked us to wait longer than the configured cap."""


class _DenyAll:
    def allowed(self, url: str, user_agent: Any) -> bool:
        return False


class RobotsPolicyMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        # The stock middleware logs a full traceback when robots.txt cannot be fetched; the
        # crawl records that as a robots_unreachable error instead, in one line.
        import logging

        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500 or response.status == 429:
            self._stats.inc_value("robotstxt/unreachable")
            self._set(netloc, _DenyAll())
            return
        if 400 <= response.status < 500:
            self._set(netloc, None)  # RFC 9309 §2.3.1.3: unavailable → no restrictions
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._stats.inc_value("robotstxt/unreachable")
        self._set(netloc, _DenyAll())

    def _set(self, netloc: str, parser: Any) -> None:
        pending: Any = self._parsers.get(netloc)
        self._parsers[netloc] = parser
        if isinstance(pending, Deferred) and not pending.called:
            pending.callback(parser)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, _DenyAll):
            self._stats.inc_value("robotstxt/forbidden")
            raise RobotsUnreachable("robots.txt unreachable (RFC 9309: disallow all)")
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:
            raise RobotsForbidden(str(exc)) from None


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry rules plus backoff and ``Retry-After``.

    Settings: ``RETRY_BACKOFF_BASE`` (seconds; attempt n waits base × 2ⁿ⁻¹, default 1.0),
    ``RETRY_BACKOFF_MAX`` (default 30), ``RETRY_AFTER_MAX`` (cap on ``Retry-After``,
    default 120 s).
    """

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 30.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 120.0)

    async def process_request(self, request: Request) -> None:
        not_before = request.meta.get("cw_not_before")
        if not_before:
            wait = not_before - time.time()
            if wait > 0:
                await asyncio.sleep(wait)
        return None

    def process_response(  # type: ignore[override]  # Scrapy ≥ 2.13 drops the spider arg
            self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = None
        if response.status in (429, 503):
            delay = retry_after_seconds(response.headers.get(b"Retry-After"))
            if delay is not None and delay > self.retry_after_max:
                self.crawler.stats.inc_value("cwscrape/rate_limited")
                raise RateLimited(f"Retry-After {delay:.0f}s exceeds the cap of "
                                  f"{self.retry_after_max:.0f}s")
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        self._schedule(retry, delay)
        return retry

    def process_exception(  # type: ignore[override]
            self, request: Request, exception: Exception) -> Any:
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            self._schedule(retry, None)
        return retry

    def _schedule(self, retry: Request, delay: float | None) -> None:
        attempt = retry.meta.get("retry_times", 1)
        if delay is None:
            delay = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
        retry.meta["cw_not_before"] = time.time() + delay


class Offsite(IgnoreRequest):
    """A request (often a redirect) to another host, port or scheme than the crawl's."""


class SameHostMiddleware:
    """Refuse every request whose scheme is not http(s) or whose host:port differs from the
    spider's base URL — redirects included, which pass through here again. Scrapy's own
    offsite check ignores the port and lets start requests through."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> SameHostMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        base = getattr(spider, "base_netloc", None)
        if base is None:
            return None
        from urllib.parse import urlsplit

        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != base:
            self.crawler.stats.inc_value("cwscrape/offsite_refused")
            raise Offsite(f"offsite: {request.url} is not on {base}")
        return None
