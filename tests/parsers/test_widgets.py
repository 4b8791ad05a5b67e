"""Events, job ads and sponsored items of the widget zone (docs/extraction-rules.md, Widgets)."""

from __future__ import annotations

from typing import Any

import pytest

from crawler.parsers import page as page_module
from crawler.parsers import parse_page, parse_page_report
from crawler.records import Event, JobAd, Record, Sponsored
from crawler.records.vocabulary import RECORD_BEARING

URL = "https://www.computerworld.dk/art/290001/en-test-artikel"
FETCHED = "2026-02-03T10:00:00Z"
ARTICLE = ("<article><h1>Regionen vælger ny platform</h1><p>Leaden er en hel sætning.</p>"
           "<p>Region Nordvest har brugt tre år på at forberede udbuddet, og nu er der endelig "
           "valgt en leverandør til den nye platform.</p></article>")
INTRO = ("<p>Vi samler hvert år mere end 6.000 deltagere på mere end 70 events for "
         "it-professionelle.</p><ul><li>Ekspertindsigt – Lyt til førende specialister.</li>"
         "<li>Netværk – Mød beslutningstagere.</li><li>Praktisk viden – Få konkrete cases.</li>"
         "<li>Aktuelle tendenser – Bliv opdateret.</li></ul>")


def records(widgets: str, kind: type[Record]) -> list[Any]:
    html = f"<html><body><main>{ARTICLE}<aside>{widgets}</aside></main></body></html>"
    return [r for r in parse_page(html, URL, FETCHED) if isinstance(r, kind)]


def event_row(e: Event) -> tuple[Any, ...]:
    return (e.title, e.category, e.location, e.description, e.start_date, e.end_date,
            e.date_raw, e.price_raw, e.is_free, e.url)


