"""Captions and credits of the hero picture (see docs/extraction-rules.md, Article: ``image``).

A caption is a ``<figcaption>``, the lines of a ``<figure>`` read together (caption and credit
in separate elements or ``<br>``-separated, in either order; the figure ends at the next image
or the hero marker, and its table cells and quotes are no caption), the line after the hero
marker ``Artikel top billede``, or any line of the forms :func:`parse_caption` reads, wherever
it stands. The first caption of the page is the hero's (:class:`Picture`); a picture further
down the body is left out of the body without captioning the hero (:func:`captions_the_hero`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.normalize.text import clean, strip_final_period
from crawler.parsers.html.lines import Line

HERO_MARKER = "Artikel top billede"  # the placeholder text of the hero image

# The site prints "Foto:"; "Arkivfoto:", "Illustration:" and "Grafik:" credit the same way —
# alone on a line only with a short credit ("Grafik: Antallet af angreb er steget." is text).
_CREDIT_LABEL = r"(?:Foto|Arkivfoto|Pressefoto|Illustration|Grafik)"
CAPTION_CREDIT = re.compile(r"\(\s*" + _CREDIT_LABEL + r"\s*:", re.IGNORECASE)
CAPTION_TAIL = re.compile(r"\(\s*" + _CREDIT_LABEL + r"\s*:.*\)\s*\.?$",
                          re.IGNORECASE | re.DOTALL)
PLAIN_CREDIT = re.compile(r"^Foto\s*:\s*(?P<credit>\S.{0,150})$|"
                          r"^(?:Arkivfoto|Pressefoto|Illustration|Grafik)\s*:\s*"
                          r"(?P<other>[^\s!?:][^!?:]{0,60})$", re.IGNORECASE)
_CREDIT_PARTICLES = frozenset({"og", "af", "for", "i", "von", "van", "de", "der", "/", "&", "-",
                               "–", "|"})
_PHOTO_CREDIT = re.compile(r"\bFoto\s*:", re.IGNORECASE)
# "Tekst. Foto: X" — a credit element glued to the caption without parentheses. Only in a
# figure or after the hero marker: in running text "… til brugernes foto: en ny knap" is prose.
TRAILING_CREDIT = re.compile(r"\s+(?:Foto|Arkivfoto|Illustration|Grafik)\s*:\s*"
                             r"(?P<credit>[^():]{1,80})$")


@dataclass
class Picture:
    """The hero picture as the page's lines show it (its URL from metadata comes first)."""

    caption: str | None = None
    credit: str | None = None
    caption_seen: bool = False  # the first caption was read: later ones are other pictures'
    image: str | None = None  # the <img> next to the hero marker or caption


def parse_caption(text: str) -> tuple[str | None, str | None]:
    """Caption and photo credit from a caption line.

    ``"Tekst (Foto: X)"`` → ``("Tekst", "X")``; ``"(Foto: X)"`` → ``(None, "X")``;
    ``"Foto: X."`` → ``(None, "X")``; ``"Foto: X. (Foto: X)"`` → ``(None, "X")``;
    ``"Tekst Foto: X (Foto: X)"`` → ``("Tekst", "X")``; ``"Tekst. Foto: X"`` → ``("Tekst.",
    "X")``. The credit is everything between ``(Foto:`` and the line's last ``)``, junk
    included (phone numbers, ``C)2015!``).
    """
    start = CAPTION_CREDIT.search(text)
    if start:
        end = text.rfind(")")
        credit = clean(text[start.end():end if end > start.start() else len(text)])
        caption = clean(text[:start.start()])
        if caption and credit:
            dup = re.search(r"\s*Foto\s*:\s*" + re.escape(credit) + r"\s*\.?$", caption,
                            re.IGNORECASE)
            if dup:
                caption = clean(caption[:dup.start()])
        return caption, credit
    plain = PLAIN_CREDIT.match(text)
    if plain and (plain["credit"] or _names_a_source(plain["other"])):
        return None, clean(strip_final_period(plain["credit"] or plain["other"]))
    trailing = TRAILING_CREDIT.search(text)
    if trailing:
        return clean(text[:trailing.start()]), clean(strip_final_period(trailing["credit"]))
    return clean(text), None


