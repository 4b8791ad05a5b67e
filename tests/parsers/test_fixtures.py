"""Every fixture page against its hand-checked expected records, field by field."""

from __future__ import annotations

import pytest

from crawler.devtools.fixtures import all_cases, compare, missing_fields, parse_case

CASES = all_cases()

# Known limitations, case → reason. Each is a strict xfail, so a fix is noticed. Keep it short:
# at most three, each with the field that is wrong and why the parser cannot get it yet.
XFAIL: dict[str, str] = {}


def _params() -> list[object]:
    return [pytest.param(case, id=case.name,
                         marks=pytest.mark.xfail(strict=True, reason=XFAIL[case.name]))
            if case.name in XFAIL else pytest.param(case, id=case.name)
            for case in CASES]


def test_there_are_fixture_cases() -> None:
    assert len(CASES) >= 20


def test_known_limitations_are_few_and_named() -> None:
    assert len(XFAIL) <= 3
    assert set(XFAIL) <= {case.name for case in CASES}


@pytest.mark.parametrize("case", _params())
def test_fixture_case(case) -> None:
    assert case.expected, f"{case.name}: expected.jsonl is empty"
    problems = missing_fields(case.name, case.expected)
    problems += compare(case.name, case.expected, parse_case(case))
    assert not problems, "\n".join(problems)
