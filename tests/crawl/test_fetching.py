"""The downloader middlewares, one at a time, on Scrapy Request/Response objects.

robots.txt under RFC 9309 (2xx obeyed, 4xx allow all, 429/5xx/no answer deny all),
Retry-After (seconds, HTTP date, above the cap) and backoff, and the same-host rule.
"""

from __future__ import annotations

import asyncio
import time
from email.utils import formatdate
from typing import Any

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadTimeoutError
from scrapy.http import Request, Response, TextResponse
from scrapy.utils.test import get_crawler

from crawler.fetching.exceptions import Offsite, RateLimited, RobotsForbidden, RobotsUnreachable
from crawler.fetching.retry import BackoffRetryMiddleware, retry_after_seconds
from crawler.fetching.robots import RobotsPolicyMiddleware, robots_policy
from crawler.fetching.samehost import SameHostMiddleware
from crawler.records.vocabulary import (
    SCRAPY_STAT_ROBOTS_UNREACHABLE,
    STAT_OFFSITE_REFUSED,
    STAT_RATE_LIMITED,
)

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


class _Engine:
    """Stands in for the engine the robots middleware downloads robots.txt through."""

    def __init__(self, answer: Response | Exception) -> None:
        self.answer = answer
        self.downloads: list[str] = []

    async def download_async(self, request: Request) -> Response:
        self.downloads.append(request.url)
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


def _crawler(spidercls: type[Spider] = Spider, **settings: Any) -> Crawler:
    crawler = get_crawler(spidercls, settings_dict={"ROBOTSTXT_OBEY": True, **settings})
    crawler.spider = spidercls.from_crawler(crawler, name="test")
    return crawler


def _robots(answer: Response | Exception) -> tuple[RobotsPolicyMiddleware, Crawler]:
    crawler = _crawler()
    crawler.engine = _Engine(answer)  # type: ignore[assignment]
    return RobotsPolicyMiddleware.from_crawler(crawler), crawler


def _fetch(mw: RobotsPolicyMiddleware, url: str) -> BaseException | None:
    """Run the middleware on one request; the exception it refuses it with, if any."""
    async def run() -> BaseException | None:
        try:
            await mw.process_request(Request(url))
        except Exception as exc:
            return exc
        return None
    return asyncio.run(run())


# -- robots.txt -------------------------------------------------------------------------------

@pytest.mark.parametrize("status,policy", [
    (200, "obey"), (204, "obey"), (301, "obey"),
    (401, "allow_all"), (403, "allow_all"), (404, "allow_all"), (410, "allow_all"),
    (429, "deny_all"), (500, "deny_all"), (503, "deny_all"), (None, "deny_all"),
])
def test_robots_policy_follows_rfc_9309(status: int | None, policy: str) -> None:
    assert robots_policy(status) == policy


def test_robots_2xx_rules_are_obeyed() -> None:
    mw, crawler = _robots(TextResponse("http://site/robots.txt", status=200, body=ROBOTS))
    assert _fetch(mw, "http://site/art/1/a") is None
    assert isinstance(_fetch(mw, "http://site/private/x"), RobotsForbidden)
    assert crawler.engine.downloads == ["http://site/robots.txt"]  # fetched once per host


@pytest.mark.parametrize("status", [403, 404])
def test_robots_4xx_allows_everything(status: int) -> None:
    mw, crawler = _robots(TextResponse("http://site/robots.txt", status=status, body=ROBOTS))
    assert _fetch(mw, "http://site/private/x") is None
    assert crawler.stats.get_value(SCRAPY_STAT_ROBOTS_UNREACHABLE) is None


@pytest.mark.parametrize("answer", [
    TextResponse("http://site/robots.txt", status=429, body=ROBOTS),
    TextResponse("http://site/robots.txt", status=503, body=b""),
    DownloadTimeoutError("robots.txt took longer than 5 seconds"),
], ids=["429", "503", "timeout"])
def test_robots_429_5xx_or_no_answer_denies_everything(answer: Response | Exception) -> None:
    mw, crawler = _robots(answer)
    assert isinstance(_fetch(mw, "http://site/art/1/a"), RobotsUnreachable)
    assert isinstance(_fetch(mw, "http://site/"), RobotsUnreachable)
    assert crawler.stats.get_value(SCRAPY_STAT_ROBOTS_UNREACHABLE) == 1


def test_robots_is_per_host() -> None:
    mw, _ = _robots(TextResponse("http://site/robots.txt", status=503, body=b""))
    assert isinstance(_fetch(mw, "http://site/art/1/a"), RobotsUnreachable)
    mw.crawler.engine.answer = TextResponse("http://other/robots.txt", status=200, body=b"")
    assert _fetch(mw, "http://other/art/1/a") is None


