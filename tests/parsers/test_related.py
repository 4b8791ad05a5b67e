"""Related links: every "read more" phrasing of docs/extraction-rules.md (Related links), their
positions and ids, and that their paragraphs never reach the body."""

from __future__ import annotations

from typing import Any

import pytest

from crawler.parsers import parse_page
from crawler.records import Article, RelatedLink

URL = "https://www.computerworld.dk/art/290001/en-test-artikel"
FETCHED = "2026-02-03T10:00:00Z"
BEFORE = ("Region Nordvest har brugt tre år på at forberede udbuddet, og nu er der endelig "
          "valgt en leverandør til den nye platform.")
AFTER = ("Ifølge regionens it-direktør skal de første afdelinger tage systemet i brug i "
         "foråret, mens resten følger efter sommerferien.")
A1 = "/art/291102/kommunernes-cloudtvivl-breder-sig"
A2 = "https://www.computerworld.dk/art/290877/nordlys-data-henter-ny-kapital"
A3 = "/art/279504/saadan-faar-du-styr-paa-skygge-it"


def read(paragraphs: str) -> tuple[Article, list[RelatedLink]]:
    html = (f"<html><body><article><h1>Regionen vælger ny platform</h1><p>Leaden er her.</p>"
            f"<div class='body'><p>{BEFORE}</p>{paragraphs}<p>{AFTER}</p></div></article>"
            "</body></html>")
    records = parse_page(html, URL, FETCHED)
    art = records[0]
    assert isinstance(art, Article)
    return art, [r for r in records if isinstance(r, RelatedLink)]


def rows(related: list[RelatedLink]) -> list[tuple[Any, ...]]:
    return [(r.position, r.cue, r.title, r.target_article_id) for r in related]


