"""Related links: the "read more" pointers inside an article body (see docs/extraction-rules.md,
Related links).

The body reader (:mod:`crawler.parsers.article.body`) asks :func:`match_related` about each of
its lines and keeps the matches; :func:`related_links` makes them records.

Understood phrasings (the cue is the printed text before the colon):

* ``Læs mere om det her: <titel>``, ``Læs også: <titel>``, ``Læs: <titel>``, ``Læs mere:
  <titel>``, ``Det/Den kan du læse mere om her: <titel>``, ``Du kan læse mere om <emne> her:
  <titel>``, ``Læs mere om <emne> her: "<titel>"`` (quotes kept);
* any short clause ending in `` her`` or ``i denne artikel`` — or holding ``læs``/``her``/
  ``artikel`` — before a colon, when what follows the colon is a link's text
  (``Hvordan nordmændene gør, kan du læse i denne artikel: <titel>.``);
* ``Læs også:`` (or ``Læs også: ¨``) alone, followed by 1–6 lines that are links — in the same
  element after ``<br>``s or in the next elements: one pointer per line, same cue;
* link-only sentences whose link sits on "her" (``Det kan du læse mere om her.``, ``Du kan
  læse mere om hans exit ved at klikke her.``, ``(som du kan læse her)``): ``title`` is null,
  the cue is the sentence without its final period. When such a sentence is part of a longer
  paragraph, the paragraph stays in the body;
* a sentence ending in ``her:``, ``i denne artikel:`` or ``i artiklen:`` (``Du kan følge
  debatten her:``) with linked titles on the next lines: one pointer per line, the sentence
  without its colon as the cue; without a link after it, it is ordinary text;
* any other ``Læs …:`` line ending in its colon (``Læs også Computerworld-journalist Mads
  Holms:``) is such a cue too: the linked lines after it are its pointers;
* ``Læs mere:`` (or such a cue) with nothing linked after it: no pointer, and not body text
  either.
* ``Læs også``, ``Læs mere``, ``Se også``, ``Relaterede artikler``, ``Relateret`` without a
  colon (a heading or a bold label): a cue when the next lines are links, or when the rest of
  the line is a link's text (``<strong>Læs også</strong> <a>…</a>``); otherwise ordinary text.

Titles lose one sentence-final ``.`` (not an ellipsis) and a stray ``¨``; quotes are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.normalize import urls
from crawler.normalize.text import clean, strip_final_period
from crawler.parsers.html.lines import Line
from crawler.records import RelatedLink

_KNOWN_CUE = re.compile(
    r"^(?P<cue>Læs mere om det her|Læs også|Læs mere|Læs|Se også|Det kan du læse mere om her|"
    r"Den kan du læse mere om her|Du kan læse mere om [^:]{1,80}? her|"
    r"Læs mere om [^:]{1,80}? her)\s*:\s*(?P<title>.*)$",
    re.DOTALL | re.IGNORECASE,
)
_BARE_CUE = re.compile(r"^(?P<cue>Læs\b[^:.!?]{1,100}?)\s*:\s*¨?$")
# A sentence that ends pointing at what follows ("Du kan følge debatten her:"): a cue when
# the next lines are links.
_HER_CUE = re.compile(r"^(?P<cue>[^:]{3,200}?\b(?:her|i denne artikel|i artiklen))\s*:\s*¨?$",
                      re.IGNORECASE)
# The same labels without their colon (a heading or a <strong> label): a cue only when what
# follows is linked — the next lines, or the rest of the line.
_LABEL = re.compile(r"^(?P<cue>Læs også|Læs mere|Se også|Relaterede artikler|Relateret)"
                    r"(?:\s+(?P<title>\S.*))?$", re.DOTALL | re.IGNORECASE)
_OPEN_CUE = re.compile(r"^(?P<cue>[^:]{3,160}?)\s*:\s*(?P<title>.+)$", re.DOTALL)
_CUE_WORDS = re.compile(r"\b(?:her|læs\w*|artik\w*|historie\w*)\b", re.IGNORECASE)
_HER = re.compile(r"\bher\b", re.IGNORECASE)
_LINK_ONLY = re.compile(r"\bher\s*[.!)]?\s*\)?\.?$", re.IGNORECASE)
# One sentence (a run up to and including its end mark). The first one holding "her" is the
# link's sentence; a single pattern [^.!?]*\bher\b[^.!?]*[.!?]? finds the same text but is
# quadratic (~200 µs on a paragraph whose first sentences lack "her").
_SENTENCE = re.compile(r"[^.!?]*[.!?]?")
_STRAY = "¨"
_QUOTES = "\"'“”„«»’"
MAX_LIST = 6


@dataclass
class RelatedMatch:
    """One related link found in the body, before it becomes a record."""

    cue: str
    title: str | None
    url: str | None
    consumed: int  # how many lines (this one included) the pointer took from the body
    keep_in_body: bool = False


def _title_url(line: Line, title: str) -> str | None:
    for href, text in line.links:
        if text and (text in title or title in text):
            return href
    return line.url or (line.links[-1][0] if line.links else None)


def _clean_title(raw: str) -> str | None:
    title = clean(raw.replace(_STRAY, " "))
    if title is None:
        return None
    return clean(strip_final_period(title))


def _bare(text: str) -> str:
    return strip_final_period(text.strip()).strip(_QUOTES + " ").casefold()


def _is_link_line(line: Line) -> bool:
    if not line.links and not line.anchor:
        return False
    linked = " ".join(text for _, text in line.links) if line.links else line.text
    return len(linked) >= 0.6 * len(line.text)


# What may follow a title's link in a list: a date in brackets or after a dash.
_DATED = re.compile(r"^(?:[(\[][^()\[\]]*\b(?:19|20)\d\d[)\]]|[-–]\s*[0-3]?\d\.\s*\w+\.?\s+"
                    r"(?:19|20)\d\d)\.?$")


def _item_title(line: Line) -> str:
    """A list item's title: the line, or its one link's text when the rest is only a date
    (``Titel (12. januar 2022)``)."""
    if len(line.links) == 1 and line.links[0][1]:
        link_text = line.links[0][1]
        rest = line.text.replace(link_text, "", 1).strip()
        if rest and _DATED.match(rest):
            return link_text
    return line.text


def _list_after(lines: list[Line], i: int, cue: str) -> list[RelatedMatch]:
    """``Læs også:`` alone: the linked titles on the following lines."""
    found: list[RelatedMatch] = []
    j = i + 1
    while j < len(lines) and len(found) < MAX_LIST and _is_link_line(lines[j]) and \
            len(lines[j].text) <= 250:
        item = lines[j]
        url = item.url or item.links[0][0]
        card = item.anchor is not None and not item.links  # a line of a card link
        if not (card and found and found[-1].url == url and lines[j - 1].anchor == url):
            found.append(RelatedMatch(cue, _clean_title(_item_title(item)), url, 0))
        j += 1
    if found:
        found[0].consumed = j - i
        return found
    return [RelatedMatch("", None, None, 1)]  # a dangling cue: no record, not body text


def match_related(lines: list[Line], i: int) -> list[RelatedMatch]:
    """Related links starting at body line ``i``; empty when the line is ordinary text.

    The first match's ``consumed`` says how many lines to drop from the body (a ``Læs
    også:`` list takes its title lines with it); ``keep_in_body`` marks a link-only sentence
    inside a longer paragraph.
    """
    line = lines[i]
    text = line.text
    if len(text) > 400:
        return []
    known = _KNOWN_CUE.match(text)
    if known:
        cue = known["cue"].strip()
        title = _clean_title(known["title"])
        if title:
            return [RelatedMatch(cue, title, _title_url(line, title), 1)]
        return _list_after(lines, i, cue)
    bare = _BARE_CUE.match(text)
    if bare:  # "Læs også Computerworld-journalist Mads Holms:" with its titles on the next lines
        return _list_after(lines, i, bare["cue"].strip())
    her_cue = _HER_CUE.match(text) if text.endswith((":", "¨")) else None
    if her_cue and i + 1 < len(lines) and _is_link_line(lines[i + 1]):
        return _list_after(lines, i, her_cue["cue"].strip())
    label = _LABEL.match(text)
    if label:
        cue = label["cue"]
        if label["title"] is None:
            if i + 1 < len(lines) and _is_link_line(lines[i + 1]):
                return _list_after(lines, i, cue)
        else:
            title = _clean_title(label["title"])
            if title and any(t and _bare(t) == _bare(title) for _, t in line.links):
                return [RelatedMatch(cue, title, _title_url(line, title), 1)]
    if line.links and len(text) <= 300 and ":" in text:
        opened = _OPEN_CUE.match(text)
        if opened and _CUE_WORDS.search(opened["cue"]):
            title = _clean_title(opened["title"])
            if title and any(t and _bare(t) == _bare(title) for _, t in line.links):
                return [RelatedMatch(opened["cue"].strip(), title, _title_url(line, title), 1)]
    her_links = [href for href, t in line.links if t and _HER.search(t)]
    if her_links:
        if len(text) <= 200 and _LINK_ONLY.search(text) and text.count(". ") == 0:
            sentence = text.strip()
            if sentence.startswith("(") and sentence.endswith(")"):
                sentence = sentence[1:-1]
            return [RelatedMatch(strip_final_period(sentence.strip()), None, her_links[0], 1)]
        found = next((m.group(0) for m in _SENTENCE.finditer(text)
                      if _HER.search(m.group(0))), None)
        if found:
            sentence = found
            # "…, hvilket du kan læse mere om her." / "(som du kan læse her)": the clause.
            her = list(_HER.finditer(sentence))[-1].start()
            comma, paren = sentence.rfind(", ", 0, her), sentence.rfind("(", 0, her)
            cut = max(comma + 2 if comma >= 0 else 0, paren + 1 if paren >= 0 else 0)
            end = min((x for x in (sentence.find(")", her), sentence.find(",", her)) if x >= 0),
                      default=len(sentence))
            clause = sentence[cut:end].strip()
            cue = clean(strip_final_period(clause.strip()))
            if cue:
                return [RelatedMatch(cue, None, her_links[0], 0, keep_in_body=True)]
    return []


def related_links(matches: list[RelatedMatch], *, source_url: str, fetched_at: str,
                  article_id: int | None) -> list[RelatedLink]:
    """The records of the related links found in one article's body, ``position`` counting
    from 0 in page order; ``target_article_id`` from an ``/art/<id>`` URL."""
    return [RelatedLink(source_url=source_url, fetched_at=fetched_at, article_id=article_id,
                        position=n, cue=m.cue, title=m.title, url=m.url,
                        target_article_id=urls.article_id(m.url))
            for n, m in enumerate(matches)]
