"""What a crawl adds to its run's ``manifest.json``, from the crawl statistics.

:meth:`crawler.storage.runfolder.RunWriter.close` writes the fields every run has (id, times,
versions, records and errors per kind); a crawl adds these. The README's "Output" section
describes the file.
"""

from __future__ import annotations

from typing import Any

from crawler.records.vocabulary import (
    SCRAPY_STAT_RETRIES,
    STAT_DISCOVERED,
    STAT_DRIFT_PAGES,
    STAT_PAGES,
    STAT_SKIPPED_UNCHANGED,
    group_of,
)

UNACCOUNTED_SAMPLE = 20  # URLs named in the manifest; the count is always whole


def crawl_fields(stats: dict[str, Any], *, finish_reason: str, base_url: str | None,
                 unaccounted: list[str]) -> dict[str, Any]:
    """The crawl's manifest fields. ``finish_reason`` is Scrapy's close reason
    (``"finished"`` gives ``"status": "complete"``, anything else ``"stopped"``);
    ``unaccounted``: discovered article URLs with neither a record nor an error record."""
    return {
        "status": "complete" if finish_reason == "finished" else "stopped",
        "base_url": base_url,
        "finish_reason": finish_reason,
        "pages": stats.get(STAT_PAGES, 0),
        "discovered": stats.get(STAT_DISCOVERED, 0),
        "skipped_unchanged": stats.get(STAT_SKIPPED_UNCHANGED, 0),
        "updated": group_of(stats, "updated"),
        "unchanged": group_of(stats, "unchanged"),
        "seen_again": group_of(stats, "seen_again"),
        "warnings": group_of(stats, "warnings"),
        "drift": group_of(stats, "drift"),
        "retries": stats.get(SCRAPY_STAT_RETRIES, 0),
        "drift_pages": stats.get(STAT_DRIFT_PAGES, 0),
        "unaccounted": len(unaccounted),
        "unaccounted_sample": unaccounted[:UNACCOUNTED_SAMPLE],
    }


def write_failed_manifest(run_id: str, error: str) -> dict[str, Any]:
    """The manifest of a crawl whose output could not be written. It is returned, not
    written: the run folder stays as its last commit left it, for the next run to recover."""
    return {"status": "write_failed", "error": error, "run_id": run_id}
