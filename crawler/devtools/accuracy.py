"""Per-field accuracy of people news over the fixture pages (``cwscrape accuracy``).

Every ``people_news`` record in ``fixtures/pages/*/expected.jsonl`` is hand-checked. Each page
is parsed with :func:`crawler.parsers.parse_page` and its people-news records are paired with
the expected ones (by entry text, then by person and label, then in page order); a field is
correct when it equals the expected value exactly. An expected entry with no parsed partner
counts as wrong on every field. Entries listed in :data:`DECLARED_XFAIL` are left out of the
totals and reported separately.

The pairing is looser than the fixture test's (:mod:`crawler.devtools.fixtures`, by record
id): an entry whose person is misread still pairs by its text and scores one wrong field,
where the fixture test reports it as one record missing and one not expected.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from crawler.devtools.fixtures import Case, all_cases, key_text, parse_case, record_identity
from crawler.records import PeopleNews
from crawler.records.vocabulary import PROVENANCE_FIELDS

# The compared fields, in table order.
FIELDS: tuple[str, ...] = tuple(
    [f.name for f in fields(PeopleNews)
     if f.name not in PROVENANCE_FIELDS and f.name != "warnings"]
    + ["warnings"])

# (case name, entry text) → why that entry is a known, accepted limitation. Keep it short:
# tests/parsers/test_accuracy.py fails once a declared entry starts passing, so a fix is
# noticed.
DECLARED_XFAIL: dict[tuple[str, str], str] = {}


@dataclass
class Mismatch:
    case: str
    key: str  # the expected entry's natural key, as fixture reports print it
    field: str
    expected: Any
    actual: Any

    def __str__(self) -> str:
        return (f"{self.case} people_news {self.key} {self.field}: "
                f"expected {json.dumps(self.expected, ensure_ascii=False)}, "
                f"actual {json.dumps(self.actual, ensure_ascii=False)}")


def _key(case: Case, record: dict[str, Any]) -> str:
    identity = record_identity(record, case.url, case.fetched_at)
    return key_text(identity[1] if identity else None)


def _people(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r.get("record_type") == "people_news"]


def pair_records(expected: list[dict[str, Any]], actual: list[dict[str, Any]]
                 ) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each expected record with its parsed partner (``None`` when there is none)."""
    free = list(range(len(actual)))
    partner: dict[int, int] = {}
    keys = (lambda r: r.get("text"), lambda r: (r.get("person"), r.get("label")))
    for key in keys:
        for n, exp in enumerate(expected):
            if n in partner or key(exp) in (None, (None, None)):
                continue
            match = next((j for j in free if key(actual[j]) == key(exp)), None)
            if match is not None:
                partner[n] = match
                free.remove(match)
    for n in range(len(expected)):  # the rest in page order
        if n not in partner and free:
            partner[n] = free.pop(0)
    return [(exp, actual[partner[n]] if n in partner else None)
            for n, exp in enumerate(expected)]


@dataclass
class CaseResult:
    """One fixture case compared: every expected entry with its partner and wrong fields."""

    case: Case
    entries: list[tuple[dict[str, Any], dict[str, Any] | None, list[Mismatch]]]
    unexpected: list[dict[str, Any]]  # parsed records that pair with no expected entry


def compare_case(case: Case, actual: list[dict[str, Any]] | None = None) -> CaseResult:
    """Compare ``case``'s expected people news with ``actual`` (default: parse its page)."""
    found = _people(parse_case(case) if actual is None else actual)
    entries = []
    for exp, act in pair_records(_people(case.expected), found):
        problems = [Mismatch(case.name, _key(case, exp), name, exp.get(name),
                             None if act is None else act.get(name))
                    for name in FIELDS if act is None or act.get(name) != exp.get(name)]
        entries.append((exp, act, problems))
    paired = {id(act) for _, act, _ in entries if act is not None}
    return CaseResult(case, entries, [r for r in found if id(r) not in paired])


