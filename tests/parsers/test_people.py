"""People news: templates, quirks, blocks, dates, identity, and never-raising on odd text.

Case tables in the w3lib style: module-level lists of small inline entries with the fields
they must give. Known limitations are strict xfails, so a fix is noticed. Every person and
company is invented, in the sentence patterns of the site (docs/extraction-rules.md, Widgets:
People news).
"""

from __future__ import annotations

import doctest
from datetime import datetime
from typing import Any

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from crawler.devtools.fixtures import all_cases, parse_case
from crawler.normalize import dates
from crawler.normalize.text import clean_str
from crawler.parsers import page as page_module
from crawler.parsers import parse_page
from crawler.parsers.html.lines import Line
from crawler.parsers.widgets import people as people_module
from crawler.parsers.widgets.contract import WidgetContext
from crawler.parsers.widgets.people import (
    parse_people_block,
    parse_people_entry,
    parse_people_text,
    read_entries,
    split_label,
)
from crawler.parsers.widgets.people_templates import split_sentences
from crawler.records import PeopleNews
from crawler.records.schema import load_schema

CASES = all_cases()
FIXTURE_ENTRIES = [(r["text"], r["label"]) for case in CASES for r in case.expected
                   if r["record_type"] == "people_news"]
VALIDATOR = Draft202012Validator(load_schema("people_news"))


def fields_of(record: PeopleNews, expected: dict[str, Any]) -> dict[str, Any]:
    """The record's values of the fields named in ``expected`` (for a readable diff)."""
    return {name: getattr(record, name) for name in expected}


def params(table: list[Any]) -> list[Any]:
    """``("id", *values)`` rows → ``pytest.param(*values, id="id")``; params pass through."""
    return [row if hasattr(row, "marks") else pytest.param(*row[1:], id=row[0])
            for row in table]


def lines(*texts: str, url: str | None = None) -> list[Line]:
    return [Line(text=clean_str(t), tag="p", index=n, anchor=url if n == 0 else None)
            for n, t in enumerate(texts)]


# --- first sentence: new job -----------------------------------------------------------------

