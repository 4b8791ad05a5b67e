"""One page as a sequence of visible text lines, plus its standard metadata.

The real markup of computerworld.dk is unknown, so nothing here depends on class names.
The HTML tree is flattened into :class:`Line` objects in reading order: every block-level
element and every ``<br>`` starts a new line, text inside ``<pre>``-like elements is split on
newlines, and a link whose children are separate text-bearing elements (a card such as
``<a><span>Firma</span><span>Titel</span><span>Region</span></a>``) gives one line per child.
Each line remembers its links, the link it sits inside, and whether it belongs to page chrome
(navigation, site header/footer, cookie banners) or to an ``<aside>``. The block parsers then
work on these lines with the text cues of the field guide.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

import lxml.html
from lxml import etree

from crawler.text import clean_str
from crawler.urls import absolute

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu "
    "nav ol p pre section summary table tbody thead tfoot tr td th ul".split()
)
SKIP_TAGS = frozenset(
    "script style noscript template svg iframe button select option input textarea head "
    "canvas video audio object embed map link meta title".split()
)
CHROME_TAGS = frozenset({"nav"})
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog"})
# Class/id tokens that hint at chrome. Hints only (whole tokens, never substrings such as
# "people-news__footer"): a page without them still parses.
CHROME_HINTS = frozenset(
    "nav navbar navigation menu main-menu site-nav breadcrumb breadcrumbs cookie cookies "
    "cookie-banner cookie-consent consent gdpr newsletter newsletter-signup footer site-footer "
    "page-footer header site-header page-header masthead share share-bar sharing social "
    "login".split()
)
MAX_DEPTH = 400
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(slots=True)
class Line:
    """One visible line of text in reading order."""

    text: str
    tag: str  # the nearest block-level element ("p", "h2", "li", "div", "td", …)
    index: int = 0
    indent: int = 0  # leading spaces in pre-formatted text ("Læses lige nu" widgets)
    links: list[tuple[str, str]] = field(default_factory=list)  # (absolute url, link text)
    anchor: str | None = None  # href of an <a> the whole line sits inside
    chrome: bool = False
    in_aside: bool = False
    in_article: bool = False
    in_figure: bool = False
    in_quote: bool = False
    bold: bool = False  # the whole line is <strong>/<b>
    element: Any = None  # the block element (lxml), for class-name hints

    @property
    def url(self) -> str | None:
        """The line's own link: the link it sits in, else its only link."""
        if self.anchor:
            return self.anchor
        if len(self.links) == 1:
            return self.links[0][0]
        return None


@dataclass
class Metadata:
    """Standard metadata of the page: JSON-LD, OpenGraph, ``<meta>``, canonical, ``<time>``."""

    jsonld: dict[str, Any] = field(default_factory=dict)  # the article-like JSON-LD object
    meta: dict[str, list[str]] = field(default_factory=dict)  # name/property → contents
    canonical: str | None = None
    lang: str | None = None
    title_tag: str | None = None
    times: list[tuple[str, str]] = field(default_factory=list)  # (datetime attr, text)

    def first(self, *names: str) -> str | None:
        for name in names:
            for value in self.meta.get(name, []):
                value = clean_str(value)
                if value:
                    return value
        return None

    def all(self, name: str) -> list[str]:
        return [clean_str(v) for v in self.meta.get(name, []) if clean_str(v)]


ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
     "BlogPosting", "ReviewNewsArticle", "BackgroundNewsArticle", "AdvertiserContentArticle"}
)