def case_mismatches(case: Case, actual: list[dict[str, Any]] | None = None
                    ) -> list[tuple[dict[str, Any], dict[str, Any] | None, list[Mismatch]]]:
    """(expected record, its parsed partner or ``None``, the wrong fields) per expected entry."""
    return compare_case(case, actual).entries


def unexpected_records(case: Case) -> list[dict[str, Any]]:
    """Parsed people-news records of ``case`` that pair with no expected entry."""
    return compare_case(case).unexpected


def _is_declared(result: CaseResult, expected: dict[str, Any]) -> bool:
    return (result.case.name, expected.get("text")) in DECLARED_XFAIL


def _score(results: list[CaseResult], skip: dict[tuple[str, str], str]
           ) -> dict[str, tuple[int, int]]:
    score = {name: [0, 0] for name in FIELDS}
    for result in results:
        for exp, _, problems in result.entries:
            if (result.case.name, exp.get("text")) in skip:
                continue
            wrong = {p.field for p in problems}
            for name in FIELDS:
                score[name][1] += 1
                score[name][0] += name not in wrong
    return {name: (ok, total) for name, (ok, total) in score.items()}


def people_news_accuracy(cases: list[Case] | None = None, *,
                         skip: dict[tuple[str, str], str] | None = None
                         ) -> dict[str, tuple[int, int]]:
    """``{field: (correct, total)}`` over every expected people-news entry of the fixtures.

    ``skip`` (default :data:`DECLARED_XFAIL`) names entries, by case and text, left out.
    """
    results = [compare_case(case) for case in (all_cases() if cases is None else cases)]
    return _score(results, DECLARED_XFAIL if skip is None else skip)


def report_lines(results: list[CaseResult]) -> list[str]:
    """One line per wrong field (one per entry when no record was parsed for it) and one per
    unexpected record."""
    lines = []
    for result in results:
        name = result.case.name
        for exp, act, problems in result.entries:
            tag = " (declared xfail)" if _is_declared(result, exp) else ""
            if act is None:
                lines.append(f"{name} people_news {_key(result.case, exp)}: expected, not "
                             f"parsed{tag}")
            else:
                lines += [f"{problem}{tag}" for problem in problems]
        lines += [f"{name} people_news {_key(result.case, extra)}: parsed, not expected"
                  for extra in result.unexpected]
    return lines


def format_table(accuracy: dict[str, tuple[int, int]]) -> str:
    """A plain-text table: one row per field, then the total over all fields."""
    width = max(len("field"), *(len(name) for name in accuracy))
    rows = [f"{'field':<{width}}  {'correct':>7}  {'total':>5}  {'accuracy':>8}"]
    rows.append("-" * len(rows[0]))

    def row(name: str, ok: int, total: int) -> str:
        share = f"{100 * ok / total:.1f}%" if total else "n/a"
        return f"{name:<{width}}  {ok:>7}  {total:>5}  {share:>8}"

    rows += [row(name, ok, total) for name, (ok, total) in accuracy.items()]
    rows.append("-" * len(rows[0]))
    rows.append(row("all fields", sum(ok for ok, _ in accuracy.values()),
                    sum(total for _, total in accuracy.values())))
    return "\n".join(rows)


def main() -> int:
    """Print the table and every wrong field; exit status 1 when anything is wrong."""
    results = [compare_case(case) for case in all_cases()]
    table = _score(results, DECLARED_XFAIL)
    entries = next(iter(table.values()))[1] if table else 0
    print(f"people_news accuracy over {entries} hand-checked fixture entries "
          f"(+{len(DECLARED_XFAIL)} declared xfail)\n")
    print(format_table(table))
    problems = report_lines(results)
    if problems:
        print("\nwrong:")
        print("\n".join(f"  {line}" for line in problems))
    for (case, text), reason in DECLARED_XFAIL.items():
        print(f"\nxfail {case}: {text[:60]}… — {reason}")
    perfect = all(ok == total for ok, total in table.values())
    return 0 if perfect and not any(r.unexpected for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
