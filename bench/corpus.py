"""The pages the parse benchmarks run on: the fixture pages and generated variants of them.

Variants are made deterministically (a fixed seed) from the fixture pages and from pages of
the synthetic site (:mod:`crawler.synthetic`): the paragraphs of the page's largest run of
paragraphs are shuffled and some are duplicated, and a few widget-like blocks (asides,
sections, lists, cards) are duplicated in place, so the corpus covers longer bodies and
repeated widgets than the hand-written fixtures do.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from typing import Any

import lxml.html

from crawler.fixturecheck import Case, all_cases
from crawler.synthetic import SyntheticSite

FETCHED_AT = "2026-02-03T10:00:00Z"
_PARAGRAPH_TAGS = frozenset({"p"})
_WIDGET_TAGS = frozenset({"aside", "section", "ul", "ol", "article", "li"})


@dataclass
class Page:
    name: str
    url: str
    fetched_at: str
    html: bytes

    @property
    def text(self) -> str:
        return self.html.decode("utf-8")


def fixture_pages(cases: list[Case] | None = None) -> list[Page]:
    return [Page(c.name, c.url, c.fetched_at, c.html) for c in (cases or all_cases())]


def synthetic_pages(count: int, site: SyntheticSite | None = None) -> list[Page]:
    site = site or SyntheticSite(n_articles=max(count, 1))
    return [Page(f"synthetic_{i}", f"https://www.computerworld.dk{site.article_path(i)}",
                 FETCHED_AT, site.page(i)) for i in site.ids[:count]]


def _paragraph_parent(root: Any) -> Any | None:
    """The element with the most ``<p>`` children: the article body on these pages."""
    best, best_count = None, 1
    for element in root.iter():
        count = sum(1 for child in element if child.tag in _PARAGRAPH_TAGS)
        if count > best_count:
            best, best_count = element, count
    return best


def _shuffle_paragraphs(parent: Any, rng: random.Random) -> None:
    slots = [n for n, child in enumerate(parent) if child.tag in _PARAGRAPH_TAGS]
    paragraphs = [parent[n] for n in slots]
    extra = [copy.deepcopy(p) for p in paragraphs if rng.random() < 0.5]
    pool = paragraphs + extra
    rng.shuffle(pool)
    for n in reversed(slots):
        parent.remove(parent[n])  # lxml keeps tails with their element; fine for <p>
    anchor = slots[0] if slots else len(parent)
    for offset, paragraph in enumerate(pool):
        parent.insert(anchor + offset, paragraph)


def _duplicate_widgets(root: Any, rng: random.Random, count: int) -> None:
    candidates = [e for e in root.iter() if e.tag in _WIDGET_TAGS and e.getparent() is not None
                  and e.text_content().strip()]
    for element in rng.sample(candidates, min(count, len(candidates))):
        element.addnext(copy.deepcopy(element))


def variant(page: Page, rng: random.Random, n: int) -> Page:
    """``page`` with its paragraphs shuffled and partly duplicated, and 1–3 widget blocks
    duplicated; still UTF-8 HTML with the same URL."""
    root = lxml.html.fromstring(page.text)
    parent = _paragraph_parent(root)
    if parent is not None:
        _shuffle_paragraphs(parent, rng)
    _duplicate_widgets(root, rng, rng.randint(1, 3))
    doctype = root.getroottree().docinfo.doctype or "<!DOCTYPE html>"
    text = doctype + "\n" + lxml.html.tostring(root, encoding="unicode")
    return Page(f"{page.name}~v{n}", page.url, page.fetched_at, text.encode("utf-8"))


def variant_pages(count: int, seed: int = 7, cases: list[Case] | None = None) -> list[Page]:
    """``count`` variants: a fifth from synthetic-site pages, the rest from fixture pages."""
    rng = random.Random(seed)
    sources = fixture_pages(cases)
    synthetic = synthetic_pages(max(1, count // 5))
    pages = []
    for n in range(count):
        base = synthetic[n % len(synthetic)] if n % 5 == 0 else rng.choice(sources)
        pages.append(variant(base, rng, n))
    return pages
