"""Markup robustness: the seed page and every fixture page re-rendered in other markups give
the same records; a renamed or removed body container; page chrome (navigation wrappers,
dialogs, boxes named as chrome) in and around the article.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import lxml.html
import pytest

from crawler.devtools.fixtures import all_cases
from crawler.devtools.markups import FIXTURE_MARKUPS, SEED_MARKUPS
from crawler.parsers import parse_page, parse_page_report
from tests.helpers.pages import (
    FETCHED,
    LONG,
    LONG2,
    URL,
    amid_body,
    page,
)

CASES = all_cases()

SEED = next(c for c in CASES if c.name == "seed_cerner")

def _seed_root() -> Any:
    return lxml.html.document_fromstring(SEED.html.decode("utf-8"))

def _html(root: Any) -> str:
    return lxml.html.tostring(root, encoding="unicode")

def _summary(html: str) -> tuple[Any, ...]:
    records = parse_page(html, SEED.url, SEED.fetched_at)
    art = records[0]
    count = {t: sum(r.record_type == t for r in records)
             for t in ("related_link", "event", "job_ad", "people_news")}
    return art.title, art.body, [b.kind for b in art.blocks], count

SEED_SUMMARY = _summary(SEED.html.decode("utf-8"))

def test_renamed_body_container_still_gives_the_body() -> None:
    root = _seed_root()
    for el in root.xpath("//article | //*[@itemprop='articleBody']"):
        el.tag = "div"
        for attr in ("class", "itemprop", "itemscope", "itemtype", "data-article-id"):
            el.attrib.pop(attr, None)
        el.set("class", "xyz")
    report = parse_page_report(_html(root), SEED.url, SEED.fetched_at)
    assert _summary(_html(root)) == SEED_SUMMARY
    assert report.drift == []

def test_page_without_its_article_warns() -> None:
    root = _seed_root()
    for el in root.xpath("//article | //head/meta | //head/script | //head/title"):
        el.getparent().remove(el)
    report = parse_page_report(_html(root), SEED.url, SEED.fetched_at)
    art = report.records[0]
    assert {"no_title", "no_body"} <= set(art.warnings)
    assert {"no_title", "no_body"} <= set(report.drift)
    # The widgets are still read.
    assert _summary(_html(root))[3] == {"related_link": 0, "event": 3, "job_ad": 3,
                                        "people_news": 4}

@pytest.mark.parametrize("transform", [m[1] for m in SEED_MARKUPS],
                         ids=[m[0] for m in SEED_MARKUPS])
def test_seed_in_other_markup_gives_the_same_records(transform: Callable[[Any], None]) -> None:
    root = _seed_root()
    transform(root)
    assert _summary(_html(root)) == SEED_SUMMARY

def _records_summary(html: str | bytes, case: Any) -> tuple[Any, ...]:
    records = parse_page(html, case.url, case.fetched_at)
    art = records[0]
    count: dict[str, int] = {}
    for r in records[1:]:
        count[r.record_type] = count.get(r.record_type, 0) + 1
    return art.title, art.lead, art.body, count

@pytest.mark.parametrize("transform", [m[1] for m in FIXTURE_MARKUPS],
                         ids=[m[0] for m in FIXTURE_MARKUPS])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_in_other_markup_gives_the_same_records(case: Any,
                                                       transform: Callable[[Any], None]) -> None:
    root = lxml.html.document_fromstring(case.html.decode("utf-8"))
    transform(root)
    assert _records_summary(_html(root), case) == _records_summary(case.html, case)

@pytest.mark.parametrize("opening", ['<div role="navigation">', "<nav>", '<div role="banner">'])
def test_an_unclosed_chrome_wrapper_does_not_swallow_the_article(opening: str) -> None:
    """A navigation wrapper that never closes (its end tag mistyped) holds the whole page; its
    <h1> shows it is not only chrome."""
    body = (f"{opening}<a href='/'>Forside</a> <a href='/it-ledelse'>It-ledelse</a></span>"
            f"<article><h1>Regionen vælger ny platform</h1><p>{LONG}</p><p>{LONG2}</p>"
            "</article>")
    art = parse_page(page(body), URL, FETCHED)[0]
    assert (art.title, art.lead, art.body) == ("Regionen vælger ny platform", LONG, LONG2)
    assert art.warnings == []

def test_navigation_without_a_title_is_still_chrome() -> None:
    body = (f"<nav><p><a href='/om'>Om Computerworld og vores mange nyhedsbreve og podcasts "
            f"om it</a></p></nav><article><h1>Titel</h1><p>{LONG}</p><p>{LONG2}</p></article>")
    art = parse_page(page(body), URL, FETCHED)[0]
    assert "nyhedsbreve" not in art.body and art.links == []

def test_a_dialog_holding_an_h1_is_still_chrome() -> None:
    body = (f"<article><h1>Regionen vælger ny platform</h1><p>{LONG}</p><div role='dialog'>"
            "<h1>Tilmeld dig vores nyhedsbrev</h1><p>Få dagens vigtigste it-nyheder hver "
            f"morgen i din indbakke.</p></div><p>{LONG2}</p></article>")
    art = parse_page(page(body), URL, FETCHED)[0]
    assert art.body == LONG2

@pytest.mark.parametrize("box", [
    "<div class='newsletter'><h3>Tilmeld dig Computerworlds nyhedsbrev</h3><p>Få de vigtigste "
    "it-nyheder hver morgen.</p><form><input type='email'><button>Tilmeld</button></form></div>",
    "<div class='share-bar'><span>Del</span> <a href='#'>Facebook</a> <a href='#'>LinkedIn</a>"
    "</div>",
])
def test_a_box_named_as_chrome_inside_the_article_is_not_body(box: str) -> None:
    assert amid_body(box).body == f"{LONG2}\n\n{LONG}"

def test_header_and_footer_classes_inside_the_article_are_its_own() -> None:
    body = (f"<article><h1>Router</h1><div class='header'><p>{LONG}</p></div><div><p>{LONG2}</p>"
            f"</div><div class='footer'><p>{LONG}</p></div></article>")
    art = parse_page(page(body), URL, FETCHED)[0]
    assert (art.lead, art.body) == (LONG, f"{LONG2}\n\n{LONG}")
