"""The per-field people-news accuracy report over the fixtures (crawler/devtools/accuracy.py)."""

from __future__ import annotations

import pytest

from crawler.devtools import accuracy
from crawler.devtools.fixtures import Case, all_cases

CASES = all_cases()
PEOPLE_CASES = [c for c in CASES if any(r["record_type"] == "people_news" for r in c.expected)]


def _expected_entries() -> int:
    return sum(1 for case in CASES for r in case.expected if r["record_type"] == "people_news"
               and (case.name, r["text"]) not in accuracy.DECLARED_XFAIL)


def test_every_field_of_every_fixture_entry_is_right() -> None:
    table = accuracy.people_news_accuracy(CASES)
    assert list(table) == list(accuracy.FIELDS)
    assert {total for _, total in table.values()} == {_expected_entries()}
    wrong = {name: score for name, score in table.items() if score[0] != score[1]}
    assert not wrong, accuracy.format_table(table) + "\n" + "\n".join(
        accuracy.report_lines([accuracy.compare_case(case) for case in CASES]))


@pytest.mark.parametrize("case", PEOPLE_CASES, ids=lambda c: c.name)
def test_no_people_record_beyond_the_expected_ones(case: Case) -> None:
    assert accuracy.unexpected_records(case) == []


def test_declared_xfails_still_fail() -> None:
    """A declared limitation that starts passing must be removed from DECLARED_XFAIL."""
    for (name, text), reason in accuracy.DECLARED_XFAIL.items():
        case = next(c for c in CASES if c.name == name)
        problems = [p for exp, _, p in accuracy.case_mismatches(case) if exp["text"] == text]
        assert problems and problems[0], f"{name}: fixed, remove from DECLARED_XFAIL ({reason})"


def test_a_missing_record_is_wrong_on_every_field() -> None:
    case = next(c for c in CASES if c.name == "people_paragraphs")
    result = accuracy.case_mismatches(case, actual=[])
    assert len(result) == 9
    assert all(act is None and len(problems) == len(accuracy.FIELDS)
               for _, act, problems in result)


def test_records_pair_by_text_before_page_order() -> None:
    a = {"text": "A", "person": "P", "label": "Nyt job"}
    b = {"text": "B", "person": "Q", "label": "Nyt job"}
    b_renamed = {"text": "B changed", "person": "Q", "label": "Nyt job"}
    assert accuracy.pair_records([a, b], [b, a]) == [(a, a), (b, b)]
    assert accuracy.pair_records([a, b], [b_renamed, a]) == [(a, a), (b, b_renamed)]
    assert accuracy.pair_records([a, b], [a]) == [(a, a), (b, None)]


def test_format_table() -> None:
    text = accuracy.format_table({"kind": (3, 4), "person": (4, 4)})
    rows = text.splitlines()
    assert rows[0].split() == ["field", "correct", "total", "accuracy"]
    assert rows[2].split() == ["kind", "3", "4", "75.0%"]
    assert rows[3].split() == ["person", "4", "4", "100.0%"]
    assert rows[-1].split() == ["all", "fields", "7", "8", "87.5%"]


def test_main_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert accuracy.main() == 0
    out = capsys.readouterr().out
    assert f"over {_expected_entries()} hand-checked fixture entries" in out
    for name in accuracy.FIELDS:
        assert any(line.split()[:1] == [name] and line.endswith("100.0%")
                   for line in out.splitlines()), name
    assert "wrong" not in out
