"""The failure→reason table: every exception a failed request can end with, and its reason."""

from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as tx
from twisted.python.failure import Failure
from twisted.web.client import ResponseFailed

from crawler.fetching.exceptions import Offsite, RateLimited, RobotsForbidden, RobotsUnreachable
from crawler.fetching.failures import REASONS, failure_reason, http_status
from crawler.normalize.urls import same_host
from crawler.records.vocabulary import ERROR_REASONS, HTTP_ERROR_PREFIX

BASE = "127.0.0.1:8000"


def _on_site(url: str) -> bool:
    return same_host(url, BASE)


def _http_error(status: int, location: str | None = None) -> HttpError:
    url = f"http://{BASE}/art/1/a"
    headers = {"Location": location} if location else {}
    response = Response(url, status=status, headers=headers, request=Request(url))
    return HttpError(response, f"Ignoring non-200 response ({status})")


CASES = [
    (RobotsUnreachable("robots.txt unreachable"), "robots_unreachable"),
    (RobotsForbidden("Forbidden by robots.txt"), "robots"),
    (RateLimited("Retry-After 500s exceeds the cap of 120s"), "rate_limited"),
    (Offsite(f"offsite: http://localhost/ is not on {BASE}"), "offsite"),
    (DownloadTimeoutError("Getting … took longer than 5.0 seconds."), "timeout"),
    (tx.TimeoutError(), "timeout"),
    (tx.TCPTimedOutError(), "timeout"),
    (defer.TimeoutError(), "timeout"),
    (CannotResolveHostError("nohost.invalid"), "dns_error"),
    (tx.DNSLookupError("nohost.invalid"), "dns_error"),
    (DownloadConnectionRefusedError("Connection was refused"), "connection_refused"),
    (tx.ConnectionRefusedError(), "connection_refused"),
    (DownloadCancelledError("Expected to receive 52428800 bytes which is larger than "
                            "download max size (16777216)"), "too_large"),
    (IgnoreRequest("Ignored response <200 …> because its body (317 B compressed, 16804512 B "
                   "decompressed so far) exceeded DOWNLOAD_MAXSIZE (16777216 B) during "
                   "decompression."), "too_large"),
    (IgnoreRequest("max redirections reached"), "redirect_loop"),
    (IgnoreRequest("Filtered offsite request"), "ignored"),
    (ResponseDataLossError(), "connection_lost"),
    (ResponseFailed([Failure(tx.ConnectionLost())]), "connection_lost"),
    (tx.ConnectionLost(), "connection_lost"),
    (tx.ConnectionDone(), "connection_lost"),
    (tx.ConnectionAborted(), "connection_lost"),
    (DownloadFailedError("[<Failure ParseError: non-integer status code>]"), "download_error"),
    (ValueError("anything else"), "download_error"),
    (_http_error(404), "http_404"),
    (_http_error(503), "http_503"),
    (_http_error(302, "file:///etc/passwd"), "offsite"),
    (_http_error(302, f"http://{BASE}/art/2/b"), "http_302"),
    (_http_error(301), "http_301"),
]


@pytest.mark.parametrize("exc,reason", CASES, ids=[f"{type(e).__name__}-{r}" for e, r in CASES])
def test_each_exception_has_its_reason(exc: BaseException, reason: str) -> None:
    assert failure_reason(exc, on_site=_on_site) == reason
    assert failure_reason(Failure(exc), on_site=_on_site) == reason  # as an errback gets it


def test_every_reason_is_in_the_vocabulary() -> None:
    assert {reason for _, reason in REASONS} <= ERROR_REASONS
    for _, reason in CASES:
        assert reason in ERROR_REASONS or reason.startswith(HTTP_ERROR_PREFIX), reason


def test_every_row_of_the_table_is_reachable() -> None:
    """A row hidden by an earlier, broader one would never give its reason."""
    for classes, reason in REASONS:
        for cls in classes:
            assert failure_reason(cls.__new__(cls)) == reason, cls


def test_without_a_site_a_redirect_is_its_status() -> None:
    assert failure_reason(_http_error(302, "file:///etc/passwd")) == "http_302"


def test_http_status_only_for_http_errors() -> None:
    assert http_status(Failure(_http_error(404))) == 404
    assert http_status(DownloadTimeoutError()) is None
