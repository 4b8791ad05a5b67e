"""Pure parsers: page text + URL + fetch time → typed records. No Scrapy, no I/O.

>>> from crawler.parsers import parse_page
>>> records = parse_page(html, "https://www.computerworld.dk/art/293101/…", "2026-02-03T10:00:00Z")
"""

from __future__ import annotations

from crawler.parsers.html.decode import decode_page
from crawler.parsers.page import looks_complete, parse_page, parse_page_report
from crawler.parsers.widgets.people import parse_people_entry

__all__ = ["decode_page", "looks_complete", "parse_page", "parse_page_report", "parse_people_entry"]
