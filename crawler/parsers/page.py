"""``parse_page``: one page in, every record it holds out.

The page is decoded (:mod:`.html.decode`), parsed once with lxml, its metadata read
(:mod:`.html.metadata`), its body flattened into lines (:mod:`.html.lines`) and segmented into
widgets (:mod:`.widgets.segments`); the article (:mod:`.article.record`) and each widget (the
parser of its kind, :func:`widget_parsers`) are read from those lines. No block parser walks
the tree again.

Layout drift is made loud: an article without a title or a body carries ``no_title`` /
``no_body``, and a known widget heading that yields no records ``empty_widget:<kind>``; all of
them are also listed in :attr:`PageReport.drift` for the crawl statistics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.errors import ParseError
from crawler.normalize.dates import normalise_fetched_at
from crawler.normalize.text import clean_str
from crawler.parsers.article.record import parse_article
from crawler.parsers.html.decode import decode
from crawler.parsers.html.lines import flatten, parse_html
from crawler.parsers.html.metadata import read_metadata
from crawler.parsers.widgets.contract import WidgetContext, WidgetParser
from crawler.parsers.widgets.events import parse_events
from crawler.parsers.widgets.jobs import parse_job_ads
from crawler.parsers.widgets.people import parse_people_block
from crawler.parsers.widgets.segments import segment_widgets
from crawler.parsers.widgets.sponsored import parse_sponsored
from crawler.records import TYPE_ORDER, Record
from crawler.records.vocabulary import DRIFT_WARNINGS, RECORD_BEARING, empty_widget


@dataclass
class PageReport:
    """The records of a page plus what the crawl statistics need to know about it."""

    records: list[Record] = field(default_factory=list)
    empty_widgets: list[str] = field(default_factory=list)  # widget kinds that yielded nothing
    drift: list[str] = field(default_factory=list)  # "no_title", "empty_widget:events_block" …
    encoding_suspect: bool = False


def widget_parsers() -> dict[str, WidgetParser]:
    """The parser of each widget kind that holds records (:data:`RECORD_BEARING`); the other
    kinds (the ``Læses lige nu`` wrapper, premium promos, ``Brancheguiden``) only bound the
    zone. Every parser takes ``(segment, context)`` and returns the segment's records.

    Built from this module's names at each page, so that a profiler can wrap a parser where
    :func:`parse_page` finds it (``bench/people.py`` wraps ``parse_people_block``).
    """
    return {"events_block": parse_events, "event_promo": parse_events,
            "events_upcoming": parse_events, "job_ads": parse_job_ads,
            "sponsored": parse_sponsored, "people_news": parse_people_block}


def parse_page_report(html: bytes | str, url: str, fetched_at: str, *,
                      strict: bool = False, encoding: str | None = None) -> PageReport:
    """Parse a page; see :func:`parse_page`. Also returns drift and widget diagnostics."""
    try:
        fetched = normalise_fetched_at(fetched_at)
    except ValueError as exc:
        raise ParseError(f"fetched_at is not an ISO 8601 time: {fetched_at!r}") from exc
    text, suspect, utf8 = decode(html, encoding)
    report = PageReport(encoding_suspect=suspect)
    stripped = text.strip()
    if not stripped or (len(stripped) < 64 and not clean_str(stripped)):  # blank, or a lone BOM
        if strict:
            raise ParseError(f"empty page: {url}")
        return report
    try:
        # Valid UTF-8 bytes go to lxml as they are: ~10 % faster than parsing the decoded text.
        root = parse_html(html, utf8=True) if utf8 else parse_html(text)
    except ValueError as exc:
        if strict:
            raise ParseError(f"unreadable HTML in {url}: {exc}") from exc
        return report
    meta = read_metadata(root)
    lines = flatten(root, url)
    segments = segment_widgets(lines)
    widget_lines = {ln.index for seg in segments for ln in seg.lines}
    widget_starts = sorted(seg.start for seg in segments)
    result = parse_article(lines, meta, url, fetched, widget_starts, widget_lines)
    article = result.article
    if suspect:
        article.warn("encoding_suspect")
    records: list[Record] = [article, *result.related]
    context = WidgetContext(url, fetched)
    parsers = widget_parsers()
    for seg in segments:
        parser = parsers.get(seg.kind)
        if parser is None:
            continue
        found = parser(seg, context)
        if not found and seg.kind in RECORD_BEARING:
            report.empty_widgets.append(seg.kind)
            article.warn(empty_widget(seg.kind))
        records.extend(found)
    for code in DRIFT_WARNINGS:
        if code in article.warnings:
            report.drift.append(code)
    report.drift.extend(empty_widget(k) for k in report.empty_widgets)
    order = {t: n for n, t in enumerate(TYPE_ORDER)}
    records.sort(key=lambda r: order[r.record_type])  # stable: page order within a type
    report.records = records
    return report


def parse_page(html: bytes | str, url: str, fetched_at: str, *,
               strict: bool = False) -> list[Record]:
    """Every record of one page: zero or one article, then its related links, events, job
    ads, sponsored items and people-news entries, each in page order.

    ``html`` may be bytes (decoded as UTF-8, else repaired) or text. ``fetched_at`` is any ISO
    8601 instant and is stored as UTC. In the default collecting mode problems become
    ``warnings`` on the records; with ``strict=True`` an unreadable page raises
    :class:`~crawler.errors.ParseError`.
    """
    return parse_page_report(html, url, fetched_at, strict=strict).records


_END_OF_DOCUMENT = re.compile(rb"</(?:html|body)\s*>", re.IGNORECASE)


def looks_complete(data: bytes) -> bool:
    """Whether a downloaded page reached its end (a closing ``</body>`` or ``</html>``).

    A page cut by a truncated gzip stream or a dropped connection lacks both; building an
    article from it would give a short article that nobody notices. Crawls turn such pages
    into ``incomplete_body`` errors instead.
    """
    return bool(_END_OF_DOCUMENT.search(data[-65536:]))
