"""Article URLs: ids, canonical form, and the copies that are the same article."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

SITE_HOSTS = frozenset({"computerworld.dk", "www.computerworld.dk"})
CANONICAL_BASE = "https://www.computerworld.dk"

_ART_PATH = re.compile(r"^/art/(?P<id>\d+)(?:/(?P<slug>[^/?#]+))?/?$")
_TRACKING = re.compile(r"^(utm_\w+|a|i|fbclid|gclid|ref)$")


def article_id(url: str | None) -> int | None:
    """The number in ``/art/<id>/`` of any copy of an article URL, else ``None``."""
    if not url:
        return None
    match = _ART_PATH.match(urlsplit(url).path)
    return int(match["id"]) if match else None


def slug(url: str | None) -> str | None:
    if not url:
        return None
    match = _ART_PATH.match(urlsplit(url).path)
    return match["slug"] if match and match["slug"] else None


def is_site_host(host: str) -> bool:
    return host.lower() in SITE_HOSTS


def check_base_url(url: str) -> str:
    """A crawl's base URL as the crawl uses it: without its trailing slash.

    ``ValueError`` (quoting ``url``) unless it is an ``http``/``https`` URL with a host. The
    command line and the spider both check with this, so ``scrapy crawl`` accepts what
    ``cwscrape crawl`` accepts.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"base_url must be an http(s) URL, got {url!r}")
    return url.rstrip("/")


def same_host(url: str, netloc: str) -> bool:
    """Whether ``url`` is an ``http``/``https`` URL on exactly ``netloc``.

    ``netloc`` is lower-case ``host[:port]`` as in the base URL: a different port, scheme
    (``file://``) or host is another site, and so is ``www.`` added or dropped.
    """
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == netloc


def canonical_article_url(*candidates: str | None) -> str | None:
    """The canonical URL of an article from its copies (canonical link, og:url, fetched URL).

    computerworld.dk copies (www or not, http or https, with or without slug, ``?utm_*``,
    ``?a=fp``) become ``https://www.computerworld.dk/art/<id>/<slug>``; the first candidate
    that carries a slug gives it. Other hosts (a local mirror) keep scheme and host but lose
    tracking queries. ``None`` when no candidate is an article URL.
    """
    urls = [c for c in candidates if c]
    ids = [(u, article_id(u)) for u in urls]
    with_id = [(u, i) for u, i in ids if i is not None]
    if not with_id:
        return strip_tracking(urls[0]) if urls else None
    first_url, first_id = with_id[0]
    same = [u for u, i in with_id if i == first_id]
    the_slug = next((slug(u) for u in same if slug(u)), None)
    parts = urlsplit(first_url)
    on_site = is_site_host(parts.hostname or "")
    base = CANONICAL_BASE if on_site else f"{parts.scheme}://{parts.netloc}"
    path = f"/art/{first_id}" + (f"/{the_slug}" if the_slug else "")
    return base + path


def strip_tracking(url: str) -> str:
    """Drop tracking parameters (``utm_*``, ``a``, ``i``, ``fbclid`` …) and the fragment."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING.match(k)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def absolute(href: str | None, base: str) -> str | None:
    """``href`` resolved against ``base``; ``None`` for empty, ``javascript:`` and ``mailto:``.

    Absolute ``http(s)`` links and root-relative paths take a fast path (``urljoin`` costs
    ~30 µs, and a page has dozens of links).
    """
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "tel:", "#", "data:")):
        return None
    if href.startswith(("https://", "http://")) and " " not in href:
        return href
    if href.startswith("/") and not href.startswith("//") and "/." not in href:
        origin = _origin(base)
        if origin:
            return origin + href
    try:
        return urljoin(base, href)
    except ValueError:
        return None


@lru_cache(maxsize=256)
def _origin(base: str) -> str | None:
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def dedup_key(url: str) -> str:
    """One key for every copy of the same page: the article id when there is one."""
    art = article_id(url)
    if art is not None:
        return f"art:{art}"
    parts = urlsplit(strip_tracking(url))
    host = (parts.hostname or "").lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}"
