"""Checking records against the shipped JSON Schemas (one compiled validator per type)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from crawler.records import RECORD_TYPES, load_schema


@lru_cache(maxsize=None)
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
    problems = []
    for error in sorted(validator(rtype).iter_errors(data), key=lambda e: list(e.path)):
        where = ".".join(str(p) for p in error.absolute_path) or "<record>"
        problems.append(f"{where}: {error.message}")
    return problems


def error_line_problems(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return ["<line>: not a JSON object"]
    return [f"{'.'.join(str(p) for p in e.absolute_path) or '<line>'}: {e.message}"
            for e in validator("error").iter_errors(data)]
