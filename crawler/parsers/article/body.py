"""The article's own text: the body container and the body blocks in reading order.

:func:`read_body` gets the article's lines after the header and the lead
(:func:`crawler.parsers.article.header.read_top`). The body container is found without class
names: the ``itemprop="articleBody"`` element when there is one, else the deepest block element
that holds at least 70% of the text of the longer lines (50+ characters, not mostly link text:
a "Mest læste" list of teaser links does not vote) between the lead and the first widget.
Inside it, in reading order, every line becomes a block — ``heading`` (``<h2>``–``<h6>``, a
morning-briefing story headline, or a short line without terminal punctuation followed by
longer text), ``list_item`` (``<li>``), ``quote`` (``<blockquote>``, or a paragraph introduced
by ``- ``/``– ``) or ``paragraph`` — except: related-link pointers
(:mod:`crawler.parsers.article.related`, returned as matches), header items (captions and
credits, the hero placeholder, premium-box lines: returned as header items,
:class:`~crawler.parsers.article.header.HeaderItem`, never recorded here),
archive/provenance notes, an old template's ``Relevante link`` list of bare addresses (its
addresses stay in ``links``), pointers to other pages (a line that is nearly all link text
after a short label and colon, or among other such lines), boxes named as non-body text
(comments, teaser rails: :func:`crawler.parsers.html.chrome.hints_noise`), after the last
long line the label of a box of links, share/tool labels (``Del på …``, ``Gem artikel``),
and everything from a paywall call to action (``Denne artikel er forbeholdt abonnenter``,
``Læs hele artiklen med Premium``) or an old template's closing line (``Flere mennesker i IT``)
on. See
docs/extraction-rules.md, Article: ``body`` / ``blocks``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.normalize.text import clean, ends_like_sentence
from crawler.parsers.article.captions import figure_size, is_caption
from crawler.parsers.article.evidence import votes
from crawler.parsers.article.header import (
    HeaderItem,
    header_item_in_body,
    header_item_size,
    is_note,
)
from crawler.parsers.article.related import RelatedMatch, match_related
from crawler.parsers.html.lines import HEADING_TAGS, Line
from crawler.records import Block, Link
from crawler.records.vocabulary import BlockKind

ROOT_SHARE = 0.7
HEADING_MAX = 80
DASH_QUOTE = re.compile(r"^[-–—]\s+\S")
BODY_END = ("Flere mennesker i IT", "Skal din virksomhed med i Guiden")
# Labels of the site's own navigation between articles: a box headed by one of these is not
# body (a "next article" teaser in it is another article's text).
SECTION_LABELS = frozenset({"næste artikel", "forrige artikel", "mest læste", "mest læst",
                            "mest læste artikler", "seneste nyt", "seneste nyheder",
                            "andre læser også", "populære artikler"})
# Matched against the lower-cased line.
PAYWALL = re.compile(
    r"(?:^|[.!?]\s+)(?:(?:denne|dette|resten af|hele)\s+)*(?:artikel|artiklen|indhold|"
    r"indholdet|historie|historien)\b[^.]{0,40}?forbeholdt|"
    r"(?:^|[.!?]\s+)(?:\w+\s+er\s+)?forbeholdt\s+(?:vores\s+)?(?:[\w-]+-)?abonnenter|"
    r"læs hele artiklen|bliv abonnent|se abonnementer|"
    r"log ind for at læse|køb adgang|prøv premium|allerede abonnent|fortsæt med at læse")
TOOL_LABEL = re.compile(
    r"^(?:Del (?:på|artiklen|via)\b|Send som e-?mail|Gem artikel|Print(?:er)? artikel|"
    r"Kopiér link|Del\b|Print|Tip en ven|Lyt til artiklen)", re.IGNORECASE)
AD_MARKER = re.compile(r"^(?:(?:Annonce|Reklame|Sponsoreret(?: indhold)?|Annoncørbetalt indhold)"
                       r"\s*:?|Artiklen fortsætter (?:efter|under) (?:annoncen|reklamen)\.?)$",
                       re.IGNORECASE)
# The labels of a share bar whose links are scripts (no sharer URL to know them by).
SHARE_LABELS = frozenset({"facebook", "linkedin", "twitter", "x", "mail", "e-mail", "email",
                          "messenger", "whatsapp", "kopiér link", "kopier link", "print"})
_HEADLINE_SPLIT = re.compile(r"\s+/\s+|(?<=[.!?])\s+")
TEASER_LINK_SHARE = 0.8  # a line this much link text points at another page
# "Label: linked title" — a pointer to another article in any language ("Lea también:",
# "Auch lesen:"): a short label ending in a colon, then the link.
_POINTER_LABEL = re.compile(r"^[^\W\d][\w ]{0,28}[:|]\s*(?=\S)")


@dataclass
class Body:
    """What :func:`read_body` found in the body container, in page order."""

    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # every link of a block
    related: list[RelatedMatch] = field(default_factory=list)  # the read-more pointers
    header_items: list[HeaderItem] = field(default_factory=list)  # left out, not recorded


def is_paywall(text: str) -> bool:
    """A subscription call to action ("Denne artikel er forbeholdt abonnenter …")."""
    if len(text) > 200:
        return False
    lowered = text.lower()
    # Every PAYWALL phrase holds one of these words: testing them first spares most lines the
    # regex search (an alternation is tried at every position: ~2 µs on a paragraph).
    if not ("forbeholdt" in lowered or "abonn" in lowered or "læs" in lowered
            or "adgang" in lowered or "premium" in lowered):
        return False
    return PAYWALL.search(lowered) is not None


def common_prefix(paths: list[tuple[int, ...]]) -> tuple[int, ...]:
    first = paths[0]
    k = len(first)
    for p in paths[1:]:
        k = min(k, len(p))
        while p[:k] != first[:k]:
            k -= 1
    return first[:k]


def noise_votes(lines: list[Line]) -> bool:
    """Whether lines inside noise boxes (comments, related rails, sidebars: ``Line.in_noise``)
    take part: only when no other line is long enough to vote — a page whose whole text sits
    in a box named like one is read rather than dropped."""
    return not any(votes(ln) for ln in lines if not ln.in_noise)


def body_root(lines: list[Line], *, with_noise: bool = False) -> tuple[int, ...] | None:
    """The path of the body container among ``lines``; ``None`` when no line is long enough
    to be article text. Lines in noise boxes vote only ``with_noise``."""
    marked = [ln.path for ln in lines if ln.in_body and (with_noise or not ln.in_noise)]
    if marked:
        return common_prefix(marked)
    own: dict[tuple[int, ...], int] = {}
    for ln in lines:
        own[ln.path] = own.get(ln.path, 0) + 1
    # Weights are kept per element id, not per path prefix: ids are unique, so the last id of a
    # prefix names it, and no prefix tuple is built and hashed for every level of every line.
    weights: dict[int, int] = {}
    depth_of: dict[int, tuple[int, tuple[int, ...]]] = {}  # id → (prefix length, a full path)
    total = 0
    for ln in lines:
        if not votes(ln) or (ln.in_noise and not with_noise):
            continue
        n = len(ln.text)
        total += n
        p = ln.path
        # A line's own element is a candidate only when it holds several lines (<br> text).
        top = len(p) + 1 if own[p] > 1 else len(p)
        for k in range(1, top):
            key = p[k - 1]
            if key in weights:
                weights[key] += n
            else:
                weights[key] = n
                depth_of[key] = (k, p)
    if not total:
        return None
    # Elements holding 70% of the text nest in one another (two disjoint ones cannot both):
    # the deepest is the container.
    best_depth = 0
    best_path: tuple[int, ...] = ()
    for key, weight in weights.items():
        if weight >= ROOT_SHARE * total:
            depth, path = depth_of[key]
            if depth > best_depth:
                best_depth, best_path = depth, path
    return best_path[:best_depth]


def story_headlines(title: str | None, lead: str | None) -> list[str]:
    """Headlines a morning briefing repeats as story headings (from its title and lead)."""
    found = []
    if title and ":" in title:
        found += _HEADLINE_SPLIT.split(title.split(":", 1)[1])
    if lead:
        found += _HEADLINE_SPLIT.split(lead)
    return [h.strip(" .").casefold() for h in found if len(h.strip(" .")) >= 15]


def block_kind(line: Line, next_line: Line | None, headlines: list[str]) -> BlockKind:
    """``heading``, ``list_item``, ``quote`` or ``paragraph`` for one body line."""
    if line.tag in HEADING_TAGS:
        return "heading"
    if line.tag == "li":
        return "list_item"
    text = line.text
    if line.in_quote or DASH_QUOTE.match(text):
        return "quote"
    if headlines and len(text) <= 200 and not text.endswith((".", ",", ":", ";")):
        key = text.casefold()
        if any(h.startswith(key) or key.startswith(h) for h in headlines):
            return "heading"
    if next_line is not None and len(text) <= HEADING_MAX and len(text.split()) <= 12 \
            and not ends_like_sentence(text) and (text[:1].isupper() or text[:1].isdigit()) \
            and not text.endswith((",", "-", "–")) \
            and (line.bold or len(next_line.text) > len(text)):
        return "heading"
    return "paragraph"


def _share_label(lines: list[Line], k: int) -> bool:
    """A share bar's bare label (``Facebook``, ``Mail``): a link, or one of a run of such
    labels. In a list or table only when every item of the run is one (an article may list
    platforms: ``LinkedIn``, ``TikTok`` …)."""
    line = lines[k]
    if not _is_share_word(line.text):
        return False
    if line.url is not None:
        return True
    if line.tag in ("li", "td", "th"):
        parent = line.path[:-1]
        run = [ln for ln in lines if ln.path[:-1] == parent and ln.tag == line.tag]
        return len(run) >= 2 and all(_is_share_word(ln.text) for ln in run)
    return any(0 <= n < len(lines) and lines[n].tag not in ("li", "td", "th")
               and _is_share_word(lines[n].text) for n in (k - 1, k + 1))


def _is_share_word(text: str) -> bool:
    return len(text) <= 12 and text.casefold() in SHARE_LABELS


def _link_share(line: Line) -> float:
    if line.anchor is not None:
        return 1.0
    if not line.links:
        return 0.0
    return sum(len(t) for _, t in line.links) / max(1, len(line.text))


def _teaser_link(lines: list[Line], k: int) -> bool:
    """A pointer to another page rather than body text: a short label and a colon followed by
    (almost) nothing but a link (``Lea también: <title>``), or a line that is (almost) all
    link text among other such lines (a list of teaser links). A single linked line amid the
    text stays."""
    line = lines[k]
    if not line.links and line.anchor is None:
        return False
    label = _POINTER_LABEL.match(line.text)
    if label:
        rest = len(line.text) - label.end() + 1
        linked = sum(len(t) for _, t in line.links) if line.anchor is None else rest
        if linked >= TEASER_LINK_SHARE * rest:
            return True
    if _link_share(line) < TEASER_LINK_SHARE:
        return False
    return any(0 <= n < len(lines) and _link_share(lines[n]) >= TEASER_LINK_SHARE
               for n in (k - 1, k + 1))


LABEL_REACH = 5  # lines after a label searched for the links it heads
# An old template's list of web addresses under "Relevante link(s)": not body text.
LINK_LIST_LABEL = re.compile(r"^(?:Relevante?|Relaterede) (?:links?|henvisninger)\s*:?$",
                             re.IGNORECASE)
BARE_URL = re.compile(r"^(?:https?://|www\.)[^\s/]+\.[a-z]{2,}\S*$", re.IGNORECASE)


def _link_list(lines: list[Line], k: int) -> list[Link]:
    """The addresses of a ``Relevante link`` list starting at line ``k`` (its label), each a
    link, or bare text that is an address; ``[]`` when line ``k`` is no such label."""
    if not LINK_LIST_LABEL.match(lines[k].text):
        return []
    found = []
    for line in lines[k + 1:]:
        if not BARE_URL.match(line.text):
            break
        address = line.url or (line.text if "://" in line.text else "http://" + line.text)
        found.append(Link(url=address, text=line.text))
    return found


def _heads_links(lines: list[Line], k: int) -> bool:
    """A label (no sentence, not a list item) that links to other pages follow: the heading
    of a "more articles" box. A closing line with nothing such after it (the journalist's
    initials, a signature) is the article's."""
    line = lines[k]
    if line.tag == "li" or ends_like_sentence(line.text) or len(line.text) > HEADING_MAX:
        return False
    return any(_link_share(lines[n]) >= TEASER_LINK_SHARE or lines[n].in_noise
               for n in range(k + 1, min(len(lines), k + 1 + LABEL_REACH)))


