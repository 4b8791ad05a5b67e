"""A one-page HTML report of a dataset: what it holds, and how healthy the crawls were.

This module decides what the report says: it loads the dataset (:mod:`crawler.research.load`)
and counts, section by section. How it looks is elsewhere: the page, its CSS, sections,
figures and tables in :mod:`crawler.research.report_html`; the charts, inlined as SVG, in
:mod:`crawler.research.charts`. The page is self-contained — no scripts, fonts or images
fetched from anywhere — so it can be mailed or archived as is.

It shows counts, never the names of persons (people news are personal data; see
``docs/data-card.md``). Needs the ``research`` extra (pandas, matplotlib).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path
from typing import Any

from crawler.records import TYPE_ORDER, PeopleKind
from crawler.research import charts
from crawler.research.dataframes import TIMEZONE, frame_from_dicts, to_pandas
from crawler.research.load import LoadReport, load_dicts, load_manifests
from crawler.research.report_html import Section, empty, figure, number, page, table

# People-news kinds in the order their bars stack, with their legend labels.
KIND_LABELS: dict[PeopleKind, str] = {
    "new_job": "new job", "promotion": "promotion",
    "completed_education": "completed education", "other": "other"}
TOP = 15  # bars in a ranking; the rest are summed into "N others"


def _counts(series: Any, missing: str = "(none)") -> list[tuple[str, int]]:
    """Value counts of a string column, biggest first, ties by name; nulls as ``missing``."""
    import pandas as pd

    counter = Counter(missing if pd.isna(v) else str(v) for v in series.tolist())
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _top(pairs: list[tuple[str, int]], n: int = TOP) -> list[tuple[str, int]]:
    if len(pairs) <= n:
        return pairs
    rest = sum(v for _, v in pairs[n - 1:])
    return [*pairs[: n - 1], (f"{len(pairs) - n + 1} others", rest)]


# --- sections -----------------------------------------------------------------------------


def _articles(frames: dict[str, Any]) -> Section:
    import pandas as pd

    df = frames["article"]
    published = df["published"].dropna()
    subsections = []
    if published.empty:
        per_day = empty("No article has a publication date.")
    else:
        local = published.dt.tz_localize(None)  # wall-clock time in Copenhagen
        span = (local.max() - local.min()).days
        freq, noun, width = ("D", "day", 1) if span <= 92 else \
            ("W", "week", 7) if span <= 730 else ("M", "month", 30)
        periods = local.dt.to_period(freq)
        counts = periods.value_counts().reindex(
            pd.period_range(periods.min(), periods.max(), freq=freq), fill_value=0)
        svg = charts.time_bars([p.start_time for p in counts.index], counts.tolist(),
                               name="articles-per-day", width_days=width,
                               label=f"Articles per {noun}", ylabel="articles")
        undated = len(df) - len(published)
        per_day = figure(svg, "articles-per-day",
                          f"Articles by publication date (Copenhagen time), per {noun}. "
                          f"{number(len(published))} dated"
                          + (f"; {number(undated)} without a date are not shown." if undated
                             else "."))
    subsections.append(("Per day", per_day))
    sections = _counts(df["section"])
    if sections:
        svg = charts.hbar(*zip(*_top(sections)), name="articles-per-section",
                          label="Articles per section", xlabel="articles")
        subsections.append(("Per section", figure(
            svg, "articles-per-section", f"{len(sections)} sections.")))
    latest = df.dropna(subset=["published"]).sort_values("published", ascending=False).head(10)
    rows = [(p.strftime("%Y-%m-%d\u00a0%H:%M"), (t, u), s, g) for p, t, u, s, g in zip(
        latest["published"], latest["title"], latest["url"], latest["section"], latest["genre"])]
    subsections.append(("Latest articles", table(
        ["published", "title", "section", "genre"], rows, link_column=1, nowrap=(0, 2, 3))))
    premium = int(df["is_premium"].fillna(False).sum())
    body = (f"<p>{number(len(df))} articles (latest version of each), {number(premium)} behind the "
            f"paywall, {number(len(frames['related_link']))} related-article links.</p>")
    return Section("articles", "Articles", body, subsections)


def _people(frames: dict[str, Any]) -> Section:
    import pandas as pd

    df = frames["people_news"]
    body = ("<p>Entries of the “Navnenyt fra it-Danmark” widget: new jobs, promotions and "
            "completed educations, submitted by the people or organisations themselves. "
            "Counted here; no names are shown.</p>")
    subsections = []
    dated = df.dropna(subset=["effective_date"])
    if dated.empty:
        subsections.append(("Per month by kind", empty("No entry has an effective date.")))
    else:
        months = dated["effective_date"].dt.to_period("M")
        index = pd.period_range(months.min(), months.max(), freq="M")
        series = {}
        for kind, label in KIND_LABELS.items():
            counts = months[dated["kind"] == kind].value_counts().reindex(index, fill_value=0)
            if counts.sum():
                series[label] = counts.tolist()
        svg = charts.stacked_bars([p.strftime("%b %Y") for p in index], series,
                                  name="people-per-month", label="People news per month",
                                  ylabel="entries")
        undated = len(df) - len(dated)
        subsections.append(("Per month by kind", figure(
            svg, "people-per-month", "By effective date (“pr. 1. februar 2026”)."
            + (f" {number(undated)} entries without a date are not shown." if undated else ""))))
    hires = _counts(df.loc[df["kind"] == "new_job", "organization"], missing="(unknown)")
    if hires:
        svg = charts.hbar(*zip(*hires[:TOP]), name="top-hiring", color=charts.PALETTE[2],
                          label="Organisations with most hires", xlabel="new-job entries")
        subsections.append(("Organisations with most hires", figure(
            svg, "top-hiring", f"Organisations named in “Nyt job” entries "
            f"(top {min(TOP, len(hires))} of {len(hires)}).")))
    else:
        subsections.append(("Organisations with most hires", empty("No new-job entries.")))
    return Section("people", "People news", body, subsections)


def _jobs_and_events(frames: dict[str, Any], as_of: date) -> list[Section]:
    import pandas as pd

    jobs = frames["job_ad"]
    regions = _counts(jobs["region"])
    jobs_body = (f"<p>{number(len(jobs))} job ads from {jobs['company'].nunique()} companies "
                 "(each ad once, as first seen).</p>")
    jobs_body += figure(charts.hbar(*zip(*_top(regions)), name="jobs-per-region",
                                     color=charts.PALETTE[1], label="Job ads per region",
                                     xlabel="job ads"), "jobs-per-region") if regions else \
        empty("No job ads.")
    events = frames["event"]
    start = pd.Timestamp(as_of)
    upcoming = events[events["start_date"] >= start].sort_values("start_date")
    undated = int(events["start_date"].isna().sum())

    def rows(df: Any) -> list[tuple[Any, ...]]:
        out = []
        for s, e, t, u, c, loc, price in zip(df["start_date"], df["end_date"], df["title"],
                                             df["url"], df["category"], df["location"],
                                             df["price_raw"]):
            when = s.strftime("%Y-%m-%d") + (f" – {e:%Y-%m-%d}" if e is not pd.NaT and e != s
                                             else "")
            out.append((when, (t, u), c, loc, price))
        return out

    headers = ["date", "event", "category", "location", "price"]
    body = f"<p>{number(len(events))} events; {undated} without a date (the events block " \
           "does not print one).</p>"
    if len(upcoming):
        body += table(headers, rows(upcoming), link_column=1, nowrap=(0,))
    else:
        past = events.dropna(subset=["start_date"]).sort_values("start_date", ascending=False)
        body += empty(f"No upcoming events as of {as_of:%Y-%m-%d}.")
        if len(past):
            body += "<h3>Most recent dated events</h3>" + table(
                headers, rows(past.head(10)), link_column=1, nowrap=(0,))
    return [Section("jobs", "Job ads", jobs_body),
            Section("events", f"Upcoming events (as of {as_of:%Y-%m-%d})", body)]


def _run_label(manifest: dict[str, Any]) -> str:
    """A short chart label for a run: its UTC start as ``2026-11-26\n10:07``."""
    started = str(manifest.get("started_at") or "")
    if len(started) >= 16:
        return f"{started[:10]}\n{started[11:16]}"
    return str(manifest["run_id"])[:15]


def _health(frames: dict[str, Any], errors: Any, manifests: list[dict[str, Any]],
            report: LoadReport) -> Section:
    pages = [int(m.get("pages") or 0) for m in manifests]
    error_counts = [sum((m.get("errors") or {}).values()) for m in manifests]
    drift_counts = [sum((m.get("drift") or {}).values()) for m in manifests]
    run_rows = [(m["run_id"], m.get("status", ""), m.get("started_at", ""),
                 m.get("seconds", ""), p, sum((m.get("records") or {}).values()), e, d)
                for m, p, e, d in zip(manifests, pages, error_counts, drift_counts)]
    body = charts.runs_chart([_run_label(m) for m in manifests], pages, error_counts,
                             drift_counts, name="runs",
                             label="Pages, errors and layout drift per run")
    body = figure(body, "runs", "Per run, from its manifest.json.") + table(
        ["run", "status", "started (UTC)", "seconds", "pages", "records written",
         "error lines", "drift"], run_rows, numeric=range(3, 8))
    subsections = []
    reasons = _counts(errors["reason"]) if len(errors) else []
    if reasons:
        example = {r: u for r, u in zip(errors["reason"].tolist(), errors["url"].tolist())}
        svg = charts.hbar(*zip(*reasons), name="errors-by-reason", color=charts.PALETTE[1],
                          label="Errors by reason", xlabel="error lines")
        subsections.append(("Errors by reason", figure(svg, "errors-by-reason") + table(
            ["reason", "lines", "example URL"], [(r, n, example[r]) for r, n in reasons],
            numeric=(1,))))
    else:
        subsections.append(("Errors by reason", empty("No error lines in any run.")))
    warnings = Counter((rtype, w) for rtype, df in frames.items()
                       for ws in df["warnings"] for w in (ws or []))
    if warnings:
        pairs = sorted(((f"{w} ({t})", n) for (t, w), n in warnings.items()),
                       key=lambda kv: (-kv[1], kv[0]))
        svg = charts.hbar(*zip(*_top(pairs)), name="warnings-by-kind", color=charts.PALETTE[6],
                          label="Record warnings by kind", xlabel="records")
        subsections.append(("Warnings by kind", figure(svg, "warnings-by-kind",
                                                        "Quality flags on kept records.")))
    else:
        subsections.append(("Warnings by kind", empty("No record carries a warning.")))
    codes = sorted({c for m in manifests for c in (m.get("drift") or {})})
    if codes:
        per_code: dict[str, Sequence[float]] = {
            c: [(m.get("drift") or {}).get(c, 0) for m in manifests] for c in codes}
        svg = charts.stacked_bars([_run_label(m) for m in manifests], per_code,
                                  name="drift-over-runs",
                                  label="Layout drift over runs", ylabel="pages")
        subsections.append(("Layout drift over runs", figure(
            svg, "drift-over-runs", "Pages whose layout no longer matched the parsers, by "
            "signal, per run.")))
    else:
        subsections.append(("Layout drift over runs",
                            empty("No layout drift recorded in any run.")))
    subsections.append(("Loading", f"<p>{escape(report.summary())}.</p>"))
    return Section("health", "Crawl health", body, subsections)


def _filled(value: Any) -> bool:
    """Has a value: not None/NaN/NA/NaT, and not an empty string, list or dict."""
    import pandas as pd

    if isinstance(value, (str, list, dict)):
        return len(value) > 0
    return not pd.isna(value)


def _coverage(frames: dict[str, Any]) -> Section:
    blocks = []
    for rtype, df in frames.items():
        if not len(df):
            blocks.append(f'<div class="coverage"><h3>{rtype} <span class="muted">(no '
                          'records)</span></h3></div>')
            continue
        rows = []
        for column in df.columns:
            if column == "record_type":
                continue
            share = sum(_filled(v) for v in df[column].tolist()) / len(df) if len(df) else 0.0
            rows.append((column, share))
        body = table(["field", "filled"], [(c, f"{s:.0%}") for c, s in rows], numeric=(1,),
                     bars=[s for _, s in rows])
        blocks.append(f'<div class="coverage"><h3>{rtype} <span class="muted">'
                      f"({number(len(df))} records)</span></h3>{body}</div>")
    intro = ("<p>Share of records in which a field has a value: not null, and not an empty "
             "string or list. Low shares are often real (most articles have no premium "
             "summary), sometimes a parser gap.</p>")
    return Section("coverage", "Field coverage", intro + '<div class="grid">'
                   + "".join(blocks) + "</div>")


# --- the page -----------------------------------------------------------------------------


def build_report(path: str | Path, *, as_of: date | None = None,
                 generated_at: datetime | None = None) -> str:
    """The report of the dataset at ``path`` as one HTML string.

    ``as_of`` is the day from which events count as upcoming (default: today in
    Copenhagen); ``generated_at`` the time printed in the header (default: now).
    """
    from zoneinfo import ZoneInfo

    import pandas as pd

    now = generated_at or datetime.now(UTC)
    as_of = as_of or now.astimezone(ZoneInfo(TIMEZONE)).date()
    report = LoadReport()
    frames: dict[str, Any] = {t: to_pandas(path, t, report=report) for t in TYPE_ORDER}
    errors = frame_from_dicts(load_dicts(path, "errors", report=report), "errors")
    manifests = load_manifests(path)
    sections = [_articles(frames), _people(frames), *_jobs_and_events(frames, as_of),
                _health(frames, errors, manifests, report), _coverage(frames)]
    cards = [("articles", len(frames["article"])), ("people news", len(frames["people_news"])),
             ("job ads", len(frames["job_ad"])), ("events", len(frames["event"])),
             ("sponsored items", len(frames["sponsored"])), ("runs", len(manifests)),
             ("error lines", len(errors))]
    fetched = pd.concat([df["fetched_at"] for df in frames.values()]).dropna()
    span = (f"fetched {fetched.min():%Y-%m-%d} to {fetched.max():%Y-%m-%d} (UTC)"
            if len(fetched) else "no records")
    return page(title="computerworld.dk dataset report",
                subtitle=f"{Path(path).resolve()} · {span} · generated "
                         f"{now:%Y-%m-%d %H:%M} UTC",
                cards=[(label, number(n)) for label, n in cards], sections=sections)


def write_report(path: str | Path, out: str | Path, **options: Any) -> Path:
    """Render :func:`build_report` into the file ``out`` (UTF-8); returns its path."""
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(build_report(path, **options), encoding="utf-8")
    return target
