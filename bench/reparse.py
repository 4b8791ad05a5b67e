"""Re-parse scaling: pages a second re-parsing one WARC archive with
``crawler.runs.reparse.reparse(..., processes=N)`` for N = 1 and 2, alternating.

The archive is the one the large crawl of :mod:`bench.crawl` wrote (the default path); run on
its own, this module writes one directly with ``RunWriter.archive_response`` from the
synthetic site's pages.
"""

from __future__ import annotations

import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.report import Row, Target
from bench.timing import median
from crawler.devtools.synthetic import SyntheticSite
from crawler.runs.reparse import reparse

TARGET = Target(">=", 1.7, "issue 7")


def write_archive(pages: int, work: Path) -> Path:
    from crawler.storage.runfolder import RunWriter

    site = SyntheticSite(n_articles=pages)
    writer = RunWriter(Path(tempfile.mkdtemp(prefix="warc-", dir=work)), archive=True)
    for art_id in site.ids:
        writer.archive_response(f"http://127.0.0.1:8080{site.article_path(art_id)}", 200,
                                [("Content-Type", "text/html; charset=utf-8")],
                                site.page(art_id), "2026-01-15T10:00:00Z")
    writer.close()
    return writer.folder / "pages.warc.gz"


@dataclass
class ReparseRun:
    processes: int
    pages: int
    seconds: float
    main_cpu_s: float  # this process: reading the WARC, writing records
    worker_cpu_s: float  # the pool's processes, once they have exited

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds

    @property
    def cores(self) -> float:
        """Cores the run actually got: all its CPU time over its wall time. Below the
        process count on an idle machine only when the processes wait for each other."""
        return (self.main_cpu_s + self.worker_cpu_s) / self.seconds


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def time_reparse(warc: Path, processes: int, work: Path) -> ReparseRun:
    out = Path(tempfile.mkdtemp(prefix=f"reparse-{processes}-", dir=work))
    main0, kids0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    _, report = reparse([warc], out, processes=processes)
    seconds = time.perf_counter() - start
    return ReparseRun(processes, report.pages, seconds, _cpu(resource.RUSAGE_SELF) - main0,
                      _cpu(resource.RUSAGE_CHILDREN) - kids0)


def ceiling(one: ReparseRun, two: ReparseRun, cores: int = 2) -> float:
    """The speed-up 2 processes could reach on ``cores`` idle cores, from CPU time alone:
    limited by all the CPU work spread over the cores, and by the main process's share,
    which does not spread."""
    per_page_one = (one.main_cpu_s + one.worker_cpu_s) / one.pages
    total_two = (two.main_cpu_s + two.worker_cpu_s) / two.pages
    main_two = two.main_cpu_s / two.pages
    return per_page_one / max(total_two / cores, main_two)


def run(work: Path, warc: Path | None, pages: int, rounds: int) -> list[Row]:
    if warc is None:
        warc = write_archive(pages, work)
    runs: dict[int, list[ReparseRun]] = {1: [], 2: []}
    for n in range(rounds):
        for processes in ((1, 2) if n % 2 == 0 else (2, 1)):
            runs[processes].append(time_reparse(warc, processes, work))
    one = median([r.pages_per_s for r in runs[1]])
    two = median([r.pages_per_s for r in runs[2]])
    a, b = runs[1][-1], runs[2][-1]
    cpu_ms = {"1": (a.main_cpu_s + a.worker_cpu_s) / a.pages * 1e3,
              "2_main": b.main_cpu_s / b.pages * 1e3, "2_workers": b.worker_cpu_s / b.pages * 1e3}
    return [
        Row("re-parse", f"re-parse scaling, 2 ÷ 1 processes, WARC of {a.pages:,} pages",
            two / one, targets=[TARGET],
            detail=f"{one:,.0f} pages/s with 1 process, {two:,.0f} with 2"
                   + (f" (median of {rounds})" if rounds > 1 else "")
                   + f"; the runs got {a.cores:.2f} and {b.cores:.2f} cores of CPU",
            data={"runs": [r.__dict__ for rs in runs.values() for r in rs],
                  "cpu_ms_per_page": cpu_ms}),
        Row("re-parse", "re-parse scaling ceiling on 2 idle cores, from CPU time",
            ceiling(a, b),
            detail=f"CPU a page: {cpu_ms['1']:.1f} ms with 1 process; with 2, "
                   f"{cpu_ms['2_main']:.1f} ms in the main process + {cpu_ms['2_workers']:.1f} "
                   "ms in the workers"),
    ]
