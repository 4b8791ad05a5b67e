"""Re-parse scaling: pages a second re-parsing one WARC archive with
``crawler.reparse.reparse(..., processes=N)`` for N = 1 and 2, alternating.

The archive is the one the large crawl of :mod:`bench.crawl` wrote (the default path); run on
its own, this module writes one directly with ``RunWriter.archive_response`` from the
synthetic site's pages.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.report import Row, Target
from bench.timing import median
from crawler.reparse import reparse
from crawler.synthetic import SyntheticSite

TARGET = Target(">=", 1.7, "issue 7")


def write_archive(pages: int, work: Path) -> Path:
    from pipelines.jsonl import RunWriter

    site = SyntheticSite(n_articles=pages)
    writer = RunWriter(Path(tempfile.mkdtemp(prefix="warc-", dir=work)), archive=True)
    for art_id in site.ids:
        writer.archive_response(f"http://127.0.0.1:8080{site.article_path(art_id)}", 200,
                                [("Content-Type", "text/html; charset=utf-8")],
                                site.page(art_id), "2026-01-15T10:00:00Z")
    writer.close()
    return writer.folder / "pages.warc.gz"


def time_reparse(warc: Path, processes: int, work: Path) -> tuple[float, int]:
    out = Path(tempfile.mkdtemp(prefix=f"reparse-{processes}-", dir=work))
    start = time.perf_counter()
    _, report = reparse([warc], out, processes=processes)
    return time.perf_counter() - start, report.pages


def run(work: Path, warc: Path | None, pages: int, rounds: int) -> list[Row]:
    if warc is None:
        warc = write_archive(pages, work)
    rates: dict[int, list[float]] = {1: [], 2: []}
    counted = 0
    for n in range(rounds):
        for processes in ((1, 2) if n % 2 == 0 else (2, 1)):
            seconds, counted = time_reparse(warc, processes, work)
            rates[processes].append(counted / seconds)
    one, two = median(rates[1]), median(rates[2])
    return [Row("re-parse", f"re-parse scaling, 2 ÷ 1 processes, WARC of {counted:,} pages",
                two / one, targets=[TARGET],
                detail=f"{one:,.0f} pages/s with 1 process, {two:,.0f} with 2"
                       + (f" (median of {rounds})" if rounds > 1 else ""),
                data={"pages": counted, "pages_per_s": {str(k): v for k, v in rates.items()}})]
