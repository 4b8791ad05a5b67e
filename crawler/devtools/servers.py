"""The bundled demo site, served on 127.0.0.1 for ``cwscrape demo`` and the tests.

A small threaded static server over ``fixtures/site/``: ``/art/<id>/<slug>`` maps to
``art/<id>/<slug>/index.html``, and ``{{BASE}}`` in ``.xml``/``.txt`` files becomes
``127.0.0.1:<port>`` so that sitemaps name the port the server really listens on.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import unquote, urlsplit

SITE_ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "site"
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
         ".txt": "text/plain; charset=utf-8"}


class _Handler(BaseHTTPRequestHandler):
    root: Path = SITE_ROOT
    server_version = "cwscrape-demo"

    def log_message(self, format: str, *args: object) -> None:  # quiet: the crawl logs
        pass

    def do_GET(self) -> None:
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        path = unquote(urlsplit(self.path).path)
        target = self._resolve(path)
        if target is None:
            self.send_error(404, "Not Found")
            return
        body = target.read_bytes()
        if target.suffix in (".xml", ".txt"):
            host = f"127.0.0.1:{self.server.server_address[1]}"  # type: ignore[index]
            body = body.replace(b"{{BASE}}", host.encode())
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(target.suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _resolve(self, path: str) -> Path | None:
        root = self.root.resolve()
        candidate = (root / path.lstrip("/")).resolve()
        if root not in candidate.parents and candidate != root:
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 at a free port, stopped when its ``with`` ends."""

    def __init__(self, handler: type[BaseHTTPRequestHandler],
                 server_class: type[ThreadingHTTPServer] = ThreadingHTTPServer) -> None:
        self.httpd = server_class(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class DemoServer(LocalServer):
    """``with DemoServer() as server: server.base_url`` — the bundled demo site."""

    def __init__(self, root: Path = SITE_ROOT) -> None:
        super().__init__(type("Handler", (_Handler,), {"root": root}))
        self.httpd.requests = []  # type: ignore[attr-defined]

    @property
    def requests(self) -> list[str]:
        """Every request path served, in order."""
        return self.httpd.requests  # type: ignore[attr-defined]
