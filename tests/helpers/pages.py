"""Small inline pages for the parser tests: one article in the site's real phrasings.

``page()`` wraps body markup in a Danish HTML page, ``article()`` parses it and returns its
article record, ``amid_body()`` puts markup between two body paragraphs (``LONG`` before it is
the lead). ``LONG``/``LONG2`` are invented paragraphs long enough to be article text.
"""

from __future__ import annotations

from typing import Any

import pytest

from crawler.parsers import parse_page
from crawler.records import Article

URL = "https://www.computerworld.dk/art/290001/en-test-artikel"
FETCHED = "2026-02-03T10:00:00Z"
LONG = ("Region Nordvest har brugt tre år på at forberede udbuddet, og nu er der endelig "
        "valgt en leverandør til den nye platform.")
LONG2 = ("Ifølge regionens it-direktør skal de første afdelinger tage systemet i brug i "
         "foråret, mens resten følger efter sommerferien.")
HEAD_LD = ('<script type="application/ld+json">{{"@context": "https://schema.org", '
           '"@type": "NewsArticle", {}}}</script>')


def page(body: str, head: str = "", url: str = URL) -> str:
    return (f"<!doctype html><html lang='da'><head><meta charset='utf-8'>{head}</head>"
            f"<body>{body}</body></html>")


def article(body: str, head: str = "", url: str = URL) -> Article:
    record = parse_page(page(body, head), url, FETCHED)[0]
    assert isinstance(record, Article)
    return record


def amid_body(markup: str, head: str = "") -> Article:
    """The article of a page whose body is LONG2, ``markup``, LONG (LONG before it is the
    lead)."""
    body = (f"<article><h1>Router</h1><p>{LONG}</p><div><p>{LONG2}</p>{markup}<p>{LONG}</p>"
            "</div></article>")
    art = parse_page(page(body, head), URL, FETCHED)[0]
    assert isinstance(art, Article)
    return art


def fields(record: Any, expected: dict[str, Any]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in expected}


def params(table: list[tuple[Any, ...]]) -> list[Any]:
    return [pytest.param(*row[1:], id=row[0]) for row in table]
