"""A synthetic computerworld.dk-like site on 127.0.0.1, for tests and benchmarks.

Pages are generated on the fly from the seed fixture's template: article ``<id>`` gets its
own id, title and a paragraph naming its id and version, while the widget rail (events, job
ads, people news) stays the same on every page, as on the real site. The server logs every
request with its time, can change an article (``bump``) or add new ones between runs, and can
be told to answer a path with a fault (``faults[path] = handler``). It binds 127.0.0.1 only
and stops when its ``with`` block ends.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.devtools.servers import LocalServer

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "fixtures" / "pages" / "seed_cerner" \
    / "page.html"
SEED_ID = "293101"
SEED_SLUG = "svensk-milliardordre-til-cerner-saetter-udbudskonkurrenter-i-region-syddanmark-under-pres"  # noqa: E501
SEED_TITLE = ("Svensk milliardordre til Cerner sætter udbudskonkurrenter i Region Syddanmark "
              "under pres")
FIRST_PARAGRAPH = "Just på den anden side af Øresundsbroen"
URLS_PER_SITEMAP = 1000

Fault = Callable[[Any], None]  # called with the request handler


@dataclass
class SyntheticSite:
    n_articles: int = 100
    first_id: int = 400000
    lastmod: str = "2026-01-15"
    delay: float = 0.0  # seconds each article response waits (to make kills land mid-crawl)
    versions: dict[int, int] = field(default_factory=dict)
    lastmods: dict[int, str] = field(default_factory=dict)
    faults: dict[str, Fault] = field(default_factory=dict)
    log: list[tuple[float, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        template = TEMPLATE_PATH.read_text(encoding="utf-8")
        template = template.replace(SEED_SLUG, "side-{id}").replace(SEED_ID, "{id}")
        template = template.replace(SEED_TITLE, "Syntetisk artikel nummer {id} om it i Danmark")
        template = template.replace(FIRST_PARAGRAPH,
                                    "Artikel {id} i version {version} indleder her. "
                                    + FIRST_PARAGRAPH, 1)
        # Braces of CSS/JSON in the page must survive str.format: escape, then restore ours.
        escaped = template.replace("{", "{{").replace("}", "}}")
        self._template = re.sub(r"\{\{(id|version)\}\}", r"{\1}", escaped)
        self._lock = threading.Lock()

    # -- content ---------------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return list(range(self.first_id, self.first_id + self.n_articles))

    def has_article(self, art_id: int) -> bool:
        """O(1), unlike ``art_id in ids``: the server asks on every request."""
        return self.first_id <= art_id < self.first_id + self.n_articles

    def article_path(self, art_id: int) -> str:
        return f"/art/{art_id}/side-{art_id}"

    def page(self, art_id: int) -> bytes:
        return self._template.format(id=art_id, version=self.versions.get(art_id, 1)) \
            .encode("utf-8")

    def bump(self, art_id: int, lastmod: str) -> None:
        """Change an article's text and its sitemap lastmod."""
        self.versions[art_id] = self.versions.get(art_id, 1) + 1
        self.lastmods[art_id] = lastmod

    def sitemap_index(self, host: str) -> bytes:
        count = (self.n_articles + URLS_PER_SITEMAP - 1) // URLS_PER_SITEMAP
        items = "".join(f"<sitemap><loc>http://{host}/sitemap-{k}.xml</loc></sitemap>"
                        for k in range(count))
        return (f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns='
                f'"http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>').encode()

    def sitemap(self, host: str, k: int) -> bytes:
        chunk = self.ids[k * URLS_PER_SITEMAP:(k + 1) * URLS_PER_SITEMAP]
        items = "".join(
            f"<url><loc>http://{host}{self.article_path(i)}</loc>"
            f"<lastmod>{self.lastmods.get(i, self.lastmod)}</lastmod></url>" for i in chunk)
        return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                f'"http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>').encode()

    def requests_for(self, prefix: str) -> list[str]:
        return [path for _, path in self.log if path.startswith(prefix)]


class _Handler(BaseHTTPRequestHandler):
    site: SyntheticSite
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_body(self, status: int, body: bytes, content_type: str,
                  headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        site = self.site
        path = urlsplit(self.path).path
        with site._lock:
            site.log.append((time.monotonic(), self.path))
        fault = site.faults.get(path)
        if fault is not None:
            fault(self)
            return
        host = self.headers.get("Host", "127.0.0.1")
        if path == "/robots.txt":
            body = f"User-agent: *\nDisallow: /private/\nSitemap: http://{host}/sitemap_index.xml\n"
            self.send_body(200, body.encode(), "text/plain; charset=utf-8")
        elif path == "/sitemap_index.xml":
            self.send_body(200, site.sitemap_index(host), "application/xml")
        elif m := re.fullmatch(r"/sitemap-(\d+)\.xml", path):
            self.send_body(200, site.sitemap(host, int(m.group(1))), "application/xml")
        elif m := re.fullmatch(r"/art/(\d+)(?:/[^/]*)?/?", path):
            art_id = int(m.group(1))
            if not site.has_article(art_id):
                self.send_body(404, b"not found", "text/plain")
                return
            if site.delay:
                time.sleep(site.delay)
            self.send_body(200, site.page(art_id), "text/html; charset=utf-8")
        elif path == "/":
            self.send_body(200, b"<html><body><h1>Forside</h1></body></html>",
                           "text/html; charset=utf-8")
        else:
            self.send_body(404, b"not found", "text/plain")


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that hang up mid-response (timeouts, size limits, kill -9) are the point
        # of many tests; they are not server errors worth a traceback.
        pass


class SiteServer(LocalServer):
    """``with SiteServer(site) as server: server.base_url`` — 127.0.0.1 only."""

    def __init__(self, site: SyntheticSite) -> None:
        super().__init__(type("Handler", (_Handler,), {"site": site}), _QuietServer)
        self.site = site
