"""The article record: metadata first from standards, the visible text as fallback.

Field sources, in order of preference:

* ``url``/``article_id``: ``rel=canonical``, ``og:url``, JSON-LD ``url``/``mainEntityOfPage``,
  the fetched URL (any copy: ``www`` or not, ``http``, no slug, ``?utm_*``, ``?a=fp``);
* ``title``: an ``<h1>`` (one matching the metadata title first), else the visible line equal
  to JSON-LD ``headline``/``og:title``/``<title>`` (site suffix `` | Computerworld`` or
  `` - Computerworld`` removed), else that metadata value itself;
* ``genre``: a leading label with a colon on the title or lead (``Morgenbriefing:``,
  ``Interview:``, ``Computerworld mener:`` …), or ``Interview`` without colon opening the lead;
* ``authors``: JSON-LD ``author``, ``<meta name=author>``, ``article:author`` (not URLs), the
  visible byline (``Af A og B, Medie``, ``Fortalt til: A``);
* ``published``/``modified``: JSON-LD ``datePublished``/``dateModified``,
  ``article:published_time``/``article:modified_time``, a ``<time datetime>`` in the header,
  then visible text (``Udgivet 6. marts 2017 kl. 10.02``, ``d. 27. oktober 2006``, a byline
  date); an RSS copy's ``date 2017-09`` gives ``published_raw`` only, warning ``date_imprecise``;
* ``section``/``tags``: JSON-LD ``articleSection``/``keywords``, ``article:section``/
  ``article:tag``; ``language``: ``<html lang>``, JSON-LD ``inLanguage``, default ``da``;
* ``image``: ``og:image``/``twitter:image``/JSON-LD ``image``/the hero ``<img>``, with the
  caption and credit of :func:`crawler.parsers.article.header.parse_caption`;
* ``is_premium``: the premium marker or JSON-LD ``isAccessibleForFree: false``.

The lead, body blocks and related links come from :mod:`crawler.parsers.article.body`. Warnings:
``no_title``, ``no_body`` (layout drift), ``encoding_suspect`` (``?`` or U+FFFD where a letter
or quote belongs), ``no_article_id``, ``date_imprecise``, ``date_unparsed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from crawler.normalize import dates
from crawler.normalize.text import clean, looks_mis_encoded
from crawler.normalize.urls import absolute, article_id, canonical_article_url
from crawler.parsers.article.body import read_body
from crawler.parsers.article.header import RSS_DATE, Header, byline_names, read_header_line
from crawler.parsers.html.lines import Line
from crawler.parsers.html.metadata import Metadata
from crawler.records import Article, Image, RelatedLink

GENRES = ("Computerworld mener", "CW for 10 år siden", "Morgen-briefing", "Morgenbriefing",
          "Interview", "Kommentar", "Leder", "Bakspejlet", "Computerviews", "Analyse", "Debat",
          "Klumme", "Anmeldelse")
_GENRE = re.compile(r"^(?P<genre>" + "|".join(re.escape(g) for g in GENRES) + r")\s*:")
_AF = re.compile(r"^Af\s+")
_SURNAME_FIRST = re.compile(r"^[A-ZÆØÅ][\w'’-]+,\s+[A-ZÆØÅ][\w.'’-]+$")
_INTERVIEW = re.compile(r"^Interview\s+[A-ZÆØÅ]")
SITE_SUFFIX = re.compile(r"\s*[|\-–]\s*Computerworld(?:\.dk)?\s*$", re.IGNORECASE)
SITE_NAMES = frozenset({"computerworld", "computerworld.dk", "computerworld danmark"})
PRE_TITLE_LINES = 3  # "Artikel top billede" may stand just before the title (field guide §2.2)


@dataclass
class ArticleResult:
    article: Article
    related: list[RelatedLink] = field(default_factory=list)
    body_lines: set[int] = field(default_factory=set)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ld_str(ld: dict[str, Any], key: str) -> str | None:
    value = ld.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _names(value: Any) -> list[str]:
    """People named as authors: not organisations (``"@type": "Organization"``, the site's own
    name), not URLs; a name written as a byline (``Af A og B, Medie``) gives its names."""
    names = []
    for item in _as_list(value):
        if isinstance(item, dict):
            kinds = _as_list(item.get("@type"))
            if "Organization" in kinds or "NewsMediaOrganization" in kinds:
                continue
            item = item.get("name")
        name = clean(item) if isinstance(item, str) else None
        if not name or name.startswith(("http://", "https://")) or \
                name.casefold() in SITE_NAMES:
            continue
        name = _AF.sub("", name)
        # "A og B, Medie" written into the name: its names. "Hansen, Jens" stays one name.
        surname_first = _SURNAME_FIRST.match(name) is not None
        split = byline_names("Af " + name) \
            if ("," in name and not surname_first) or " og " in name else None
        names.extend(split or [name])
    return names


def _image_url(value: Any) -> str | None:
    for item in _as_list(value):
        if isinstance(item, str) and item.strip():
            return item.strip()
        if isinstance(item, dict):
            url = item.get("url") or item.get("contentUrl")
            if isinstance(url, str) and url.strip():
                return url.strip()
    return None


def strip_site_suffix(title: str | None) -> str | None:
    if not title:
        return None
    if "computerworld" not in title.lower():  # spares most titles the unanchored search
        return clean(title)
    return clean(SITE_SUFFIX.sub("", title))


def genre_of(title: str | None, lead: str | None) -> str | None:
    """The genre label opening the title or the lead (without its colon)."""
    for text in (title, lead):
        m = _GENRE.match(text) if text else None
        if m:
            return m["genre"]
    if lead and _INTERVIEW.match(lead):
        return "Interview"
    return None


def _same_title(text: str, wanted: list[str]) -> bool:
    folded = text.casefold()
    for want in wanted:
        w = want.casefold()
        if folded == w or (len(w) >= 20 and len(folded) >= 20
                           and (folded.startswith(w) or w.startswith(folded))):
            return True
    return False


def find_title(lines: list[Line], meta: Metadata, widget_lines: set[int]) -> int | None:
    """Position of the title line: an ``<h1>`` matching the metadata title, else a line equal
    to it, else the first ``<h1>`` (in an article first) that is not the site's name."""
    wanted = [t for t in (strip_site_suffix(v) for v in (
        _ld_str(meta.jsonld, "headline"), meta.first("og:title", "twitter:title"),
        meta.title_tag)) if t and t.casefold() not in SITE_NAMES]
    h1s = [n for n, ln in enumerate(lines) if ln.tag == "h1" and ln.index not in widget_lines]
    for n in h1s:
        if _same_title(lines[n].text, wanted):
            return n
    for n, ln in enumerate(lines):
        if ln.index not in widget_lines and len(ln.text) >= 10 and _same_title(ln.text, wanted):
            return n
    h1s = [n for n in h1s if lines[n].text.casefold() not in SITE_NAMES]
    in_article = [n for n in h1s if lines[n].in_article]
    chosen = in_article or h1s
    return chosen[0] if chosen else None


