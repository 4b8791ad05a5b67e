"""State between runs, in SQLite next to the dataset (``OUT/state.sqlite`` or ``--state``).

What is remembered:

* ``articles``: per article (keyed by its id) the last fetch, the sitemap ``lastmod`` and a
  hash of the article's content, so the next run fetches only new and changed articles;
* ``written``: per record the id and content hash already written, so every people-news
  entry, job ad and event appears once in the whole dataset, and an article is written again
  only when its content changed (a new version: same ``record_id``, later ``fetched_at``);
* ``committed``: per output file of a run, the byte length that is committed. Output and state
  are committed together in one SQLite transaction after the output is fsync'd, so after a
  ``kill -9`` the next run cuts every file of the interrupted run back to its committed
  length: nothing half-written survives, and the pages whose lines were cut are fetched again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    lastmod TEXT,
    content_hash TEXT,
    fetched_at TEXT,
    run_id TEXT
);
CREATE TABLE IF NOT EXISTS written (
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    run_id TEXT NOT NULL,
    PRIMARY KEY (record_type, record_id)
);
CREATE TABLE IF NOT EXISTS committed (
    run_id TEXT NOT NULL,
    file TEXT NOT NULL,
    length INTEGER NOT NULL,
    PRIMARY KEY (run_id, file)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL
);
"""


class CrawlState:
    """A thin, explicit wrapper over the state database. Not thread-safe (one crawl)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- reads ---------------------------------------------------------------------------

    def article(self, key: str) -> tuple[str | None, str | None] | None:
        """(lastmod, content_hash) of a fetched article, or ``None`` if never fetched."""
        row = self.db.execute("SELECT lastmod, content_hash FROM articles WHERE key=?",
                              (key,)).fetchone()
        return (row[0], row[1]) if row else None

    def written_hash(self, record_type: str, record_id: str) -> str | None:
        row = self.db.execute("SELECT content_hash FROM written WHERE record_type=? AND "
                              "record_id=?", (record_type, record_id)).fetchone()
        return row[0] if row else None

    def unfinished_runs(self) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT run_id FROM runs WHERE status='running' ORDER BY run_id")]

    def committed_lengths(self, run_id: str) -> dict[str, int]:
        return dict(self.db.execute("SELECT file, length FROM committed WHERE run_id=?",
                                    (run_id,)).fetchall())

    # -- writes --------------------------------------------------------------------------

    def start_run(self, run_id: str, started_at: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, NULL, 'running')",
                        (run_id, started_at))

    def finish_run(self, run_id: str, finished_at: str, status: str) -> None:
        self.db.execute("UPDATE runs SET finished_at=?, status=? WHERE run_id=?",
                        (finished_at, status, run_id))

    def commit_batch(self, run_id: str, lengths: dict[str, int],
                     articles: Iterable[tuple[str, str, str | None, str | None, str]],
                     written: Iterable[tuple[str, str, str]]) -> None:
        """One transaction: committed file lengths, fetched articles, written record ids.

        ``articles``: (key, url, lastmod, content_hash, fetched_at);
        ``written``: (record_type, record_id, content_hash).
        """
        with closing(self.db.cursor()) as cur:
            cur.execute("BEGIN IMMEDIATE")
            try:
                cur.executemany("INSERT OR REPLACE INTO committed VALUES (?, ?, ?)",
                                [(run_id, f, n) for f, n in lengths.items()])
                cur.executemany(
                    "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                    [(k, u, lm, h, at, run_id) for k, u, lm, h, at in articles])
                cur.executemany("INSERT OR REPLACE INTO written VALUES (?, ?, ?, ?)",
                                [(t, i, h, run_id) for t, i, h in written])
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
