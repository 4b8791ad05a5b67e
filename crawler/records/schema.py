"""JSON Schemas (draft 2020-12) of the record types, generated from their classes.

The generated files ship in ``crawler/records/schemas/``; ``cwscrape schemas`` rewrites them and
a test fails when they are stale.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from pathlib import Path
from typing import Any, Literal

from crawler import SCHEMA_VERSION
from crawler.records.types import RECORD_TYPES, ErrorRecord

SCHEMA_DIR = Path(__file__).parent / "schemas"


def _schema_for(annotation: Any) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (types.UnionType, typing.Union):
        non_null = [a for a in args if a is not type(None)]
        inner = _schema_for(non_null[0]) if len(non_null) == 1 else {
            "anyOf": [_schema_for(a) for a in non_null]}
        if type(None) in args:
            if "type" in inner and isinstance(inner["type"], str):
                inner = {**inner, "type": [inner["type"], "null"]}
                if "enum" in inner:
                    inner["enum"] = [*inner["enum"], None]  # type: ignore[list-item]
            else:
                inner = {"anyOf": [inner, {"type": "null"}]}
        return inner
    if origin is Literal:
        return {"type": "string", "enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _schema_for(args[0])}
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return _object_schema(annotation)
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if annotation in simple:
        return {"type": simple[annotation]}
    raise TypeError(f"no JSON Schema mapping for {annotation!r}")


def _object_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        props[f.name] = _schema_for(hints[f.name])
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def json_schema(record_type: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record type, generated from its class."""
    cls = RECORD_TYPES[record_type]
    schema = _object_schema(cls)
    schema["properties"] = {"record_type": {"const": record_type}, **schema["properties"]}
    schema["required"] = ["record_type", *schema["required"]]
    props = schema["properties"]
    props["record_id"].update(pattern="^[0-9a-f]{16}$")
    props["fetched_at"].update(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"cwscrape/{record_type}/v{SCHEMA_VERSION}",
        "title": f"cwscrape {record_type} record",
        **schema,
    }


def error_schema() -> dict[str, Any]:
    schema = _object_schema(ErrorRecord)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"cwscrape/error/v{SCHEMA_VERSION}", "title": "cwscrape error line", **schema}


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every shipped schema by file stem: the six record types and ``error``."""
    schemas = {name: json_schema(name) for name in RECORD_TYPES}
    schemas["error"] = error_schema()
    return schemas


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    """(Re)write the shipped schema files; ``make schemas`` calls this."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = directory / f"{name}.schema.json"
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


def load_schema(name: str) -> dict[str, Any]:
    """A shipped schema, read from the package data."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
