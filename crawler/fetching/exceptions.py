"""Why the crawl's own downloader middlewares refuse a request.

Each is an :class:`~scrapy.exceptions.IgnoreRequest`: Scrapy drops the request and calls its
errback, and :func:`crawler.fetching.failures.failure_reason` names the error record.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


class RobotsUnreachable(IgnoreRequest):
    """robots.txt answered 5xx/429 or could not be fetched: the host is off limits."""


class RobotsForbidden(IgnoreRequest):
    """robots.txt disallows this URL."""


class RateLimited(IgnoreRequest):
    """The server asked us to wait longer than the configured cap."""


class Offsite(IgnoreRequest):
    """A request (often a redirect) to another host, port or scheme than the crawl's."""
