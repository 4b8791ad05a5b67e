"""The same page in other markups: transforms of an lxml tree that keep every record.

A page nobody here has seen may be in any markup, so every fixture page is re-rendered and
must give the same records: :data:`FIXTURE_MARKUPS` applies to every fixture page,
:data:`SEED_MARKUPS` to the seed page (they rely on its structure). The tests and the record
diff (``python -m bench --diff REV``) use them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import lxml.html

from crawler.parsers.html.lines import BLOCK_TAGS

Transform = Callable[[Any], None]


def render(root: Any) -> str:
    """The tree as HTML text again."""
    return str(lxml.html.tostring(root, encoding="unicode"))


def rerender(html: bytes | str, transform: Transform) -> str:
    """``html`` parsed, transformed and rendered again."""
    text = html.decode("utf-8") if isinstance(html, bytes) else html
    root = lxml.html.document_fromstring(text)
    transform(root)
    return render(root)


# --- the seed page in other markups ----------------------------------------------------------

def _all_divs(root: Any) -> None:
    """Every block element a bare <div>: no article/aside/nav/header/footer, no classes."""
    for el in root.find("body").iter():
        if isinstance(el.tag, str) and el.tag in BLOCK_TAGS - {"body", "html"}:
            el.tag = "div"
            for attr in [a for a in el.attrib if a not in ("href", "src")]:
                del el.attrib[attr]


def _br_body(root: Any) -> None:
    """The article body as one <div> of <br>-separated lines (headings as plain lines)."""
    [container] = root.xpath("//*[@itemprop='articleBody']")
    pieces = []
    for child in container:
        inner = (child.text or "") + "".join(lxml.html.tostring(c, encoding="unicode")
                                             for c in child)
        pieces.append(inner.strip())
    new = lxml.html.fragment_fromstring("<div>" + "<br><br>".join(pieces) + "</div>")
    container.getparent().replace(container, new)


def _span_cards(root: Any) -> None:
    """Each event card and job ad one <a> with inline <span> lines and no whitespace."""
    for card in root.xpath("//*[contains(@class, 'event-card ') or @class='event-card']"
                           " | //a[contains(@class, 'job-card')]"):
        href = card.xpath(".//a/@href | self::a/@href")[0]
        texts = [" ".join(el.text_content().split()) for el in card.iterchildren()]
        new = lxml.html.fragment_fromstring(
            f'<a href="{href}">' + "".join(f"<span>{t}</span>" for t in texts) + "</a>")
        card.getparent().replace(card, new)


def _no_metadata(root: Any) -> None:
    """No JSON-LD, no OpenGraph, no article:* or twitter:* metas."""
    for el in root.xpath("//script[@type='application/ld+json'] | //meta[@property] | "
                         "//meta[starts-with(@name, 'twitter:')]"):
        el.getparent().remove(el)


def _pre_widgets(root: Any) -> None:
    """The widget rail as the stored text copies show it: one white-space:pre block under
    'Læses lige nu', every line indented four spaces."""
    [rail] = root.xpath("//aside")
    lines = []
    for el in rail.iter("h2", "p", "li", "h3", "div"):
        if el.tag == "div" and el.get("class") not in ("job-card__company", "job-card__title",
                                                      "job-card__region"):
            continue
        text = " ".join(el.text_content().split())
        if text:
            lines.append("    " + text)
    new = lxml.html.fragment_fromstring(
        '<div style="white-space: pre">Læses lige nu\n' + "\n\n".join(lines) + "</div>")
    rail.getparent().replace(rail, new)


SEED_MARKUPS: list[tuple[str, Transform]] = [
    ("all divs", _all_divs), ("br body", _br_body), ("span cards", _span_cards),
    ("no json-ld or og", _no_metadata), ("pre-formatted widgets", _pre_widgets),
]



# --- every fixture page in other markups -----------------------------------------------------

def _strip_hints(root: Any) -> None:
    """No class, id, itemprop, role or aria-label anywhere."""
    for el in root.iter():
        if isinstance(el.tag, str):
            for attr in ("class", "id", "itemprop", "itemscope", "role", "aria-label"):
                el.attrib.pop(attr, None)


def _asides_first(root: Any) -> None:
    """Sidebars before the article in source order."""
    body = root.find("body")
    for aside in root.xpath("//aside"):
        aside.getparent().remove(aside)
        body.insert(0, aside)


def _reflow(root: Any) -> None:
    """Source-formatted text: long text nodes wrapped with a newline and indentation."""
    for el in root.find("body").iter():
        if not isinstance(el.tag, str) or el.tag == "pre" or "pre" in (el.get("style") or ""):
            continue
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if value and len(value) > 60 and "\n\n" not in value:
                words = value.split(" ")
                setattr(el, attr, " ".join(w + ("\n        " if n % 8 == 7 else "")
                                           for n, w in enumerate(words)))


def _table_layout(root: Any) -> None:
    """The page laid out in a table: everything in one cell, the asides in the next."""
    body = root.find("body")
    table = lxml.html.fragment_fromstring("<table><tr><td></td><td></td></tr></table>")
    main_cell, side_cell = table.iter("td")
    for child in list(body):
        (side_cell if child.tag == "aside" else main_cell).append(child)
    body.append(table)


def _minified(root: Any) -> None:
    """No whitespace between block elements (a minifier's output)."""
    for el in root.find("body").iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and el.text.isspace() and len(el) and el[0].tag in BLOCK_TAGS:
            el.text = None
        if el.tail and el.tail.isspace() and el.tag in BLOCK_TAGS:
            el.tail = None


def _custom_wrappers(root: Any) -> None:
    """Every <div>/<section> that wraps blocks a custom element (``<cw-div>``), which HTML
    treats as inline: the wrappers no longer separate the widgets' containers."""
    for el in root.find("body").iter():
        if el.tag in ("div", "section") and any(c.tag in BLOCK_TAGS for c in el):
            el.tag = "cw-" + el.tag


FIXTURE_MARKUPS: list[tuple[str, Transform]] = [
    ("all divs", _all_divs), ("no json-ld or og", _no_metadata), ("no hints", _strip_hints),
    ("asides first", _asides_first), ("reflowed text", _reflow), ("table layout", _table_layout),
    ("minified", _minified), ("custom-element wrappers", _custom_wrappers),
]
