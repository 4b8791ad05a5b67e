"""``parse_page_report`` as a whole (crawler/parsers/page.py, html/decode.py): decoding of
UTF-8 and other bytes, pages of nothing, and drift warnings of known widgets without records.
"""

from __future__ import annotations

import pytest

from crawler.errors import ParseError
from crawler.parsers import parse_page, parse_page_report
from tests.helpers.pages import (
    FETCHED,
    LONG,
    LONG2,
    URL,
    page,
)


def test_known_widget_heading_without_records_warns() -> None:
    body = (f"<article><h1>Titel på artiklen</h1><p>{LONG}</p><p>{LONG2}</p></article>"
            "<aside><h2>Computerworld Events</h2><p>Nyt layout uden kategori og sted.</p>"
            "<h2>Navnenyt fra it-Danmark</h2><p>Indhold i et ukendt format.</p></aside>")
    report = parse_page_report(page(body), URL, FETCHED)
    assert "empty_widget:events_block" in report.drift
    assert "empty_widget:people_news" in report.drift
    assert "empty_widget:events_block" in report.records[0].warnings

@pytest.mark.parametrize("declared", ['<meta charset="iso-8859-1">', '<meta charset="utf-16">',
                                      '<meta http-equiv="Content-Type" content="text/html; '
                                      'charset=windows-1252">', ""])
def test_utf8_bytes_are_read_as_utf8_whatever_the_page_declares(declared: str) -> None:
    body = f"<article><h1>Blåbærgrød på Ærø</h1><p>{LONG}</p><p>{LONG2}</p></article>"
    html = page(body).replace("<meta charset='utf-8'>", declared).encode("utf-8")
    art = parse_page(html, URL, FETCHED)[0]
    assert (art.title, art.body) == ("Blåbærgrød på Ærø", LONG2)
    assert "encoding_suspect" not in art.warnings

def test_bytes_that_are_not_utf8_are_repaired_and_read() -> None:
    body = f"<article><h1>Blåbærgrød på Ærø</h1><p>{LONG}</p><p>{LONG2}</p></article>"
    html = page(body).replace("charset='utf-8'", "charset='windows-1252'").encode("cp1252")
    art = parse_page(html, URL, FETCHED)[0]
    assert (art.title, art.body) == ("Blåbærgrød på Ærø", LONG2)

@pytest.mark.parametrize("data", [b"", b"  \n ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n",
                                  "\u00ad\u200b"])
def test_a_page_of_nothing_visible_is_an_empty_page(data: bytes | str) -> None:
    assert parse_page(data, URL, FETCHED) == []
    with pytest.raises(ParseError, match="empty page"):
        parse_page(data, URL, FETCHED, strict=True)
