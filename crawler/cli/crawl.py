"""The crawling commands: ``cwscrape crawl``, ``demo`` and ``reparse``.

:func:`register` adds them to the ``cwscrape`` parser (:func:`crawler.cli.main.build_parser`).
Scrapy is imported only when one of them runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from crawler.cli.common import EXIT_OK, CliError
from crawler.records.vocabulary import DRIFT_MAX_SHARE


def _check_base_url(url: str) -> str:
    from crawler.normalize.urls import check_base_url

    try:
        return check_base_url(url)
    except ValueError:
        raise CliError(f"--base-url must be an http(s) URL such as https://www.computerworld.dk,"
                       f" got {url!r}") from None


def _report(result: object, drift_max_share: float = DRIFT_MAX_SHARE) -> int:
    from crawler.runs.verdict import summary_table, verdict

    manifest = result.manifest  # type: ignore[attr-defined]
    if manifest.get("records"):
        print(summary_table(manifest))
    status, problems = verdict(manifest, drift_max_share)
    for problem in problems:
        print(f"cwscrape: {problem}", file=sys.stderr)
    return status


def _is_iso_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def cmd_crawl(args: argparse.Namespace) -> int:
    from crawler.runs.crawl import run_crawl

    base = _check_base_url(args.base_url)
    urls = None
    if args.urls:
        try:
            urls = [u.strip() for u in Path(args.urls).read_text(encoding="utf-8").splitlines()
                    if u.strip() and not u.startswith("#")]
        except OSError as exc:
            raise CliError(f"cannot read --urls file {args.urls}: {exc.strerror or exc}") from None
    for name in ("since", "until"):
        value = getattr(args, name)
        if value and not _is_iso_date(value):
            raise CliError(f"--{name} must be a date YYYY-MM-DD, got {value!r}")
    if args.url:
        urls = (urls or []) + [args.url]
    extra: dict[str, object] = {}
    if args.state:
        extra["CWSCRAPE_STATE"] = args.state
    if args.no_archive:
        extra["CWSCRAPE_ARCHIVE"] = False
    for item in args.set or []:
        name, sep, value = item.partition("=")
        if not sep or not name.isupper():
            raise CliError(f"-s takes NAME=VALUE with an upper-case Scrapy setting, got {item!r}")
        extra[name] = value
    if args.contact:
        from crawler.fetching.useragent import user_agent

        extra["USER_AGENT"] = user_agent(args.contact)
    result = run_crawl(base, args.out, max_pages=args.max_pages, urls=urls, delay=args.delay,
                       since=args.since, until=args.until, log_level=args.log_level,
                       extra=extra)
    return _report(result, args.drift_max_share)


def cmd_demo(args: argparse.Namespace) -> int:
    import shutil

    from crawler.devtools.servers import DemoServer
    from crawler.runs.crawl import run_crawl

    # The demo always shows a full crawl: it starts from an empty dataset folder.
    out = Path(args.out)
    if (out / "state.sqlite").exists() or (out / "runs").exists():
        if not (out / "state.sqlite").exists():
            raise CliError(f"{out} holds runs but no crawl state; pick another --out")
        shutil.rmtree(out / "runs", ignore_errors=True)
        for stale in out.glob("state.sqlite*"):
            stale.unlink()
    with DemoServer() as server:
        print(f"serving the demo site at {server.base_url}", file=sys.stderr)
        result = run_crawl(server.base_url, args.out, log_level=args.log_level)
    return _report(result)


def cmd_reparse(args: argparse.Namespace) -> int:
    from crawler.runs.reparse import reparse
    from crawler.runs.verdict import summary_table

    try:
        manifest, report = reparse(args.archives, args.out, processes=args.processes)
    except FileNotFoundError as exc:
        raise CliError(str(exc)) from None
    print(summary_table(manifest))
    for torn in report.torn_archives:
        print(f"cwscrape reparse: torn archive tail ignored: {torn}", file=sys.stderr)
    return EXIT_OK


def register(sub: Any) -> None:
    """Add ``crawl``, ``demo`` and ``reparse`` to an argparse subparsers object."""
    p = sub.add_parser(
        "crawl", help="crawl a site into a run folder",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Crawl robots.txt → sitemaps, feeds and listing pages → articles (plus\n"
        "in-site links) and write OUT/runs/<run_id>/. Incremental: OUT/state.sqlite remembers\n"
        "what was fetched and written, so the next run fetches only new and changed articles\n"
        "and a run killed at any moment is completed by running the same command again.\n\n"
        "Against computerworld.dk the polite defaults apply: robots.txt obeyed (a robots.txt\n"
        "answering 5xx or unreachable means no fetches, RFC 9309), AutoThrottle with at\n"
        "least 1 s between requests, Retry-After honoured, a descriptive User-Agent.\n\n"
        "Exit status: 0 when every discovered article URL is accounted for (a record, an\n"
        "error record or a policy exclusion) and layout drift stays under --drift-max-share;\n"
        "1 otherwise (a sentence on stderr says what went wrong); 2 for bad arguments.")
    p.add_argument("--base-url", default="https://www.computerworld.dk")
    p.add_argument("--out", default="data", help="dataset folder (default: data)")
    p.add_argument("--max-pages", type=int, help="stop discovering after N article pages")
    p.add_argument("--urls", help="crawl the article URLs listed in this file instead")
    p.add_argument("--url", help="crawl this one article URL")
    p.add_argument("--since", help="only sitemap/feed entries modified or published on or "
                   "after this date (YYYY-MM-DD)")
    p.add_argument("--until", help="... on or before this date (YYYY-MM-DD)")
    p.add_argument("--state", help="crawl state database (default: OUT/state.sqlite)")
    p.add_argument("--contact", help="a contact URL or e-mail for the User-Agent")
    p.add_argument("--no-archive", action="store_true",
                   help="do not write the per-run WARC archive")
    p.add_argument("-s", "--set", action="append", metavar="NAME=VALUE",
                   help="override a Scrapy setting (repeatable), e.g. -s DOWNLOAD_TIMEOUT=5")
    p.add_argument("--drift-max-share", type=float, default=DRIFT_MAX_SHARE,
                   help="fail when more than this share of article pages drift "
                   f"(default {DRIFT_MAX_SHARE})")
    p.add_argument("--delay", type=float,
                   help="seconds between requests (never below 1 on computerworld.dk)")
    p.add_argument("--log-level", default="WARNING")
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("demo", help="crawl the bundled demo site on 127.0.0.1",
                       description="Serve fixtures/site/ on 127.0.0.1 at a free port, crawl "
                       "it, write the dataset and print a summary table.")
    p.add_argument("--out", default="data/demo")
    p.add_argument("--log-level", default="WARNING")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("reparse", help="re-parse archived pages (WARC) into a new run",
                       description="Re-parse the WARC archives of earlier crawls (files, or "
                       "folders searched for *.warc.gz) with the current parsers, using all "
                       "cores and no network, into OUT/runs/<run_id>/.")
    p.add_argument("archives", nargs="+", metavar="ARCHIVE_OR_DIR")
    p.add_argument("--out", required=True)
    p.add_argument("--processes", type=int, help="worker processes (default: all cores)")
    p.set_defaults(func=cmd_reparse)
