"""Crash-safe JSON Lines output: one run folder, one file per record type.

Layout of a run::

    OUT/runs/<run_id>/article.jsonl, related_link.jsonl, event.jsonl, job_ad.jsonl,
                      sponsored.jsonl, people_news.jsonl, errors.jsonl, pages.warc.gz,
                      manifest.json
    OUT/state.sqlite   (what earlier runs fetched and wrote; see crawler.storage.state)

While a run is going each file is ``<name>.part``. Lines are written whole; every batch
(a second's worth of pages) is fsync'd and then committed to the state database together
with the pages it came from. On close the files are renamed and ``manifest.json`` is written
last. After a ``kill -9`` the next run cuts the interrupted run's files back to their
committed length and closes it with ``"status": "interrupted"``, so committed files never
hold a torn line and the pages that were not committed are fetched again.
"""

from __future__ import annotations

import errno
import json
import os
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler import PARSER_VERSION, SCHEMA_VERSION
from crawler.normalize.dates import utc_now_iso
from crawler.records import TYPE_ORDER, ErrorRecord
from crawler.storage.warc import WarcArchive

ARCHIVE_NAME = "pages.warc.gz"


def new_run_id() -> str:
    now = datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%S") + f"{now.microsecond // 1000:03d}Z-{os.getpid()}"


def json_line(data: dict[str, Any]) -> bytes:
    """One JSON Lines line: compact, non-ASCII kept, UTF-8, with its newline."""
    return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_json_atomically(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class RunWriter:
    """Writes one run folder; no Scrapy here, so ``reparse`` uses it too."""

    def __init__(self, out_dir: Path | str, run_id: str | None = None, *,
                 archive: bool = False) -> None:
        self.run_id = run_id or new_run_id()
        self.folder = Path(out_dir) / "runs" / self.run_id
        self.folder.mkdir(parents=True, exist_ok=True)
        self.started_at = utc_now_iso()
        self._t0 = time.monotonic()
        self._files: dict[str, Any] = {}
        self._warc: WarcArchive | None = None
        self.archive_enabled = archive
        self.counts: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.closed = False
        limit = os.environ.get("CWSCRAPE_TEST_ENOSPC_AFTER")
        self.space_left: int | None = int(limit) if limit else None

    def _file(self, name: str) -> Any:
        handle = self._files.get(name)
        if handle is None:
            handle = open(self.folder / f"{name}.part", "ab")
            self._files[name] = handle
        return handle

    def _write(self, name: str, line: bytes) -> None:
        if self.space_left is not None:
            # Test hook (CWSCRAPE_TEST_ENOSPC_AFTER): behave like a disk that fills up,
            # writing the part of the line that fits, as a real full disk does.
            if len(line) > self.space_left:
                self._file(name).write(line[: self.space_left])
                self.space_left = 0
                raise OSError(errno.ENOSPC, "No space left on device (simulated)")
            self.space_left -= len(line)
        self._file(name).write(line)

    def write_line(self, record_type: str, line: bytes) -> None:
        """A record already serialised: one JSON object and its newline, UTF-8 (see
        :class:`crawler.items.SerialisedRecord`)."""
        self._write(f"{record_type}.jsonl", line)
        self.counts[record_type] += 1

    def write_error(self, error: ErrorRecord) -> None:
        self._write("errors.jsonl", json_line(error.to_dict()))
        self.errors[error.reason] += 1

    def archive_response(self, url: str, status: int, headers: list[tuple[str, str]],
                         body: bytes, fetched_at: str) -> None:
        """Append one response to the run's WARC (:mod:`crawler.storage.warc`), whose length
        is committed and recovered like every other file of the run; a no-op when the run
        has no archive."""
        if not self.archive_enabled:
            return
        if self._warc is None:
            self._warc = WarcArchive(self._file(ARCHIVE_NAME))
        self._warc.write_response(url, status, headers, body, fetched_at)

    def sync(self) -> dict[str, int]:
        """Flush and fsync every open file; returns each one's byte length, which is what a
        commit makes durable."""
        for handle in self._files.values():
            handle.flush()
        lengths = {name: handle.tell() for name, handle in self._files.items()}
        for handle in self._files.values():
            os.fsync(handle.fileno())
        return lengths

    def abandon(self) -> None:
        """Close the files as they are, ``*.part`` and uncommitted: a run that failed, which
        the next run's recovery cuts back to its last commit."""
        for handle in self._files.values():
            handle.close()
        self._files.clear()
        self.closed = True

    def close(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """Commit the run: fsync, rename every ``*.part``, write ``manifest.json``."""
        if self.closed:
            raise RuntimeError(f"run {self.run_id} is already closed")
        self.sync()
        for handle in self._files.values():
            handle.close()
        names = [f"{t}.jsonl" for t in (*TYPE_ORDER, "errors")]
        if self.archive_enabled:
            names.append(ARCHIVE_NAME)
        # Every record type gets a file, empty or not, so loaders never guess.
        for name in names:
            part = self.folder / f"{name}.part"
            if not part.exists():
                part.touch()
            os.replace(part, self.folder / name)
        manifest = {
            "run_id": self.run_id,
            "status": "complete",
            "started_at": self.started_at,
            "finished_at": utc_now_iso(),
            "seconds": round(time.monotonic() - self._t0, 2),
            "parser_version": PARSER_VERSION,
            "schema_version": SCHEMA_VERSION,
            "records": {t: self.counts.get(t, 0) for t in TYPE_ORDER},
            "errors": dict(sorted(self.errors.items())),
            **(extra or {}),
        }
        _write_json_atomically(self.folder / "manifest.json", manifest)
        _fsync_dir(self.folder)
        self.closed = True
        return manifest


def recover_run(folder: Path, committed: dict[str, int]) -> dict[str, Any]:
    """Close a run that was killed: cut each file to its committed length, rename, and
    write a manifest with ``"status": "interrupted"``. Returns that manifest."""
    cut = 0
    for part in sorted(folder.glob("*.part")):
        name = part.name[: -len(".part")]
        keep = committed.get(name, 0)
        size = part.stat().st_size
        if size > keep:
            with open(part, "r+b") as handle:
                handle.truncate(keep)
                handle.flush()
                os.fsync(handle.fileno())
            cut += size - keep
        os.replace(part, folder / name)
    counts = {}
    errors: Counter[str] = Counter()
    for rtype in TYPE_ORDER:
        path = folder / f"{rtype}.jsonl"
        if not path.exists():
            path.touch()
        with open(path, "rb") as handle:
            counts[rtype] = sum(1 for _ in handle)
    errors_path = folder / "errors.jsonl"
    if not errors_path.exists():
        errors_path.touch()
    with open(errors_path, encoding="utf-8") as handle:
        for line in handle:
            errors[json.loads(line).get("reason", "?")] += 1
    manifest = {"run_id": folder.name, "status": "interrupted", "recovered_at": utc_now_iso(),
                "bytes_cut": cut, "parser_version": PARSER_VERSION,
                "schema_version": SCHEMA_VERSION, "records": counts,
                "errors": dict(sorted(errors.items()))}
    if not (folder / "manifest.json").exists():
        _write_json_atomically(folder / "manifest.json", manifest)
    _fsync_dir(folder)
    return manifest