def credits_a_photo(text: str) -> bool:
    """A ``Foto:`` credit in the line (the site's own form, also at the end of a piece)."""
    return _PHOTO_CREDIT.search(text) is not None


def is_caption(line: Line) -> bool:
    """A caption/credit line by its form, wherever it sits."""
    text = line.text
    if line.tag == "figcaption":
        return True
    if len(text) > 400 or ("oto" not in text and "OTO" not in text and "Illustration" not in text
                           and "Grafik" not in text):
        return False
    if CAPTION_TAIL.search(text):
        return True
    if len(text) > 160:
        return False
    plain = PLAIN_CREDIT.match(text)
    return plain is not None and (plain["credit"] is not None
                                  or _names_a_source(plain["other"]))


def _names_a_source(text: str) -> bool:
    """A credit names people or agencies (``Jens C. Hansen``, ``Danmarks Statistik``): short,
    capitalised words — not a sentence (``Antallet af angreb er steget``)."""
    words = strip_final_period(text.strip()).split()
    return 0 < len(words) <= 8 and all(w[:1].isupper() or w[:1].isdigit()
                                       or w in _CREDIT_PARTICLES for w in words)


def take_caption(line: Line, text: str, picture: Picture) -> None:
    """Record ``text`` (a caption line) as the hero's caption unless one was read already."""
    if not picture.caption_seen:
        picture.caption_seen = True
        picture.caption, picture.credit = parse_caption(text)
        picture.image = picture.image or line.image


def figure_size(lines: list[Line], i: int) -> int:
    """How many lines the caption at ``lines[i]`` takes: one outside a ``<figure>``; in one,
    every line of the figure up to the next image or the hero marker."""
    if not lines[i].in_figure:
        return 1
    j = i + 1
    while j < len(lines) and lines[j].in_figure and lines[j].image is None \
            and not lines[j].text.startswith(HERO_MARKER):
        j += 1
    return j - i


def take_figure(lines: list[Line], i: int, picture: Picture, keep: bool = True) -> int:
    """Consume the caption at ``lines[i]``: a caption line by its form, or — when the line sits
    in a ``<figure>`` — every line of the figure, whatever their markup (caption and credit
    in two elements, ``<br>``-separated, credit first; see :func:`figure_size`). Its table
    cells and quotes are no caption. The first caption of the page is kept, and none with
    ``keep=False`` (a picture further down the body); returns how many lines were taken."""
    size = figure_size(lines, i)
    if not keep:
        return size
    line = lines[i]
    if not line.in_figure:
        take_caption(line, line.text, picture)
        return size
    figure = lines[i:i + size]
    for part in figure:
        picture.image = picture.image or part.image
    if not picture.caption_seen:
        captions: list[str] = []
        credit = None
        for part in figure:
            if part.tag in ("td", "th") or part.in_quote:
                continue
            caption, found = parse_caption(part.text)
            if caption and caption != HERO_MARKER:
                captions.append(caption)
            credit = credit or found
        if captions or credit:
            picture.caption_seen = True
            picture.caption, picture.credit = " ".join(captions) or None, credit
    return size


def _same_picture(a: str | None, b: str | None) -> bool:
    """Two URLs of one picture: the same path (a CDN may add sizes in the query)."""
    return bool(a and b) and urlsplit(a).path == urlsplit(b).path


def captions_the_hero(line: Line, picture: Picture, *, first: bool, hero: str | None) -> bool:
    """Whether a caption met inside the body container (at ``line``) is the hero's: the body
    has no block yet (``first``), it holds the hero marker, it is a figure showing the page's
    image ``hero`` (the same path; any figure when the page names no image at all), or it is a
    ``Foto:`` line outside a figure (first-person pieces end with the hero's credit)."""
    text = line.text
    return first or text.startswith(HERO_MARKER) or (line.in_figure and (
        _same_picture(line.image, hero) or (hero is None and picture.image is None))) or \
        (not line.in_figure and credits_a_photo(text))