EVENT_CASES: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    ("events block: intro is no event",
     "<section><h2>Computerworld Events</h2>" + INTRO +
     "<div><p>Infrastruktur | Horsens</p><h3><a href='/events/dc-day'>Datacenter Day 2026: "
     "Strøm og køling</a></h3><p>Få ny viden om energieffektive datacentre.</p></div>"
     "<div><p>Sikkerhed | Online</p><h3>Årets CISO 2026</h3><p>Program og talere offentliggøres "
     "snarest.</p></div><p><a href='/events'>Se alle vores events inden for it</a></p></section>",
     [("Datacenter Day 2026: Strøm og køling", "Infrastruktur", "Horsens",
       "Få ny viden om energieffektive datacentre.", None, None, None, None, None,
       "https://www.computerworld.dk/events/dc-day"),
      ("Årets CISO 2026", "Sikkerhed", "Online", "Program og talere offentliggøres snarest.",
       None, None, None, None, None, None)]),
    ("event promo, one day",
     "<div><h3><a href='/events/supply'>Event: Supply Chain Tech Day 2026 - Aarhus</a></h3>"
     "<div>It-løsninger | Aarhus C</div><div>Hør hvordan logistikvirksomheder bruger data. "
     "Deltag i Aarhus 22. januar.</div><div>22. januar 2026 | Gratis deltagelse</div></div>",
     [("Supply Chain Tech Day 2026 - Aarhus", "It-løsninger", "Aarhus C",
       "Hør hvordan logistikvirksomheder bruger data. Deltag i Aarhus 22. januar.",
       "2026-01-22", "2026-01-22", "22. januar 2026", "Gratis deltagelse", True,
       "https://www.computerworld.dk/events/supply")]),
    ("event promo, two days, prefix outside the link",
     "<div><div>Event: <a href='/events/df'>Digital Forvaltning 2026</a></div>"
     "<div>Digital transformation | Nordhavn</div><div>To dage med beslutningstagerne.</div>"
     "<div>16. &amp; 17. september 2026 | Gratis deltagelse</div></div>",
     [("Digital Forvaltning 2026", "Digital transformation", "Nordhavn",
       "To dage med beslutningstagerne.", "2026-09-16", "2026-09-17",
       "16. & 17. september 2026", "Gratis deltagelse", True,
       "https://www.computerworld.dk/events/df")]),
    ("event promo across a month boundary",
     "<div><p>Event: Nordic Cloud Days 2026</p><p>Infrastruktur | Online</p><p>To dage.</p>"
     "<p>30. september &amp; 1. oktober 2026 | Gratis deltagelse</p></div>",
     [("Nordic Cloud Days 2026", "Infrastruktur", "Online", "To dage.", "2026-09-30",
       "2026-10-01", "30. september & 1. oktober 2026", "Gratis deltagelse", True, None)]),
    ("event promo with a price",
     "<div><p>Event: Cloud Summit 2026</p><p>Infrastruktur | København</p><p>Mød driften.</p>"
     "<p>3. marts 2026 | Pris: 2.995 kr.</p></div>",
     [("Cloud Summit 2026", "Infrastruktur", "København", "Mød driften.", "2026-03-03",
       "2026-03-03", "3. marts 2026", "Pris: 2.995 kr.", False, None)]),
    ("event promo, label in its own element, separators without spaces",
     "<div><span class='label'>Event:</span><h3><a href='/events/ot'>OT Security Day 2026</a>"
     "</h3><div><span>Sikkerhed</span><span>|</span><span>Ballerup</span></div><p>Hør hvordan "
     "forsyningerne beskytter deres anlæg.</p><div><span>28. april 2026</span><span>|</span>"
     "<span>Gratis deltagelse</span></div></div>",
     [("OT Security Day 2026", "Sikkerhed", "Ballerup",
       "Hør hvordan forsyningerne beskytter deres anlæg.", "2026-04-28", "2026-04-28",
       "28. april 2026", "Gratis deltagelse", True,
       "https://www.computerworld.dk/events/ot")]),
    ("events block, category and location in spans without spaces",
     "<section><h2>Computerworld Events</h2>" + INTRO +
     "<div><p><span>Infrastruktur</span><span>|</span><span>Horsens</span></p>"
     "<h3>Datacenter Day 2026</h3><p>Få ny viden om køling.</p></div></section>",
     [("Datacenter Day 2026", "Infrastruktur", "Horsens", "Få ny viden om køling.", None,
       None, None, None, None, None)]),
    ("kommende events",
     "<div><h3>Kommende events</h3><h4><a href='/event/cs'>Cloud Summit, Aarhus: Sådan flytter "
     "du kritiske systemer</a></h4><p>Mød driftscheferne.</p><p>16. januar 2025 | <a "
     "href='/event/cs'>Læs mere</a></p><h4>Datadag 2025</h4><p>En dag om datastrategi.</p>"
     "<p>4. februar 2025 | Læs mere</p></div>",
     [("Cloud Summit, Aarhus: Sådan flytter du kritiske systemer", None, None,
       "Mød driftscheferne.", "2025-01-16", "2025-01-16", "16. januar 2025", None, None,
       "https://www.computerworld.dk/event/cs"),
      ("Datadag 2025", None, None, "En dag om datastrategi.", "2025-02-04", "2025-02-04",
       "4. februar 2025", None, None, None)]),
]


@pytest.mark.parametrize("widgets,expected", [pytest.param(w, e, id=i)
                                               for i, w, e in EVENT_CASES])
def test_events(widgets: str, expected: list[tuple[Any, ...]]) -> None:
    assert [event_row(e) for e in records(widgets, Event)] == expected


