"""The top of the article (crawler/parsers/article/header.py; see docs/extraction-rules.md,
Article): bylines, date lines, the premium box, the RSS copy's date, notes above the lead, and
that standard dates never need ``dateparser``.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from crawler.devtools.fixtures import all_cases, parse_case
from crawler.normalize import dates
from crawler.parsers import parse_page
from crawler.parsers.article.header import Header, header_item_size, read_header_line
from crawler.parsers.html.lines import flatten, parse_html
from tests.helpers.pages import (
    FETCHED,
    HEAD_LD,
    LONG,
    LONG2,
    URL,
    fields,
    page,
    params,
)

CASES = all_cases()

HEADER_CASES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("udgivet line", "",
     f"<h1>Jeg byggede min første computer</h1><div>{LONG}</div>"
     f"<div>Fortalt til: Kirsten Dahl</div><div>Udgivet 6. marts 2017 kl. 10.02</div>"
     f"<p>{LONG2}</p>",
     {"published": "2017-03-06T10:02:00+01:00", "published_raw": "6. marts 2017 kl. 10.02",
      "authors": ["Kirsten Dahl"], "body": LONG2}),
    ("print archive date", "",
     "<div><em>Denne artikel er hentet fra Computerworlds trykte arkiv og blev bragt i avisen "
     f"d. 27. oktober 2006.</em></div><h1>Virksomheder venter</h1><p>{LONG}</p><p>{LONG2}</p>",
     {"published": "2006-10-27", "published_raw": "27. oktober 2006", "lead": LONG,
      "body": LONG2}),
    ("json-ld utc in winter", HEAD_LD.format('"datePublished": "2026-01-27T05:15:00Z"'),
     f"<h1>Morgen</h1><p>{LONG}</p><p>{LONG2}</p>",
     {"published": "2026-01-27T06:15:00+01:00", "published_raw": "2026-01-27T05:15:00Z"}),
    ("json-ld utc in summer", HEAD_LD.format('"datePublished": "2019-06-03T07:00:00Z", '
                                             '"dateModified": "2019-06-03T09:30:00+02:00"'),
     f"<h1>Sommer</h1><p>{LONG}</p><p>{LONG2}</p>",
     {"published": "2019-06-03T09:00:00+02:00", "modified": "2019-06-03T09:30:00+02:00"}),
    ("time element", "",
     f"<h1>Tid</h1><p>{LONG}</p><div><time datetime='2026-01-29T08:00:00+01:00'>29. januar 2026 "
     f"kl. 08.00</time></div><p>{LONG2}</p>",
     {"published": "2026-01-29T08:00:00+01:00", "published_raw": "2026-01-29T08:00:00+01:00",
      "body": LONG2}),
    ("byline with medium and date", "",
     f"<h1>Router</h1><p>{LONG}</p><p>Af Mads Kjærulff og Sofie Bak, Alt om Data "
     f"3. februar 2026 kl. 06.30</p><p>{LONG2}</p>",
     {"authors": ["Mads Kjærulff", "Sofie Bak"], "published": "2026-02-03T06:30:00+01:00",
      "body": LONG2}),
    ("byline fields set apart by pipes, above the lead", "",
     f"<h1>Router</h1><p>Af Maja Frost Lindberg | Computerworld | 3. februar 2026 kl. 08:15</p>"
     f"<p>{LONG}</p><p>{LONG2}</p>",
     {"authors": ["Maja Frost Lindberg"], "published": "2026-02-03T08:15:00+01:00",
      "published_raw": "3. februar 2026 kl. 08:15", "lead": LONG, "body": LONG2}),
    ("date, then the byline after a middle dot", "",
     f"<h1>Router</h1><p>{LONG}</p><p>Opdateret 4. februar 2026 kl. 10.30 · Af Mads Kjærulff og "
     f"Sofie Bak</p><p>{LONG2}</p>",
     {"authors": ["Mads Kjærulff", "Sofie Bak"], "modified": "2026-02-04T10:30:00+01:00",
      "published": None, "body": LONG2}),
    ("a lead with a pipe is no byline", "",
     f"<h1>Router</h1><p>Af og til | sjældent | aldrig: {LONG}</p><p>{LONG2}</p>",
     {"authors": [], "lead": f"Af og til | sjældent | aldrig: {LONG}", "body": LONG2}),
    ("provenance note", "",
     f"<h1>Router</h1><p>Kommentar: {LONG}</p><p>Af Mads Kjærulff, Alt om Data</p>"
     "<p>Artiklen blev første gang bragt på Alt om Data, der siden november 2022 har været en "
     f"del af Computerworld.</p><p>{LONG2}</p>",
     {"genre": "Kommentar", "authors": ["Mads Kjærulff"], "body": LONG2}),
    ("json-ld authors beat the byline",
     HEAD_LD.format('"author": [{"@type": "Person", "name": "Camilla Nørgaard"}, '
                    '{"@type": "Person", "name": "Peter Falk Hansen"}]'),
     f"<h1>To forfattere</h1><p>{LONG}</p><p>Af Camilla Nørgaard</p><p>{LONG2}</p>",
     {"authors": ["Camilla Nørgaard", "Peter Falk Hansen"], "body": LONG2}),
    ("rss copy", "",
     f"<div> date 2017-09 </div><p>{LONG}</p><p>{LONG2}</p>",
     {"title": None, "published": None, "published_raw": "2017-09", "lead": LONG,
      "body": LONG2, "warnings": ["date_imprecise", "no_title"]}),
    ("premium box", HEAD_LD.format('"isAccessibleForFree": false'),
     f"<h1>Banken bygger selv</h1><p>{LONG}</p><div>Artikel top billede</div>"
     "<p>Premium Kun for abonnenter</p><p>Det får du i artiklen</p>"
     "<p>  • Hvorfor banken opgav<br>  • Hvad det koster</p><p>1.120<br>5:45 min</p>"
     f"<p>{LONG2}</p><p>Denne artikel er forbeholdt abonnenter. <a href='/abonnement'>Bliv "
     "abonnent</a></p>",
     {"is_premium": True, "premium_summary": ["Hvorfor banken opgav", "Hvad det koster"],
      "premium_word_count": 1120, "premium_reading_minutes": 5.75, "body": LONG2,
      "links": []}),
    ("premium without summary, marker glued to the hero", "",
     f"<h1>Forsinket</h1><p>Analyse: {LONG}</p><figure><img src='/a.jpg'><span>Artikel top "
     f"billede</span></figure><p><b>Premium</b> Kun for abonnenter</p><p>{LONG2}</p>",
     {"is_premium": True, "genre": "Analyse", "premium_summary": [],
      "premium_word_count": None, "body": LONG2}),
    ("reading time in whole minutes", "",
     f"<h1>Kort</h1><p>{LONG}</p><p>Premium Kun for abonnenter</p><p>Det får du i artiklen</p>"
     f"<ul><li>Et punkt</li></ul><p>1.781</p><p>9 min</p><p>{LONG2}</p>",
     {"premium_summary": ["Et punkt"], "premium_word_count": 1781,
      "premium_reading_minutes": 9.0, "body": LONG2}),
    ("canonical from og:url of an rss copy",
     '<meta property="og:url" content="https://www.computerworld.dk/art/240537/dansk-kontor-it">',
     f"<h1>Kontor-it</h1><p>{LONG}</p><p>{LONG2}</p>",
     {"url": "https://www.computerworld.dk/art/240537/dansk-kontor-it", "article_id": 240537}),
    ("language from json-ld", "",
     f"<h1>Sprog</h1><p>{LONG}</p><p>{LONG2}</p>", {"language": "da"}),
    ("encoding damage kept and flagged", "",
     f"<h1>ITEK?s undersøgelse</h1><p>{LONG}</p><p>Ifølge ITEK?s tal er det ?kun? et fåtal.</p>",
     {"title": "ITEK?s undersøgelse", "body": "Ifølge ITEK?s tal er det ?kun? et fåtal.",
      "warnings": ["encoding_suspect"]}),
]

@pytest.mark.parametrize("head,body,expected", params(HEADER_CASES))
def test_header_fields(head: str, body: str, expected: dict[str, Any]) -> None:
    url = "http://computerworld.dk/art/240537?utm_source=RSS" if "og:url" in head else URL
    record = parse_page(page(body, head), url, FETCHED)[0]
    assert fields(record, expected) == expected

def test_standard_dates_never_call_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(text: str) -> None:
        raise AssertionError(f"dateparser called for {text!r}")

    monkeypatch.setattr(dates, "_dateparser_cached", explode)
    before = dates.dateparser_calls
    for case in CASES:
        parse_case(case)
    for _, head, body, _ in HEADER_CASES:
        parse_page(page(body, head), URL, FETCHED)
    assert dates.dateparser_calls == before

@pytest.mark.parametrize("line,published,modified", [
    ("Mandag den 18. marts 2015 kl. 14:22", "2015-03-18T14:22:00+01:00", None),
    ("Publiceret 18. marts 2015 kl. 14:22, opdateret 19. marts 2015 kl. 08:00",
     "2015-03-18T14:22:00+01:00", "2015-03-19T08:00:00+01:00"),
    ("<span>Publiceret 18. marts 2015 kl. 14:22</span> <span>Opdateret 19. marts 2015 kl. "
     "08:00</span>", "2015-03-18T14:22:00+01:00", "2015-03-19T08:00:00+01:00"),
    ("Læsetid: 4 min.", None, None),
    ("Denne artikel er over et år gammel.", None, None),
])
def test_header_lines_above_the_lead_are_not_the_lead(line: str, published: str | None,
                                                       modified: str | None) -> None:
    body = (f"<article><h1>Regionen vælger ny platform</h1><p>{line}</p><p>{LONG}</p>"
            f"<p>{LONG2}</p></article>")
    art = parse_page(page(body), URL, FETCHED)[0]
    assert (art.lead, art.body, art.published, art.modified) == (LONG, LONG2, published,
                                                                 modified)

@pytest.mark.parametrize("line,published,modified", [
    ("Senest opdateret 19. marts 2015 kl. 08:00", None, "2015-03-19T08:00:00+01:00"),
    ("Udgivet 18. marts 2015 kl. 14:22 | Senest opdateret 19. marts 2015 kl. 08:00",
     "2015-03-18T14:22:00+01:00", "2015-03-19T08:00:00+01:00"),
])
def test_senest_opdateret_stays_one_label(line: str, published: str | None,
                                          modified: str | None) -> None:
    body = f"<article><h1>Router</h1><p>{line}</p><p>{LONG}</p><p>{LONG2}</p></article>"
    art = parse_page(page(body), URL, FETCHED)[0]
    assert (art.lead, art.published, art.modified) == (LONG, published, modified)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_what_a_header_item_takes_does_not_depend_on_the_header(case: Any) -> None:
    """The body reader measures header items with a blank header (header_item_size) and the
    header records them afterwards: on every line of every fixture page, the count must be the
    same whatever the header holds already."""
    lines = flatten(parse_html(case.html), case.url)
    full = Header()
    for i in range(len(lines)):
        read_header_line(lines, i, full)
    for i in range(len(lines)):
        assert header_item_size(lines, i) == read_header_line(lines, i, copy.deepcopy(full))
