"""``python -m bench``: the project's performance figures, each a ratio against a baseline
measured side by side in the same run.

These machines are shared and noisy (absolute times drift by up to 1.5× between runs, see
``perf-baselines.md``), so every figure is measured against its baseline in the same run,
interleaved where the work is short enough to repeat, and summarised by medians. One module
per benchmark (:mod:`bench.parse`, :mod:`bench.quality`, :mod:`bench.people`,
:mod:`bench.crawl`, :mod:`bench.memory`, :mod:`bench.reparse`, :mod:`bench.startup`); each
returns :class:`bench.report.Row` objects, and :mod:`bench.__main__` prints them as one table
and writes ``bench-results/bench.json``.
"""