JOB_CASES: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    ("div triples with linked title",
     "<div><div>AL Nordbank A/S (tidligere Fælleskassen)</div><div><a href='https://job."
     "computerworld.dk/job/46631'>Security Consultant (GRC) – Cloud/OT</a></div>"
     "<div>Københavnsområdet</div></div><div><div>Forsvarsministeriets Materiel- og "
     "Indkøbsstyrelse</div><div>Netværksingeniør / Network Engineer - Datacenter til "
     "Forsvarsministeriets Materiel- og Indkøbsstyrelse</div><div>Region Sjælland</div></div>",
     [("AL Nordbank A/S (tidligere Fælleskassen)", "Security Consultant (GRC) – Cloud/OT",
       "Københavnsområdet", "https://job.computerworld.dk/job/46631"),
      ("Forsvarsministeriets Materiel- og Indkøbsstyrelse",
       "Netværksingeniør / Network Engineer - Datacenter til Forsvarsministeriets Materiel- og "
       "Indkøbsstyrelse", "Region Sjælland", None)]),
    ("card links with spans and no whitespace",
     "<div><a href='/job/1'><span>Paylund A/S</span><span>Lead Backend Engineer – Payments"
     "</span><span>Midtjylland</span></a><a href='/job/2'><span>Kjær &amp; Bøgh</span>"
     "<span>It-revisor</span><span>Nordjylland</span></a></div>",
     [("Paylund A/S", "Lead Backend Engineer – Payments", "Midtjylland",
       "https://www.computerworld.dk/job/1"),
      ("Kjær & Bøgh", "It-revisor", "Nordjylland", "https://www.computerworld.dk/job/2")]),
    ("br lines in one element",
     "<div>Nordvarme A/S<br><a href='/job/3'>Platform Engineer – Kubernetes</a><br>"
     "Syddanmark<br><br>Energinord Holding<br>It-driftschef, OT og infrastruktur<br>"
     "Nordjylland</div>",
     [("Nordvarme A/S", "Platform Engineer – Kubernetes", "Syddanmark",
       "https://www.computerworld.dk/job/3"),
      ("Energinord Holding", "It-driftschef, OT og infrastruktur", "Nordjylland", None)]),
]


@pytest.mark.parametrize("widgets,expected", [pytest.param(w, e, id=i)
                                               for i, w, e in JOB_CASES])
def test_job_ads(widgets: str, expected: list[tuple[Any, ...]]) -> None:
    found = records(widgets, JobAd)
    assert [(j.company, j.title, j.region, j.url) for j in found] == expected


SPONSORED_CASES: list[tuple[str, str, list[tuple[Any, ...]]]] = [
    ("fra sponsor",
     "<div><p>Annonceindlæg fra Kvantum Security</p><h3><a href='/annonce/k/backup'>Er din "
     "backup klar til det næste angreb?</a></h3><p>Tre ud af fire tester aldrig backuppen.</p>"
     "</div>",
     [("Kvantum Security", "Er din backup klar til det næste angreb?",
       "Tre ud af fire tester aldrig backuppen.",
       "https://www.computerworld.dk/annonce/k/backup")]),
    ("tema",
     "<div><span>Annonceindlæg tema</span><h3>Tema: Netværkssikkerhed</h3><p>Artikler fra en "
     "række leverandører.</p></div>",
     [(None, "Tema: Netværkssikkerhed", "Artikler fra en række leverandører.", None)]),
    ("one card link",
     "<a href='/annonce/b/fem'><span>Annonceindlæg fra Computerworld it-jobbank</span><span>Mød "
     "40 arbejdsgivere på karrieredagen</span><span>Tilmeld dig IKKE for sent.</span></a>",
     [("Computerworld it-jobbank", "Mød 40 arbejdsgivere på karrieredagen",
       "Tilmeld dig IKKE for sent.", "https://www.computerworld.dk/annonce/b/fem")]),
    ("label and sponsor in separate elements",
     "<div><div class='label'>Annonceindlæg fra</div><div class='sponsor'>Nordlys Data</div>"
     "<h3><a href='/annonce/nordlys/edge'>Sådan flytter du AI ud på kanten</a></h3>"
     "<p>Fem erfaringer fra danske produktionsvirksomheder.</p></div>",
     [("Nordlys Data", "Sådan flytter du AI ud på kanten",
       "Fem erfaringer fra danske produktionsvirksomheder.",
       "https://www.computerworld.dk/annonce/nordlys/edge")]),
]


@pytest.mark.parametrize("widgets,expected", [pytest.param(w, e, id=i)
                                               for i, w, e in SPONSORED_CASES])
def test_sponsored(widgets: str, expected: list[tuple[Any, ...]]) -> None:
    found = records(widgets, Sponsored)
    assert [(s.sponsor, s.title, s.teaser, s.url) for s in found] == expected


