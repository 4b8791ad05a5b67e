"""People news ("Navnenyt fra it-Danmark"): finding and reading entries (see
docs/extraction-rules.md, Widgets: People news).

A Navnenyt block is a heading followed by entries. An entry is one paragraph ending in a label
(``Nyt job`` → ``new_job``, ``Færdiggjort uddannelse`` → ``completed_education``,
``Forfremmelse`` → ``promotion``; any other short trailing label → ``other``, kept as printed),
optionally followed by a footer: the person's name and the organisation, one line each.
The sentences themselves are read by :mod:`crawler.parsers.widgets.people_templates`.

Markup understood by :func:`parse_people_block` (it sees the page as flattened lines, the lines
of one ``people_news`` segment; :func:`read_entries` reads such lines without the heading):

* one element per entry (``<p>``, ``<li>``, ``<article>`` cards), entries as ``<br>``-separated
  text in one element, and pre-formatted text (``Læses lige nu``, 4-space indentation);
* the label as trailing text, in its own inline element (same line) or in its own block
  element (a line holding only the label, after the entry);
* entries with or without the two footer lines; without them the next entry may follow on the
  very next line. Footer lines are taken only when the first equals the entry's person
  (case- and whitespace-insensitive); otherwise they are left alone;
* several entries run together in one line (inline-only markup, collapsed text): the line is
  split after each known label that ends a sentence, and a footer glued to the start of the
  next entry (``… Nyt job Jens Hansen Firma A/S Næste Firma har pr. …``) is peeled off;
* an entry wrapped over several lines: the lines since the previous entry are joined when the
  labelled line alone fits no template;
* lines that belong to no entry (a "Se alle" link, page chrome, orphaned footers) are skipped,
  except that a line which fits an entry template but lost its label still becomes a record,
  labelled from its template, with the warning ``people_news_label_missing`` (and
  ``truncated`` when it stops mid-sentence, as stored text copies do).

An entry with a known label that fits no template still becomes a record (``text``, ``kind``,
``label``, warning ``people_news_unparsed``). An unknown label is only believed when the text
fits a template: otherwise the "label" is just the end of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from crawler.normalize.text import clean, clean_str
from crawler.parsers.html.lines import Line
from crawler.parsers.widgets.contract import Segment, WidgetContext
from crawler.parsers.widgets.people_templates import TEMPLATE_LABELS, EntryFields, read_entry
from crawler.parsers.widgets.segments import heading_kind
from crawler.records import PeopleKind, PeopleNews
from crawler.records.vocabulary import WarningCode

KNOWN_LABELS: dict[str, PeopleKind] = {
    "Nyt job": "new_job",
    "Færdiggjort uddannelse": "completed_education",
    "Forfremmelse": "promotion",
}
_KIND_BY_LABEL = {label.casefold(): kind for label, kind in KNOWN_LABELS.items()}
_LABEL_ENDINGS = tuple(KNOWN_LABELS)
_LABEL_ALTERNATIVES = "|".join(map(re.escape, KNOWN_LABELS))
_CLOSERS = r".!?…,;:)\]”\"’»"
_KNOWN_TAIL = re.compile(
    r"(?:^|(?<=[\s" + _CLOSERS + r"]))(?P<label>" + _LABEL_ALTERNATIVES + r")\s*$")
# A label inside a line ends an entry only after a sentence end (". Nyt job Næste …"). The
# sentence end is matched, not looked behind for: two look-behinds tried at every character
# cost 4× as much (callers use only the label's end and the match's end).
_INNER_LABEL = re.compile(
    r"[.!?…][”\"’»)]?\s*(?P<label>" + _LABEL_ALTERNATIVES + r")\s+(?=\S)")
_UNKNOWN_TAIL = re.compile(
    r"[.!?)\]”\"’»…]\s+(?P<label>[A-ZÆØÅ][^\W\d_]*(?:[ -][^\W\d_]+){0,2})\s*$")
# Words of a sentence, not of a label: a cut-off "… Han skal" is no label.
_SENTENCE_WORDS = frozenset(
    "han hun de det den vi jeg er har skal kommer var blev bliver som fra med til og hos ved "
    "på af sig en et der".split())
MAX_UNKNOWN_LABEL = 30
TAIL_WINDOW = 48  # labels sit at the very end of a paragraph: search only there
MAX_ENTRY_CHARS = 2000  # lines since the previous entry are joined up to this length
_SENTENCE_CLOSE = tuple(".!?…”\"’»)")
UNPARSED: Final[WarningCode] = "people_news_unparsed"
LABEL_MISSING: Final[WarningCode] = "people_news_label_missing"
TRUNCATED: Final[WarningCode] = "truncated"


def _known_tail(text: str) -> re.Match[str] | None:
    # The search tries the pattern at each of the last TAIL_WINDOW characters (~4 µs a line);
    # most lines do not even end with a label.
    if not text.rstrip().endswith(_LABEL_ENDINGS):
        return None
    return _KNOWN_TAIL.search(text, max(0, len(text) - TAIL_WINDOW))


def kind_of(label: str) -> PeopleKind:
    return _KIND_BY_LABEL.get(label.casefold(), "other")


def split_label(paragraph: str) -> tuple[str, str | None]:
    """(entry text, label) of a paragraph; the label is ``None`` when it has none.

    A known label is found after a space or punctuation (``"… tjenerfaget,. Nyt job"``); a line
    holding only a known label gives ``("", label)``. An unknown label is a capitalised tail of
    1–3 words (≤ 30 characters, no digits, no sentence words such as ``Han``/``skal``) after
    sentence-final punctuation: ``"… i 25 år. Jubilæum"``.
    """
    text = clean_str(paragraph)
    if text.casefold() in _KIND_BY_LABEL:
        return "", text
    m = _known_tail(text)
    if m:
        return text[:m.start()].strip(), m["label"]
    # An unknown label ends in a letter: text ending in punctuation is spared the search.
    m = _UNKNOWN_TAIL.search(text, max(0, len(text) - TAIL_WINDOW)) \
        if text[-1:].isalnum() else None
    if m and len(m["label"]) <= MAX_UNKNOWN_LABEL and not any(
            w.casefold() in _SENTENCE_WORDS for w in re.split(r"[ -]", m["label"])):
        return text[:m.start("label")].strip(), m["label"]
    return text, None


def _fold(text: str | None) -> str:
    return clean_str(text or "").casefold()


def match_footer(person: str | None, footer: Sequence[str]) -> tuple[str | None, str | None]:
    """(footer_person, footer_organization): the footer lines when the first is the person."""
    lines = [clean(line) for line in footer[:2]]
    if not person or not lines or lines[0] is None or _fold(lines[0]) != _fold(person):
        return None, None
    return lines[0], lines[1] if len(lines) > 1 else None


def _record(text: str, label: str, fields: EntryFields, *, source_url: str, fetched_at: str,
            url: str | None, footer: Sequence[str] = (),
            warnings: Sequence[str] = ()) -> PeopleNews:
    footer_person, footer_org = match_footer(fields.person, footer)
    return PeopleNews(
        source_url=source_url, fetched_at=fetched_at,
        warnings=[*fields.warnings, *warnings], kind=kind_of(label), label=label,
        person=fields.person, age=fields.age, organization=fields.organization,
        role=fields.role, effective_date=fields.effective_date,
        effective_date_raw=fields.effective_date_raw, location=fields.location,
        previous_role=fields.previous_role, previous_employer=fields.previous_employer,
        education=fields.education, institution=fields.institution, text=text,
        footer_person=footer_person, footer_organization=footer_org, url=url)


def parse_people_entry(text: str, label: str = "Nyt job", footer: tuple[str, ...] = (), *,
                       source_url: str = "", fetched_at: str = "1970-01-01T00:00:00Z",
                       url: str | None = None) -> PeopleNews:
    """One people-news record from an entry's stored text — for re-parsing saved entries.

    ``text`` is the entry paragraph, normally without its label; when it still ends with a
    known label (``"… Nyt job"``) that printed label is split off and used instead of
    ``label``. ``label`` is kept as printed; ``Nyt job``, ``Færdiggjort uddannelse`` and
    ``Forfremmelse`` give the kinds ``new_job``, ``completed_education``, ``promotion``, any
    other label ``other``. ``footer`` is the lines after the entry (person, organisation);
    they become ``footer_person``/``footer_organization`` only when the first equals the
    entry's person. Whitespace is folded in every value, nothing else is rewritten.

    The phrasings understood are listed in :mod:`crawler.parsers.widgets.people_templates`. The
    standard date ``pr. 2. februar 2026`` is read by a regex (``dateparser`` is used only for
    other phrasing after ``pr.``); an unreadable date keeps ``effective_date_raw`` and warns
    ``date_unparsed``; no date at all gives ``null``. Never raises on odd text: an entry that
    fits no template still becomes a record holding what could be read, with the warning
    ``people_news_unparsed``.

    >>> r = parse_people_entry("Fjordnet A/S har pr. 19. januar 2026 ansat Birgitte Kaalund, "
    ...                        "55 år,  som Seniorkonsulent ved Fjordnet's kontor i Vejle.")
    >>> r.person, r.age, r.role, r.location, r.effective_date
    ('Birgitte Kaalund', 55, 'Seniorkonsulent', 'Vejle', '2026-01-19')
    """
    body = clean_str(text)
    printed = _known_tail(body)
    if printed and body[:printed.start()].strip():
        body, label = body[:printed.start()].strip(), printed["label"]
    label = clean_str(label) or "Nyt job"
    return _record(body, label, read_entry(body), source_url=source_url, fetched_at=fetched_at,
                   url=url, footer=footer)


# --- blocks ----------------------------------------------------------------------------------


@dataclass
class _Piece:
    """A line of the block, or part of a line that held several entries."""

    text: str
    line: Line
    split: bool = False  # cut from a longer line after a label


def _pieces(lines: Sequence[Line]) -> list[_Piece]:
    pieces = []
    for line in lines:
        text, start, cut = line.text, 0, False
        for m in _INNER_LABEL.finditer(text):
            pieces.append(_Piece(text[start:m.end("label")].strip(), line, cut))
            start, cut = m.end(), True
        pieces.append(_Piece(text[start:].strip(), line, cut))
    return [p for p in pieces if p.text]


def _url(pieces: Sequence[_Piece]) -> str | None:
    return next((p.line.url for p in pieces if p.line.url), None)


def _fits(fields: EntryFields) -> bool:
    return UNPARSED not in fields.warnings


class _BlockReader:
    """Walks the pieces of one block once, emitting records in page order."""

    def __init__(self, lines: Sequence[Line], context: WidgetContext) -> None:
        self.pieces = _pieces(lines)
        self.source_url, self.fetched_at = context.source_url, context.fetched_at
        self.records: list[PeopleNews] = []
        self.pending: list[_Piece] = []

    def read(self) -> list[PeopleNews]:
        i = 0
        while i < len(self.pieces):
            piece = self.pieces[i]
            body, label = split_label(piece.text)
            record = self._entry(piece, body, label) if label is not None else None
            if record is None:
                if label is None or body:
                    self.pending.append(piece)
                i += 1
                continue
            i = self._footer(record, i + 1)
            self.records.append(record)
        self._orphans(self.pending)
        return self.records

    def _entry(self, piece: _Piece, body: str, label: str) -> PeopleNews | None:
        """The record for a labelled piece, built from it and/or the pending lines."""
        pending = self.pending
        own = [_Piece(body, piece.line)] if body else []
        options = [own] if own else []
        for k in range(1, len(pending) + 1):
            option = pending[-k:] + own
            if sum(len(p.text) for p in option) > MAX_ENTRY_CHARS:
                break
            options.append(option)
        chosen, fields = None, None
        for option in options:
            fields = read_entry(" ".join(p.text for p in option))
            if _fits(fields):
                chosen = option
                break
        known = label.casefold() in _KIND_BY_LABEL
        if chosen is None:
            if not known or not options:
                return None
            chosen = options[0]
            fields = read_entry(" ".join(p.text for p in chosen))
        assert fields is not None
        if not known and fields.person and label.split()[0] in fields.person.split():
            return None  # "… Rasmus" cut after a first name, not a label
        self._orphans(pending[:len(pending) - len(chosen) + len(own)])
        self.pending = []
        text = clean_str(" ".join(p.text for p in chosen))
        return _record(text, label, fields, source_url=self.source_url,
                       fetched_at=self.fetched_at, url=_url(chosen))

    def _footer(self, record: PeopleNews, i: int) -> int:
        """Attach the footer after ``record`` if there is one; the index after it."""
        after = []
        for piece in self.pieces[i:i + 2]:
            labelled = _known_tail(piece.text) or piece.text.casefold() in _KIND_BY_LABEL
            if piece.split or labelled:
                break
            after.append(piece.text)
        person, org = match_footer(record.person, after)
        if person is not None:
            record.footer_person, record.footer_organization = person, org
            return i + (2 if org is not None else 1)
        if i < len(self.pieces) and self.pieces[i].split and record.person:
            self._peel_footer(record, self.pieces[i])
        return i

    @staticmethod
    def _peel_footer(record: PeopleNews, piece: _Piece) -> None:
        """``"Jens Hansen Firma A/S Næste Firma har …"``: take the footer off the next entry."""
        text, found = piece.text, dict[str, str]()
        for value, attr in ((record.person, "footer_person"),
                            (record.organization, "footer_organization")):
            if not value or not (text.casefold() + " ").startswith(value.casefold() + " "):
                break
            found[attr] = text[:len(value)]
            text = text[len(value):].lstrip()
        if found and (not text or split_label(text)[0]):  # the next entry keeps its text
            for attr, value in found.items():
                setattr(record, attr, value)
            piece.text = text

    def _orphans(self, pieces: Sequence[_Piece]) -> None:
        """Lines that belong to no labelled entry: keep those that are entries without label."""
        for piece in pieces:
            fields = read_entry(piece.text)
            if fields.template not in TEMPLATE_LABELS:
                continue
            warnings: list[str] = [LABEL_MISSING]
            if not piece.text.endswith(_SENTENCE_CLOSE):
                warnings.append(TRUNCATED)
            self.records.append(_record(
                piece.text, TEMPLATE_LABELS[fields.template], fields, warnings=warnings,
                source_url=self.source_url, fetched_at=self.fetched_at, url=piece.line.url))


def parse_people_block(segment: Segment, context: WidgetContext) -> list[PeopleNews]:
    """Every entry of one Navnenyt block (a ``people_news`` segment), in page order."""
    return read_entries(segment.lines[1:], context)


def read_entries(lines: Sequence[Line], context: WidgetContext) -> list[PeopleNews]:
    """Every entry among ``lines`` (a Navnenyt block without its heading), in page order."""
    return _BlockReader(lines, context).read()


def parse_people_text(text: str, source_url: str = "",
                      fetched_at: str = "1970-01-01T00:00:00Z") -> list[PeopleNews]:
    """Every entry of a Navnenyt block given as plain text (a stored text copy of a page).

    One line per paragraph; blank lines and indentation (``Læses lige nu``) are ignored. When
    the text holds a ``Navnenyt fra it-Danmark`` heading, reading starts after it and stops at
    the next widget heading (``Computerworld Events``, ``Annonceindlæg …``, …).
    """
    folded = [(n, raw, clean_str(raw)) for n, raw in enumerate(text.splitlines())]
    lines = [Line(text=line, tag="p", index=n, indent=len(raw) - len(raw.lstrip()))
             for n, raw, line in folded if line]
    kinds = [heading_kind(line) for line in lines]
    start = next((n + 1 for n, kind in enumerate(kinds) if kind == "people_news"), 0)
    end = next((n for n in range(start, len(lines)) if kinds[n] not in (None, "people_news")),
               len(lines))
    return read_entries(lines[start:end], WidgetContext(source_url, fetched_at))


__all__ = ["KNOWN_LABELS", "kind_of", "match_footer", "parse_people_block", "parse_people_entry",
           "parse_people_text", "read_entries", "split_label"]
