"""The ``cwscrape`` command line (also ``python -m crawler``).

Every command answers bad input with one line on stderr and a non-zero exit status, never a
traceback. Imports are made inside the commands, so ``cwscrape parse`` does not pay for
Scrapy and ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from crawler.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CliError


def _from_meta(path: Path, key: str) -> str | None:
    """A value of the ``meta.json`` beside a saved page (fixture cases have one)."""
    meta = path.parent / "meta.json"
    try:
        value = json.loads(meta.read_text(encoding="utf-8"))[key]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return value if isinstance(value, str) else None


def _fetched_at_for(path: Path, given: str | None) -> str:
    found = given or _from_meta(path, "fetched_at")
    if found:
        return found
    stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _url_for(path: Path, given: str | None) -> str:
    return given or _from_meta(path, "url") or path.resolve().as_uri()


def cmd_parse(args: argparse.Namespace) -> int:
    from crawler.errors import ParseError
    from crawler.normalize.dates import normalise_fetched_at
    from crawler.parsers import parse_page

    if args.url and len(args.files) > 1:
        raise CliError("--url names one page; give one FILE with it")
    if args.url and not args.url.startswith(("http://", "https://")):
        raise CliError(f"--url must be an http(s) URL, got {args.url!r}")
    if args.fetched_at:
        try:
            normalise_fetched_at(args.fetched_at)
        except ValueError:
            raise CliError("--fetched-at must be an ISO 8601 time, "
                           f"got {args.fetched_at!r}") from None
    out = sys.stdout
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"cwscrape parse: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
            failed += 1
            continue
        try:
            records = parse_page(data, _url_for(path, args.url),
                                 _fetched_at_for(path, args.fetched_at), strict=True)
        except ParseError as exc:
            print(f"cwscrape parse: {name}: {exc}", file=sys.stderr)
            failed += 1
            continue
        for record in records:
            out.write(record.to_json() + "\n")
    out.flush()
    return EXIT_FAILED if failed else EXIT_OK


def _check_base_url(url: str) -> str:
    from crawler.normalize.urls import check_base_url

    try:
        return check_base_url(url)
    except ValueError:
        raise CliError(f"--base-url must be an http(s) URL such as https://www.computerworld.dk,"
                       f" got {url!r}") from None


def _report(result: object, drift_max_share: float = 0.2) -> int:
    from crawler.runs.verdict import summary_table, verdict

    manifest = result.manifest  # type: ignore[attr-defined]
    if manifest.get("records"):
        print(summary_table(manifest))
    status, problems = verdict(manifest, drift_max_share)
    for problem in problems:
        print(f"cwscrape: {problem}", file=sys.stderr)
    return status


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
        from crawler import __version__

        extra["USER_AGENT"] = f"cwscrape/{__version__} (research crawler; +{args.contact})"
    result = run_crawl(base, args.out, max_pages=args.max_pages, urls=urls, delay=args.delay,
                       since=args.since, until=args.until, log_level=args.log_level,
                       extra=extra)
    return _report(result, args.drift_max_share)


def _is_iso_date(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


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


def cmd_fixture(args: argparse.Namespace) -> int:
    import difflib

    from crawler.devtools.fixtures import FIXTURE_ROOT, expected_lines, load_case, parse_case

    path = Path(args.case) if "/" in args.case else FIXTURE_ROOT / args.case
    if not (path / "page.html").exists() or not (path / "meta.json").exists():
        raise CliError(f"{path} is not a fixture case (needs page.html and meta.json)")
    case = load_case(path)
    new = expected_lines(parse_case(case))
    old_path = path / "expected.jsonl"
    old = old_path.read_text(encoding="utf-8") if old_path.exists() else ""
    diff = list(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                     "expected.jsonl", "parser output"))
    if not diff:
        print(f"{case.name}: parser output equals expected.jsonl")
        return EXIT_OK
    sys.stdout.writelines(diff)
    if args.write:
        old_path.write_text(new, encoding="utf-8")
        print(f"\nwrote {old_path} — read the diff above against the page before committing",
              file=sys.stderr)
        return EXIT_OK
    return EXIT_FAILED


def cmd_accuracy(args: argparse.Namespace) -> int:
    from crawler.devtools import accuracy

    return int(accuracy.main() or 0)


def cmd_schemas(args: argparse.Namespace) -> int:
    from crawler.records.schema import SCHEMA_DIR, all_schemas, schema_text, write_schemas

    if args.check:
        stale = [name for name, schema in all_schemas().items()
                 if not (SCHEMA_DIR / f"{name}.schema.json").exists()
                 or (SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8") != schema_text(schema)]
        if stale:
            print(f"stale schemas: {', '.join(stale)} (run: cwscrape schemas)", file=sys.stderr)
            return EXIT_FAILED
        return EXIT_OK
    for path in write_schemas():
        print(path)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cwscrape",
        description="Scrape computerworld.dk into typed JSON Lines datasets.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="parse saved pages; print one JSON record per line",
                       description="Parse saved HTML pages with the current parsers (no "
                       "network) and print one JSON record per line on stdout. URL and fetch "
                       "time default to a meta.json beside the file, else the file's URI and "
                       "modification time.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--url", help="the URL the page was fetched from")
    p.add_argument("--fetched-at", help="when the page was fetched (ISO 8601)")
    p.set_defaults(func=cmd_parse)

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
    p.add_argument("--drift-max-share", type=float, default=0.2,
                   help="fail when more than this share of article pages drift (default 0.2)")
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

    p = sub.add_parser("fixture", help="diff a fixture case's expected records against the "
                       "parser", description="Show the diff between a fixture case's "
                       "expected.jsonl and what the parser now produces; --write replaces "
                       "expected.jsonl after you have read the diff against the page.")
    p.add_argument("case", help="case name under fixtures/pages/ or a case folder")
    p.add_argument("--write", action="store_true")
    p.set_defaults(func=cmd_fixture)

    p = sub.add_parser("accuracy", help="per-field accuracy of people news over the fixtures")
    p.set_defaults(func=cmd_accuracy)

    p = sub.add_parser("schemas", help="write (or --check) the shipped JSON Schemas")
    p.add_argument("--check", action="store_true")
    p.set_defaults(func=cmd_schemas)

    from crawler.cli import research as research_cli  # validate, export, report

    research_cli.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"cwscrape {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("cwscrape: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
