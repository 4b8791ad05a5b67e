"""Body quality: token-level precision, recall and F1 of the article ``body`` against the
hand-checked expected body of every fixture page that has an expected article, for this
project's parser and for trafilatura's ``extract`` on the same pages.

Tokens are Unicode word tokens (``\\w+``, case kept), compared as multisets, so a missing
paragraph costs recall, a caption or widget line that leaks into the body costs precision,
and punctuation and whitespace are not scored. Corpus figures are micro-averages (summed
overlaps over summed token counts); per-page and macro figures are in the JSON.

The expected bodies were written against the project's extraction rules
(``docs/extraction-rules.md``), which say what the body is (no lead, captions, byline,
"Læs også" lines or widgets). trafilatura is scored against the same rules with its
defaults, so the comparison measures agreement with those rules, not general extraction
quality.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from bench.report import Row, Target
from crawler.devtools.fixtures import Case, all_cases
from crawler.parsers import parse_page

_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> Counter[str]:
    return Counter(_TOKEN.findall(text or ""))


@dataclass
class Score:
    """Token overlap of one extracted text with its expected text."""

    overlap: int
    extracted: int
    expected: int

    def __add__(self, other: Score) -> Score:
        return Score(self.overlap + other.overlap, self.extracted + other.extracted,
                     self.expected + other.expected)

    @property
    def precision(self) -> float:
        return self.overlap / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.overlap / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(extracted: str | None, expected: str | None) -> Score:
    got, want = tokens(extracted), tokens(expected)
    return Score(sum((got & want).values()), sum(got.values()), sum(want.values()))


def expected_body(case: Case) -> str | None:
    for record in case.expected:
        if record.get("record_type") == "article":
            return record.get("body")
    return None


def our_body(case: Case) -> str | None:
    for record in parse_page(case.html, case.url, case.fetched_at):
        if record.record_type == "article":
            body = getattr(record, "body", None)
            return body if isinstance(body, str) else None
    return None


def trafilatura_body(case: Case) -> str | None:
    from bench.parse import trafilatura_extract

    text = trafilatura_extract()(case.html.decode("utf-8"), url=case.url)
    return text if isinstance(text, str) else None


def run(cases: list[Case] | None = None) -> list[Row]:
    cases = [c for c in (cases or all_cases()) if expected_body(c)]
    per_page: list[dict[str, Any]] = []
    ours, theirs = Score(0, 0, 0), Score(0, 0, 0)
    for case in cases:
        want = expected_body(case)
        a, b = score(our_body(case), want), score(trafilatura_body(case), want)
        ours, theirs = ours + a, theirs + b
        per_page.append({"page": case.name, "ours": _scores(a), "trafilatura": _scores(b)})
    n = len(cases)
    macro = {who: {k: sum(p[who][k] for p in per_page) / n for k in ("precision", "recall", "f1")}
             for who in ("ours", "trafilatura")} if n else {}
    data = {"pages": n, "micro": {"ours": _scores(ours), "trafilatura": _scores(theirs)},
            "macro": macro, "per_page": per_page}
    beats = Target(">", theirs.f1, "issue 4", label=f"> trafilatura {theirs.f1:.3f}")
    worst = min(per_page, key=lambda p: p["ours"]["f1"]) if per_page else None
    return [
        Row("quality", f"body F1, ours, {n} fixture pages", ours.f1, unit="", targets=[beats],
            detail=f"P {ours.precision:.3f} R {ours.recall:.3f}; worst page "
                   f"{worst['page']} F1 {worst['ours']['f1']:.3f}" if worst else "",
            data=data),
        Row("quality", f"body F1, trafilatura, {n} fixture pages", theirs.f1, unit="",
            detail=f"P {theirs.precision:.3f} R {theirs.recall:.3f} (extract() defaults)"),
    ]


def _scores(s: Score) -> dict[str, float]:
    return {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
            "f1": round(s.f1, 4), "tokens_extracted": s.extracted, "tokens_expected": s.expected}
