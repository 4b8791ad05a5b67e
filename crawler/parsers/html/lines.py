"""One page as a sequence of visible text lines (its metadata: :mod:`.metadata`).

The real markup of computerworld.dk is unknown, so nothing here depends on class names.
The HTML tree is walked once and flattened into :class:`Line` objects in reading order:

* every block-level element and every ``<br>`` starts a new line;
* pre-formatted text is split on its newlines, keeping the indentation (``Læses lige nu``
  widgets are indented 4 spaces). Pre-formatted means ``<pre>``, an inline
  ``white-space: pre*`` style, a class that a ``<style>`` rule gives ``white-space: pre*``, or
  — for stylesheets we cannot see — text whose own source holds a blank line between words;
* a link whose children are separate text-bearing elements (a card such as
  ``<a><span>Firma</span><span>Titel</span><span>Region</span></a>``) gives one line per child,
  each remembering the card's link as its ``anchor``;
* page chrome is left out (its cues: :mod:`.chrome`): ``<nav>``, chrome ARIA roles, a
  top-level ``<header>``/``<footer>`` (not one inside an article card) and, as a hint only,
  whole class/id tokens such as ``cookie-banner`` or ``site-footer`` (inside an ``<article>``
  only the tokens of boxes that sit in articles; not inside cards of lists, sections and
  asides); so are hidden elements, scripts and forms' controls, and lines that are only share
  links. A ``<noscript>`` is read only when it holds the page itself (an ``<h1>`` or
  paragraphs: the copy a script-rendered site serves without JavaScript). A ``<nav>``, a
  ``<header>``/``<footer>`` or a navigation/banner role that holds an ``<h1>`` is not left
  out: that is a header holding the article's title, or a wrapper that
  never closed (``<div role="navigation">`` around the article).

Each line remembers its links, the ``<time datetime>`` and the ``<img>`` right before it, whether
it sits in an ``<article>``/``<main>``, ``<figure>``, ``<blockquote>`` or an
``itemprop="articleBody"`` element, and ``path``: the ids of the block elements around it,
outermost first. Two lines are in the same container when their paths share that container's
prefix — the segmenter and the body finder use this instead of class names.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from crawler.normalize.text import clean_str
from crawler.normalize.urls import absolute
from crawler.parsers.html.chrome import (
    CHROME_ROLES,
    SHARE_URL,
    WRAPPER_ROLES,
    has_h1,
    hints_box,
    hints_chrome,
    hints_noise,
)

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu "
    "nav ol p pre section summary table tbody thead tfoot tr td th ul".split()
)
SKIP_TAGS = frozenset(
    "script style noscript template svg iframe button select option input textarea head "
    "canvas video audio object embed map link meta title".split()
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
MAX_DEPTH = 400

_PRE_STYLE = re.compile(r"white-space\s*:\s*pre", re.IGNORECASE)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_BLANK_LINE = re.compile(r"\S[ \t\r]*\n[ \t\r]*\n[ \t\r\n]*\S")
# What _BLANK_LINE needs at the least. It starts with a literal, so re finds it fast; the full
# pattern (which starts with \S and is tried at every character: ~10 µs on a paragraph) runs
# only when this one matched.
_BLANK_GAP = re.compile(r"\n[ \t\r]*\n")

# Context flags of the element being walked. Below an _INNER element a <header>/<footer> is
# content (a card's footer), not page chrome; below a _CARD element so is a chrome-hinting class.
_ARTICLE, _FIGURE, _QUOTE, _BOLD, _PRE, _INNER, _BODY, _CARD, _IN_ARTICLE, _NOISE = (
    1 << n for n in range(10))
_LINE_FLAGS = _ARTICLE | _FIGURE | _QUOTE | _BODY | _NOISE  # the bits a Line keeps
_FLAG_OF_TAG = {"article": _INNER | _CARD | _ARTICLE | _IN_ARTICLE, "main": _INNER | _ARTICLE,
                "aside": _INNER | _CARD, "section": _INNER | _CARD,
                "li": _INNER | _CARD, "strong": _BOLD, "b": _BOLD, "figure": _FIGURE,
                "blockquote": _QUOTE, "pre": _PRE}


@dataclass(slots=True)
class Line:
    """One visible line of text in reading order."""

    text: str
    tag: str  # the nearest block-level element ("p", "h2", "li", "div", "td", …)
    index: int = 0
    indent: int = 0  # leading spaces in pre-formatted text ("Læses lige nu" widgets)
    links: list[tuple[str, str]] = field(default_factory=list)  # (absolute url, link text)
    anchor: str | None = None  # href of an <a> the whole line sits inside
    bold: bool = False  # all of the line's text is <strong>/<b>
    element: Any = None  # the block element (lxml), for class-name hints
    path: tuple[int, ...] = ()  # ids of the enclosing block elements, outermost first
    time: str | None = None  # datetime attribute of a <time> inside the line
    image: str | None = None  # src of an <img> met since the previous line
    flags: int = 0  # what the line sits in, as bits: read them through the in_* properties

    @property
    def in_article(self) -> bool:
        """Inside ``<article>`` or ``<main>``."""
        return bool(self.flags & _ARTICLE)

    @property
    def in_figure(self) -> bool:
        return bool(self.flags & _FIGURE)

    @property
    def in_quote(self) -> bool:
        return bool(self.flags & _QUOTE)

    @property
    def in_body(self) -> bool:
        """Inside an ``itemprop="articleBody"`` element."""
        return bool(self.flags & _BODY)

    @property
    def in_noise(self) -> bool:
        """Inside a box named as non-body text (comments, a related rail, a sidebar …:
        :func:`~crawler.parsers.html.chrome.hints_noise`)."""
        return bool(self.flags & _NOISE)

    @property
    def url(self) -> str | None:
        """The line's own link: the link it sits in, else its only link."""
        if self.anchor:
            return self.anchor
        if len(self.links) == 1:
            return self.links[0][0]
        return None

    def within(self, container: tuple[int, ...]) -> bool:
        """Whether the line sits inside the block element whose path is ``container``."""
        return self.path[:len(container)] == container


