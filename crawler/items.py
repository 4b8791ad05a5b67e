"""What the spider hands to the pipelines: one item per fetched article page.

All records of a page travel together, so the writer commits a page whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.records import ErrorRecord, Record


@dataclass
class PageResult:
    key: str  # the article's dedup key ("art:<id>"), used by the crawl state
    url: str
    fetched_at: str
    lastmod: str | None
    records: list[Record] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
