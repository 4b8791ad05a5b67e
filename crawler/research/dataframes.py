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

The column kind follows the field's kind in the record class (:mod:`crawler.records.fields`):
``datetime_local`` are the ``OffsetDateTime`` fields (``published``, ``modified``),
``datetime_utc`` the ``UtcTimestamp`` ones (``fetched_at`` of records, ``at`` of error lines),
``date`` the ``IsoDate`` ones (``start_date``, ``end_date``, ``effective_date``); enums are
strings. A date string that does not parse becomes ``NaT`` (its ``*_raw`` companion keeps the
page text).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from crawler.records.fields import Kind, record_fields
from crawler.research.load import LoadReport, load_dicts, record_class

TIMEZONE = "Europe/Copenhagen"

# Field kind (crawler.records.fields) → column kind (the table above).
COLUMN_KINDS: dict[Kind, str] = {
    "string": "string", "enum": "string", "integer": "integer", "number": "number",
    "boolean": "boolean", "datetime": "datetime_local", "timestamp": "datetime_utc",
    "date": "date", "list": "list", "object": "object",
}
PANDAS_DTYPES = {
    "string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean",
    "datetime_local": f"datetime64[ns, {TIMEZONE}]", "datetime_utc": "datetime64[ns, UTC]",
    "date": "datetime64[ns]", "list": "object", "object": "object",
}


@cache
def column_kinds(record_type: str) -> dict[str, str]:
    """Column name → kind (see the module table), in JSON order, for one record type or
    ``"errors"``. Records start with ``record_type``."""
    kinds = {} if record_type == "errors" else {"record_type": "string"}
    for f in record_fields(record_class(record_type)):
        kinds[f.name] = COLUMN_KINDS[f.type.kind]
    return kinds


def column_dtypes(record_type: str) -> dict[str, str]:
    """Column name → pandas dtype name of :func:`to_pandas`' frames."""
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


def to_pandas(path: str | Path, record_type: str, *, report: LoadReport | None = None,
              validate: bool = False) -> Any:
    """The records of one type (or ``"errors"``) as a pandas DataFrame with real dtypes.

    Columns are the record's JSON fields in order; dtypes are listed by
    :func:`column_dtypes` (date-times
    ``datetime64[ns, Europe/Copenhagen]``,
    ``fetched_at`` ``datetime64[ns, UTC]``, dates ``datetime64[ns]``, ``Int64``,
    ``Float64``, ``boolean``, ``string``; lists and objects stay Python lists and dicts).
    Needs the ``research`` extra (pandas).
    """
    rows = load_dicts(path, record_type, report=report, validate=validate)
    return frame_from_dicts(rows, record_type)
