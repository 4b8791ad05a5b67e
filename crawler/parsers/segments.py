"""The page segmenter: where the widget zone starts and which lines belong to which widget.

Widgets are found by the text cues of the field guide (§10–17), never by markup:
headings such as ``Computerworld Events``, ``Navnenyt fra it-Danmark``, ``Kommende events``
and ``Læses lige nu``; lines starting ``Event: `` or ``Annonceindlæg``; and job-ad triples
(company, title, region) recognised by their region line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.parsers.document import Line

HEADINGS = {
    "computerworld events": "events_block",
    "kommende events": "events_upcoming",
    "navnenyt fra it-danmark": "people_news",
    "navnenyt": "people_news",
    "læses lige nu": "wrapper",
    "eksklusivt premium-indhold for abonnenter": "premium_promo",
    "brancheguiden": "brancheguide",
}
# Widget kinds that must yield records: when one yields none, the layout has drifted.
RECORD_BEARING = frozenset({"events_block", "event_promo", "events_upcoming", "people_news",
                            "sponsored", "job_ads"})

REGIONS = frozenset({
    "københavnsområdet", "midtjylland", "nordjylland", "syddanmark", "sydjylland", "fyn",
    "nordsjælland", "vestjylland", "østjylland", "sønderjylland", "bornholm", "sjælland",
    "storkøbenhavn", "hovedstaden", "hovedstadsområdet", "hele landet", "udlandet",
    "trekantområdet", "vestsjælland",
})
_REGION_WORD = re.compile(r"^Region [A-ZÆØÅ][a-zæøå]+$")
_SPONSORED = re.compile(r"^Annonceindlæg(?: fra \S.*| tema)?$")


def is_region(text: str) -> bool:
    return text.casefold() in REGIONS or bool(_REGION_WORD.match(text))


@dataclass
class Segment:
    """A run of lines belonging to one widget, starting with its cue line."""

    kind: str
    lines: list[Line] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.lines[0].index


def heading_kind(line: Line) -> str | None:
    text = line.text
    kind = HEADINGS.get(text.casefold().rstrip(":"))
    if kind:
        return kind
    if text.startswith("Event:") and len(text) > 7:
        return "event_promo"
    if _SPONSORED.match(text):
        return "sponsored"
    return None


def find_job_triples(lines: list[Line]) -> list[tuple[int, int, int]]:
    """Index triples (company, title, region) of job ads, in page order."""
    triples = []
    i = 0
    while i + 2 < len(lines):
        a, b, c = lines[i], lines[i + 1], lines[i + 2]
        if is_region(c.text) and not is_region(a.text) and not is_region(b.text) \
                and heading_kind(a) is None and heading_kind(b) is None \
                and len(a.text) <= 120 and len(b.text) <= 200 and " | " not in b.text \
                and not a.chrome and not c.chrome:
            triples.append((i, i + 1, i + 2))
            i += 3
            continue
        i += 1
    return triples


def _same_container(a: Line, b: Line) -> bool:
    return a.in_aside == b.in_aside and (a.in_article == b.in_article or a.in_aside)


def segment_widgets(lines: list[Line]) -> list[Segment]:
    """Every widget segment of the page, in page order.

    A segment runs from its cue line up to the next cue line, the next job ad, a line of page
    chrome, an ``<h1>``, or a change of container (``<aside>`` vs article).
    """
    jobs = find_job_triples(lines)
    job_start = {t[0]: t for t in jobs}
    job_lines = {i for t in jobs for i in t}
    segments: list[Segment] = []
    current: Segment | None = None
    for line in lines:
        i = line.index
        if i in job_start:
            current = None
            seg = Segment("job_ads", [lines[j] for j in job_start[i]])
            if segments and segments[-1].kind == "job_ads" and segments[-1].lines[-1].index == i - 1:
                segments[-1].lines.extend(seg.lines)
            else:
                segments.append(seg)
            continue
        if i in job_lines:
            continue
        kind = heading_kind(line)
        if kind is not None and not line.chrome:
            current = Segment(kind, [line])
            segments.append(current)
            continue
        if current is None:
            continue
        if line.chrome or line.tag == "h1" or not _same_container(current.lines[0], line):
            current = None
            continue
        current.lines.append(line)
    return segments
