"""Committing output together with the state that describes it, one batch at a time.

The writer appends lines to the run folder's ``*.part`` files. A :class:`CommitBatch`
collects what those lines were (the pages they came from, the ids and content hashes of the
records) and, when committed, fsyncs the files and then stores their lengths with the pages
and records in the state, in one transaction (:meth:`CrawlState.commit_batch`). After a
``kill -9`` the next run cuts the files back to the committed lengths, so the state and the
files agree again, and the pages of the lost batch are fetched anew.

Until a commit, the batch also answers what the dataset holds for the records it has seen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from crawler.records.vocabulary import PER_PAGE_TYPES
from crawler.storage.runfolder import RunWriter
from crawler.storage.state import CrawlState

Novelty = Literal["new", "changed", "unchanged", "seen_again"]


@dataclass(frozen=True)
class FetchedPage:
    """One fetched article, as the state remembers it (``articles`` table)."""

    key: str
    url: str
    lastmod: str | None
    content_hash: str | None
    fetched_at: str


class CommitBatch:
    """The batch of output since the last commit, and when the next one is due.

    ``every_seconds``: commit at most this long after the previous commit (on the next
    write), as ``CWSCRAPE_COMMIT_SECONDS``.
    """

    def __init__(self, writer: RunWriter, state: CrawlState, every_seconds: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.writer = writer
        self.state = state
        self.every_seconds = every_seconds
        self._clock = clock
        self._pages: list[FetchedPage] = []
        self._records: dict[tuple[str, str], str] = {}  # (type, id) → content hash
        self._last_commit = clock()

    def novelty(self, record_type: str, record_id: str, digest: str) -> Novelty:
        """What writing this record would add to the dataset (this batch, then the state).

        A widget (any type outside ``PER_PAGE_TYPES``) is known by its id: ``"seen_again"``
        once written. A per-page record (article, related link) is compared by ``digest``,
        its content hash: ``"unchanged"`` or ``"changed"`` (a new version to write).
        """
        known = self._records.get((record_type, record_id))
        if known is None:
            known = self.state.written_hash(record_type, record_id)
        if known is None:
            return "new"
        if record_type not in PER_PAGE_TYPES:
            return "seen_again"
        return "unchanged" if known == digest else "changed"

    def add_record(self, record_type: str, record_id: str, digest: str) -> None:
        """A record was written (``digest``: its content hash, ``""`` for a widget)."""
        self._records[(record_type, record_id)] = digest

    def add_page(self, page: FetchedPage) -> None:
        """A page's records and errors were all written."""
        self._pages.append(page)

    def due(self) -> bool:
        return self._clock() - self._last_commit >= self.every_seconds

    def commit(self) -> None:
        """fsync the output, then record it and its pages in the state, in one transaction."""
        lengths = self.writer.sync()
        self.state.commit_batch(
            self.writer.run_id, lengths,
            [(p.key, p.url, p.lastmod, p.content_hash, p.fetched_at) for p in self._pages],
            [(t, i, h) for (t, i), h in self._records.items()])
        self._pages, self._records = [], {}
        self._last_commit = self._clock()
