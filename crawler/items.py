"""What the spider hands to the pipelines: one item per fetched article page.

All records of a page travel together, so the writer commits a page whole or not at all.
Each record travels as a :class:`SerialisedRecord`, turned into its dict and its JSON line
once, the first time a pipeline needs either: validation reads the dict, the writer hashes
the dict and writes the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from crawler.records import ErrorRecord, Record
from crawler.records.identity import content_hash_of
from crawler.storage.runfolder import json_line


class SerialisedRecord:
    """A record on its way to disk, serialised at most once.

    ``data`` is ``record.to_dict()``; ``line`` is that dict as the run folder stores it
    (:func:`crawler.storage.runfolder.json_line`), made from the same dict at the same
    moment, so what is validated is byte for byte what is written. Widgets that the dedup
    step drops are never serialised.
    """

    __slots__ = ("record", "_data", "_line", "_digest")

    def __init__(self, record: Record) -> None:
        self.record = record
        self._data: dict[str, Any] | None = None
        self._line = b""
        self._digest: str | None = None

    @property
    def record_type(self) -> str:
        return self.record.record_type

    @property
    def record_id(self) -> str:
        return self.record.record_id

    @property
    def data(self) -> dict[str, Any]:
        return self._data if self._data is not None else self._serialise()

    @property
    def line(self) -> bytes:
        if self._data is None:
            self._serialise()
        return self._line

    def _serialise(self) -> dict[str, Any]:
        data = self.record.to_dict()
        self._line = json_line(data)
        self._data = data
        return data

    @property
    def digest(self) -> str:
        """:func:`crawler.records.content_hash` of the record, from ``data``."""
        if self._digest is None:
            self._digest = content_hash_of(self.data)
        return self._digest


@dataclass
class PageResult:
    key: str  # the article's dedup key ("art:<id>"), used by the crawl state
    url: str
    fetched_at: str
    lastmod: str | None
    records: list[SerialisedRecord] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
