"""Crash-safe JSON Lines output: one run folder, one file per record type.

Layout of a run::

    OUT/runs/<run_id>/article.jsonl, related_link.jsonl, event.jsonl, job_ad.jsonl,
                      sponsored.jsonl, people_news.jsonl, errors.jsonl, manifest.json

While the run is going, each file is ``<name>.jsonl.part``: every line is written whole,
flushed, and fsync'd in batches; on close the files are fsync'd and renamed, and the manifest
is written last (via a temporary file and a rename). A run folder without ``manifest.json``
is a run that did not finish; its ``*.part`` files may end in a torn line, which the loader
ignores and counts.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from crawler import PARSER_VERSION, SCHEMA_VERSION
from crawler.dates import utc_now_iso
from crawler.records import TYPE_ORDER, ErrorRecord, Record

FSYNC_EVERY = 200


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}"


class RunWriter:
    """Writes one run folder; no Scrapy here, so ``reparse`` uses it too."""

    def __init__(self, out_dir: Path | str, run_id: str | None = None) -> None:
        self.run_id = run_id or new_run_id()
        self.folder = Path(out_dir) / "runs" / self.run_id
        self.folder.mkdir(parents=True, exist_ok=True)
        self.started_at = utc_now_iso()
        self._t0 = time.monotonic()
        self._files: dict[str, Any] = {}
        self._pending: dict[str, int] = {}
        self.counts: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()
        self.closed = False

    def _file(self, name: str) -> Any:
        handle = self._files.get(name)
        if handle is None:
            handle = open(self.folder / f"{name}.jsonl.part", "a", encoding="utf-8")
            self._files[name] = handle
            self._pending[name] = 0
        return handle

    def _write(self, name: str, data: dict[str, Any]) -> None:
        handle = self._file(name)
        handle.write(json.dumps(data, ensure_ascii=False) + "\n")
        handle.flush()
        self._pending[name] += 1
        if self._pending[name] >= FSYNC_EVERY:
            os.fsync(handle.fileno())
            self._pending[name] = 0

    def write_record(self, record: Record) -> None:
        self._write(record.record_type, record.to_dict())
        self.counts[record.record_type] += 1

    def write_error(self, error: ErrorRecord) -> None:
        self._write("errors", error.to_dict())
        self.errors[error.reason] += 1

    def sync(self) -> None:
        for handle in self._files.values():
            handle.flush()
            os.fsync(handle.fileno())
        self._pending = dict.fromkeys(self._pending, 0)

    def close(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """Commit the run: fsync, rename every ``*.part``, write ``manifest.json``."""
        if self.closed:
            raise RuntimeError(f"run {self.run_id} is already closed")
        self.sync()
        for handle in self._files.values():
            handle.close()
        # Every record type gets a file, empty or not, so loaders never guess.
        for name in (*TYPE_ORDER, "errors"):
            part = self.folder / f"{name}.jsonl.part"
            if not part.exists():
                part.touch()
            os.replace(part, self.folder / f"{name}.jsonl")
        manifest = {
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": utc_now_iso(),
            "seconds": round(time.monotonic() - self._t0, 2),
            "parser_version": PARSER_VERSION,
            "schema_version": SCHEMA_VERSION,
            "records": {t: self.counts.get(t, 0) for t in TYPE_ORDER},
            "errors": dict(sorted(self.errors.items())),
            **(extra or {}),
        }
        tmp = self.folder / "manifest.json.tmp"
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, self.folder / "manifest.json")
        _fsync_dir(self.folder)
        self.closed = True
        return manifest


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class JsonlWriterPipeline:
    """The Scrapy side of :class:`RunWriter`: records and error records into one run folder.

    Settings: ``CWSCRAPE_OUT`` (the dataset folder), ``CWSCRAPE_RUN_ID`` (optional).
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        settings = crawler.settings
        self.writer = RunWriter(settings.get("CWSCRAPE_OUT", "data"),
                                settings.get("CWSCRAPE_RUN_ID") or None)
        crawler.cwscrape_writer = self.writer  # the CLI reads the manifest from here

    @classmethod
    def from_crawler(cls, crawler: Any) -> "JsonlWriterPipeline":
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Record):
            self.writer.write_record(item)
            self.stats.inc_value(f"cwscrape/written/{item.record_type}")
        elif isinstance(item, ErrorRecord):
            self.writer.write_error(item)
            self.stats.inc_value(f"cwscrape/errors/{item.reason}")
        return item

    def close_spider(self) -> None:
        stats = self.stats.get_stats()
        prefix = "cwscrape/"

        def group(name: str) -> dict[str, int]:
            key = f"{prefix}{name}/"
            return {k[len(key):]: v for k, v in sorted(stats.items()) if k.startswith(key)}

        extra = {
            "base_url": self.crawler.settings.get("CWSCRAPE_BASE_URL"),
            "pages": stats.get(f"{prefix}pages", 0),
            "seen_again": group("seen_again"),
            "warnings": group("warnings"),
            "drift": group("drift"),
            "discovered": stats.get(f"{prefix}discovered", 0),
        }
        self.crawler.cwscrape_manifest = self.writer.close(extra)
