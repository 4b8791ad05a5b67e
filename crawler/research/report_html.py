"""The HTML of the report (:mod:`crawler.research.report`): the page skeleton, one CSS block,
and what sections are made of — figures (a chart from :mod:`crawler.research.charts` with its
caption), tables, numbers.

Pure string building, no dependencies, so it is cheap to test. Everything that comes from
the data is escaped here or by the caller.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from crawler import __version__

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #e4e7eb; --accent: #2563a8;
        --bg: #f4f6f8; --head: #0f2742; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
             Arial, sans-serif; }
.wrap { max-width: 1080px; margin: 0 auto; padding: 0 28px; }
header { background: var(--head); color: #fff; padding: 30px 0 26px; }
h1 { font-size: 27px; line-height: 1.2; margin: 0 0 6px; letter-spacing: -0.01em; }
header p { margin: 0; color: #bfccdb; font-size: 13px; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(128px, 1fr));
         gap: 12px; margin: 22px 0 0; }
.card { background: rgba(255, 255, 255, 0.08); border-radius: 8px; padding: 10px 14px; }
.card b { display: block; font-size: 24px; font-weight: 650;
          font-variant-numeric: tabular-nums; }
.card span { color: #bfccdb; font-size: 11.5px; text-transform: uppercase;
             letter-spacing: 0.05em; }
nav { background: #fff; border-bottom: 1px solid var(--line); font-size: 14px; }
nav a { display: inline-block; padding: 10px 14px 10px 0; margin-right: 6px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px;
          padding: 6px 28px 22px; margin: 22px 0; }
h2 { font-size: 20px; margin: 18px 0 10px; padding-bottom: 6px;
     border-bottom: 2px solid var(--accent); display: inline-block; }
h3 { font-size: 15px; margin: 24px 0 8px; color: #334e68; }
p { margin: 8px 0; max-width: 75ch; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
figure { margin: 6px 0 14px; }
.chart-svg { display: block; width: 100%; height: auto; max-width: 860px; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 2px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 6px 0 14px; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 11.5px;
     text-transform: uppercase; letter-spacing: 0.04em; padding: 6px 8px;
     border-bottom: 1px solid #cbd2d9; }
td { padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top;
     overflow-wrap: anywhere; }
tbody tr:nth-child(even) td { background: #fafbfc; }
.nowrap { white-space: nowrap; overflow-wrap: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bar { width: 35%; }
td.bar span { display: block; height: 9px; margin-top: 6px; border-radius: 2px;
              background: var(--accent); opacity: 0.75; }
.empty { color: var(--muted); font-style: italic; }
.muted { color: var(--muted); font-weight: 400; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
        gap: 0 32px; }
.coverage table { font-size: 12.5px; }
.coverage td:first-child { white-space: nowrap; overflow-wrap: normal; }
footer { color: var(--muted); font-size: 12.5px; padding: 4px 0 40px; }
@media print { nav { display: none; } section { break-inside: avoid-page; } }
"""


@dataclass
class Section:
    """One section of the page; ``id`` is its anchor in the navigation."""

    id: str
    heading: str
    body: str
    subsections: list[tuple[str, str]] = field(default_factory=list)  # (heading, html)

    def html(self) -> str:
        parts = [f'<section id="{self.id}"><h2>{escape(self.heading)}</h2>', self.body]
        for heading, body in self.subsections:
            parts.append(f"<h3>{escape(heading)}</h3>{body}")
        return "".join(parts) + "</section>"


def number(value: int) -> str:
    """An integer with a space between thousands: ``12 345``."""
    return f"{value:,}".replace(",", " ")


def figure(svg: str, name: str, caption: str = "") -> str:
    """A chart (an ``<svg>`` from :mod:`crawler.research.charts`) with an optional caption;
    the figure's id is ``chart-<name>``."""
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="chart" id="chart-{name}">{svg}{cap}</figure>'


def empty(text: str) -> str:
    """The muted line shown where a chart or table has nothing to show."""
    return f'<p class="empty">{escape(text)}</p>'


def _text(value: Any) -> str:
    if value is None or repr(value) in ("<NA>", "NaT", "nan"):
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return number(value)
    return escape(str(value))


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *,
          link_column: int | None = None, numeric: Collection[int] = (),
          nowrap: Collection[int] = (), bars: Sequence[float] | None = None) -> str:
    """An HTML table. Cells are escaped; ``None``/NA/NaT show as a dash.

    ``link_column``: cells there are ``(text, url)`` pairs rendered as links (plain text
    when the URL is missing); ``numeric``: indexes of right-aligned number columns;
    ``nowrap``: indexes of columns kept on one line (dates); ``bars``: one share (0–1) per row,
    drawn as a bar in an extra last column.
    """
    def cls(i: int) -> str:
        names = [n for n, cols in (("num", numeric), ("nowrap", nowrap)) if i in cols]
        return f' class="{" ".join(names)}"' if names else ""

    head = "".join(f"<th{cls(i)}>{escape(h)}</th>" for i, h in enumerate(headers))
    if bars is not None:
        head += '<th aria-hidden="true"></th>'
    body = []
    for r, row in enumerate(rows):
        cells = []
        for i, value in enumerate(row):
            if i == link_column:
                text, url = value
                url = None if url is None or repr(url) == "<NA>" else str(url)
                value_html = (f'<a href="{escape(url)}" rel="noopener noreferrer">'
                              f"{_text(text)}</a>" if url else _text(text))
            else:
                value_html = _text(value)
            cells.append(f"<td{cls(i)}>{value_html}</td>")
        if bars is not None:
            share = max(0.0, min(1.0, float(bars[r])))
            cells.append(f'<td class="bar"><span style="width:{share * 100:.1f}%"></span></td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def page(*, title: str, subtitle: str, cards: Sequence[tuple[str, str]],
         sections: Sequence[Section]) -> str:
    """The whole document. ``cards`` are (label, value) pairs in the header; ``sections``
    also make the navigation."""
    card_html = "".join(f'<div class="card"><b>{escape(value)}</b><span>{escape(label)}'
                        "</span></div>" for label, value in cards)
    nav = "".join(f'<a href="#{escape(s.id)}">{escape(s.heading)}</a>' for s in sections)
    body = "".join(s.html() for s in sections)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cwscrape {escape(__version__)}">
<title>{escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header><div class="wrap"><h1>{escape(title)}</h1><p>{escape(subtitle)}</p>
<div class="cards">{card_html}</div></div></header>
<nav><div class="wrap">{nav}</div></nav>
<main class="wrap">{body}</main>
<footer><div class="wrap">Made by cwscrape {escape(__version__)}. What the fields mean, their
caveats and how to treat the personal data in people news: <code>docs/data-card.md</code>.
</div></footer>
</body>
</html>
"""
