"""``cwscrape export --format parquet``: one typed file per record type, read back."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from crawler import cli as research_cli  # the one main(): research commands run through it
from crawler.records import TYPE_ORDER
from crawler.research.load import load_dicts
from crawler.research.parquet import arrow_schema
from tests.helpers.jsonl import read_jsonl


@pytest.fixture(scope="module")
def exported(demo_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("parquet")
    code = research_cli.main(["export", str(demo_run.parent.parent), "--format", "parquet",
                              "--out", str(out)])
    assert code == 0
    return out


def test_one_file_per_type_with_the_loaders_row_counts(demo_run: Path,
                                                       exported: Path) -> None:
    import pyarrow.parquet as pq

    assert sorted(p.name for p in exported.iterdir()) == sorted(
        f"{t}.parquet" for t in TYPE_ORDER)
    for rtype in TYPE_ORDER:
        table = pq.read_table(exported / f"{rtype}.parquet")
        assert table.num_rows == len(load_dicts(demo_run, rtype)) > 0, rtype
        assert table.schema.equals(arrow_schema(rtype)), rtype
        assert table.schema.metadata[b"cwscrape.record_type"] == rtype.encode()


def test_column_types(exported: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    article = pq.read_table(exported / "article.parquet").schema
    assert article.field("published").type == pa.timestamp("us", tz="Europe/Copenhagen")
    assert article.field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert not article.field("fetched_at").nullable
    assert article.field("article_id").type == pa.int64()
    assert article.field("is_premium").type == pa.bool_()
    assert article.field("premium_reading_minutes").type == pa.float64()
    assert article.field("tags").type == pa.list_(pa.string())
    blocks = article.field("blocks").type
    assert pa.types.is_list(blocks) and blocks.value_type.names == ["kind", "text"]
    assert article.field("image").type.names == ["url", "caption", "credit"]
    people = pq.read_table(exported / "people_news.parquet").schema
    assert people.field("effective_date").type == pa.date32()
    assert people.field("age").type == pa.int64() and people.field("age").nullable
    event = pq.read_table(exported / "event.parquet").schema
    assert event.field("start_date").type == pa.date32()
    assert event.field("is_free").type == pa.bool_()


def test_values_survive_the_round_trip(demo_run: Path, exported: Path) -> None:
    import pyarrow.parquet as pq

    lines = read_jsonl(demo_run / "article.jsonl")
    rows = pq.read_table(exported / "article.parquet").to_pylist()
    first, line = rows[0], lines[0]
    assert first["record_id"] == line["record_id"] and first["body"] == line["body"]
    assert first["published"] == datetime.fromisoformat(line["published"])
    assert first["fetched_at"] == datetime.fromisoformat(line["fetched_at"])
    assert first["fetched_at"].tzinfo is not None
    assert first["blocks"] == line["blocks"] and first["tags"] == line["tags"]
    people = pq.read_table(exported / "people_news.parquet").to_pylist()
    expected = read_jsonl(demo_run / "people_news.jsonl")[0]["effective_date"]
    assert people[0]["effective_date"] == date.fromisoformat(expected)
    assert datetime(2000, 1, 1, tzinfo=UTC) < first["fetched_at"]


def test_schema_breaking_lines_are_left_out(demo_run: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow.parquet as pq

    run = tmp_path / "data" / "runs" / demo_run.name
    shutil.copytree(demo_run, run)
    events = read_jsonl(run / "event.jsonl")
    events[0]["is_free"] = "ja"
    (run / "event.jsonl").write_text(
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), "utf-8")
    assert research_cli.main(["export", str(tmp_path / "data"), "--out",
                              str(tmp_path / "pq")]) == 0
    assert pq.read_table(tmp_path / "pq" / "event.parquet").num_rows == len(events) - 1
    err = capsys.readouterr().err
    assert "1 invalid lines" in err and "cwscrape validate" in err


def test_out_must_be_a_folder(demo_run: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert research_cli.main(["export", str(demo_run), "--out", str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err
