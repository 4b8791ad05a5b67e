"""Fixture cases: saved pages beside the records they must produce.

``fixtures/pages/<case>/`` holds ``page.html``, ``meta.json`` (``url``, ``fetched_at`` and a
``note`` on what the case covers) and ``expected.jsonl``: the hand-checked records of the page,
one JSON object a line, with every content field and without the provenance fields.

Expected and parsed records are paired by key, never by position: an expected record's id is
computed from its type and natural key (``natural_key()`` on the record classes, hashed by
:func:`~crawler.records.make_record_id`, exactly as the parser does), and matched with the
parsed record of that id (a repeat of one id on one page by its occurrence). So one missing
record is one line of report, not a cascade of shifted records. Used by
``tests/parsers/test_fixtures.py`` and ``cwscrape fixture`` (:mod:`crawler.cli.dev`).
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from crawler.records import RECORD_TYPES
from crawler.records.vocabulary import PROVENANCE_FIELDS

FIXTURE_ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "pages"

RecordDict = dict[str, Any]


class _Absent:
    """A field or list item one side does not have."""

    def __repr__(self) -> str:
        return "(absent)"


ABSENT: Any = _Absent()


# --- cases ----------------------------------------------------------------------------------

@dataclass
class Case:
    name: str
    path: Path
    url: str
    fetched_at: str
    expected: list[RecordDict]

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


def parse_case(case: Case) -> list[RecordDict]:
    """The records the parsers now read from the case's page, as dicts."""
    from crawler.parsers import parse_page

    return [r.to_dict() for r in parse_page(case.html, case.url, case.fetched_at)]


def content_fields(record_type: str) -> list[str]:
    """``record_type`` and the fields of that type an expected record must list."""
    return ["record_type"] + [f.name for f in dataclasses.fields(RECORD_TYPES[record_type])
                              if f.name not in PROVENANCE_FIELDS]


def strip_provenance(record: RecordDict) -> RecordDict:
    return {k: v for k, v in record.items() if k not in PROVENANCE_FIELDS}


def expected_lines(records: list[RecordDict]) -> str:
    """``records`` as the text of an ``expected.jsonl`` (what ``--write`` saves)."""
    return "".join(json.dumps(strip_provenance(r), ensure_ascii=False) + "\n" for r in records)


def expected_problems(case_name: str, expected: list[RecordDict]) -> list[str]:
    """What is wrong with an ``expected.jsonl`` itself: an unknown record type, a content field
    left out (it would go unchecked), a field no record of that type has."""
    problems = []
    for n, record in enumerate(expected, 1):
        rtype = record.get("record_type")
        if rtype not in RECORD_TYPES:
            problems.append(f"{case_name} expected line {n}: unknown record_type {rtype!r}")
            continue
        known = content_fields(rtype)
        absent = [f for f in known if f not in record]
        if absent:
            problems.append(f"{case_name} expected line {n} ({rtype}) lacks {absent}")
        unknown = [f for f in record if f not in known and f not in PROVENANCE_FIELDS]
        if unknown:
            problems.append(f"{case_name} expected line {n} ({rtype}) has unknown fields "
                            f"{unknown}")
    return problems


# --- keys -----------------------------------------------------------------------------------

def record_identity(record: RecordDict, source_url: str, fetched_at: str
                    ) -> tuple[str, tuple[object, ...]] | None:
    """``(record_id, natural key)`` of a record given as a dict, or ``None`` when it is not a
    record (unknown type, a required field missing).

    ``source_url`` and ``fetched_at`` stand in for the provenance an expected record does not
    carry (a related link of a page without an article id is keyed by its page).
    """
    cls = RECORD_TYPES.get(record.get("record_type", ""))
    if cls is None:
        return None
    names = {f.name for f in dataclasses.fields(cls)} - {"record_id", "parser_version"}
    values: dict[str, Any] = {"source_url": source_url, "fetched_at": fetched_at}
    values.update((k, v) for k, v in record.items() if k in names)
    try:
        instance = cls(**values)
    except TypeError:
        return None
    return instance.record_id, instance.natural_key()


