"""People news ("Navnenyt fra it-Danmark", field guide §16–17).

An entry is a paragraph ending in a label (``Nyt job``, ``Færdiggjort uddannelse``,
``Forfremmelse``, or an unknown trailing label), optionally followed by two footer lines (the
person, the organisation). Its first sentence follows one of three templates:

* ``<Org> har pr. <dato> ansat <Person>[, NN år,] som <Rolle> …`` (``new_job``)
* ``<Person>, <titel> hos <Org>, har pr. <dato> fuldført uddannelsen <U> på <I>[ via …].``
  (``completed_education``)
* ``<Person>, <gammel titel> hos <Org>, er pr. <dato> forfremmet til <ny titel>.``
  (``promotion``)

:func:`parse_people_entry` reads one entry's text; :func:`parse_people_block` finds the
entries in the lines of a Navnenyt widget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler import dates
from crawler.parsers.document import Line
from crawler.records import PeopleNews
from crawler.text import clean, clean_str

KNOWN_LABELS = {
    "Nyt job": "new_job",
    "Færdiggjort uddannelse": "completed_education",
    "Forfremmelse": "promotion",
}
_KNOWN_TAIL = re.compile(r"\s(?P<label>Nyt job|Færdiggjort uddannelse|Forfremmelse)$")
# An unknown label: a short capitalised tail after the last sentence's punctuation.
_UNKNOWN_TAIL = re.compile(r"[.!?)”\"]\s*(?P<label>[A-ZÆØÅ][a-zæøåA-ZÆØÅ -]{2,40})$")
_DATE = r"(?P<date>[0-3]?\d\.\s*[a-zæøå]+\.?\s+(?:19|20)\d\d)"
_PR = r"(?:pr\.\s*" + _DATE + r"\s+)?"

NEW_JOB = re.compile(
    r"^(?P<org>.+?) har " + _PR + r"ansat (?P<person>.+?)(?:,\s*(?P<age>\d{1,2}) år,)?\s+"
    r"som (?:(?:med )?)(?P<role>.+)$", re.DOTALL)
COMPLETED = re.compile(
    r"^(?P<person>[^,]+?), (?P<title>.+?) hos (?P<org>.+?), har " + _PR +
    r"fuldført (?:uddannelsen )?(?P<edu>.+?)(?: (?:på|ved|fra) (?P<inst>[^.]+?))?"
    r"(?: via [^.]+)?\.?$", re.DOTALL)
PROMOTED = re.compile(
    r"^(?P<person>[^,]+?), (?P<title>.+?) hos (?P<org>.+?), er " + _PR +
    r"forfremmet til (?P<role>.+?)\.?$", re.DOTALL)
PERSON_FIRST = re.compile(
    r"^(?P<person>[^,]+?), (?P<title>.+?) hos (?P<org>.+?), (?:har|er) " + _PR, re.DOTALL)

UNIT_QUALIFIER = re.compile(
    r"\s+i\s+(?:\S+\s+){0,4}?\S*(?:gruppe|team|afdeling|-gruppen|-teamet|-afdelingen|"
    r"gruppen|teamet|afdelingen)$", re.IGNORECASE)
OFFICE_QUALIFIER = re.compile(r"\s+ved\s+.+$")
OFFICE_TOWN = re.compile(r"(?:kontor|afdeling)\s+i\s+(?P<town>[A-ZÆØÅ][\wæøåÆØÅ-]*(?:\s+og\s+"
                         r"[A-ZÆØÅ][\wæøåÆØÅ-]*)?)")
TWO_OFFICES = re.compile(r"afd\.\s+(?P<a>[A-ZÆØÅ][\wæøå-]*)\s+og\s+afd\.\s+(?P<b>[A-ZÆØÅ][\wæøå-]*)")
PREVIOUS = re.compile(r"\bkommer fra en stilling som (?P<prev>.+?)\.(?:\s|$)")
DURATION = re.compile(r"\s+(?:gennem|i) de (?:seneste|sidste) \d+ år$")
EDUCATED = re.compile(r"\ber uddannet (?P<rest>.+?)\.(?:\s+[A-ZÆØÅ]|$)")
_SENTENCE_END = re.compile(r"(?<![A-ZÆØÅ])(?<!\b[a-zæøå])(?<!\bpr)(?<!\bca)(?<!\bafd)\.(?:\s+|$)")


@dataclass
class _Entry:
    text: str
    label: str
    url: str | None = None


def split_label(paragraph: str) -> tuple[str, str | None]:
    """(entry text, label) — the label is the paragraph's trailing known or unknown label."""
    text = clean_str(paragraph)
    m = _KNOWN_TAIL.search(text)
    if m:
        return text[:m.start()].strip(), m["label"]
    if text in KNOWN_LABELS:
        return "", text
    m = _UNKNOWN_TAIL.search(text)
    if m and len(text) > 40:
        return text[:m.start("label")].strip(), m["label"].strip()
    return text, None


