"""Standard metadata of a page: JSON-LD, OpenGraph and other ``<meta>``, canonical link,
``<html lang>``, ``<title>`` and ``<time datetime>``.

Read in one pass over the tree (lxml filters the tags in C). The first JSON-LD object of an
article type (``NewsArticle``, ``Article``, ``OpinionNewsArticle``, ``LiveBlogPosting`` …,
also written ``schema:NewsArticle`` or as a URL) is kept, whether it is top-level, in a list or
in an ``@graph``, and whether or not the script wraps it in CDATA markers or an HTML comment;
without one, the first dated ``WebPage``/``ItemPage``/``Blog`` object. Broken JSON-LD is
ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from crawler.normalize.text import clean_str


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

    def ld(self, key: str) -> str | None:
        """A string value of the JSON-LD object, stripped; ``None`` when it is missing, blank or
        not a string."""
        value = self.jsonld.get(key)
        return value.strip() or None if isinstance(value, str) else None


ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
     "BlogPosting", "ReviewNewsArticle", "BackgroundNewsArticle", "AdvertiserContentArticle",
     "ScholarlyArticle", "TechArticle", "Report", "LiveBlogPosting", "SocialMediaPosting",
     "DiscussionForumPosting", "SatiricalArticle", "AskPublicNewsArticle", "Blog", "WebPage",
     "ItemPage"}
)
# A page-typed object (WebPage, ItemPage) counts only when no article-typed one is there.
PAGE_TYPES = frozenset({"Blog", "WebPage", "ItemPage"})
# Wrappers that old templates put around a script's text: CDATA markers and HTML comments
# (with or without the "//" that hides them from JavaScript).
_WRAPPERS = ("<![CDATA[", "]]>", "<!--", "-->")


def _jsonld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_objects(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _jsonld_objects(graph)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    # "schema:NewsArticle" and "https://schema.org/NewsArticle" name the same type.
    return {k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for k in kinds if isinstance(k, str)}


def _json_text(script: str) -> str:
    """The JSON of a JSON-LD script, without CDATA or comment wrappers."""
    text = script.strip()
    if text[:1] in "{[":
        return text
    for wrapper in _WRAPPERS:
        text = text.replace("//" + wrapper, "").replace(wrapper, "")
    return text.strip()


def _article_object(data: Any) -> dict[str, Any] | None:
    """The first article-typed object of a JSON-LD document, else its first page-typed one
    that carries a date (a blog post described as a ``WebPage``)."""
    page = None
    for obj in _jsonld_objects(data):
        kinds = _types(obj)
        if kinds & (ARTICLE_TYPES - PAGE_TYPES):
            return obj
        if page is None and kinds & PAGE_TYPES and obj.get("datePublished"):
            page = obj
    return page


def read_metadata(root: Any) -> Metadata:
    """JSON-LD (the first article-typed object, ``@graph`` and lists included), every
    ``<meta>`` by name/property/itemprop (lower-cased), ``rel=canonical``, ``<html lang>``,
    ``<title>`` and ``<time datetime>`` outside asides, navigation and footers."""
    meta = Metadata()
    title_seen = False
    found = False  # an article-typed JSON-LD object was met
    for el in root.iter("meta", "link", "title", "script", "time"):
        tag = el.tag
        if tag == "meta":
            key = el.get("property") or el.get("name") or el.get("itemprop")
            content = el.get("content")
            if key and content is not None:
                meta.meta.setdefault(key.strip().lower(), []).append(content)
        elif tag == "link":
            href = el.get("href")
            if href and meta.canonical is None and \
                    "canonical" in (el.get("rel") or "").lower().split():
                meta.canonical = href.strip()
        elif tag == "title":
            if not title_seen:
                title_seen = True
                meta.title_tag = clean_str("".join(el.itertext())) or None
        elif tag == "time":
            stamp = el.get("datetime")
            if stamp and not any(a.tag in ("aside", "nav", "footer") for a in el.iterancestors()):
                meta.times.append((stamp.strip(), clean_str("".join(el.itertext()))))
        elif (el.get("type") or "").strip().lower() == "application/ld+json" and not found:
            try:
                data = json.loads(_json_text(el.text or ""), strict=False)
            except (ValueError, RecursionError):
                continue
            obj = _article_object(data)
            if obj is not None:
                if PAGE_TYPES.isdisjoint(_types(obj)):
                    found = True  # an article: later scripts are not read
                if not meta.jsonld or found:
                    meta.jsonld = obj
    html = root if root.tag == "html" else root.getroottree().getroot()
    if html is not None and html.get("lang"):
        meta.lang = html.get("lang").strip()
    return meta


