"""A crawl's end: the operator's summary table and the exit status with its reasons."""

from __future__ import annotations

from typing import Any

from crawler.records.vocabulary import DRIFT_MAX_SHARE


def summary_table(manifest: dict[str, Any]) -> str:
    """The operator's end-of-run table: records per type, errors per reason, pages, time."""
    rows = [("records", "", "")]
    for rtype, count in manifest.get("records", {}).items():
        again = manifest.get("seen_again", {}).get(rtype, 0)
        rows.append(("", rtype, f"{count}" + (f"  (+{again} repeats dropped)" if again else "")))
    rows.append(("errors", "", "" if manifest.get("errors") else "none"))
    for reason, count in manifest.get("errors", {}).items():
        rows.append(("", reason, str(count)))
    if manifest.get("drift"):
        rows.append(("drift", "", ""))
        for code, count in manifest["drift"].items():
            rows.append(("", code, str(count)))
    rows.append(("pages", "", str(manifest.get("pages", 0))))
    rows.append(("seconds", "", str(manifest.get("seconds", ""))))
    rows.append(("run", "", manifest.get("run_folder", "")))
    width = max(len(r[1]) for r in rows) + 2
    return "\n".join(f"{a:<9}{b:<{width}}{c}" for a, b, c in rows)


def verdict(manifest: dict[str, Any],
            drift_max_share: float = DRIFT_MAX_SHARE) -> tuple[int, list[str]]:
    """Exit status of a crawl and the sentences that explain a failure.

    0 only when the run committed, every discovered article URL is accounted for (a record,
    an error record or a policy exclusion), and no more than ``drift_max_share`` of the
    article pages drifted (no title, no body, or a known widget with no records).
    """
    problems = []
    if not manifest:
        return 1, ["the crawl ended without writing a manifest (see the log above)"]
    if manifest.get("status") == "write_failed":
        problems.append(f"writing the dataset failed: {manifest.get('error')}; the committed "
                        "part is kept and the next run fetches the rest")
    if manifest.get("status") == "stopped":
        problems.append(f"the crawl was stopped ({manifest.get('finish_reason')}) before it "
                        "finished; run the same command again to continue")
    if manifest.get("errors", {}).get("robots_unreachable"):
        problems.append("robots.txt could not be read (5xx, 429 or no answer); per RFC 9309 "
                        "nothing was fetched from the host in this run")
    unaccounted = manifest.get("unaccounted", 0)
    if unaccounted:
        sample = ", ".join(manifest.get("unaccounted_sample", [])[:3])
        problems.append(f"{unaccounted} discovered article URL(s) have neither a record nor "
                        f"an error record (e.g. {sample})")
    pages = manifest.get("pages", 0)
    drifted = manifest.get("drift_pages", 0)
    if pages and drifted / pages > drift_max_share:
        kinds = ", ".join(f"{k} on {v}" for k, v in manifest.get("drift", {}).items())
        problems.append(f"layout drift: {drifted} of {pages} article pages drifted ({kinds}); "
                        "the site's markup has probably changed — see "
                        "'Adding a fixture when the site changes' in the README")
    return (1 if problems else 0), problems
