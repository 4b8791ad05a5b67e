"""The article's title and genre, and where the article ends (see docs/extraction-rules.md,
Article: ``title``, ``genre``, ``body``).

* ``title``: an ``<h1>`` (one matching the metadata title first), else the visible line equal
  to JSON-LD ``headline``/``og:title``/``<title>`` (site suffix `` | Computerworld`` or
  `` - Computerworld`` removed), else that metadata value itself; a bare site name is no
  title (it is the logo);
* ``genre``: a leading label with a colon on the title or lead (``Morgenbriefing:``,
  ``Interview:``, ``Computerworld mener:`` …), or ``Interview`` without colon opening the lead;
* the article ends at the first ``<h1>`` outside the ``<article>``/``<main>`` holding the title
  (another article, appended by infinite scroll).
"""

from __future__ import annotations

import re

from crawler.normalize.text import clean
from crawler.parsers.article.evidence import votes
from crawler.parsers.html.lines import Line
from crawler.parsers.html.metadata import Metadata

GENRES = ("Computerworld mener", "CW for 10 år siden", "Morgen-briefing", "Morgenbriefing",
          "Interview", "Kommentar", "Leder", "Bakspejlet", "Computerviews", "Analyse", "Debat",
          "Klumme", "Anmeldelse")
_GENRE = re.compile(r"^(?P<genre>" + "|".join(re.escape(g) for g in GENRES) + r")\s*:")
_INTERVIEW = re.compile(r"^Interview\s+[A-ZÆØÅ]")
SITE_SUFFIX = re.compile(r"\s*[|\-–]\s*Computerworld(?:\.dk)?\s*$", re.IGNORECASE)
SITE_NAMES = frozenset({"computerworld", "computerworld.dk", "computerworld danmark"})


def strip_site_suffix(title: str | None) -> str | None:
    if not title:
        return None
    if "computerworld" not in title.lower():  # spares most titles the unanchored search
        return clean(title)
    return clean(SITE_SUFFIX.sub("", title))


def genre_of(title: str | None, lead: str | None) -> str | None:
    """The genre label opening the title or the lead (without its colon)."""
    for text in (title, lead):
        m = _GENRE.match(text) if text else None
        if m:
            return m["genre"]
    if lead and _INTERVIEW.match(lead):
        return "Interview"
    return None


def _same_title(text: str, wanted: list[str]) -> bool:
    folded = text.casefold()
    for want in wanted:
        w = want.casefold()
        if folded == w or (len(w) >= 20 and len(folded) >= 20
                           and (folded.startswith(w) or w.startswith(folded))):
            return True
    return False


def find_title(lines: list[Line], meta: Metadata, widget_lines: set[int]) -> int | None:
    """Position of the title line: an ``<h1>`` matching the metadata title, else a line equal
    to it, else the first ``<h1>`` (in an article first) that is not the site's name.

    Lines in boxes named as non-body text (a teaser rail repeating the headline) are no
    candidates for the second rule; among several candidates of a rule, one that article text
    follows (a line long enough to vote for the body, before the next ``<h1>``) wins.
    """
    wanted = [t for t in (strip_site_suffix(v) for v in (
        meta.ld("headline"), meta.first("og:title", "twitter:title"),
        meta.title_tag)) if t and t.casefold() not in SITE_NAMES]
    h1s = [n for n, ln in enumerate(lines) if ln.tag == "h1" and ln.index not in widget_lines]
    found = _followed_by_text(lines, [n for n in h1s if _same_title(lines[n].text, wanted)])
    if found is not None:
        return found
    found = _followed_by_text(lines, [
        n for n, ln in enumerate(lines) if ln.index not in widget_lines and not ln.in_noise
        and len(ln.text) >= 10 and _same_title(ln.text, wanted)])
    if found is not None:
        return found
    h1s = [n for n in h1s if lines[n].text.casefold() not in SITE_NAMES]
    in_article = [n for n in h1s if lines[n].in_article]
    return _followed_by_text(lines, in_article or h1s)


TEXT_LOOKAHEAD = 60  # lines after a title candidate searched for article text


def _followed_by_text(lines: list[Line], candidates: list[int]) -> int | None:
    """The first candidate that article text follows before the next ``<h1>``, else the
    first candidate; ``None`` without candidates."""
    if len(candidates) < 2:
        return candidates[0] if candidates else None
    for n in candidates:
        for k in range(n + 1, min(len(lines), n + 1 + TEXT_LOOKAHEAD)):
            line = lines[k]
            if line.tag == "h1":
                break
            if votes(line) and not line.in_noise:
                return n
    return candidates[0]


def article_end(lines: list[Line], title_pos: int, widget_lines: set[int]) -> int:
    """Where the article ends: at the first ``<h1>`` after the title that lies outside the
    ``<article>``/``<main>`` holding the title — another article, appended to the page by
    infinite scroll. An ``<h1>`` inside it (HTML5 sections, a misused subheading) does not end
    it, and without such an element nothing ends it here."""
    element = lines[title_pos].element
    container = next((a for a in element.iterancestors() if a.tag in ("article", "main")),
                     None) if element is not None else None
    if container is None:
        return len(lines)
    for n in range(title_pos + 1, len(lines)):
        line = lines[n]
        if line.tag == "h1" and line.index not in widget_lines and line.element is not None \
                and not any(a is container for a in line.element.iterancestors()):
            return n
    return len(lines)


def title_from_metadata(meta: Metadata) -> str | None:
    """The title when no line of the page is it: JSON-LD ``headline``, ``og:title`` or
    ``<title>`` without the site suffix; ``None`` for a bare site name."""
    title = strip_site_suffix(meta.ld("headline") or meta.first("og:title") or meta.title_tag)
    if title and title.casefold() in SITE_NAMES:
        return None  # a bare site name is no title
    return title
