"""Retries with exponential backoff that honour ``Retry-After``, without blocking the reactor.

Scrapy's stock retry middleware retries at once and ignores ``Retry-After``. Here a retried
request carries the time before which it must not be sent, and waits for it in its own
coroutine, so other requests go on meanwhile. A ``Retry-After`` above the cap ends the URL with
:class:`~crawler.fetching.exceptions.RateLimited` (an error record ``rate_limited``).
"""

from __future__ import annotations

import asyncio
import time
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request, Response

from crawler.fetching.exceptions import RateLimited
from crawler.records.vocabulary import STAT_RATE_LIMITED

# Statuses whose Retry-After is read (RFC 9110 §10.2.3 names 503 and 3xx; RFC 6585 429).
RETRY_AFTER_STATUSES = frozenset({429, 503})


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds (``"120"``) or an HTTP
    date (``"Wed, 21 Oct 2026 07:28:00 GMT"``, counted from ``now``, default the clock; a
    date in the past is 0). ``None`` when the header is missing or unreadable."""
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
        if response.status in RETRY_AFTER_STATUSES:
            delay = retry_after_seconds(response.headers.get(b"Retry-After"))
            if delay is not None and delay > self.retry_after_max:
                self.crawler.stats.inc_value(STAT_RATE_LIMITED)
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
