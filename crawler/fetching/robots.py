"""robots.txt under RFC 9309, for the downloader and for the spider's own robots.txt fetch.

Scrapy's stock middleware allows everything when robots.txt cannot be read; RFC 9309 says a
host whose robots.txt is unreachable (5xx, 429, no answer) is off limits. :func:`robots_policy`
is that rule, and both :class:`RobotsPolicyMiddleware` and the spider apply it.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from twisted.internet.defer import Deferred

from crawler.fetching.exceptions import RobotsForbidden, RobotsUnreachable
from crawler.records.vocabulary import SCRAPY_STAT_ROBOTS_FORBIDDEN, SCRAPY_STAT_ROBOTS_UNREACHABLE

RobotsPolicy = Literal["obey", "allow_all", "deny_all"]


def robots_policy(status: int | None) -> RobotsPolicy:
    """What a robots.txt answer means for its host (RFC 9309 §2.3.1).

    ``status`` is the HTTP status of the answer, ``None`` when there was none (timeout,
    refused connection, DNS failure). 2xx (and a 3xx not followed): ``"obey"`` the rules in
    the body. 4xx other than 429, "unavailable": ``"allow_all"``. 429, 5xx or no answer,
    "unreachable": ``"deny_all"``, nothing from the host in this run.
    """
    if status is None or status == 429 or status >= 500:
        return "deny_all"
    if status >= 400:
        return "allow_all"
    return "obey"


class _DenyAll:
    def allowed(self, url: str, user_agent: Any) -> bool:
        return False


class RobotsPolicyMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware with :func:`robots_policy` for answers that carry no
    rules. A request to a host that is off limits fails with :class:`RobotsUnreachable`, one
    that the rules disallow with :class:`RobotsForbidden`."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        # The stock middleware logs a full traceback when robots.txt cannot be fetched; the
        # crawl records that as a robots_unreachable error instead, in one line.
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        policy = robots_policy(response.status)
        if policy == "deny_all":
            self._deny_all(netloc)
        elif policy == "allow_all":
            self._set(netloc, None)
        else:
            await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._deny_all(netloc)  # robots_policy(None): no answer at all

    def _deny_all(self, netloc: str) -> None:
        self._stats.inc_value(SCRAPY_STAT_ROBOTS_UNREACHABLE)
        self._set(netloc, _DenyAll())

    def _set(self, netloc: str, parser: Any) -> None:
        pending: Any = self._parsers.get(netloc)
        self._parsers[netloc] = parser
        if isinstance(pending, Deferred) and not pending.called:
            pending.callback(parser)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, _DenyAll):
            self._stats.inc_value(SCRAPY_STAT_ROBOTS_FORBIDDEN)
            raise RobotsUnreachable("robots.txt unreachable (RFC 9309: disallow all)")
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:
            raise RobotsForbidden(str(exc)) from None