PHRASINGS: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    ("læs mere om det her", f'<p><strong>Læs mere om det her:</strong> <a href="{A1}">Kommunernes '
     'cloudtvivl breder sig</a></p>',
     [(0, "Læs mere om det her", "Kommunernes cloudtvivl breder sig", 291102)]),
    ("læs også inline with final period",
     f'<p>Læs også: <a href="{A1}">Kommunernes cloudtvivl breder sig</a>.</p>',
     [(0, "Læs også", "Kommunernes cloudtvivl breder sig", 291102)]),
    ("læs", f'<p>Læs: <a href="{A1}">Ny registerplatform er tre år forsinket</a></p>',
     [(0, "Læs", "Ny registerplatform er tre år forsinket", 291102)]),
    ("title with colon and quotes",
     f'<p>Det kan du læse mere om her: <a href="{A1}">Paylund efter nedbrud: "Vi '
     'undervurderede kompleksiteten"</a></p>',
     [(0, "Det kan du læse mere om her",
       'Paylund efter nedbrud: "Vi undervurderede kompleksiteten"', 291102)]),
    ("den kan du, period outside the link",
     f'<p>Den kan du læse mere om her: <a href="{A1}">Kommunernes cloudtvivl breder sig: Nu vil '
     'KL have retningslinjer</a>.</p>',
     [(0, "Den kan du læse mere om her",
       "Kommunernes cloudtvivl breder sig: Nu vil KL have retningslinjer", 291102)]),
    ("du kan læse mere om emne her",
     f'<p>Du kan læse mere om Tjeep-konkursen her: <a href="{A2}">Nordlys Data henter ny '
     'kapital</a></p>',
     [(0, "Du kan læse mere om Tjeep-konkursen her", "Nordlys Data henter ny kapital",
       290877)]),
    ("læs mere om emne her, quotes kept",
     f'<p>Læs mere om de seneste års skandaler her: "<a href="{A1}">Statens it-projekter: Her er '
     'de ti dyreste fejlslag</a>"</p>',
     [(0, "Læs mere om de seneste års skandaler her",
       '"Statens it-projekter: Her er de ti dyreste fejlslag"', 291102)]),
    ("i denne artikel, period inside the link",
     f'<p>Hvordan nordmændene gør, kan du læse i denne artikel: <a href="{A1}">Norge giver '
     'bøder for forsinkelser.</a></p>',
     [(0, "Hvordan nordmændene gør, kan du læse i denne artikel",
       "Norge giver bøder for forsinkelser", 291102)]),
    ("arbitrary clause ending in her",
     f'<p>Du kan følge debatten om udbuddet her: <a href="{A1}">Regionsrådet strides om '
     'EPJ-valget</a>.</p>',
     [(0, "Du kan følge debatten om udbuddet her", "Regionsrådet strides om EPJ-valget",
       291102)]),
    ("link-only sentence", f'<p>Det kan du læse mere om <a href="{A1}">her</a>.</p>',
     [(0, "Det kan du læse mere om her", None, 291102)]),
    ("link-only, klikke her",
     f'<p>Du kan læse mere om hans exit ved at <a href="{A1}">klikke her</a>.</p>',
     [(0, "Du kan læse mere om hans exit ved at klikke her", None, 291102)]),
    ("link-only, external target",
     '<p>Du finder beretningen <a href="https://example.org/beretning">her</a>.</p>',
     [(0, "Du finder beretningen her", None, None)]),
    ("læs også list after br",
     f'<p><strong>Læs også:</strong><br><a href="{A1}">Kommunernes cloudtvivl breder sig</a><br>'
     f'<a href="{A2}">It-chef: "Vi havde 40 lønsystemer"</a><br><a href="{A3}">Sådan får du styr '
     'på skygge-it</a></p>',
     [(0, "Læs også", "Kommunernes cloudtvivl breder sig", 291102),
      (1, "Læs også", 'It-chef: "Vi havde 40 lønsystemer"', 290877),
      (2, "Læs også", "Sådan får du styr på skygge-it", 279504)]),
    ("læs også list as paragraphs",
     f'<p>Læs også:</p><p><a href="{A1}">Kommunernes cloudtvivl breder sig</a></p>'
     f'<p><a href="{A2}">Nordlys Data henter ny kapital</a></p>',
     [(0, "Læs også", "Kommunernes cloudtvivl breder sig", 291102),
      (1, "Læs også", "Nordlys Data henter ny kapital", 290877)]),
    ("læs også list as ul",
     f'<p>Læs også:</p><ul><li><a href="{A1}">Kommunernes cloudtvivl breder sig</a></li>'
     f'<li><a href="{A3}">Sådan får du styr på skygge-it</a></li></ul>',
     [(0, "Læs også", "Kommunernes cloudtvivl breder sig", 291102),
      (1, "Læs også", "Sådan får du styr på skygge-it", 279504)]),
    ("stray diaeresis",
     f'<p>Læs også: ¨</p><p> </p><p><a href="{A1}">Phishing-bølge rammer rejsebureauer</a></p>',
     [(0, "Læs også", "Phishing-bølge rammer rejsebureauer", 291102)]),
    ("dangling læs mere", "<p>Læs mere:</p>", []),
    ("cue glued in an rss copy, title lost", "<p>Læs også Computerworld-journalist Mads Holms:</p>",
     []),
    ("open cue with a list", f'<p>Læs også Computerworld-journalist Mads Holms:</p><p><a '
     f'href="{A1}">Kommunernes cloudtvivl breder sig</a></p>',
     [(0, "Læs også Computerworld-journalist Mads Holms", "Kommunernes cloudtvivl breder sig",
       291102)]),
    ("link-only, du kan læse mere om campen her",
     f'<p>Du kan læse mere om campen <a href="{A3}">her</a>.</p>',
     [(0, "Du kan læse mere om campen her", None, 279504)]),
    ("title dropped from the copy", "<p>Den kan du læse mere om her:</p>", []),
    ("not a pointer", "<p>Læs Lars Bos kommentarer til sagen senere her på Computerworld.</p>",
     []),
    # Labels without their colon, in markup: a heading over a list, a bold label on the line.
    ("heading without colon over a list",
     f'<h3>Læs også</h3><ul><li><a href="{A1}">Kommunernes cloudtvivl breder sig</a></li>'
     f'<li><a href="{A3}">Sådan får du styr på skygge-it</a></li></ul>',
     [(0, "Læs også", "Kommunernes cloudtvivl breder sig", 291102),
      (1, "Læs også", "Sådan får du styr på skygge-it", 279504)]),
    ("relaterede artikler box",
     f'<aside><h4>Relaterede artikler</h4><a href="{A2}">Nordlys Data henter ny kapital</a>'
     '</aside>',
     [(0, "Relaterede artikler", "Nordlys Data henter ny kapital", 290877)]),
    ("bold label without colon, link on the same line",
     f'<p><strong>Læs også</strong> <a href="{A1}">Kommunernes cloudtvivl breder sig</a></p>',
     [(0, "Læs også", "Kommunernes cloudtvivl breder sig", 291102)]),
]


@pytest.mark.parametrize("paragraphs,expected", [pytest.param(p, e, id=i)
                                                  for i, p, e in PHRASINGS])
