"""Small matplotlib charts rendered to inline SVG strings for the HTML report.

:mod:`crawler.research.report` draws them from the data, and
:func:`crawler.research.report_html.figure` frames them with their captions.

Figures are made with the object API (``matplotlib.figure.Figure``, Agg backend, no pyplot
state) and written with ``svg.fonttype = none``, so text stays text and takes the page's
font. Each chart gets its own ``svg.hashsalt`` so the ids inside several inlined SVGs never
collide, and no date metadata, so the same data gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from html import escape
from typing import Any

PALETTE = ("#2563a8", "#e07b39", "#3a9a5b", "#8a5cc2", "#c94f7c", "#6b7a8f", "#c9a227",
           "#2aa3b5")
INK, MUTED, GRID = "#1f2933", "#52606d", "#e4e7eb"
STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same metrics everywhere
    "font.size": 9.5, "axes.edgecolor": "#9aa5b1", "axes.labelcolor": MUTED,
    "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 10,
    "xtick.color": MUTED, "ytick.color": MUTED, "text.color": INK,
    "svg.fonttype": "none", "figure.dpi": 100,
}
WIDTH = 7.6  # inches; the SVG scales to the column width anyway


def _rc(name: str) -> Any:
    from cycler import cycler

    return {**STYLE, "axes.prop_cycle": cycler(color=PALETTE), "svg.hashsalt": name}


def _new_figure(height: float) -> Any:
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH, height), layout="constrained")


def to_svg(fig: Any, name: str, label: str) -> str:
    """The figure as an ``<svg>`` element that scales to its container, labelled for
    screen readers."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    # Text stays text: fall back to the page's fonts where DejaVu Sans is not installed.
    text = text.replace("'DejaVu Sans'", "'DejaVu Sans', Verdana, system-ui, sans-serif")
    # Drop the fixed size from the root element (the viewBox keeps the aspect ratio).
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
                  rf'<svg\1 class="chart-svg" role="img" aria-label="{escape(label)}"',
                  text, count=1)
    return text


def _short(label: object, limit: int = 38) -> str:
    text = str(label)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hbar(labels: Sequence[object], values: Sequence[float], *, name: str, label: str,
         xlabel: str = "", color: str = PALETTE[0]) -> str:
    """Horizontal bars, first label on top, each bar labelled with its value."""
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(_rc(name)):
        fig = _new_figure(0.8 + 0.28 * max(len(labels), 1))
        ax = fig.add_subplot()
        positions = range(len(labels))
        bars = ax.barh(list(positions), list(values), color=color, height=0.68)
        ax.set_yticks(list(positions), [_short(x) for x in labels])
        ax.invert_yaxis()
        ax.bar_label(bars, padding=3, fontsize=8.5, color=MUTED,
                     fmt="{:,.0f}" if all(float(v).is_integer() for v in values) else "{:.0%}")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.grid(True, color=GRID)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.margins(x=0.12)
        if xlabel:
            ax.set_xlabel(xlabel)
        return to_svg(fig, name, label)


def time_bars(dates: Sequence[Any], values: Sequence[int], *, name: str, label: str,
              width_days: float, ylabel: str = "") -> str:
    """Vertical bars over a date axis (``dates`` are datetime-likes, one per bar)."""
    import matplotlib
    import matplotlib.dates
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(_rc(name)):
        fig = _new_figure(2.6)
        ax = fig.add_subplot()
        ax.bar(list(dates), list(values), width=width_days * 0.85, color=PALETTE[0])
        # A handful of bars must not stretch over the whole axis (one day → hour ticks).
        lo, hi = matplotlib.dates.date2num(min(dates)), matplotlib.dates.date2num(max(dates))
        pad = max(width_days, (12 * width_days - (hi - lo)) / 2)
        ax.set_xlim(lo - pad, hi + pad)
        locator = AutoDateLocator(minticks=3, maxticks=9)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.grid(True, color=GRID)
        ax.set_axisbelow(True)
        if ylabel:
            ax.set_ylabel(ylabel)
        return to_svg(fig, name, label)


def stacked_bars(categories: Sequence[str], series: dict[str, Sequence[float]], *,
                 name: str, label: str, ylabel: str = "") -> str:
    """Vertical bars per category, stacked by series, with a legend above the plot."""
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(_rc(name)):
        fig = _new_figure(2.9)
        ax = fig.add_subplot()
        bottom = [0.0] * len(categories)
        positions = list(range(len(categories)))
        for i, (key, values) in enumerate(series.items()):
            ax.bar(positions, list(values), bottom=bottom, label=key, width=0.7,
                   color=PALETTE[i % len(PALETTE)])
            bottom = [b + v for b, v in zip(bottom, values)]
        ax.set_xticks(positions, list(categories),
                      rotation=45 if len(categories) > 8 else 0,
                      ha="right" if len(categories) > 8 else "center")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.grid(True, color=GRID)
        ax.set_axisbelow(True)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=min(len(series), 4),
                  frameon=False, fontsize=8.5)
        if ylabel:
            ax.set_ylabel(ylabel)
        return to_svg(fig, name, label)


def runs_chart(runs: Sequence[str], pages: Sequence[int], errors: Sequence[int],
               drift: Sequence[int], *, name: str, label: str) -> str:
    """Pages fetched per run as bars; error lines and drifted pages as lines on top.
    ``runs`` are the tick labels (short: a start time)."""
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(_rc(name)):
        fig = _new_figure(2.7)
        ax = fig.add_subplot()
        positions = list(range(len(runs)))
        ax.bar(positions, list(pages), width=0.6, color="#c3d4ea", label="pages")
        ax.plot(positions, list(errors), marker="o", color=PALETTE[1], label="error lines")
        ax.plot(positions, list(drift), marker="s", color=PALETTE[4],
                label="layout drift (pages)")
        ax.set_xticks(positions, list(runs), fontsize=8,
                      rotation=30 if len(runs) > 8 else 0,
                      ha="right" if len(runs) > 8 else "center")
        pad = 0.6 + max(0, 6 - len(runs)) / 2  # a few runs: keep the bars slim, centred
        ax.set_xlim(-pad, len(runs) - 1 + pad)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.grid(True, color=GRID)
        ax.set_axisbelow(True)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, frameon=False,
                  fontsize=8.5)
        return to_svg(fig, name, label)
