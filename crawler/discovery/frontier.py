"""The crawl's frontier: which article URLs and sitemaps are still to fetch, and which are out.

Discovered articles wait here compactly, as (URL, lastmod) pairs, until fewer than
``in_flight`` are under way: a 300,000-URL sitemap must not become 300,000 Request objects in
memory. Sitemaps too are read one at a time, and only when the queue of articles runs low,
so memory stays flat whether the site has 5,000 articles or 300,000. At the end the frontier
says which discovered articles got neither a record nor an error record.

Scrapy-free; the spider turns what it releases into requests.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from crawler.normalize.urls import dedup_key

IN_FLIGHT = 32  # article requests released to Scrapy's scheduler at a time
QUEUE_LOW = 2000  # fetch the next sitemap when fewer articles than this are queued


class Frontier:
    """Article URLs of one crawl: discovered (each article id once), queued, in flight,
    settled (a record or an error record), or lost; and the sitemaps still to read.

    ``max_pages``: discover no more than this many articles (``None``: no limit).
    """

    def __init__(self, *, max_pages: int | None = None, in_flight: int = IN_FLIGHT,
                 queue_low: int = QUEUE_LOW) -> None:
        self.max_pages = max_pages
        self.in_flight = in_flight
        self.queue_low = queue_low
        self.discovered: set[str] = set()  # keys of every article discovered in this run
        self.queue: deque[tuple[str, str | None]] = deque()
        self.pending: dict[str, str] = {}  # released article key → URL, until settled
        self.lost: list[str] = []  # released but never answered
        self.sitemaps: deque[str] = deque()
        self.sitemaps_seen: set[str] = set()
        self.sitemap_busy = 0

    # -- articles ------------------------------------------------------------------------

    def discover(self, key: str) -> bool:
        """Whether ``key`` is new to this run and within ``max_pages``; from now on it counts
        as discovered, whether or not it is then queued."""
        if key in self.discovered:
            return False
        if self.max_pages is not None and len(self.discovered) >= self.max_pages:
            return False
        self.discovered.add(key)
        return True

    def push(self, url: str, lastmod: str | None) -> None:
        """Queue a discovered article for fetching."""
        self.queue.append((url, lastmod))

    def release(self) -> Iterator[tuple[str, str, str | None]]:
        """(URL, key, lastmod) of queued articles, while fewer than ``in_flight`` are under
        way; each counts as in flight once yielded."""
        while self.queue and len(self.pending) < self.in_flight:
            url, lastmod = self.queue.popleft()
            key = dedup_key(url)
            self.pending[key] = url
            yield url, key, lastmod

    def settle(self, key: str) -> None:
        """The article has its record or its error record."""
        self.pending.pop(key, None)

    # -- sitemaps ------------------------------------------------------------------------

    def add_sitemap(self, url: str) -> None:
        if url not in self.sitemaps_seen:
            self.sitemaps_seen.add(url)
            self.sitemaps.append(url)

    def next_sitemap(self) -> str | None:
        """The next sitemap to read, when none is being read and the queue runs low."""
        if self.sitemaps and not self.sitemap_busy and len(self.queue) < self.queue_low:
            self.sitemap_busy += 1
            return self.sitemaps.popleft()
        return None

    def sitemap_done(self) -> None:
        self.sitemap_busy = max(0, self.sitemap_busy - 1)

    # -- the end -------------------------------------------------------------------------

    def waiting(self) -> bool:
        """Whether articles or sitemaps are still queued."""
        return bool(self.queue or self.sitemaps)

    def idle(self) -> None:
        """Nothing is in flight (Scrapy says so): whatever is still pending lost its request
        somewhere, and no sitemap is being read."""
        self.sitemap_busy = 0
        self.lost.extend(self.pending.values())
        self.pending.clear()

    def unaccounted(self) -> list[str]:
        """Article URLs discovered in this run with neither a record nor an error record."""
        return sorted([*self.pending.values(), *self.lost]) + [url for url, _ in self.queue]
