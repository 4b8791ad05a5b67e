"""``parse_page``: one page in, every record it holds out.

The page is decoded (bytes that are not UTF-8 are repaired with ``bs4.UnicodeDammit``, the only
use of BeautifulSoup), parsed once with lxml, its metadata read (:mod:`.metadata`), its body
flattened into lines (:mod:`.document`) and segmented into widgets (:mod:`.segments`); the
article (:mod:`.article`, :mod:`.header`, :mod:`.body`, :mod:`.related`) and each widget
(:mod:`.widgets`, :mod:`.people`) are read from those lines. No block parser walks the tree
again.

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
from crawler.parsers.article.assemble import parse_article
from crawler.parsers.html.decode import decode
from crawler.parsers.html.lines import flatten, parse_html
from crawler.parsers.html.metadata import read_metadata
from crawler.parsers.widgets.cards import parse_events, parse_job_ads, parse_sponsored
from crawler.parsers.widgets.people import parse_people_block
from crawler.parsers.widgets.segments import RECORD_BEARING, segment_widgets
from crawler.records import TYPE_ORDER, Record


@dataclass
class PageReport:
    """The records of a page plus what the crawl statistics need to know about it."""

    records: list[Record] = field(default_factory=list)
    empty_widgets: list[str] = field(default_factory=list)  # widget kinds that yielded nothing
    drift: list[str] = field(default_factory=list)  # e.g. "no_title", "no_body", "empty:events"
    encoding_suspect: bool = False


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
    for seg in segments:
        found: list[Record]
        if seg.kind in ("events_block", "event_promo", "events_upcoming"):
            found = list(parse_events(seg, url, fetched))
        elif seg.kind == "job_ads":
            found = list(parse_job_ads(seg, url, fetched))
        elif seg.kind == "sponsored":
            found = list(parse_sponsored(seg, url, fetched))
        elif seg.kind == "people_news":
            found = list(parse_people_block(seg.lines[1:], url, fetched))
        else:
            continue
        if not found and seg.kind in RECORD_BEARING:
            report.empty_widgets.append(seg.kind)
            article.warn(f"empty_widget:{seg.kind}")
        records.extend(found)
    for code in ("no_title", "no_body"):
        if code in article.warnings:
            report.drift.append(code)
    report.drift.extend(f"empty_widget:{k}" for k in report.empty_widgets)
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
