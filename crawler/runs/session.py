"""One crawl's session: the state database, the run writer, the commit batch, the manifest.

**Who owns it, and how components reach it.** The spider owns the session:
``ComputerworldSpider.from_crawler`` creates it and opens it, before Scrapy builds any other
component of the crawl, and the spider's ``closed`` hook closes it. Every other component
(the writer pipeline, the archive extension) gets it the one way, :func:`session_of`, in
its ``from_crawler``; :func:`crawler.runs.crawl.run_crawl` reads the manifest from it once
the crawl is over. ``cwscrape crawl`` and ``scrapy crawl computerworld`` are the same path.

Life cycle::

    session = CrawlSession.from_crawler(crawler)  # settings read, nothing on disk yet
    session.open()         # recover interrupted runs (cuts their files back), start this run
    session.state / .writer / .batch, session.commit_if_due()   # while pages are written
    session.close(fields)  # last commit, *.part renamed, manifest.json last
    session.manifest

A write that fails calls :meth:`CrawlSession.fail`, which stops the crawl; ``close`` then
writes nothing more and leaves the run to the next run's recovery.

What a later session also holds (an output-folder lock, a persisted frontier) belongs here:
taken in :meth:`~CrawlSession.open` before recovery, released in :meth:`~CrawlSession.close`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy.exceptions import NotConfigured

from crawler.normalize.dates import utc_now_iso
from crawler.records.vocabulary import STAT_COMMITS, STAT_WRITE_FAILED
from crawler.runs.manifest import write_failed_manifest
from crawler.storage.commits import CommitBatch
from crawler.storage.runfolder import RunWriter, recover_run
from crawler.storage.state import CrawlState

logger = logging.getLogger(__name__)


class CrawlSession:
    """Everything one crawl shares between its components; see the module docstring.

    ``out``: the dataset folder (``OUT/runs/<run_id>/``, ``OUT/state.sqlite``);
    ``state_path``: another state database; ``run_id``: a fixed run id (tests);
    ``archive``: write the WARC; ``commit_seconds``: the commit cadence; ``crawler``: the
    Scrapy crawler whose stats count commits and failures and whose engine :meth:`fail`
    stops (``None``: a session without Scrapy, as in tests).
    """

    def __init__(self, out: Path | str, *, state_path: Path | str | None = None,
                 run_id: str | None = None, archive: bool = True,
                 commit_seconds: float = 1.0, crawler: Any = None) -> None:
        self.out = Path(out)
        self.state_path = Path(state_path) if state_path else self.out / "state.sqlite"
        self.run_id = run_id
        self.archive = archive
        self.commit_seconds = commit_seconds
        self._crawler = crawler
        self._state: CrawlState | None = None
        self._writer: RunWriter | None = None
        self._batch: CommitBatch | None = None
        self.recovered: list[str] = []  # run ids closed as interrupted by open()
        self.failed: str | None = None  # why writing failed, once it has
        self.manifest: dict[str, Any] | None = None  # set by close()

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlSession:
        """A session configured by the crawl's settings (``CWSCRAPE_OUT``, ``CWSCRAPE_STATE``,
        ``CWSCRAPE_RUN_ID``, ``CWSCRAPE_ARCHIVE``, ``CWSCRAPE_COMMIT_SECONDS``); not open."""
        settings = crawler.settings
        return cls(settings.get("CWSCRAPE_OUT") or "data",
                   state_path=settings.get("CWSCRAPE_STATE") or None,
                   run_id=settings.get("CWSCRAPE_RUN_ID") or None,
                   archive=settings.getbool("CWSCRAPE_ARCHIVE", True),
                   commit_seconds=settings.getfloat("CWSCRAPE_COMMIT_SECONDS", 1.0),
                   crawler=crawler)

    # -- life cycle ------------------------------------------------------------------------

    def open(self) -> None:
        """Open the state, close every run an earlier crawl left running (cutting its files
        back to their committed length), then start this run's folder."""
        if self._state is not None:
            raise RuntimeError("the crawl session is already open")
        state = CrawlState(self.state_path)
        self.recovered = recover_interrupted(state, self.out)
        writer = RunWriter(self.out, self.run_id, archive=self.archive)
        state.start_run(writer.run_id, writer.started_at)
        self._state, self._writer = state, writer
        self._batch = CommitBatch(writer, state, self.commit_seconds)

    def commit(self) -> None:
        """Commit the batch now (output fsync'd, then the state, see CommitBatch)."""
        self.batch.commit()
        if self._crawler is not None:
            self._crawler.stats.inc_value(STAT_COMMITS)

    def commit_if_due(self) -> None:
        if self.batch.due():
            self.commit()

    def fail(self, exc: OSError) -> None:
        """A write failed (disk full…): remember why and stop the crawl. Nothing after the
        last commit is kept; the next run fetches those pages again."""
        if self.failed is not None:
            return
        self.failed = f"{type(exc).__name__}: {exc}"
        if self._crawler is not None:
            from scrapy.utils.defer import deferred_from_coro

            self._crawler.stats.set_value(STAT_WRITE_FAILED, self.failed)
            deferred_from_coro(self._crawler.engine.close_spider_async(reason="write_failed"))

    def close(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Commit the last batch and close the run with ``fields`` added to its manifest
        (see :func:`crawler.runs.manifest.crawl_fields`); returns the manifest.

        After :meth:`fail`, the run is left as its last commit made it, uncommitted beyond,
        and the manifest returned (not written) says ``"status": "write_failed"``.
        """
        writer, state = self.writer, self.state
        if self.failed is None:
            try:
                self.commit()
            except OSError as exc:
                self.fail(exc)
        if self.failed is not None:
            writer.abandon()
            self.manifest = write_failed_manifest(writer.run_id, self.failed)
        else:
            self.manifest = writer.close(fields)
            state.finish_run(writer.run_id, utc_now_iso(), self.manifest["status"])
        state.close()
        return self.manifest

    # -- what an open session holds ------------------------------------------------------

    @property
    def state(self) -> CrawlState:
        if self._state is None:
            raise RuntimeError("the crawl session is not open")
        return self._state

    @property
    def writer(self) -> RunWriter:
        if self._writer is None:
            raise RuntimeError("the crawl session is not open")
        return self._writer

    @property
    def batch(self) -> CommitBatch:
        if self._batch is None:
            raise RuntimeError("the crawl session is not open")
        return self._batch

    @property
    def run_folder(self) -> Path | None:
        return self._writer.folder if self._writer is not None else None


def session_of(crawler: Any) -> CrawlSession:
    """The session of a crawl: its spider's ``session``. Components call this in their
    ``from_crawler``; ``NotConfigured`` (the component stays off) for a spider without one."""
    session = getattr(crawler.spider, "session", None)
    if not isinstance(session, CrawlSession):
        raise NotConfigured(f"{type(crawler.spider).__name__} has no CrawlSession")
    return session


def recover_interrupted(state: CrawlState, out: Path) -> list[str]:
    """Close every run the state knows as still running (a killed earlier run)."""
    recovered = []
    for run_id in state.unfinished_runs():
        folder = out / "runs" / run_id
        if folder.exists():
            manifest = recover_run(folder, state.committed_lengths(run_id))
            logger.warning("recovered interrupted run %s (%d bytes of uncommitted output cut)",
                           run_id, manifest["bytes_cut"])
        state.finish_run(run_id, "", "interrupted")
        recovered.append(run_id)
    return recovered
