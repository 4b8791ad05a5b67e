"""The run folder and its recovery, the WARC archive, and the crawl session's life cycle.

A run's files are ``*.part`` until it closes and ``manifest.json`` comes last; a killed run's
files are cut back to their committed length and closed as ``"interrupted"`` — by the next
session's ``open()``, never before.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from scrapy import Spider
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.items import SerialisedRecord
from crawler.records import TYPE_ORDER, ErrorRecord, content_hash
from crawler.records.identity import content_hash_of
from crawler.runs.manifest import crawl_fields
from crawler.runs.session import CrawlSession, session_of
from crawler.storage.runfolder import RunWriter, recover_run
from tests.helpers.crawlrun import FETCHED_AT, article, event, people


def _line(record: object) -> bytes:
    return SerialisedRecord(record).line  # type: ignore[arg-type]


# -- one record, serialised once --------------------------------------------------------------

@pytest.mark.parametrize("record", [article(1), article(2, body="Ærø og Øresund"), event(),
                                    people()], ids=["article", "danish", "event", "people"])
def test_the_line_is_the_records_json_and_the_digest_its_content_hash(record: object) -> None:
    serialised = SerialisedRecord(record)  # type: ignore[arg-type]
    assert serialised.line == (record.to_json() + "\n").encode("utf-8")  # type: ignore[attr-defined]
    assert serialised.data == record.to_dict()  # type: ignore[attr-defined]
    assert serialised.digest == content_hash(record)  # type: ignore[arg-type]


def test_content_hash_ignores_where_and_when_but_not_what() -> None:
    a = article(1).to_dict()
    moved = {**a, "source_url": "http://mirror/art/1", "fetched_at": "2027-01-01T00:00:00Z"}
    assert content_hash_of(moved) == content_hash_of(a)
    assert content_hash_of({**a, "body": "Andet"}) != content_hash_of(a)


# -- the run writer ---------------------------------------------------------------------------

def test_files_are_part_files_until_close_and_the_manifest_comes_last(tmp_path: Path) -> None:
    writer = RunWriter(tmp_path, "run-1")
    writer.write_line("article", _line(article(1)))
    writer.write_error(ErrorRecord(url="http://x/art/2/b", reason="timeout", status=None,
                                   attempts=3, at=FETCHED_AT))
    writer.sync()
    folder = tmp_path / "runs" / "run-1"
    assert sorted(p.name for p in folder.iterdir()) == ["article.jsonl.part", "errors.jsonl.part"]

    manifest = writer.close({"pages": 1})
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"{t}.jsonl" for t in (*TYPE_ORDER, "errors")] + ["manifest.json"])
    on_disk = json.loads((folder / "manifest.json").read_text())
    assert on_disk == manifest
    assert manifest["status"] == "complete" and manifest["pages"] == 1
    assert manifest["records"]["article"] == 1 and manifest["errors"] == {"timeout": 1}
    # written last: no data file is newer than the manifest
    newest = max((folder / n).stat().st_mtime_ns for n in names if n != "manifest.json")
    assert (folder / "manifest.json").stat().st_mtime_ns >= newest


def test_a_run_closes_once(tmp_path: Path) -> None:
    writer = RunWriter(tmp_path, "run-1")
    writer.close()
    with pytest.raises(RuntimeError):
        writer.close()


def test_the_archive_holds_every_response_as_warc(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    writer = RunWriter(tmp_path, "run-1", archive=True)
    writer.archive_response("http://x/art/1/a", 200, [("Content-Type", "text/html")],
                            "<p>æøå</p>".encode(), FETCHED_AT)
    writer.close()
    with open(tmp_path / "runs" / "run-1" / "pages.warc.gz", "rb") as handle:
        found = [(r.rec_headers.get_header("WARC-Target-URI"),
                  r.rec_headers.get_header("WARC-Date"), r.content_stream().read())
                 for r in ArchiveIterator(handle) if r.rec_type == "response"]
    assert found == [("http://x/art/1/a", FETCHED_AT, "<p>æøå</p>".encode())]


def test_without_an_archive_nothing_is_archived(tmp_path: Path) -> None:
    writer = RunWriter(tmp_path, "run-1")
    writer.archive_response("http://x/", 200, [], b"x", FETCHED_AT)
    writer.close()
    assert not (tmp_path / "runs" / "run-1" / "pages.warc.gz").exists()


# -- recovery of a killed run -----------------------------------------------------------------

def test_recovery_cuts_files_back_to_the_committed_length(tmp_path: Path) -> None:
    writer = RunWriter(tmp_path, "killed")
    writer.write_line("article", _line(article(1)))
    committed = writer.sync()
    writer.write_line("article", _line(article(2)))
    writer.write_line("people_news", _line(people()))
    writer.sync()
    folder = writer.folder
    with open(folder / "article.jsonl.part", "ab") as handle:
        handle.write(b'{"record_type": "article", "tor')  # the torn tail of a kill -9
    writer.abandon()

    manifest = recover_run(folder, committed)
    assert manifest["status"] == "interrupted"
    assert (folder / "article.jsonl").read_bytes() == _line(article(1))
    assert (folder / "people_news.jsonl").read_bytes() == b""  # never committed
    assert manifest["records"]["article"] == 1 and manifest["records"]["people_news"] == 0
    assert manifest["bytes_cut"] == (len(_line(article(2))) + len(_line(people())) + 31)
    assert not list(folder.glob("*.part"))
    assert json.loads((folder / "manifest.json").read_text())["status"] == "interrupted"


def test_opening_a_session_recovers_the_killed_run_and_not_before(tmp_path: Path) -> None:
    killed = CrawlSession(tmp_path, archive=False)
    killed.open()
    killed.writer.write_line("article", _line(article(1)))
    killed.commit()
    killed.writer.write_line("article", _line(article(2)))
    killed.writer.sync()
    killed.writer.abandon()  # kill -9: no close, state says "running"
    killed.state.close()
    folder = killed.writer.folder
    part = folder / "article.jsonl.part"
    size = part.stat().st_size

    after = CrawlSession(tmp_path, archive=False)
    assert part.stat().st_size == size  # creating a session touches nothing
    after.open()
    assert after.recovered == [killed.writer.run_id]
    assert (folder / "article.jsonl").read_bytes() == _line(article(1))
    assert json.loads((folder / "manifest.json").read_text())["status"] == "interrupted"
    assert after.state.unfinished_runs() == [after.writer.run_id]
    after.close({})
    assert after.state_path.exists()


# -- the session ------------------------------------------------------------------------------

def test_close_commits_the_last_batch_and_writes_the_manifest(tmp_path: Path) -> None:
    session = CrawlSession(tmp_path, run_id="run-1", archive=False, commit_seconds=3600)
    session.open()
    session.writer.write_line("article", _line(article(1)))
    stats = {"cwscrape/pages": 1, "cwscrape/seen_again/people_news": 4, "retry/count": 2}
    manifest = session.close(crawl_fields(stats, finish_reason="finished", base_url="http://x",
                                          unaccounted=[]))
    assert session.manifest == manifest
    assert manifest["status"] == "complete" and manifest["records"]["article"] == 1
    assert manifest["seen_again"] == {"people_news": 4} and manifest["retries"] == 2
    reopened = CrawlSession(tmp_path, archive=False)
    reopened.open()
    assert reopened.recovered == []  # the run finished: nothing to recover
    assert reopened.state.committed_lengths("run-1")["article.jsonl"] == \
        len(_line(article(1)))
    reopened.close({})


def test_a_stopped_crawl_says_so() -> None:
    fields = crawl_fields({}, finish_reason="shutdown", base_url=None,
                          unaccounted=[f"http://x/art/{i}" for i in range(30)])
    assert fields["status"] == "stopped" and fields["finish_reason"] == "shutdown"
    assert fields["unaccounted"] == 30 and len(fields["unaccounted_sample"]) == 20


def test_after_a_failed_write_the_run_is_left_to_recovery(tmp_path: Path) -> None:
    session = CrawlSession(tmp_path, archive=False)
    session.open()
    session.writer.write_line("article", _line(article(1)))
    session.fail(OSError(28, "No space left on device"))
    manifest = session.close({})
    assert manifest == {"status": "write_failed", "run_id": session.writer.run_id,
                        "error": "OSError: [Errno 28] No space left on device"}
    folder = session.writer.folder
    assert (folder / "article.jsonl.part").exists() and not (folder / "manifest.json").exists()
    again = CrawlSession(tmp_path, archive=False)
    again.open()
    assert again.recovered == [session.writer.run_id]
    assert (folder / "article.jsonl").read_bytes() == b""  # nothing of it was committed
    again.close({})


def test_a_session_must_be_opened_before_use(tmp_path: Path) -> None:
    session = CrawlSession(tmp_path)
    with pytest.raises(RuntimeError):
        session.state  # noqa: B018
    assert not os.listdir(tmp_path)


def test_components_reach_the_session_through_the_spider(tmp_path: Path) -> None:
    crawler = get_crawler(Spider)
    crawler.spider = Spider.from_crawler(crawler, name="plain")
    with pytest.raises(NotConfigured):
        session_of(crawler)
    session = CrawlSession(tmp_path)
    crawler.spider.session = session  # type: ignore[attr-defined]
    assert session_of(crawler) is session


def test_the_spider_opens_its_session_from_the_settings(tmp_path: Path) -> None:
    from spiders.computerworld import ComputerworldSpider

    crawler = get_crawler(ComputerworldSpider, {"CWSCRAPE_OUT": str(tmp_path),
                                                "CWSCRAPE_RUN_ID": "run-1",
                                                "CWSCRAPE_ARCHIVE": False})
    spider = ComputerworldSpider.from_crawler(crawler, base_url="http://127.0.0.1:8000/")
    assert spider.base_url == "http://127.0.0.1:8000" and spider.base_netloc == "127.0.0.1:8000"
    assert spider.session.writer.folder == tmp_path / "runs" / "run-1"
    assert spider.session.state.unfinished_runs() == ["run-1"]
    spider.session.close({})


@pytest.mark.parametrize("url", ["ftp://example", "www.computerworld.dk", "http://"])
def test_the_spider_refuses_a_base_url_the_cli_refuses(url: str) -> None:
    from spiders.computerworld import ComputerworldSpider

    with pytest.raises(ValueError, match="http"):
        ComputerworldSpider(base_url=url)
