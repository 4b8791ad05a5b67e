"""Page bytes to text: UTF-8 first, then the declared charset, then detection.

``bs4.UnicodeDammit`` is the only use of BeautifulSoup in the parsers, and it is imported only
for pages that are not UTF-8.
"""

from __future__ import annotations

from typing import NamedTuple


class DecodedPage(NamedTuple):
    """A page's text, whether its encoding is suspect, and whether it was valid UTF-8 bytes."""

    text: str
    suspect: bool  # decoded only with replacement characters, or text holding U+FFFD
    utf8: bool  # bytes that are valid UTF-8 (lxml may then parse the bytes themselves)


def decode_page(data: bytes | str, declared: str | None = None) -> tuple[str, bool]:
    """Text of a page and whether its encoding is suspect.

    UTF-8 is tried first (the site's encoding), then the declared charset, then
    ``UnicodeDammit``'s detection. Suspect: the bytes could only be decoded with replacement
    characters.
    """
    text, suspect, _ = decode(data, declared)
    return text, suspect


def decode(data: bytes | str, declared: str | None) -> DecodedPage:
    """:func:`decode_page`, and whether ``data`` are bytes that are valid UTF-8."""
    if isinstance(data, str):
        return DecodedPage(data, "\ufffd" in data, False)
    try:
        return DecodedPage(data.decode("utf-8"), False, True)
    except UnicodeDecodeError:
        pass
    from bs4.dammit import UnicodeDammit  # only for pages that are not UTF-8

    known = [declared] if declared else []
    dammit = UnicodeDammit(data, known_definite_encodings=known + ["windows-1252"])
    text = dammit.unicode_markup
    if text is None:
        return DecodedPage(data.decode("utf-8", errors="replace"), True, False)
    return DecodedPage(text, "\ufffd" in text, False)