NEW_JOB_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("plain",
     "Østkyst Rent-A-Rack ApS har pr. 25. august 2025 ansat Henning Kaas som Key Account Manager.",
     {"person": "Henning Kaas", "organization": "Østkyst Rent-A-Rack ApS", "age": None,
      "role": "Key Account Manager", "effective_date": "2025-08-25",
      "effective_date_raw": "25. august 2025", "location": None, "warnings": []}),
    ("age with double space",
     "Fjordnet A/S har pr. 19. januar 2026 ansat Birgitte Kaalund, 55 år,  som Seniorkonsulent.",
     {"person": "Birgitte Kaalund", "age": 55, "role": "Seniorkonsulent"}),
    ("age with single space",
     "Holmegaard Energidata A/S har pr. 1. oktober 2025 ansat Karsten Møller, 47 år, som "
     "Chief Information Security Officer.",
     {"person": "Karsten Møller", "age": 47, "role": "Chief Information Security Officer"}),
    ("age in parentheses",
     "Norriq har pr. 1. februar 2026 ansat Michael Benner (41 år) som Architect.",
     {"person": "Michael Benner", "age": 41, "role": "Architect"}),
    ("age before the name",
     "Norriq har pr. 1. februar 2026 ansat den 41-årige Michael Benner som Architect.",
     {"person": "Michael Benner", "age": 41}),
    ("org with digits, comma, degree sign, parentheses; title with comma and &",
     "48,2° Syd (a Nordlys company) har pr. 3. november 2025 ansat Camilla Rytter, 41 år,  som "
     "Director, Sales & Alliances.",
     {"organization": "48,2° Syd (a Nordlys company)", "person": "Camilla Rytter", "age": 41,
      "role": "Director, Sales & Alliances"}),
    ("org and title with &",
     "Sølvbjerg & Kragh A/S har pr. 1. december 2025 ansat Jonas Brixen som Partner & CTO.",
     {"organization": "Sølvbjerg & Kragh A/S", "role": "Partner & CTO"}),
    ("lower-case org",
     "byteHjem har pr. 12. januar 2026 ansat Mads Thyregod som Supportkonsulent.",
     {"organization": "byteHjem", "person": "Mads Thyregod"}),
    ("unit qualifier '… gruppe' with possessive",
     "Tavlekode ApS har pr. 2. februar 2026 ansat Rasmus Ellehøj som Sales Executive i "
     "Tavlekodes DataOps gruppe.",
     {"role": "Sales Executive", "location": None}),
    ("unit qualifier '… team' after an org ending in -a",
     "Kodera har pr. 5. januar 2026 ansat Sofie Lindegaard som software engineer i Koderas "
     "Cloud team.",
     {"role": "software engineer"}),
    ("unit qualifier '-gruppen'",
     "Renholt Systems K/S har pr. 1. september 2025 ansat Emil Hvidberg som Datateknikerelev i "
     "LTS-gruppen.",
     {"role": "Datateknikerelev"}),
    ("unit qualifier '-afdelingen' with &",
     "Sundvik Consulting A/S har pr. 17. november 2025 ansat Rikke Holmboe som Data Engineer i "
     "Data & AI-afdelingen.",
     {"role": "Data Engineer"}),
    ("unit qualifier '-teamet'",
     "Tværkant Systems A/S har pr. 12. januar 2026 ansat Sofie Lykkegaard som Cloud Engineer i "
     "CloudOps-teamet.",
     {"role": "Cloud Engineer"}),
    ("office qualifier with apostrophe possessive",
     "Fjordnet A/S har pr. 19. januar 2026 ansat Birgitte Kaalund som Seniorkonsulent ved "
     "Fjordnet's kontor i Vejle.",
     {"role": "Seniorkonsulent", "location": "Vejle"}),
    ("office qualifier, possessive without apostrophe",
     "Polarkode ApS har pr. 2. februar 2026 ansat Jesper Thorsø som Senior Solution Architect "
     "ved Polarkodes kontor i Aalborg.",
     {"role": "Senior Solution Architect", "location": "Aalborg"}),
    ("'afdeling i X'",
     "byteHjem har pr. 12. januar 2026 ansat Mads Thyregod som Supportkonsulent ved byteHjem's "
     "afdeling i Rødekro.",
     {"role": "Supportkonsulent", "location": "Rødekro"}),
    ("two offices 'afd. X og afd. Y' (abbreviation dots inside the sentence)",
     "Kystlinje IT A/S har pr. 1. oktober 2025 ansat Nanna Friis som Datateknikerelev ved afd. "
     "Kolding og afd. Vejle. Hun er uddannet elektriker.",
     {"role": "Datateknikerelev", "location": "Kolding og Vejle", "education": "elektriker"}),
    ("in-sentence possessive spelled in another case than the subject",
     "Datalab A/S har pr. 27. oktober 2025 ansat Simon Aakjær som Netværkstekniker ved "
     "dataLAB's kontor i Horsens.",
     {"organization": "Datalab A/S", "role": "Netværkstekniker", "location": "Horsens"}),
    ("unit and office together",
     "netIP har pr. 20. januar 2026 ansat Darnell Olsen som Datateknikerelev i LTS-gruppen ved "
     "netIP's kontor i Herning.",
     {"organization": "netIP", "role": "Datateknikerelev", "location": "Herning"}),
    ("focus words stay in the role",
     "Brovig Consult har pr. 10. november 2025 ansat Peter Skovmose som it-konsulent med fokus "
     "på salg.",
     {"role": "it-konsulent med fokus på salg"}),
    ("unit qualifier before focus words",
     "Norriq har pr. 1. februar 2026 ansat Michael Benner som konsulent i salgsteamet med fokus "
     "på det offentlige.",
     {"role": "konsulent med fokus på det offentlige"}),
    ("office 'på kontoret i' with an abbreviated town",
     "Renholt har pr. 1. september 2025 ansat Emil Hvidberg som konsulent på kontoret i "
     "Kgs. Lyngby.",
     {"role": "konsulent", "location": "Kgs. Lyngby"}),
    ("title with a comma",
     "Brandt & Bering Advisory har pr. 5. januar 2026 ansat Julie Kronborg som Head of "
     "Delivery, Nordics. Julie skal især beskæftige sig med leverancer.",
     {"organization": "Brandt & Bering Advisory", "role": "Head of Delivery, Nordics"}),
    ("missing second sentences",
     "Kattegat Robotics ApS har pr. 20. oktober 2025 ansat Sara Winther som VP of Engineering.",
     {"role": "VP of Engineering", "previous_role": None, "previous_employer": None,
      "education": None, "institution": None, "warnings": []}),
    ("no date at all: null, no warning",
     "Østerbro Dataværksted har ansat Line Kjærsgaard som webmaster.",
     {"person": "Line Kjærsgaard", "role": "webmaster", "effective_date": None,
      "effective_date_raw": None, "warnings": []}),
    ("'per' and an abbreviated month",
     "Norriq Danmark A/S har per 1. feb. 2026 ansat Michael Benner som Senior Solution Architect.",
     {"effective_date": "2026-02-01", "effective_date_raw": "1. feb. 2026",
      "role": "Senior Solution Architect"}),
    ("no 'som': what can be read",
     "Norriq har pr. 1. februar 2026 ansat Michael Benner i en nyoprettet stilling.",
     {"person": "Michael Benner", "organization": "Norriq", "role": None,
      "effective_date": "2026-02-01", "warnings": []}),
    ("the template sentence after a greeting",
     "Velkommen til Vibeke Holt! Renholt har pr. 1. september 2025 ansat Vibeke Holt som "
     "supporter.",
     {"person": "Vibeke Holt", "organization": "Renholt", "role": "supporter"}),
    ("person-first new job (not seen on the site)",
     "Jens B. Hansen, 52 år, er pr. 1. marts 2026 ansat som CFO hos Nordlys A/S.",
     {"person": "Jens B. Hansen", "age": 52, "role": "CFO", "organization": "Nordlys A/S",
      "effective_date": "2026-03-01"}),
]


@pytest.mark.parametrize("text, expected", params(NEW_JOB_CASES))
def test_new_job(text: str, expected: dict[str, Any]) -> None:
    record = parse_people_entry(text, "Nyt job")
    assert record.kind == "new_job"
    assert fields_of(record, expected) == expected


# --- later sentences: previous job, education --------------------------------------------------

BASE = "Fjordnet A/S har pr. 19. januar 2026 ansat Birgitte Kaalund som Seniorkonsulent. "

