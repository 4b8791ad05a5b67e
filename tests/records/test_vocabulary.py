"""The vocabulary lists every code the code emits, and the record model agrees with it."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path
from typing import get_args

import pytest

from crawler.records import RECORD_TYPES, TYPE_ORDER, Block, PeopleNews, Record
from crawler.records import vocabulary as v
from crawler.records.fields import field_names, record_fields
from crawler.research.load import FILE_STEMS
from tests.conftest import ROOT


def _codes(node: ast.expr, module: object) -> set[str]:
    """The strings an expression can evaluate to: literals, lists and conditionals of them,
    module constants; an f-string counts as its literal prefix followed by ``*``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.List):
        return set().union(*(_codes(e, module) for e in node.elts))
    if isinstance(node, ast.IfExp):
        return _codes(node.body, module) | _codes(node.orelse, module)
    if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
        return {f"{node.values[0].value}*"}
    if isinstance(node, ast.Name) and isinstance(getattr(module, node.id, None), str):
        return {getattr(module, node.id)}
    return set()  # a variable, a starred list: its codes are found where they are made


def _is_warnings(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "warnings") or \
        (isinstance(node, ast.Attribute) and node.attr == "warnings")


def _warning_codes(path: Path, module: object) -> set[str]:
    """Codes passed to ``record.warn(…)``, ``….warnings.append(…)``, or assigned to a
    ``warnings`` list or keyword."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            if node.func.attr == "warn" or (node.func.attr == "append"
                                            and _is_warnings(node.func.value)):
                found |= _codes(node.args[0], module)
        if isinstance(node, ast.Assign) and any(_is_warnings(t) for t in node.targets):
            found |= _codes(node.value, module)
        if isinstance(node, ast.AnnAssign) and node.value is not None \
                and _is_warnings(node.target):
            found |= _codes(node.value, module)
        if isinstance(node, ast.keyword) and node.arg == "warnings":
            found |= _codes(node.value, module)
    return found


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_every_warning_the_parsers_emit_is_listed() -> None:
    found: set[str] = set()
    for path in sorted((ROOT / "crawler" / "parsers").rglob("*.py")):
        found |= _warning_codes(path, importlib.import_module(_module_name(path)))
    # The scan must see the codes made in every parser room, or it proves nothing.
    assert found >= {"no_title", "no_body", "date_unparsed", "people_news_unparsed",
                     "people_news_label_missing", "truncated"}
    assert found <= v.WARNINGS | {f"{v.EMPTY_WIDGET_PREFIX}*"}


def _reasons(path: Path) -> set[str]:
    """Error reasons: ``self.error(url, REASON, …)``, ``reason = …``, ``reason=…``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "error" and len(node.args) >= 2:
            found |= _codes(node.args[1], None)
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "reason" for t in node.targets):
            found |= _codes(node.value, None)
        if isinstance(node, ast.keyword) and node.arg == "reason":
            found |= _codes(node.value, None)
    return found


def test_every_error_reason_written_is_listed() -> None:
    sources = [ROOT / "spiders" / "computerworld.py", *sorted((ROOT / "pipelines").glob("*.py")),
               *sorted((ROOT / "crawler" / "fetching").glob("*.py"))]
    found = set().union(*(_reasons(p) for p in sources))
    from crawler.fetching.failures import REASONS  # the failure table names its reasons

    found |= {reason for _, reason in REASONS}
    assert {"offsite", "timeout", "parse_error", "invalid_record"} <= found
    assert found <= v.ERROR_REASONS | {f"{v.HTTP_ERROR_PREFIX}*"}
    assert v.POLICY_REASONS <= v.ERROR_REASONS


def test_record_types_follow_the_vocabulary() -> None:
    assert TYPE_ORDER == get_args(v.RecordType) == tuple(RECORD_TYPES)
    assert all(cls.record_type == name for name, cls in RECORD_TYPES.items())
    assert v.PER_PAGE_TYPES <= set(TYPE_ORDER)
    assert FILE_STEMS == (*TYPE_ORDER, "errors")


def test_provenance_fields_open_every_record() -> None:
    assert field_names(Record) == (*v.PROVENANCE_FIELDS, "warnings")
    for cls in RECORD_TYPES.values():
        assert field_names(cls)[:len(v.PROVENANCE_FIELDS)] == v.PROVENANCE_FIELDS
    assert set(v.UNHASHED_FIELDS) < set(v.PROVENANCE_FIELDS)
    assert "record_id" not in v.UNHASHED_FIELDS


@pytest.mark.parametrize("cls,name,literal", [(Block, "kind", v.BlockKind),
                                              (PeopleNews, "kind", v.PeopleKind)])
def test_enum_fields_take_their_values_from_the_vocabulary(cls: type, name: str,
                                                           literal: object) -> None:
    (spec,) = [f for f in record_fields(cls) if f.name == name]
    assert spec.type.values == get_args(literal)


def test_widget_kinds() -> None:
    assert v.RECORD_BEARING <= set(get_args(v.WidgetKind))
    assert v.empty_widget("job_ads") == "empty_widget:job_ads"
    assert set(v.DRIFT_WARNINGS) <= v.WARNINGS


def test_stats_keys() -> None:
    stats = {v.stat("errors", "timeout"): 2, v.stat("errors", "http_404"): 1,
             v.stat("written", "article"): 5, v.STAT_PAGES: 9}
    assert v.stat("errors", "timeout") == "cwscrape/errors/timeout"
    assert v.group_of(stats, "errors") == {"http_404": 1, "timeout": 2}
    assert v.group_of(stats, "drift") == {}
    constants = [value for name, value in vars(v).items() if name.startswith("STAT_")]
    assert all(c.startswith(v.STATS_PREFIX) for c in constants)
    assert len(set(constants)) == len(constants)
    assert 0 < v.DRIFT_MAX_SHARE < 1
