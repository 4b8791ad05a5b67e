"""Property tests of every parser on bad input (see the README, Reliability).

Inputs: raw bytes; token soup built from the fixture pages' own tags and text; mutations of
the fixture pages (truncation, deleted closing tags, a duplicated ``<article>``, stripped
JSON-LD, huge attributes, deep nesting). Properties: nothing but ``ParseError`` is raised;
every record validates against its JSON Schema and round-trips through JSON; the output is
deterministic; no U+FFFD appears unless the input held undecodable bytes.

CI (``CI`` set) runs at least 10,000 examples per parser; locally the default is smaller.
Set ``CWSCRAPE_FUZZ_EXAMPLES`` to choose. Counts are written to bench-results/fuzz.json.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.devtools.fixtures import all_cases
from crawler.discovery.feeds import parse_rss
from crawler.discovery.sitemaps import parse_sitemap
from crawler.errors import ParseError
from crawler.parsers import parse_page, parse_people_entry
from crawler.records.validation import record_problems

TOTAL = int(os.environ.get("CWSCRAPE_FUZZ_EXAMPLES", 10000 if os.environ.get("CI") else 1500))
URL = "https://www.computerworld.dk/art/293101/fuzz"
FETCHED = "2026-02-03T10:00:00Z"
COUNTS: Counter[str] = Counter()

PAGES = [c.html.decode("utf-8", "replace") for c in all_cases()]
TOKENS = sorted({t for page in PAGES for t in re.findall(r"<[^>]{0,200}>|[^<]{1,200}", page)})
NASTY = ['<meta charset="bogus-8">', '<meta charset="utf-16">', "\x00", "&#xD800;", "&#0;",
         "<!--", "<![CDATA[", "]]>", '<time datetime="9999-99-99T99:99">', "</html>",
         '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":[{}],'
         '"author":{"name":7},"headline":null}</script>', "<h1>", "Navnenyt fra it-Danmark",
         "Nyt job", "Event: ", " | ", "Læs mere om det her: ", "Annonceindlæg fra ",
         "Premium Kun for abonnenter", "Det får du i artiklen", "1.120", "5:45 min",
         "pr. 31. februar 2026", "Københavnsområdet", "<br>", "<article>", "</article>"]

SETTINGS = dict(deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))


def check(records: list, *, undecodable: bool) -> None:
    for record in records:
        data = record.to_dict()
        assert record_problems(data) == [], (data["record_type"], record_problems(data))
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
        if not undecodable:
            assert "\ufffd" not in json.dumps(data, ensure_ascii=False)


def run_page(html: bytes | str, *, undecodable: bool = False) -> None:
    try:
        first = parse_page(html, URL, FETCHED)
    except ParseError:
        return
    check(first, undecodable=undecodable)
    again = parse_page(html, URL, FETCHED)
    assert [r.to_dict() for r in again] == [r.to_dict() for r in first]


def _undecodable(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@settings(max_examples=TOTAL // 4, **SETTINGS)
@given(st.binary(max_size=4000))
def test_page_raw_bytes(data: bytes) -> None:
    COUNTS["parse_page"] += 1
    run_page(data, undecodable=True)


@settings(max_examples=TOTAL // 4, **SETTINGS)
@given(st.lists(st.sampled_from(TOKENS + NASTY), max_size=80))
def test_page_token_soup(tokens: list[str]) -> None:
    COUNTS["parse_page"] += 1
    soup = "".join(tokens)
    run_page(soup, undecodable="\ufffd" in soup)


MUTATIONS = ["truncate", "drop_closing", "double_article", "strip_jsonld", "shuffle_lines"]


def mutate(page: str, how: str, data: st.DataObject) -> str:
    if how == "truncate":
        return page[: data.draw(st.integers(0, len(page)))]
    if how == "drop_closing":
        keep = data.draw(st.integers(2, 6))
        return re.sub(r"</[a-z0-9]+>", lambda m: "" if hash(m.start()) % keep == 0 else
                      m.group(0), page)
    if how == "double_article":
        m = re.search(r"<article\b.*?</article>", page, re.S)
        return page if not m else page[: m.end()] + m.group(0) + page[m.end():]
    if how == "strip_jsonld":
        return re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.S)
    lines = page.splitlines()
    order = data.draw(st.permutations(range(len(lines))))
    return "\n".join(lines[i] for i in order[: len(lines)])


@settings(max_examples=TOTAL // 2, **SETTINGS)
@given(st.sampled_from(range(len(PAGES))), st.sampled_from(MUTATIONS), st.data())
def test_page_fixture_mutations(index: int, how: str, data: st.DataObject) -> None:
    COUNTS["parse_page"] += 1
    page = mutate(PAGES[index], how, data)
    run_page(page, undecodable="\ufffd" in PAGES[index])


@pytest.mark.parametrize("html", [
    "<html><body>" + "<div>" * 10000 + "<p>Dybt</p>" + "</div>" * 10000 + "</body></html>",
    '<html><body><h1 title="' + "x" * 1_000_000 + '">Titel</h1><p>Tekst.</p></body></html>',
    "<html><body>" + "<article>" * 3 + "<h1>A</h1><p>B</p></body></html>",
])
def test_page_pathological(html: str) -> None:
    run_page(html)


ENTRY = ("Datavej 7 ApS har pr. 26. januar 2026 ansat Troels Nymann, 41 år,  som "
         "it-konsulent med fokus på salg ved Datavejs kontor i Vejle. Han kommer fra en "
         "stilling som konsulent hos A og B A/S. Han er uddannet datamatiker fra EAL.")
DANISH = st.lists(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzæøåABCÆØÅ ,.;:()&°-'")
                                  + ["pr. ", " år,", " som ", " hos ", " har ", "januar",
                                     "2026", " ansat ", ". Han ", " er uddannet ", " via "]),
                  max_size=120).map("".join)


@settings(max_examples=TOTAL, **SETTINGS)
@given(st.one_of(DANISH, st.integers(0, len(ENTRY)).map(lambda n: ENTRY[:n]),
                 st.text(max_size=200).map(
                     lambda t: ENTRY.replace(",", t[:2]).replace(".", t[2:4]))),
       st.sampled_from(["Nyt job", "Færdiggjort uddannelse", "Forfremmelse", "Jubilæum", ""]))
def test_people_entry(text: str, label: str) -> None:
    COUNTS["parse_people_entry"] += 1
    try:
        record = parse_people_entry(text, label, source_url=URL, fetched_at=FETCHED)
    except ParseError:
        return
    check([record], undecodable="\ufffd" in text)


SITEMAP = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           '<url><loc>https://www.computerworld.dk/art/1/a</loc><lastmod>2026-01-01</lastmod>'
           "</url></urlset>")
ENTITIES = ['<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
            '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>', "&xxe;", "&b;"]


@settings(max_examples=TOTAL, **SETTINGS)
@given(st.one_of(st.binary(max_size=2000),
                 st.tuples(st.integers(0, len(SITEMAP)), st.sampled_from(ENTITIES)).map(
                     lambda t: (SITEMAP[: t[0]] + t[1] + SITEMAP[t[0]:]).encode())))
def test_sitemap(data: bytes) -> None:
    COUNTS["parse_sitemap"] += 1
    result = parse_sitemap(data)
    if result is not None:
        for entry in result.entries:
            assert entry.loc.startswith(("http://", "https://"))
            assert "root:" not in entry.loc


@settings(max_examples=TOTAL, **SETTINGS)
@given(st.binary(max_size=2000))
def test_rss(data: bytes) -> None:
    COUNTS["parse_rss"] += 1
    items = parse_rss(b"<rss><channel><item><link>" + data + b"</link></item></channel></rss>")
    assert items is None or isinstance(items, list)


def teardown_module() -> None:
    out = Path(__file__).resolve().parents[2] / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "fuzz.json").write_text(json.dumps(dict(COUNTS), indent=2))