def test_phrasing(paragraphs: str, expected: list[tuple[Any, ...]]) -> None:
    """Each phrasing gives its pointers, and none of its text reaches the body."""
    art, related = read(paragraphs)
    assert rows(related) == expected
    not_a_pointer = "Læs Lars Bos" in paragraphs
    assert art.body == (f"{BEFORE}\n\n{paragraphs[3:-4]}\n\n{AFTER}" if not_a_pointer
                        else f"{BEFORE}\n\n{AFTER}")


def test_link_only_sentence_inside_a_paragraph_stays_in_the_body() -> None:
    text = ("Selskabet har haft tre direktører på to år, hvilket du kan læse mere om "
            f'<a href="{A1}">her</a>. Nu skal en fjerde til.')
    art, related = read(f"<p>{text}</p>")
    assert rows(related) == [(0, "hvilket du kan læse mere om her", None, 291102)]
    assert "hvilket du kan læse mere om her. Nu skal en fjerde til." in art.body


def test_parenthesised_link_only_clause_stays_in_the_body() -> None:
    text = f'Aftalen (som du kan læse <a href="{A2}">her</a>) gælder fra marts.'
    art, related = read(f"<p>{text}</p>")
    assert rows(related) == [(0, "som du kan læse her", None, 290877)]
    assert "Aftalen (som du kan læse her) gælder fra marts." in art.body


def test_positions_run_in_page_order_and_urls_are_absolute() -> None:
    art, related = read(
        f'<p>Læs også: <a href="{A1}">Første</a></p><p>{BEFORE}</p>'
        f'<p>Læs mere om det her: <a href="{A3}">Anden</a></p>'
        f'<p>Læs mere om det her: <a href="{A2}">Tredje</a></p>')
    assert [(r.position, r.title) for r in related] == [(0, "Første"), (1, "Anden"),
                                                         (2, "Tredje")]
    assert related[0].url == "https://www.computerworld.dk" + A1
    assert {r.article_id for r in related} == {290001}
    assert len({r.record_id for r in related}) == 3
    assert "Læs" not in art.body


@pytest.mark.parametrize("paragraph", [
    "<h3>Læs også</h3>",  # a label with no link after it
    "<p>Læs mere om, hvordan regionen valgte, i rapporten fra revisionen.</p>",
    f'<p>Læs mere <a href="{A1}">i rapporten</a> om, hvordan regionen valgte leverandør.</p>',
])
def test_labels_without_colon_need_a_link_to_be_cues(paragraph: str) -> None:
    art, related = read(paragraph)
    assert related == []
    assert art.body.count("\n\n") == 2  # BEFORE, the paragraph, AFTER


def test_cards_with_teasers_and_dated_titles_give_one_pointer_each() -> None:
    cards = (f'<aside><h3>Læs også</h3><a href="{A1}"><h4>Kommunernes cloudtvivl breder sig</h4>'
             '<p>KL vil have fælles regler for skyen.</p></a><a href="' + A3 + '"><h4>Sådan får '
             'du styr på skygge-it</h4><p>Fem råd fra CIO’erne.</p></a></aside>'
             f'<ul><li><p>Læs mere:</p></li><li><a href="{A2}">Nordlys Data henter ny kapital</a> '
             '<span>(12. januar 2022)</span></li></ul>')
    art, related = read(cards)
    assert rows(related) == [(0, "Læs også", "Kommunernes cloudtvivl breder sig", 291102),
                             (1, "Læs også", "Sådan får du styr på skygge-it", 279504),
                             (2, "Læs mere", "Nordlys Data henter ny kapital", 290877)]
    assert art.body == f"{BEFORE}\n\n{AFTER}"


def test_a_link_that_is_part_of_the_title_gives_the_whole_line() -> None:
    items = (f'<p>Læs også:</p><ul><li><a href="{A1}">Kommunerne vil have fælles regler</a> for '
             f'AI</li><li><a href="{A1}">Samme adresse, anden titel</a></li></ul>')
    art, related = read(items)
    assert rows(related) == [(0, "Læs også", "Kommunerne vil have fælles regler for AI", 291102),
                             (1, "Læs også", "Samme adresse, anden titel", 291102)]


def test_a_year_in_the_title_is_not_a_date_after_it() -> None:
    items = (f'<p>Læs også:</p><ul><li><a href="{A1}">Kommunerne vil have regler for</a> AI i '
             '2025</li></ul>')
    _, related = read(items)
    assert rows(related) == [(0, "Læs også", "Kommunerne vil have regler for AI i 2025", 291102)]
