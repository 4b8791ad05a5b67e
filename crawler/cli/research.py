"""The researchers' commands: ``cwscrape validate``, ``cwscrape export``, ``cwscrape report``.

:func:`register` adds them to the ``cwscrape`` parser (:func:`crawler.cli.main.build_parser`).
Like every command, they answer bad input with one line on stderr and exit status 2;
heavy libraries (pandas, pyarrow, matplotlib) are imported only when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from crawler.cli.common import EXIT_FAILED, EXIT_OK, CliError

DIR_HELP = "dataset folder (holding runs/), a runs/ folder, or one run folder"


def _missing_extra(exc: ImportError) -> CliError:
    return CliError(f"{exc.name or exc} is not installed; install the research extra: "
                    "pip install 'cwscrape[research]'")


def cmd_validate(args: argparse.Namespace) -> int:
    from crawler.research.check import check_dataset
    from crawler.research.load import DatasetError

    try:
        result = check_dataset(args.dir)
    except DatasetError as exc:
        raise CliError(str(exc)) from None
    print(f"{args.dir}: {result.runs} run(s)")
    print(result.table())
    for note in result.notes:
        print(f"note: {note}")
    if result.ok:
        print("all lines valid")
        return EXIT_OK
    shown = result.problems[: args.max_problems]
    print(f"\n{len(result.problems)} problem(s):")
    for problem in shown:
        print(f"  {problem}")
    if len(result.problems) > len(shown):
        print(f"  … and {len(result.problems) - len(shown)} more (--max-problems)")
    return EXIT_FAILED


def cmd_export(args: argparse.Namespace) -> int:
    from crawler.research.load import DatasetError, LoadReport

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CliError(f"--out {out} exists and is not a folder")
    try:
        import pyarrow  # noqa: F401  (fail early, with the install hint)

        from crawler.research.parquet import export_parquet
    except ImportError as exc:
        raise _missing_extra(exc) from None
    report = LoadReport()
    try:
        written = export_parquet(args.dir, out, report=report)
    except DatasetError as exc:
        raise CliError(str(exc)) from None
    width = max(len(t) for t in written) + 2
    for rtype, (path, rows) in written.items():
        print(f"{rtype:<{width}}{rows:>8}  {path}")
    print(f"loaded: {report.summary()}", file=sys.stderr)
    if report.invalid_lines_skipped:
        print("some lines were left out; `cwscrape validate` names them", file=sys.stderr)
    return EXIT_OK


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def cmd_report(args: argparse.Namespace) -> int:
    from crawler.research.load import DatasetError

    try:
        import matplotlib  # noqa: F401
        import pandas  # noqa: F401

        from crawler.research.report import write_report
    except ImportError as exc:
        raise _missing_extra(exc) from None
    try:
        path = write_report(args.dir, args.out, as_of=args.as_of)
    except DatasetError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(path)
    return EXIT_OK


def register(sub: Any) -> None:
    """Add ``validate``, ``export`` and ``report`` to an argparse subparsers object."""
    p = sub.add_parser(
        "validate", help="check every line of a dataset against the JSON Schemas",
        description="Check every line of every run (finished *.jsonl and unfinished "
        "*.jsonl.part files, errors.jsonl, manifest.json) against the shipped JSON Schemas. "
        "Prints lines, valid and invalid counts per record type and one line per problem "
        "as FILE:LINE: FIELD: MESSAGE. Exit status 1 when anything is invalid. The torn "
        "last line of a .part file is reported as a note, not a problem.")
    p.add_argument("dir", metavar="DIR", help=DIR_HELP)
    p.add_argument("--max-problems", type=int, default=50, metavar="N",
                   help="list at most N problems (default: 50)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "export", help="write the dataset as typed Parquet files, one per record type",
        description="Load every run (latest version of each article, each widget record "
        "once; see crawler.research.load) and write OUT/<record_type>.parquet with a typed "
        "schema: timestamps with time zone, dates, int64, bool, lists and structs. "
        "Records whose values do not fit their columns are left out and counted "
        "(cwscrape validate names them). Needs the research extra.")
    p.add_argument("dir", metavar="DIR", help=DIR_HELP)
    p.add_argument("--format", choices=("parquet",), default="parquet",
                   help="output format (default and only: parquet)")
    p.add_argument("--out", required=True, metavar="OUT", help="folder for the files")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "report", help="write a one-page HTML report of a dataset",
        description="Write one self-contained HTML page (no scripts, no network; charts "
        "inlined as SVG): articles per day and section, people news per month, "
        "organisations with most hires, job ads per region, upcoming events, crawl health "
        "over runs and field coverage. Shows counts, no names of persons. Needs the "
        "research extra.")
    p.add_argument("dir", metavar="DIR", help=DIR_HELP)
    p.add_argument("--out", default="report.html", metavar="FILE",
                   help="the HTML file to write (default: report.html)")
    p.add_argument("--as-of", type=_as_of, metavar="YYYY-MM-DD",
                   help="count events from this day as upcoming (default: today)")
    p.set_defaults(func=cmd_report)
