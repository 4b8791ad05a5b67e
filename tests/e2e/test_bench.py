"""Smoke test of ``python -m bench``: the cheap parts of the quick run give the expected rows
with sane numbers. No timing thresholds: these machines are too noisy for that."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `bench` is run from the checkout, not installed
    sys.path.insert(0, str(ROOT))

from bench import corpus, parse, quality  # noqa: E402
from bench.__main__ import main  # noqa: E402
from bench.report import Row, Target, table  # noqa: E402

pytest.importorskip("trafilatura")


def test_parse_ratios_on_three_pages() -> None:
    pages = corpus.fixture_pages()[:3]
    rows = parse.run(pages, corpus.variant_pages(2), repeats_fixtures=1, repeats_variants=1,
                     chrome=False)
    assert [r.figure for r in rows] == [
        "parse_page ÷ lxml.fromstring, 3 fixture pages",
        "floor (decode + parse + bare line walk) ÷ lxml.fromstring, 3 fixture pages",
        "trafilatura.extract ÷ parse_page, 3 fixture pages",
        "parse_page ÷ lxml.fromstring, 2 generated variants",
        "floor (decode + parse + bare line walk) ÷ lxml.fromstring, 2 generated variants",
        "trafilatura.extract ÷ parse_page, 2 generated variants",
    ]
    for row in rows:
        assert row.value is not None and math.isfinite(row.value) and 0.01 < row.value < 1000
    assert [(t.op, t.bound, t.source) for t in rows[0].targets] == [
        ("<=", 2.0, "issue 7"), ("<=", 2.5, "issue 4")]
    assert rows[1].targets == []  # the floor is information, not a target
    assert [(t.op, t.bound) for t in rows[2].targets] == [(">=", 6.0)]
    assert rows[0].data["pages"] == 3
    text = table(rows)
    assert "≤ 2.5× (issue 4)" in text and "≥ 6× (issue 7)" in text


def test_chrome_rows_carry_no_target() -> None:
    rows = parse.run(corpus.fixture_pages()[:2], [], repeats_fixtures=1, repeats_variants=1)
    chrome = [r for r in rows if "site chrome" in r.figure]
    assert [r.figure.split(",")[0] for r in chrome] == 2 * [
        "parse_page ÷ lxml.fromstring", "floor (decode + parse + bare line walk) ÷ "
        "lxml.fromstring", "trafilatura.extract ÷ parse_page"]
    assert ["semantic site chrome" in r.figure for r in chrome] == 3 * [True] + 3 * [False]
    assert all(r.targets == [] for r in chrome)
    assert chrome[0].data["mean_bytes"] > 80_000


@pytest.mark.parametrize("semantic", [True, False], ids=["semantic", "plain"])
def test_site_chrome_makes_real_size_pages_with_the_same_records(semantic: bool) -> None:
    """The chrome (menus, consent dialog, ads, a teaser list, footer, scripts) is what the
    parsers must leave out — also as bare <div>s without a class or role to say so: every
    fixture page inside it gives exactly its own records."""
    from crawler.parsers import parse_page

    for page in corpus.fixture_pages():
        dressed = corpus.with_site_chrome(page, semantic)
        assert len(dressed.html) > 70_000
        assert (dressed.html.count(b"<nav") > page.html.count(b"<nav")) == semantic
        own = [r.to_dict() for r in parse_page(page.html, page.url, page.fetched_at)]
        assert [r.to_dict() for r in parse_page(dressed.html, page.url, page.fetched_at)] \
            == own, page.name


def test_variants_differ_from_their_source_and_still_parse() -> None:
    from crawler.parsers import parse_page

    sources = {p.name: p for p in corpus.fixture_pages()}
    for page in corpus.variant_pages(5):
        base = page.name.split("~")[0]
        assert page.html != sources.get(base, page).html or base.startswith("synthetic_")
        records = parse_page(page.html, page.url, page.fetched_at)
        assert any(r.record_type == "article" for r in records), page.name


@pytest.mark.parametrize("extracted, expected, p, r", [
    ("a b c d", "a b c e", 0.75, 0.75),
    ("a a b", "a b", 2 / 3, 1.0),  # multisets: a repeated token counts once per occurrence
    ("Nyt job, i dag.", "Nyt job i dag", 1.0, 1.0),  # punctuation and spacing not scored
    ("", "a", 0.0, 0.0),
])
def test_token_scores(extracted: str, expected: str, p: float, r: float) -> None:
    s = quality.score(extracted, expected)
    assert s.precision == pytest.approx(p) and s.recall == pytest.approx(r)
    assert s.f1 == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


def test_body_quality_rows() -> None:
    from crawler.devtools.fixtures import all_cases

    rows = quality.run(all_cases()[:3])
    assert [r.figure for r in rows] == ["body F1, ours, 3 fixture pages",
                                        "body F1, trafilatura, 3 fixture pages"]
    for row in rows:
        assert row.value is not None and 0.0 <= row.value <= 1.0
    data = rows[0].data
    assert data["pages"] == 3 and len(data["per_page"]) == 3
    assert rows[0].targets[0].bound == rows[1].value  # ours must beat trafilatura's F1
    json.dumps(data)


def test_main_writes_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    assert main(["--quick", "--only", "quality", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "body F1, ours" in printed and "targets met" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["quick"] is True and data["benchmarks"] == ["quality"]
    assert [r["group"] for r in data["rows"]] == ["quality", "quality"]
    assert data["rows"][0]["targets"][0]["met"] in (True, False)


def test_targets_and_table() -> None:
    row = Row("x", "a figure", 1.5, targets=[Target("<=", 2.0, "issue 7"),
                                             Target(">=", 2.0, "issue 4")])
    assert row.met == [True, False]
    assert Row("x", "none", None, targets=[Target("<=", 1, "")]).met == [None]
    lines = table([row]).splitlines()
    assert len(lines) == 4 and "NOT met" in lines[3] and "met" in lines[2]
    # rounding must not hide which side of the bound a value is on
    close = Row("x", "close", 0.6984, targets=[Target(">=", 0.7, "issue 7")])
    assert "0.698×" in table([close]) and "NOT met" in table([close])
