"""What each field of a record class holds, read once from its annotations.

Four things are built from the record classes: the JSON Schemas (:mod:`crawler.records.schema`),
the records rebuilt from JSON (:mod:`crawler.research.load`), the DataFrame dtypes
(:mod:`crawler.research.dataframes`) and the Arrow types of the Parquet files
(:mod:`crawler.research.parquet`). They all read the classes here, through
:func:`record_fields`: a new field needs no change in any of them, and an annotation is
interpreted in one place only.

========= ============================================ =======================================
kind      annotation                                   JSON value
========= ============================================ =======================================
string    ``str``                                      string
date      ``IsoDate`` (``Annotated[str, "date"]``)     ``"2026-02-03"``
datetime  ``OffsetDateTime``                           ``"2026-02-03T08:15:00+01:00"``
timestamp ``UtcTimestamp``                             ``"2026-02-03T07:15:00Z"``
enum      ``Literal["a", "b"]``                        one of the strings (``ValueType.values``)
integer   ``int``                                      integer
number    ``float``                                    number
boolean   ``bool``                                     true or false
list      ``list[X]``                                  array of X (``ValueType.item``)
object    a dataclass (``Block``, ``Link``, ``Image``) object (``ValueType.cls``)
========= ============================================ =======================================

``X | None`` is the same kind with ``nullable`` set. Anything else (a union of two types, a
dict) raises ``TypeError``: teach it here first.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal, get_args

Kind = Literal["string", "date", "datetime", "timestamp", "enum", "integer", "number",
               "boolean", "list", "object"]
# The kinds a ``str`` field may declare with ``Annotated[str, <format>]``.
TextFormat = Literal["date", "datetime", "timestamp"]
TEXT_FORMATS: Final = frozenset(get_args(TextFormat))

# Text fields with a format. Records carry them as strings; researchers get real dates.
IsoDate = Annotated[str, "date"]  # 2026-02-03
OffsetDateTime = Annotated[str, "datetime"]  # 2026-02-03T08:15:00+01:00 (the page's offset)
UtcTimestamp = Annotated[str, "timestamp"]  # 2026-02-03T07:15:00Z

_SCALARS: Final[dict[Any, Kind]] = {str: "string", int: "integer", float: "number",
                                    bool: "boolean"}


@dataclass(frozen=True)
class ValueType:
    """The type of one field's value (or of a list's items)."""

    kind: Kind
    nullable: bool = False  # None is allowed (``X | None``)
    values: tuple[str, ...] = ()  # enum: the allowed strings, in declaration order
    item: ValueType | None = None  # list: the type of each item
    cls: type | None = None  # object: the dataclass


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record class, in JSON order."""

    name: str
    type: ValueType
    has_default: bool  # may be left out when the class is built (and in a loaded JSON object)


def value_type(annotation: Any) -> ValueType:
    """The :class:`ValueType` of a resolved annotation (``typing.get_type_hints(cls,
    include_extras=True)``). Raises ``TypeError`` for an annotation no kind describes."""
    origin = typing.get_origin(annotation)
    args = get_args(annotation)
    if origin in (types.UnionType, typing.Union):
        non_null = [a for a in args if a is not type(None)]
        if len(non_null) == 1:
            return dataclasses.replace(value_type(non_null[0]), nullable=True)
    elif origin is Annotated:
        base, *metadata = args
        if base is str and len(metadata) == 1 and metadata[0] in TEXT_FORMATS:
            return ValueType(metadata[0])
    elif origin is Literal:
        if all(isinstance(a, str) for a in args):
            return ValueType("enum", values=args)
    elif origin is list:
        return ValueType("list", item=value_type(args[0]))
    elif isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return ValueType("object", cls=annotation)
    elif annotation in _SCALARS:
        return ValueType(_SCALARS[annotation])
    raise TypeError(f"no field kind for {annotation!r}; see crawler/records/fields.py")


# Per-class caches are plain dicts: ``functools.cache`` does not type-check with class keys.
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_FIELDS: dict[type, tuple[FieldSpec, ...]] = {}
_REQUIRED: dict[type, frozenset[str]] = {}


def field_names(cls: type) -> tuple[str, ...]:
    """The dataclass field names of a record (or nested) class, in JSON order.

    Without ``record_type``, which is a class variable. A plain dict lookup after the first
    call: records are serialised with it on the crawl's hot path.
    """
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def record_fields(cls: type) -> tuple[FieldSpec, ...]:
    """Every field of a dataclass (a record, ``ErrorRecord``, or a nested ``Block``, ``Link``,
    ``Image``), in JSON order, with its :class:`ValueType`. Worked out once per class."""
    specs = _FIELDS.get(cls)
    if specs is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        specs = _FIELDS[cls] = tuple(
            FieldSpec(f.name, value_type(hints[f.name]),
                      has_default=f.default is not dataclasses.MISSING
                      or f.default_factory is not dataclasses.MISSING)
            for f in dataclasses.fields(cls))
    return specs


def required_field_names(cls: type) -> frozenset[str]:
    """The fields without a default: a JSON object of the class must have them."""
    names = _REQUIRED.get(cls)
    if names is None:
        names = _REQUIRED[cls] = frozenset(f.name for f in record_fields(cls)
                                           if not f.has_default)
    return names
