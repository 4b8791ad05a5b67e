"""Article fields read from the page's standard metadata (:mod:`crawler.parsers.html.metadata`).

Metadata comes first; the visible text (the header, :mod:`crawler.parsers.article.header`) is
the fallback, applied by :mod:`crawler.parsers.article.record`. See docs/extraction-rules.md,
Article:

* ``url``/``article_id``: ``rel=canonical``, ``og:url``, JSON-LD ``url``/``mainEntityOfPage``,
  the fetched URL (any copy: ``www`` or not, ``http``, no slug, ``?utm_*``, ``?a=fp``);
* ``authors``: JSON-LD ``author``, ``<meta name=author>``, ``article:author`` (people only: not
  organisations, the site's own name or URLs);
* ``published``/``modified``: JSON-LD ``datePublished``/``dateModified``,
  ``article:published_time``/``article:modified_time`` (and their other names);
* ``section``/``tags``: JSON-LD ``articleSection``/``keywords``, ``article:section``/
  ``article:tag``; ``language``: ``<html lang>``, JSON-LD ``inLanguage``, default ``da``;
* the page's image: ``og:image``/``twitter:image``/JSON-LD ``image``;
* the paywall: JSON-LD ``isAccessibleForFree: false``.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.normalize import dates
from crawler.normalize.text import clean
from crawler.normalize.urls import article_id, canonical_article_url
from crawler.parsers.article.header import byline_names
from crawler.parsers.article.title import SITE_NAMES
from crawler.parsers.html.metadata import Metadata

_AF = re.compile(r"^Af\s+")
_SURNAME_FIRST = re.compile(r"^[A-ZÆØÅ][\w'’-]+,\s+[A-ZÆØÅ][\w.'’-]+$")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def article_url(meta: Metadata, url: str) -> tuple[str | None, int | None]:
    """The canonical URL of the article and its id, from the metadata or the fetched ``url``
    (when no metadata URL names an article)."""
    ld = meta.jsonld
    main_entity = ld.get("mainEntityOfPage")
    entity_url = main_entity.get("@id") if isinstance(main_entity, dict) else main_entity
    canonical = canonical_article_url(
        meta.canonical, meta.first("og:url"), meta.ld("url"),
        entity_url if isinstance(entity_url, str) else None, url)
    if article_id(canonical) is None and article_id(url) is not None:
        canonical = canonical_article_url(url)
    return canonical, article_id(canonical)


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


def authors(meta: Metadata) -> list[str]:
    """The authors the metadata names (``[]``: none; the byline is then the fallback)."""
    return _names(meta.jsonld.get("author")) or _names(meta.all("author")) or \
        _names(meta.all("article:author"))


def _date_field(*candidates: Any) -> tuple[str | None, str | None]:
    """(raw, normalised) from the first metadata date candidate that is present."""
    for value in candidates:
        if isinstance(value, str) and value.strip():
            return value.strip(), dates.to_copenhagen(value)
    return None, None


def published(meta: Metadata) -> tuple[str | None, str | None]:
    """(``published_raw``, ``published``) from the metadata, or ``(None, None)``."""
    return _date_field(
        meta.jsonld.get("datePublished"),
        meta.first("article:published_time", "og:article:published_time", "datepublished",
                   "pubdate", "date"))


def modified(meta: Metadata) -> tuple[str | None, str | None]:
    """(``modified_raw``, ``modified``) from the metadata, or ``(None, None)``."""
    return _date_field(
        meta.jsonld.get("dateModified"),
        meta.first("article:modified_time", "og:updated_time", "datemodified"))


def section(meta: Metadata) -> str | None:
    return next((clean(s) for s in _as_list(meta.jsonld.get("articleSection"))
                 if isinstance(s, str) and clean(s)), None) or meta.first("article:section")


def tags(meta: Metadata) -> list[str]:
    """``article:tag`` metas, else JSON-LD ``keywords`` (a list or comma-separated)."""
    found = meta.all("article:tag")
    if not found:
        keywords = meta.jsonld.get("keywords")
        raw_tags = keywords.split(",") if isinstance(keywords, str) else \
            [k for k in _as_list(keywords) if isinstance(k, str)]
        found = [t for t in (clean(x) for x in raw_tags) if t]
    return found


def _image_url(value: Any) -> str | None:
    for item in _as_list(value):
        if isinstance(item, str) and item.strip():
            return item.strip()
        if isinstance(item, dict):
            url = item.get("url") or item.get("contentUrl")
            if isinstance(url, str) and url.strip():
                return url.strip()
    return None


def hero_image(meta: Metadata) -> str | None:
    """The page's image as the metadata names it (maybe relative), or ``None``."""
    return meta.first("og:image", "twitter:image") or _image_url(meta.jsonld.get("image"))


def not_free(meta: Metadata) -> bool:
    """JSON-LD ``isAccessibleForFree: false`` (also the string ``"false"``)."""
    accessible = meta.jsonld.get("isAccessibleForFree")
    return accessible is False or \
        (isinstance(accessible, str) and accessible.strip().lower() == "false")


def language(meta: Metadata) -> str:
    """The primary language subtag (``da-DK`` → ``da``); ``da`` when none is given."""
    lang = meta.lang or meta.ld("inLanguage")
    return (lang or "da").split("-")[0].split("_")[0].strip().lower() or "da"
