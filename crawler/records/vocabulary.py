"""The project's one vocabulary: every name that more than one room must spell the same way.

Record kinds and their groups, provenance fields, warning codes, error reasons, widget and block
kinds, crawl statistics keys and the drift threshold are defined here once; everything else
imports them. ``Literal`` types let mypy check a misspelt code where a literal is passed.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

# --- record types -------------------------------------------------------------------------

RecordType = Literal["article", "related_link", "event", "job_ad", "sponsored", "people_news"]
# Output order of record types within a page and across files.
TYPE_ORDER: Final[tuple[RecordType, ...]] = get_args(RecordType)
# One per fetched article: written again as a new version when the article changes. Every
# other record (a widget) is known by its id alone and written once in the whole dataset.
PER_PAGE_TYPES: Final = frozenset({"article", "related_link"})
# Where, when and by what a record was read; not part of what the record says.
PROVENANCE_FIELDS: Final = ("record_id", "source_url", "fetched_at", "parser_version")
# The provenance fields a content hash leaves out (the id stays: it names the record).
UNHASHED_FIELDS: Final = ("source_url", "fetched_at", "parser_version")

BlockKind = Literal["paragraph", "heading", "list_item", "quote"]

# --- widgets --------------------------------------------------------------------------------

WidgetKind = Literal["events_block", "event_promo", "events_upcoming", "job_ads", "sponsored",
                     "people_news", "wrapper", "premium_promo", "brancheguide"]
# Widget kinds that must yield records: when one yields none, the layout has drifted.
RECORD_BEARING: Final = frozenset({"events_block", "event_promo", "events_upcoming",
                                   "people_news", "sponsored", "job_ads"})

# --- warnings on records ----------------------------------------------------------------------

Warning = Literal[
    "no_title",                   # layout drift: the article has no title
    "no_body",                    # layout drift: the article has no body
    "no_article_id",              # neither the URL nor the metadata gives the article id
    "encoding_suspect",           # U+FFFD or '?' where a letter belongs
    "date_imprecise",             # only a month or year is printed
    "date_unparsed",              # a date is printed but could not be read
    "people_news_unparsed",       # an entry that fits no template
    "people_news_label_missing",  # an entry without its label line
]
WARNINGS: Final = frozenset(get_args(Warning))
DRIFT_WARNINGS: Final = ("no_title", "no_body")
EMPTY_WIDGET_PREFIX: Final = "empty_widget:"  # + a RECORD_BEARING kind


def empty_widget(kind: str) -> str:
    """The warning (and drift code) of a known widget heading that yielded no records."""
    return EMPTY_WIDGET_PREFIX + kind


# --- error reasons (errors.jsonl) ---------------------------------------------------------------

ErrorReason = Literal[
    "robots", "robots_unreachable", "offsite", "too_large", "timeout", "dns_error",
    "connection_refused", "connection_lost", "download_error", "redirect_loop", "ignored",
    "rate_limited", "incomplete_body", "parse_error", "invalid_record", "write_failed",
    "sitemap_empty_or_invalid", "feed_invalid",
]
ERROR_REASONS: Final = frozenset(get_args(ErrorReason))
# Plus ``http_<status>`` for an HTTP error status.
HTTP_ERROR_PREFIX: Final = "http_"
# Reasons that exclude a URL by policy: accounted for, and no loss.
POLICY_REASONS: Final = frozenset({"robots", "offsite", "too_large"})

# --- layout drift ---------------------------------------------------------------------------

# More drifting article pages than this share fails the crawl (exit 1).
DRIFT_MAX_SHARE: Final = 0.2

# --- crawl statistics keys (Scrapy stats) -------------------------------------------------------

STATS_PREFIX: Final = "cwscrape/"
STAT_PAGES: Final = "cwscrape/pages"
STAT_DISCOVERED: Final = "cwscrape/discovered"
STAT_SKIPPED_UNCHANGED: Final = "cwscrape/skipped_unchanged"
STAT_ARTICLE_ERRORS: Final = "cwscrape/article_errors"
STAT_DRIFT_PAGES: Final = "cwscrape/drift_pages"
STAT_WRITE_FAILED: Final = "cwscrape/write_failed"
STAT_COMMITS: Final = "cwscrape/commits"
STAT_RATE_LIMITED: Final = "cwscrape/rate_limited"
STAT_OFFSITE_REFUSED: Final = "cwscrape/offsite_refused"

# Per-name counters: ``stat(GROUP, name)``, read back as a dict with ``group_of``.
StatGroup = Literal["written", "unchanged", "updated", "seen_again", "errors", "warnings",
                    "drift", "invalid"]


def stat(group: StatGroup, name: str) -> str:
    """The stats key of one counter of a group: ``stat("errors", "timeout")``."""
    return f"{STATS_PREFIX}{group}/{name}"


def group_of(stats: dict[str, object], group: StatGroup) -> dict[str, int]:
    """The counters of one group, by name, sorted."""
    prefix = f"{STATS_PREFIX}{group}/"
    return {k[len(prefix):]: int(v) for k, v in sorted(stats.items())  # type: ignore[call-overload]
            if k.startswith(prefix)}


# --- added by the parsers room
# A people-news entry that lost its label and stops mid-sentence (a stored text copy); it always
# comes with "people_news_label_missing". Missing from Warning above, which only its owner edits.
TRUNCATED: Final = "truncated"
