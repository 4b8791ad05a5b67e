"""Parquet export: one typed file per record type, from the loader's kept records.

The Arrow schema follows the record classes and the column kinds of
:mod:`crawler.research.dataframes`:

* strings ``string``, integers ``int64``, numbers ``double``, booleans ``bool``;
* ``published``/``modified``: ``timestamp[us, tz=Europe/Copenhagen]`` (stored as UTC
  instants, as Parquet does); ``fetched_at``: ``timestamp[us, tz=UTC]``;
* ``start_date``/``end_date``/``effective_date``: ``date32``;
* lists ``list<…>``; ``blocks``, ``links`` and ``image`` are structs (``list<struct<kind,
  text>>``, ``list<struct<url, text>>``, ``struct<url, caption, credit>``).

A field is nullable exactly when its record class allows ``None``. When a value does not fit
its column (a string where a boolean belongs), the records of that type are checked against
the JSON Schema and the breaking ones are left out and counted in the ``LoadReport``, rather
than breaking the file; ``cwscrape validate`` names them. Needs the ``research`` extra
(pyarrow).
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any

from crawler import SCHEMA_VERSION
from crawler.records import TYPE_ORDER
from crawler.research.dataframes import TIMEZONE, column_kinds, record_class
from crawler.research.load import LoadReport, find_runs, load_dicts

FORMATS = ("parquet",)


def _is_optional(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (types.UnionType, typing.Union) and \
        type(None) in typing.get_args(annotation)


def _arrow_type(annotation: Any) -> Any:
    import pyarrow as pa

    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        non_null = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(non_null) != 1:
            raise TypeError(f"no Arrow type for {annotation!r}")
        return _arrow_type(non_null[0])
    if origin is typing.Literal:
        return pa.string()
    if origin is list:
        return pa.list_(_arrow_type(typing.get_args(annotation)[0]))
    if dataclasses.is_dataclass(annotation):
        hints = typing.get_type_hints(annotation)
        return pa.struct([pa.field(f.name, _arrow_type(hints[f.name]),
                                   nullable=_is_optional(hints[f.name]))
                          for f in dataclasses.fields(annotation)])
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    return simple[annotation]


def arrow_schema(record_type: str) -> Any:
    """The ``pyarrow.Schema`` of one record type's Parquet file."""
    import pyarrow as pa

    cls = record_class(record_type)
    hints = typing.get_type_hints(cls)
    special = {"datetime_local": pa.timestamp("us", tz=TIMEZONE),
               "datetime_utc": pa.timestamp("us", tz="UTC"), "date": pa.date32()}
    fields = []
    for name, kind in column_kinds(record_type).items():
        if name == "record_type":
            fields.append(pa.field(name, pa.string(), nullable=False))
            continue
        annotation = hints[name]
        arrow = special.get(kind) or _arrow_type(annotation)
        fields.append(pa.field(name, arrow, nullable=_is_optional(annotation)))
    return pa.schema(fields, metadata={"cwscrape.record_type": record_type,
                                       "cwscrape.schema_version": SCHEMA_VERSION})


def _parse_datetime(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _parse_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def arrow_table(rows: list[dict[str, Any]], record_type: str) -> Any:
    """A ``pyarrow.Table`` of JSON objects of one type, with :func:`arrow_schema`."""
    import pyarrow as pa

    kinds = column_kinds(record_type)
    parsers = {name: _parse_datetime if kind.startswith("datetime") else _parse_date
               for name, kind in kinds.items() if kind.startswith("datetime") or kind == "date"}
    converted = [{name: parsers[name](row.get(name)) if name in parsers else row.get(name)
                  for name in kinds} for row in rows]
    return pa.Table.from_pylist(converted, schema=arrow_schema(record_type))


def _schema_valid(rows: list[dict[str, Any]], report: LoadReport) -> list[dict[str, Any]]:
    from crawler.records.validation import record_problems

    kept = []
    for row in rows:
        problems = record_problems(row)
        if problems:
            report.invalid_lines_skipped += 1
            report.records -= 1
            report.note(f"{row.get('record_type')} {row.get('record_id')}: {problems[0]}")
        else:
            kept.append(row)
    return kept


def export_parquet(path: str | Path, out: str | Path, *,
                   record_types: tuple[str, ...] = TYPE_ORDER,
                   report: LoadReport | None = None) -> dict[str, tuple[Path, int]]:
    """Write ``OUT/<record_type>.parquet`` for each type; returns type → (file, rows).

    Each file is written under a temporary name and renamed, so a reader never sees half
    a file. Every type gets a file, empty or not.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("pyarrow is needed for Parquet: pip install 'cwscrape[research]'"
                          ) from exc
    find_runs(path)  # a wrong DIR fails before anything is created
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    report = report if report is not None else LoadReport()
    for record_type in record_types:
        rows = load_dicts(path, record_type, report=report)
        try:
            table = arrow_table(rows, record_type)
        except (pa.ArrowException, TypeError, ValueError):
            # Some value does not fit its column: find the lines that break the schema (the
            # slow path, taken only then) and leave them out.
            rows = _schema_valid(rows, report)
            table = arrow_table(rows, record_type)
        target = out_dir / f"{record_type}.parquet"
        tmp = out_dir / f".{record_type}.parquet.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, target)
        written[record_type] = (target, table.num_rows)
    return written