PREVIOUS_CASES: list[tuple[str, str, str | None, str | None]] = [
    ("role and employer", "Hun kommer fra en stilling som it-arkitekt hos Trekantområdets "
     "Fællesdata.", "it-arkitekt", "Trekantområdets Fællesdata"),
    ("first name as subject", "Birgitte kommer fra en stilling som Partner Manager hos Sky & "
     "Signal ApS.", "Partner Manager", "Sky & Signal ApS"),
    ("no 'hos' → employer null", "Hun kommer fra en stilling som freelancekonsulent.",
     "freelancekonsulent", None),
    ("'som selvstændig gennem de seneste 3 år'", "Han kommer fra en stilling som selvstændig "
     "gennem de seneste 3 år.", "selvstændig", None),
    ("several roles and employers joined by 'og'", "Han kommer fra en stilling som freelancer i "
     "eget firma og client manager hos Nordlyd Media og Kampagnefabrikken A/S.",
     "freelancer i eget firma og client manager", "Nordlyd Media og Kampagnefabrikken A/S"),
    ("two employers joined by 'og'", "Hun kommer fra en stilling som BI-udvikler hos Fynske "
     "Mejerier og Odense Havneservice.", "BI-udvikler", "Fynske Mejerier og Odense Havneservice"),
    ("previous role with a comma", "Han kommer fra en stilling som Senior Client Partnership "
     "Director, Nordics hos Brightwell Analytics.", "Senior Client Partnership Director, Nordics",
     "Brightwell Analytics"),
    ("employer with &", "Han kommer fra en stilling som løsningsarkitekt hos Nordvind Data & AI.",
     "løsningsarkitekt", "Nordvind Data & AI"),
    ("'hos' only, relative clause dropped", "Han kommer senest fra en tilsvarende stilling hos "
     "Netcompany, hvor han var i 5 år.", None, "Netcompany"),
    ("duration before 'hos'", "Han kommer fra en stilling som udvikler i 5 år hos KMD.",
     "udvikler", "KMD"),
    ("'har tidligere beskæftiget sig med … hos A og B' is not read", "Birgitte har tidligere "
     "beskæftiget sig med salg af SaaS-løsninger hos Kontorly og Brevio A/S.", None, None),
]


@pytest.mark.parametrize("sentence, role, employer", params(PREVIOUS_CASES))
def test_previous_job(sentence: str, role: str | None, employer: str | None) -> None:
    record = parse_people_entry(BASE + sentence)
    assert (record.previous_role, record.previous_employer) == (role, employer)


EDUCATION_CASES: list[Any] = [
    ("fra", "Hun er uddannet datamatiker fra Erhvervsakademi Aarhus.", "datamatiker",
     "Erhvervsakademi Aarhus"),
    ("på", "Han er uddannet datamatiker på Zealand Erhvervsakademi.", "datamatiker",
     "Zealand Erhvervsakademi"),
    ("ved", "Hun er uddannet diplomingeniør ved Ingeniørhøjskolen Aarhus Universitet.",
     "diplomingeniør", "Ingeniørhøjskolen Aarhus Universitet"),
    ("hos", "Han er uddannet datamatiker hos Erhvervsakademi Kolding.", "datamatiker",
     "Erhvervsakademi Kolding"),
    ("degree with a comma", "Han er uddannet HD, Business Management på Copenhagen Business "
     "School.", "HD, Business Management", "Copenhagen Business School"),
    ("'på I og har en U'", "Hun er uddannet på CBS og har en BA i Kommunikation.",
     "BA i Kommunikation", "CBS"),
    ("'fra I og har en MSc. i Y'", "Hun er uddannet fra Aalborg Universitet og har en MSc. i "
     "International Business.", "MSc. i International Business", "Aalborg Universitet"),
    ("'med en Cand.merc. i Y'", "Han er uddannet med en Cand.merc. i Finansiering.",
     "Cand.merc. i Finansiering", None),
    ("'(under uddannelse) som'", "Hun er uddannet (under uddannelse) som datatekniker med "
     "speciale i infrastruktur.", "datatekniker med speciale i infrastruktur", None),
    ("trade only", "Han er uddannet elektriker.", "elektriker", None),
    ("'og videreuddanner sig nu til …' dropped", "Han er uddannet IT-supporter ved Vejle Kommune "
     "og videreuddanner sig nu til datatekniker.", "IT-supporter", "Vejle Kommune"),
    ("foreign degree with a gloss", "Hun er uddannet Magister informatyki, der betyder "
     "“kandidat i datalogi”.", "Magister informatyki", None),
    ("abbreviation dots", "Han er uddannet cand.scient. i datalogi fra Aarhus Universitet.",
     "cand.scient. i datalogi", "Aarhus Universitet"),
    ("degree ending the sentence with its own dot", "Han er uddannet cand.polit. Han har "
     "tidligere beskæftiget sig med revision.", "cand.polit.", None),
    ("year of graduation dropped", "Han er uddannet MSc. Economics fra CBS i 2010.",
     "MSc. Economics", "CBS"),
    ("lower-case institution head", "Han er uddannet datamatiker fra professionshøjskolen "
     "Absalon.", "datamatiker", "professionshøjskolen Absalon"),
    ("institution only", "Han er uddannet fra DTU.", None, "DTU"),
    # Lower-case words after "fra" are usually part of the degree ("fra bunden"); a lower-case
    # institution is trusted only when it is a school word in the definite form.
    ("lower-case institution", "Han er uddannet datamatiker fra it-akademiet i Vejle.",
     "datamatiker", "it-akademiet i Vejle"),
    ("lower-case school word", "Hun er uddannet lærer fra seminariet i Jelling.", "lærer",
     "seminariet i Jelling"),
    ("lower-case university", "Han er uddannet cand.scient. fra universitetet i Aalborg.",
     "cand.scient.", "universitetet i Aalborg"),
    ("lower-case words that are no school", "Han er uddannet programmør fra bunden.",
     "programmør fra bunden", None),
    ("lower-case compound school", "Hun er uddannet kok fra hotel- og restaurantskolen i "
     "Valby.", "kok", "hotel- og restaurantskolen i Valby"),
    ("lower-case institute", "Han er uddannet cand.polyt. fra instituttet for datalogi.",
     "cand.polyt.", "instituttet for datalogi"),
    ("lower-case gymnasium", "Hun er uddannet student fra handelsgymnasiet i Vejle.", "student",
     "handelsgymnasiet i Vejle"),
    ("'skolen' alone is too vague", "Han er uddannet lærer fra skolen for livet.",
     "lærer fra skolen for livet", None),
]


