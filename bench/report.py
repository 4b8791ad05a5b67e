"""Rows of the benchmark table: a figure, its targets, whether they are met; table and JSON."""

from __future__ import annotations

import json
import operator
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt,
}
_SHOWN = {"<=": "≤", ">=": "≥", "<": "<", ">": ">"}


@dataclass
class Target:
    """``value op bound``, e.g. ``Target("<=", 2.0, "issue 7")`` for "at most 2.0×".

    ``label`` replaces the printed bound when the bound is itself a measurement
    (``"> trafilatura"``).
    """

    op: str
    bound: float
    source: str
    label: str | None = None

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return _OPS[self.op](value, self.bound)

    def text(self, unit: str) -> str:
        shown = self.label or f"{_SHOWN[self.op]} {self.bound:g}{_unit(unit)}"
        return f"{shown} ({self.source})" if self.source else shown


@dataclass
class Row:
    """One figure of the table.

    ``value`` is the figure itself (a ratio wherever there is a baseline); ``detail`` says
    in absolute terms what was compared, for the reader; ``data`` holds the raw measurements
    for the JSON file.
    """

    group: str
    figure: str
    value: float | None
    unit: str = "×"
    targets: list[Target] = field(default_factory=list)
    detail: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def met(self) -> list[bool | None]:
        return [t.met(self.value) for t in self.targets]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["targets"] = [{**asdict(t), "met": t.met(self.value)} for t in self.targets]
        return out


def _number(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def _shown(row: Row) -> str:
    """The value, with one more digit when rounding would hide which side of a bound it is
    on (0.698 against ≥ 0.7 prints as 0.698, not 0.70)."""
    assert row.value is not None
    text = _number(row.value)
    for target in row.targets:
        if row.value != target.bound and float(text.replace(",", "")) == target.bound:
            return f"{row.value:.3g}" if abs(row.value) < 100 else f"{row.value:,.1f}"
    return text


def _unit(unit: str) -> str:
    return unit if unit in ("×", "%") else f" {unit}" if unit else ""


def _met_word(met: bool | None) -> str:
    return "n/a" if met is None else "met" if met else "NOT met"


def table(rows: list[Row]) -> str:
    """The rows as a plain-text table; a row with two targets takes two lines."""
    header = ("benchmark", "figure", "value", "target", "", "measured")
    lines: list[tuple[str, ...]] = []
    for row in rows:
        value = "—" if row.value is None else f"{_shown(row)}{_unit(row.unit)}"
        targets: list[Target | None] = [*row.targets] or [None]
        for n, target in enumerate(targets):
            first = n == 0
            lines.append((
                row.group if first else "",
                row.figure if first else "",
                value if first else "",
                target.text(row.unit) if target else "—",
                _met_word(target.met(row.value)) if target else "",
                row.detail if first else "",
            ))
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(5)]

    def render(line: tuple[str, ...]) -> str:
        cells = [line[0].ljust(widths[0]), line[1].ljust(widths[1]), line[2].rjust(widths[2]),
                 line[3].ljust(widths[3]), line[4].ljust(widths[4]), line[5]]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths) + "  " + "-" * 8
    return "\n".join([render(header), rule, *map(render, lines)])


def summary(rows: list[Row]) -> str:
    verdicts = [m for row in rows for m in row.met if m is not None]
    return f"{sum(verdicts)} of {len(verdicts)} targets met"


def write_json(path: Path, rows: list[Row], meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {**meta, "rows": [row.to_dict() for row in rows]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
