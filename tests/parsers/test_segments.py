"""The flattener and the widget segmenter: which lines reach which widget parser."""

from __future__ import annotations

import pytest

from crawler.devtools.fixtures import all_cases
from crawler.parsers.html.lines import flatten, parse_html
from crawler.parsers.widgets.contract import Segment, WidgetContext
from crawler.parsers.widgets.people import parse_people_block
from crawler.parsers.widgets.segments import heading_kind, segment_widgets

URL = "https://www.computerworld.dk/art/290001/en-test-artikel"
FETCHED = "2026-02-03T10:00:00Z"
E1 = ("Polarkode ApS har pr. 2. februar 2026 ansat Jesper Thorsø, 38 år,  som Senior Solution "
      "Architect ved Polarkodes kontor i Aalborg.")
E2 = ("Renholt Systems K/S har pr. 1. september 2025 ansat Emil Hvidberg som Datateknikerelev i "
      "LTS-gruppen.")
E3 = ("Marianne Bisgaard, chefkonsulent hos Vestkystens Digitaliseringscenter, har pr. 19. "
      "december 2025 fuldført uddannelsen Master i it, linjen i organisation på Aarhus "
      "Universitet via It-vest-samarbejdet.")
ARTICLE = ("<article><h1>Datacentre løber tør for strøm</h1><p>Leaden er en hel sætning.</p>"
           "<p>Flere jyske datacentre må sige nej til nye kunder, fordi elnettet ikke kan levere "
           "den ekstra kapacitet.</p></article>")
FOOTER = "<div class='ftr'><div>Copyright © 2026 Computerworld Danmark</div></div>"


def segments(body: str, head: str = "") -> list[Segment]:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return segment_widgets(flatten(parse_html(html), URL))


def texts(segment: Segment) -> list[tuple[int, str]]:
    return [(ln.indent, ln.text) for ln in segment.lines]


PRE_TEXT = ("Læses lige nu\n    Navnenyt fra it-Danmark\n\n"
            f"    {E1} Nyt job\n\n    Jesper Thorsø\n\n    Polarkode ApS\n\n"
            f"    {E2} Nyt job\n    {E3} Færdiggjort uddannelse\n\n    Marianne Bisgaard\n\n"
            "    Vestkystens Digitaliseringscenter")
PEOPLE_LINES = [(4, "Navnenyt fra it-Danmark"), (4, f"{E1} Nyt job".replace("  ", " ")),
                (4, "Jesper Thorsø"), (4, "Polarkode ApS"), (4, f"{E2} Nyt job"),
                (4, f"{E3} Færdiggjort uddannelse"), (4, "Marianne Bisgaard"),
                (4, "Vestkystens Digitaliseringscenter")]

PRE_MARKUPS = [
    ("class made pre by a style rule", "<style>.most-read__text{white-space:pre}</style>",
     f"<aside><div class='most-read__text'>{PRE_TEXT}</div></aside>"),
    ("inline style", "", f"<div style='white-space: pre-wrap'>{PRE_TEXT}</div>"),
    ("pre element", "", f"<pre>{PRE_TEXT}</pre>"),
    ("stylesheet we cannot see", "<link rel=stylesheet href='/x.css'>",
     f"<aside><div class='mr'>{PRE_TEXT}</div></aside>"),
]


@pytest.mark.parametrize("head,widgets", [pytest.param(h, w, id=i) for i, h, w in PRE_MARKUPS])
def test_preformatted_laeses_lige_nu(head: str, widgets: str) -> None:
    found = segments(ARTICLE + widgets + FOOTER, head)
    assert [s.kind for s in found] == ["wrapper", "people_news"]
    assert texts(found[1]) == PEOPLE_LINES
    people = parse_people_block(found[1], WidgetContext(URL, FETCHED))
    assert [(p.person, p.footer_person) for p in people] == [
        ("Jesper Thorsø", "Jesper Thorsø"), ("Emil Hvidberg", None),
        ("Marianne Bisgaard", "Marianne Bisgaard")]


