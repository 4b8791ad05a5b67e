"""Every fixture page against its hand-checked expected records, field by field."""

from __future__ import annotations

import pytest

from crawler.fixturecheck import all_cases, compare, missing_fields, parse_case

CASES = all_cases()


def test_there_are_fixture_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_case(case) -> None:
    assert case.expected, f"{case.name}: expected.jsonl is empty"
    problems = missing_fields(case.name, case.expected)
    problems += compare(case.name, case.expected, parse_case(case))
    assert not problems, "\n".join(problems)
