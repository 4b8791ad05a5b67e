"""The record diff names each changed record once, and each changed field in one line."""

from __future__ import annotations

import io
from pathlib import Path

from bench.diff import compare, diff

ART = {"record_type": "article", "record_id": "a1", "title": "Titel", "body": "Tekst",
       "parser_version": "1"}
JOB = {"record_type": "job_ad", "record_id": "j1", "company": "Klarbit A/S"}


def test_same_records_in_another_order_are_no_difference() -> None:
    assert compare("p", {"records": [ART, JOB]}, {"records": [JOB, ART]}) == []


def test_a_new_parser_version_alone_is_no_difference() -> None:
    assert compare("p", {"records": [ART]}, {"records": [{**ART, "parser_version": "2"}]}) == []


def test_a_missing_record_is_one_line_and_a_changed_field_another() -> None:
    lines = compare("p", {"records": [ART, JOB]}, {"records": [{**ART, "body": "Ny tekst"}]})
    assert len(lines) == 2
    assert any(line.startswith("p: job_ad j1 only before") for line in lines)
    assert any(line.startswith('p: article a1 body: "Tekst" → "Ny tekst"') for line in lines)


def test_a_crash_on_one_side_is_a_difference() -> None:
    lines = compare("p", {"records": [ART]}, {"error": "ValueError: boom"})
    assert lines == ["p: parse ok → ValueError: boom"]


def test_the_working_tree_against_head_runs_end_to_end(tmp_path: Path) -> None:
    out = io.StringIO()
    diff("HEAD", realworld=tmp_path / "absent", out=out)
    summary = out.getvalue().splitlines()[-1]
    assert summary.startswith("record diff HEAD → working tree: ")
    assert " fixture, " in summary and "demo site" in summary and "no real pages" in summary
