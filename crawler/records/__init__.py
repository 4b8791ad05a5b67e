"""The record model: types, ids and hashes, JSON Schemas, validation.

``from crawler.records import Article, ErrorRecord, TYPE_ORDER`` — the types are re-exported
here; schema generation lives in :mod:`crawler.records.schema`, validation in
:mod:`crawler.records.validation`.
"""

from crawler.records.types import (
    RECORD_TYPES,
    TYPE_ORDER,
    Article,
    Block,
    ErrorRecord,
    Event,
    Image,
    JobAd,
    Link,
    PeopleKind,
    PeopleNews,
    Record,
    RelatedLink,
    Sponsored,
    content_hash,
    make_record_id,
)

__all__ = [
    "RECORD_TYPES", "TYPE_ORDER", "Article", "Block", "ErrorRecord", "Event", "Image", "JobAd",
    "Link", "PeopleKind", "PeopleNews", "Record", "RelatedLink", "Sponsored", "content_hash",
    "make_record_id",
]
