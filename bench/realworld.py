"""Extraction quality on real pages of other news sites, side by side with trafilatura.

The pages are ``../shared/realworld/`` (see its README): third-party text, read from there at
run time and never copied into the project; without the folder this benchmark says so and
yields no row. Each page's raw bytes go to ``parse_page`` (the article's ``lead`` and ``body``,
joined, are scored) and to ``trafilatura.extract`` with its defaults.

* ``readability/`` (82 pages, expected article text): tokens are ``\\w+`` runs, shingles 4
  consecutive tokens; per page true positives, false positives and false negatives are counted
  over shingle multisets and normalised to sum 1; precision and recall are the means over
  pages of ``tp / (tp + fp)`` and ``tp / (tp + fn)`` (0 for an empty extraction), and F1 is
  taken from those two means.
* ``snippets/`` (220 pages, passages marked as content or boilerplate): after folding
  whitespace, recall is the share of ``with`` snippets found in the extracted text, precision
  the share of ``without`` snippets kept out of it, F1 their harmonic mean (over all snippets).
* the published date against ``expected-metadata.json`` where it gives one: right when it is
  the same instant whatever the offset (a date-only expectation: the same calendar day).

Also listed: the pages where the project loses most to trafilatura (F1 difference), by name,
and every page where the project's text is empty while trafilatura's is not.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.report import Row, Target

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = Path(os.environ.get("CWSCRAPE_REALWORLD", ROOT.parent / "shared" / "realworld"))
FETCHED_AT = "2026-12-01T00:00:00Z"
_TOKEN = re.compile(r"\w+")
SHINGLE = 4
WORST = 15


@dataclass
class RealPage:
    part: str  # "readability" or "snippets"
    name: str
    url: str
    html: bytes
    expected_text: str | None = None
    published: str | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.part}/{self.name}"


def _raw(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def load_pages(root: Path = REALWORLD) -> list[RealPage]:
    """Every case of both parts, in name order; ``[]`` when the folder is absent."""
    pages = []
    for folder in sorted((root / "readability").glob("*/")):
        if not (folder / "page.html.gz").exists():
            continue
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        pages.append(RealPage("readability", folder.name,
                              f"https://realworld.invalid/readability/{folder.name}",
                              _raw(folder / "page.html.gz"),
                              expected_text=(folder / "expected.txt").read_text(encoding="utf-8"),
                              published=meta.get("publishedTime")))
    for folder in sorted((root / "snippets").glob("*/")):
        if not (folder / "page.html.gz").exists():
            continue
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        pages.append(RealPage("snippets", folder.name, meta.get("url") or
                              f"https://realworld.invalid/snippets/{folder.name}",
                              _raw(folder / "page.html.gz"),
                              with_snippets=list(meta.get("with") or []),
                              without_snippets=list(meta.get("without") or [])))
    return pages


# --- extraction ---------------------------------------------------------------------------------

@dataclass
class Extraction:
    text: str
    published: str | None = None
    error: str | None = None


def ours(page: RealPage) -> Extraction:
    from crawler.parsers import parse_page

    try:
        records = parse_page(page.html, page.url, FETCHED_AT)
    except Exception as exc:  # a crash is a finding, reported per page
        return Extraction("", error=f"{type(exc).__name__}: {exc}")
    article = next((r for r in records if r.record_type == "article"), None)
    if article is None:
        return Extraction("")
    parts = [getattr(article, "lead", None), getattr(article, "body", None)]
    return Extraction("\n\n".join(p for p in parts if p),
                      published=getattr(article, "published", None))


def trafilatura_extractor() -> Callable[[RealPage], Extraction]:
    import trafilatura

    def extract(page: RealPage) -> Extraction:
        try:
            text = trafilatura.extract(page.html)
        except Exception as exc:
            return Extraction("", error=f"{type(exc).__name__}: {exc}")
        return Extraction(text or "")

    return extract


# --- scoring ------------------------------------------------------------------------------------

def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(0, len(tokens) - n + 1)))


@dataclass
class ShingleScore:
    """Normalised true/false positives and false negatives of one page (they sum to 1)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def shingle_score(extracted: str, expected: str) -> ShingleScore:
    got, want = shingles(extracted), shingles(expected)
    tp = sum((got & want).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return ShingleScore(tp / total, fp / total, fn / total) if total else ShingleScore(0, 0, 0)


def mean_f1(scores: list[ShingleScore]) -> tuple[float, float, float]:
    """(precision, recall, F1): F1 of the mean precision and the mean recall."""
    if not scores:
        return 0.0, 0.0, 0.0
    p = sum(s.precision for s in scores) / len(scores)
    r = sum(s.recall for s in scores) / len(scores)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _fold(text: str) -> str:
    return " ".join(text.split())


@dataclass
class SnippetScore:
    found: int = 0       # ``with`` snippets found in the text
    missed: int = 0      # ``with`` snippets not found
    kept_out: int = 0    # ``without`` snippets not in the text
    leaked: int = 0      # ``without`` snippets in the text

    def __add__(self, other: SnippetScore) -> SnippetScore:
        return SnippetScore(self.found + other.found, self.missed + other.missed,
                            self.kept_out + other.kept_out, self.leaked + other.leaked)

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.missed) if self.found + self.missed else 0.0

    @property
    def precision(self) -> float:
        total = self.kept_out + self.leaked
        return self.kept_out / total if total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def snippet_score(extracted: str, page: RealPage) -> SnippetScore:
    text = _fold(extracted)
    found = sum(1 for s in page.with_snippets if _fold(s) in text)
    leaked = sum(1 for s in page.without_snippets if _fold(s) in text)
    return SnippetScore(found, len(page.with_snippets) - found,
                        len(page.without_snippets) - leaked, leaked)