@pytest.mark.parametrize("sentence, education, institution", params(EDUCATION_CASES))
def test_education(sentence: str, education: str | None, institution: str | None) -> None:
    record = parse_people_entry(BASE + sentence)
    assert (record.education, record.institution) == (education, institution)


# --- person-first templates, other labels, unparsed entries ------------------------------------

PERSON_FIRST_CASES: list[Any] = [
    ("completed education with 'via', employer with commas",
     "Lærke Bundgaard, teknisk projektejer og arkitekt hos Styrelsen for Havne, Fiskeri og "
     "Kystdata, Grønland, har pr. 16. januar 2026 fuldført uddannelsen Master i it, linjen i "
     "organisation på Aarhus Universitet via It-vest-samarbejdet.", "Færdiggjort uddannelse",
     {"kind": "completed_education", "person": "Lærke Bundgaard",
      "role": "teknisk projektejer og arkitekt",
      "organization": "Styrelsen for Havne, Fiskeri og Kystdata, Grønland",
      "education": "Master i it, linjen i organisation", "institution": "Aarhus Universitet",
      "effective_date": "2026-01-16", "previous_role": None, "location": None,
      "warnings": []}),
    ("completed education without 'via', English title",
     "Pernille Dahlin, Product Owner hos Aabenraa Forsyning, har pr. 12. december 2025 "
     "fuldført uddannelsen Master i informationssikkerhed på Aalborg Universitet.",
     "Færdiggjort uddannelse",
     {"role": "Product Owner", "organization": "Aabenraa Forsyning",
      "education": "Master i informationssikkerhed", "institution": "Aalborg Universitet"}),
    ("completed education, other verb",
     "Tine Fogh, it-projektleder hos Esbjerg Havn, har pr. 25. august 2025 gennemført en master "
     "i softwarekonstruktion på Syddansk Universitet.", "Færdiggjort uddannelse",
     {"education": "master i softwarekonstruktion", "institution": "Syddansk Universitet",
      "effective_date": "2025-08-25"}),
    ("promotion: old title with comma and &, new title with abbreviation",
     "Henriette Vadgaard, Director, Privacy & Compliance hos Kvantefjord A/S, er pr. 1. februar "
     "2026 forfremmet til Chief Compliance Officer (CCO). Hun skal fremover især beskæftige sig "
     "med risikostyring.", "Forfremmelse",
     {"kind": "promotion", "person": "Henriette Vadgaard",
      "previous_role": "Director, Privacy & Compliance", "organization": "Kvantefjord A/S",
      "role": "Chief Compliance Officer (CCO)", "previous_employer": None,
      "effective_date": "2026-02-01", "effective_date_raw": "1. februar 2026"}),
    ("promotion with 'blevet'",
     "Signe Obel, Senior Manager, Data & Analytics hos Revisorhuset Vestjylland, er pr. 1. "
     "december 2025 blevet forfremmet til Chief Data Officer (CDO).", "Forfremmelse",
     {"role": "Chief Data Officer (CDO)", "previous_role": "Senior Manager, Data & Analytics",
      "effective_date": "2025-12-01", "effective_date_raw": "1. december 2025"}),
    ("company-first promotion (not seen on the site)",
     "Kvantefjord A/S har pr. 1. februar 2026 forfremmet Henriette Vadgaard til Chief "
     "Compliance Officer (CCO).", "Forfremmelse",
     {"person": "Henriette Vadgaard", "organization": "Kvantefjord A/S",
      "role": "Chief Compliance Officer (CCO)", "previous_role": None}),
    ("unknown label → other, label kept, person-first apposition read",
     "Annette Holmsgaard, driftschef hos Limfjordens Datacenter A/S, har pr. 1. februar 2026 "
     "været ansat i 25 år.", "Jubilæum",
     {"kind": "other", "label": "Jubilæum", "person": "Annette Holmsgaard",
      "role": "driftschef", "organization": "Limfjordens Datacenter A/S",
      "effective_date": "2026-02-01", "warnings": []}),
    ("unknown label on a company-first sentence",
     "Signalhus ApS har pr. 15. september 2025 ansat Kristoffer Damsgaard som CCO.",
     "Ny medarbejder",
     {"kind": "other", "label": "Ny medarbejder", "person": "Kristoffer Damsgaard",
      "role": "CCO"}),
    ("fits no template: kept with a warning",
     "Velkommen til Vibeke Holt i supportteamet! Vi glæder os over at have fået endnu en "
     "erfaren kollega med om bord.", "Nyt job",
     {"kind": "new_job", "label": "Nyt job", "person": None, "organization": None,
      "role": None, "effective_date": None, "warnings": ["people_news_unparsed"],
      "text": "Velkommen til Vibeke Holt i supportteamet! Vi glæder os over at have fået endnu "
              "en erfaren kollega med om bord."}),
    ("empty text", "", "Nyt job", {"text": "", "warnings": ["people_news_unparsed"]}),
]


@pytest.mark.parametrize("text, label, expected", params(PERSON_FIRST_CASES))
def test_person_first_and_other(text: str, label: str, expected: dict[str, Any]) -> None:
    assert fields_of(parse_people_entry(text, label), expected) == expected