def _jsonld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_objects(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _jsonld_objects(graph)


def _is_article_type(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k in ARTICLE_TYPES for k in kinds)


def read_metadata(root: Any) -> Metadata:
    meta = Metadata()
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content is not None:
            meta.meta.setdefault(key.strip().lower(), []).append(content)
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if "canonical" in rel and el.get("href") and meta.canonical is None:
            meta.canonical = el.get("href").strip()
    html = root if root.tag == "html" else root.getroottree().getroot()
    if html is not None and html.get("lang"):
        meta.lang = html.get("lang").strip()
    for el in root.iter("title"):
        meta.title_tag = clean_str(el.text_content()) or None
        break
    for el in root.iter("time"):
        stamp = el.get("datetime")
        if stamp and not any(a.tag in ("aside", "nav", "footer") for a in el.iterancestors()):
            meta.times.append((stamp.strip(), clean_str(el.text_content())))
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(el.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _jsonld_objects(data):
            if _is_article_type(obj) and not meta.jsonld:
                meta.jsonld = obj
    return meta


class _Flattener:
    """Walks the tree once and emits :class:`Line` objects."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.lines: list[Line] = []
        self._parts: list[str] = []
        self._links: list[tuple[str, str]] = []
        self._ctx: dict[str, Any] = {}
        self._block: Any = None
        self._tag = "div"
        self._bold_chars = 0

    def flush(self) -> None:
        if not self._parts:
            return
        raw = "".join(self._parts)
        self._parts = []
        links, self._links = self._links, []
        bold_chars, self._bold_chars = self._bold_chars, 0
        text = clean_str(raw)
        if not text:
            return
        stripped = raw.lstrip(" \t\r\n")
        indent = len(raw) - len(stripped) if self._ctx.get("pre") else 0
        self.lines.append(Line(
            text=text, tag=self._tag, index=len(self.lines), indent=indent, links=links,
            anchor=self._ctx.get("anchor"), chrome=bool(self._ctx.get("chrome")),
            in_aside=bool(self._ctx.get("aside")), in_article=bool(self._ctx.get("article")),
            in_figure=bool(self._ctx.get("figure")), in_quote=bool(self._ctx.get("quote")),
            bold=bold_chars >= len(text.replace(" ", "")) > 0, element=self._block,
        ))

    def text(self, value: str | None) -> None:
        if not value:
            return
        if self._ctx.get("pre") and "\n" in value:
            pieces = value.split("\n")
            for i, piece in enumerate(pieces):
                if i:
                    self.flush()
                self._parts.append(piece)
            return
        self._parts.append(value)
        if self._ctx.get("bold"):
            self._bold_chars += len(value.replace(" ", "").replace("\n", "").replace("\t", ""))

    def walk(self, el: Any, depth: int = 0) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:  # comments, processing instructions
            self.text(el.tail)
            return
        tag = tag.lower()
        if depth > MAX_DEPTH:
            # Pathological nesting: keep the text, give up on structure below this point.
            self.text(el.text_content())
            self.text(el.tail)
            return
        if tag in SKIP_TAGS or el.get("hidden") is not None or \
                (el.get("aria-hidden") or "").lower() == "true" or \
                "display:none" in (el.get("style") or "").replace(" ", "").lower():
            self.text(el.tail)
            return
        if tag == "br":
            self.flush()
            self.text(el.tail)
            return
        saved_ctx, saved_block, saved_tag = self._ctx, self._block, self._tag
        ctx = dict(saved_ctx)
        role = (el.get("role") or "").lower()
        hints = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
        if tag in CHROME_TAGS or role in CHROME_ROLES:
            ctx["chrome"] = True
        elif tag in ("header", "footer") and not ctx.get("inner"):
            ctx["chrome"] = True
        elif any(h in CHROME_HINTS for h in hints) and tag not in ("article", "main") \
                and not ctx.get("inner") and not any(True for _ in el.iter("h1")):
            ctx["chrome"] = True
        if tag in ("article", "aside", "section", "main", "li"):
            ctx["inner"] = True
        if tag == "aside":
            ctx["aside"] = True
        if tag in ("article", "main") or (el.get("itemprop") or "") == "articleBody":
            ctx["article"] = True
            if tag == "article" or el.get("itemprop") == "articleBody":
                ctx["article_root"] = True
        if tag == "figure":
            ctx["figure"] = True
        if tag == "blockquote":
            ctx["quote"] = True
        if tag in ("strong", "b"):
            ctx["bold"] = True
        style = (el.get("style") or "").replace(" ", "").lower()
        if tag == "pre" or "white-space:pre" in style:
            ctx["pre"] = True
        block = tag in BLOCK_TAGS
        if tag == "a":
            href = absolute(el.get("href"), self.base_url)
            if href:
                if self._is_card(el):
                    self.flush()
                    ctx["anchor"] = href
                    self._ctx = ctx
                    self.text(el.text)
                    for child in el:
                        self.flush()
                        self.walk(child, depth + 1)
                    self.flush()
                    self._ctx, self._block, self._tag = saved_ctx, saved_block, saved_tag
                    self.text(el.tail)
                    return
                ctx["anchor_inline"] = href
                self._links.append((href, clean_str(el.text_content())))
        if block:
            self.flush()
            self._block, self._tag = el, tag
        self._ctx = ctx
        self.text(el.text)
        for child in el:
            self.walk(child, depth + 1)
        if block:
            self.flush()
        self._ctx, self._block, self._tag = saved_ctx, saved_block, saved_tag
        self.text(el.tail)

    @staticmethod
    def _is_card(el: Any) -> bool:
        """A link holding several text-bearing child elements and no loose text of its own."""
        if (el.text or "").strip():
            return False
        children = [c for c in el if isinstance(c.tag, str)]
        texty = [c for c in children if clean_str(c.text_content())]
        if len(texty) < 2:
            return False
        return all(not (c.tail or "").strip() for c in children)


def flatten(root: Any, base_url: str) -> list[Line]:
    """The visible lines of ``root`` in reading order."""
    body = root.find(".//body") if root.tag != "body" else root
    walker = _Flattener(base_url)
    walker.walk(body if body is not None else root)
    walker.flush()
    lines = walker.lines
    # A line that sits wholly inside an anchor keeps that anchor as its own link.
    for line in lines:
        if line.anchor is None and len(line.links) == 1 and line.links[0][1] == line.text:
            line.anchor = line.links[0][0]
    return lines


def parse_html(html: str) -> Any:
    """An lxml tree for ``html``; raises ``ValueError`` for documents lxml cannot read."""
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(str(exc)) from exc
