"""Job ads of the widget zone (see docs/extraction-rules.md, Widgets: Job ads).

A job ad is three lines — company, title, region — with no heading of its own: the segmenter
finds them with :func:`find_job_triples`, by the region line. The region is one of
:data:`REGIONS` or ``Region <Navn>``, and not a heading (``<h3>Region Hovedstaden</h3>`` in an
article is a section) nor followed by another region (a list of regions); the company line is
not a sentence and the title does not end in ``:``. The three lines are kept verbatim; ``url``
is the title's link, else the card's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crawler.parsers.html.lines import HEADING_TAGS, Line
from crawler.parsers.widgets.contract import Segment, WidgetContext, group_url
from crawler.records import JobAd
from crawler.records.vocabulary import WidgetKind

REGIONS = frozenset({
    "københavnsområdet", "midtjylland", "nordjylland", "syddanmark", "sydjylland", "fyn",
    "nordsjælland", "vestjylland", "østjylland", "sønderjylland", "bornholm", "sjælland",
    "storkøbenhavn", "hovedstaden", "hovedstadsområdet", "hele landet", "udlandet",
    "trekantområdet", "vestsjælland",
})
_REGION_WORD = re.compile(r"^Region [A-ZÆØÅ][a-zæøå]+$")
_REGION_MAX = max(len(r) for r in REGIONS)
_COMPANY_ENDINGS = ("Inc.", "Ltd.", "Corp.", "Co.", "Bros.", "m.fl.")


def is_region(text: str) -> bool:
    # Every line of the page is tested: most are longer than any region name, and only
    # "Region …" lines need the pattern.
    if text.startswith("Region "):
        return bool(_REGION_WORD.match(text))
    return len(text) <= _REGION_MAX and text.casefold() in REGIONS


def _sentence(text: str) -> bool:
    """Prose rather than a company name: several words ending like a sentence."""
    return text.endswith((".", "!", "?", ":")) and len(text.split()) > 3 \
        and not text.endswith(_COMPANY_ENDINGS)


def find_job_triples(lines: list[Line],
                     kinds: Sequence[WidgetKind | None]) -> list[tuple[int, int, int]]:
    """Positions (company, title, region) of job ads, in page order. ``kinds`` are the lines'
    widget cue kinds (``None`` for a line that is no cue): a cue line is no company or title."""
    # Each line is tested as company, title and region of overlapping candidate triples:
    # compute its predicates once.
    regions = [is_region(ln.text) for ln in lines]
    if not any(regions):
        return []
    triples = []
    i = 0
    while i + 2 < len(lines):
        # A region printed as a heading is a section of an article, not an ad's last line.
        if regions[i + 2] and lines[i + 2].tag not in HEADING_TAGS \
                and not (i + 3 < len(lines) and regions[i + 3]):  # a list of regions
            a, b = lines[i], lines[i + 1]
            if not regions[i] and not regions[i + 1] \
                    and kinds[i] is None and kinds[i + 1] is None \
                    and len(a.text) <= 120 and len(b.text) <= 200 and " | " not in b.text \
                    and a.tag not in ("h1",) and b.tag not in ("h1",) \
                    and not _sentence(a.text) and not b.text.endswith(":"):
                triples.append((i, i + 1, i + 2))
                i += 3
                continue
        i += 1
    return triples


def parse_job_ads(segment: Segment, context: WidgetContext) -> list[JobAd]:
    """Job ads: consecutive (company, title, region) triples, verbatim."""
    ads = []
    lines = segment.lines
    for k in range(0, len(lines) - 2, 3):
        group = lines[k:k + 3]
        ads.append(JobAd(source_url=context.source_url, fetched_at=context.fetched_at,
                         company=group[0].text, title=group[1].text, region=group[2].text,
                         url=group_url([group[1], group[0], group[2]])))
    return ads
