"""The item pipelines on page results: dedup, validate, write (into an open CrawlSession)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.test import get_crawler

from crawler.records import ErrorRecord
from crawler.runs.session import CrawlSession
from pipelines.dedup import DedupPipeline
from pipelines.validate import ValidatePipeline
from pipelines.writer import DatasetWriterPipeline
from tests.helpers.crawlrun import article, event, page, people


def _stats() -> Any:
    return get_crawler().stats


def _lines(session: CrawlSession, name: str) -> list[dict]:
    session.writer.sync()
    path = session.writer.folder / f"{name}.part"
    return [json.loads(x) for x in path.read_bytes().splitlines()] if path.exists() else []


# -- dedup ------------------------------------------------------------------------------------

def test_dedup_drops_widget_repeats_and_counts_them() -> None:
    stats = _stats()
    dedup = DedupPipeline(stats)
    first = dedup.process_item(page(article(1), people("Ane Holm"), event(), art_id=1))
    second = dedup.process_item(page(article(2), people("Ane Holm", art_id=2),
                                     people("Bo Lund", art_id=2), event(art_id=2), art_id=2))
    assert [r.record_type for r in first.records] == ["article", "people_news", "event"]
    assert [(r.record_type, r.record.person if r.record_type == "people_news" else None)
            for r in second.records] == [("article", None), ("people_news", "Bo Lund")]
    assert stats.get_value("cwscrape/seen_again/people_news") == 1
    assert stats.get_value("cwscrape/seen_again/event") == 1


def test_dedup_keeps_every_per_page_record() -> None:
    dedup = DedupPipeline(_stats())
    dedup.process_item(page(article(1)))
    again = dedup.process_item(page(article(1)))  # the same id: the writer decides
    assert [r.record_type for r in again.records] == ["article"]


def test_dedup_passes_error_records_through() -> None:
    error = ErrorRecord(url="http://x/art/1/a", reason="timeout", status=None, attempts=3,
                        at="2026-02-03T10:00:00Z")
    assert DedupPipeline(_stats()).process_item(error) is error


# -- validate ---------------------------------------------------------------------------------

def test_validate_turns_an_invalid_record_into_an_invalid_record_error() -> None:
    stats = _stats()
    item = ValidatePipeline(stats).process_item(
        page(article(1), event("Broken", start_date=5), event("Fine")))
    assert [r.record.title for r in item.records] == ["Artikel 1", "Fine"]
    [error] = item.errors
    assert error.reason == "invalid_record" and error.url.endswith("/art/1/a")
    assert error.detail.startswith("event ") and "start_date" in error.detail
    assert stats.get_value("cwscrape/invalid/event") == 1


def test_a_valid_page_is_left_alone() -> None:
    item = ValidatePipeline(_stats()).process_item(page(article(1), people()))
    assert len(item.records) == 2 and item.errors == []


# -- writer -----------------------------------------------------------------------------------

def _writer(session: CrawlSession) -> tuple[DatasetWriterPipeline, Any]:
    stats = _stats()
    return DatasetWriterPipeline(session, stats), stats


def test_writer_writes_each_record_as_its_json_line(session: CrawlSession) -> None:
    writer, stats = _writer(session)
    records = [article(1), people()]
    writer.process_item(page(*records))
    session.writer.sync()
    for record in records:
        path = session.writer.folder / f"{record.record_type}.jsonl.part"
        assert path.read_bytes() == (record.to_json() + "\n").encode("utf-8")
    assert stats.get_value("cwscrape/written/article") == 1


def test_each_record_is_serialised_once(session: CrawlSession) -> None:
    calls: list[str] = []
    records = [article(1), event()]
    for record in records:
        original = record.to_dict

        def counted(original: Any = original, rtype: str = record.record_type) -> dict:
            calls.append(rtype)
            return original()
        record.to_dict = counted  # type: ignore[method-assign]
    item = ValidatePipeline(_stats()).process_item(page(*records))
    _writer(session)[0].process_item(item)
    assert sorted(calls) == ["article", "event"]


def test_writer_skips_unchanged_articles_and_writes_new_versions(tmp_path: Path) -> None:
    first = CrawlSession(tmp_path, archive=False)
    first.open()
    writer, _ = _writer(first)
    writer.process_item(page(article(1)))
    writer.process_item(page(article(2), art_id=2))
    first.close({})

    second = CrawlSession(tmp_path, archive=False)
    second.open()
    writer, stats = _writer(second)
    writer.process_item(page(article(1, fetched_at="2026-03-01T00:00:00Z")))
    writer.process_item(page(article(2, body="Rettet brødtekst."), art_id=2))
    assert [r["article_id"] for r in _lines(second, "article.jsonl")] == [2]
    assert _lines(second, "article.jsonl")[0]["body"] == "Rettet brødtekst."
    assert stats.get_value("cwscrape/unchanged/article") == 1
    assert stats.get_value("cwscrape/updated/article") == 1
    assert stats.get_value("cwscrape/written/article") == 1
    second.close({})


def test_writer_writes_a_widget_once_in_the_whole_dataset(tmp_path: Path) -> None:
    first = CrawlSession(tmp_path, archive=False)
    first.open()
    _writer(first)[0].process_item(page(article(1), people()))
    first.close({})
    second = CrawlSession(tmp_path, archive=False)
    second.open()
    writer, stats = _writer(second)
    writer.process_item(page(article(2), people(art_id=2), art_id=2))
    assert _lines(second, "people_news.jsonl") == []
    assert stats.get_value("cwscrape/seen_again/people_news") == 1
    second.close({})


def test_writer_writes_page_errors_and_error_items(session: CrawlSession) -> None:
    writer, stats = _writer(session)
    item = page(article(1))
    item.errors.append(ErrorRecord(url=item.url, reason="invalid_record", status=None,
                                   attempts=1, at="2026-02-03T10:00:00Z", detail="x"))
    writer.process_item(item)
    writer.process_item(ErrorRecord(url="http://x/art/9/a", reason="timeout", status=None,
                                    attempts=3, at="2026-02-03T10:00:00Z"))
    assert [e["reason"] for e in _lines(session, "errors.jsonl")] == ["invalid_record",
                                                                      "timeout"]
    assert stats.get_value("cwscrape/errors/timeout") == 1


def test_writer_commits_when_the_batch_is_due(tmp_path: Path) -> None:
    session = CrawlSession(tmp_path, archive=False, commit_seconds=0)
    session.open()
    _writer(session)[0].process_item(page(article(1)))
    committed = session.state.committed_lengths(session.writer.run_id)
    assert committed["article.jsonl"] > 0
    assert session.state.article("art:1") is not None
    session.close({})


def test_a_failed_write_stops_writing_and_is_the_sessions(session: CrawlSession,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    writer, _ = _writer(session)

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(session.writer, "write_line", disk_full)
    writer.process_item(page(article(1)))
    assert session.failed == "OSError: [Errno 28] No space left on device"
    monkeypatch.undo()
    writer.process_item(page(article(2), art_id=2))  # the run is stopping: nothing more
    assert _lines(session, "article.jsonl") == []
