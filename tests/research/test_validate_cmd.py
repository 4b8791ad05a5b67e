"""``cwscrape validate``: counts per type, and every problem named by file, line and field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from crawler import cli as research_cli  # the one main(): research commands run through it
from crawler.research.check import check_dataset


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = research_cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def corrupt_copy(demo_run: Path, tmp_path: Path) -> Path:
    """The demo dataset with line 3 of article.jsonl replaced by non-JSON and line 2 of
    event.jsonl breaking its schema (a number for a date, an unknown field)."""
    dataset = tmp_path / "corrupt"
    run = dataset / "runs" / demo_run.name
    shutil.copytree(demo_run, run)
    articles = (run / "article.jsonl").read_text("utf-8").splitlines(keepends=True)
    articles[2] = '{"record_type": "article", "record_id": oops\n'
    (run / "article.jsonl").write_text("".join(articles), "utf-8")
    events = (run / "event.jsonl").read_text("utf-8").splitlines(keepends=True)
    event = json.loads(events[1])
    event["start_date"] = 20260428
    event["venue"] = "Aarhus"
    events[1] = json.dumps(event, ensure_ascii=False) + "\n"
    (run / "event.jsonl").write_text("".join(events), "utf-8")
    return dataset


def test_passes_on_the_demo_dataset(demo_run: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "validate", str(demo_run.parent.parent))
    assert code == 0, out + err
    assert "all lines valid" in out
    manifest = json.loads((demo_run / "manifest.json").read_text())
    rows = {ln.split()[0]: ln.split()[1:] for ln in out.splitlines() if ln.split()}
    for rtype, count in manifest["records"].items():
        assert rows[rtype] == [str(count), str(count), "0"], rtype  # lines, valid, invalid


def test_fails_naming_file_line_and_field(demo_run: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    dataset = corrupt_copy(demo_run, tmp_path)
    code, out, err = run_cli(capsys, "validate", str(dataset))
    assert code == 1
    run = f"runs/{demo_run.name}"
    problems = [ln.strip() for ln in out.splitlines() if ln.startswith("  ")]
    assert any(p.startswith(f"{run}/article.jsonl:3: <line>: not valid JSON") for p in problems)
    assert any(p.startswith(f"{run}/event.jsonl:2: start_date: 20260428 is not of type")
               for p in problems)
    assert any(p.startswith(f"{run}/event.jsonl:2: venue: Additional properties")
               for p in problems), problems
    counts = {ln.split()[0]: ln.split()[1:] for ln in out.splitlines()
              if ln.split() and ln.split()[0] in ("article", "event", "job_ad")}
    assert counts["article"][2] == "1" and counts["event"][2] == "1"
    assert counts["job_ad"][2] == "0"
    assert "Traceback" not in err


def test_manifest_counts_and_part_files(demo_run: Path, tmp_path: Path) -> None:
    run = tmp_path / "runs" / demo_run.name
    shutil.copytree(demo_run, run)
    lines = (run / "job_ad.jsonl").read_text("utf-8").splitlines(keepends=True)
    (run / "job_ad.jsonl").write_text("".join(lines[:-1]), "utf-8")
    crashed = tmp_path / "runs" / "20991231T000000000Z-9"
    crashed.mkdir()
    (crashed / "job_ad.jsonl.part").write_text(lines[0] + lines[1][:40], "utf-8")
    result = check_dataset(tmp_path)
    assert [str(p) for p in result.problems] == [
        f"runs/{demo_run.name}/manifest.json: records.job_ad: says {len(lines)} records, "
        f"job_ad.jsonl holds {len(lines) - 1}"]
    assert any("torn last line" in n and "job_ad.jsonl.part:2" in n for n in result.notes)
    assert any("no manifest.json" in n for n in result.notes)


def test_a_folder_without_runs_is_a_usage_error(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "validate", str(tmp_path))
    assert code == 2
    assert err.count("\n") == 1 and "no runs found" in err


def test_max_problems_shortens_the_list(demo_run: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    dataset = corrupt_copy(demo_run, tmp_path)
    code, out, _ = run_cli(capsys, "validate", str(dataset), "--max-problems", "1")
    assert code == 1
    assert "… and 2 more" in out
