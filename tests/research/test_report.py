"""``cwscrape report``: a self-contained page, every chart there, clean in a real browser.

The browser test needs Debian's ``chromium`` on PATH; without it the test is skipped, except
under CI (``CI`` set), where it fails. It saves ``test-artifacts/report.png``; with
``CWSCRAPE_UPDATE_SCREENSHOT=1`` it also refreshes ``docs/report-screenshot.png`` (review the
image before committing it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from crawler import cli as research_cli  # the one main(): research commands run through it
from crawler.research.report import build_report
from tests.conftest import ROOT
from tests.helpers.headless import find_chromium, visit
from tests.helpers.jsonl import read_jsonl

AS_OF = date(2026, 3, 1)
GENERATED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DEMO_CHARTS = ["articles-per-day", "articles-per-section", "people-per-month", "top-hiring",
               "jobs-per-region", "runs", "errors-by-reason"]
HEADINGS = ["Articles", "People news", "Job ads", "Upcoming events (as of 2026-03-01)",
            "Crawl health", "Field coverage"]


def charts_in(html: str) -> list[str]:
    return re.findall(r'<figure class="chart" id="chart-([^"]+)"><svg', html)


@pytest.fixture(scope="module")
def demo_html(demo_run: Path) -> str:
    return build_report(demo_run.parent.parent, as_of=AS_OF, generated_at=GENERATED)


def test_sections_and_charts(demo_html: str) -> None:
    assert re.findall(r"<h2>([^<]+)</h2>", demo_html) == HEADINGS
    assert "<title>computerworld.dk dataset report</title>" in demo_html
    assert charts_in(demo_html) == DEMO_CHARTS
    assert demo_html.count("<svg") == len(DEMO_CHARTS)
    # Upcoming events are those from --as-of on, soonest first.
    events = re.search(r'id="events">.*?</section>', demo_html, re.S).group(0)
    assert events.index("2026-04-28") < events.index("2026-09-16 – 2026-09-17")


def test_is_self_contained(demo_html: str) -> None:
    assert "<script" not in demo_html and "<link" not in demo_html
    assert "<img" not in demo_html and "@import" not in demo_html
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", demo_html)
    # Only links a reader may click (<a href>) and in-SVG references (#id) point anywhere.
    for match in re.finditer(r"<(\w+)[^>]*?\s(?:xlink:)?(?:href|src)=\"([^\"]*)\"", demo_html):
        tag, target = match.groups()
        assert target.startswith("#") or tag == "a", match.group(0)[:120]


def test_shows_no_names_of_persons(demo_run: Path, demo_html: str) -> None:
    people = read_jsonl(demo_run / "people_news.jsonl")
    names = {p[key] for p in people for key in ("person", "footer_person") if p[key]}
    assert names
    for name in names:
        assert name not in demo_html, name


def test_drift_and_warnings_over_several_runs(demo_run: Path, tmp_path: Path) -> None:
    first = tmp_path / "runs" / demo_run.name
    shutil.copytree(demo_run, first)
    second = tmp_path / "runs" / "20991231T000000000Z-9"
    shutil.copytree(demo_run, second)
    articles = read_jsonl(second / "article.jsonl")
    articles[0]["warnings"] = ["no_body"]
    articles[0]["fetched_at"] = "2099-12-31T00:00:00Z"
    (second / "article.jsonl").write_text(
        "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), "utf-8")
    manifest = json.loads((second / "manifest.json").read_text())
    manifest.update(run_id=second.name, drift={"no_title": 3, "widget_empty": 1})
    (second / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    html = build_report(tmp_path, as_of=AS_OF, generated_at=GENERATED)
    assert charts_in(html) == [*DEMO_CHARTS, "warnings-by-kind", "drift-over-runs"]
    assert "no_body (article)" in html
    cards = dict((label, value) for value, label in re.findall(
        r'<div class="card"><b>([^<]+)</b><span>([^<]+)</span>', html))
    assert cards["runs"] == "2"
    assert cards["articles"] == str(len(articles))  # the two copies are one article each


def test_report_command(demo_run: Path, tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "report.html"
    assert research_cli.main(["report", str(demo_run), "--out", str(out),
                              "--as-of", "2026-03-01"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert charts_in(out.read_text("utf-8")) == DEMO_CHARTS
    with pytest.raises(SystemExit) as exit_info:
        research_cli.main(["report", str(demo_run), "--as-of", "1. marts"])
    assert exit_info.value.code == 2
    assert research_cli.main(["report", str(tmp_path / "nothing")]) == 2


@pytest.fixture(scope="session")
def chromium() -> str:
    """The browser binary; session-scoped so that a skip comes before the demo crawl."""
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not on PATH; CI must install it (apt-get install chromium)")
        pytest.skip("chromium is not on PATH (Debian: apt-get install chromium)")
    return binary


def test_renders_cleanly_in_headless_chromium(chromium: str, demo_run: Path,
                                              tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(build_report(demo_run.parent.parent, as_of=AS_OF,
                                 generated_at=GENERATED), "utf-8")
    seen = visit(page.as_uri(), {
        "charts": "[...document.querySelectorAll('figure.chart')].map(f => {"
                  " const s = f.querySelector('svg'); const r = s && s.getBoundingClientRect();"
                  " return [f.id.slice(6), r ? Math.round(r.width) : 0,"
                  " r ? Math.round(r.height) : 0]; })",
        "svgs": "document.querySelectorAll('svg').length",
        "title": "document.title",
    }, chromium=chromium)
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "report.png").write_bytes(seen.screenshot)
    assert seen.console == [] and seen.exceptions == [] and seen.log_errors == []
    assert seen.requests == [page.as_uri()]  # nothing fetched but the page itself
    assert seen.values["title"] == "computerworld.dk dataset report"
    assert [name for name, _, _ in seen.values["charts"]] == DEMO_CHARTS
    assert seen.values["svgs"] == len(DEMO_CHARTS)
    for name, width, height in seen.values["charts"]:
        assert width >= 400 and height >= 80, (name, width, height)
    assert seen.screenshot.startswith(b"\x89PNG")
    if os.environ.get("CWSCRAPE_UPDATE_SCREENSHOT"):
        save_docs_screenshot(artifacts / "report.png", ROOT / "docs" / "report-screenshot.png")


def save_docs_screenshot(source: Path, target: Path, limit: int = 400_000) -> None:
    """A palette PNG of the screenshot for the README, kept under ``limit`` bytes."""
    from PIL import Image

    image = Image.open(source).convert("RGB")
    for colors in (128, 64, 32):
        image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT).save(
            target, optimize=True)
        if target.stat().st_size < limit:
            return
    raise AssertionError(f"{target} is {target.stat().st_size} bytes, over {limit}")
