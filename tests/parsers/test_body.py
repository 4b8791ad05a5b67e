"""The body (crawler/parsers/article/body.py; see docs/extraction-rules.md, Article: ``body`` /
``blocks``): block kinds, links, what is left out (share bars, ad and tool labels, paywalls,
teaser lists, navigation boxes), what stays (prose that sounds like those), and every fixture
article's body free of widget text.
"""

from __future__ import annotations

from typing import Any

import pytest

from crawler.devtools.fixtures import all_cases, parse_case
from crawler.parsers import parse_page
from tests.helpers.pages import (
    FETCHED,
    LONG,
    LONG2,
    URL,
    amid_body,
    article,
    page,
    params,
)

CASES = all_cases()

BLOCK_CASES = [
    ("html blocks",
     f"<p>{LONG}</p><h2>Tre områder først</h2><p>Sådan:</p><ul><li>Økonomi</li><li>Lager</li>"
     f"</ul><blockquote><p>“Det sværeste var at give slip.”</p></blockquote><p>{LONG2}</p>",
     [("paragraph", LONG), ("heading", "Tre områder først"), ("paragraph", "Sådan:"),
      ("list_item", "Økonomi"), ("list_item", "Lager"),
      ("quote", "“Det sværeste var at give slip.”"), ("paragraph", LONG2)]),
    ("legacy br lines with dash quotes",
     f"<div>{LONG}<br>- Vi venter og ser tiden an, siger Poul Brandt.<br>{LONG2}<br>"
     "– Det er bekymrende, siger han.<br>trs</div>",
     [("paragraph", LONG), ("quote", "- Vi venter og ser tiden an, siger Poul Brandt."),
      ("paragraph", LONG2), ("quote", "– Det er bekymrende, siger han."),
      ("paragraph", "trs")]),
    ("bold subheading then single br",
     f"<p>{LONG}</p><p><strong>Flere angreb om natten</strong><br>{LONG2}</p>",
     [("paragraph", LONG), ("heading", "Flere angreb om natten"), ("paragraph", LONG2)]),
    ("questions stay paragraphs",
     f"<p>{LONG}</p><p><strong>Hvor startede I?</strong></p><p>{LONG2}</p>",
     [("paragraph", LONG), ("paragraph", "Hvor startede I?"), ("paragraph", LONG2)]),
    ("whitespace-only paragraphs vanish",
     f"<p>{LONG} </p><p> </p><p>&nbsp;</p><p>{LONG2}</p>",
     [("paragraph", LONG), ("paragraph", LONG2)]),
    ("correction kept",
     f"<p>{LONG}</p><p>Rettelse 10.45: I en tidligere version stod der noget andet.</p>",
     [("paragraph", LONG),
      ("paragraph", "Rettelse 10.45: I en tidligere version stod der noget andet.")]),
]

@pytest.mark.parametrize("body,blocks", params(BLOCK_CASES))
def test_body_blocks(body: str, blocks: list[tuple[str, str]]) -> None:
    art = article(f"<article><h1>Titel på artiklen</h1><p>Leaden er en hel sætning.</p>"
                  f"<div class='txt'>{body}</div></article>")
    assert [(b.kind, b.text) for b in art.blocks] == blocks
    assert art.body == "\n\n".join(text for _, text in blocks)

def test_morning_briefing_keeps_story_headlines_as_headings() -> None:
    title = "Morgenbriefing: Regionerne samler sundheds-it / Banken vælger ny leverandør"
    body = ("<div>Godmorgen fra Computerworld. Her er overblikket.<br>"
            "Regionerne samler sundheds-it i fælles selskab med 400 ansatte<br>"
            f"{LONG}<br>Det skriver Dagens Medicin.<br>"
            "<strong>Banken vælger ny leverandør</strong><br>"
            f"{LONG2}<br>Det skriver Børsen.</div>")
    art = article(f"<h1>{title}</h1><p>Regionerne samler sundheds-it. Banken vælger ny "
                  f"leverandør.</p>{body}")
    assert [b.kind for b in art.blocks] == ["paragraph", "heading", "paragraph", "paragraph",
                                            "heading", "paragraph", "paragraph"]
    assert art.genre == "Morgenbriefing"