def _first_sentence(text: str) -> str:
    """Text up to the first full stop that ends a sentence (not ``pr.``, ``afd.``, ``A/S.``)."""
    for m in re.finditer(r"\.(?=\s+(?:Han|Hun|[A-ZÆØÅ][a-zæøå]+ (?:skal|kommer|er|har))\b)", text):
        return text[:m.start()]
    return text.rstrip(".").rstrip()


def _strip_role(role: str) -> str:
    role = OFFICE_QUALIFIER.sub("", role)
    role = UNIT_QUALIFIER.sub("", role)
    return role.strip().rstrip(",").strip()


def parse_people_entry(text: str, label: str = "Nyt job", footer: tuple[str, ...] = (), *,
                       source_url: str = "", fetched_at: str = "1970-01-01T00:00:00Z",
                       url: str | None = None) -> PeopleNews:
    """One people-news record from an entry's text (without its label) and footer lines.

    Never raises on odd text: an entry that fits no template still becomes a record holding
    what could be read, with the warning ``people_news_unparsed``. A missing ``pr. <dato>``
    gives ``effective_date: null``.
    """
    text = clean_str(text)
    label = clean_str(label) or "Nyt job"
    kind = KNOWN_LABELS.get(label, "other")
    fields: dict[str, object] = {}
    warnings: list[str] = []
    first = _first_sentence(text)
    date_raw = None
    m_new = NEW_JOB.match(first)
    m_done = COMPLETED.match(first)
    m_prom = PROMOTED.match(first)
    if m_new:
        date_raw = m_new["date"]
        fields.update(person=clean(m_new["person"]), organization=clean(m_new["org"]),
                      age=int(m_new["age"]) if m_new["age"] else None)
        raw_role = clean_str(m_new["role"])
        fields["role"] = clean(_strip_role(raw_role))
        two = TWO_OFFICES.search(raw_role)
        town = OFFICE_TOWN.search(raw_role)
        if two:
            fields["location"] = f"{two['a']} og {two['b']}"
        elif town:
            fields["location"] = town["town"]
    elif m_prom:
        date_raw = m_prom["date"]
        fields.update(person=clean(m_prom["person"]), organization=clean(m_prom["org"]),
                      previous_role=clean(m_prom["title"]), role=clean(m_prom["role"]))
    elif m_done:
        date_raw = m_done["date"]
        fields.update(person=clean(m_done["person"]), organization=clean(m_done["org"]),
                      role=clean(m_done["title"]), education=clean(m_done["edu"]),
                      institution=clean(m_done["inst"]))
    else:
        m_any = PERSON_FIRST.match(first)
        if m_any:
            date_raw = m_any["date"]
            fields.update(person=clean(m_any["person"]), organization=clean(m_any["org"]),
                          role=clean(m_any["title"]))
        else:
            warnings.append("people_news_unparsed")
    if m_new:
        prev = PREVIOUS.search(text)
        if prev:
            prev_text = DURATION.sub("", prev["prev"].strip())
            role_part, hos, employer = prev_text.rpartition(" hos ") if " hos " in prev_text \
                else (prev_text, "", "")
            if hos:
                # "freelancer i eget firma og client manager hos A og B": role before the
                # last "hos" that is followed by the employer(s).
                first_hos = prev_text.find(" hos ")
                role_part, employer = prev_text[:first_hos], prev_text[first_hos + 5:]
            fields["previous_role"] = clean(role_part)
            fields["previous_employer"] = clean(employer) if hos else None
        edu = EDUCATED.search(text)
        if edu:
            fields.update(_education(edu["rest"]))
    effective = None
    if date_raw:
        day = dates.find_date(date_raw)
        effective = day.isoformat() if day else None
        if day is None:
            warnings.append("date_unparsed")
    person = fields.pop("person", None)
    footer_person = footer_org = None
    if len(footer) >= 2:
        footer_person, footer_org = clean(footer[0]), clean(footer[1])
    return PeopleNews(
        source_url=source_url, fetched_at=fetched_at, warnings=warnings, kind=kind,  # type: ignore[arg-type]
        label=label, person=person, text=text, effective_date=effective,  # type: ignore[arg-type]
        effective_date_raw=clean(date_raw), footer_person=footer_person,
        footer_organization=footer_org, url=url, **fields)  # type: ignore[arg-type]


