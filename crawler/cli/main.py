"""The ``cwscrape`` command line (also ``python -m crawler``): the parser and :func:`main`.

The commands live by concern: :mod:`crawler.cli.crawl` (crawl, demo, reparse),
:mod:`crawler.cli.dev` (parse, fixture, accuracy, schemas) and :mod:`crawler.cli.research`
(validate, export, report); :mod:`crawler.cli.common` holds the exit statuses and
:class:`~crawler.cli.common.CliError`. Every command answers bad input with one line on stderr
and a non-zero exit status, never a traceback: :func:`main` turns a ``CliError`` into that
line, for all of them. Imports are made inside the commands, so ``cwscrape parse`` does not
pay for Scrapy and ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from crawler.cli import crawl, dev, research
from crawler.cli.common import EXIT_OK, EXIT_USAGE, CliError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cwscrape",
        description="Scrape computerworld.dk into typed JSON Lines datasets.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    dev.add_parse(sub)  # parse, then the crawling commands: the order of ``--help``
    crawl.register(sub)
    dev.register(sub)
    research.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; its exit status (2 and one line on stderr for a ``CliError``)."""
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
