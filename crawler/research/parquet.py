"""Parquet export: one typed file per record type, from the loader's kept records.

The Arrow schema follows the field kinds of the record classes (:mod:`crawler.records.fields`),
as the DataFrame dtypes of :mod:`crawler.research.dataframes` do:

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

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any

from crawler import SCHEMA_VERSION
from crawler.records import TYPE_ORDER
from crawler.records.fields import ValueType, record_fields
from crawler.research.dataframes import TIMEZONE, column_kinds
from crawler.research.load import LoadReport, find_runs, load_dicts, record_class


def _arrow_type(value: ValueType) -> Any:
    import pyarrow as pa

    if value.kind == "list":
        assert value.item is not None
        return pa.list_(_arrow_type(value.item))
    if value.kind == "object":
        assert value.cls is not None
        return pa.struct(_arrow_fields(value.cls))
    return {"string": pa.string(), "enum": pa.string(), "integer": pa.int64(),
            "number": pa.float64(), "boolean": pa.bool_(),
            "datetime": pa.timestamp("us", tz=TIMEZONE), "timestamp": pa.timestamp("us", tz="UTC"),
            "date": pa.date32()}[value.kind]


def _arrow_fields(cls: type) -> list[Any]:
    import pyarrow as pa

    return [pa.field(f.name, _arrow_type(f.type), nullable=f.type.nullable)
            for f in record_fields(cls)]


def arrow_schema(record_type: str) -> Any:
    """The ``pyarrow.Schema`` of one record type's (or ``"errors"``') Parquet file."""
    import pyarrow as pa

    fields = _arrow_fields(record_class(record_type))
    if record_type != "errors":
        fields.insert(0, pa.field("record_type", pa.string(), nullable=False))
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
