"""Reading a cwscrape dataset back: every run, each record once, as typed objects or pandas.

A dataset is a folder of runs (see :mod:`crawler.storage.runfolder`)::

    DATASET/runs/<run_id>/<record_type>.jsonl   (or .jsonl.part while a run is going or
                         /errors.jsonl           after a crash), manifest.json

Usage::

    from crawler.research import LoadReport, load, to_pandas

    articles = load("data/demo", "article")              # list[crawler.records.Article]
    report = LoadReport()
    people = to_pandas("data/demo", "people_news", report=report)
    print(report.summary())

``path`` may be the dataset folder, its ``runs/`` folder, or one run folder. What is kept:

* ``article`` and ``related_link`` (``PER_PAGE_TYPES``) are *versioned*: the crawler writes
  them again when the article changes, with the same ``record_id`` and a later
  ``fetched_at``. The latest version wins (ties: the later run, then the later line); older
  ones count as ``superseded``.
* Widget records (``event``, ``job_ad``, ``sponsored``, ``people_news``) are kept once per
  ``record_id``: the first sighting, as the crawler's own writer does. Repeats count as
  ``duplicates``.
* Lines that are not a JSON object of the requested type, or lack one of its fields, are
  skipped and counted as ``invalid``. The *unterminated* last line of a ``.part`` file is
  a torn write if it does not decode (``torn``); if it decodes to an object it is complete —
  a proper prefix of a JSON object is never valid JSON — and is kept. The loader checks the
  shape of a line, not every value: ``cwscrape validate`` checks against the JSON Schemas
  (or pass ``validate=True``).
* Keys a record type does not have (a newer schema) are ignored.

Records come back in order of first appearance (run folders sorted by name, which starts
with the run's UTC start time; lines in file order).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from crawler.records import RECORD_TYPES, TYPE_ORDER, ErrorRecord, Record
from crawler.records.fields import ValueType, record_fields, required_field_names
from crawler.records.vocabulary import PER_PAGE_TYPES

# Every file name stem a run folder may hold, in output order.
FILE_STEMS = (*TYPE_ORDER, "errors")
# How many skipped-line descriptions a LoadReport keeps.
MAX_NOTES = 100


class DatasetError(ValueError):
    """The path is not a dataset, a ``runs/`` folder or a run folder, or the type is unknown."""


@dataclass
class LoadReport:
    """What a load read and what it left out. Pass one to :func:`load` or
    :func:`crawler.research.dataframes.to_pandas`.

    ``runs`` and ``unfinished_runs`` describe the dataset; the other counts accumulate over
    every call the report is passed to (one per record type, say)."""

    runs: int = 0
    unfinished_runs: int = 0  # run folders without manifest.json
    files_read: int = 0
    part_files: int = 0  # of files_read, ``*.jsonl.part``
    lines_read: int = 0
    records: int = 0  # records returned
    torn_lines_skipped: int = 0
    invalid_lines_skipped: int = 0
    superseded_dropped: int = 0  # older versions of articles / related links
    duplicates_dropped: int = 0  # repeats of a widget record
    notes: list[str] = field(default_factory=list)  # "file:line: why", the first MAX_NOTES

    def note(self, text: str) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(text)

    def summary(self) -> str:
        """One line for humans: ``3 runs (1 unfinished), 21 files (7 .part), …``."""
        return (f"{self.runs} runs ({self.unfinished_runs} unfinished), {self.files_read} files "
                f"({self.part_files} .part), {self.lines_read} lines, {self.records} records; "
                f"skipped {self.torn_lines_skipped} torn and {self.invalid_lines_skipped} "
                f"invalid lines; dropped {self.superseded_dropped} superseded versions and "
                f"{self.duplicates_dropped} duplicates")


class RawLine(NamedTuple):
    """One non-blank line of a JSON Lines file, decoded if possible."""

    path: Path
    lineno: int  # 1-based
    data: Any  # the decoded JSON value; None when ``error`` is set
    error: str | None  # why the line could not be decoded
    torn: bool  # the unterminated, undecodable last line of a ``.part`` file


# --- finding runs and files ---------------------------------------------------------------


_RUN_FILE_NAMES = frozenset({"manifest.json"} | {
    f"{stem}{suffix}" for stem in FILE_STEMS for suffix in (".jsonl", ".jsonl.part")})


def _is_run_folder(path: Path) -> bool:
    with os.scandir(path) as entries:
        return any(entry.name in _RUN_FILE_NAMES for entry in entries)


def find_runs(path: str | Path) -> list[Path]:
    """The run folders under ``path``, oldest first (run ids start with their UTC start time).

    ``path`` may be a dataset folder (holding ``runs/``), a ``runs/`` folder, or a run folder.
    Raises :class:`DatasetError` when it is none of these.
    """
    root = Path(path)
    if not root.is_dir():
        raise DatasetError(f"{root}: no such folder")
    if _is_run_folder(root):
        return [root]
    parent = root / "runs" if (root / "runs").is_dir() else root
    runs = sorted(p for p in parent.iterdir() if p.is_dir() and _is_run_folder(p))
    if not runs:
        raise DatasetError(f"{root}: no runs found (expected a dataset folder with runs/, "
                           "a runs/ folder, or a run folder with *.jsonl files)")
    return runs


def run_files(run: Path, stem: str) -> list[Path]:
    """The existing files of one record type (or ``errors``) in a run: finished, then part."""
    return [p for p in (run / f"{stem}.jsonl", run / f"{stem}.jsonl.part") if p.exists()]


def iter_raw_lines(path: Path) -> Iterator[RawLine]:
    """Every non-blank line of a JSON Lines file, decoded. Never raises on bad content.

    Lines are read as bytes and decoded as UTF-8 JSON, so a cut inside a multi-byte
    character is a decoding error, not a crash.
    """
    is_part = path.name.endswith(".part")
    with open(path, "rb") as handle:
        for lineno, raw in enumerate(handle, 1):
            terminated = raw.endswith(b"\n")
            text = raw.rstrip(b"\r\n")
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
                yield RawLine(path, lineno, None, f"not valid JSON ({exc})",
                              torn=is_part and not terminated)
                continue
            yield RawLine(path, lineno, data, None, torn=False)


# --- building typed records ---------------------------------------------------------------


def _converter(value: ValueType) -> Callable[[Any], Any] | None:
    """How to rebuild a JSON value of this type (``None``: use it as it is).

    Worked out once per field, not per value: loading is dominated by this step. A value of
    the wrong shape (a string where an object belongs) is passed through as it is.
    """
    if value.kind == "object" and value.cls is not None:
        cls = value.cls
        return lambda data: from_dict(cls, data) if isinstance(data, dict) else data
    if value.kind == "list" and value.item is not None:
        item = _converter(value.item)
        if item is None:
            return None
        return lambda data: [item(v) for v in data] if isinstance(data, list) else data
    return None


_Plan = tuple[tuple[str, Callable[[Any], Any] | None], ...]
_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """Each field of ``cls`` with its converter, worked out once per class."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = tuple((f.name, _converter(f.type)) for f in record_fields(cls))
    return plan


