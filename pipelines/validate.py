"""Validate every record against its shipped JSON Schema before it is written.

An invalid record is never dropped silently: it becomes an ``invalid_record`` line in
``errors.jsonl`` naming the field and the reason, and is counted in the stats. The dict
validated is the one the writer then writes (:class:`crawler.items.SerialisedRecord`).
"""

from __future__ import annotations

from typing import Any

from crawler.items import PageResult, SerialisedRecord
from crawler.records import ErrorRecord
from crawler.records.validation import record_problems
from crawler.records.vocabulary import stat


class ValidatePipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidatePipeline:
        return cls(crawler.stats)

    def check(self, record: SerialisedRecord) -> ErrorRecord | None:
        problems = record_problems(record.data)
        if not problems:
            return None
        self.stats.inc_value(stat("invalid", record.record_type))
        return ErrorRecord(url=record.record.source_url, reason="invalid_record", status=None,
                           attempts=1, at=record.record.fetched_at,
                           detail=f"{record.record_type} {record.record_id}: {problems[0]}")

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageResult):
            valid = []
            for record in item.records:
                error = self.check(record)
                if error is None:
                    valid.append(record)
                else:
                    item.errors.append(error)
            item.records = valid
        return item
