"""The loader: typed records, real dtypes, versions, duplicates, and torn ``.part`` files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from crawler.records import (
    RECORD_TYPES,
    TYPE_ORDER,
    Article,
    Block,
    ErrorRecord,
    Image,
    Link,
    PeopleNews,
)
from crawler.research.dataframes import column_dtypes, to_pandas
from crawler.research.load import (
    DatasetError,
    LoadReport,
    find_runs,
    from_dict,
    load,
    load_dicts,
    load_errors,
    load_manifests,
    record_class,
)
from tests.helpers.jsonl import read_jsonl

# The documented dtypes (crawler/research/dataframes.py, docs/data-card.md), spelled out once
# more here so that a change to them is a deliberate change to this table too.
DOCUMENTED_DTYPES = {
    ("article", "fetched_at"): "datetime64[ns, UTC]",
    ("article", "published"): "datetime64[ns, Europe/Copenhagen]",
    ("article", "modified"): "datetime64[ns, Europe/Copenhagen]",
    ("article", "article_id"): "Int64",
    ("article", "premium_word_count"): "Int64",
    ("article", "premium_reading_minutes"): "Float64",
    ("article", "is_premium"): "boolean",
    ("article", "title"): "string",
    ("article", "tags"): "object",
    ("article", "blocks"): "object",
    ("article", "image"): "object",
    ("related_link", "position"): "Int64",
    ("related_link", "target_article_id"): "Int64",
    ("event", "start_date"): "datetime64[ns]",
    ("event", "end_date"): "datetime64[ns]",
    ("event", "is_free"): "boolean",
    ("people_news", "effective_date"): "datetime64[ns]",
    ("people_news", "age"): "Int64",
    ("people_news", "kind"): "string",
    ("errors", "at"): "datetime64[ns, UTC]",
    ("errors", "status"): "Int64",
}


def write_run(root: Path, run_id: str, lines: dict[str, list[Any]], *,
              finished: bool = True) -> Path:
    """A run folder with the given lines per file stem (dicts are JSON-encoded, strings are
    written as they are, so tests can write broken lines)."""
    folder = root / "runs" / run_id
    folder.mkdir(parents=True)
    suffix = ".jsonl" if finished else ".jsonl.part"
    for stem, items in lines.items():
        text = "".join((item if isinstance(item, str) else json.dumps(item, ensure_ascii=False))
                       + "\n" for item in items)
        (folder / f"{stem}{suffix}").write_text(text, encoding="utf-8")
    if finished:
        (folder / "manifest.json").write_text(json.dumps({"run_id": run_id}), "utf-8")
    return folder


def demo_lines(demo_run: Path, stem: str) -> list[dict[str, Any]]:
    return read_jsonl(demo_run / f"{stem}.jsonl")


# --- the demo dataset ---------------------------------------------------------------------


def test_load_rebuilds_the_record_classes(demo_run: Path) -> None:
    articles = load(demo_run, "article")
    assert articles and all(isinstance(a, Article) for a in articles)
    with_image = next(a for a in articles if a.image is not None)
    assert isinstance(with_image.image, Image)
    assert all(isinstance(b, Block) for a in articles for b in a.blocks)
    # Round trip: the typed record serialises back to the very line it was read from.
    assert [a.to_dict() for a in articles] == demo_lines(demo_run, "article")
    people = load(demo_run, "people_news")
    assert all(isinstance(p, PeopleNews) for p in people)


def test_every_path_form_finds_the_same_run(demo_run: Path) -> None:
    dataset, runs = demo_run.parent.parent, demo_run.parent
    assert find_runs(dataset) == find_runs(runs) == find_runs(demo_run) == [demo_run]


def test_row_counts_agree_with_pandas_duckdb_and_datasets(
        demo_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb
    import pandas as pd

    # Hugging Face datasets: offline, and caching into the test's own folder.
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf" / "datasets"))
    import datasets

    datasets.disable_progress_bars()
    for stem in (*TYPE_ORDER, "errors"):
        path = demo_run / f"{stem}.jsonl"
        ours = len(to_pandas(demo_run, stem))
        with_pandas = len(pd.read_json(path, lines=True))
        with_duckdb = duckdb.sql(f"SELECT count(*) FROM read_json_auto('{path}')").fetchall()[0]
        with_hf = datasets.load_dataset("json", data_files=str(path), split="train",
                                        cache_dir=str(tmp_path / "hf" / "datasets"))
        assert ours == with_pandas == with_duckdb[0] == with_hf.num_rows > 0, stem


def test_frames_have_the_documented_dtypes(demo_run: Path) -> None:
    for (stem, column), dtype in DOCUMENTED_DTYPES.items():
        assert column_dtypes(stem)[column] == dtype, (stem, column)
    for stem in (*TYPE_ORDER, "errors"):
        df = to_pandas(demo_run, stem)
        actual = {c: str(t) for c, t in df.dtypes.items()}
        assert actual == column_dtypes(stem), stem
    articles = to_pandas(demo_run, "article")
    dated = articles.dropna(subset=["published"])
    first = dated.iloc[0]
    assert first["published"].isoformat() == next(
        r["published"] for r in demo_lines(demo_run, "article") if r["published"])
    assert all(isinstance(tags, list) for tags in articles["tags"])
    people = to_pandas(demo_run, "people_news")
    assert people["effective_date"].notna().all()


def test_empty_type_gives_an_empty_typed_frame(tmp_path: Path) -> None:
    write_run(tmp_path, "20260101T000000000Z-1", {"article": []})
    df = to_pandas(tmp_path, "people_news")
    assert len(df) == 0
    assert {c: str(t) for c, t in df.dtypes.items()} == column_dtypes("people_news")


def test_errors_and_manifests(demo_run: Path) -> None:
    errors = load_errors(demo_run)
    assert [e.reason for e in errors] == [r["reason"] for r in demo_lines(demo_run, "errors")]
    (manifest,) = load_manifests(demo_run)
    assert manifest["run_id"] == demo_run.name and manifest["status"] == "complete"


# --- several runs: versions and duplicates ------------------------------------------------


def test_latest_article_wins_and_widgets_are_kept_once(demo_run: Path, tmp_path: Path) -> None:
    article = demo_lines(demo_run, "article")[0]
    person = demo_lines(demo_run, "people_news")[0]
    edited = {**article, "title": "Rettet titel", "fetched_at": "2099-01-01T00:00:00Z"}
    older = {**article, "title": "Gammel titel", "fetched_at": "2000-01-01T00:00:00Z"}
    person_again = {**person, "fetched_at": "2099-01-01T00:00:00Z"}
    write_run(tmp_path, "20260101T000000000Z-1", {"article": [article], "people_news": [person]})
    write_run(tmp_path, "20260102T000000000Z-1", {"article": [edited, older],
                                                  "people_news": [person_again]})
    report = LoadReport()
    (kept,) = load(tmp_path, "article", report=report)
    assert kept.title == "Rettet titel"
    assert report.superseded_dropped == 2 and report.duplicates_dropped == 0
    (entry,) = load(tmp_path, "people_news", report=report)
    assert entry.fetched_at == person["fetched_at"]  # first seen, as the writer keeps it
    assert report.duplicates_dropped == 1
    assert report.runs == 2 and report.files_read == 4 and report.records == 2


def test_a_crashed_runs_complete_lines_are_kept(demo_run: Path, tmp_path: Path) -> None:
    shutil.copytree(demo_run, tmp_path / "runs" / demo_run.name)
    jobs = demo_lines(demo_run, "job_ad")
    new_job = {**jobs[0], "record_id": "0123456789abcdef", "company": "Ny Virksomhed ApS"}
    crashed = write_run(tmp_path, "20991231T000000000Z-9", {"job_ad": [new_job]},
                        finished=False)
    with open(crashed / "job_ad.jsonl.part", "ab") as handle:
        handle.write(b'{"record_type": "job_ad", "record_id": "ff')  # killed mid-line
    report = LoadReport()
    loaded = load(tmp_path, "job_ad", report=report)
    assert [j.company for j in loaded] == [j["company"] for j in jobs] + ["Ny Virksomhed ApS"]
    assert (report.part_files, report.torn_lines_skipped, report.unfinished_runs) == (1, 1, 1)
    assert report.invalid_lines_skipped == 0
    assert "torn" in report.notes[0]


def test_bad_lines_in_the_middle_are_skipped_and_counted(demo_run: Path,
                                                         tmp_path: Path) -> None:
    events = demo_lines(demo_run, "event")
    wrong_type = {**events[1], "record_type": "job_ad"}
    missing = {k: v for k, v in events[2].items() if k != "title"}
    write_run(tmp_path, "20260101T000000000Z-1",
              {"event": [events[0], "not json", "[1, 2]", wrong_type, missing, events[3]]})
    report = LoadReport()
    assert [e.title for e in load(tmp_path, "event", report=report)] == \
        [events[0]["title"], events[3]["title"]]
    assert report.invalid_lines_skipped == 4 and report.torn_lines_skipped == 0
    assert [n.split(":")[1] for n in report.notes] == ["2", "3", "4", "5"]


def test_validate_option_applies_the_json_schema(demo_run: Path, tmp_path: Path) -> None:
    event = demo_lines(demo_run, "event")[0]
    write_run(tmp_path, "20260101T000000000Z-1", {"event": [{**event, "is_free": "ja"}]})
    assert len(load(tmp_path, "event")) == 1
    report = LoadReport()
    assert load(tmp_path, "event", report=report, validate=True) == []
    assert "is_free" in report.notes[0]


def test_bad_paths_and_types_raise_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such folder"):
        load(tmp_path / "missing", "article")
    with pytest.raises(DatasetError, match="no runs found"):
        load(tmp_path, "article")
    write_run(tmp_path, "20260101T000000000Z-1", {"article": []})
    with pytest.raises(DatasetError, match="unknown record type"):
        load(tmp_path, "artikel")


# --- a torn .part file, cut at every byte -------------------------------------------------


def test_part_file_cut_at_every_byte(demo_run: Path, tmp_path: Path) -> None:
    """Three records (with multi-byte characters) in a ``.part`` file, truncated at every
    offset: the loader returns exactly the records whose JSON is complete, reports one torn
    tail unless the cut falls on a record boundary, and never raises."""
    records = demo_lines(demo_run, "people_news")[:3]
    encoded = [json.dumps(r, ensure_ascii=False).encode("utf-8") for r in records]
    assert all(len(e) != len(json.dumps(r)) for e, r in zip(encoded, records))  # has æøå
    content = b"".join(e + b"\n" for e in encoded)
    # A record is complete once its closing brace is written (a proper prefix of a JSON
    # object is never valid JSON); the newline after it is not needed.
    ends = []
    position = 0
    for e in encoded:
        ends.append(position + len(e))
        position += len(e) + 1
    run = tmp_path / "runs" / "20260101T000000000Z-1"
    run.mkdir(parents=True)
    part = run / "people_news.jsonl.part"
    part.write_bytes(content)
    for cut in range(len(content), -1, -1):  # shrinking in place: one syscall per cut
        os.truncate(part, cut)
        report = LoadReport()
        loaded = load_dicts(tmp_path, "people_news", report=report)
        complete = sum(end <= cut for end in ends)
        assert loaded == records[:complete], cut
        on_boundary = cut == 0 or cut in ends or cut in [end + 1 for end in ends]
        assert report.torn_lines_skipped == (0 if on_boundary else 1), cut
        assert report.invalid_lines_skipped == 0, cut
        assert report.records == complete and report.part_files == 1, cut


def test_all_record_types_are_covered_by_the_dtype_table() -> None:
    for stem in (*RECORD_TYPES, "errors"):
        assert column_dtypes(stem), stem


def test_from_dict_rebuilds_nested_objects_and_passes_odd_shapes_through() -> None:
    line = {"record_type": "article", "record_id": "0123456789abcdef", "source_url": "x",
            "fetched_at": "2026-02-03T10:00:00Z", "url": None, "article_id": 7,
            "blocks": [{"kind": "quote", "text": "Citat."}], "image": None,
            "links": [{"url": "https://e/1", "text": None}], "unknown_key": 1}
    article = from_dict(Article, line)
    assert article.blocks == [Block(kind="quote", text="Citat.")]
    assert article.links == [Link(url="https://e/1", text=None)] and article.image is None
    # The loader checks shapes, not values: a string where an object belongs stays a string.
    odd = from_dict(Article, {**line, "image": "img.jpg", "blocks": "text"})
    assert odd.image == "img.jpg" and odd.blocks == "text"
    with pytest.raises(TypeError):
        from_dict(Article, {k: v for k, v in line.items() if k != "article_id"})


def test_record_class_names_the_error_line_and_refuses_other_stems() -> None:
    assert record_class("errors") is ErrorRecord
    assert all(record_class(t) is cls for t, cls in RECORD_TYPES.items())
    with pytest.raises(DatasetError, match="unknown record type 'error'"):
        record_class("error")