def pre_classes(root: Any) -> frozenset[str]:
    """Class names that a ``<style>`` rule of the page makes ``white-space: pre*``."""
    found: set[str] = set()
    for el in root.iter("style"):
        css = el.text or ""
        if "white-space" not in css:
            continue
        for selectors, body in _CSS_RULE.findall(css):
            if _PRE_STYLE.search(body):
                for selector in selectors.split(","):
                    last = selector.strip().split()[-1:] or [""]
                    found.update(_CSS_CLASS.findall(last[0]))
    return frozenset(found)


class _Flattener:
    """Walks the tree once and emits :class:`Line` objects.

    Written for speed (it is the only part of a page parse that visits every element): one
    method call per element, attributes read in one ``items()`` call, context as bit flags.
    """

    def __init__(self, base_url: str, pre: frozenset[str]) -> None:
        self.base_url = base_url
        self.pre = pre
        self.lines: list[Line] = []
        self._parts: list[str] = []
        self._links: list[tuple[str, str]] = []
        self._bold = False  # the current line has bold text
        self._plain = False  # … and text that is not bold
        self._line_pre = False
        self._share = 0  # characters of share-link text in the current line
        self._time: str | None = None
        self._image: str | None = None
        self._anchor: str | None = None  # the card link the current lines sit in
        self._flags = 0
        self._block: Any = None
        self._tag = "div"
        self._path: tuple[int, ...] = ()  # shared by the lines of one element: built once
        self._ids = 0

    # --- lines --------------------------------------------------------------------------

    def flush(self) -> None:
        if not (self._bold or self._plain):  # only whitespace since the last line
            if self._parts or self._links or self._share:
                self._parts, self._links, self._share, self._line_pre = [], [], 0, False
            return
        raw = "".join(self._parts)
        links, bold, plain, share, line_pre = (self._links, self._bold, self._plain,
                                               self._share, self._line_pre)
        self._parts, self._links, self._bold, self._plain, self._share, self._line_pre = \
            [], [], False, False, 0, False
        text = clean_str(raw)
        if not text:  # only invisible characters (a lone &shy;)
            return
        if share and share >= 0.6 * len(text.replace(" ", "")):
            self._time = None
            return  # a share bar
        self.add_line(text, self._tag, self._block, self._flags, self._path,
                      len(raw) - len(raw.lstrip(" \t\r\n")) if line_pre else 0, links,
                      bold and not plain)

    def add_line(self, text: str, tag: str, block: Any, flags: int, path: tuple[int, ...],
                 indent: int, links: list[tuple[str, str]], bold: bool) -> None:
        self.lines.append(Line(text, tag, len(self.lines), indent, links, self._anchor, bold,
                               block, path, self._time, self._image, flags & _LINE_FLAGS))
        self._time = None
        self._image = None

    def text(self, value: str) -> None:
        """Add text of the current element (``value`` is non-empty)."""
        flags = self._flags
        if not flags & _PRE:
            if value.isspace():
                if self._parts:
                    self._parts.append(" ")
                return
            if "\n" not in value or not _BLANK_GAP.search(value) \
                    or not _BLANK_LINE.search(value):
                self._parts.append(value)
                if flags & _BOLD:
                    self._bold = True
                else:
                    self._plain = True
                return
            # Pre-formatted text whose stylesheet we cannot see: keep its line breaks for the
            # rest of this element.
            self._flags = flags = flags | _PRE
        first = True
        for piece in value.split("\n"):
            if not first:
                self.flush()
            first = False
            if piece:
                self._parts.append(piece)
                self._line_pre = True
                if not piece.isspace():
                    if flags & _BOLD:
                        self._bold = True
                    else:
                        self._plain = True

    # --- elements -----------------------------------------------------------------------

    def children(self, el: Any, depth: int) -> None:
        """Walk the content of ``el`` (its text, child elements and their tails)."""
        text = el.text
        if text:
            self.text(text)
        element = self.element
        depth += 1
        for child in el:
            tag = child.tag
            if tag.__class__ is str and (tag not in SKIP_TAGS
                                         or (tag == "noscript" and holds_page(child))):
                if tag == "br":
                    self.flush()
                else:
                    element(child, tag, depth)
            tail = child.tail
            if tail:
                if tail.isspace() and not self._flags & _PRE:
                    if self._parts:
                        self._parts.append(" ")
                else:
                    self.text(tail)

    def element(self, el: Any, tag: str, depth: int) -> None:
        """Walk one element (not a skipped tag, not ``<br>``) that sits at ``depth``."""
        if tag == "img" or tag == "amp-img":
            if self._image is None:
                self._image = image_source(el, self.base_url)
            return
        flags = self._flags
        new = flags
        items = el.items()
        if items:
            cls = ident = style = None
            for key, value in items:
                if key == "class":
                    cls = value
                elif key == "id":
                    ident = value
                elif key == "style":
                    style = value
                elif key == "role":
                    role = value.lower()
                    if role in CHROME_ROLES and (role not in WRAPPER_ROLES or not has_h1(el)):
                        return
                elif key == "hidden" or (key == "aria-hidden" and value == "true"):
                    return
                elif key == "itemprop" and value == "articleBody":
                    new |= _BODY | _ARTICLE
            if style:
                folded = style.replace(" ", "").lower()
                if "display:none" in folded:
                    return
                if "white-space:pre" in folded:
                    new |= _PRE
            if cls or ident:
                if tag != "article" and tag != "main" and (
                        (not flags & _CARD and hints_chrome(cls, ident))
                        or (flags & _IN_ARTICLE and hints_box(cls, ident))) \
                        and not has_h1(el):
                    return
                if cls and self.pre and any(c in self.pre for c in cls.split()):
                    new |= _PRE
                # Never the article itself: not <article>/<main>, not the articleBody element,
                # not a box holding the title.
                if not new & _NOISE and not (new & ~flags & _BODY) and tag != "article" \
                        and tag != "main" and hints_noise(cls, ident) and not has_h1(el):
                    new |= _NOISE
        if (tag == "nav" or ((tag == "header" or tag == "footer") and not flags & _INNER)) \
                and not has_h1(el):
            return
        if depth > MAX_DEPTH:
            # Pathological nesting: keep the text, give up on structure below this point.
            text = text_of(el)
            if text:
                self.text(text)
            return
        if tag == "a":
            self.link(el, depth)
            return
        if tag in _FLAG_OF_TAG:
            new |= _FLAG_OF_TAG[tag]
        elif tag == "time":
            stamp = el.get("datetime")
            if stamp and self._time is None:
                self._time = stamp.strip()
        if tag in BLOCK_TAGS:
            if self._parts or self._links:
                self.flush()
            self._ids += 1
            text = el.text
            if not len(el) and text and not new & _PRE and "\n" not in text \
                    and not self._share and not text.isspace():
                # A block holding one run of text (<p>…</p>, the commonest element) is one
                # line: made here without the text()/flush() round trip.
                text = clean_str(text)
                if text:
                    self.add_line(text, tag, el, new, self._path + (self._ids,), 0, [],
                                  bool(new & _BOLD))
                return
            saved = self._flags, self._block, self._tag, self._path
            self._flags, self._block, self._tag = new, el, tag
            self._path = self._path + (self._ids,)
            if len(el):
                self.children(el, depth)
            elif el.text:
                self.text(el.text)
            if self._parts or self._links:
                self.flush()
            self._flags, self._block, self._tag, self._path = saved
        else:
            self._flags = new
            if len(el):
                self.children(el, depth)
            elif el.text:
                self.text(el.text)
            self._flags = flags

    def link(self, el: Any, depth: int) -> None:
        href = el.get("href")
        url = absolute(href, self.base_url) if href else None
        if url and _is_card(el):
            self.flush()
            saved = self._anchor
            self._anchor = url
            if el.text and el.text.strip():
                self.text(el.text)
            for child in el:
                self.flush()
                tag = child.tag
                if tag.__class__ is str and tag not in SKIP_TAGS and tag != "br":
                    self.element(child, tag, depth + 1)
                self.flush()
                if child.tail and not child.tail.isspace():
                    self.text(child.tail)
            self.flush()
            self._anchor = saved
            return
        # Most links hold only text: read it without an itertext() walk.
        text = text_of(el) if len(el) else el.text or ""
        if href and SHARE_URL.match(href.strip()):
            self._share += len("".join(text.split()))
        elif url:
            self._links.append((url, clean_str(text)))
        if len(el):
            self.children(el, depth)
        elif el.text:
            self.text(el.text)


