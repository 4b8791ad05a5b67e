"""Parse speed: full ``parse_page`` (every record kind) against bare ``lxml.html.fromstring``
and against trafilatura's ``extract`` (body only), on the same pages.

A fourth contender, the *floor*, shows what the budget leaves: the page decoded and parsed as
``parse_page`` does it, then walked once by :func:`bare_lines` — the least a line-based,
markup-agnostic extractor can do in Python (lxml's C iterator, text joined between block
boundaries, no rule, no metadata, no record). Whatever ``parse_page`` costs above the floor is
the price of its extraction rules.

Each page is parsed by the three in rotating order, ``repeats`` times; a page's time is the
median of its repeats, and a corpus figure is the ratio of the summed medians (the ratio of
throughputs). The baseline is ``lxml.html.fromstring`` of the decoded text, as in
``perf-baselines.md``; ``parse_page`` gets the page bytes, as a crawl hands them over, so
its time includes decoding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import lxml.html
from lxml import etree

from bench.corpus import Page, with_site_chrome
from bench.report import Row, Target
from bench.timing import interleaved, median, ms, quantile
from crawler.parsers import parse_page
from crawler.parsers.html.lines import BLOCK_TAGS, SKIP_TAGS, parse_html

TARGET_LXML_ISSUE_7 = Target("<=", 2.0, "issue 7")
TARGET_LXML_ISSUE_4 = Target("<=", 2.5, "issue 4")
TARGET_TRAFILATURA = Target(">=", 6.0, "issue 7")


def trafilatura_extract() -> Any:
    try:
        from trafilatura import extract
    except ImportError as exc:  # a bench-only dependency
        raise SystemExit("bench needs trafilatura: pip install -e '.[bench]'") from exc
    return extract


def bare_lines(root: Any) -> list[str]:
    """The visible text of ``<body>`` as lines, and nothing else: a new line at every block
    element, scripts and the like skipped, whitespace folded. One flat loop over lxml's C
    iterator, so each element costs two loop turns and a few comparisons."""
    body = root.find("body")
    lines: list[str] = []
    parts: list[str] = []
    walker = etree.iterwalk(body if body is not None else root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if event == "start":
            if tag.__class__ is not str or tag in SKIP_TAGS:
                walker.skip_subtree()
                continue
            if (tag in BLOCK_TAGS or tag == "br") and parts:
                lines.append(" ".join("".join(parts).split()))
                parts.clear()
            if el.text:
                parts.append(el.text)
        else:
            if tag in BLOCK_TAGS and parts:
                lines.append(" ".join("".join(parts).split()))
                parts.clear()
            if el.tail:
                parts.append(el.tail)
    if parts:
        lines.append(" ".join("".join(parts).split()))
    return [line for line in lines if line]


def floor(html: bytes) -> list[str]:
    """What ``parse_page`` cannot skip: check the bytes are UTF-8, parse them, walk once."""
    html.decode("utf-8")
    return bare_lines(parse_html(html, utf8=True))


@dataclass
class PageTimes:
    name: str
    size: int
    lxml: float
    ours: float
    trafilatura: float | None
    floor: float = 0.0


def time_pages(pages: list[Page], repeats: int, with_trafilatura: bool = True) -> list[PageTimes]:
    extract = trafilatura_extract() if with_trafilatura else None
    results = []
    for page in pages:
        text, html = page.text, page.html
        # partial, not lambdas: each binds this iteration's page.
        fns: dict[str, Callable[[], Any]] = {
            "lxml": partial(lxml.html.fromstring, text),
            "ours": partial(parse_page, html, page.url, page.fetched_at),
            "floor": partial(floor, html),
        }
        if extract is not None:
            fns["trafilatura"] = partial(extract, text, url=page.url)
        times = interleaved(fns, repeats)
        results.append(PageTimes(page.name, len(html), median(times["lxml"]),
                                 median(times["ours"]),
                                 median(times["trafilatura"]) if extract else None,
                                 median(times["floor"])))
    return results


def warm_up(pages: list[Page]) -> None:
    """First calls pay for lazy imports and caches (dateparser, trafilatura): not timed."""
    time_pages(pages[:3], 1)


def rows_for(label: str, times: list[PageTimes], targets: bool = True) -> list[Row]:
    lxml_total = sum(t.lxml for t in times)
    ours_total = sum(t.ours for t in times)
    n = len(times)
    per_page = [t.ours / t.lxml for t in times]
    worst = max(times, key=lambda t: t.ours / t.lxml)
    spread = {"pages": n, "ratio_median": median(per_page),
              "ratio_p10": quantile(per_page, 0.1), "ratio_p90": quantile(per_page, 0.9),
              "worst_page": worst.name, "worst_ratio": worst.ours / worst.lxml,
              "ours_ms_mean": ours_total / n * 1e3, "lxml_ms_mean": lxml_total / n * 1e3,
              "pages_per_s_ours": n / ours_total, "mean_bytes": sum(t.size for t in times) / n,
              "per_page": [{"page": t.name, "bytes": t.size, "lxml_ms": round(t.lxml * 1e3, 3),
                            "ours_ms": round(t.ours * 1e3, 3),
                            "floor_ms": round(t.floor * 1e3, 3),
                            "trafilatura_ms": None if t.trafilatura is None
                            else round(t.trafilatura * 1e3, 3)} for t in times]}
    rows = [Row("parse", f"parse_page ÷ lxml.fromstring, {label}", ours_total / lxml_total,
                targets=[TARGET_LXML_ISSUE_7, TARGET_LXML_ISSUE_4] if targets else [],
                detail=f"{ms(ours_total / n)} vs {ms(lxml_total / n)} a page; per page "
                       f"{quantile(per_page, 0.1):.1f}–{quantile(per_page, 0.9):.1f}× "
                       "(p10–p90)",
                data=spread)]
    floor_total = sum(t.floor for t in times)
    rows.append(Row(
        "parse", f"floor (decode + parse + bare line walk) ÷ lxml.fromstring, {label}",
        floor_total / lxml_total,
        detail=f"{ms(floor_total / n)} a page; parse_page is {ours_total / floor_total:.1f}× "
               "the floor",
        data={"pages": n, "floor_ms_mean": floor_total / n * 1e3,
              "ours_over_floor": ours_total / floor_total}))
    if all(t.trafilatura is not None for t in times):
        traf_total = sum(t.trafilatura or 0.0 for t in times)
        per_page_traf = [(t.trafilatura or 0.0) / t.ours for t in times]
        rows.append(Row(
            "parse", f"trafilatura.extract ÷ parse_page, {label}", traf_total / ours_total,
            targets=[TARGET_TRAFILATURA] if targets else [],
            detail=f"trafilatura {ms(traf_total / n)} a page (body only), "
                   f"{traf_total / lxml_total:.1f}× lxml",
            data={"pages": n, "trafilatura_ms_mean": traf_total / n * 1e3,
                  "ratio_median": median(per_page_traf),
                  "ratio_p10": quantile(per_page_traf, 0.1)}))
    return rows


def run(fixtures: list[Page], variants: list[Page], repeats_fixtures: int,
        repeats_variants: int, chrome: bool = True) -> list[Row]:
    """Rows for the fixture pages (the targets apply to them), the generated variants and —
    for information, no target — the fixture pages inside invented chrome of a real page's
    size (:func:`bench.corpus.with_site_chrome`: ~90 KB, ~900 elements), semantic (the best
    case) and plain (the worst)."""
    warm_up(fixtures)
    rows = rows_for(f"{len(fixtures)} fixture pages", time_pages(fixtures, repeats_fixtures))
    if variants:
        rows += rows_for(f"{len(variants)} generated variants",
                         time_pages(variants, repeats_variants))
    if chrome:
        for semantic, kind in ((True, "semantic"), (False, "plain")):
            dressed = [with_site_chrome(page, semantic) for page in fixtures]
            rows += rows_for(f"{len(dressed)} fixture pages in {kind} site chrome",
                             time_pages(dressed, repeats_fixtures), targets=False)
    return rows
