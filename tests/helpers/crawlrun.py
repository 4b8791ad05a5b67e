"""Helpers for the crawl-side tests: run the CLI in a subprocess, read run folders, and
build small records and page results for the unit tests of pipelines and storage."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from crawler.items import PageResult, SerialisedRecord
from crawler.records import TYPE_ORDER, Article, Event, PeopleNews, Record

ROOT = Path(__file__).resolve().parents[2]


def crawl_cmd(base_url: str, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "crawler", "crawl", "--base-url", base_url, "--out", str(out),
            "--log-level", "ERROR", *extra]


def crawl(base_url: str, out: Path, *extra: str, timeout: float = 300
          ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(crawl_cmd(base_url, out, *extra), capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def runs(out: Path) -> list[Path]:
    return sorted(p for p in (out / "runs").iterdir() if p.is_dir())


def lines(out: Path, name: str) -> list[str]:
    """Every line of ``name`` (e.g. ``article.jsonl``) across all runs, committed files only."""
    found: list[str] = []
    for run in runs(out):
        path = run / name
        if path.exists():
            found.extend(path.read_text(encoding="utf-8").splitlines())
    return found


def records(out: Path, rtype: str) -> list[dict]:
    return [json.loads(line) for line in lines(out, f"{rtype}.jsonl")]


def duplicate_ids(out: Path) -> dict[str, int]:
    """Raw duplicate record ids per type across the whole dataset (all runs)."""
    found = {}
    for rtype in TYPE_ORDER:
        counts = Counter(r["record_id"] for r in records(out, rtype))
        found[rtype] = sum(c - 1 for c in counts.values() if c > 1)
    return found


# -- records and pages without a crawl --------------------------------------------------------

FETCHED_AT = "2026-02-03T10:00:00Z"


def article_url(art_id: int) -> str:
    return f"https://www.computerworld.dk/art/{art_id}/a"


def article(art_id: int = 1, body: str = "Brødtekst om æbler.", **kw: Any) -> Article:
    """A valid article record; ``body`` is what a changed version changes."""
    return Article(source_url=article_url(art_id), fetched_at=kw.pop("fetched_at", FETCHED_AT),
                   url=article_url(art_id), article_id=art_id, title=f"Artikel {art_id}",
                   body=body, **kw)


def event(title: str = "Summit 2026", art_id: int = 1, **kw: Any) -> Event:
    """An event widget record (``start_date=5`` makes an invalid one)."""
    return Event(source_url=article_url(art_id), fetched_at=FETCHED_AT, title=title, **kw)


def people(person: str = "Ane Holm", art_id: int = 1) -> PeopleNews:
    return PeopleNews(source_url=article_url(art_id), fetched_at=FETCHED_AT, kind="new_job",
                      label="Nyt job", person=person, text="…", effective_date="2026-02-01")


def page(*records: Record, art_id: int = 1) -> PageResult:
    """The item the spider yields for one fetched article page."""
    return PageResult(key=f"art:{art_id}", url=article_url(art_id), fetched_at=FETCHED_AT,
                      lastmod=None, records=[SerialisedRecord(r) for r in records])
