"""The record model: types, ids and hashes, the vocabulary, field kinds, JSON Schemas, validation.

``from crawler.records import Article, ErrorRecord, TYPE_ORDER, content_hash`` — the public
names are re-exported here. The rooms:

* :mod:`~crawler.records.types` — the record classes and ``RECORD_TYPES``;
* :mod:`~crawler.records.identity` — ``make_record_id`` and ``content_hash``;
* :mod:`~crawler.records.vocabulary` — every name more than one room must spell the same way;
* :mod:`~crawler.records.fields` — what each field of a record class holds, read once from
  its annotations (the JSON Schemas, the loader, DataFrames and Parquet are built on it);
* :mod:`~crawler.records.schema` — JSON Schema generation (the files in ``schemas/``);
* :mod:`~crawler.records.validation` — checking JSON objects against those schemas.
"""

from crawler.records.identity import content_hash, make_record_id
from crawler.records.types import (
    RECORD_TYPES,
    Article,
    Block,
    ErrorRecord,
    Event,
    Image,
    JobAd,
    Link,
    PeopleNews,
    Record,
    RelatedLink,
    Sponsored,
)
from crawler.records.vocabulary import TYPE_ORDER, PeopleKind

__all__ = [
    "RECORD_TYPES", "TYPE_ORDER", "Article", "Block", "ErrorRecord", "Event", "Image", "JobAd",
    "Link", "PeopleKind", "PeopleNews", "Record", "RelatedLink", "Sponsored", "content_hash",
    "make_record_id",
]
