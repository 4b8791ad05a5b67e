"""JSON Schemas (draft 2020-12) of the record types, generated from their classes.

The generated files ship in ``crawler/records/schemas/``; ``cwscrape schemas`` rewrites them and
a test fails when they are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crawler import SCHEMA_VERSION
from crawler.records.fields import ValueType, record_fields
from crawler.records.types import RECORD_TYPES, ErrorRecord

SCHEMA_DIR = Path(__file__).parent / "schemas"

# JSON types of the scalar kinds; dates and date-times are strings (their formats are
# documented, not enforced: a page may print a date no parser reads).
_JSON_TYPES = {"string": "string", "date": "string", "datetime": "string",
               "timestamp": "string", "integer": "integer", "number": "number",
               "boolean": "boolean"}


def _schema_for(value: ValueType) -> dict[str, Any]:
    schema: dict[str, Any]
    if value.kind == "enum":
        schema = {"type": "string", "enum": list(value.values)}
    elif value.kind == "list":
        assert value.item is not None
        schema = {"type": "array", "items": _schema_for(value.item)}
    elif value.kind == "object":
        assert value.cls is not None
        schema = _object_schema(value.cls)
    else:
        schema = {"type": _JSON_TYPES[value.kind]}
    if value.nullable:
        schema = {**schema, "type": [schema["type"], "null"]}
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def _object_schema(cls: type) -> dict[str, Any]:
    props = {f.name: _schema_for(f.type) for f in record_fields(cls)}
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
