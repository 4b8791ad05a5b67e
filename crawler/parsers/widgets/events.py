"""Events of the widget zone (see docs/extraction-rules.md, Widgets: Events).

Three widgets hold events; each parser call gets one
:class:`~crawler.parsers.widgets.contract.Segment` (its cue line first):

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

A ``|`` separates category from location and date from price; between two short names it may
lack its spaces (``<span>Sikkerhed</span><span>|</span><span>Ballerup</span>`` reads
``Sikkerhed|Ballerup``), see :func:`category_location`. The segmenter asks
:func:`is_event_detail` whether an ``Event:`` label alone opens a promo.
"""

from __future__ import annotations

import re

from crawler.normalize import dates
from crawler.normalize.text import clean
from crawler.parsers.html.lines import Line
from crawler.parsers.widgets.contract import Segment, WidgetContext, group_url
from crawler.records import Event

# "<Kategori> | <Sted>" of an event. The separator may lack its spaces when category and
# location are separate inline elements ("Sikkerhed|Ballerup"); then both sides must be short
# names, not prose ("Sådan sikrer du IT|OT-miljøet." is a description).
_CATEGORY_LOCATION = re.compile(r"^(?P<cat>[^|]{2,60}?)\s+\|\s+(?P<loc>[^|]{2,60})$")
_TIGHT_CATEGORY_LOCATION = re.compile(r"^(?P<cat>[^|.!?:]{2,40}?)\s*\|\s*(?P<loc>[^|.!?:]{2,40})$")
_TIGHT_WORDS = 4
_PIPE = re.compile(r"\s*\|\s*")
SEE_ALL = "Se alle vores events"


def category_location(text: str) -> tuple[str, str] | None:
    """``("Sikkerhed", "Ballerup")`` for an event's ``Sikkerhed | Ballerup`` line, else None."""
    m = _CATEGORY_LOCATION.match(text)
    if m is None:
        m = _TIGHT_CATEGORY_LOCATION.match(text)
        if m is None or len(m["cat"].split()) > _TIGHT_WORDS \
                or len(m["loc"].split()) > _TIGHT_WORDS:
            return None
    return m["cat"].strip(), m["loc"].strip()


def is_event_detail(text: str) -> bool:
    """An event's category/location or date line (``28. april 2026 | Gratis deltagelse``,
    ``16. & 17. september 2026``): a title may hold a date, a date line starts with one."""
    if category_location(text) is not None:
        return True
    return text[:1].isdigit() and dates.event_dates(text)[0] is not None


def _date_line(text: str) -> tuple[str, str | None] | None:
    """``"<dato> | <pris eller Læs mere>"`` → (date text, right-hand side)."""
    left, *right = _PIPE.split(text, maxsplit=1)
    if dates.find_date(left) is None:
        return None
    return left.strip(), (right[0].strip() or None) if right else None


def _event(title: str, url: str | None, category: str | None, location: str | None,
           description: str | None, date_text: str | None, price: str | None,
           context: WidgetContext) -> Event:
    start, end = dates.event_dates(date_text) if date_text else (None, None)
    warnings = ["date_unparsed"] if date_text and start is None else []
    if price is not None and price.casefold().startswith("læs mere"):
        price = None  # a link label, not a price
    is_free = None if price is None else ("gratis" in price.casefold())
    return Event(source_url=context.source_url, fetched_at=context.fetched_at,
                 warnings=warnings, title=title, url=url, category=category,
                 location=location, description=description,
                 start_date=start.isoformat() if start else None,
                 end_date=end.isoformat() if end else None, date_raw=date_text,
                 price_raw=price, is_free=is_free)


def parse_events(segment: Segment, context: WidgetContext) -> list[Event]:
    """Events of one segment: a ``Computerworld Events`` block, an ``Event:`` promo or a
    ``Kommende events`` list."""
    lines = segment.lines
    if segment.kind == "event_promo":
        return _event_promo(lines, context)
    if segment.kind == "events_upcoming":
        return _upcoming(lines[1:], context)
    return _events_block(lines[1:], context)


def _events_block(lines: list[Line], context: WidgetContext) -> list[Event]:
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
        events.append(_event(title_line.text, group_url([title_line, lines[i]]), place[0],
                             place[1], desc, None, None, context))
        i = j
    return events


def _event_promo(lines: list[Line], context: WidgetContext) -> list[Event]:
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
    return [_event(title, group_url(lines[:2]), category, location, description, date_text,
                   price, context)]


def _upcoming(lines: list[Line], context: WidgetContext) -> list[Event]:
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
            events.append(_event(title_line.text, group_url([title_line, line]), None, None,
                                 desc, dated[0], dated[1], context))
        pending = []
    return events
