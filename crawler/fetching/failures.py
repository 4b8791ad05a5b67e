"""Why a request failed, in the words of ``errors.jsonl``: the one failure→reason table.

The spider's errback hands every failed request here. Scrapy ≥ 2.13 wraps Twisted's network
errors in its own classes (``DownloadTimeoutError``, ``CannotResolveHostError`` …); both are
listed, so a handler that passes Twisted's through still gets its reason. Checked in order,
first match wins: the crawl's own refusals first, since they are ``IgnoreRequest``\\s too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final
from urllib.parse import urljoin

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as tx
from twisted.python.failure import Failure
from twisted.web.client import ResponseFailed

from crawler.fetching.exceptions import Offsite, RateLimited, RobotsForbidden, RobotsUnreachable
from crawler.records.vocabulary import HTTP_ERROR_PREFIX, ErrorReason

REASONS: Final[tuple[tuple[tuple[type[BaseException], ...], ErrorReason], ...]] = (
    ((RobotsUnreachable,), "robots_unreachable"),
    ((RobotsForbidden,), "robots"),
    ((RateLimited,), "rate_limited"),
    ((Offsite,), "offsite"),
    ((DownloadTimeoutError, tx.TimeoutError, tx.TCPTimedOutError, defer.TimeoutError),
     "timeout"),
    ((CannotResolveHostError, tx.DNSLookupError), "dns_error"),
    ((DownloadConnectionRefusedError, tx.ConnectionRefusedError), "connection_refused"),
    # DOWNLOAD_MAXSIZE exceeded, by the declared length or by the bytes received.
    ((DownloadCancelledError,), "too_large"),
    # The body stopped short of its length, or the connection broke while it was read.
    ((ResponseDataLossError, ResponseFailed, tx.ConnectionClosed), "connection_lost"),
    # Scrapy's wrapper of every other ``ResponseFailed``: malformed HTTP mostly.
    ((DownloadFailedError,), "download_error"),
)


def failure_reason(error: Failure | BaseException,
                   on_site: Callable[[str], bool] | None = None) -> str:
    """The error reason of a failed request: an :data:`ErrorReason` or ``http_<status>``.

    An HTTP error status is ``http_<status>``, except a redirect that Scrapy did not follow
    because its ``Location`` leaves the site (another scheme such as ``file://``), which is
    ``offsite`` when ``on_site`` says so. Anything not in :data:`REASONS` is
    ``download_error``.
    """
    exc = error.value if isinstance(error, Failure) else error
    if isinstance(exc, HttpError):
        response = exc.response
        if 300 <= response.status < 400 and on_site is not None:
            target = (response.headers.get(b"Location") or b"").decode("latin-1")
            if target and not on_site(urljoin(response.url, target)):
                return "offsite"
        return f"{HTTP_ERROR_PREFIX}{response.status}"
    for classes, reason in REASONS:
        if isinstance(exc, classes):
            return reason
    if isinstance(exc, IgnoreRequest):
        return _ignored_reason(exc)
    return "download_error"


def _ignored_reason(exc: IgnoreRequest) -> ErrorReason:
    """Scrapy drops a decompression bomb and a redirect loop with a bare ``IgnoreRequest``;
    only its message tells them apart."""
    message = str(exc)
    if "DOWNLOAD_MAXSIZE" in message:  # HttpCompressionMiddleware, while decompressing
        return "too_large"
    if "redirect" in message.lower():  # RedirectMiddleware: "max redirections reached"
        return "redirect_loop"
    return "ignored"


def http_status(error: Failure | BaseException) -> int | None:
    """The HTTP status of a failure that carries a response (an :class:`HttpError`)."""
    exc = error.value if isinstance(error, Failure) else error
    return exc.response.status if isinstance(exc, HttpError) else None
