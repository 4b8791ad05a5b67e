"""Fault handlers for :class:`crawler.devtools.synthetic.SyntheticSite` (``site.faults[path] = …``).

Each handler answers one request on the raw connection the way a broken server would.
Handlers that wait are bounded (a few seconds at most) so the server always stops.
"""

from __future__ import annotations

import gzip
import socket
import struct
import time
import zlib
from collections.abc import Callable
from email.utils import formatdate
from typing import Any

Handler = Any  # the BaseHTTPRequestHandler of the synthetic server
Fault = Callable[[Handler], None]


def status_times(status: int, times: int, then: Fault | None = None,
                 headers: dict[str, str] | Callable[[], dict[str, str]] | None = None
                 ) -> Fault:
    """Answer ``status`` for the first ``times`` requests, then ``then`` (or the page).
    ``headers`` may be a function, called at answer time (for HTTP-date values)."""
    count = [0]

    def fault(h: Handler) -> None:
        count[0] += 1
        if count[0] <= times:
            extra = headers() if callable(headers) else (headers or {})
            h.send_body(status, b"unavailable", "text/plain", extra)
        elif then is not None:
            then(h)
        else:
            page(h)
    return fault


def page(h: Handler) -> None:
    """The page the site would have served (an empty 200 for paths that are no article)."""
    if not h.path.startswith("/art/"):
        h.send_body(200, b"", "text/plain")
        return
    h.send_body(200, _page_bytes(h), "text/html; charset=utf-8")


def _page_bytes(h: Handler) -> bytes:
    art = int(h.path.split("/")[2])
    return h.site.page(art)


def retry_after_date(seconds: float) -> str:
    return formatdate(time.time() + seconds, usegmt=True)


def slow_headers(seconds: float) -> Fault:
    def fault(h: Handler) -> None:
        time.sleep(seconds)
        try:
            page(h)
        except OSError:
            pass
    return fault


def stalled_body(seconds: float) -> Fault:
    def fault(h: Handler) -> None:
        body = _page_bytes(h)
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body[:1000])
        h.wfile.flush()
        time.sleep(seconds)
        h.close_connection = True
    return fault


def _reset(h: Handler) -> None:
    h.wfile.flush()
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def reset_mid_body(times: int | None = None) -> Fault:
    """Content-Length 100,000, 1,000 bytes, then a TCP reset (all attempts, or ``times``)."""
    count = [0]

    def fault(h: Handler) -> None:
        count[0] += 1
        if times is not None and count[0] > times:
            page(h)
            return
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", "100000")
        h.end_headers()
        h.wfile.write(_page_bytes(h)[:1000])
        _reset(h)
    return fault


def short_body(h: Handler) -> None:
    """Content-Length larger than what is sent, then a normal close."""
    body = _page_bytes(h)
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(body) + 5000))
    h.end_headers()
    h.wfile.write(body[: len(body) // 2])
    h.close_connection = True


def unterminated_chunked(h: Handler) -> None:
    body = _page_bytes(h)[:4000]
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    h.wfile.write(f"{len(body):x}\r\n".encode() + body + b"\r\n")
    h.close_connection = True


def truncated_gzip(fraction: float) -> Fault:
    def fault(h: Handler) -> None:
        data = gzip.compress(_page_bytes(h))
        h.send_body(200, data[: int(len(data) * fraction)], "text/html; charset=utf-8",
                    {"Content-Encoding": "gzip"})
    return fault


def bad_gzip_crc(h: Handler) -> None:
    data = bytearray(gzip.compress(_page_bytes(h)))
    data[-8] ^= 0xFF  # the CRC32 trailer only; the content is complete
    h.send_body(200, bytes(data), "text/html; charset=utf-8", {"Content-Encoding": "gzip"})


def charset(body_encoding: str, header: str | None, meta: str | None = None,
            bom: bool = False) -> Fault:
    def fault(h: Handler) -> None:
        text = _page_bytes(h).decode("utf-8")
        text = text.replace('<meta charset="utf-8">', "").replace('<meta charset="UTF-8">', "")
        if meta:
            text = text.replace("<head>", f'<head><meta charset="{meta}">', 1)
        data = text.encode(body_encoding, errors="xmlcharrefreplace")
        if bom:
            data = b"\xef\xbb\xbf" + data
        content_type = f"text/html; charset={header}" if header else "text/html"
        h.send_body(200, data, content_type)
    return fault


def huge(total: int, chunked: bool = False) -> Fault:
    """A ``total``-byte page, declared or chunked; stops when the client hangs up."""
    def fault(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        if chunked:
            h.send_header("Transfer-Encoding", "chunked")
        else:
            h.send_header("Content-Length", str(total))
        h.end_headers()
        block = b"<p>" + b"x" * 65530 + b"</p>"
        sent = 0
        try:
            while sent < total:
                piece = block[: min(len(block), total - sent)]
                h.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked
                              else piece)
                sent += len(piece)
            if chunked:
                h.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass
        h.close_connection = True
    return fault


_BOMB_SIZE = 200 * 1024 * 1024


def _zeros_compressed(kind: str) -> bytes:
    if kind == "gzip":
        out = zlib.compressobj(9, zlib.DEFLATED, 31)
    elif kind == "deflate":
        out = zlib.compressobj(9, zlib.DEFLATED, 15)
    elif kind == "br":
        import brotli

        return brotli.compress(b"\0" * _BOMB_SIZE, quality=5)
    elif kind == "zstd":
        import zstandard

        return zstandard.ZstdCompressor(level=3).compress(b"\0" * _BOMB_SIZE)
    else:
        raise ValueError(kind)
    chunk = b"\0" * (1 << 20)
    data = b"".join(out.compress(chunk) for _ in range(_BOMB_SIZE >> 20))
    return data + out.flush()


_BOMBS: dict[str, bytes] = {}


def bomb(kind: str) -> Fault:
    if kind not in _BOMBS:
        _BOMBS[kind] = _zeros_compressed(kind)

    def fault(h: Handler) -> None:
        h.send_body(200, _BOMBS[kind], "text/html; charset=utf-8",
                    {"Content-Encoding": kind})
    return fault


def redirect(location: str) -> Fault:
    def fault(h: Handler) -> None:
        h.send_body(302, b"", "text/plain", {"Location": location})
    return fault


def raw(data: bytes) -> Fault:
    """Send bytes as they are (malformed HTTP), then close."""
    def fault(h: Handler) -> None:
        h.wfile.write(data)
        h.wfile.flush()
        h.close_connection = True
    return fault


def xml(body: bytes) -> Fault:
    def fault(h: Handler) -> None:
        h.send_body(200, body, "application/xml")
    return fault
