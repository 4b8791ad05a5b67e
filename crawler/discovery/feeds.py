"""Discovery sources besides sitemaps: RSS feeds and listing pages (front, sections)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from crawler.discovery.sitemaps import SAFE_XML_PARSER
from crawler.normalize.dates import COPENHAGEN

_NEXT_TEXT = re.compile(r"^(?:næste(?: side)?|ældre(?: artikler)?|flere artikler|»|›|>)$",
                        re.IGNORECASE)
_PAGE_HREF = re.compile(r"(?:/side/\d+/?$|[?&]page=\d+)")


@dataclass
class FeedItem:
    url: str
    published: str | None  # YYYY-MM-DD in Copenhagen time


def parse_rss(body: bytes) -> list[FeedItem] | None:
    """Items of an RSS 2.0 or Atom feed; ``None`` when the body is not a feed."""
    try:
        root = etree.fromstring(body, SAFE_XML_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    items = []
    for item in root.iter("{*}item", "{*}entry"):
        link = item.find("{*}link")
        url = None
        if link is not None:
            url = (link.text or "").strip() or link.get("href")
        date_el = item.find("{*}pubDate")
        if date_el is None:
            date_el = item.find("{*}updated")
        published = None
        if date_el is not None and date_el.text:
            try:
                when = parsedate_to_datetime(date_el.text.strip())
                published = when.astimezone(COPENHAGEN).date().isoformat()
            except (TypeError, ValueError, IndexError):
                published = date_el.text.strip()[:10]
        if url:
            items.append(FeedItem(url.strip(), published))
    return items


@dataclass
class Listing:
    feeds: list[str]
    sections: list[str]
    next_pages: list[str]


def parse_listing(body: bytes, base_url: str) -> Listing:
    """Feed links (``<link rel=alternate>``), navigation links (sections) and pagination."""
    try:
        root = lxml.html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return Listing([], [], [])
    feeds = [urljoin(base_url, el.get("href")) for el in root.iter("link")
             if (el.get("rel") or "").lower() == "alternate" and el.get("href")
             and "rss" in (el.get("type") or "") + (el.get("href") or "")]
    sections = []
    for nav in root.iter("nav"):
        for a in nav.iter("a"):
            href = a.get("href")
            if href and "/art/" not in href:
                sections.append(urljoin(base_url, href))
    next_pages = [urljoin(base_url, el.get("href")) for el in root.iter("a", "link")
                  if el.get("href") and ((el.get("rel") or "").lower() == "next"
                                         or _NEXT_TEXT.match((el.text_content() or "").strip())
                                         or _PAGE_HREF.search(el.get("href") or ""))]
    return Listing(feeds, sections, next_pages)
