"""The realworld benchmark's scoring, on texts written here (the corpus itself is not needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.realworld import (
    RealPage,
    ShingleScore,
    mean_f1,
    run,
    same_instant,
    shingle_score,
    snippet_score,
)

TEXT = "Regionen har valgt en ny platform til patientjournaler efter et langt udbud i foråret"


def test_identical_text_scores_one_and_nothing_scores_zero() -> None:
    assert shingle_score(TEXT, TEXT).f1 == 1.0
    assert shingle_score("", TEXT).f1 == 0.0
    assert shingle_score(TEXT, "").precision == 0.0


def test_boilerplate_costs_precision_and_a_missing_half_costs_recall() -> None:
    noisy = shingle_score(TEXT + " Del artiklen på Facebook LinkedIn og X eller skriv til os", TEXT)
    assert noisy.recall == 1.0 and noisy.precision < 1.0
    half = shingle_score(" ".join(TEXT.split()[:8]), TEXT)
    assert half.precision == 1.0 and half.recall < 0.5
    assert abs(noisy.tp + noisy.fp + noisy.fn - 1.0) < 1e-9  # normalised per page


def test_f1_is_taken_from_the_mean_precision_and_recall() -> None:
    p, r, f1 = mean_f1([ShingleScore(0.5, 0.5, 0.0), ShingleScore(0.5, 0.0, 0.5)])
    assert (p, r) == (0.75, 0.75) and f1 == pytest.approx(0.75)


def test_snippets_found_and_kept_out_after_folding_whitespace() -> None:
    page = RealPage("snippets", "x", "https://example.invalid/x", b"",
                    with_snippets=["platform til\npatientjournaler", "findes ikke"],
                    without_snippets=["langt  udbud", "Cookies & Tracking"])
    score = snippet_score(TEXT, page)
    assert (score.found, score.missed, score.kept_out, score.leaked) == (1, 1, 1, 1)
    assert score.recall == 0.5 and score.precision == 0.5


@pytest.mark.parametrize("found,expected,right", [
    ("2019-06-06T13:31:00+02:00", "2019-06-06T11:31:00Z", True),
    ("2019-06-06T13:31:00+01:00", "2019-06-06T11:31:00Z", False),
    ("2015-03-27T14:07:55+01:00", "2015-03-27T13:07:55.096Z", True),
    ("2019-06-06T23:00:00+02:00", "2019-06-06", True),
    (None, "2019-06-06", False),
    ("not a date", "2019-06-06", False),
])
def test_published_dates_compare_as_instants(found: str | None, expected: str,
                                             right: bool) -> None:
    assert same_instant(found, expected) is right


def test_without_the_corpus_the_benchmark_says_so_and_gives_no_row(tmp_path: Path) -> None:
    said: list[str] = []
    assert run(tmp_path / "absent", progress=said.append) == []
    assert said and "not found" in said[0]