def key_text(key: tuple[object, ...] | None, width: int = 40) -> str:
    """A natural key as printed in reports: ``293611``, ``("Rasmus Ellehøj", "Nyt job",
    "2026-02-02")``; long text parts are cut to ``width`` characters."""
    if key is None:
        return "(no key)"
    parts = []
    for part in key:
        if isinstance(part, str) and len(part) > width:
            part = part[: width - 1] + "…"
        parts.append(json.dumps(part, ensure_ascii=False))
    return parts[0] if len(parts) == 1 else "(" + ", ".join(parts) + ")"


# --- comparison -----------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldDiff:
    """One wrong value: ``path`` is a field (``role``) or a place in one (``blocks[3].text``,
    ``image.caption``); either side may be :data:`ABSENT`."""

    path: str
    expected: Any
    actual: Any

    def shown(self, width: int = 100) -> tuple[str, str]:
        """Both values as JSON, long texts cut to the neighbourhood of their first
        difference."""
        return show_pair(self.expected, self.actual, width)


@dataclass
class RecordComparison:
    """One record of a case: its expected version, its parsed partner, what differs."""

    record_type: str
    key: tuple[object, ...] | None
    line: int | None  # in expected.jsonl; None for a record only the parser gave
    expected: RecordDict | None
    actual: RecordDict | None
    differences: list[FieldDiff]

    @property
    def ok(self) -> bool:
        return self.expected is not None and self.actual is not None and not self.differences

    @property
    def title(self) -> str:
        """``record_type key``: how reports name the record."""
        return f"{self.record_type} {key_text(self.key)}"

    def report_lines(self, case_name: str) -> list[str]:
        """One line per wrong field; one line for a record on one side only."""
        if self.actual is None:
            return [f"{case_name} {self.title}: expected (line {self.line}), not parsed"]
        if self.expected is None:
            return [f"{case_name} {self.title}: parsed, missing from expected.jsonl"]
        lines = []
        for diff in self.differences:
            want, got = diff.shown()
            lines.append(f"{case_name} {self.title} {diff.path}: expected {want}, actual {got}")
        return lines

    def block(self) -> list[str]:
        """The record as ``cwscrape fixture`` shows it: a ``record_type key:`` line, then one
        ``field: expected → actual`` line per wrong value; a record the parser no longer gives
        is the first line alone, a new one lists its fields for review."""
        if self.actual is None:
            return [f"{self.title}: in expected.jsonl (line {self.line}), not parsed"]
        if self.expected is None:
            return [f"{self.title}: parsed, not in expected.jsonl"] + [
                f"  {name}: {show(value)}" for name, value in strip_provenance(self.actual).items()
                if name != "record_type"]
        lines = [f"{self.title}:"]
        for diff in self.differences:
            want, got = diff.shown()
            lines.append(f"  {diff.path}: {want} → {got}")
        return lines


def compare_records(case: Case, actual: list[RecordDict]) -> list[RecordComparison]:
    """Every expected record of ``case`` with its parsed partner (in expected.jsonl order),
    then every parsed record no expected record pairs with (in page order)."""
    want, got = _keyed(case, case.expected), _keyed(case, actual)
    partner_of = {pair: n for n, (pair, _) in enumerate(got) if pair is not None}
    result, paired = [], set()
    for line, (record, (pair, key)) in enumerate(zip(case.expected, want), 1):
        n = partner_of.get(pair) if pair is not None else None
        partner = None if n is None else actual[n]
        if n is not None:
            paired.add(n)
        result.append(RecordComparison(
            str(record.get("record_type", "?")), key, line, record, partner,
            [] if partner is None else record_differences(record, partner)))
    result += [RecordComparison(str(record.get("record_type", "?")), key, None, None, record, [])
               for n, (record, (_, key)) in enumerate(zip(actual, got)) if n not in paired]
    return result


