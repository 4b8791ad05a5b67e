"""Drop records whose ``record_id`` was already seen in this run.

Widgets repeat on every page (the same people-news entry on dozens of articles), so most
widget records of a crawl are repeats. Repeats are counted per type as ``seen_again``.
"""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from crawler.records import Record


class DuplicateRecord(DropItem):
    """A record already written in this run (logged at DEBUG, counted in the manifest)."""


class DedupPipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats
        self.seen: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> "DedupPipeline":
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, Record):
            return item
        key = (item.record_type, item.record_id)
        if key in self.seen:
            self.stats.inc_value(f"cwscrape/seen_again/{item.record_type}")
            raise DuplicateRecord(f"{item.record_type} {item.record_id} already written")
        self.seen.add(key)
        return item
