"""Column types of the records, and pandas DataFrames built with them.

One table, derived from the record classes, says what each JSON field is for analysis; the
pandas conversion here and the Parquet schema in :mod:`crawler.research.parquet` both follow it.

============== ============================== =====================================
kind           JSON                           pandas dtype
============== ============================== =====================================
string         string or null                 ``string`` (missing: ``pd.NA``)
integer        integer or null                ``Int64``
number         number or null                 ``Float64``
boolean        true/false or null             ``boolean``
datetime_local ``2026-02-03T08:15:00+01:00``  ``datetime64[ns, Europe/Copenhagen]``
datetime_utc   ``2026-02-03T07:15:00Z``       ``datetime64[ns, UTC]``
date           ``2026-02-03``                 ``datetime64[ns]`` (midnight, naive)
list           array                          ``object``: Python lists
object         object or null                 ``object``: dict or None
============== ============================== =====================================

``datetime_local`` fields are ``published`` and ``modified``; ``datetime_utc`` are
``fetched_at`` (records) and ``at`` (error lines); ``date`` are ``start_date``,
``end_date`` and ``effective_date``. A date string that does not parse becomes ``NaT`` (its
``*_raw`` companion keeps the page text).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any

from crawler.records import RECORD_TYPES, ErrorRecord

TIMEZONE = "Europe/Copenhagen"
DATETIME_LOCAL_FIELDS = frozenset({"published", "modified"})
DATETIME_UTC_FIELDS = frozenset({"fetched_at", "at"})
DATE_FIELDS = frozenset({"start_date", "end_date", "effective_date"})

PANDAS_DTYPES = {
    "string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean",
    "datetime_local": f"datetime64[ns, {TIMEZONE}]", "datetime_utc": "datetime64[ns, UTC]",
    "date": "datetime64[ns]", "list": "object", "object": "object",
}


def record_class(record_type: str) -> type[Any]:
    return ErrorRecord if record_type == "errors" else RECORD_TYPES[record_type]


def _kind(name: str, annotation: Any) -> str:
    if name in DATETIME_LOCAL_FIELDS:
        return "datetime_local"
    if name in DATETIME_UTC_FIELDS:
        return "datetime_utc"
    if name in DATE_FIELDS:
        return "date"
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        non_null = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(name, non_null[0]) if len(non_null) == 1 else "object"
    if origin is typing.Literal:
        return "string"
    if origin is list:
        return "list"
    if dataclasses.is_dataclass(annotation):
        return "object"
    return {str: "string", int: "integer", float: "number", bool: "boolean"}[annotation]


@cache
def column_kinds(record_type: str) -> dict[str, str]:
    """Column name → kind (see the module table), in JSON order, for one record type or
    ``"errors"``. Records start with ``record_type``."""
    cls = record_class(record_type)
    hints = typing.get_type_hints(cls)
    kinds = {} if record_type == "errors" else {"record_type": "string"}
    for f in dataclasses.fields(cls):
        kinds[f.name] = _kind(f.name, hints[f.name])
    return kinds


def column_dtypes(record_type: str) -> dict[str, str]:
    """Column name → pandas dtype name of :func:`crawler.research.load.to_pandas`' frames."""
    return {name: PANDAS_DTYPES[kind] for name, kind in column_kinds(record_type).items()}


def _series(values: list[Any], kind: str) -> Any:
    import pandas as pd

    if kind in ("list", "object"):
        return pd.Series(values, dtype=object)
    if kind == "datetime_local":
        parsed = pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601",
                                errors="coerce")
        return parsed.dt.tz_convert(TIMEZONE).dt.as_unit("ns")
    if kind == "datetime_utc":
        parsed = pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601",
                                errors="coerce")
        return parsed.dt.as_unit("ns")
    if kind == "date":
        parsed = pd.to_datetime(pd.Series(values, dtype=object), format="%Y-%m-%d",
                                errors="coerce")
        return parsed.astype("datetime64[ns]")
    return pd.Series(values, dtype=object).astype(PANDAS_DTYPES[kind])


def frame_from_dicts(rows: list[dict[str, Any]], record_type: str) -> Any:
    """A DataFrame of JSON objects of one type, with the dtypes of :func:`column_dtypes`.

    Columns are fixed by the record type (unknown keys are dropped; an empty list of rows
    gives an empty frame with the same columns and dtypes).
    """
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("pandas is needed for DataFrames: pip install 'cwscrape[research]'"
                          ) from exc
    kinds = column_kinds(record_type)
    columns = {name: _series([row.get(name) for row in rows], kind)
               for name, kind in kinds.items()}
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