# --- dates ---------------------------------------------------------------------------------------

DATE_CASES: list[Any] = [
    ("standard", "pr. 2. februar 2026", "2026-02-02", "2. februar 2026", []),
    ("no leading zero, december", "pr. 1. december 2025", "2025-12-01", "1. december 2025", []),
    ("missing date", "", None, None, []),
    ("impossible date keeps its text", "pr. 31. februar 2026", None, "31. februar 2026",
     ["date_unparsed"]),
    ("no digits", "pr. dags dato", None, "dags dato", ["date_unparsed"]),
]


@pytest.mark.parametrize("when, day, raw, warnings", params(DATE_CASES))
def test_effective_date(when: str, day: str | None, raw: str | None,
                        warnings: list[str]) -> None:
    text = f"Norriq har {when} ansat Michael Benner som Architect.".replace("  ", " ")
    record = parse_people_entry(text)
    assert (record.effective_date, record.effective_date_raw, record.warnings) == \
        (day, raw, warnings)


def test_standard_dates_never_call_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(text: str) -> None:
        raise AssertionError(f"dateparser called for {text!r}")

    monkeypatch.setattr(dates, "_dateparser_cached", explode)
    before = dates.dateparser_calls
    for text, label in FIXTURE_ENTRIES:
        parse_people_entry(text, label)
    blocks: list[int] = []

    def block_reader(*args: Any, **kwargs: Any) -> list[PeopleNews]:
        calls = dates.dateparser_calls
        records = parse_people_block(*args, **kwargs)
        assert dates.dateparser_calls == calls
        blocks.append(len(records))
        return records

    monkeypatch.setattr(page_module, "parse_people_block", block_reader)
    for case in CASES:  # the block reader on every fixture page's Navnenyt block
        if any(r["record_type"] == "people_news" for r in case.expected):
            parse_page(case.html, case.url, case.fetched_at)
    assert sum(blocks) == len(FIXTURE_ENTRIES)
    parse_people_entry("Norriq har pr. 31. februar 2026 ansat Michael Benner som Architect.")
    assert dates.dateparser_calls == before


def test_unusual_date_phrasing_falls_back_to_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "_dateparser_cached", lambda text: datetime(2026, 2, 1))
    before = dates.dateparser_calls
    record = parse_people_entry("Norriq har pr. 1/2 2026 ansat Michael Benner som Architect.")
    assert dates.dateparser_calls == before + 1
    assert (record.effective_date, record.effective_date_raw) == ("2026-02-01", "1/2 2026")


# --- labels, sentences, the public entry function --------------------------------------------

LABEL_CASES: list[Any] = [
    ("trailing known label", "Han er uddannet elektriker. Nyt job",
     ("Han er uddannet elektriker.", "Nyt job")),
    ("stray punctuation before the label", "kundeservice og tjenerfaget,. Nyt job",
     ("kundeservice og tjenerfaget,.", "Nyt job")),
    ("label alone (own element)", "  Færdiggjort uddannelse ", ("", "Færdiggjort uddannelse")),
    ("promotion label", "til Chief Technology Officer (CTO). Forfremmelse",
     ("til Chief Technology Officer (CTO).", "Forfremmelse")),
    ("unknown label", "har pr. 1. februar 2026 været ansat i 25 år. Jubilæum",
     ("har pr. 1. februar 2026 været ansat i 25 år.", "Jubilæum")),
    ("unknown label of three words", "i bestyrelsen for Vestkyst A/S. Ny i bestyrelse",
     ("i bestyrelsen for Vestkyst A/S.", "Ny i bestyrelse")),
    ("a cut-off sentence is no label", "som Account Manager. Hun kommer fra",
     ("som Account Manager. Hun kommer fra", None)),
    ("no label", "Copyright © 2026 Computerworld Danmark",
     ("Copyright © 2026 Computerworld Danmark", None)),
    ("sentence without label", "Han er uddannet elektriker.",
     ("Han er uddannet elektriker.", None)),
]


@pytest.mark.parametrize("paragraph, expected", params(LABEL_CASES))
def test_split_label(paragraph: str, expected: tuple[str, str | None]) -> None:
    assert split_label(paragraph) == expected


SENTENCE_CASES: list[Any] = [
    ("abbreviations inside", "X har pr. 1. oktober 2025 ansat Y som Z ved afd. Kolding og afd. "
     "Vejle. Hun er uddannet cand.merc. i IT. Nyt job",
     ["X har pr. 1. oktober 2025 ansat Y som Z ved afd. Kolding og afd. Vejle.",
      "Hun er uddannet cand.merc. i IT.", "Nyt job"]),
    ("initials", "Jens B. Hansen har ansat Y som Z. Han kommer fra KMD.",
     ["Jens B. Hansen har ansat Y som Z.", "Han kommer fra KMD."]),
    ("first name after an abbreviation", "som CFO hos Nordlys A/S. Jens skal især lede.",
     ["som CFO hos Nordlys A/S.", "Jens skal især lede."]),
    ("exclamation", "Velkommen! Vi glæder os.", ["Velkommen!", "Vi glæder os."]),
]


