"""Events, job ads and sponsored items of the widget zone (field guide §11–15).

Each parser gets one :class:`~crawler.parsers.widgets.segments.Segment` (its cue line first):

* ``Computerworld Events``: every ``<Kategori> | <Sted>`` line opens an event whose title is the
  next line and whose description the line after (unless that is the next ``… | …`` line or
  ``Se alle vores events …``). The intro sentence and the four ``Ekspertindsigt –`` lines are
  no events. No dates, no price.
* ``Event: <titel>`` (or ``Event:`` alone, the title on the next line): then ``<Kategori> |
  <Sted>``, a description and ``<dato> | <pris>`` in any order among the next five lines;
  ``Gratis deltagelse`` → ``is_free: true``, any other price text → ``false``.
* ``Kommende events``: title, description lines, ``<dato> | Læs mere`` (a link label, not a
  price: ``price_raw``/``is_free`` null).
* Dates: ``28. april 2026``; two-day ``16. & 17. september 2026`` (also ``og``, ``-``, ``–``).
* Job ads: (company, title, region) triples, verbatim; the link of the title, else of the card.
* ``Annonceindlæg fra <Sponsor>`` (or ``Annonceindlæg fra`` alone, the sponsor on the next line
  unless that line is the headline — a heading or a link — when the sponsor is a logo and
  ``null``) / ``Annonceindlæg tema`` (sponsor null): headline, teaser.

A ``|`` separates category from location and date from price; between two short names it may
lack its spaces (``<span>Sikkerhed</span><span>|</span><span>Ballerup</span>`` reads
``Sikkerhed|Ballerup``), see :func:`~crawler.parsers.widgets.segments.category_location`.
"""

from __future__ import annotations

import re

from crawler.normalize import dates
from crawler.normalize.text import clean
from crawler.parsers.html.lines import HEADING_TAGS, Line
from crawler.parsers.widgets.segments import Segment, category_location, is_event_detail
from crawler.records import Event, JobAd, Sponsored

_PIPE = re.compile(r"\s*\|\s*")
EVENTS_INTRO_LABELS = ("Ekspertindsigt", "Netværk", "Praktisk viden", "Aktuelle tendenser")
SEE_ALL = "Se alle vores events"
SPONSOR = re.compile(r"^Annonceindlæg(?: fra(?P<alone>:?$)?(?: (?P<sponsor>.+?))?| tema)?:?$")


def _date_line(text: str) -> tuple[str, str | None] | None:
    """``"<dato> | <pris eller Læs mere>"`` → (date text, right-hand side)."""
    left, *right = _PIPE.split(text, maxsplit=1)
    if dates.find_date(left) is None:
        return None
    return left.strip(), (right[0].strip() or None) if right else None


def _group_url(group: list[Line]) -> str | None:
    for line in group:
        if line.url:
            return line.url
    return None


def _event(segment_lines: list[Line], title: str, url: str | None, category: str | None,
           location: str | None, description: str | None, date_text: str | None,
           price: str | None, source_url: str, fetched_at: str) -> Event:
    start, end = dates.event_dates(date_text) if date_text else (None, None)
    warnings = ["date_unparsed"] if date_text and start is None else []
    if price is not None and price.casefold().startswith("læs mere"):
        price = None  # a link label, not a price
    is_free = None if price is None else ("gratis" in price.casefold())
    return Event(source_url=source_url, fetched_at=fetched_at, warnings=warnings, title=title,
                 url=url, category=category, location=location, description=description,
                 start_date=start.isoformat() if start else None,
                 end_date=end.isoformat() if end else None, date_raw=date_text,
                 price_raw=price, is_free=is_free)


def parse_events(segment: Segment, source_url: str, fetched_at: str) -> list[Event]:
    """Events of one segment: a ``Computerworld Events`` block, an ``Event:`` promo or a
    ``Kommende events`` list."""
    lines = segment.lines
    if segment.kind == "event_promo":
        return _event_promo(lines, source_url, fetched_at)
    if segment.kind == "events_upcoming":
        return _upcoming(lines[1:], source_url, fetched_at)
    return _events_block(lines[1:], source_url, fetched_at)


