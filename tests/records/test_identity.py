"""Record ids and content hashes."""

from __future__ import annotations

import re

from crawler.records import Article, Block, Event, RelatedLink, content_hash, make_record_id
from crawler.records.vocabulary import UNHASHED_FIELDS


def _article(**kw: object) -> Article:
    base = dict(source_url="https://www.computerworld.dk/art/1/a",
                fetched_at="2026-02-03T10:00:00Z", url="https://www.computerworld.dk/art/1/a",
                article_id=1, title="Titel", blocks=[Block(kind="paragraph", text="Tekst.")])
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def test_ids_are_16_hex_digits_and_none_is_the_empty_part() -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", make_record_id("event", "Summit", None))
    assert make_record_id("event", "Summit", None) == make_record_id("event", "Summit", "")
    assert make_record_id("event", "a", "b") != make_record_id("event", "a b")


def test_a_given_id_is_kept_and_a_missing_one_comes_from_the_natural_key() -> None:
    event = Event(source_url="x", fetched_at="2026-02-03T10:00:00Z", title="Summit",
                  start_date="2026-03-01")
    assert event.record_id == make_record_id("event", "Summit", "2026-03-01")
    assert Event(record_id="0" * 16, source_url="x", fetched_at="2026-02-03T10:00:00Z",
                 title="Summit").record_id == "0" * 16
    # Without an article id, a related link is owned by its page.
    link = RelatedLink(source_url="https://p/1", fetched_at="2026-02-03T10:00:00Z",
                       article_id=None, position=2, cue="Læs også", title=None, url=None,
                       target_article_id=None)
    assert link.record_id == make_record_id("related_link", "https://p/1", 2)


def test_hash_ignores_where_when_and_by_what_a_record_was_read() -> None:
    a = _article()
    b = _article(source_url="https://www.computerworld.dk/art/1/a?utm=x",
                 fetched_at="2026-05-01T00:00:00Z", parser_version="0.0.1")
    assert set(UNHASHED_FIELDS) == {"source_url", "fetched_at", "parser_version"}
    assert content_hash(a) == content_hash(b)
    assert re.fullmatch(r"[0-9a-f]{24}", content_hash(a))


def test_hash_changes_with_what_a_record_says() -> None:
    a = _article()
    assert content_hash(_article(title="Ny titel")) != content_hash(a)
    assert content_hash(_article(blocks=[Block(kind="quote", text="Tekst.")])) != content_hash(a)
    assert content_hash(_article(warnings=["no_body"])) != content_hash(a)
    # The id names the record: the same content under another id is another record.
    assert content_hash(_article(record_id="0" * 16)) != content_hash(a)
