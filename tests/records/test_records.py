from __future__ import annotations

import json

import pytest

from crawler.records import RECORD_TYPES, Event, JobAd, PeopleNews, make_record_id
from crawler.records.schema import SCHEMA_DIR, all_schemas, schema_text
from crawler.records.validation import record_problems


def test_shipped_schemas_are_current() -> None:
    """Fails when a record class changed and `make schemas` was not run."""
    for name, schema in all_schemas().items():
        path = SCHEMA_DIR / f"{name}.schema.json"
        assert path.exists(), f"missing {path}"
        assert path.read_text("utf-8") == schema_text(schema), f"{path.name} is stale"


def test_one_schema_per_record_type() -> None:
    assert set(RECORD_TYPES) == {"article", "related_link", "event", "job_ad", "sponsored",
                                 "people_news"}


def _people(**kw: object) -> PeopleNews:
    base = dict(source_url="https://www.computerworld.dk/art/1/a",
                fetched_at="2026-02-03T10:00:00Z",
                kind="new_job", label="Nyt job", person="Ane Holm", text="…",
                effective_date="2026-02-01")
    base.update(kw)
    return PeopleNews(**base)  # type: ignore[arg-type]


def test_same_entry_on_another_page_has_the_same_id() -> None:
    a = _people()
    b = _people(source_url="https://www.computerworld.dk/art/2/b",
                fetched_at="2026-03-01T00:00:00Z")
    assert a.record_id == b.record_id
    assert _people(effective_date="2026-02-02").record_id != a.record_id
    assert _people(label="Forfremmelse").record_id != a.record_id


def test_id_ignores_case_and_whitespace_of_the_key() -> None:
    a = JobAd(source_url="x", fetched_at="2026-02-03T10:00:00Z", company="KMD A/S",
              title="Udvikler", region="Midtjylland")
    b = JobAd(source_url="y", fetched_at="2026-02-03T10:00:00Z", company="KMD  A/S ",
              title="udvikler", region="Midtjylland")
    assert a.record_id == b.record_id
    assert make_record_id("job_ad", "a") != make_record_id("event", "a")


def test_record_serialises_with_common_fields_first() -> None:
    event = Event(source_url="x", fetched_at="2026-02-03T10:00:00Z", title="Summit 2026")
    data = json.loads(event.to_json())
    assert list(data)[:6] == ["record_type", "record_id", "source_url", "fetched_at",
                             "parser_version", "warnings"]
    assert record_problems(data) == []


@pytest.mark.parametrize("field,value", [("start_date", 5), ("is_free", "ja"),
                                         ("record_id", "not-an-id")])
def test_schema_rejects_wrong_types(field: str, value: object) -> None:
    data = Event(source_url="x", fetched_at="2026-02-03T10:00:00Z", title="T").to_dict()
    data[field] = value
    problems = record_problems(data)
    assert problems and problems[0].startswith(field)