@pytest.mark.parametrize("text, expected", params(SENTENCE_CASES))
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_whole_entry_with_quirks() -> None:
    """Age with double space, office qualifier, 'med med', previous job, education."""
    record = parse_people_entry(
        "Fjordnet A/S har pr. 19. januar 2026 ansat Birgitte Kaalund, 55 år,  som "
        "Seniorkonsulent ved Fjordnet's kontor i Vejle. Hun skal især beskæftige sig med med "
        "rådgivning om netværkssikkerhed. Hun kommer fra en stilling som it-arkitekt hos "
        "Trekantområdets Fællesdata. Hun er uddannet datamatiker fra Erhvervsakademi Aarhus.",
        "Nyt job", ("Birgitte Kaalund", "Fjordnet A/S"),
        source_url="https://www.computerworld.dk/art/1/x", fetched_at="2026-02-03T10:00:00Z")
    assert record.to_dict() | {"record_id": "", "parser_version": ""} == {
        "record_type": "people_news", "record_id": "", "parser_version": "",
        "source_url": "https://www.computerworld.dk/art/1/x",
        "fetched_at": "2026-02-03T10:00:00Z", "warnings": [], "kind": "new_job",
        "label": "Nyt job", "person": "Birgitte Kaalund", "age": 55,
        "organization": "Fjordnet A/S", "role": "Seniorkonsulent",
        "effective_date": "2026-01-19", "effective_date_raw": "19. januar 2026",
        "location": "Vejle", "previous_role": "it-arkitekt",
        "previous_employer": "Trekantområdets Fællesdata", "education": "datamatiker",
        "institution": "Erhvervsakademi Aarhus",
        "text": "Fjordnet A/S har pr. 19. januar 2026 ansat Birgitte Kaalund, 55 år, som "
                "Seniorkonsulent ved Fjordnet's kontor i Vejle. Hun skal især beskæftige sig "
                "med med rådgivning om netværkssikkerhed. Hun kommer fra en stilling som "
                "it-arkitekt hos Trekantområdets Fællesdata. Hun er uddannet datamatiker fra "
                "Erhvervsakademi Aarhus.",
        "footer_person": "Birgitte Kaalund", "footer_organization": "Fjordnet A/S", "url": None}


ENTRY_OPTION_CASES: list[Any] = [
    ("printed label wins over the default",
     ("Kvantefjord A/S har pr. 1. februar 2026 forfremmet Henriette Vadgaard til CCO. "
      "Forfremmelse",), {},
     {"label": "Forfremmelse", "kind": "promotion",
      "text": "Kvantefjord A/S har pr. 1. februar 2026 forfremmet Henriette Vadgaard til CCO."}),
    ("footer taken when its first line is the person (case-insensitive)",
     ("Signalhus ApS har ansat Kristoffer Damsgaard som CCO.", "Nyt job",
      ("KRISTOFFER  DAMSGAARD", "Signalhus ApS")), {},
     {"footer_person": "KRISTOFFER DAMSGAARD", "footer_organization": "Signalhus ApS"}),
    ("footer of another person ignored",
     ("Signalhus ApS har ansat Kristoffer Damsgaard som CCO.", "Nyt job",
      ("Ida Vesterlund", "Grenaa Software Group A/S")), {},
     {"footer_person": None, "footer_organization": None}),
    ("a lone footer line",
     ("Signalhus ApS har ansat Kristoffer Damsgaard som CCO.", "Nyt job",
      ("Kristoffer Damsgaard",)), {},
     {"footer_person": "Kristoffer Damsgaard", "footer_organization": None}),
    ("url and provenance passed through",
     ("Signalhus ApS har ansat Kristoffer Damsgaard som CCO.",),
     {"url": "https://www.computerworld.dk/navnenyt/1", "source_url": "https://x.dk/art/1"},
     {"url": "https://www.computerworld.dk/navnenyt/1", "source_url": "https://x.dk/art/1"}),
    ("empty label falls back to 'Nyt job'",
     ("Signalhus ApS har ansat Kristoffer Damsgaard som CCO.", " "), {},
     {"label": "Nyt job", "kind": "new_job"}),
]


@pytest.mark.parametrize("args, kwargs, expected", params(ENTRY_OPTION_CASES))
def test_parse_people_entry_options(args: tuple[Any, ...], kwargs: dict[str, Any],
                                    expected: dict[str, Any]) -> None:
    assert fields_of(parse_people_entry(*args, **kwargs), expected) == expected


def test_parse_people_entry_docstring_example() -> None:
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner()
    for test in finder.find(people_module.parse_people_entry, "parse_people_entry",
                            globs={"parse_people_entry": parse_people_entry}):
        runner.run(test)
    assert runner.failures == 0 and runner.tries > 0


# --- blocks: finding entries in a widget's lines ------------------------------------------------

E_A = "Tavlekode ApS har pr. 2. februar 2026 ansat Rasmus Ellehøj som Sales Executive."
E_B = ("Brovig Consult har pr. 10. november 2025 ansat Peter Skovmose som it-konsulent med fokus "
       "på salg.")
E_C = ("Mikkel Aagaard, Product Owner hos Trafikdata Danmark, har pr. 8. december 2025 fuldført "
       "uddannelsen Master i it, linjen i softwarekonstruktion på Syddansk Universitet via "
       "It-vest-samarbejdet.")
U = ("Velkommen til Vibeke Holt i supportteamet! Vi glæder os over at have fået endnu en "
     "erfaren kollega med om bord.")
A_WITH_FOOTER: dict[str, Any] = {"text": E_A, "person": "Rasmus Ellehøj",
                                 "footer_person": "Rasmus Ellehøj",
                                 "footer_organization": "Tavlekode ApS", "warnings": []}
B_NO_FOOTER: dict[str, Any] = {"text": E_B, "person": "Peter Skovmose", "footer_person": None,
               "footer_organization": None, "warnings": []}
