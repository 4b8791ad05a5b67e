"""Fixture cases: saved pages beside the records they must produce.

``fixtures/pages/<case>/`` holds ``page.html``, ``meta.json`` (``url``, ``fetched_at``) and
``expected.jsonl`` (hand-checked records without the provenance fields). This module loads
cases, compares parser output with them field by field, and renders a reviewable diff for
``cwscrape fixture``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.records import RECORD_TYPES, TYPE_ORDER

PROVENANCE = ("record_id", "source_url", "fetched_at", "parser_version")
FIXTURE_ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


@dataclass
class Case:
    name: str
    path: Path
    url: str
    fetched_at: str
    expected: list[dict[str, Any]]

    @property
    def html(self) -> bytes:
        return (self.path / "page.html").read_bytes()


def load_case(path: Path) -> Case:
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    expected_path = path / "expected.jsonl"
    expected = []
    if expected_path.exists():
        for line in expected_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                expected.append(json.loads(line))
    return Case(path.name, path, meta["url"], meta["fetched_at"], expected)


def all_cases(root: Path = FIXTURE_ROOT) -> list[Case]:
    return [load_case(p) for p in sorted(root.iterdir()) if (p / "page.html").exists()]


def content_fields(record_type: str) -> list[str]:
    from dataclasses import fields

    return ["record_type"] + [f.name for f in fields(RECORD_TYPES[record_type])
                              if f.name not in PROVENANCE]


def strip_provenance(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in PROVENANCE}


def by_type(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {t: [] for t in TYPE_ORDER}
    for record in records:
        grouped.setdefault(record.get("record_type", "?"), []).append(record)
    return grouped


def compare(case_name: str, expected: list[dict[str, Any]],
            actual: list[dict[str, Any]]) -> list[str]:
    """Human-readable mismatches: ``case record_type[n].field: expected … got …``."""
    problems = []
    want, got = by_type(expected), by_type(actual)
    for rtype in sorted(set(want) | set(got), key=lambda t: (t not in TYPE_ORDER, t)):
        w, g = want.get(rtype, []), got.get(rtype, [])
        if len(w) != len(g):
            problems.append(f"{case_name} {rtype}: expected {len(w)} records, got {len(g)}"
                            + _titles(g))
        for n, (exp, act) in enumerate(zip(w, g)):
            for key, value in exp.items():
                if key in PROVENANCE:
                    continue
                if act.get(key) != value:
                    problems.append(f"{case_name} {rtype}[{n}].{key}:\n"
                                    f"    expected {json.dumps(value, ensure_ascii=False)}\n"
                                    f"    actual   {json.dumps(act.get(key), ensure_ascii=False)}")
    return problems


def _titles(records: list[dict[str, Any]]) -> str:
    names = [str(r.get("title") or r.get("person") or r.get("company") or "")[:40]
             for r in records]
    return f" (actual: {names})" if names else ""


def missing_fields(case_name: str, expected: list[dict[str, Any]]) -> list[str]:
    """Expected records must list every content field, so nothing goes unchecked."""
    problems = []
    for n, record in enumerate(expected):
        rtype = record.get("record_type")
        if rtype not in RECORD_TYPES:
            problems.append(f"{case_name} expected line {n + 1}: unknown record_type {rtype!r}")
            continue
        absent = [f for f in content_fields(rtype) if f not in record]
        if absent:
            problems.append(f"{case_name} expected line {n + 1} ({rtype}) lacks {absent}")
    return problems


def parse_case(case: Case) -> list[dict[str, Any]]:
    from crawler.parsers import parse_page

    return [r.to_dict() for r in parse_page(case.html, case.url, case.fetched_at)]


def expected_lines(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(strip_provenance(r), ensure_ascii=False) + "\n" for r in records)
