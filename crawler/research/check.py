"""Checking a dataset on disk: every line of every run against the shipped JSON Schemas.

Where :mod:`crawler.research.load` skips what it cannot use, this module names it: file, line,
field and message, like a compiler. What counts as a problem:

* a line that is not JSON, not an object, or breaks its record type's schema
  (:func:`crawler.records.validation.record_problems`,
  :func:`crawler.records.validation.error_line_problems`);
* a record in the wrong file (an ``event`` line in ``article.jsonl``);
* a ``manifest.json`` that does not parse, or whose record counts differ from the files.

What is only a note: the torn last line of a ``*.jsonl.part`` file (a run that is going or
was killed; the loader skips it, the next crawl cuts it off) and a run without a manifest.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from crawler.records import TYPE_ORDER
from crawler.records.validation import error_line_problems, record_problems
from crawler.research.load import FILE_STEMS, find_runs, iter_raw_lines, run_files


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the checked folder
    line: int | None  # 1-based; None for a whole-file problem
    field: str  # dotted path in the record, "<line>" or "<file>"
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.field}: {self.message}"


@dataclass
class CheckResult:
    runs: int = 0
    lines: Counter[str] = field(default_factory=Counter)  # per record type / "errors"
    invalid: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def table(self) -> str:
        """Counts per type: lines, valid, invalid — aligned for a terminal."""
        rows = [("type", "lines", "valid", "invalid")]
        for stem in FILE_STEMS:
            n, bad = self.lines[stem], self.invalid[stem]
            rows.append((stem, str(n), str(n - bad), str(bad)))
        width = max(len(r[0]) for r in rows) + 2
        return "\n".join(f"{a:<{width}}{b:>7}{c:>7}{d:>9}" for a, b, c, d in rows)


# Schema errors about the whole object that are really about one field.
_FIELD_IN_MESSAGE = re.compile(r"^'(?P<name>[^']+)' is a required property$|"
                               r"^Additional properties are not allowed \('(?P<extra>[^']+)'")


def _split(problem: str) -> tuple[str, str]:
    """``"field: message"`` → (field, message); object-level messages name their field."""
    where, _, message = problem.partition(": ")
    match = _FIELD_IN_MESSAGE.match(message) if where == "<record>" else None
    if match:
        where = match.group("name") or match.group("extra")
    return where, message


def _check_file(path: Path, stem: str, rel: str, result: CheckResult) -> int:
    """Check one JSON Lines file; returns its number of lines."""
    count = 0
    for line in iter_raw_lines(path):
        if line.torn:
            result.notes.append(f"{rel}:{line.lineno}: torn last line of an unfinished run "
                                "(the loader skips it)")
            continue
        count += 1
        result.lines[stem] += 1
        if line.error is not None:
            problems = [f"<line>: {line.error}"]
        elif stem == "errors":
            problems = error_line_problems(line.data)
        else:
            problems = record_problems(line.data)
            rtype = line.data.get("record_type") if isinstance(line.data, dict) else None
            if not problems and rtype != stem:
                problems = [f"record_type: a {rtype!r} record in {stem}.jsonl"]
        if problems:
            result.invalid[stem] += 1
            for problem in problems:
                where, message = _split(problem)
                result.problems.append(Problem(rel, line.lineno, where, message))
    return count


def _check_manifest(run: Path, counts: dict[str, int], rel: str,
                    result: CheckResult) -> None:
    path = run / "manifest.json"
    if not path.exists():
        result.notes.append(f"{rel}: no manifest.json (a run that is going or was killed)")
        return
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        result.problems.append(Problem(f"{rel}/manifest.json", None, "<file>",
                                       f"not valid JSON ({exc})"))
        return
    records = manifest.get("records") if isinstance(manifest, dict) else None
    if not isinstance(records, dict):
        result.problems.append(Problem(f"{rel}/manifest.json", None, "records",
                                       "missing or not an object"))
        return
    for rtype in TYPE_ORDER:
        if rtype in records and records[rtype] != counts.get(rtype, 0):
            result.problems.append(Problem(
                f"{rel}/manifest.json", None, f"records.{rtype}",
                f"says {records[rtype]} records, {rtype}.jsonl holds {counts.get(rtype, 0)}"))


def check_dataset(path: str | Path) -> CheckResult:
    """Check every run under ``path`` (dataset, ``runs/`` or run folder; see
    :func:`crawler.research.load.find_runs`, which raises ``DatasetError`` when there are none)."""
    root = Path(path)
    result = CheckResult()
    runs = find_runs(root)
    result.runs = len(runs)
    for run in runs:
        rel_run = str(run.relative_to(root)) if run != root else run.name
        counts: dict[str, int] = {}
        for stem in FILE_STEMS:
            for file in run_files(run, stem):
                rel = f"{rel_run}/{file.name}" if run != root else file.name
                counts[stem] = counts.get(stem, 0) + _check_file(file, stem, rel, result)
        _check_manifest(run, counts, rel_run if run != root else ".", result)
    return result
