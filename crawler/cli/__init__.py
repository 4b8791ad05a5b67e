"""The ``cwscrape`` command line (also ``python -m crawler``)."""

from crawler.cli.main import CliError, build_parser, main

__all__ = ["CliError", "build_parser", "main"]
