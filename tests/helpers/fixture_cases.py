"""Temporary copies of fixture cases, to see how the fixture check reports an edited one."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crawler.devtools.fixtures import FIXTURE_ROOT

Records = list[dict[str, Any]]


def copy_case(name: str, into: Path) -> Path:
    """A copy of ``fixtures/pages/<name>`` as ``into/<name>`` (the case keeps its name)."""
    target = into / name
    shutil.copytree(FIXTURE_ROOT / name, target)
    return target


def rewrite_expected(folder: Path, edit: Callable[[Records], Records]) -> None:
    """Replace the case's expected.jsonl by ``edit`` of its records, in the same format."""
    path = folder / "expected.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in edit(records)),
                    encoding="utf-8")