def article_end(lines: list[Line], title_pos: int, widget_lines: set[int]) -> int:
    """Where the article ends: at the first ``<h1>`` after the title that lies outside the
    ``<article>``/``<main>`` holding the title — another article, appended to the page by
    infinite scroll. An ``<h1>`` inside it (HTML5 sections, a misused subheading) does not end
    it, and without such an element nothing ends it here."""
    element = lines[title_pos].element
    container = next((a for a in element.iterancestors() if a.tag in ("article", "main")),
                     None) if element is not None else None
    if container is None:
        return len(lines)
    for n in range(title_pos + 1, len(lines)):
        line = lines[n]
        if line.tag == "h1" and line.index not in widget_lines and line.element is not None \
                and not any(a is container for a in line.element.iterancestors()):
            return n
    return len(lines)


def parse_article(lines: list[Line], meta: Metadata, url: str, fetched_at: str,
                  widget_starts: list[int], widget_lines: set[int]) -> ArticleResult:
    """The article record and its related links from a flattened page."""
    ld = meta.jsonld
    main_entity = ld.get("mainEntityOfPage")
    entity_url = main_entity.get("@id") if isinstance(main_entity, dict) else main_entity
    canonical = canonical_article_url(
        meta.canonical, meta.first("og:url"), _ld_str(ld, "url"),
        entity_url if isinstance(entity_url, str) else None, url)
    if article_id(canonical) is None and article_id(url) is not None:
        canonical = canonical_article_url(url)
    art_id = article_id(canonical)

    title_pos = find_title(lines, meta, widget_lines)
    if title_pos is not None:
        title: str | None = lines[title_pos].text
    else:
        title = strip_site_suffix(_ld_str(ld, "headline") or meta.first("og:title")
                                  or meta.title_tag)
        if title and title.casefold() in SITE_NAMES:
            title = None  # a bare site name is no title
    header = Header()
    start = 0
    if title_pos is not None:
        before = [ln for ln in lines[max(0, title_pos - PRE_TITLE_LINES):title_pos]
                  if ln.index not in widget_lines]
        k = 0
        while k < len(before):
            k += read_header_line(before, k, header) or 1
        start = title_pos + 1
    else:
        # An RSS copy has no title: its text starts with " date 2017-09 " and then the lead.
        rss_pos = next((n for n, ln in enumerate(lines)
                        if ln.index not in widget_lines and RSS_DATE.match(ln.text)), None)
        if rss_pos is not None:
            read_header_line(lines, rss_pos, header)
            start = rss_pos + 1
    end = article_end(lines, title_pos, widget_lines) if title_pos is not None else len(lines)
    zone = [ln for ln in lines[start:end] if ln.index not in widget_lines and ln.tag != "h1"]
    hero = meta.first("og:image", "twitter:image") or _image_url(ld.get("image"))
    body = read_body(zone, header, has_title=title_pos is not None, title=title,
                     widget_starts=widget_starts, hero=absolute(hero, url) if hero else None)

    warnings: list[str] = []
    related = [RelatedLink(source_url=url, fetched_at=fetched_at, article_id=art_id,
                           position=n, cue=m.cue, title=m.title, url=m.url,
                           target_article_id=article_id(m.url))
               for n, m in enumerate(body.related)]

    authors = _names(ld.get("author")) or _names(meta.all("author")) or \
        _names(meta.all("article:author")) or header.authors

    published_raw, published = _date_field(
        ld.get("datePublished"), meta.first("article:published_time", "og:article:published_time",
                                            "datepublished", "pubdate", "date"))
    if published_raw is None and header.published_raw is not None:
        published_raw, published = header.published_raw, header.published
    if published_raw is None and header.rss_month:
        published_raw = header.rss_month
        warnings.append("date_imprecise")
    elif published_raw is not None and published is None:
        warnings.append("date_unparsed")
    modified_raw, modified = _date_field(
        ld.get("dateModified"), meta.first("article:modified_time", "og:updated_time",
                                           "datemodified"))
    if modified_raw is None and header.modified_raw is not None:
        modified_raw, modified = header.modified_raw, header.modified

    section = next((clean(s) for s in _as_list(ld.get("articleSection"))
                    if isinstance(s, str) and clean(s)), None) or meta.first("article:section")
    tags = meta.all("article:tag")
    if not tags:
        keywords = ld.get("keywords")
        raw_tags = keywords.split(",") if isinstance(keywords, str) else \
            [k for k in _as_list(keywords) if isinstance(k, str)]
        tags = [t for t in (clean(x) for x in raw_tags) if t]

    img_url = hero or header.image
    img_url = absolute(img_url, url) if img_url else None
    image = Image(url=img_url, caption=header.caption, credit=header.credit) \
        if (img_url or header.caption or header.credit) else None

    accessible = ld.get("isAccessibleForFree")
    is_premium = header.premium or accessible is False or \
        (isinstance(accessible, str) and accessible.strip().lower() == "false")

    lang = meta.lang or _ld_str(ld, "inLanguage")
    language = (lang or "da").split("-")[0].split("_")[0].strip().lower() or "da"

    text_body = "\n\n".join(b.text for b in body.blocks)
    if title is None:
        warnings.append("no_title")
    if not body.blocks:
        warnings.append("no_body")
    if any(looks_mis_encoded(t) for t in (text_body, title, body.lead) if t):
        warnings.append("encoding_suspect")
    if art_id is None:
        warnings.append("no_article_id")

    article = Article(
        source_url=url, fetched_at=fetched_at, warnings=warnings, url=canonical,
        article_id=art_id, title=title, genre=genre_of(title, body.lead), lead=body.lead,
        body=text_body, blocks=body.blocks, authors=authors, published=published,
        published_raw=published_raw, modified=modified, modified_raw=modified_raw,
        section=section, tags=tags, image=image, is_premium=bool(is_premium),
        premium_summary=header.summary, premium_word_count=header.word_count,
        premium_reading_minutes=header.reading_minutes, links=body.links, language=language,
    )
    return ArticleResult(article, related, body.lines)


def _date_field(*candidates: Any) -> tuple[str | None, str | None]:
    """(raw, normalised) from the first metadata date candidate that is present."""
    for value in candidates:
        if isinstance(value, str) and value.strip():
            return value.strip(), dates.to_copenhagen(value)
    return None, None
