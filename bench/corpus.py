"""The pages the parse benchmarks run on: the fixture pages and generated variants of them.

Variants are made deterministically (a fixed seed) from the fixture pages and from pages of
the synthetic site (:mod:`crawler.devtools.synthetic`): the paragraphs of the page's largest run of
paragraphs are shuffled and some are duplicated, and a few widget-like blocks (asides,
sections, lists, cards) are duplicated in place, so the corpus covers longer bodies and
repeated widgets than the hand-written fixtures do.
"""

from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass
from typing import Any

import lxml.html

from crawler.devtools.fixtures import Case, all_cases
from crawler.devtools.synthetic import SyntheticSite

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


# --- fixture pages at a real page's size ------------------------------------------------------
#
# The fixture pages hold the article and its widgets and little else (7.5 KB on average). The
# news page these benchmarks were planned against is 106 KB of about 940 elements: JSON-LD, a
# navigation, ads, the article and a widget rail. ``with_site_chrome`` puts the chrome such a
# page carries around a fixture page, so the parse ratio can also be read at that size. The
# chrome is invented (nobody here has seen the site's markup) and deterministic, in two
# kinds: semantic (``<header>``, ``<nav>``, ``<footer>``, dialog roles and class names that
# say "chrome": the best case, skipped as whole subtrees) and plain (the same chrome as bare
# ``<div>``s without class, role or label: the worst case, walked line by line).

_SECTIONS = ("Nyheder", "It-ledelse", "Sikkerhed", "Cloud", "Data og AI", "Offentlig it",
             "Karriere", "Udvikling", "Infrastruktur", "Finans-it", "Sundheds-it", "Events",
             "Job", "Podcast", "Debat", "Premium")
_TOPICS = ("strategi", "outsourcing", "ransomware", "NIS2", "Kubernetes", "datacentre",
           "sprogmodeller", "digitalisering", "løn", "ledelse", "open source", "ERP",
           "netværk", "compliance", "arkitektur", "drift")


def _menu() -> str:
    columns = []
    for n, section in enumerate(_SECTIONS):
        slug = section.lower().replace(" ", "-")
        items = "".join(
            f'<li class="mega-menu__item"><a class="mega-menu__link" href="/{slug}/'
            f'{topic.lower().replace(" ", "-")}">{section}: {topic}</a></li>'
            for topic in _TOPICS[n % 4:] + _TOPICS[:n % 4])
        columns.append(f'<div class="mega-menu__column"><h3 class="mega-menu__heading">'
                       f'<a href="/{slug}">{section}</a></h3><ul class="mega-menu__list">'
                       f'{items}</ul></div>')
    return ('<header class="site-header"><div class="site-header__inner"><a class="logo" '
            'href="/"><img src="/static/logo.svg" alt="Computerworld"></a><nav '
            'class="mega-menu" aria-label="Hovedmenu">' + "".join(columns) + '</nav><form '
            'class="search" action="/soeg" role="search"><input name="q" type="search"><button>'
            'Søg</button></form></div></header>')


def _consent() -> str:
    return ('<div class="consent" role="dialog" aria-label="Samtykke"><h2>Vi passer på dine '
            'data</h2><p>Vi og vores 212 partnere bruger cookies til statistik, '
            'personalisering og annoncer.</p><ul>' + "".join(
                f'<li><label><input type="checkbox" checked> {purpose}</label></li>'
                for purpose in ("Nødvendige", "Statistik", "Personalisering", "Annoncer"))
            + '</ul><button>Accepter alle</button><button>Kun nødvendige</button></div>')


def _ad(n: int) -> str:
    return (f'<div class="ad-slot ad-slot--{n}"><div id="div-gpt-ad-{n}"><script>'
            f'googletag.cmd.push(function(){{googletag.display("div-gpt-ad-{n}");}});</script>'
            f'<iframe src="about:blank" title="Annonce {n}"></iframe></div></div>')


def _most_read() -> str:
    items = "".join(
        f'<li><a href="/art/{290000 + n}/artikel-{n}">{_SECTIONS[n]}: Sådan arbejder '
        f'danske virksomheder med {_TOPICS[n]} i 2026</a> <span class="meta">{n + 2} '
        'kommentarer</span></li>' for n in range(10))
    return f'<section class="most-read"><h2>Mest læste</h2><ol>{items}</ol></section>'


def _footer() -> str:
    columns = "".join(
        f'<div class="footer__column"><h4>{section}</h4><ul>' + "".join(
            f'<li><a href="/{section.lower()}/{topic.lower().replace(" ", "-")}">{topic}</a></li>'
            for topic in _TOPICS[:12]) + "</ul></div>" for section in _SECTIONS[:5])
    return (f'<footer class="site-footer">{columns}<p>Computerworld · Nordisk Fagmedie ApS · '
            'Eksempelvej 1 · 2100 København Ø · CVR 00000000</p></footer>')


def _scripts() -> tuple[str, str]:
    """An inline page-state script (~30 KB, as framework pages carry) and tracking tags."""
    state = "{" + ",".join(
        f'"teaser{n}":{{"id":{290000 + n},"title":"{_SECTIONS[n % 16]} og {_TOPICS[n % 16]}",'
        f'"section":"{_SECTIONS[(n * 7) % 16]}","published":"2026-01-{n % 28 + 1:02d}T08:00:00Z"}}'
        for n in range(300)) + "}"
    head = (''.join(f'<link rel="stylesheet" href="/static/css/{n}.css">' for n in range(6))
            + '<style>' + "".join(f'.c{n}{{margin:{n % 9}px;padding:{n % 7}px;color:#{n:06x}}}'
                                  for n in range(300)) + '</style>'
            + f'<script id="page-state" type="application/json">{state}</script>')
    tail = "".join(f'<script>(function(w,d,n){{w[n]=w[n]||[];w[n].push({{"event":"view",'
                   f'"slot":{k},"ts":Date.now()}});}})(window,document,"dataLayer{k}");</script>'
                   for k in range(8))
    return head, tail


_CHROME_TAG = re.compile(r"<(/?)(?:header|nav|footer)\b")
_CHROME_ATTR = re.compile(r'\s(?:class|role|aria-label)="[^"]*"')


def _plain(chrome: str) -> str:
    return _CHROME_ATTR.sub("", _CHROME_TAG.sub(r"<\1div", chrome))


def with_site_chrome(page: Page, semantic: bool = True) -> Page:
    """``page`` inside the chrome of a news page of real size (see above), semantic or plain;
    same URL, same records."""
    text = page.text
    head, tail = _scripts()
    body_open = re.search(r"<body[^>]*>", text, re.IGNORECASE)
    body_close = text.lower().rfind("</body>")
    if body_open is None or body_close < 0:
        return page
    top = _consent() + _menu() + _ad(1)
    bottom = _ad(2) + _most_read() + _ad(3) + _footer() + tail
    if not semantic:
        top, bottom = _plain(top), _plain(bottom)
    text = (text[:body_open.end()] + top + text[body_open.end():body_close] + bottom
            + text[body_close:])
    head_close = text.lower().find("</head>")
    if head_close >= 0:
        text = text[:head_close] + head + text[head_close:]
    suffix = "+chrome" if semantic else "+plain-chrome"
    return Page(page.name + suffix, page.url, page.fetched_at, text.encode("utf-8"))