def test_body_links_are_absolute() -> None:
    art = article(f"<h1>Titel på artiklen</h1><p>{LONG}</p><p>Det viser <a href='/rapport'>"
                  f"rapporten</a> fra analysehuset.</p>")
    assert [(link.url, link.text) for link in art.links] == [
        ("https://www.computerworld.dk/rapport", "rapporten")]

def test_share_bar_and_paywall_are_not_body() -> None:
    art = article(
        f"<article><h1>Titel på artiklen</h1><p>{LONG}</p><p>{LONG2}</p><div>"
        "<a href='https://www.linkedin.com/shareArticle?url=x'>Del på LinkedIn</a> "
        "<a href='mailto:?subject=x'>Send som e-mail</a></div>"
        "<div><h3>Læs hele artiklen med Premium</h3><p>Få adgang til analyser.</p>"
        "<a href='/abonnement'>Se abonnementer</a></div></article>")
    assert art.body == LONG2
    assert art.links == []

FIXTURE_ARTICLES = [(c.name, r) for c in CASES for r in parse_case(c)
                    if r["record_type"] == "article"]

NEVER_IN_BODY = ("Artikel top billede", "(Foto:", "Læs mere om det her", "Læs også",
                 "Computerworld Events", "Navnenyt fra it-Danmark", "Annonceindlæg",
                 "Event:", "Premium Kun for abonnenter", "Det får du i artiklen",
                 "Gratis deltagelse", "Læses lige nu", "Se alle vores events")

def _widget_texts(case_name: str) -> list[str]:
    case = next(c for c in CASES if c.name == case_name)
    texts = []
    for r in case.expected:
        if r["record_type"] in ("event", "job_ad", "sponsored", "people_news"):
            texts += [r.get(k) for k in ("title", "description", "teaser", "text") if r.get(k)]
    return texts

@pytest.mark.parametrize("name,record", FIXTURE_ARTICLES, ids=[n for n, _ in FIXTURE_ARTICLES])
def test_fixture_body_holds_no_widget_cue_or_credit(name: str, record: dict[str, Any]) -> None:
    body = record["body"]
    for needle in NEVER_IN_BODY:
        assert needle not in body, f"{name}: {needle!r} in body"
    for text in _widget_texts(name):
        assert text not in body, f"{name}: widget text {text[:40]!r} in body"
    assert body == "\n\n".join(b["text"] for b in record["blocks"])

TEASERS = ("<section><h2>Mest læste</h2><ol>" + "".join(
    f"<li><a href='/art/{290100 + n}/x'>Sådan arbejder danske virksomheder med emne nummer {n} "
    f"i 2026</a> <span>{n} kommentarer</span></li>" for n in range(10)) + "</ol></section>")

@pytest.mark.parametrize("body", [
    # An RSS copy: no title, no widgets; the list of teaser links after it holds more long
    # text than the article's own paragraphs.
    f"<p>date 2017-09</p><div><p>{LONG}</p><p>{LONG2}</p></div>{TEASERS}",
    # A titled article with the list between it and the widget rail.
    f"<div><h1>Regionen vælger ny platform</h1><p>{LONG}</p><div><p>{LONG2}</p>"
    f"<p>{LONG}</p></div></div>{TEASERS}<aside><p>Annonceindlæg fra Kvantum</p><h3>Backup"
    "</h3><p>Tre ud af fire tester aldrig backuppen.</p></aside>",
])
def test_a_list_of_teaser_links_is_not_body(body: str) -> None:
    art = parse_page(page(body), URL, FETCHED)[0]
    assert art.body and "Sådan arbejder" not in art.body and "Mest læste" not in art.body
    assert art.links == []

def test_a_region_heading_in_the_text_is_no_job_ad() -> None:
    body = (f"<article><h1>Regionen vælger ny platform</h1><p>{LONG}</p><div><p>Også de "
            "offentlige kunder er ramt.</p><p>Det gælder blandt andet to af landets regioner:</p>"
            f"<h3>Region Hovedstaden</h3><p>{LONG2}</p><p>{LONG}</p></div></article>")
    records = parse_page(page(body), URL, FETCHED)
    assert [r.record_type for r in records] == ["article"]
    assert records[0].body.endswith(f"Region Hovedstaden\n\n{LONG2}\n\n{LONG}")

