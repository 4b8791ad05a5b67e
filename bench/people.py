"""People news (issue 3): the time to read one entry, and the people-news share of a page.

* ``parse_people_entry`` over the stored text, label and footer of every people-news record
  expected by the fixture pages (one pass over all entries is one timed run), against
  ``lxml.html.fromstring`` of the seed page as the side-by-side unit of work.
* The share: ``parse_page`` on every fixture page with a Navnenyt block, with
  ``parse_people_block`` wrapped in a timer where ``parse_page`` calls it; share = time inside
  ``parse_people_block`` ÷ time of ``parse_page``, summed over those pages.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import lxml.html

from bench.report import Row
from bench.timing import interleaved, median, ms, us
from crawler.devtools.fixtures import Case, all_cases
from crawler.parsers import page as page_module
from crawler.parsers import parse_page, parse_people_entry

BLOCK_PARSER = "parse_people_block"  # the name parse_page calls the block parser by


def entries(cases: list[Case]) -> list[dict[str, Any]]:
    return [r for c in cases for r in c.expected if r.get("record_type") == "people_news"]


def _entry_args(record: dict[str, Any]) -> tuple[str, str, tuple[str, ...]]:
    footer = tuple(v for v in (record.get("footer_person"), record.get("footer_organization"))
                   if v)
    return record["text"], record["label"], footer


def time_entries(cases: list[Case], seed_html: str, repeats: int) -> dict[str, Any]:
    args = [_entry_args(r) for r in entries(cases)]

    def all_entries() -> None:
        for text, label, footer in args:
            parse_people_entry(text, label, footer)

    all_entries()  # warm-up: lazy imports, regex compilation
    times = interleaved({"entries": all_entries,
                         "lxml": lambda: lxml.html.fromstring(seed_html)}, repeats)
    return {"entries": len(args), "per_entry_s": median(times["entries"]) / max(len(args), 1),
            "lxml_seed_s": median(times["lxml"])}


class _BlockTimer:
    """Wraps the block parser where ``parse_page`` looks it up, adding up its time."""

    def __init__(self) -> None:
        self.original: Callable[..., Any] = getattr(page_module, BLOCK_PARSER)
        self.seconds = 0.0
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return self.original(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - start
            self.calls += 1

    def __enter__(self) -> _BlockTimer:
        setattr(page_module, BLOCK_PARSER, self)
        return self

    def __exit__(self, *exc: Any) -> None:
        setattr(page_module, BLOCK_PARSER, self.original)


def time_share(cases: list[Case], repeats: int) -> dict[str, Any]:
    pages = [c for c in cases if any(r.get("record_type") == "people_news" for r in c.expected)]
    block_s, page_s = [], []
    for _ in range(repeats):
        with _BlockTimer() as timer:
            start = time.perf_counter()
            for case in pages:
                parse_page(case.html, case.url, case.fetched_at)
            page_s.append(time.perf_counter() - start)
        block_s.append(timer.seconds)
    shares = [b / p for b, p in zip(block_s, page_s)]
    return {"pages": [c.name for c in pages], "share": median(shares),
            "block_s_per_page": median(block_s) / max(len(pages), 1),
            "page_s_per_page": median(page_s) / max(len(pages), 1)}


def run(repeats: int, cases: list[Case] | None = None) -> list[Row]:
    cases = cases or all_cases()
    seed = next((c for c in cases if c.name == "seed_cerner"), cases[0])
    entry = time_entries(cases, seed.html.decode("utf-8"), repeats)
    rows = [Row("people", f"parse_people_entry, one entry ({entry['entries']} entries) ÷ "
                          "lxml parse of the seed page",
                entry["per_entry_s"] / entry["lxml_seed_s"],
                detail=f"{us(entry['per_entry_s'])} an entry; lxml parse of the seed page "
                       f"{ms(entry['lxml_seed_s'])}", data=entry)]
    if not hasattr(page_module, BLOCK_PARSER):
        rows.append(Row("people", "people-news share of parse_page", None,
                        detail=f"parse_page no longer calls {BLOCK_PARSER}: not measured"))
        return rows
    parse_page(seed.html, seed.url, seed.fetched_at)  # warm-up
    share = time_share(cases, repeats)
    rows.append(Row("people", f"people-news share of parse_page, {len(share['pages'])} pages "
                              "with Navnenyt", share["share"] * 100, unit="%",
                    detail=f"{ms(share['block_s_per_page'])} of {ms(share['page_s_per_page'])} "
                           "a page in parse_people_block", data=share))
    return rows
