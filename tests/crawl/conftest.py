"""An open crawl session for the crawl-side unit tests (no Scrapy crawler, no network)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.runs.session import CrawlSession


@pytest.fixture
def session(tmp_path: Path) -> Iterator[CrawlSession]:
    """A session opened on ``tmp_path``; commits only when a test asks. Closed afterwards
    if the test left it open."""
    opened = CrawlSession(tmp_path, archive=False, commit_seconds=3600)
    opened.open()
    yield opened
    if opened.manifest is None:
        opened.close({})
