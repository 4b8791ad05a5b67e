"""The six record types, their natural keys and ids, and their JSON Schemas.

Every record serialises to one JSON object whose first keys are the common provenance fields.
``record_id`` is a hash of the record type and its natural key, so the same people-news entry
seen on 500 pages, or in next week's run, has the same id.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from crawler import PARSER_VERSION, SCHEMA_VERSION
from crawler.text import clean_str

SCHEMA_DIR = Path(__file__).parent / "schemas"


def make_record_id(record_type: str, *key: object) -> str:
    """Stable 16-hex-digit id from the record type and its natural key.

    Text parts are case-folded and whitespace-folded first, so trivial spelling differences in
    the page do not split one entity into two ids.
    """
    parts = [record_type] + [
        clean_str(str(part)).casefold() if part is not None else "" for part in key
    ]
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8)
    return digest.hexdigest()


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain_fields(value)
    return value


def _plain_fields(obj: Any) -> dict[str, Any]:
    """Like ``dataclasses.asdict`` for our records, without its deep copies (3–5× faster:
    every record is serialised on the crawl's hot path)."""
    return {name: _plain(getattr(obj, name)) for name in _field_names(type(obj))}


@dataclass(kw_only=True)
class Block:
    kind: Literal["paragraph", "heading", "list_item", "quote"]
    text: str


@dataclass(kw_only=True)
class Link:
    url: str
    text: str | None


@dataclass(kw_only=True)
class Image:
    url: str | None
    caption: str | None
    credit: str | None


@dataclass(kw_only=True)
class Record:
    """Fields every record carries: what it is, where and when it was read, and by what."""

    record_type: ClassVar[str] = ""
    record_id: str = ""
    source_url: str
    fetched_at: str
    parser_version: str = PARSER_VERSION
    warnings: list[str] = field(default_factory=list)

    def natural_key(self) -> tuple[object, ...]:
        raise NotImplementedError

    def __post_init__(self) -> None:
        if not self.record_id:
            self.record_id = make_record_id(self.record_type, *self.natural_key())

    def warn(self, code: str) -> None:
        if code not in self.warnings:
            self.warnings.append(code)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"record_type": self.record_type}
        data.update(_plain_fields(self))
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass(kw_only=True)
class Article(Record):
    record_type: ClassVar[str] = "article"
    url: str | None
    article_id: int | None
    title: str | None = None
    genre: str | None = None
    lead: str | None = None
    body: str = ""
    blocks: list[Block] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_raw: str | None = None
    modified: str | None = None
    modified_raw: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: Image | None = None
    is_premium: bool = False
    premium_summary: list[str] = field(default_factory=list)
    premium_word_count: int | None = None
    premium_reading_minutes: float | None = None
    links: list[Link] = field(default_factory=list)
    language: str = "da"

    def natural_key(self) -> tuple[object, ...]:
        return (self.article_id if self.article_id is not None else self.url,)


@dataclass(kw_only=True)
class RelatedLink(Record):
    record_type: ClassVar[str] = "related_link"
    article_id: int | None
    position: int
    cue: str
    title: str | None
    url: str | None
    target_article_id: int | None

    def natural_key(self) -> tuple[object, ...]:
        # A page without an article id still needs distinct ids per page: use the page URL.
        owner = self.article_id if self.article_id is not None else self.source_url
        return (owner, self.position)


@dataclass(kw_only=True)
class Event(Record):
    record_type: ClassVar[str] = "event"
    title: str
    url: str | None = None
    category: str | None = None
    location: str | None = None
    description: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    date_raw: str | None = None
    price_raw: str | None = None
    is_free: bool | None = None

    def natural_key(self) -> tuple[object, ...]:
        return (self.title, self.start_date)


@dataclass(kw_only=True)
class JobAd(Record):
    record_type: ClassVar[str] = "job_ad"
    company: str | None
    title: str | None
    region: str | None
    url: str | None = None

    def natural_key(self) -> tuple[object, ...]:
        return (self.company, self.title, self.region)