def from_dict(cls: type[Any], data: dict[str, Any]) -> Any:
    """Rebuild a record (or a nested Block, Link, Image) from its JSON object.

    Nested objects become their dataclasses; unknown keys are ignored; a missing field
    without a default raises ``TypeError``.
    """
    kwargs = {name: (convert(data[name]) if convert else data[name])
              for name, convert in _plan(cls) if name in data}
    return cls(**kwargs)


def record_class(stem: str) -> type[Any]:
    """The class of one record type, or ``ErrorRecord`` for ``"errors"``.

    Raises :class:`DatasetError` for any other name."""
    if stem == "errors":
        return ErrorRecord
    if stem not in RECORD_TYPES:
        raise DatasetError(f"unknown record type {stem!r}; expected one of "
                           f"{', '.join(FILE_STEMS)}")
    return RECORD_TYPES[stem]


# --- loading ------------------------------------------------------------------------------


def _shape_problem(data: Any, record_type: str, required: frozenset[str]) -> str | None:
    if not isinstance(data, dict):
        return "not a JSON object"
    if record_type != "errors":
        if data.get("record_type") != record_type:
            return f"record_type is {data.get('record_type')!r}, not {record_type!r}"
        if not isinstance(data.get("record_id"), str) or \
                not isinstance(data.get("fetched_at"), str):
            return "record_id or fetched_at is not a string"
    if data.keys() >= required:
        return None
    missing = [name for name in sorted(required) if name not in data]
    return f"missing field(s) {', '.join(missing)}"


