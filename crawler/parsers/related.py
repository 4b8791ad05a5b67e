"""Related links: the "read more" pointers inside an article body (field guide §7).

Understood phrasings: ``Læs mere om det her: <titel>``, ``Læs også: <titel>`` (and ``Læs
også:`` followed by a list of linked titles on the next lines), ``Læs: <titel>``, ``Det/Den
kan du læse mere om her: <titel>``, ``Du kan læse mere om <emne> her: <titel>``, ``Læs mere om
<emne> her: "<titel>"``, ``… i denne artikel: <titel>.`` and other short ``… her: <titel>``
clauses whose title is a link, plus link-only sentences (``Det kan du læse mere om her.``,
``Du kan læse mere om hans exit ved at klikke her.``) whose link sits on "her".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.parsers.document import Line
from crawler.text import clean, strip_final_period

_KNOWN_CUE = re.compile(
    r"^(?P<cue>Læs mere om det her|Læs også|Læs mere|Læs|Det kan du læse mere om her|"
    r"Den kan du læse mere om her|Du kan læse mere om [^:]{1,80}? her|"
    r"Læs mere om [^:]{1,80}? her)\s*:\s*(?P<title>.*)$",
    re.DOTALL,
)
_OPEN_CUE = re.compile(r"^(?P<cue>[^:]{3,160}?(?: i denne artikel| her))\s*:\s*(?P<title>.+)$",
                       re.DOTALL)
_LINK_ONLY = re.compile(r"\bher\s*[.)]?\s*\)?$")
_SENTENCE = re.compile(r"[^.!?]*\bher\b[^.!?]*[.!?]?")
_STRAY = "¨"


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


def _is_link_line(line: Line) -> bool:
    if not line.links and not line.anchor:
        return False
    linked = " ".join(text for _, text in line.links) if line.links else line.text
    return len(linked) >= 0.6 * len(line.text)


def match_related(lines: list[Line], i: int) -> list[RelatedMatch]:
    """Related links starting at body line ``i``; empty when the line is ordinary text.

    The first match's ``consumed`` says how many lines to drop from the body (a ``Læs
    også:`` list takes its title lines with it).
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
        # A bare cue: the titles follow on their own lines (a "Læs også:" list).
        found = []
        j = i + 1
        while j < len(lines) and len(found) < 6 and _is_link_line(lines[j]) and \
                len(lines[j].text) <= 250:
            nxt = lines[j]
            item_title = _clean_title(nxt.text)
            found.append(RelatedMatch(cue, item_title, nxt.url or nxt.links[0][0], 0))
            j += 1
        if found:
            found[0].consumed = j - i
            return found
        return _dangling()
    opened = _OPEN_CUE.match(text)
    if opened and line.links:
        title = _clean_title(opened["title"])
        if title and any(t and (t in title or title in t) for _, t in line.links):
            return [RelatedMatch(opened["cue"].strip(), title, _title_url(line, title), 1)]
    her_links = [href for href, t in line.links if t and re.search(r"\bher\b", t)]
    if her_links:
        if len(text) <= 200 and _LINK_ONLY.search(text) and text.count(". ") == 0:
            cue = strip_final_period(text.rstrip(")").rstrip() if text.endswith(")") and
                                     "(" not in text else text)
            return [RelatedMatch(cue, None, her_links[0], 1)]
        sentence = next((m.group(0) for m in _SENTENCE.finditer(text)
                         if re.search(r"\bher\b", m.group(0))), None)
        if sentence:
            cue = clean(strip_final_period(sentence.strip().strip("()")))
            if cue:
                return [RelatedMatch(cue, None, her_links[0], 0, keep_in_body=True)]
    return []


def _dangling() -> list[RelatedMatch]:
    """``Læs mere:`` with nothing after it: no record, but not body text either."""
    return [RelatedMatch("", None, None, 1)]