NOSCRIPT_PAGE = 200  # characters of paragraph text that make a <noscript> the page itself


def holds_page(noscript: Any) -> bool:
    """Whether a ``<noscript>`` holds the page itself (the no-JavaScript copy of a site that
    renders with scripts): an ``<h1>``, or paragraphs of 200+ characters. A tracking pixel or
    a "please enable JavaScript" notice does not."""
    if has_h1(noscript):
        return True
    size = 0
    for p in noscript.iter("p"):
        size += len(text_of(p))
        if size >= NOSCRIPT_PAGE:
            return True
    return False


def image_source(el: Any, base_url: str) -> str | None:
    """The picture an ``<img>`` shows: a lazy loader's ``data-src`` (its ``src`` is then a
    placeholder) before ``src``, then the first ``srcset`` candidate; never a ``data:`` URI."""
    for name in ("data-src", "data-lazy-src", "data-original", "src", "srcset", "data-srcset"):
        value = (el.get(name) or "").strip()
        if name.endswith("srcset") and value:
            value = value.split()[0].rstrip(",")  # URLs may hold commas: split on spaces
        if value and not value.startswith("data:"):
            return absolute(value, base_url)
    return None


def _is_card(el: Any) -> bool:
    """A link holding several text-bearing child elements and no loose text of its own."""
    if len(el) < 2 or (el.text or "").strip():
        return False
    texty = 0
    for child in el:
        if (child.tail or "").strip():
            return False
        if child.tag.__class__ is str and clean_str(text_of(child)):
            texty += 1
    return texty >= 2


