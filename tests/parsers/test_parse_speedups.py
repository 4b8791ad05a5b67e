"""The parsers' speed-ups must not change what they find.

Several regexes were rewritten for speed (a literal or a factored prefix instead of a pattern
that re tries at every character) and a few helpers were restructured. Each case here pins
the fast form to the plain form it replaced, on generated text.
"""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.devtools.fixtures import all_cases
from crawler.parsers.article import header, related
from crawler.parsers.article.body import ROOT_SHARE, body_root, common_prefix
from crawler.parsers.article.evidence import votes
from crawler.parsers.html.lines import Line, flatten, parse_html
from crawler.parsers.widgets import people
from crawler.parsers.widgets.people_templates import EntryFields, read_entry

# Pieces that reach the interesting corners of the patterns: labels, sentence ends, closers,
# separators, "her" inside and outside words.
_TOKENS = st.sampled_from([
    " ", "  ", "\t", ".", "!", "?", "…", "”", ")", "»", "Nyt job", "Forfremmelse",
    "Færdiggjort uddannelse", "her", "Her", "hers", "ther", "|", "·", "-", " - ", " | ", "Ø",
    "A", "a", "Jens", ",", "(",
])
_TEXT = st.lists(_TOKENS, max_size=14).map("".join)

_OLD_INNER_LABEL = re.compile(
    r"(?:(?<=[.!?…])|(?<=[.!?…][”\"’»)]))\s*(?P<label>" + people._LABEL_ALTERNATIVES
    + r")\s+(?=\S)")
_OLD_SENTENCE = re.compile(r"[^.!?]*\bher\b[^.!?]*[.!?]?", re.IGNORECASE)
_OLD_DATE_PARTS = re.compile(r"\s+[|·]\s+|\s+-\s+(?=[A-ZÆØÅ])")


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_inner_label_finds_the_same_labels(text: str) -> None:
    old = [(m.end("label"), m.end()) for m in _OLD_INNER_LABEL.finditer(text)]
    new = [(m.end("label"), m.end()) for m in people._INNER_LABEL.finditer(text)]
    assert new == old


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_her_sentence_is_the_same(text: str) -> None:
    old = next((m.group(0) for m in _OLD_SENTENCE.finditer(text)), None)
    new = next((m.group(0) for m in related._SENTENCE.finditer(text)
                if related._HER.search(m.group(0))), None)
    assert new == old


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_date_parts_split_the_same(text: str) -> None:
    assert header._DATE_PARTS.split(text) == _OLD_DATE_PARTS.split(text)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_known_tail_prefilter_keeps_every_match(text: str) -> None:
    old = people._KNOWN_TAIL.search(text, max(0, len(text) - people.TAIL_WINDOW))
    new = people._known_tail(text)
    assert (new and (new.start(), new["label"])) == (old and (old.start(), old["label"]))


def test_entry_fields_copy_copies_every_field() -> None:
    fields = read_entry("Fjordnet A/S har pr. 19. januar 2026 ansat Birgitte Kaalund, 55 år, "
                        "som Seniorkonsulent ved Fjordnet's kontor i Vejle.")
    fields.warnings.append("x")
    copy = fields.copy()
    assert dataclasses.asdict(copy) == dataclasses.asdict(fields)
    assert copy.warnings is not fields.warnings
    assert [f.name for f in dataclasses.fields(EntryFields)][-1] == "warnings"


def _body_root_by_prefixes(lines: list[Line], with_noise: bool) -> tuple[int, ...] | None:
    """The plain form of body_root: a weight for every path prefix."""
    all_lines = lines  # a line's own element holding several lines counts them all
    if not with_noise:
        lines = [ln for ln in lines if not ln.in_noise]
    marked = [ln.path for ln in lines if ln.in_body]
    if marked:
        return common_prefix(marked)
    own: dict[tuple[int, ...], int] = {}
    for ln in all_lines:
        own[ln.path] = own.get(ln.path, 0) + 1
    weights: dict[tuple[int, ...], int] = {}
    total = 0
    for ln in lines:
        if not votes(ln):
            continue
        total += len(ln.text)
        top = len(ln.path) + 1 if own[ln.path] > 1 else len(ln.path)
        for k in range(1, top):
            weights[ln.path[:k]] = weights.get(ln.path[:k], 0) + len(ln.text)
    if not total:
        return None
    best: tuple[int, ...] = ()
    for key, weight in weights.items():
        if weight >= ROOT_SHARE * total and len(key) > len(best):
            best = key
    return best


def test_body_root_matches_the_prefix_form_on_every_fixture() -> None:
    for case in all_cases():
        lines = flatten(parse_html(case.html.decode("utf-8")), case.url)
        for start in range(0, len(lines), 7):  # also the tails read_body hands over
            for with_noise in (False, True):
                assert body_root(lines[start:], with_noise=with_noise) == \
                    _body_root_by_prefixes(lines[start:], with_noise), case.name
