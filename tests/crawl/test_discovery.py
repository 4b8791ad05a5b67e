"""Discovery and politeness: settings, URL copies, feeds, listings, --since/--until."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import crawler.settings as settings
from crawler.devtools.servers import DemoServer
from crawler.normalize.urls import canonical_article_url, dedup_key
from crawler.runs.crawl import crawl_settings
from spiders.computerworld import newer
from tests.helpers.crawlrun import ROOT, records


def test_polite_defaults() -> None:
    assert settings.ROBOTSTXT_OBEY is True
    assert settings.DOWNLOAD_DELAY >= 1.0 and settings.AUTOTHROTTLE_ENABLED
    assert settings.AUTOTHROTTLE_START_DELAY >= 1.0
    assert settings.DOWNLOAD_DELAY_JITTER == 0  # jitter would go below the 1 s floor
    assert settings.DOWNLOAD_TIMEOUT == 30
    assert settings.DOWNLOAD_MAXSIZE == 16 * 1024 * 1024
    assert settings.TELNETCONSOLE_ENABLED is False
    assert settings.REMOTE_CONTROL_ENABLED is False
    assert "cwscrape/" in settings.USER_AGENT and "+http" in settings.USER_AGENT


def test_delay_never_drops_below_one_second_on_the_real_site() -> None:
    assert crawl_settings("https://www.computerworld.dk", "d", delay=0.1)["DOWNLOAD_DELAY"] == 1.0
    assert "DOWNLOAD_DELAY" not in crawl_settings("https://computerworld.dk", "d")
    assert crawl_settings("http://127.0.0.1:8000", "d")["DOWNLOAD_DELAY"] == 0.0


COPIES = [
    "https://www.computerworld.dk/art/240391/morgen-briefing-region-sjaelland",
    "http://www.computerworld.dk/art/240391/morgen-briefing-region-sj-lland",
    "https://computerworld.dk/art/240391",
    "https://www.computerworld.dk/art/240391/x?utm_source=RSS&utm_medium=RSS&utm_campaign=RSS",
    "http://www.computerworld.dk/art/240391?a=fp&i=1",
]


@pytest.mark.parametrize("url", COPIES)
def test_copies_of_one_article_are_one_key(url: str) -> None:
    assert dedup_key(url) == "art:240391"
    assert canonical_article_url(url).startswith("https://www.computerworld.dk/art/240391")


def test_canonical_takes_the_slug_of_any_copy() -> None:
    assert canonical_article_url("https://computerworld.dk/art/240391", COPIES[0]) == COPIES[0]


@pytest.mark.parametrize("new,old,expected", [
    ("2026-02-01", "2026-01-15", True),
    ("2026-01-15", "2026-01-15", False),
    (None, "2026-01-15", False),
    ("2026-01-15", None, True),
    ("2026-02-06T07:45:00Z", "2026-02-06T08:45:00+01:00", False),  # same instant
    ("2026-02-06T07:46:00Z", "2026-02-06T08:45:00+01:00", True),
])
def test_lastmod_comparison(new: str | None, old: str | None, expected: bool) -> None:
    assert newer(new, old) is expected


def _crawl(base: str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", "crawl", "--base-url", base,
                           "--out", str(out), "--log-level", "ERROR", *extra],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_feeds_listings_and_pagination_are_read(tmp_path: Path) -> None:
    with DemoServer() as server:
        proc = _crawl(server.base_url, tmp_path)
        served = list(server.requests)
    assert proc.returncode == 0, proc.stderr
    for path in ("/robots.txt", "/sitemap_index.xml", "/news-sitemap.xml", "/rss.xml", "/",
                 "/sektion/it-sikkerhed/", "/sektion/it-sikkerhed/side/2/"):
        assert any(p.rstrip("/") == path.rstrip("/") for p in served), path
    assert not any(p.startswith("/private/") for p in served)  # robots.txt disallows it
    # each article fetched once, though sitemaps, feeds, listings and links all name them
    articles = [p.split("?")[0].rstrip("/") for p in served if p.startswith("/art/")]
    assert len(articles) == len(set(articles))


def test_since_selects_by_lastmod(tmp_path: Path) -> None:
    with DemoServer() as server:
        proc = _crawl(server.base_url, tmp_path, "--since", "2026-02-01")
    assert proc.returncode == 0, proc.stderr
    ids = {r["article_id"] for r in records(tmp_path, "article")}
    assert ids and min(ids) >= 289008  # sitemap 2 (February) only
    assert 289013 not in ids  # reachable only through a link
    manifest = json.loads(next(tmp_path.glob("runs/*/manifest.json")).read_text())
    assert manifest["records"]["article"] == len(ids)
