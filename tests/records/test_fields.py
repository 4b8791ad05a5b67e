"""The annotation walker: every field of every record class gets the right kind."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, get_args

import pytest

from crawler.records import RECORD_TYPES, Article, Block, ErrorRecord, Image, Link
from crawler.records.fields import (
    FieldSpec,
    IsoDate,
    ValueType,
    field_names,
    record_fields,
    required_field_names,
    value_type,
)
from crawler.records.schema import _object_schema
from crawler.records.vocabulary import BlockKind, PeopleKind

# Short names keep the table below one line per few fields.
STR, INT, NUM, BOOL = (ValueType("string"), ValueType("integer"), ValueType("number"),
                      ValueType("boolean"))
DATE, DATETIME, TIMESTAMP = ValueType("date"), ValueType("datetime"), ValueType("timestamp")
STRINGS = ValueType("list", item=STR)


def opt(value: ValueType) -> ValueType:
    return replace(value, nullable=True)


def objects(cls: type) -> ValueType:
    return ValueType("list", item=ValueType("object", cls=cls))


COMMON = {"record_id": STR, "source_url": STR, "fetched_at": TIMESTAMP,
          "parser_version": STR, "warnings": STRINGS}
# Every field of every record class, as the walker must read it; a new field is a new entry.
EXPECTED: dict[str, dict[str, ValueType]] = {
    "article": {
        **COMMON, "url": opt(STR), "article_id": opt(INT), "title": opt(STR),
        "genre": opt(STR), "lead": opt(STR), "body": STR, "blocks": objects(Block),
        "authors": STRINGS, "published": opt(DATETIME), "published_raw": opt(STR),
        "modified": opt(DATETIME), "modified_raw": opt(STR), "section": opt(STR),
        "tags": STRINGS, "image": opt(ValueType("object", cls=Image)), "is_premium": BOOL,
        "premium_summary": STRINGS, "premium_word_count": opt(INT),
        "premium_reading_minutes": opt(NUM), "links": objects(Link), "language": STR},
    "related_link": {
        **COMMON, "article_id": opt(INT), "position": INT, "cue": STR, "title": opt(STR),
        "url": opt(STR), "target_article_id": opt(INT)},
    "event": {
        **COMMON, "title": STR, "url": opt(STR), "category": opt(STR), "location": opt(STR),
        "description": opt(STR), "start_date": opt(DATE), "end_date": opt(DATE),
        "date_raw": opt(STR), "price_raw": opt(STR), "is_free": opt(BOOL)},
    "job_ad": {
        **COMMON, "company": opt(STR), "title": opt(STR), "region": opt(STR), "url": opt(STR)},
    "sponsored": {
        **COMMON, "sponsor": opt(STR), "title": opt(STR), "teaser": opt(STR), "url": opt(STR)},
    "people_news": {
        **COMMON, "kind": ValueType("enum", values=get_args(PeopleKind)), "label": STR,
        "person": opt(STR), "age": opt(INT), "organization": opt(STR), "role": opt(STR),
        "effective_date": opt(DATE), "effective_date_raw": opt(STR), "location": opt(STR),
        "previous_role": opt(STR), "previous_employer": opt(STR), "education": opt(STR),
        "institution": opt(STR), "text": STR, "footer_person": opt(STR),
        "footer_organization": opt(STR), "url": opt(STR)},
}


@pytest.mark.parametrize("record_type", list(EXPECTED))
def test_every_field_of_every_record_type(record_type: str) -> None:
    fields = record_fields(RECORD_TYPES[record_type])
    assert [f.name for f in fields] == list(EXPECTED[record_type])  # JSON order
    for spec in fields:
        assert spec.type == EXPECTED[record_type][spec.name], (record_type, spec.name)


def test_every_record_type_is_in_the_table() -> None:
    assert set(EXPECTED) == set(RECORD_TYPES)


def test_error_line_and_nested_objects() -> None:
    assert {f.name: f.type for f in record_fields(ErrorRecord)} == {
        "url": STR, "reason": STR, "status": opt(INT), "attempts": INT,
        "at": TIMESTAMP, "detail": opt(STR)}
    assert {f.name: f.type for f in record_fields(Block)} == {
        "kind": ValueType("enum", values=get_args(BlockKind)), "text": STR}
    assert {f.name: f.type for f in record_fields(Image)} == {
        "url": opt(STR), "caption": opt(STR), "credit": opt(STR)}


def test_a_list_of_objects_leads_to_the_nested_fields() -> None:
    (blocks,) = [f for f in record_fields(Article) if f.name == "blocks"]
    assert blocks.type.kind == "list" and not blocks.type.nullable
    item = blocks.type.item
    assert item is not None and item.kind == "object" and item.cls is Block
    assert [f.name for f in record_fields(item.cls)] == ["kind", "text"]


@dataclass(kw_only=True)
class _Sample:
    colour: Literal["red", "green"] | None
    day: IsoDate | None = None
    pairs: list[list[int]] = field(default_factory=list)


def test_an_optional_enum_and_its_schema() -> None:
    colour, day, pairs = record_fields(_Sample)
    assert colour == FieldSpec("colour", ValueType("enum", nullable=True,
                                                   values=("red", "green")), has_default=False)
    assert day.type == ValueType("date", nullable=True) and day.has_default
    assert pairs.type == ValueType("list", item=ValueType("list", item=INT))
    schema = _object_schema(_Sample)
    assert schema["properties"]["colour"] == {"type": ["string", "null"],
                                              "enum": ["red", "green", None]}
    assert schema["properties"]["day"] == {"type": ["string", "null"]}
    assert schema["required"] == ["colour", "day", "pairs"]


@pytest.mark.parametrize("annotation", [dict[str, int], int | str, int | str | None,
                                        Literal[1, 2], set[str]])
def test_an_annotation_without_a_kind_is_refused(annotation: object) -> None:
    with pytest.raises(TypeError, match="no field kind"):
        value_type(annotation)


def test_required_fields_are_those_without_a_default() -> None:
    assert required_field_names(Article) == {"source_url", "fetched_at", "url", "article_id"}
    assert required_field_names(ErrorRecord) == {"url", "reason", "at"}


def test_field_names_are_the_walkers_names_and_cached() -> None:
    for cls in (*RECORD_TYPES.values(), ErrorRecord, Block, Link, Image):
        assert field_names(cls) == tuple(f.name for f in record_fields(cls))
        assert field_names(cls) is field_names(cls)
        assert record_fields(cls) is record_fields(cls)
