"""The page segmenter: where the widget zone starts and which lines belong to which widget.

Widgets are found by text cues (see docs/extraction-rules.md, Widgets), never by class names:

* headings ``Computerworld Events``, ``Kommende events``, ``Navnenyt fra it-Danmark`` (or just
  ``Navnenyt``), ``Læses lige nu`` (a wrapper), ``Eksklusivt Premium-indhold for abonnenter``
  and ``Brancheguiden`` — also with a short tail such as ``Se alle`` on the same line — in any
  case and with or without a final colon;
* lines starting ``Event: <titel>`` (a single event promo) and ``Annonceindlæg fra <Sponsor>``
  / ``Annonceindlæg tema`` / ``Annonceindlæg`` (sponsored content);
* job ads: triples of lines company / title / region, recognised by the region line
  (:func:`crawler.parsers.widgets.jobs.find_job_triples`).

A heading that is one link among sibling links (the ``Navnenyt`` item of a menu) is not a
widget (the first line of a card link is no menu item); ``Event:`` alone opens a widget only
when an event's title and details follow. A segment runs from its cue line while the lines
stay inside the cue's container — the smallest block element around the cue that also holds
the next two lines — and stops at the next cue, the next job ad or an ``<h1>``.

What a widget holds is read by its own module (:mod:`.events`, :mod:`.jobs`, :mod:`.sponsored`,
:mod:`.people`); this one knows only where widgets start and end.
"""

from __future__ import annotations

import re

from crawler.parsers.html.lines import Line
from crawler.parsers.widgets.contract import Segment
from crawler.parsers.widgets.events import is_event_detail
from crawler.parsers.widgets.jobs import find_job_triples
from crawler.records.vocabulary import WidgetKind

HEADINGS: dict[str, WidgetKind] = {
    "computerworld events": "events_block",
    "kommende events": "events_upcoming",
    "navnenyt fra it-danmark": "people_news",
    "navnenyt": "people_news",
    "læses lige nu": "wrapper",
    "eksklusivt premium-indhold for abonnenter": "premium_promo",
    "brancheguiden": "brancheguide",
}
# Headings that may carry a short tail ("Navnenyt fra it-Danmark Se alle"): longest first.
_HEADING_PREFIXES = sorted((k for k in HEADINGS if k != "navnenyt"), key=len, reverse=True)
MAX_HEADING_TAIL = 25
# "Annonceindlæg fra" may stand alone, its sponsor in the next element; so may "Event:".
_SPONSORED = re.compile(r"^Annonceindlæg(?: fra(?: \S.*)?| tema)?:?$")
_EVENT_PROMO = re.compile(r"^Event\s*:")
MENU_ITEM_MAX = 40
# Every cue line starts with one of these words: one cheap test before the real ones.
_CUE_START = re.compile(r"(?:computerworld|kommende|navnenyt|læses|eksklusivt|brancheguiden|"
                        r"event|annonceindlæg)", re.IGNORECASE)
# … and before that, a test of the first letter (the case-insensitive alternation above costs
# ~0.6 µs, and every line of the page is tested).
_CUE_INITIALS = "cknleba"


def heading_kind(line: Line) -> WidgetKind | None:
    """The widget kind a cue line opens, or ``None`` for ordinary text."""
    text = line.text
    if len(text) > 80 or text[:1].lower() not in _CUE_INITIALS or not _CUE_START.match(text):
        return None
    key = text.casefold().rstrip(": ")
    kind = HEADINGS.get(key)
    if kind:
        return kind
    if _EVENT_PROMO.match(text):
        return "event_promo"
    if _SPONSORED.match(text):
        return "sponsored"
    for prefix in _HEADING_PREFIXES:
        if key.startswith(prefix + " ") and len(key) - len(prefix) <= MAX_HEADING_TAIL \
                and not key.endswith((".", "!", "?")):
            return HEADINGS[prefix]
    return None


def _is_link_only(line: Line) -> bool:
    return line.anchor is not None or (len(line.links) == 1 and line.links[0][1] == line.text)


def is_menu_item(lines: list[Line], pos: int) -> bool:
    """A short link-only line with a short link-only sibling line: an item of a menu. The
    first line of a card (a link holding several lines) is not: the next line shares its
    link."""
    line = lines[pos]
    if len(line.text) > MENU_ITEM_MAX or not _is_link_only(line):
        return False
    if line.anchor is not None and pos + 1 < len(lines) and \
            lines[pos + 1].anchor == line.anchor and lines[pos + 1].text != line.text:
        return False
    parent = line.path[:-1]
    for other in (pos - 1, pos + 1):
        if 0 <= other < len(lines):
            near = lines[other]
            if len(near.text) <= MENU_ITEM_MAX and _is_link_only(near) \
                    and near.path[:-1] == parent and near.tag == line.tag:
                return True
    return False


def opens_widget(lines: list[Line], pos: int, kind: WidgetKind) -> bool:
    """Whether cue line ``pos`` (of widget ``kind``) opens a widget: not a menu item, and an
    ``Event:`` label alone only when an event follows it (a title, then a category/location
    or date line among the next three)."""
    if is_menu_item(lines, pos):
        return False
    if kind == "event_promo" and not lines[pos].text.partition(":")[2].strip():
        following = lines[pos + 1:pos + 5]
        return len(following) >= 2 and not is_event_detail(following[0].text) \
            and any(is_event_detail(ln.text) for ln in following[1:])
    return True


def widget_scope(lines: list[Line], pos: int) -> tuple[int, ...]:
    """The path of the smallest block element around cue line ``pos`` that also holds the
    next two lines (``()`` — the whole page — when none does)."""
    path = lines[pos].path
    following = lines[pos + 1:pos + 3]
    for k in range(len(path), 0, -1):
        prefix = path[:k]
        if all(ln.path[:k] == prefix for ln in following):
            return prefix
    return ()


def segment_widgets(lines: list[Line]) -> list[Segment]:
    """Every widget segment of the page, in page order (see the module docstring)."""
    kinds = [heading_kind(line) for line in lines]
    jobs = find_job_triples(lines, kinds)
    job_start = {t[0]: t for t in jobs}
    job_lines = {i for t in jobs for i in t}
    segments: list[Segment] = []
    current: Segment | None = None
    scope: tuple[int, ...] = ()
    for pos, line in enumerate(lines):
        if pos in job_start:
            current = None
            seg = Segment("job_ads", [lines[j] for j in job_start[pos]])
            last = segments[-1] if segments else None
            if last is not None and last.kind == "job_ads" and last.lines[-1] is lines[pos - 1]:
                last.lines.extend(seg.lines)
            else:
                segments.append(seg)
            continue
        if pos in job_lines:
            continue
        kind = kinds[pos]
        if kind is not None and opens_widget(lines, pos, kind):
            current = Segment(kind, [line])
            scope = widget_scope(lines, pos)
            segments.append(current)
            continue
        if current is None:
            continue
        if line.tag == "h1" or not line.within(scope):
            current = None
            continue
        current.lines.append(line)
    return segments