def same_instant(found: str | None, expected: str) -> bool:
    """Whether ``found`` (ISO 8601) is the instant of ``expected``, to the second (records keep
    seconds); a date-only or zone-less expectation: the same calendar day."""
    if not found:
        return False
    try:
        want = datetime.fromisoformat(expected.replace("Z", "+00:00"))
        got = datetime.fromisoformat(found.replace("Z", "+00:00"))
    except ValueError:
        return False
    if len(expected.strip()) <= 10 or want.tzinfo is None or got.tzinfo is None:
        return got.date() == want.date()
    return got.replace(microsecond=0) == want.replace(microsecond=0)


# --- the benchmark --------------------------------------------------------------------------------

@dataclass
class PageResult:
    page: RealPage
    ours: Extraction
    theirs: Extraction
    f1_ours: float
    f1_theirs: float


def evaluate(pages: list[RealPage],
             theirs: Callable[[RealPage], Extraction] | None = None) -> dict[str, Any]:
    """Score both extractors on every page; a plain dict of everything the rows show."""
    extract_theirs = theirs or trafilatura_extractor()
    results: list[PageResult] = []
    shingle: dict[str, list[ShingleScore]] = {"ours": [], "trafilatura": []}
    snippets = {"ours": SnippetScore(), "trafilatura": SnippetScore()}
    dated = dates_right = 0
    for page in pages:
        a, b = ours(page), extract_theirs(page)
        if page.part == "readability":
            sa = shingle_score(a.text, page.expected_text or "")
            sb = shingle_score(b.text, page.expected_text or "")
            shingle["ours"].append(sa)
            shingle["trafilatura"].append(sb)
            f1a, f1b = sa.f1, sb.f1
            if page.published:
                dated += 1
                dates_right += same_instant(a.published, page.published)
        else:
            na, nb = snippet_score(a.text, page), snippet_score(b.text, page)
            snippets["ours"] = snippets["ours"] + na
            snippets["trafilatura"] = snippets["trafilatura"] + nb
            f1a, f1b = na.f1, nb.f1
        results.append(PageResult(page, a, b, f1a, f1b))
    worst = sorted(results, key=lambda r: r.f1_ours - r.f1_theirs)[:WORST]
    return {
        "readability": {who: mean_f1(s) for who, s in shingle.items()},
        "readability_pages": len(shingle["ours"]),
        "snippets": {who: (s.precision, s.recall, s.f1) for who, s in snippets.items()},
        "snippets_pages": sum(1 for p in pages if p.part == "snippets"),
        "dates": (dates_right, dated),
        "worst": [(r.page.label, r.f1_ours, r.f1_theirs) for r in worst],
        "empty": [r.page.label for r in results if not r.ours.text.strip()
                  and r.theirs.text.strip()],
        "crashes": [(r.page.label, r.ours.error) for r in results if r.ours.error],
        "per_page": [{"page": r.page.label, "ours": round(r.f1_ours, 4),
                      "trafilatura": round(r.f1_theirs, 4)} for r in results],
    }


def run(root: Path = REALWORLD, progress: Callable[[str], None] | None = None) -> list[Row]:
    pages = load_pages(root)
    if not pages:
        if progress:
            progress(f"realworld: {root} not found — skipped (the corpus lives outside the "
                     "project, in ../shared/realworld)")
        return []
    found = evaluate(pages)
    rows = []
    for part, source, bound in (("readability", "issue 14", None),
                                ("snippets", "issue 14", 0.92)):
        (p, r, f1), (tp, tr, tf1) = found[part]["ours"], found[part]["trafilatura"]
        n = found[f"{part}_pages"]
        if bound is None:
            target = Target(">=", tf1 + 0.03, source,
                            label=f"≥ trafilatura + 0.03 = {tf1 + 0.03:.3f}")
        else:
            target = Target(">=", bound, source)
        recall_word = "recall" if part == "readability" else "with found"
        precision_word = "precision" if part == "readability" else "without kept out"
        rows.append(Row("realworld", f"{part} F1, ours, {n} real pages", f1, unit="",
                        targets=[target],
                        detail=f"{precision_word} {p:.3f}, {recall_word} {r:.3f}",
                        data={k: v for k, v in found.items() if k != "per_page"}
                        if part == "readability" else {"per_page": found["per_page"]}))
        rows.append(Row("realworld", f"{part} F1, trafilatura, {n} real pages", tf1, unit="",
                        detail=f"{precision_word} {tp:.3f}, {recall_word} {tr:.3f} "
                               "(extract() defaults)"))
    right, dated = found["dates"]
    rows.append(Row("realworld", f"published date right, {dated} real pages that give one",
                    right / dated if dated else None, unit="",
                    targets=[Target(">=", 0.9, "issue 14")],
                    detail=f"{right} of {dated}, the same instant whatever the offset"))
    rows.append(Row("realworld", "pages with an empty body where trafilatura has text",
                    float(len(found["empty"])), unit="", targets=[Target("<=", 0, "issue 14")],
                    detail=", ".join(found["empty"][:6]) or "none"))
    rows.append(Row("realworld", "pages where the parser raised", float(len(found["crashes"])),
                    unit="", targets=[Target("<=", 0, "issue 14")],
                    detail="; ".join(f"{n}: {e}" for n, e in found["crashes"][:3]) or "none"))
    for label, f1a, f1b in found["worst"]:
        rows.append(Row("realworld worst", label, f1a, unit="",
                        detail=f"trafilatura {f1b:.3f} (difference {f1a - f1b:+.3f})"))
    return rows
