"""Reading robots.txt sitemap lines and sitemap XML safely.

Sitemaps are parsed with entity expansion, DTD loading and network access switched off, so
a billion-laughs document or an XXE reference yields nothing instead of exhausting memory
or reading local files.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass

from lxml import etree

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit for one file, uncompressed


@dataclass
class SitemapEntry:
    loc: str
    lastmod: str | None = None
    published: str | None = None  # news:publication_date


@dataclass
class Sitemap:
    kind: str  # "index" or "urlset"
    entries: list[SitemapEntry]


def robots_sitemaps(text: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt, in order."""
    found = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            found.append(value.strip())
    return found


def _maybe_gunzip(body: bytes) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as handle:
        data = handle.read(MAX_SITEMAP_BYTES + 1)
    if len(data) > MAX_SITEMAP_BYTES:
        raise ValueError("decompressed sitemap larger than 50 MiB")
    return data


# No entity expansion, DTDs or network: a billion-laughs or XXE document yields nothing.
SAFE_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, recover=True, remove_comments=True)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(body: bytes) -> Sitemap | None:
    """A sitemap index or url set; ``None`` when the body is not a readable sitemap."""
    try:
        data = _maybe_gunzip(body)
        root = etree.fromstring(data, SAFE_XML_PARSER)
    except (etree.XMLSyntaxError, ValueError, OSError, EOFError):
        return None
    if root is None:
        return None
    kind = _local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        return None
    entries = []
    for item in root:
        if _local(item.tag) not in ("sitemap", "url"):
            continue
        values: dict[str, str] = {}
        for child in item.iter():
            name = _local(child.tag)
            if name in ("loc", "lastmod", "publication_date") and child.text:
                # Unexpanded entity references leave no text: nothing from them is used.
                values.setdefault(name, child.text.strip())
        loc = values.get("loc")
        if loc and loc.startswith(("http://", "https://")):
            entries.append(SitemapEntry(loc, values.get("lastmod"), values.get("publication_date")))
    return Sitemap("index" if kind == "sitemapindex" else "urlset", entries)