def _education(rest: str) -> dict[str, str | None]:
    rest = re.split(r",? og videreuddanner sig\b|, der betyder\b", rest)[0].strip()
    rest = re.sub(r"^\(under uddannelse\)\s+som\s+", "", rest)
    m = re.match(r"^(?:på|fra|ved|hos) (?P<inst>.+?) og har en (?P<edu>.+)$", rest)
    if m:
        return {"education": clean(m["edu"]), "institution": clean(m["inst"])}
    m = re.match(r"^med en (?P<edu>.+)$", rest)
    if m:
        return {"education": clean(m["edu"]), "institution": None}
    m = re.match(r"^(?P<edu>.+?) (?:fra|på|ved|hos) (?P<inst>[A-ZÆØÅ].+)$", rest)
    if m:
        return {"education": clean(m["edu"]), "institution": clean(m["inst"])}
    return {"education": clean(rest), "institution": None}


def _entries(lines: list[Line]) -> list[tuple[_Entry, list[Line]]]:
    """Entries and the lines after each (candidate footers) from a block's lines."""
    found: list[tuple[_Entry, list[Line]]] = []
    pending: list[Line] = []
    for line in lines:
        text, label = split_label(line.text)
        if label is not None and not text and pending:
            # The label in its own element, right after the entry paragraph.
            body = " ".join(p.text for p in pending)
            found.append((_Entry(body, label, _url(pending)), []))
            pending = []
            continue
        if label is not None and text:
            body = " ".join([p.text for p in pending] + [text])
            found.append((_Entry(body, label, _url(pending + [line])), []))
            pending = []
            continue
        if found and len(found[-1][1]) < 2 and not pending:
            found[-1][1].append(line)
            continue
        pending.append(line)
    return found


def _url(lines: list[Line]) -> str | None:
    for line in lines:
        if line.url:
            return line.url
    return None


def parse_people_block(lines: list[Line], source_url: str, fetched_at: str) -> list[PeopleNews]:
    """Every entry of one Navnenyt block (``lines`` without the heading)."""
    records = []
    entries = _entries(lines)
    for n, (entry, after) in enumerate(entries):
        record = parse_people_entry(entry.text, entry.label, source_url=source_url,
                                    fetched_at=fetched_at, url=entry.url)
        if len(after) >= 2 and record.person and \
                clean_str(after[0].text).casefold() == record.person.casefold():
            record.footer_person, record.footer_organization = after[0].text, after[1].text
        records.append(record)
    return records
