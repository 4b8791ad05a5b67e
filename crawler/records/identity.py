"""Record ids and content hashes.

``record_id`` names a record: a hash of its type and natural key, so the same people-news
entry seen on 500 pages, or in next week's run, has the same id. ``content_hash`` says
whether a record changed: a hash of what it says, without where, when and by what it was read.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from crawler.normalize.text import clean_str
from crawler.records.vocabulary import UNHASHED_FIELDS

if TYPE_CHECKING:
    from crawler.records.types import Record


def make_record_id(record_type: str, *key: object) -> str:
    """Stable 16-hex-digit id from the record type and its natural key.

    Text parts are case-folded and whitespace-folded first, so trivial spelling differences in
    the page do not split one entity into two ids. ``None`` counts as the empty string.
    """
    parts = [record_type] + [
        clean_str(str(part)).casefold() if part is not None else "" for part in key
    ]
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8)
    return digest.hexdigest()


def content_hash(record: Record) -> str:
    """24-hex-digit hash of what a record says, without ``UNHASHED_FIELDS`` (where/when/by
    what it was read; the id stays).

    Two fetches of an unchanged article give the same hash; an edited article does not.
    """
    return content_hash_of(record.to_dict())


def content_hash_of(data: dict[str, Any]) -> str:
    """:func:`content_hash` of a record already turned into its dict (the crawl serialises
    each record once and hashes that)."""
    payload = json.dumps({k: v for k, v in data.items() if k not in UNHASHED_FIELDS},
                         ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=12).hexdigest()
