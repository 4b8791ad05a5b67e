"""The maintainers' commands: ``cwscrape parse``, ``fixture``, ``accuracy`` and ``schemas``.

:func:`add_parse` and :func:`register` add them to the ``cwscrape`` parser
(:func:`crawler.cli.main.build_parser`). They run the parsers on saved pages, no network.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.cli.common import EXIT_FAILED, EXIT_OK, CliError


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


def cmd_fixture(args: argparse.Namespace) -> int:
    """Field by field, what the parser now reads unlike the case's expected.jsonl: one block
    per differing record (see :meth:`crawler.devtools.fixtures.RecordComparison.block`)."""
    from crawler.devtools.fixtures import (
        FIXTURE_ROOT,
        compare_records,
        expected_lines,
        expected_problems,
        load_case,
        parse_case,
    )

    path = Path(args.case) if "/" in args.case else FIXTURE_ROOT / args.case
    if not (path / "page.html").exists() or not (path / "meta.json").exists():
        raise CliError(f"{path} is not a fixture case (needs page.html and meta.json)")
    case = load_case(path)
    parsed = parse_case(case)
    new = expected_lines(parsed)
    old_path = path / "expected.jsonl"
    old = old_path.read_text(encoding="utf-8") if old_path.exists() else ""
    if new == old:
        print(f"{case.name}: parser output equals expected.jsonl")
        return EXIT_OK
    for problem in expected_problems(case.name, case.expected):
        print(problem)
    differing = [c for c in compare_records(case, parsed) if not c.ok]
    for comparison in differing:
        print("\n".join(comparison.block()) + "\n")
    if differing:
        print(f"{case.name}: {len(differing)} record(s) differ "
              f"({len(case.expected)} expected, {len(parsed)} parsed)")
    else:
        print(f"{case.name}: the same records as expected.jsonl, in another order or layout")
    if args.write:
        old_path.write_text(new, encoding="utf-8")
        print(f"\nwrote {old_path} — read the differences above against the page before "
              "committing", file=sys.stderr)
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


def add_parse(sub: Any) -> None:
    """Add ``parse`` to an argparse subparsers object (first in ``cwscrape --help``)."""
    p = sub.add_parser("parse", help="parse saved pages; print one JSON record per line",
                       description="Parse saved HTML pages with the current parsers (no "
                       "network) and print one JSON record per line on stdout. URL and fetch "
                       "time default to a meta.json beside the file, else the file's URI and "
                       "modification time.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--url", help="the URL the page was fetched from")
    p.add_argument("--fetched-at", help="when the page was fetched (ISO 8601)")
    p.set_defaults(func=cmd_parse)


def register(sub: Any) -> None:
    """Add ``fixture``, ``accuracy`` and ``schemas`` to an argparse subparsers object."""
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
