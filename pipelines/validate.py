"""Validate every record against its shipped JSON Schema before it is written.

An invalid record is never dropped silently: it becomes an ``invalid_record`` line in
``errors.jsonl`` naming the field and the reason, and is counted in the stats.
"""

from __future__ import annotations

from typing import Any

from crawler.records import ErrorRecord, Record
from crawler.validation import record_problems


class ValidatePipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ValidatePipeline":
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Record):
            return item
        problems = record_problems(item.to_dict())
        if not problems:
            return item
        self.stats.inc_value(f"cwscrape/invalid/{item.record_type}")
        return ErrorRecord(url=item.source_url, reason="invalid_record", status=None,
                           attempts=1, at=item.fetched_at,
                           detail=f"{item.record_type} {item.record_id}: {problems[0]}")
