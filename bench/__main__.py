"""``python -m bench [--quick] [--only NAME ...]``: run the benchmarks, print the table,
write ``bench-results/bench.json``.

The full run takes about 5 minutes on 2 cores (most of it the crawls and the 5,000-page
re-parse); ``--quick`` (about 1–2 minutes) runs every benchmark on a smaller scale as a smoke
test, and its figures are not meant to be quoted. Other load on the machine shows in the
load averages printed at the end and stored in the JSON.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.report import Row, summary, table, write_json

BENCHMARKS = ("parse", "quality", "realworld", "people", "startup", "crawl", "reparse")
ROOT = Path(__file__).resolve().parent.parent
SEED_PAGE = ROOT / "fixtures" / "pages" / "seed_cerner" / "page.html"


@dataclass(frozen=True)
class Plan:
    variants: int = 200
    repeats_fixtures: int = 7
    repeats_variants: int = 3
    people_repeats: int = 15
    startup_runs: int = 7
    crawl_pages: int = 5_000
    memory_sites: tuple[int, int] = (10_000, 50_000)
    memory_stop_after: int | None = 2500  # article pages before the stop; None: to the end
    crawl_no_archive: int = 0
    bench_seconds: int = 10
    reparse_pages: int = 5_000  # when the crawl did not run and leave its archive
    reparse_rounds: int = 1


FULL = Plan()
QUICK = Plan(variants=20, repeats_fixtures=3, repeats_variants=1, people_repeats=3,
             startup_runs=3, crawl_pages=600, memory_sites=(2_000, 6_000),
             memory_stop_after=300, bench_seconds=6, reparse_pages=300)


def run(names: list[str], plan: Plan, work: Path, progress: Any = None) -> list[Row]:
    """Every named benchmark, in a fixed order; rows in that order."""
    def say(message: str) -> None:
        if progress:
            print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=progress, flush=True)

    rows: list[Row] = []
    warc = None
    if "parse" in names:
        from bench import corpus, parse

        fixtures = corpus.fixture_pages()
        say(f"parse: {len(fixtures)} fixture pages × {plan.repeats_fixtures}, {plan.variants} "
            f"variants × {plan.repeats_variants}")
        rows += parse.run(fixtures, corpus.variant_pages(plan.variants),
                          plan.repeats_fixtures, plan.repeats_variants)
    if "quality" in names:
        from bench import quality

        say("quality: body P/R/F1 against the expected bodies")
        rows += quality.run()
    if "realworld" in names:
        from bench import realworld

        say("realworld: lead + body on the real pages of ../shared/realworld, ours and "
            "trafilatura's")
        rows += realworld.run(progress=say)
    if "people" in names:
        from bench import people

        say("people: parse_people_entry and the Navnenyt share of parse_page")
        rows += people.run(plan.people_repeats)
    if "startup" in names:
        from bench import startup

        say(f"start-up: cwscrape parse × {plan.startup_runs}")
        rows += startup.run(SEED_PAGE, plan.startup_runs)
    if "crawl" in names:
        from bench import crawl, memory

        small, large = plan.memory_sites
        say(f"crawl: scrapy bench ×3 ({plan.bench_seconds} s); crawls of a {small:,}-page "
            f"site, a {plan.crawl_pages:,}-page site and a {large:,}-page site"
            + ("" if plan.memory_stop_after is None else
               f" (the first and last stopped after "
               f"{plan.memory_stop_after:,} pages)"))
        result = crawl.run(work, plan.crawl_pages, plan.memory_sites, plan.memory_stop_after,
                           plan.bench_seconds, plan.crawl_no_archive)
        rows += result.rows
        rows += memory.rows(result.full, result.sites, [b.peak_rss_mb for b in result.benches])
        warc = result.full.warc if not result.full.problem else None
    if "reparse" in names:
        from bench import reparse

        say("re-parse: 1 and 2 processes" + (" on the crawl's archive" if warc else
                                              f" on a fresh {plan.reparse_pages:,}-page WARC"))
        rows += reparse.run(work, warc, plan.reparse_pages, plan.reparse_rounds)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smaller smoke run")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, metavar="NAME",
                        help=f"run only these: {', '.join(BENCHMARKS)}")
    parser.add_argument("--full-memory", action="store_true",
                        help="crawl the memory figure's two sites to the end instead of "
                        "stopping after their sitemaps (about 35 minutes more)")
    parser.add_argument("--no-archive-crawl", type=int, default=0, metavar="PAGES",
                        help="also crawl a PAGES-page site with --no-archive")
    parser.add_argument("--out", type=Path, default=Path("bench-results/bench.json"))
    parser.add_argument("--diff", metavar="REV",
                        help="instead of benchmarking, list every record that differs between "
                        "the code at git revision REV and the working tree (fixtures, markup "
                        "variants, the demo site, ../shared/realworld); exit 1 if any")
    args = parser.parse_args(argv)
    if args.diff:
        from bench.diff import diff

        return 1 if diff(args.diff) else 0
    plan = QUICK if args.quick else FULL
    if args.full_memory:
        plan = replace(plan, memory_stop_after=None)
    if args.no_archive_crawl:
        plan = replace(plan, crawl_no_archive=args.no_archive_crawl)
    names = list(args.only or BENCHMARKS)
    started = datetime.now(UTC)
    load_before = os.getloadavg()
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cwscrape-bench-") as work:
        rows = run(names, plan, Path(work), progress=sys.stderr)
    seconds = time.monotonic() - t0
    print(table(rows))
    print(f"\n{summary(rows)}; {seconds:.0f} s"
          f"{' (quick run: smaller corpus and crawls, do not quote)' if args.quick else ''}; "
          f"load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after")
    write_json(args.out, rows, {
        "started_at": started.isoformat(timespec="seconds"), "seconds": round(seconds, 1),
        "quick": args.quick, "benchmarks": names, "plan": plan.__dict__,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "load_before": load_before,
                    "load_after": os.getloadavg()},
    })
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
