"""The top of the article: the header items around the title, and the lead.

:func:`read_top` reads it in one pass: the header items just before the title (the hero marker
may stand there), or an RSS copy's ``date 2017-09`` line when there is no title; then, after
the title, header items, kicker lines and the lead, up to the first line of the body. The body
reader (:mod:`crawler.parsers.article.body`) leaves the header items it meets inside the body
container out of the body and hands them back (:class:`HeaderItem`); :func:`add_body_items`
records them. Nothing else writes a :class:`Header`.

Header items are recognised by text cues (see docs/extraction-rules.md, Article), in whatever
element they sit:

* the hero-image placeholder ``Artikel top billede`` (alone, or glued to what follows it);
* the caption/credit (a ``<figcaption>``, the lines of a ``<figure>`` read together, or any line
  of the forms of :func:`~crawler.parsers.article.captions.parse_caption`) — see
  :mod:`crawler.parsers.article.captions`;
* the premium box: ``Premium Kun for abonnenter``; ``Det får du i artiklen`` followed by
  ``•`` bullets (or ``<li>`` items), the word count (``1.120``, optionally ``ord``) and the
  reading time (``5:45 min``, ``9 min``) — also the two numbers on one line;
* bylines ``Af <navn>[ og <navn>][, <medie>][ <dato>]`` and ``Fortalt til: <navn>``, also with
  fields set apart by ``|``/``·`` (``Af <navn> | <medie> | <dato>``, ``<dato> · Af <navn>``);
* date lines ``Udgivet 6. marts 2017 kl. 10.02`` (also ``Publiceret``, ``Opdateret``,
  ``d. 27. oktober 2006``, a bare ``29. januar 2026 kl. 08.00``, ``2026-01-29 08:00``, several
  joined by ``|``), a line holding a ``<time datetime>``, and the RSS copies' ``date 2017-09``;
* the print-archive notice (``… trykte arkiv … d. 27. oktober 2006``) and a provenance note
  (``Artiklen blev første gang bragt på Alt om Data …``).

The lead is the first paragraph-like line after the title (not a link, not a heading, at least
30 characters or a full sentence; a hard line break inside it — a line of the same element
that does not end a sentence — is joined). Short kicker lines before the lead are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.normalize import dates
from crawler.normalize.text import clean, ends_like_sentence
from crawler.parsers.article.captions import (
    CAPTION_CREDIT,
    HERO_MARKER,
    PLAIN_CREDIT,
    TRAILING_CREDIT,
    Picture,
    captions_the_hero,
    is_caption,
    take_caption,
    take_figure,
)
from crawler.parsers.article.title import article_end
from crawler.parsers.html.lines import HEADING_TAGS, Line

PREMIUM_MARKER = re.compile(r"^Premium\s*[:|–-]?\s*Kun for abonnenter\.?$", re.IGNORECASE)
PREMIUM_SUMMARY = re.compile(r"^Det får du i artiklen:?$", re.IGNORECASE)
BULLET = re.compile(r"^[•·▪●‣◦]\s*")
_WORDS = r"(?P<words>\d{1,3}(?:\.\d{3})+|\d{1,5})(?:\s*ord)?"
_MINUTES = r"(?P<min>\d{1,3})(?::(?P<sec>[0-5]\d))?\s*min\.?"
WORD_COUNT = re.compile(rf"^{_WORDS}$")
READING_TIME = re.compile(rf"^{_MINUTES}$")
WORDS_AND_TIME = re.compile(rf"^{_WORDS}\s*[·|/–-]?\s*{_MINUTES}$")

BYLINE = re.compile(r"^(?:Af|Skrevet af)\s+(?P<names>[A-ZÆØÅ].{1,150})$")
TOLD_TO = re.compile(r"^Fortalt til\s*:?\s*(?P<names>[A-ZÆØÅ].{1,100})$", re.IGNORECASE)
_AND = re.compile(r"\s+og\s+|\s*&\s*")
_DIGIT = re.compile(r"\d")
_DATE_PARTS = re.compile(r"\s+(?:[|·]\s+|-\s+(?=[A-ZÆØÅ]))"
                         r"|(?<![Ss]enest),?\s+(?=(?:[Ss]enest\s+)?[Oo]pdateret\b)"
                         r"|,\s+(?=(?:[Pp]ubliceret|[Uu]dgivet)\b)")
_FIELDS = re.compile(r"\s+[|·•]\s+")
_NAME = re.compile(r"^[A-ZÆØÅ][\w.'’-]*(?:\s+(?:[A-ZÆØÅ][\w.'’-]*|von|van|de|der|la))*$")

_DATE = (r"(?:[0-3]?\d\.\s*[A-Za-zæøåÆØÅ]+\.?\s+|[0-3]?\d\.[01]?\d\.)(?:19|20)\d\d"
         r"(?:,?\s*(?:kl\.?\s*)?[0-2]?\d[.:][0-5]\d)?")
DATE_PART = re.compile(
    r"^(?:(?P<label>Udgivet|Publiceret|Offentliggjort|Opdateret|Senest opdateret|Bragt)"
    r"(?:\s+den|\s*:)?\s*)?(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag),?\s+)?"
    r"(?:d\.\s*|den\s+)?(?P<date>" + _DATE + r")\.?$", re.IGNORECASE)
ISO_PART = re.compile(
    r"^(?:(?P<label>Udgivet|Publiceret|Opdateret)\s*:?\s*)?"
    r"(?P<date>\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?)$",
    re.IGNORECASE)
DATE_IN_BYLINE = re.compile(r"[\s,|·–-]+(?P<date>" + _DATE + r")\s*$")
RSS_DATE = re.compile(r"^date\s+(?P<ym>\d{4}-\d\d)$")
ARCHIVE_DATE = re.compile(r"\bd\.\s*(?P<date>[0-3]?\d\.\s*[a-zæøå]+\s+(?:19|20)\d\d)")
ARCHIVE_NOTE = re.compile(r"\barkiv", re.IGNORECASE)
_AGE_NOTICE = re.compile(r"^(?:Denne artikel|Artiklen) er (?:over|mere end) \w+ år gammel\.?$",
                         re.IGNORECASE)
_READING_LABEL = re.compile(r"^Læsetid\s*:?\s*(?:ca\.\s*)?\d{1,3}(?::[0-5]\d)?\s*min(?:\.|utter)?$",
                            re.IGNORECASE)
PROVENANCE = re.compile(r"^(?:Artiklen|Denne artikel|Historien|Indlægget)\b", re.IGNORECASE)
_PROVENANCE_WHEN = re.compile(r"\b(?:først|første gang|oprindelig|oprindeligt)\b", re.IGNORECASE)
_PROVENANCE_VERB = re.compile(r"\b(?:bragt|publiceret|udgivet|offentliggjort)\b", re.IGNORECASE)
PRE_TITLE_LINES = 3  # "Artikel top billede" may stand just before the title
LEAD_MIN = 30


@dataclass
class Header:
    """What the top of the article holds besides title, lead and body."""

    picture: Picture = field(default_factory=Picture)  # the hero's <img>, caption and credit
    premium: bool = False
    summary: list[str] = field(default_factory=list)
    word_count: int | None = None
    reading_minutes: float | None = None
    authors: list[str] = field(default_factory=list)
    published_raw: str | None = None
    published: str | None = None
    modified_raw: str | None = None
    modified: str | None = None
    rss_month: str | None = None


def byline_names(text: str) -> list[str] | None:
    """Names of a byline (``Af A og B, Medie 3. februar 2026``), or ``None`` if not one."""
    m = BYLINE.match(text) or TOLD_TO.match(text)
    if not m:
        return None
    names = m["names"]
    stamp = DATE_IN_BYLINE.search(names)
    if stamp:
        names = names[:stamp.start()]
    parts = names.split(",")
    if len(parts) >= 2 and " og " not in parts[-1] and "&" not in parts[-1]:
        parts = parts[:-1]  # ", <medie>"
    found = [n.strip(" .") for part in parts for n in _AND.split(part)]
    found = [n for n in found if n]
    if not found or len(found) > 6 or not all(_NAME.match(n) and len(n.split()) <= 5
                                                for n in found):
        return None
    return found


def _date_part(text: str) -> tuple[str | None, str, str | None] | None:
    """(label, raw, ISO value) of one date part (``Udgivet 6. marts 2017 kl. 10.02``,
    ``2026-01-29 08:00``), or ``None``."""
    m = DATE_PART.match(text)
    value = dates.find_datetime(m["date"]) if m else None
    if m and value:
        return m["label"], clean(m["date"]) or m["date"], value
    m = ISO_PART.match(text)
    if m:
        return m["label"], m["date"], dates.to_copenhagen(m["date"])
    return None


def read_byline_fields(text: str, header: Header) -> bool:
    """A byline whose fields are set apart by ``|``, ``·`` or ``•`` (``Af A | Computerworld |
    3. februar 2026 kl. 08:15``, ``3. februar 2026 · Af A og B``): record its names and
    dates. Every field must be the byline, a date or a short name (the medium)."""
    if len(text) > 200 or not any(c in text for c in "|·•"):
        return False
    fields = [f for f in (f.strip() for f in _FIELDS.split(text)) if f]
    names = None
    found = []
    for part in fields:
        byline = byline_names(part) if names is None else None
        if byline is not None:
            names = byline
            continue
        stamp = _date_part(part)
        if stamp is not None:
            found.append(stamp)
        elif not (_NAME.match(part) and len(part.split()) <= 4):
            return False
    if names is None:
        return False
    header.authors = header.authors or names
    for label, raw, value in found:
        _set_date(header, label, raw, value)
    return True


def byline_date(text: str) -> str | None:
    stamp = DATE_IN_BYLINE.search(text)
    return stamp["date"] if stamp else None


def _set_date(header: Header, label: str | None, raw: str, value: str | None) -> None:
    if label and label.lower().endswith("opdateret"):
        if header.modified_raw is None:
            header.modified_raw, header.modified = raw, value
    elif header.published_raw is None:
        header.published_raw, header.published = raw, value


def read_date_line(text: str, header: Header) -> bool:
    """A line made only of date parts (``Udgivet … | Opdateret …``): record them."""
    # Every date part holds a digit; the split below costs ~10 µs a line.
    if len(text) > 120 or not _DIGIT.search(text):
        return False
    # A line without separator characters is one part: spare it the split (~5 µs).
    pieces = _DATE_PARTS.split(text) if any(c in text for c in "|·-,") or "pdateret" in text \
        else [text]
    parts = [p.strip() for p in pieces if p.strip()]
    found: list[tuple[str | None, str, str | None]] = []
    for part in parts:
        stamp = _date_part(part)
        if stamp is None:
            return False
        found.append(stamp)
    for label, raw, value in found:
        _set_date(header, label, raw, value)
    return bool(found)


def read_header_line(lines: list[Line], i: int, header: Header) -> int:
    """Consume the header item at ``lines[i]``; return how many lines it took (0: none)."""
    line = lines[i]
    text = line.text
    if text.startswith(HERO_MARKER):
        header.picture.image = header.picture.image or line.image
        rest = text[len(HERO_MARKER):].strip()
        if rest:
            if PREMIUM_MARKER.match(rest):
                header.premium = True
            elif CAPTION_CREDIT.search(rest) or PLAIN_CREDIT.match(rest):
                take_caption(line, rest, header.picture)
            return 1
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and not PREMIUM_MARKER.match(nxt.text) and \
                (is_caption(nxt) or nxt.in_figure and line.in_figure
                 or TRAILING_CREDIT.search(nxt.text) is not None):
            return 1 + take_figure(lines, i + 1, header.picture)
        return 1
    if line.in_figure or is_caption(line):
        return take_figure(lines, i, header.picture)
    if PREMIUM_MARKER.match(text):
        header.premium = True
        return 1
    if text == "Premium" and i + 1 < len(lines) and \
            lines[i + 1].text.casefold() == "kun for abonnenter":
        header.premium = True
        return 2
    if PREMIUM_SUMMARY.match(text):
        return _premium_summary(lines, i, header)
    if line.time and len(text) <= 120:
        # The machine-readable datetime beats the printed text; a byline may share the line.
        label = "Opdateret" if "opdateret" in text.lower() else None
        _set_date(header, label, line.time, dates.to_copenhagen(line.time))
        names = byline_names(text)
        if names is not None:
            header.authors = header.authors or names
        return 1
    if read_date_line(text, header):
        return 1
    if len(text) <= 160:
        names = byline_names(text)
        if names is not None:
            header.authors = header.authors or names
            stamp = byline_date(text)
            if stamp and header.published_raw is None:
                header.published_raw = clean(stamp)
                header.published = dates.find_datetime(stamp)
            return 1
    if read_byline_fields(text, header):
        return 1
    rss = RSS_DATE.match(text)
    if rss:
        header.rss_month = rss["ym"]
        return 1
    if is_note(text):
        archive = ARCHIVE_DATE.search(text) if ARCHIVE_NOTE.search(text) else None
        if archive and header.published_raw is None:
            header.published_raw = clean(archive["date"])
            header.published = dates.find_datetime(archive["date"])
        return 1
    return 0


def is_note(text: str) -> bool:
    """A print-archive notice, a provenance note ("Artiklen blev første gang bragt på …"), an
    age notice ("Denne artikel er over et år gammel") or a reading time ("Læsetid: 4 min.")."""
    if len(text) > 300:
        return False
    if len(text) <= 60 and (_AGE_NOTICE.match(text) or _READING_LABEL.match(text)):
        return True
    if "rkiv" in text and ARCHIVE_NOTE.search(text) and ARCHIVE_DATE.search(text):
        return True
    return bool(PROVENANCE.match(text) and _PROVENANCE_WHEN.search(text)
                and _PROVENANCE_VERB.search(text))


def _is_stats(text: str) -> bool:
    return bool(WORD_COUNT.match(text) or READING_TIME.match(text) or WORDS_AND_TIME.match(text))


def _premium_summary(lines: list[Line], i: int, header: Header) -> int:
    """``Det får du i artiklen``, its bullets, the word count and the reading time.

    Bullets are the lines up to the numbers (whatever their markup: ``•`` text, ``<li>``, plain
    lines when the ``•`` is hidden); without numbers, the ``•``/``<li>`` lines that follow.
    """
    stats = next((j for j in range(i + 1, min(i + 9, len(lines)))
                  if _is_stats(lines[j].text)), None)
    j = i + 1
    while j < len(lines) and len(lines[j].text) < 300 and (
            (stats is not None and j < stats) or BULLET.match(lines[j].text)
            or lines[j].tag == "li"):
        item = clean(BULLET.sub("", lines[j].text))
        if item:
            header.summary.append(item)
        j += 1
    if j < len(lines):
        both = WORDS_AND_TIME.match(lines[j].text)
        if both:
            header.word_count = int(both["words"].replace(".", ""))
            header.reading_minutes = int(both["min"]) + int(both["sec"] or 0) / 60
            return j + 1 - i
        words = WORD_COUNT.match(lines[j].text)
        if words:
            header.word_count = int(words["words"].replace(".", ""))
            j += 1
    if j < len(lines):
        minutes = READING_TIME.match(lines[j].text)
        if minutes:
            header.reading_minutes = int(minutes["min"]) + int(minutes["sec"] or 0) / 60
            j += 1
    return j - i


# --- the lead ----------------------------------------------------------------------------------

def _lead_like(line: Line) -> bool:
    text = line.text
    if line.tag == "li" or line.anchor is not None:
        return False
    if line.tag in HEADING_TAGS:  # a standfirst in an <h2>: long and a full sentence
        return len(text) >= 2 * LEAD_MIN and text.endswith((".", "!", "?", "”", '"'))
    return len(text) >= LEAD_MIN or ends_like_sentence(text)


def _same_element(a: Line, b: Line) -> bool:
    return a.element is not None and a.element is b.element


def _take_lead(zone: list[Line], k: int) -> tuple[str, int]:
    """The lead starting at ``zone[k]`` and the position after it."""
    line = zone[k]
    parts = [line.text]
    j = k + 1
    # A hard line break inside the lead (legacy pages): same element, sentence not ended.
    while j < len(zone) and not ends_like_sentence(parts[-1]) and _same_element(line, zone[j]):
        parts.append(zone[j].text)
        j += 1
    return " ".join(parts), j


# --- the top of the article, and the header items the body met --------------------------------

@dataclass
class ArticleTop:
    """What :func:`read_top` found: the header so far, the lead, and the lines after them."""

    header: Header
    lead: str | None
    rest: list[Line]  # the article's lines after the header and the lead: the body is there


def read_top(lines: list[Line], title_pos: int | None, widget_lines: set[int]) -> ArticleTop:
    """The header items and the lead of the article whose title is ``lines[title_pos]``
    (``None``: the page shows no title). ``rest`` runs to the article's end
    (:func:`~crawler.parsers.article.title.article_end`) without widget lines and ``<h1>``s."""
    header = Header()
    start = 0
    if title_pos is not None:
        before = [ln for ln in lines[max(0, title_pos - PRE_TITLE_LINES):title_pos]
                  if ln.index not in widget_lines]
        k = 0
        while k < len(before):
            k += read_header_line(before, k, header) or 1
        start = title_pos + 1
    else:
        # An RSS copy has no title: its text starts with " date 2017-09 " and then the lead.
        rss_pos = next((n for n, ln in enumerate(lines)
                        if ln.index not in widget_lines and RSS_DATE.match(ln.text)), None)
        if rss_pos is not None:
            read_header_line(lines, rss_pos, header)
            start = rss_pos + 1
    end = article_end(lines, title_pos, widget_lines) if title_pos is not None else len(lines)
    zone = [ln for ln in lines[start:end] if ln.index not in widget_lines and ln.tag != "h1"]
    lead = None
    k = 0
    while k < len(zone):
        taken = read_header_line(zone, k, header)
        if taken:
            k += taken
            continue
        line = zone[k]
        if lead is None and (title_pos is not None or header.rss_month is not None):
            if not _lead_like(line) and (len(line.text) < LEAD_MIN or line.anchor is not None):
                k += 1  # a kicker, label or tag link above the lead
                continue
            if _lead_like(line):
                lead, k = _take_lead(zone, k)
                continue
        break
    return ArticleTop(header, lead, zone[k:])


@dataclass(frozen=True)
class HeaderItem:
    """A header item the body reader met inside the body container and left out of the body."""

    lines: list[Line]  # the body container's lines
    at: int  # where the item starts in ``lines``
    caption: bool  # a figure or caption line (else the hero marker, premium box or RSS date)
    first: bool  # no body block came before it


def header_item_in_body(text: str) -> bool:
    """A line that opens a header item other than a caption where the body container holds
    it: the hero marker, the premium box, an RSS copy's date line."""
    return text.startswith(HERO_MARKER) or bool(PREMIUM_MARKER.match(text)) or \
        bool(PREMIUM_SUMMARY.match(text)) or bool(RSS_DATE.match(text))


def header_item_size(lines: list[Line], i: int) -> int:
    """How many lines the header item at ``lines[i]`` takes (0: none), recording nothing.

    What an item takes depends on the lines alone, never on what the header holds already:
    the body reader measures items with this and :func:`add_body_items` records them later.
    """
    return read_header_line(lines, i, Header())


def add_body_items(header: Header, items: list[HeaderItem], hero: str | None) -> None:
    """Record the header items met in the body, in page order: the hero marker, premium box
    and RSS date as above the body; a caption only when it is the hero's
    (:func:`~crawler.parsers.article.captions.captions_the_hero`, ``hero`` the page's image)."""
    for item in items:
        if item.caption:
            line = item.lines[item.at]
            keep = captions_the_hero(line, header.picture, first=item.first, hero=hero)
            take_figure(item.lines, item.at, header.picture, keep=keep)
        else:
            read_header_line(item.lines, item.at, header)
