"""The record diff: every page parsed by the code at a git revision and by the working tree.

``python -m bench --diff REV`` lists each record that differs between the two. A refactor or a
speed change must list nothing; a parser change lists exactly the records it meant to change.

The pages, all built by the working tree's code so both sides read the same bytes:

* every fixture page (``fixtures/pages/*``);
* every fixture page re-rendered in each markup of :data:`crawler.devtools.markups.FIXTURE_MARKUPS`,
  and the seed page in each of :data:`~crawler.devtools.markups.SEED_MARKUPS`;
* every fixture page inside invented site chrome, semantic and plain (:mod:`bench.corpus`);
* the generated variants of the parse benchmark;
* the article pages of the demo site (``fixtures/site/art``);
* when present, every page of ``../shared/realworld/`` (real pages of other news sites; read
  from there at run time, never copied into the project).

Each side runs in its own process with only its own source tree on ``sys.path``. Records are
paired by type and ``record_id`` (a repeat on one page by its occurrence), so one changed
record is one line, not a cascade. ``parser_version`` is not compared: it changes with every
parser release.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = Path(os.environ.get("CWSCRAPE_REALWORLD", ROOT.parent / "shared" / "realworld"))
FETCHED_AT = "2026-02-03T10:00:00Z"
IGNORED_FIELDS = frozenset({"parser_version"})

# Runs inside the process of one side: parse every listed page, one JSON line per page.
_WORKER = r'''
import json, sys
root, index, out = sys.argv[1:4]
sys.path.insert(0, root)
import crawler
if not crawler.__file__.startswith(root):
    sys.exit(f"crawler imported from {crawler.__file__}, not from {root}")
from crawler.parsers import parse_page
with open(index, encoding="utf-8") as handle:
    pages = json.load(handle)
with open(out, "w", encoding="utf-8") as sink:
    for page in pages:
        with open(page["file"], "rb") as handle:
            data = handle.read()
        try:
            found = {"records": [r.to_dict() for r in parse_page(data, page["url"],
                                                                  page["fetched_at"])]}
        except Exception as exc:  # a crash is a difference to report, not a reason to stop
            found = {"error": f"{type(exc).__name__}: {exc}"}
        sink.write(json.dumps({"name": page["name"], **found}, ensure_ascii=False) + "\n")
'''


@dataclass
class DiffPage:
    name: str
    url: str
    fetched_at: str
    html: bytes
    group: str = "fixture"


def fixture_and_variant_pages() -> Iterator[DiffPage]:
    """The fixture pages, their re-renderings, chrome-wrapped copies and generated variants."""
    from bench import corpus
    from crawler.devtools.fixtures import all_cases
    from crawler.devtools.markups import FIXTURE_MARKUPS, SEED_MARKUPS, rerender

    cases = all_cases()
    for case in cases:
        yield DiffPage(case.name, case.url, case.fetched_at, case.html)
        for label, transform in FIXTURE_MARKUPS:
            yield DiffPage(f"{case.name}~{label}", case.url, case.fetched_at,
                           rerender(case.html, transform).encode("utf-8"), "markup variant")
        if case.name == "seed_cerner":
            for label, transform in SEED_MARKUPS:
                yield DiffPage(f"{case.name}~seed:{label}", case.url, case.fetched_at,
                               rerender(case.html, transform).encode("utf-8"), "markup variant")
    for page in corpus.fixture_pages(cases):
        for semantic in (True, False):
            chrome = corpus.with_site_chrome(page, semantic=semantic)
            yield DiffPage(chrome.name, chrome.url, chrome.fetched_at, chrome.html, "in chrome")
    for page in corpus.variant_pages(200, cases=cases):
        yield DiffPage(page.name, page.url, page.fetched_at, page.html, "generated variant")


def demo_site_pages() -> Iterator[DiffPage]:
    from crawler.devtools.servers import SITE_ROOT

    for path in sorted((SITE_ROOT / "art").glob("*/*/index.html")):
        rel = path.parent.relative_to(SITE_ROOT).as_posix()
        yield DiffPage(f"site:{rel}", f"https://www.computerworld.dk/{rel}", FETCHED_AT,
                       path.read_bytes(), "demo site")


def realworld_pages(root: Path = REALWORLD) -> Iterator[DiffPage]:
    """The real pages of ``../shared/realworld`` (nothing when the folder is absent)."""
    for path in sorted(root.glob("*/*/page.html.gz")):
        part, case = path.parent.parent.name, path.parent.name
        yield DiffPage(f"realworld:{part}/{case}", f"https://realworld.invalid/{part}/{case}",
                       FETCHED_AT, _page_bytes(path), "real page")


def _page_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def all_pages(realworld: Path = REALWORLD) -> list[DiffPage]:
    return [*fixture_and_variant_pages(), *demo_site_pages(), *realworld_pages(realworld)]


def _keyed(records: Iterable[dict[str, Any]]) -> dict[tuple[str, str, int], dict[str, Any]]:
    seen: Counter[tuple[str, str]] = Counter()
    keyed = {}
    for record in records:
        key = (record.get("record_type", "?"), record.get("record_id", "?"))
        keyed[(*key, seen[key])] = record
        seen[key] += 1
    return keyed


def _short(value: Any, width: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def compare(name: str, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """One line per difference on one page: a crash, a missing or new record, a field."""
    if "error" in before or "error" in after:
        if before.get("error") == after.get("error"):
            return []
        return [f"{name}: parse {before.get('error') or 'ok'} → {after.get('error') or 'ok'}"]
    old, new = _keyed(before["records"]), _keyed(after["records"])
    lines = []
    for key in old.keys() - new.keys():
        lines.append(f"{name}: {key[0]} {key[1]} only before ({_short(old[key], 100)})")
    for key in new.keys() - old.keys():
        lines.append(f"{name}: {key[0]} {key[1]} only now ({_short(new[key], 100)})")
    for key in old.keys() & new.keys():
        a, b = old[key], new[key]
        for field in sorted((a.keys() | b.keys()) - IGNORED_FIELDS):
            if a.get(field, "<absent>") != b.get(field, "<absent>"):
                lines.append(f"{name}: {key[0]} {key[1]} {field}: "
                             f"{_short(a.get(field, '<absent>'))} → "
                             f"{_short(b.get(field, '<absent>'))}")
    return sorted(lines)


def _checkout(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                             capture_output=True, check=False)
    if archive.returncode:
        raise SystemExit(f"bench diff: git cannot read revision {rev!r}: "
                         f"{archive.stderr.decode(errors='replace').strip()}")
    into.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def _parse_all(roots: dict[str, Path], index: Path, work: Path) -> dict[str, dict[str, Any]]:
    """Parse the indexed pages once per source root, the roots in parallel processes."""
    worker = work / "worker.py"
    worker.write_text(_WORKER, encoding="utf-8")
    procs = {}
    for side, root in roots.items():
        out = work / f"{side}.jsonl"
        procs[side] = (subprocess.Popen([sys.executable, str(worker), str(root), str(index),
                                         str(out)], cwd=work), out)
    results = {}
    for side, (proc, out) in procs.items():
        if proc.wait():
            raise SystemExit(f"bench diff: parsing with the {side} code failed "
                             f"(exit {proc.returncode})")
        results[side] = {json.loads(line)["name"]: json.loads(line)
                         for line in out.read_text(encoding="utf-8").splitlines()}
    return results


def diff(rev: str, realworld: Path = REALWORLD, out: Any = sys.stdout) -> int:
    """Print every record that differs between ``rev`` and the working tree; the count."""
    with tempfile.TemporaryDirectory(prefix="cwscrape-diff-") as tmp:
        work = Path(tmp)
        pages = all_pages(realworld)
        listing = []
        for n, page in enumerate(pages):
            path = work / f"page-{n:05d}.html"
            path.write_bytes(page.html)
            listing.append({"name": page.name, "url": page.url, "fetched_at": page.fetched_at,
                            "file": str(path)})
        index = work / "pages.json"
        index.write_text(json.dumps(listing), encoding="utf-8")
        before_root = _checkout(rev, work / "before")
        results = _parse_all({"before": before_root, "now": ROOT}, index, work)
    lines, records = [], 0
    for page in pages:
        before, after = results["before"][page.name], results["now"][page.name]
        records += len(after.get("records", []))
        lines += compare(page.name, before, after)
    for line in lines:
        print(line, file=out)
    groups = Counter(p.group for p in pages)
    where = ", ".join(f"{n} {g}" for g, n in groups.items())
    if not realworld.is_dir():
        where += f"; no real pages ({realworld} not found)"
    print(f"record diff {rev} → working tree: {len(pages)} pages ({where}), {records} records: "
          f"{len(lines)} difference(s)", file=out)
    return len(lines)
