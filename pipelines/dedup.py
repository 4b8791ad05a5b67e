"""Keep each record once per run.

Widgets repeat on every page (the same people-news entry on dozens of articles), so most
widget records of a crawl are repeats. They are removed from the page's result here and
counted per type as ``seen_again``; repeats across runs are the writer's business, since
only it knows what the dataset already holds.
"""

from __future__ import annotations

from typing import Any

from crawler.items import PageResult


class DedupPipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats
        self.seen: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> "DedupPipeline":
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageResult):
            return item
        kept = []
        for record in item.records:
            key = (record.record_type, record.record_id)
            if key in self.seen:
                self.stats.inc_value(f"cwscrape/seen_again/{record.record_type}")
                continue
            self.seen.add(key)
            kept.append(record)
        item.records = kept
        return item
