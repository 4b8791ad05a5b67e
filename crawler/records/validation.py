"""Checking records against the shipped JSON Schemas.

Valid lines — nearly all of them — are accepted by a validator compiled to Python code by
``fastjsonschema`` (about 30 µs a record, against 0.3–4 ms for ``jsonschema``); only a line
it rejects goes through ``jsonschema``, whose messages name every failing field.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from crawler.records import RECORD_TYPES
from crawler.records.schema import load_schema


@cache
def fast_validator(name: str) -> Any:
    import fastjsonschema

    schema = {k: v for k, v in load_schema(name).items() if k != "$schema"}
    return fastjsonschema.compile(schema)


def _fast_ok(name: str, data: Any) -> bool:
    import fastjsonschema

    try:
        fast_validator(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def validator(name: str) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


def record_problems(data: Any) -> list[str]:
    """Problems of one decoded JSON line, as ``field: message`` strings (empty when valid)."""
    if not isinstance(data, dict):
        return ["<line>: not a JSON object"]
    rtype = data.get("record_type")
    if rtype not in RECORD_TYPES:
        return [f"record_type: unknown record type {rtype!r}"]
    if _fast_ok(rtype, data):
        return []
    problems = []
    for error in sorted(validator(rtype).iter_errors(data), key=lambda e: list(e.path)):
        where = ".".join(str(p) for p in error.absolute_path) or "<record>"
        problems.append(f"{where}: {error.message}")
    return problems


def error_line_problems(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return ["<line>: not a JSON object"]
    if _fast_ok("error", data):
        return []
    return [f"{'.'.join(str(p) for p in e.absolute_path) or '<line>'}: {e.message}"
            for e in validator("error").iter_errors(data)]
