"""The layout holds: rooms by concern, data flowing one way, no import cycle.

Imports are read from the source (every ``import`` statement, also those inside functions:
an import made lazily is still a dependency), so a cycle hidden by a late import fails too.
Imports under ``if TYPE_CHECKING:`` are left out: they name a type for mypy and are never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("crawler", "spiders", "pipelines")
# The only modules allowed directly in crawler/; everything else lives in a room.
TOP_LEVEL = {"__init__", "__main__", "settings", "items", "errors"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the nodes under an ``if TYPE_CHECKING:`` block."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
                (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING") or
                (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports (a ``from X import Y`` of a module Y counts as X.Y)."""
    found = set()
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _type_checking_only(tree)
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in known else base)
    return {m for m in found if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first = last), or ``None``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_crawler_never_imports_pipelines_or_spiders() -> None:
    edges = [(a, b) for a, targets in import_graph().items() if a.startswith("crawler")
             for b in targets if b.split(".")[0] in ("pipelines", "spiders")]
    assert edges == []


def test_parsers_are_pure() -> None:
    """Parsers never import Scrapy, the crawl side or the researcher tools."""
    rooms = ("crawler.fetching", "crawler.storage", "crawler.runs", "crawler.research",
             "crawler.discovery", "crawler.cli", "crawler.devtools", "crawler.settings")
    bad = []
    for name, path in _modules().items():
        if not name.startswith("crawler.parsers"):
            continue
        source = path.read_text(encoding="utf-8")
        if "import scrapy" in source or "from scrapy" in source:
            bad.append(f"{name} imports scrapy")
        bad += [f"{name} imports {m}" for m in import_graph()[name] if m.startswith(rooms)]
    assert bad == []


@pytest.mark.parametrize("path", sorted((ROOT / "crawler").glob("*.py")), ids=lambda p: p.name)
def test_only_the_scrapy_entry_modules_sit_outside_a_room(path: Path) -> None:
    assert path.stem in TOP_LEVEL, f"crawler/{path.name} belongs in a sub-package"


def test_no_comment_cites_a_document_outside_the_repository() -> None:
    cited = []
    for package in (*PACKAGES, "bench", "reliability", "tests"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for marker in ("field guide", "field-guide", "record-spec", "record spec"):
                if marker in text.lower() and path.name != "test_layout.py":
                    cited.append(f"{path.relative_to(ROOT)}: {marker}")
    assert cited == []