@pytest.mark.parametrize("line", [
    "Den nye funktion er forbeholdt abonnenter af Microsoft 365 E5, oplyser Microsoft.",
    "Flere mennesker i IT-branchen siger nu op for at starte egen virksomhed, viser en ny "
    "undersøgelse.",
])
def test_prose_that_sounds_like_an_ending_does_not_end_the_body(line: str) -> None:
    body = (f"<article><h1>Router</h1><p>{LONG}</p><div><p>{line}</p><p>{LONG2}</p></div>"
            "</article>")
    assert parse_page(page(body), URL, FETCHED)[0].body == f"{line}\n\n{LONG2}"

@pytest.mark.parametrize("noise", [
    "<p>Artiklen fortsætter efter annoncen</p>",
    "<div><a href='#' data-share='fb'>Facebook</a></div><div><a href='#' data-share='li'>"
    "LinkedIn</a></div><div><a href='#'>Mail</a></div>",
    "<p>Del artiklen med dine kolleger og venner <a href='#'>Kopiér link</a></p>",
    "<p>Grafik: Computerworld</p>",
])
def test_ad_share_and_credit_labels_are_not_body(noise: str) -> None:
    assert amid_body(noise).body == f"{LONG2}\n\n{LONG}"

@pytest.mark.parametrize("line,ends", [
    ("Ifølge GDPR artikel 9 er adgang til helbredsdata forbeholdt sundhedspersonale.", False),
    ("Adgangen til indholdet er forbeholdt medarbejdere med sikkerhedsgodkendelse, oplyser "
     "ministeriet.", False),
    ("Forbeholdt abonnenter", True),
    ("Dette er forbeholdt abonnenter af Computerworld Premium", True),
    ("Denne artikel er forbeholdt abonnenter. Bliv abonnent i dag.", True),
])
def test_paywall_lines_end_the_body_and_prose_does_not(line: str, ends: bool) -> None:
    art = amid_body(f"<p>{line}</p>")
    assert art.body == (LONG2 if ends else f"{LONG2}\n\n{line}\n\n{LONG}")

@pytest.mark.parametrize("markup,kept", [
    ("<ul><li>LinkedIn</li><li>Facebook</li><li>X</li><li>TikTok</li></ul>",
     ["LinkedIn", "Facebook", "X", "TikTok"]),
    ("<p>Mail</p>", ["Mail"]),
    ("<p>Del på tværs af afdelingerne er nøglen, siger hun.</p>",
     ["Del på tværs af afdelingerne er nøglen, siger hun."]),
    ("<p>Grafik: Antallet af ransomware-angreb er steget med 40 procent siden 2022.</p>",
     ["Grafik: Antallet af ransomware-angreb er steget med 40 procent siden 2022."]),
])
def test_words_of_share_bars_and_credits_stay_when_they_are_text(markup: str,
                                                                 kept: list[str]) -> None:
    art = amid_body(markup)
    assert art.body == "\n\n".join([LONG2, *kept, LONG])
    assert art.image is None

@pytest.mark.parametrize("line", [
    "Tak fordi du læser med. Denne artikel er forbeholdt abonnenter.",
    "Dette indhold er forbeholdt abonnenter.",
    "Denne historie er forbeholdt abonnenter",
    "Resten af denne artikel er forbeholdt Premium-abonnenter.",
])
def test_more_paywall_lines(line: str) -> None:
    assert amid_body(f"<p>{line}</p>").body == LONG2

def test_a_share_bar_as_a_list_of_dead_links_is_not_body() -> None:
    bar = ("<ul><li><a href='#'>Facebook</a></li><li><a href='#'>LinkedIn</a></li>"
           "<li><a href='#'>Mail</a></li></ul>")
    assert amid_body(bar).body == f"{LONG2}\n\n{LONG}"

def test_a_list_of_regions_in_an_article_is_no_job_ad() -> None:
    body = (f"<article><h1>Router</h1><p>{LONG}</p><div><h2>Mangel på udviklere</h2><p>Hvor "
            "mangler virksomhederne flest udviklere?</p><ul><li>Københavnsområdet</li>"
            f"<li>Midtjylland</li></ul><p>{LONG2}</p></div></article>")
    records = parse_page(page(body), URL, FETCHED)
    assert [r.record_type for r in records] == ["article"]
    assert records[0].body.endswith(LONG2)
