"""Helpers for tests that crawl: run the CLI in a subprocess, read run folders."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from crawler.records import TYPE_ORDER

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