def _keyed(case: Case, records: list[RecordDict]
           ) -> list[tuple[tuple[str, str, int] | None, tuple[object, ...] | None]]:
    """``((record_type, record_id, occurrence), natural key)`` of each record, ``(None, None)``
    for one that cannot be keyed. A parsed record keeps the id the parser gave it."""
    seen: Counter[tuple[str, str]] = Counter()
    keyed: list[tuple[tuple[str, str, int] | None, tuple[object, ...] | None]] = []
    for record in records:
        identity = record_identity(record, case.url, case.fetched_at)
        if identity is None:
            keyed.append((None, None))
            continue
        record_id, key = identity
        name = (str(record["record_type"]), str(record.get("record_id") or record_id))
        keyed.append(((*name, seen[name]), key))
        seen[name] += 1
    return keyed


def record_differences(expected: RecordDict, actual: RecordDict) -> list[FieldDiff]:
    """The wrong values of a paired record, over the content fields ``expected`` lists (a field
    it leaves out is :func:`expected_problems`' to report)."""
    return [diff for name, value in expected.items() if name not in PROVENANCE_FIELDS
            for diff in value_differences(name, value, actual.get(name, ABSENT))]


def value_differences(path: str, expected: Any, actual: Any) -> list[FieldDiff]:
    """Where two JSON values differ: inside dicts by key, inside lists by item (items added
    or removed are found by matching, so one new block is one difference)."""
    if expected == actual:
        return []
    if isinstance(expected, dict) and isinstance(actual, dict):
        names = list(expected) + [k for k in actual if k not in expected]
        return [d for k in names for d in value_differences(
            f"{path}.{k}", expected.get(k, ABSENT), actual.get(k, ABSENT))]
    if isinstance(expected, list) and isinstance(actual, list) and expected and actual:
        if len(expected) == len(actual):
            return [d for i, (e, a) in enumerate(zip(expected, actual))
                    for d in value_differences(f"{path}[{i}]", e, a)]
        return _list_differences(path, expected, actual)
    return [FieldDiff(path, expected, actual)]


def _list_differences(path: str, expected: list[Any], actual: list[Any]) -> list[FieldDiff]:
    def dumped(items: list[Any]) -> list[str]:
        return [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in items]

    found = []
    matcher = SequenceMatcher(None, dumped(expected), dumped(actual), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        common = min(i2 - i1, j2 - j1)
        for k in range(common):
            found += value_differences(f"{path}[{i1 + k}]", expected[i1 + k], actual[j1 + k])
        found += [FieldDiff(f"{path}[{i}]", expected[i], ABSENT) for i in range(i1 + common, i2)]
        found += [FieldDiff(f"{path}[{j}]", ABSENT, actual[j]) for j in range(j1 + common, j2)]
    return found


def show(value: Any, width: int = 100) -> str:
    """A value as JSON on one line, cut to ``width`` characters."""
    if value is ABSENT:
        return "(absent)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def show_pair(expected: Any, actual: Any, width: int = 100) -> tuple[str, str]:
    """Two values as JSON; two long texts both cut to the stretch where they start to differ."""
    if not (isinstance(expected, str) and isinstance(actual, str)) \
            or max(len(expected), len(actual)) <= width:
        return show(expected, width), show(actual, width)
    start = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b),
                 min(len(expected), len(actual)))
    start = max(0, start - width // 4)

    def excerpt(text: str) -> str:
        part = text[start:start + width]
        cut = ("…" if start else "") + part + ("…" if start + width < len(text) else "")
        return json.dumps(cut, ensure_ascii=False)

    return excerpt(expected), excerpt(actual)


def case_report(case: Case, actual: list[RecordDict] | None = None) -> list[str]:
    """Everything wrong with ``case``, one line each: its expected.jsonl, then its records
    (``actual`` defaults to parsing its page)."""
    records = parse_case(case) if actual is None else actual
    lines = expected_problems(case.name, case.expected)
    for comparison in compare_records(case, records):
        lines += comparison.report_lines(case.name)
    return lines