C_WITH_FOOTER: dict[str, Any] = {"text": E_C, "kind": "completed_education",
                                 "person": "Mikkel Aagaard", "footer_person": "Mikkel Aagaard",
                                 "footer_organization": "Trafikdata Danmark"}

BLOCK_CASES: list[Any] = [
    ("footers, and a footer-less entry followed on the very next line",
     [f"{E_A} Nyt job", "Rasmus Ellehøj", "Tavlekode ApS", f"{E_B} Nyt job",
      f"{E_C} Færdiggjort uddannelse", "Mikkel Aagaard", "Trafikdata Danmark"],
     [A_WITH_FOOTER, B_NO_FOOTER, C_WITH_FOOTER]),
    ("label in its own block element",
     [E_A, "Nyt job", "Rasmus Ellehøj", "Tavlekode ApS", E_B, "Nyt job"],
     [A_WITH_FOOTER | {"label": "Nyt job"}, B_NO_FOOTER]),
    ("an entry wrapped over two lines",
     ["Tavlekode ApS har pr. 2. februar 2026 ansat Rasmus Ellehøj", "som Sales Executive. Nyt job",
      "Rasmus Ellehøj", "Tavlekode ApS"],
     [A_WITH_FOOTER | {"role": "Sales Executive"}]),
    ("several entries run together in one line, footers peeled off",
     [f"{E_A} Nyt job Rasmus Ellehøj Tavlekode ApS {E_B} Nyt job {E_C} Færdiggjort uddannelse "
      "Mikkel Aagaard Trafikdata Danmark"],
     [A_WITH_FOOTER, B_NO_FOOTER, C_WITH_FOOTER]),
    ("a footer of somebody else is left alone",
     [f"{E_A} Nyt job", "Ida Vesterlund", "Grenaa Software Group A/S", f"{E_B} Nyt job"],
     [{"text": E_A, "footer_person": None}, B_NO_FOOTER]),
    ("lines around the entries are skipped",
     ["Se alle navnenyt", f"{E_A} Nyt job", "Rasmus Ellehøj", "Tavlekode ApS",
      "Indsend dit navnenyt her"],
     [A_WITH_FOOTER]),
    ("an unparsed entry is kept, and its footer is not glued to the next entry",
     [f"{U} Nyt job", "Vibeke Holt", "Supportfirma ApS", f"{E_B} Nyt job"],
     [{"text": U, "person": None, "warnings": ["people_news_unparsed"]}, B_NO_FOOTER]),
    ("an entry that lost its label still becomes a record",
     [f"{E_A} Nyt job", E_B, f"{E_C} Færdiggjort uddannelse"],
     [{"text": E_A}, {"text": E_B, "label": "Nyt job", "kind": "new_job",
                      "warnings": ["people_news_label_missing"]}, {"text": E_C}]),
    ("an entry cut off at the end (stored text copy)",
     [f"{E_A} Nyt job", "Blåvand Rent-A-Server A/S har pr. 14. januar 2026 ansat Maja "
      "Eskildsen som Account"],
     [{"text": E_A}, {"person": "Maja Eskildsen", "role": "Account", "label": "Nyt job",
                      "warnings": ["people_news_label_missing", "truncated"]}]),
    ("a first name after the template sentence is no label",
     [f"{E_A} Rasmus"],
     [{"text": f"{E_A} Rasmus", "label": "Nyt job", "person": "Rasmus Ellehøj",
       "warnings": ["people_news_label_missing", "truncated"]}]),
    ("an unknown label is believed when the sentence fits a template",
     ["Annette Holmsgaard, driftschef hos Limfjordens Datacenter A/S, har pr. 1. februar 2026 "
      "været ansat i 25 år. Jubilæum", "Annette Holmsgaard", "Limfjordens Datacenter A/S"],
     [{"kind": "other", "label": "Jubilæum", "person": "Annette Holmsgaard",
       "footer_organization": "Limfjordens Datacenter A/S"}]),
    ("… and not otherwise",
     ["Alle rettigheder forbeholdes. Computerworld Danmark", "Kontakt os. Tip Redaktionen"], []),
    ("a label with nothing before it is ignored", ["Nyt job", f"{E_A} Nyt job"], [{"text": E_A}]),
    ("a quoted label inside a sentence does not end the entry",
     ['Tavlekode ApS har ansat Rasmus Ellehøj som leder af kampagnen "Nyt job i it". Nyt job'],
     [{"role": 'leder af kampagnen "Nyt job i it"', "label": "Nyt job"}]),
]


@pytest.mark.parametrize("texts, expected", params(BLOCK_CASES))
def test_block(texts: list[str], expected: list[dict[str, Any]]) -> None:
    records = read_entries(lines(*texts), WidgetContext("https://www.computerworld.dk/art/1",
                                                        "2026-02-03T10:00:00Z"))
    assert [fields_of(r, e) for r, e in zip(records, expected)] == expected
    assert len(records) == len(expected)


def test_block_entry_link_becomes_url() -> None:
    url = "https://www.computerworld.dk/navnenyt/74213"
    [record] = read_entries(lines(f"{E_A} Nyt job", url=url),
                            WidgetContext("", "2026-02-03T10:00:00Z"))
    assert record.url == url


def test_text_copy_with_indentation_under_laeses_lige_nu() -> None:
    text = ("Læses lige nu\n    Navnenyt fra it-Danmark\n\n"
            f"    {E_A} Nyt job\n\n    Rasmus Ellehøj\n\n    Tavlekode ApS\n\n"
            f"    {E_B} Nyt job\n    {E_C} Færdiggjort uddannelse\n\n    Mikkel Aagaard\n\n"
            "    Trafikdata Danmark\n\nComputerworld Events\nInfrastruktur | Horsens\n")
    expected = [A_WITH_FOOTER, B_NO_FOOTER, C_WITH_FOOTER]
    records = parse_people_text(text)
    assert [fields_of(r, e) for r, e in zip(records, expected)] == expected
    assert len(records) == 3


