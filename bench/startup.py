"""Start-up: wall time of ``cwscrape parse`` on one page, a fresh process each time, against
``python -c pass`` with the same interpreter, alternating, median of ``runs``."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.report import Row, Target
from bench.timing import median, ms

TARGET = Target("<=", 0.5, "issue 7")


def cwscrape_command() -> list[str]:
    """The installed ``cwscrape`` script beside this interpreter, else ``python -m crawler``."""
    script = Path(sys.executable).with_name("cwscrape")
    if script.exists():
        return [str(script)]
    found = shutil.which("cwscrape")
    return [found] if found else [sys.executable, "-m", "crawler"]


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def run(page: Path, runs: int) -> list[Row]:
    parse_cmd = [*cwscrape_command(), "parse", str(page)]
    pass_cmd = [sys.executable, "-c", "pass"]
    wall(parse_cmd)  # bytecode caches and the page cache warm, as for any second run
    parse_s: list[float] = []
    pass_s: list[float] = []
    for n in range(runs):
        for which in ((parse_cmd, parse_s), (pass_cmd, pass_s))[::1 if n % 2 else -1]:
            which[1].append(wall(which[0]))
    p, b = median(parse_s), median(pass_s)
    return [Row("start-up", f"cwscrape parse {page.parent.name}/{page.name}, wall", p, unit="s",
                targets=[TARGET],
                detail=f"{p / b:.1f}× python -c pass ({ms(b)}); median of {runs}",
                data={"parse_s": parse_s, "python_pass_s": pass_s, "ratio": p / b})]
