"""Sponsored items of the widget zone (see docs/extraction-rules.md, Widgets: Sponsored).

``Annonceindlæg fra <Sponsor>`` (or ``Annonceindlæg fra`` alone, the sponsor on the next line
unless that line is the headline — a heading or a link — when the sponsor is a logo and
``null``) / ``Annonceindlæg tema`` (sponsor null), then the headline and the teaser.
"""

from __future__ import annotations

import re

from crawler.normalize.text import clean
from crawler.parsers.html.lines import HEADING_TAGS, Line
from crawler.parsers.widgets.contract import Segment, WidgetContext, group_url
from crawler.records import Sponsored

SPONSOR = re.compile(r"^Annonceindlæg(?: fra(?P<alone>:?$)?(?: (?P<sponsor>.+?))?| tema)?:?$")


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


def parse_sponsored(segment: Segment, context: WidgetContext) -> list[Sponsored]:
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
    return [Sponsored(source_url=context.source_url, fetched_at=context.fetched_at,
                      sponsor=sponsor, title=title_line.text, teaser=teaser,
                      url=group_url([title_line, lines[0]] + lines[2:3]))]
