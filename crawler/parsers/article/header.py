"""The article header: what stands between the title and the body besides the lead.

Recognised by text cues (field guide §3–5), in whatever element they sit:

* the hero-image placeholder ``Artikel top billede`` (alone, or glued to what follows it);
* the caption/credit (a ``<figcaption>``, the lines of a ``<figure>`` read together, or any line
  of the forms below) — see :func:`parse_caption` and :func:`take_figure`;
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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.normalize import dates
from crawler.normalize.text import clean, strip_final_period
from crawler.parsers.html.lines import Line

HERO_MARKER = "Artikel top billede"
PREMIUM_MARKER = re.compile(r"^Premium\s*[:|–-]?\s*Kun for abonnenter\.?$", re.IGNORECASE)
PREMIUM_SUMMARY = re.compile(r"^Det får du i artiklen:?$", re.IGNORECASE)
BULLET = re.compile(r"^[•·▪●‣◦]\s*")
_WORDS = r"(?P<words>\d{1,3}(?:\.\d{3})+|\d{1,5})(?:\s*ord)?"
_MINUTES = r"(?P<min>\d{1,3})(?::(?P<sec>[0-5]\d))?\s*min\.?"
WORD_COUNT = re.compile(rf"^{_WORDS}$")
READING_TIME = re.compile(rf"^{_MINUTES}$")
WORDS_AND_TIME = re.compile(rf"^{_WORDS}\s*[·|/–-]?\s*{_MINUTES}$")

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


@dataclass
class Header:
    """What the top of the article holds besides title, lead and body."""

    caption: str | None = None
    credit: str | None = None
    caption_seen: bool = False
    image: str | None = None  # the <img> next to the hero marker or caption
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


def parse_caption(text: str) -> tuple[str | None, str | None]:
    """Caption and photo credit from a caption line (field guide §3.3).

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


def take_caption(line: Line, text: str, header: Header) -> None:
    if not header.caption_seen:
        header.caption_seen = True
        header.caption, header.credit = parse_caption(text)
        header.image = header.image or line.image


def take_figure(lines: list[Line], i: int, header: Header, keep: bool = True) -> int:
    """Consume the caption at ``lines[i]``: a caption line by its form, or — when the line sits
    in a ``<figure>`` — every line of the figure, whatever their markup (caption and credit
    in two elements, ``<br>``-separated, credit first). A figure ends where the next image or
    the hero marker starts; its table cells and quotes are no caption. The first caption of
    the page is kept, and none with ``keep=False`` (a picture further down the body); returns
    how many lines were taken."""
    line = lines[i]
    if not line.in_figure:
        if keep:
            take_caption(line, line.text, header)
        return 1
    j = i
    while j < len(lines) and lines[j].in_figure and (j == i or (
            lines[j].image is None and not lines[j].text.startswith(HERO_MARKER))):
        if keep:
            header.image = header.image or lines[j].image
        j += 1
    if keep and not header.caption_seen:
        captions: list[str] = []
        credit = None
        for part in lines[i:j]:
            if part.tag in ("td", "th") or part.in_quote:
                continue
            caption, found = parse_caption(part.text)
            if caption and caption != HERO_MARKER:
                captions.append(caption)
            credit = credit or found
        if captions or credit:
            header.caption_seen = True
            header.caption, header.credit = " ".join(captions) or None, credit
    return j - i


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
        header.image = header.image or line.image
        rest = text[len(HERO_MARKER):].strip()
        if rest:
            if PREMIUM_MARKER.match(rest):
                header.premium = True
            elif CAPTION_CREDIT.search(rest) or PLAIN_CREDIT.match(rest):
                take_caption(line, rest, header)
            return 1
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and not PREMIUM_MARKER.match(nxt.text) and \
                (is_caption(nxt) or nxt.in_figure and line.in_figure
                 or TRAILING_CREDIT.search(nxt.text) is not None):
            return 1 + take_figure(lines, i + 1, header)
        return 1
    if line.in_figure or is_caption(line):
        return take_figure(lines, i, header)
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