@dataclass(kw_only=True)
class Sponsored(Record):
    record_type: ClassVar[str] = "sponsored"
    sponsor: str | None
    title: str | None
    teaser: str | None = None
    url: str | None = None

    def natural_key(self) -> tuple[object, ...]:
        return (self.sponsor, self.title)


PeopleKind = Literal["new_job", "completed_education", "promotion", "other"]


@dataclass(kw_only=True)
class PeopleNews(Record):
    record_type: ClassVar[str] = "people_news"
    kind: PeopleKind
    label: str
    person: str | None
    age: int | None = None
    organization: str | None = None
    role: str | None = None
    effective_date: str | None = None
    effective_date_raw: str | None = None
    location: str | None = None
    previous_role: str | None = None
    previous_employer: str | None = None
    education: str | None = None
    institution: str | None = None
    text: str
    footer_person: str | None = None
    footer_organization: str | None = None
    url: str | None = None

    def natural_key(self) -> tuple[object, ...]:
        # An entry whose person could not be read is keyed by its text instead.
        who = self.person if self.person else self.text
        return (who, self.label, self.effective_date)


RECORD_TYPES: dict[str, type[Record]] = {
    cls.record_type: cls for cls in (Article, RelatedLink, Event, JobAd, Sponsored, PeopleNews)
}

# Output order of record types within a page and across files.
TYPE_ORDER = tuple(RECORD_TYPES)


@dataclass(kw_only=True)
class ErrorRecord:
    """One line of ``errors.jsonl``: a URL that did not yield its records, and why."""

    url: str
    reason: str
    status: int | None = None
    attempts: int = 1
    at: str
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


# --- JSON Schema --------------------------------------------------------------------------


def _schema_for(annotation: Any) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (types.UnionType, typing.Union):
        non_null = [a for a in args if a is not type(None)]
        inner = _schema_for(non_null[0]) if len(non_null) == 1 else {
            "anyOf": [_schema_for(a) for a in non_null]}
        if type(None) in args:
            if "type" in inner and isinstance(inner["type"], str):
                inner = {**inner, "type": [inner["type"], "null"]}
                if "enum" in inner:
                    inner["enum"] = [*inner["enum"], None]  # type: ignore[list-item]
            else:
                inner = {"anyOf": [inner, {"type": "null"}]}
        return inner
    if origin is Literal:
        return {"type": "string", "enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _schema_for(args[0])}
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return _object_schema(annotation)
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if annotation in simple:
        return {"type": simple[annotation]}
    raise TypeError(f"no JSON Schema mapping for {annotation!r}")


def _object_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        props[f.name] = _schema_for(hints[f.name])
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def json_schema(record_type: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record type, generated from its class."""
    cls = RECORD_TYPES[record_type]
    schema = _object_schema(cls)
    schema["properties"] = {"record_type": {"const": record_type}, **schema["properties"]}
    schema["required"] = ["record_type", *schema["required"]]
    props = schema["properties"]
    props["record_id"].update(pattern="^[0-9a-f]{16}$")
    props["fetched_at"].update(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"cwscrape/{record_type}/v{SCHEMA_VERSION}",
        "title": f"cwscrape {record_type} record",
        **schema,
    }


def error_schema() -> dict[str, Any]:
    schema = _object_schema(ErrorRecord)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"cwscrape/error/v{SCHEMA_VERSION}", "title": "cwscrape error line", **schema}


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every shipped schema by file stem: the six record types and ``error``."""
    schemas = {name: json_schema(name) for name in RECORD_TYPES}
    schemas["error"] = error_schema()
    return schemas


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    """(Re)write the shipped schema files; ``make schemas`` calls this."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = directory / f"{name}.schema.json"
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


def load_schema(name: str) -> dict[str, Any]:
    """A shipped schema, read from the package data."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def content_hash(record: Record) -> str:
    """Hash of what a record says, without where/when/by-what it was read.

    Two fetches of an unchanged article give the same hash; an edited article does not.
    """
    data = record.to_dict()
    for key in ("source_url", "fetched_at", "parser_version"):
        data.pop(key, None)
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=12).hexdigest()