def test_widgets_never_reach_the_body_and_the_zone_ends_it() -> None:
    html = (f"<html><body>{ARTICLE[:-10]}<h2>Computerworld Events</h2>{INTRO}"
            "<p>Sikkerhed | Online</p><h3>Årets CISO 2026</h3><p>Program følger.</p>"
            "<p>Et afsnit efter widgetzonen er ikke brødtekst.</p></article></body></html>")
    found = parse_page(html, URL, FETCHED)
    assert found[0].body.startswith("Region Nordvest") and "CISO" not in found[0].body
    assert [e.title for e in found if isinstance(e, Event)] == ["Årets CISO 2026"]


def test_empty_known_widget_is_reported_as_drift() -> None:
    html = (f"<html><body>{ARTICLE}<aside><div><p>Annonceindlæg fra Kvantum</p></div>"
            "<h2>Kommende events</h2><p>Ingen events lige nu.</p></aside></body></html>")
    report = parse_page_report(html, URL, FETCHED)
    assert report.drift == ["empty_widget:sponsored", "empty_widget:events_upcoming"]


def test_soft_hyphens_and_zero_width_spaces_are_not_text() -> None:
    """A CMS hyphenating long Danish compounds puts &shy; into words; cues, ids and texts
    must read as without it."""
    html = ("<html><head><meta property='og:title' content='Region&#173;erne vælger ny "
            "plat&#173;form'></head><body><main><article><h1>Region&shy;erne vælger ny "
            "plat&shy;form</h1><p>Leaden er en hel sæt&shy;ning.</p><p>Region Nordvest har "
            "brugt tre år på at forberede ud&shy;buddet, og nu er der en&#8203;delig valgt en "
            "leverandør.</p><p>&shy;</p></article><aside><p>Annonce&shy;indlæg fra Kvantum "
            "Se&shy;curity</p><h3>Er din backup klar?</h3><p>Tre ud af fire tester aldrig "
            "backuppen.</p><div>Vest&shy;jysk Forsyning A/S</div><div>Senior Data Engineer</div>"
            "<div>Midt&shy;jylland</div></aside></main></body></html>")
    found = parse_page(html, URL, FETCHED)
    art = found[0]
    assert art.title == "Regionerne vælger ny platform"
    assert art.lead == "Leaden er en hel sætning."
    assert art.body == ("Region Nordvest har brugt tre år på at forberede udbuddet, og nu er "
                        "der endelig valgt en leverandør.")
    [ad] = [r for r in found if isinstance(r, Sponsored)]
    assert (ad.sponsor, ad.title) == ("Kvantum Security", "Er din backup klar?")
    [job] = [r for r in found if isinstance(r, JobAd)]
    assert (job.company, job.region) == ("Vestjysk Forsyning A/S", "Midtjylland")
    assert not any(c in r.to_json() for r in found for c in "\u00ad\u200b")


def test_event_label_alone_needs_an_event_after_it() -> None:
    """'Event:' alone is a cue only when a title and an event's details follow; a definition
    list in an article that starts with it is body text."""
    html = ("<html><body><article><h1>Regionen vælger ny platform</h1><p>Leaden er en hel "
            "sætning.</p><p>Region Nordvest har brugt tre år på at forberede udbuddet, og nu er "
            "der endelig valgt en leverandør.</p><dl><dt>Event:</dt><dd>Regionernes it-dag</dd>"
            "<dt>Sted:</dt><dd>Odense</dd></dl><p>Ifølge regionens it-direktør skal de første "
            "afdelinger tage systemet i brug i foråret.</p></article></body></html>")
    found = parse_page(html, URL, FETCHED)
    assert not [r for r in found if isinstance(r, Event)]
    assert "Regionernes it-dag" in found[0].body and found[0].body.endswith("i foråret.")


def test_event_label_alone_never_takes_a_detail_line_as_title() -> None:
    widgets = ("<div><span>Event:</span><div>Sikkerhed|Ballerup</div><p>Hør om OT-sikkerhed.</p>"
               "<div>28. april 2026 | Gratis deltagelse</div></div>")
    assert records(widgets, Event) == []


