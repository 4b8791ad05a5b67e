"""The command line: output format, and one clear line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.cli import main
from tests.helpers.fixture_cases import copy_case, rewrite_expected

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "pages" / "seed_cerner"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "crawler", *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


def test_parse_seed_page() -> None:
    url = json.loads((SEED / "meta.json").read_text())["url"]
    proc = run("parse", "--url", url, str(SEED / "page.html"))
    assert proc.returncode == 0, proc.stderr
    assert "\\u" not in proc.stdout  # UTF-8, not escapes
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    by_type: dict[str, list[dict]] = {}
    for r in records:
        by_type.setdefault(r["record_type"], []).append(r)
    assert {k: len(v) for k, v in by_type.items()} == {
        "article": 1, "related_link": 4, "event": 3, "job_ad": 3, "people_news": 4}
    article = by_type["article"][0]
    headings = [b["text"] for b in article["blocks"] if b["kind"] == "heading"]
    assert headings == ["I dansk kontekst", "Ingen sundhedsplatform"]
    for leak in ("Artikel top billede", "Læs mere om det her", "Computerworld Events",
                 "Navnenyt", "SOS International", "Nyt job"):
        assert leak not in article["body"]
    assert [r["position"] for r in by_type["related_link"]] == [0, 1, 2, 3]
    assert all(e["category"] and e["location"] for e in by_type["event"])
    people = by_type["people_news"]
    assert all(p["person"] and p["organization"] and p["role"] and p["effective_date"]
               for p in people)
    assert people[-1]["kind"] == "completed_education"


def test_parse_missing_file_is_one_line() -> None:
    proc = run("parse", "/nonexistent/page.html")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_parse_bad_url_and_time_are_usage_errors() -> None:
    for args in (["--url", "not a url"], ["--fetched-at", "yesterday"]):
        proc = run("parse", *args, str(SEED / "page.html"))
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_crawl_rejects_bad_base_url() -> None:
    proc = run("crawl", "--base-url", "ftp://example", "--out", "/tmp/x")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_every_command_has_help() -> None:
    for cmd in ("parse", "crawl", "demo", "reparse", "fixture", "accuracy", "schemas",
                "validate", "export", "report"):
        proc = run(cmd, "--help")
        assert proc.returncode == 0 and "usage:" in proc.stdout


def test_commands_are_listed_in_their_order() -> None:
    proc = run("--help")
    listed = [line.split()[0] for line in proc.stdout.splitlines() if line.startswith("    ")]
    assert listed == ["parse", "crawl", "demo", "reparse", "fixture", "accuracy", "schemas",
                      "validate", "export", "report"]


# --- cwscrape fixture -------------------------------------------------------------------------

def test_fixture_of_a_passing_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fixture", "seed_cerner"]) == 0
    assert capsys.readouterr().out == "seed_cerner: parser output equals expected.jsonl\n"


def test_fixture_shows_fields_then_write_accepts_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_case("people_cards", tmp_path)

    def edit(records: list[dict]) -> list[dict]:
        for record in records:
            if record.get("person") == "Signe Obel":
                record["role"], record["age"] = "CDO", 44
        return [r for r in records if r.get("person") != "Oliver Krogh"]

    rewrite_expected(folder, edit)
    assert main(["fixture", str(folder)]) == 1
    out = capsys.readouterr().out
    block = out.split("\n\n")
    signe = next(b for b in block if "Signe Obel" in b).splitlines()
    assert signe[0].startswith('people_news ("Signe Obel", "Forfremmelse", ') and \
        signe[0].endswith(":")
    assert signe[1:] == ['  age: 44 → null', '  role: "CDO" → "Chief Data Officer (CDO)"']
    oliver = next(b for b in block if "Oliver Krogh" in b).splitlines()
    assert oliver[0].startswith('people_news ("Oliver Krogh", "Nyt job", ')
    assert oliver[0].endswith("): parsed, not in expected.jsonl")
    assert '  person: "Oliver Krogh"' in oliver
    assert out.splitlines()[-1] == "people_cards: 2 record(s) differ (9 expected, 10 parsed)"
    assert "@@" not in out and len(max(out.splitlines(), key=len)) < 200  # no unified diff

    assert main(["fixture", str(folder), "--write"]) == 0
    captured = capsys.readouterr()
    assert "Signe Obel" in captured.out and captured.err.startswith(f"\nwrote {folder}")
    assert main(["fixture", str(folder)]) == 0
    assert capsys.readouterr().out == "people_cards: parser output equals expected.jsonl\n"
    assert (folder / "expected.jsonl").read_bytes() == \
        (ROOT / "fixtures" / "pages" / "people_cards" / "expected.jsonl").read_bytes()


def test_fixture_of_a_folder_that_is_no_case(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path) -> None:
    assert main(["fixture", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cwscrape fixture: ") and err.count("\n") == 1