# -- Retry-After and backoff -------------------------------------------------------------------

@pytest.mark.parametrize("value,seconds", [
    (b"120", 120.0), ("5", 5.0), (" 7 ", 7.0), (None, None), (b"soon", None), (b"-3", None),
])
def test_retry_after_delta_seconds(value: bytes | str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value) == seconds


def test_retry_after_http_date() -> None:
    now = 1_800_000_000.0
    assert retry_after_seconds(formatdate(now + 30, usegmt=True), now=now) == 30.0
    assert retry_after_seconds(formatdate(now - 30, usegmt=True), now=now) == 0.0


def _retry(**settings: Any) -> BackoffRetryMiddleware:
    return BackoffRetryMiddleware.from_crawler(_crawler(**settings))


def _answer(status: int, **headers: str) -> tuple[Request, Response]:
    request = Request("http://site/art/1/a")
    return request, Response(request.url, status=status, headers=headers, request=request)


def test_retry_waits_as_long_as_retry_after_says() -> None:
    request, response = _answer(429, **{"Retry-After": "3"})
    retry = _retry(RETRY_BACKOFF_BASE=0.1).process_response(request, response)
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1
    assert retry.meta["cw_not_before"] - time.time() == pytest.approx(3.0, abs=0.5)


def test_retry_after_as_http_date_is_honoured() -> None:
    request, response = _answer(503, **{"Retry-After": formatdate(time.time() + 20,
                                                                  usegmt=True)})
    retry = _retry().process_response(request, response)
    assert isinstance(retry, Request)
    assert retry.meta["cw_not_before"] - time.time() == pytest.approx(20.0, abs=1.5)


def test_retry_after_above_the_cap_is_rate_limited() -> None:
    mw = _retry(RETRY_AFTER_MAX=120)
    request, response = _answer(429, **{"Retry-After": "500"})
    with pytest.raises(RateLimited):
        mw.process_response(request, response)
    assert mw.crawler.stats.get_value(STAT_RATE_LIMITED) == 1


def test_without_retry_after_the_backoff_doubles_up_to_its_maximum() -> None:
    mw = _retry(RETRY_BACKOFF_BASE=2.0, RETRY_BACKOFF_MAX=3.0, RETRY_TIMES=5)
    request, response = _answer(503)
    first = mw.process_response(request, response)
    assert isinstance(first, Request)
    assert first.meta["cw_not_before"] - time.time() == pytest.approx(2.0, abs=0.5)
    second = mw.process_response(first, Response(first.url, status=503, request=first))
    assert isinstance(second, Request)
    assert second.meta["cw_not_before"] - time.time() == pytest.approx(3.0, abs=0.5)


def test_retries_run_out_and_other_statuses_pass() -> None:
    mw = _retry(RETRY_TIMES=1)
    request, response = _answer(503)
    retry = mw.process_response(request, response)
    assert isinstance(retry, Request)
    last = Response(retry.url, status=503, request=retry)
    assert mw.process_response(retry, last) is last
    request, ok = _answer(404)
    assert mw.process_response(request, ok) is ok


def test_a_retried_request_waits_in_its_own_coroutine() -> None:
    mw = _retry()
    request = Request("http://site/art/1/a", meta={"cw_not_before": time.time() + 0.3})
    started = time.monotonic()
    asyncio.run(mw.process_request(request))
    assert time.monotonic() - started >= 0.25
    started = time.monotonic()
    asyncio.run(mw.process_request(Request("http://site/art/2/b")))
    assert time.monotonic() - started < 0.1


# -- same host --------------------------------------------------------------------------------

class _SiteSpider(Spider):
    name = "site"
    base_netloc = "127.0.0.1:8000"


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/art/1/a", "https://127.0.0.1:8000/"])
def test_same_host_passes(url: str) -> None:
    mw = SameHostMiddleware.from_crawler(_crawler(_SiteSpider))
    assert mw.process_request(Request(url)) is None


@pytest.mark.parametrize("url", ["http://127.0.0.1:8001/art/1/a", "http://localhost:8000/",
                                 "file:///etc/passwd", "ftp://127.0.0.1:8000/x"])
def test_other_ports_hosts_and_schemes_are_offsite(url: str) -> None:
    crawler = _crawler(_SiteSpider)
    mw = SameHostMiddleware.from_crawler(crawler)
    with pytest.raises(Offsite):
        mw.process_request(Request(url))
    assert crawler.stats.get_value(STAT_OFFSITE_REFUSED) == 1


def test_a_spider_without_a_base_host_is_not_checked() -> None:
    mw = SameHostMiddleware.from_crawler(_crawler())
    assert mw.process_request(Request("http://anywhere.example/")) is None
