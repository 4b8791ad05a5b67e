"""Article fields from metadata (crawler/parsers/article/metafields.py): the canonical URL and
id, and authors from JSON-LD and ``<meta>`` (people only; a byline written into the name).
"""

from __future__ import annotations

import pytest

from crawler.parsers import parse_page
from tests.helpers.pages import (
    FETCHED,
    HEAD_LD,
    LONG,
    LONG2,
    URL,
    article,
    page,
)


def test_fetched_copy_gives_canonical_url_and_id() -> None:
    art = article(f"<h1>Uden slug</h1><p>{LONG}</p>", url="http://computerworld.dk/art/33512?a=fp")
    assert (art.url, art.article_id) == ("https://www.computerworld.dk/art/33512", 33512)

@pytest.mark.parametrize("head", [
    HEAD_LD.format('"author": {"@type": "Organization", "name": "Computerworld"}'),
    '<meta name="author" content="Computerworld">',
])
def test_an_organisation_as_author_gives_way_to_the_byline(head: str) -> None:
    body = (f"<article><h1>Router</h1><p>{LONG}</p><p>Af Mads Kjærulff</p><p>{LONG2}</p>"
            "</article>")
    assert parse_page(page(body, head), URL, FETCHED)[0].authors == ["Mads Kjærulff"]

@pytest.mark.parametrize("name,authors", [
    ("Af Søren Vinther, Computerworld", ["Søren Vinther"]),
    ("Søren Vinther og Mads Holm", ["Søren Vinther", "Mads Holm"]),
])
def test_json_ld_author_written_as_a_byline(name: str, authors: list[str]) -> None:
    head = HEAD_LD.format(f'"author": {{"@type": "Person", "name": "{name}"}}')
    body = f"<article><h1>Router</h1><p>{LONG}</p><p>{LONG2}</p></article>"
    assert parse_page(page(body, head), URL, FETCHED)[0].authors == authors

@pytest.mark.parametrize("name,authors", [
    ("Jens Hansen, Computerworld", ["Jens Hansen"]),
    ("Hansen, Jens", ["Hansen, Jens"]),
])
def test_json_ld_author_names_with_a_comma(name: str, authors: list[str]) -> None:
    head = HEAD_LD.format(f'"author": {{"@type": "Person", "name": "{name}"}}')
    body = f"<article><h1>Router</h1><p>{LONG}</p><p>{LONG2}</p></article>"
    assert parse_page(page(body, head), URL, FETCHED)[0].authors == authors
