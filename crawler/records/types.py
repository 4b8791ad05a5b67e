"""The six record types and the error line.

Every record serialises to one JSON object: ``record_type``, then the common provenance fields
(:data:`~crawler.records.vocabulary.PROVENANCE_FIELDS`) and ``warnings``, then its own fields.
``record_id`` is worked out from the record type and the natural key when not given (see
:mod:`crawler.records.identity`). Field formats (dates, enums) are spelled by the annotations
and read by :mod:`crawler.records.fields`; ``docs/data-card.md`` says what each field means.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar

from crawler import PARSER_VERSION
from crawler.records.fields import IsoDate, OffsetDateTime, UtcTimestamp, field_names
from crawler.records.identity import make_record_id
from crawler.records.vocabulary import TYPE_ORDER, BlockKind, PeopleKind, RecordType


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain_fields(value)
    return value


def _plain_fields(obj: Any) -> dict[str, Any]:
    """Like ``dataclasses.asdict`` for our records, without its deep copies (3–5× faster:
    every record is serialised on the crawl's hot path)."""
    return {name: _plain(getattr(obj, name)) for name in field_names(type(obj))}


@dataclass(kw_only=True)
class Block:
    """One block of an article body, in page order."""

    kind: BlockKind
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

    record_type: ClassVar[RecordType]
    record_id: str = ""
    source_url: str
    fetched_at: UtcTimestamp
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
    record_type: ClassVar[RecordType] = "article"
    url: str | None
    article_id: int | None
    title: str | None = None
    genre: str | None = None
    lead: str | None = None
    body: str = ""
    blocks: list[Block] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: OffsetDateTime | None = None
    published_raw: str | None = None
    modified: OffsetDateTime | None = None
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
    record_type: ClassVar[RecordType] = "related_link"
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
    record_type: ClassVar[RecordType] = "event"
    title: str
    url: str | None = None
    category: str | None = None
    location: str | None = None
    description: str | None = None
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    date_raw: str | None = None
    price_raw: str | None = None
    is_free: bool | None = None

    def natural_key(self) -> tuple[object, ...]:
        return (self.title, self.start_date)


@dataclass(kw_only=True)
class JobAd(Record):
    record_type: ClassVar[RecordType] = "job_ad"
    company: str | None
    title: str | None
    region: str | None
    url: str | None = None

    def natural_key(self) -> tuple[object, ...]:
        return (self.company, self.title, self.region)


@dataclass(kw_only=True)
class Sponsored(Record):
    record_type: ClassVar[RecordType] = "sponsored"
    sponsor: str | None
    title: str | None
    teaser: str | None = None
    url: str | None = None

    def natural_key(self) -> tuple[object, ...]:
        return (self.sponsor, self.title)


@dataclass(kw_only=True)
class PeopleNews(Record):
    record_type: ClassVar[RecordType] = "people_news"
    kind: PeopleKind
    label: str
    person: str | None
    age: int | None = None
    organization: str | None = None
    role: str | None = None
    effective_date: IsoDate | None = None
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


_CLASSES = {cls.record_type: cls
            for cls in (Article, RelatedLink, Event, JobAd, Sponsored, PeopleNews)}
# Record type → class, in output order (vocabulary.TYPE_ORDER; a type missing here fails
# the import).
RECORD_TYPES: dict[str, type[Record]] = {name: _CLASSES[name] for name in TYPE_ORDER}


@dataclass(kw_only=True)
class ErrorRecord:
    """One line of ``errors.jsonl``: a URL that did not yield its records, and why."""

    url: str
    reason: str  # a vocabulary.ErrorReason, or http_<status>
    status: int | None = None
    attempts: int = 1
    at: UtcTimestamp
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain_fields(self)