# --- fixtures: the text path, identity, schema ------------------------------------------------

def _case(name: str) -> Any:
    return next(case for case in CASES if case.name == name)


def test_people_preformatted_text_copy_gives_every_expected_field() -> None:
    """The ``Læses lige nu`` block of people_preformatted read as plain text (its
    pre-formatted div)."""
    from crawler.devtools.accuracy import case_mismatches

    case = _case("people_preformatted")
    root = lxml.html.document_fromstring(case.html.decode("utf-8"))
    [div] = root.xpath('//div[@class="most-read__text"]')
    records = [r.to_dict() for r in parse_people_text(div.text_content(), case.url,
                                                      case.fetched_at)]
    problems = [str(p) for _, _, found in case_mismatches(case, records) for p in found]
    assert not problems, "\n".join(problems)
    assert len(records) == 9


def test_same_entry_on_two_pages_has_one_record_id() -> None:
    def troels(name: str) -> PeopleNews:
        case = _case(name)
        found = [r for r in parse_page(case.html, case.url, case.fetched_at)
                 if isinstance(r, PeopleNews) and r.person == "Troels Nymann"]
        assert len(found) == 1, f"{name}: {len(found)} Troels Nymann records"
        return found[0]

    on_1, on_4 = troels("people_paragraphs"), troels("people_cards")
    assert on_1.source_url != on_4.source_url
    assert on_1.record_id == on_4.record_id
    others = {r.record_id for r in parse_page(_case("people_paragraphs").html,
                                               _case("people_paragraphs").url,
                                               "2026-02-03T10:00:00Z")
              if isinstance(r, PeopleNews) and r.person != "Troels Nymann"}
    assert on_1.record_id not in others


@pytest.mark.parametrize("case", [c for c in CASES if any(
    r["record_type"] == "people_news" for r in c.expected)], ids=lambda c: c.name)
def test_fixture_people_records_are_schema_valid(case: Any) -> None:
    for record in parse_case(case):
        if record["record_type"] == "people_news":
            VALIDATOR.validate(record)


# --- properties: odd text never raises and always gives schema-valid records -----------------

LABELS = [*people_module.KNOWN_LABELS, "Jubilæum", "Ny i bestyrelse", ""]
DANISH = ("abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789"
          "     .,;:!?()&°/-'’“”\"\n\t\xa0")
WORDS = ("har pr. per ansat som hos er uddannet fra på ved kommer en stilling forfremmet til "
         "fuldført uddannelsen via Han Hun år, år 55 2. 31. februar 2026 A/S ApS i gruppe team "
         "kontor afd. og med med fokus der betyder “ ” ( ) , . Nyt job Forfremmelse "
         "Færdiggjort "
         "Jubilæum Rasmus Ellehøj Fjordnet Kgs. cand.merc. MSc. selvstændig gennem de seneste 3 "
         "tidligere beskæftiget sig skal især").split()
PUNCTUATION = [".", ",", ";", ":", "!", "?", "(", ")", "“", "”", "-", " ", "  ", "\n", "", ". "]

random_text = st.one_of(st.text(alphabet=DANISH, max_size=300),
                        st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
entries = st.sampled_from([f"{text} {label}" for text, label in FIXTURE_ENTRIES])
truncated = entries.flatmap(lambda e: st.integers(0, len(e)).map(lambda n: e[:n]))


def _mutate(text: str, edits: list[tuple[int, str]]) -> str:
    for position, replacement in sorted(edits, reverse=True):
        position %= len(text) + 1
        hit = position < len(text) and not text[position].isalnum()
        text = text[:position] + replacement + text[position + hit:]
    return text


mutated = st.builds(_mutate, entries, st.lists(
    st.tuples(st.integers(0, 2000), st.sampled_from(PUNCTUATION)), max_size=10))
any_entry = st.one_of(random_text, truncated, mutated)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


def _valid(record: PeopleNews) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(record.to_dict())]
    assert not errors, errors


@PROPERTY_SETTINGS
@given(text=any_entry, label=st.one_of(st.sampled_from(LABELS), random_text),
       footer=st.lists(st.one_of(st.sampled_from(["Rasmus Ellehøj", "Fjordnet A/S"]),
                                 random_text), max_size=3).map(tuple))
def test_entry_never_raises(text: str, label: str, footer: tuple[str, ...]) -> None:
    _valid(parse_people_entry(text, label, footer))


@PROPERTY_SETTINGS
@given(texts=st.lists(st.one_of(any_entry, st.sampled_from(LABELS[:3]),
                                st.sampled_from(["Rasmus Ellehøj", "Tavlekode ApS"])),
                      max_size=8))
def test_block_never_raises_nor_drops_a_labelled_entry(texts: list[str]) -> None:
    block = [line for line in lines(*texts) if line.text]
    records = read_entries(block, WidgetContext("", "2026-02-03T10:00:00Z"))
    for record in records:
        _valid(record)
    labelled = sum(1 for line in block
                   for body, label in [split_label(line.text)]
                   if body and label in people_module.KNOWN_LABELS)
    assert len(records) >= labelled


@PROPERTY_SETTINGS
@given(text=st.lists(any_entry, max_size=6).map("\n\n    ".join))
def test_text_copy_never_raises(text: str) -> None:
    for record in parse_people_text(text):
        _valid(record)