def load_dicts(path: str | Path, record_type: str, *, report: LoadReport | None = None,
               validate: bool = False) -> list[dict[str, Any]]:
    """The kept JSON objects of one record type (or ``"errors"``), over every run under
    ``path``. The rules are in the module docstring; error lines are never deduplicated.

    With ``validate=True`` every line is also checked against the shipped JSON Schema and
    skipped (counted as invalid) when it does not conform.
    """
    cls = record_class(record_type)
    report = report if report is not None else LoadReport()
    required = required_field_names(cls)
    if record_type != "errors":
        required |= {"record_id", "fetched_at"}
    if validate:
        from crawler.records.validation import error_line_problems, record_problems
        check = error_line_problems if record_type == "errors" else record_problems

    runs = find_runs(path)
    report.runs = max(report.runs, len(runs))
    report.unfinished_runs = max(report.unfinished_runs,
                                 sum(not (r / "manifest.json").exists() for r in runs))
    kept: dict[str, tuple[tuple[str, int, int], dict[str, Any]]] = {}
    errors: list[dict[str, Any]] = []
    seq = 0
    for run_index, run in enumerate(runs):
        for file in run_files(run, record_type):
            report.files_read += 1
            report.part_files += file.name.endswith(".part")
            for line in iter_raw_lines(file):
                report.lines_read += 1
                if line.error is not None:
                    if line.torn:
                        report.torn_lines_skipped += 1
                        report.note(f"{file}:{line.lineno}: torn last line skipped")
                    else:
                        report.invalid_lines_skipped += 1
                        report.note(f"{file}:{line.lineno}: {line.error}")
                    continue
                problem = _shape_problem(line.data, record_type, required)
                if problem is None and validate:
                    problems = check(line.data)
                    problem = problems[0] if problems else None
                if problem is not None:
                    report.invalid_lines_skipped += 1
                    report.note(f"{file}:{line.lineno}: {problem}")
                    continue
                data = line.data
                if record_type == "errors":
                    errors.append(data)
                    continue
                seq += 1
                order = (data["fetched_at"], run_index, seq)
                previous = kept.get(data["record_id"])
                if previous is None:
                    kept[data["record_id"]] = (order, data)
                elif record_type in PER_PAGE_TYPES:
                    report.superseded_dropped += 1
                    if order > previous[0]:
                        kept[data["record_id"]] = (order, data)
                else:
                    report.duplicates_dropped += 1
                    if order < previous[0]:
                        kept[data["record_id"]] = (order, data)
    rows = errors if record_type == "errors" else [data for _, data in kept.values()]
    report.records += len(rows)
    return rows


def load(path: str | Path, record_type: str, *, report: LoadReport | None = None,
         validate: bool = False) -> list[Record]:
    """The records of one type as :mod:`crawler.records` dataclasses (``Article``, …).

    Nested values are rebuilt too (``Article.blocks`` is a list of ``Block``, ``image`` an
    ``Image``). Raises :class:`DatasetError` for a path without runs or an unknown type;
    never for bad lines, which are skipped and counted in ``report``.
    """
    if record_type == "errors":
        raise DatasetError("use load_errors() for error lines")
    cls = record_class(record_type)
    return [from_dict(cls, data)
            for data in load_dicts(path, record_type, report=report, validate=validate)]


def load_errors(path: str | Path, *, report: LoadReport | None = None) -> list[ErrorRecord]:
    """Every line of every run's ``errors.jsonl``: URLs that did not yield their records."""
    return [from_dict(ErrorRecord, data) for data in load_dicts(path, "errors", report=report)]


def load_manifests(path: str | Path) -> list[dict[str, Any]]:
    """Each run's ``manifest.json``, oldest run first. A run without one (still going, or
    killed before recovery) gets ``{"run_id": <folder>, "status": "unfinished"}``; an
    unreadable one ``"status": "unreadable"``."""
    manifests = []
    for run in find_runs(path):
        file = run / "manifest.json"
        if not file.exists():
            manifests.append({"run_id": run.name, "status": "unfinished"})
            continue
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if not isinstance(data, dict):
            data = {"run_id": run.name, "status": "unreadable"}
        data.setdefault("run_id", run.name)
        data.setdefault("status", "complete")
        manifests.append(data)
    return manifests
