"""What counts as article text: the lines that vote for the body container and tell a title
candidate that the article follows it."""

from __future__ import annotations

from crawler.parsers.html.lines import Line

STRONG_MIN = 50  # characters: a line long enough to vote for the body container
LINK_SHARE = 0.5  # … unless this share of it is link text (a teaser list, a card)


def votes(line: Line) -> bool:
    """Whether ``line`` is long article-like text: 50+ characters, not inside a card link,
    less than half of it link text."""
    n = len(line.text)
    if n < STRONG_MIN or line.anchor is not None:
        return False
    return not line.links or sum(len(t) for _, t in line.links) < LINK_SHARE * n
