"""The User-Agent the crawler sends: name, version, and where to reach its operator."""

from __future__ import annotations

from crawler import __version__

CONTACT_URL = "https://github.com/cwscrape/cwscrape"


def user_agent(contact: str = CONTACT_URL) -> str:
    """``cwscrape/<version> (research crawler; +<contact>)``; ``contact`` is a URL or an
    e-mail address, used as given."""
    return f"cwscrape/{__version__} (research crawler; +{contact})"