def test_unspaced_pipe_in_prose_is_no_category() -> None:
    widgets = ("<section><h2>Computerworld Events</h2>" + INTRO +
               "<div><p>Sikkerhed | Online</p><h3>OT Security Day</h3><p>Sådan sikrer du "
               "IT|OT-miljøet.</p></div><div><p>Infrastruktur | Aarhus</p><h3>Cloud Day</h3>"
               "<p>Mød driften.</p></div></section>")
    assert [(e.title, e.category, e.location, e.description)
            for e in records(widgets, Event)] == [
        ("OT Security Day", "Sikkerhed", "Online", "Sådan sikrer du IT|OT-miljøet."),
        ("Cloud Day", "Infrastruktur", "Aarhus", "Mød driften.")]


def test_a_menu_of_links_holds_no_sponsored_item_or_event() -> None:
    widgets = ("<div><p><a href='/om'>Om os</a></p><p><a href='/annonceindlaeg'>Annonceindlæg"
               "</a></p><p><a href='/kontakt'>Kontakt os her</a></p><p><a href='/events/cs'>"
               "Event: Cloud Summit</a></p><p><a href='/job'>Ledige job</a></p></div>")
    assert records(widgets, Sponsored) == [] and records(widgets, Event) == []


def test_sponsor_shown_as_a_logo() -> None:
    widgets = ("<div><div>Annonceindlæg fra</div><img src='/logo.png' alt=''><h3><a "
               "href='/annonce/x/y'>Er din backup klar?</a></h3><p>Tre ud af fire tester aldrig "
               "backuppen.</p></div>")
    assert [(s.sponsor, s.title, s.teaser) for s in records(widgets, Sponsored)] == [
        (None, "Er din backup klar?", "Tre ud af fire tester aldrig backuppen.")]



def test_event_title_may_hold_a_date() -> None:
    widgets = ("<div><span>Event:</span><h3><a href='/events/sd'>Security Day 28. april 2026</a>"
               "</h3><div>Sikkerhed | Ballerup</div><p>Hør om OT-sikkerhed.</p>"
               "<div>28. april 2026 | Gratis deltagelse</div></div>")
    assert [(e.title, e.category, e.start_date) for e in records(widgets, Event)] == [
        ("Security Day 28. april 2026", "Sikkerhed", "2026-04-28")]


@pytest.mark.parametrize("widgets", [
    "<a href='/annonce/77'><div>Annonceindlæg fra</div><div>Netcompany</div><h3>Fem råd om "
    "AI</h3><p>Sådan kommer du i gang.</p></a>",
    "<div><p>Annonceindlæg fra</p><p><a href='https://netcompany.example'>Netcompany</a></p>"
    "<h3>Fem råd om AI</h3><p>Sådan kommer du i gang.</p></div>",
], ids=["card link", "linked sponsor name"])
def test_sponsor_on_the_next_line(widgets: str) -> None:
    assert [(s.sponsor, s.title, s.teaser) for s in records(widgets, Sponsored)] == [
        ("Netcompany", "Fem råd om AI", "Sådan kommer du i gang.")]


def test_job_titles_may_ask_or_exclaim() -> None:
    widgets = ("<div><div>Klarbit A/S</div><div>Er du vores nye it-chef?</div><div>"
               "Københavnsområdet</div></div><div><div>Nordic Cloud Partners Inc.</div><div>Bliv "
               "en del af vores udviklingsteam!</div><div>Midtjylland</div></div>")
    assert [(j.company, j.title) for j in records(widgets, JobAd)] == [
        ("Klarbit A/S", "Er du vores nye it-chef?"),
        ("Nordic Cloud Partners Inc.", "Bliv en del af vores udviklingsteam!")]


def test_every_record_bearing_widget_kind_has_one_parser() -> None:
    """page.py looks each segment's parser up by its kind: the kinds that must yield records
    are exactly the kinds with a parser."""
    assert set(page_module.widget_parsers()) == RECORD_BEARING