def _not_body_text(lines: list[Line], k: int) -> int:
    """Lines inside the body container that are neither body nor a header item: notes, tool
    and ad labels, share bars. How many to skip (0: none)."""
    line = lines[k]
    text = line.text
    if is_note(text):
        return 1
    if len(text) <= 40 and (TOOL_LABEL.match(text) or AD_MARKER.match(text)):
        return 1
    if len(text) <= 80 and text.startswith("Del artiklen"):
        return 1
    if _share_label(lines, k):
        return 1
    return 0


def read_body(rest: list[Line], *, has_title: bool, rss: bool, title: str | None,
              lead: str | None, widget_starts: list[int], hero: str | None = None) -> Body:
    """Blocks, links, related-link matches and the header items met, from the lines after
    the header and the lead.

    ``rest`` holds those lines without widget lines; ``widget_starts`` are the line indexes
    where widgets begin (the body ends at the first one after it started). ``rss``: the page
    is an RSS copy (a ``date YYYY-MM`` line). ``hero`` is the page's image (from metadata):
    a figure in the body showing it captions the hero.
    """
    body = Body()
    if not rest:
        return body
    end = next((w for w in widget_starts if w > rest[0].index), None)
    if end is not None:
        rest = [ln for ln in rest if ln.index < end]
    with_noise = noise_votes(rest)
    root = body_root(rest, with_noise=with_noise)
    if root is None:
        if not has_title and not rss:
            return body  # no title and nothing long enough to be an article's text
        root = ()
    rest = [ln for ln in rest if ln.within(root)]
    headlines = story_headlines(title, lead) if _is_briefing(title) else []
    # Where the text ends: after the last line long enough to vote, a line that does not end
    # like a sentence is a label, a credit or a teaser headline of what follows the article
    # ("Weitere Artikel", "Bild: …"), not body.
    last_text = max((n for n, ln in enumerate(rest) if votes(ln)
                     and (with_noise or not ln.in_noise)), default=len(rest))
    k = 0
    while k < len(rest):
        line = rest[k]
        text = line.text
        if line.in_figure or is_caption(line):
            body.header_items.append(HeaderItem(rest, k, caption=True, first=not body.blocks))
            k += figure_size(rest, k)
            continue
        if header_item_in_body(text):
            body.header_items.append(HeaderItem(rest, k, caption=False, first=not body.blocks))
            k += max(1, header_item_size(rest, k))
            continue
        skip = _not_body_text(rest, k)
        if skip:
            k += skip
            continue
        if (len(text) <= 60 and text.startswith(BODY_END)) or is_paywall(text):
            break
        if len(text) <= 30 and text.casefold().rstrip(": ") in SECTION_LABELS \
                and len(line.path) - 1 > len(root):
            # A navigation box ("Mest læste", a "Næste artikel" teaser) in its own element
            # below the body container: skip the box. The same words as a line of the body
            # container itself are a subheading.
            box = line.path[:-1]
            while k < len(rest) and rest[k].within(box):
                k += 1
            continue
        listed = _link_list(rest, k)
        if listed:
            body.links.extend(listed)
            k += 1 + len(listed)
            continue
        matches = match_related(rest, k)
        if matches:
            body.related.extend(m for m in matches if m.cue)
            if not matches[0].keep_in_body or (line.in_noise and not with_noise):
                k += max(1, matches[0].consumed)
                continue
        if line.in_noise and not with_noise:
            k += 1  # a comment, a teaser rail, an author box: read for its cues only
            continue
        if _teaser_link(rest, k) or (k > last_text and _heads_links(rest, k)):
            # A pointer to another page, or after the text has ended the label of a box of
            # them ("Weitere Artikel"): its links are the body's, its text is not.
            body.links.extend(Link(url=href, text=clean(t)) for href, t in line.links)
            k += 1
            continue
        nxt = rest[k + 1] if k + 1 < len(rest) else None
        kind = block_kind(line, nxt, headlines)
        body.blocks.append(Block(kind=kind, text=text))
        body.links.extend(Link(url=href, text=clean(t)) for href, t in line.links)
        k += 1
    return body


def _is_briefing(title: str | None) -> bool:
    return title is not None and title.casefold().startswith(("morgen-briefing", "morgenbriefing"))
