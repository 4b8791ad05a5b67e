"""Keep each widget record once per run.

Widgets repeat on every page (the same people-news entry on dozens of articles), so most
widget records of a crawl are repeats. They are removed from the page's result here and
counted per type as ``seen_again``. Articles and their related links (``PER_PAGE_TYPES``) are
one per fetched article already (the spider fetches each article id once); repeats across
runs, and new versions of changed articles, are the writer's business, since only the crawl
state knows what the dataset already holds. Ids are kept as integers: the set stays small on
long crawls.
"""

from __future__ import annotations

from typing import Any

from crawler.items import PageResult
from crawler.records.vocabulary import PER_PAGE_TYPES, stat


class DedupPipeline:
    def __init__(self, stats: Any) -> None:
        self.stats = stats
        self.seen: set[int] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, PageResult):
            return item
        kept = []
        for record in item.records:
            if record.record_type in PER_PAGE_TYPES:
                kept.append(record)
                continue
            key = int(record.record_id, 16)  # the record type is part of the hash
            if key in self.seen:
                self.stats.inc_value(stat("seen_again", record.record_type))
                continue
            self.seen.add(key)
            kept.append(record)
        item.records = kept
        return item
