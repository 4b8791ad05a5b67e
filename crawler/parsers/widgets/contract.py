"""What the segmenter hands a widget parser, and what the parser gives back.

Every widget parser has one signature, :data:`WidgetParser`: it takes one :class:`Segment` (its
cue line first) and the :class:`WidgetContext` of the page, and returns the segment's records
in page order — none when the layout drifted (the page then warns ``empty_widget:<kind>``).
:func:`crawler.parsers.page.widget_parsers` maps each record-bearing widget kind to its parser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from crawler.parsers.html.lines import Line
from crawler.records import Record
from crawler.records.vocabulary import WidgetKind


@dataclass
class Segment:
    """A run of lines belonging to one widget, starting with its cue line."""

    kind: WidgetKind
    lines: list[Line] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.lines[0].index


@dataclass(frozen=True, slots=True)
class WidgetContext:
    """What a widget parser knows of the page besides its segment."""

    source_url: str  # the fetched URL, as every record's ``source_url``
    fetched_at: str  # UTC, ``YYYY-MM-DDTHH:MM:SSZ``


WidgetParser = Callable[[Segment, WidgetContext], Sequence[Record]]


def group_url(group: list[Line]) -> str | None:
    """The first own link (:attr:`Line.url`) among the lines of one item, in the order given."""
    for line in group:
        if line.url:
            return line.url
    return None