def _events_block(lines: list[Line], source_url: str, fetched_at: str) -> list[Event]:
    events = []
    i = 0
    while i < len(lines):
        place = category_location(lines[i].text)
        if place is None or i + 1 >= len(lines):
            i += 1
            continue
        title_line = lines[i + 1]
        desc = None
        j = i + 2
        if j < len(lines) and category_location(lines[j].text) is None \
                and not lines[j].text.startswith(SEE_ALL):
            desc = lines[j].text
            j += 1
        events.append(_event(lines, title_line.text, _group_url([title_line, lines[i]]),
                             place[0], place[1], desc, None, None, source_url, fetched_at))
        i = j
    return events


def _event_promo(lines: list[Line], source_url: str, fetched_at: str) -> list[Event]:
    title = clean(lines[0].text.partition(":")[2])
    if not title and len(lines) > 1 and not is_event_detail(lines[1].text):
        title, lines = lines[1].text, lines[1:]  # "Event:" alone: the title is the next line
    if not title:
        return []
    category = location = description = date_text = price = None
    for line in lines[1:6]:
        dated = _date_line(line.text)
        if dated and date_text is None:
            date_text, price = dated
            continue
        place = category_location(line.text)
        if place and category is None and description is None:
            category, location = place
            continue
        if description is None and date_text is None:
            description = line.text
    return [_event(lines, title, _group_url(lines[:2]), category, location, description,
                   date_text, price, source_url, fetched_at)]


def _upcoming(lines: list[Line], source_url: str, fetched_at: str) -> list[Event]:
    events = []
    pending: list[Line] = []
    for line in lines:
        dated = _date_line(line.text)
        if dated is None:
            pending.append(line)
            continue
        if pending:
            title_line, rest = pending[0], pending[1:]
            desc = clean(" ".join(ln.text for ln in rest))
            events.append(_event(lines, title_line.text, _group_url([title_line, line]), None,
                                 None, desc, dated[0], dated[1], source_url, fetched_at))
        pending = []
    return events


def parse_job_ads(segment: Segment, source_url: str, fetched_at: str) -> list[JobAd]:
    """Job ads: consecutive (company, title, region) triples, verbatim."""
    ads = []
    lines = segment.lines
    for k in range(0, len(lines) - 2, 3):
        group = lines[k:k + 3]
        ads.append(JobAd(source_url=source_url, fetched_at=fetched_at, company=group[0].text,
                         title=group[1].text, region=group[2].text,
                         url=_group_url([group[1], group[0], group[2]])))
    return ads


def _is_headline(lines: list[Line], k: int) -> bool:
    """Whether ``lines[k]`` is an ad's headline rather than its sponsor's name: a heading, or
    a link of its own (not the whole card's) with neither after it."""
    line = lines[k]
    if line.tag in HEADING_TAGS:
        return True
    if line.url is None or line.url == lines[k - 1].url:
        return False
    after = lines[k + 1] if k + 1 < len(lines) else None
    return after is None or (after.tag not in HEADING_TAGS and after.url is None)


def parse_sponsored(segment: Segment, source_url: str, fetched_at: str) -> list[Sponsored]:
    """``Annonceindlæg fra <Sponsor>`` / ``Annonceindlæg tema`` + headline + teaser."""
    lines = segment.lines
    m = SPONSOR.match(lines[0].text)
    if not m or len(lines) < 2:
        return []
    sponsor = clean(m["sponsor"]) if m["sponsor"] else None
    if m["alone"] is not None and len(lines) >= 3 and not _is_headline(lines, 1):
        # "Annonceindlæg fra" alone, the sponsor on the next line — unless that line is the
        # headline (the sponsor was shown as a logo).
        sponsor, lines = lines[1].text, lines[1:]
    title_line = lines[1]
    teaser = lines[2].text if len(lines) > 2 else None
    return [Sponsored(source_url=source_url, fetched_at=fetched_at, sponsor=sponsor,
                      title=title_line.text, teaser=teaser,
                      url=_group_url([title_line, lines[0]] + lines[2:3]))]
