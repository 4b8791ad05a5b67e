"""The bundled demo site crawled end to end: the acceptance of the foundation issue."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from crawler.records import TYPE_ORDER
from crawler.records.validation import error_line_problems, record_problems
from tests.helpers.jsonl import read_jsonl

# Unique records a full crawl must produce, counted by hand in fixtures/site/README.md.
EXPECTED_TOTALS = {"article": 14, "related_link": 20, "event": 6, "job_ad": 5,
                   "sponsored": 3, "people_news": 5}


def test_every_record_type_is_written(demo_run: Path) -> None:
    for rtype in TYPE_ORDER:
        assert (demo_run / f"{rtype}.jsonl").stat().st_size > 0, rtype
    assert not list(demo_run.glob("*.part"))


def test_totals_match_the_hand_count(demo_run: Path) -> None:
    counts = {t: len(read_jsonl(demo_run / f"{t}.jsonl")) for t in TYPE_ORDER}
    assert counts == EXPECTED_TOTALS
    manifest = json.loads((demo_run / "manifest.json").read_text())
    assert manifest["records"] == EXPECTED_TOTALS
    assert manifest["pages"] == 14
    # widgets repeat across pages: the dedup step had work to do
    assert manifest["seen_again"]["people_news"] > 0


def test_every_line_validates_and_ids_are_unique(demo_run: Path) -> None:
    for rtype in TYPE_ORDER:
        records = read_jsonl(demo_run / f"{rtype}.jsonl")
        for n, record in enumerate(records, 1):
            assert record_problems(record) == [], f"{rtype}.jsonl line {n}"
        ids = Counter(r["record_id"] for r in records)
        assert [i for i, c in ids.items() if c > 1] == [], rtype
    for error in read_jsonl(demo_run / "errors.jsonl"):
        assert error_line_problems(error) == []


def test_the_404_is_an_error_record(demo_run: Path) -> None:
    errors = read_jsonl(demo_run / "errors.jsonl")
    assert [(e["reason"], e["status"]) for e in errors if "289999" in e["url"]] == \
        [("http_404", 404)]
    manifest = json.loads((demo_run / "manifest.json").read_text())
    assert manifest["errors"] == {"http_404": 1}


def test_article_reachable_only_by_related_link_is_crawled(demo_run: Path) -> None:
    ids = {r["article_id"] for r in read_jsonl(demo_run / "article.jsonl")}
    assert 289013 in ids
    assert 289014 in ids


def test_robots_disallowed_page_is_not_fetched(demo_run: Path) -> None:
    urls = {r["source_url"] for r in read_jsonl(demo_run / "article.jsonl")}
    assert not any("/private/" in u for u in urls)