def flatten(root: Any, base_url: str) -> list[Line]:
    """The visible lines of ``root`` in reading order."""
    body = root.find(".//body") if root.tag != "body" else root
    walker = _Flattener(base_url, pre_classes(root))
    start = body if body is not None else root
    walker._ids += 1
    walker._path = (walker._ids,)
    walker._block, walker._tag = start, start.tag if isinstance(start.tag, str) else "div"
    walker.children(start, 0)
    walker.flush()
    lines = walker.lines
    # A line that sits wholly inside an anchor keeps that anchor as its own link.
    for line in lines:
        if line.anchor is None and len(line.links) == 1 and line.links[0][1] == line.text:
            line.anchor = line.links[0][0]
    return lines


_local = threading.local()


def _parser(utf8: bool = False) -> Any:
    name = "utf8_parser" if utf8 else "parser"
    parser = getattr(_local, name, None)
    if parser is None:
        # Plain lxml elements: lxml.html's Python-level element-class lookup would cost more
        # than the walk itself.
        parser = etree.HTMLParser(encoding="utf-8" if utf8 else None, remove_comments=True,
                                  remove_pis=True)
        setattr(_local, name, parser)
    return parser


def parse_html(html: str | bytes, *, utf8: bool = False) -> Any:
    """An lxml tree for ``html``; raises ``ValueError`` for documents lxml cannot read.

    ``utf8=True`` says ``html`` is bytes known to be valid UTF-8: they are parsed as UTF-8
    whatever charset the page declares.
    """
    try:
        try:
            root = etree.fromstring(html, _parser(utf8))
        except ValueError:
            if not isinstance(html, str):
                raise
            # "Unicode strings with encoding declaration are not supported"
            root = etree.fromstring(html.encode("utf-8"), _parser(utf8=True))
    except etree.LxmlError as exc:
        raise ValueError(str(exc)) from exc
    if root is None:
        raise ValueError("Document is empty")
    return root


def text_of(el: Any) -> str:
    """All text below ``el`` (like lxml.html's ``text_content``), tail excluded."""
    return "".join(el.itertext())
