"""Every fixture page against its hand-checked expected records, one test per record.

Records are paired by key (:mod:`crawler.devtools.fixtures`), so a failure names the case, the
record and the field: ``people_cards people_news ("Signe Obel", "Forfremmelse", "2026-01-05")
role: expected "…", actual "…"``.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from crawler.devtools.fixtures import (
    Case,
    RecordComparison,
    all_cases,
    case_report,
    compare_records,
    expected_problems,
    load_case,
    parse_case,
    record_identity,
    strip_provenance,
)
from tests.helpers.fixture_cases import copy_case, rewrite_expected

CASES = all_cases()
BY_NAME = {case.name: case for case in CASES}

# Known limitations, test id (``case/record_type/key``, as pytest shows it) → reason. Each is a
# strict xfail, so a fix is noticed. Keep it short: at most three, each with the field that is
# wrong and why the parser cannot get it yet.
XFAIL: dict[str, str] = {}


@cache
def _comparisons(name: str) -> tuple[RecordComparison, ...]:
    case = BY_NAME[name]
    return tuple(compare_records(case, parse_case(case)))


_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def _record_id(case: Case, line: int) -> str:
    """``case/record_type/key``, the key's words in ASCII (pytest would escape the rest). Made
    from the expected record alone: collecting the tests parses no page."""
    record = case.expected[line - 1]
    identity = record_identity(record, case.url, case.fetched_at)
    key = identity[1] if identity else ()
    words = unicodedata.normalize("NFKD", " ".join(str(p) for p in key if p is not None)
                                  .translate(_DANISH)).encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[A-Za-z0-9]+", words))[:48] or f"line{line}"
    return f"{case.name}/{record.get('record_type')}/{slug}"


def _record_params() -> list[object]:
    params = []
    for case in CASES:
        for line in range(1, len(case.expected) + 1):
            test_id = _record_id(case, line)
            marks = ([pytest.mark.xfail(strict=True, reason=XFAIL[test_id])]
                     if test_id in XFAIL else [])
            params.append(pytest.param(case.name, line, id=test_id, marks=marks))
    return params


RECORD_PARAMS = _record_params()


def test_there_are_fixture_cases() -> None:
    assert len(CASES) >= 20


def test_known_limitations_are_few_and_named() -> None:
    assert len(XFAIL) <= 3
    assert set(XFAIL) <= {p.id for p in RECORD_PARAMS}  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_expected_file_is_complete(case: Case) -> None:
    assert case.expected, f"{case.name}: expected.jsonl is empty"
    problems = expected_problems(case.name, case.expected)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("name, line", RECORD_PARAMS)
def test_fixture_record(name: str, line: int) -> None:
    [found] = [c for c in _comparisons(name) if c.line == line]
    problems = found.report_lines(name)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_no_record_beyond_the_expected_ones(case: Case) -> None:
    problems = [line for c in _comparisons(case.name) if c.line is None
                for line in c.report_lines(case.name)]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# --- the report itself ----------------------------------------------------------------------

def test_a_record_deleted_from_expected_is_reported_once(tmp_path: Path) -> None:
    """The acceptance test of pairing by key: one record taken out of expected.jsonl is one
    line of report naming that record, not a cascade over the records after it."""
    folder = copy_case("people_paragraphs", tmp_path)
    before = case_report(load_case(folder))
    rewrite_expected(folder, lambda records: [r for r in records
                                              if r.get("person") != "Lærke Bundgaard"])
    after = case_report(load_case(folder))
    assert len(after) == len(before) + 1
    assert set(after) - set(before) == {
        'people_paragraphs people_news ("Lærke Bundgaard", "Færdiggjort uddannelse", '
        '"2026-01-16"): parsed, missing from expected.jsonl'}


def _expecting_its_output(name: str) -> tuple[Case, list[dict[str, Any]]]:
    """Case ``name`` expecting exactly what the parser reads (whatever expected.jsonl says),
    and that output, for tests of the report alone."""
    case = BY_NAME[name]
    parsed = parse_case(case)
    expected = [strip_provenance(r) for r in copy.deepcopy(parsed)]
    return dataclasses.replace(case, expected=expected), parsed


def test_a_record_the_parser_drops_is_reported_once() -> None:
    case, parsed = _expecting_its_output("people_cards")
    line = next(n for n, r in enumerate(parsed, 1) if r.get("person") == "Pernille Dahlin")
    report = case_report(case, parsed[:line - 1] + parsed[line:])
    assert report == ['people_cards people_news ("Pernille Dahlin", "Færdiggjort uddannelse", '
                      f'"2025-12-12"): expected (line {line}), not parsed']


def test_a_wrong_field_is_one_line_naming_record_and_field() -> None:
    case, parsed = _expecting_its_output("people_list_items")
    [tine] = [r for r in parsed if r.get("person") == "Tine Fogh"]
    institution, tine["institution"] = tine["institution"], "Aalborg Universitet"
    assert case_report(case, parsed) == [
        f'people_list_items people_news ("Tine Fogh", "Færdiggjort uddannelse", '
        f'"{tine["effective_date"]}") institution: expected "{institution}", '
        f'actual "Aalborg Universitet"']


def test_a_block_added_to_the_body_is_one_difference() -> None:
    case, parsed = _expecting_its_output("seed_cerner")
    article = next(r for r in parsed if r["record_type"] == "article")
    article["blocks"].insert(2, {"kind": "paragraph", "text": "Et nyt afsnit."})
    assert case_report(case, parsed) == [
        'seed_cerner article 293101 blocks[2]: expected (absent), actual '
        '{"kind": "paragraph", "text": "Et nyt afsnit."}']


def test_long_texts_are_shown_where_they_differ() -> None:
    case, parsed = _expecting_its_output("seed_cerner")
    article = next(r for r in parsed if r["record_type"] == "article")
    article["body"] = article["body"].replace("Region Syddanmark", "Region Sjælland", 1)
    [line] = case_report(case, parsed)
    assert line.startswith("seed_cerner article 293101 body: expected \"…")
    assert "Region Syddanmark" in line and "Region Sjælland" in line and len(line) < 300


def test_expected_problems_name_line_and_fields() -> None:
    problems = expected_problems("x", [{"record_type": "job_ad", "company": "A", "titel": "B"},
                                       {"record_type": "jobad"}])
    assert problems == [
        "x expected line 1 (job_ad) lacks ['warnings', 'title', 'region', 'url']",
        "x expected line 1 (job_ad) has unknown fields ['titel']",
        "x expected line 2: unknown record_type 'jobad'",
    ]
