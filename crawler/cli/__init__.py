"""The ``cwscrape`` command line (also ``python -m crawler``); see :mod:`crawler.cli.main`."""

from crawler.cli.common import CliError
from crawler.cli.main import build_parser, main

__all__ = ["CliError", "build_parser", "main"]