def test_article_cards_in_an_aside() -> None:
    cards = "".join(
        f"<article class='person-card'><p>{e} <span>Nyt job</span></p>"
        f"<footer><p>{name}</p><p>{org}</p></footer></article>"
        for e, name, org in ((E1, "Jesper Thorsø", "Polarkode ApS"),
                             (E2, "Emil Hvidberg", "Renholt Systems K/S")))
    found = segments(f"{ARTICLE}<aside><h3>Navnenyt fra it-Danmark</h3>{cards}</aside>{FOOTER}")
    assert [s.kind for s in found] == ["people_news"]
    assert [t for _, t in texts(found[0])][2:4] == ["Jesper Thorsø", "Polarkode ApS"]
    people = parse_people_block(found[0], WidgetContext(URL, FETCHED))
    assert [(p.person, p.footer_organization) for p in people] == [
        ("Jesper Thorsø", "Polarkode ApS"), ("Emil Hvidberg", "Renholt Systems K/S")]


def test_br_lines_with_the_heading_first_stop_at_the_container() -> None:
    block = (f"<div class='bx'>Navnenyt fra it-Danmark<br><br>{E1} Nyt job<br><br>Jesper Thorsø"
             f"<br><br>Polarkode ApS<br>{E2} Nyt job</div>")
    found = segments(f"<div class='main'>{ARTICLE}</div><div class='side'>{block}</div>{FOOTER}")
    assert [s.kind for s in found] == ["people_news"]
    assert len(found[0].lines) == 5
    assert "Copyright" not in " ".join(t for _, t in texts(found[0]))


def test_menu_item_is_not_a_widget_heading() -> None:
    menu = ("<div class='top'><ul><li><a href='/nyheder'>Nyheder</a></li><li><a href='/navnenyt'>"
            "Navnenyt</a></li><li><a href='/events'>Events</a></li></ul></div>")
    assert segments(menu + ARTICLE) == []


@pytest.mark.parametrize("text,kind", [
    ("Computerworld Events", "events_block"), ("COMPUTERWORLD EVENTS:", "events_block"),
    ("Navnenyt fra it-Danmark Se alle", "people_news"), ("Navnenyt", "people_news"),
    ("Kommende events", "events_upcoming"), ("Læses lige nu", "wrapper"),
    ("Event: Cloud Summit 2026 - Aarhus", "event_promo"),
    ("Annonceindlæg fra Computerworld it-jobbank", "sponsored"),
    ("Annonceindlæg tema", "sponsored"), ("Eksklusivt Premium-indhold for abonnenter",
                                         "premium_promo"),
    ("Computerworld Events samler 6.000 deltagere hvert år på mere end 70 events.", None),
    ("Event", None),
    # a label alone: its title or sponsor is in the next element
    ("Event:", "event_promo"), ("Annonceindlæg fra", "sponsored"),
])
def test_heading_kind(text: str, kind: str | None) -> None:
    [line] = flatten(parse_html(f"<p>{text}</p>"), URL)
    assert heading_kind(line) == kind


def test_job_triples_join_one_segment_and_end_other_widgets() -> None:
    jobs = ("<div><div>SOS International</div><div>Platform Engineer</div><div>Midtjylland</div>"
            "<div>Netcompany A/S</div><div>Managing Architect</div><div>Nordjylland</div></div>")
    promo = ("<div><p>Event: Cloud Summit 2026</p><p>Infrastruktur | København</p>"
             "<p>Mød driften.</p><p>3. marts 2026 | Gratis deltagelse</p></div>")
    found = segments(f"{ARTICLE}<aside>{promo}{jobs}</aside>")
    assert [(s.kind, len(s.lines)) for s in found] == [("event_promo", 4), ("job_ads", 6)]


# --- every fixture page: the Navnenyt lines reach the people parser ---------------------------

CASES = [c for c in all_cases()
         if any(r["record_type"] == "people_news" for r in c.expected)]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_people_block_lines(case) -> None:
    lines = flatten(parse_html(case.html.decode("utf-8")), case.url)
    blocks = [s for s in segment_widgets(lines) if s.kind == "people_news"]
    assert len(blocks) == 1, [s.lines[0].text for s in blocks]
    joined = " ".join(ln.text for ln in blocks[0].lines[1:])
    for record in case.expected:
        if record["record_type"] == "people_news":
            assert " ".join(record["text"].split()) in joined
            for footer in (record["footer_person"], record["footer_organization"]):
                assert footer is None or footer in joined
    for chrome in ("Copyright", "©", "cookies", "Privatlivspolitik"):
        assert chrome not in joined
