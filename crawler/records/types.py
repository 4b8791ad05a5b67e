"""The six record types and the error line, their natural keys, ids and content hashes.

Every record serialises to one JSON object whose first keys are the common provenance fields.
``record_id`` is a hash of the record type and its natural key, so the same people-news entry
seen on 500 pages, or in next week's run, has the same id.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from crawler import PARSER_VERSION
from crawler.normalize.text import clean_str


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


def content_hash(record: Record) -> str:
    """Hash of what a record says, without where/when/by-what it was read.

    Two fetches of an unchanged article give the same hash; an edited article does not.
    """
    data = record.to_dict()
    for key in ("source_url", "fetched_at", "parser_version"):
        data.pop(key, None)
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=12).hexdigest()
