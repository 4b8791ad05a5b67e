"""The title, the genre and where the article ends (crawler/parsers/article/title.py): genre
labels, infinite scroll and next-article teasers, ``<h1>``s inside the article, the logo.
"""

from __future__ import annotations

import pytest

from crawler.parsers import parse_page
from tests.helpers.pages import (
    FETCHED,
    LONG,
    LONG2,
    URL,
    article,
    page,
    params,
)

GENRE_CASES = [
    ("briefing title", "Morgenbriefing: A / B / C", LONG, "Morgenbriefing"),
    ("old briefing title", "Morgen-briefing: A / B", LONG, "Morgen-briefing"),
    ("editorial title", "Computerworld mener: Staten skal stille krav", LONG,
     "Computerworld mener"),
    ("interview lead", "Kragh & Welling skar ned", "Interview: " + LONG, "Interview"),
    ("interview without colon", "Ny CTO", "Interview Som ny CTO skal Anna Ravn flytte kunder.",
     "Interview"),
    ("commentary lead", "Sådan", "Kommentar: " + LONG, "Kommentar"),
    ("bakspejlet", "CW for 10 år siden: Alt var bedre", "Bakspejlet: " + LONG,
     "CW for 10 år siden"),
    ("source prefix is no genre", "Avis: Regionen dropper aftale", LONG, None),
    ("no genre", "Regionen dropper aftale", LONG, None),
]

@pytest.mark.parametrize("title,lead,genre", params(GENRE_CASES))
def test_genre(title: str, lead: str, genre: str | None) -> None:
    art = article(f"<h1>{title}</h1><p>{lead}</p><p>{LONG2}</p>")
    assert (art.genre, art.title, art.lead) == (genre, title, lead)

NEXT = ("Kommunerne vil have fælles regler for brug af sprogmodeller, og KL har nu nedsat en "
        "arbejdsgruppe, der skal komme med et udspil.")

@pytest.mark.parametrize("after", [
    # infinite scroll: the next article appended to the page
    f"<article><h1>Kommunerne vil have regler for AI</h1><p>{NEXT}</p><p>{NEXT}</p></article>",
    f"<div><h1>Kommunerne vil have regler for AI</h1><p>{NEXT}</p><p>{NEXT}</p></div>",
    # a teaser of the next article under the site's own label
    f"<section><h2>Næste artikel</h2><h3>Kommunerne vil have regler for AI</h3><p>{NEXT}</p>"
    "</section>",
    f"<aside><h3>Mest læste</h3><ul><li><a href='/art/1/a'>{NEXT}</a></li></ul></aside>",
], ids=["next article", "next article in divs", "next-article teaser", "most read"])
def test_the_next_article_is_not_part_of_the_body(after: str) -> None:
    body = (f"<main><article><h1>Regionen vælger ny platform</h1><p>{LONG}</p><p>{LONG2}</p>"
            f"<p>{LONG}</p></article>{after}</main>")
    art = parse_page(page(body), URL, FETCHED)[0]
    assert art.body == f"{LONG2}\n\n{LONG}"

def test_a_repeated_title_h1_does_not_end_the_body() -> None:
    body = (f"<article><h1>Regionen vælger ny platform</h1><p>{LONG}</p><div><h1>Regionen "
            f"vælger ny platform</h1><p>{LONG2}</p><p>{LONG}</p></div></article>")
    art = parse_page(page(body), URL, FETCHED)[0]
    assert art.body == f"{LONG2}\n\n{LONG}"

@pytest.mark.parametrize("inside", [
    f"<section><h1>Udbuddet</h1><p>{LONG2}</p></section>",  # HTML5 sections
    f"<h1>Udbuddet</h1><p>{LONG2}</p>",  # a subheading marked up as <h1>
    f"<aside><h3>Mest læste</h3><ul><li><a href='/art/1/a'>{NEXT}</a></li></ul></aside>"
    f"<p>{LONG2}</p>",  # a navigation box in the middle of the text
    f"<h2>Seneste nyt</h2><p>{LONG2}</p>",  # the label as a subheading of a live blog
], ids=["section h1", "h1 subheading", "box mid-article", "label as subheading"])
def test_the_article_goes_on_after(inside: str) -> None:
    body = (f"<main><article><h1>Regionen vælger ny platform</h1><p>{LONG}</p><div>{inside}"
            f"<p>{LONG}</p></div></article></main>")
    art = parse_page(page(body), URL, FETCHED)[0]
    assert art.body.startswith(("Udbuddet", LONG2, "Seneste nyt")) and art.body.endswith(LONG)
    assert LONG2 in art.body and NEXT not in art.body

def test_a_logo_h1_ends_nothing_when_the_title_is_elsewhere() -> None:
    body = (f"<header><h1><a href='/'>Computerworld</a></h1></header><main><article><h2>"
            f"Regionen vælger ny platform</h2><p>{LONG}</p><p>{LONG2}</p><p>{LONG}</p></article>"
            "</main>")
    head = "<meta property='og:title' content='Regionen vælger ny platform'>"
    art = parse_page(page(body, head), URL, FETCHED)[0]
    assert (art.title, art.lead, art.body) == ("Regionen vælger ny platform", LONG,
                                               f"{LONG2}\n\n{LONG}")
