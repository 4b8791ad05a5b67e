"""Text helpers shared by the parsers: whitespace folding and small predicates."""

from __future__ import annotations

import re

# Invisible characters a CMS puts into words: soft hyphen (``&shy;``, for hyphenation of long
# Danish compounds), zero-width space, word joiner and a stray BOM. They are not whitespace
# to ``str.split`` and would split "Annonce&shy;indlæg" from "Annonceindlæg".
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def clean(text: str | None) -> str | None:
    """Collapse whitespace runs (NBSP and newlines included) to one space, drop invisible
    characters (soft hyphens, zero-width spaces) and trim.

    Returns ``None`` for ``None`` and for text that is empty after trimming, so that a field
    the page does not show is never ``""``.
    """
    if text is None:
        return None
    return clean_str(text) or None


def clean_str(text: str) -> str:
    """Like :func:`clean` but always returns a string (``""`` for blank input)."""
    # Four substring tests cost a tenth of one regex search, and nearly every text is clean.
    if "\u00ad" in text or "\u200b" in text or "\u2060" in text or "\ufeff" in text:
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


def strip_final_period(text: str) -> str:
    """Remove one sentence-final period (not an ellipsis)."""
    if text.endswith(".") and not text.endswith(".."):
        return text[:-1].rstrip()
    return text


_TERMINAL = tuple('.!?:;…"”»\'')


def ends_like_sentence(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


_MOJIBAKE = ("Ã¦", "Ã¸", "Ã¥", "Ã˜", "Ã…", "Ã†")


def looks_mis_encoded(text: str) -> bool:
    """Encoding damage: U+FFFD, UTF-8 read as Latin-1 (``Ã¸``), or ``?`` where a letter, quote
    or dash belongs — inside a word (``ITEK?s``), opening one (``?kun?``) or alone between
    spaces (``ITB. ? Men``). A question mark ending a sentence is not damage."""
    if "\ufffd" in text or ("Ã" in text and any(m in text for m in _MOJIBAKE)):
        return True
    i = text.find("?")
    while i >= 0:
        after = text[i + 1:i + 2]
        before = text[i - 1:i] if i else " "
        if after.isalpha() and (before.isspace() or (before.isalpha() and after.islower())):
            return True
        if after == " " and before == " ":  # "ITB. ? Men": a dash lost
            return True
        i = text.find("?", i + 1)
    return False
