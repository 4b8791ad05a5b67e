"""The project's small exception vocabulary."""


class CwscrapeError(Exception):
    """Base class of every error this project raises on purpose."""


class ParseError(CwscrapeError):
    """A page or block could not be parsed.

    Crawls run the parsers in collecting mode, where problems become ``warnings`` on the
    records; tests and ``strict=True`` callers get this exception instead.
    """
