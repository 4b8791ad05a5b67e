"""Per-crawl shared objects: the state database and the run writer.

The spider (to decide what to fetch), the WARC extension and the writer pipeline all need
them; they are created once per crawl and hung on the Scrapy crawler object.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from crawler.storage.runfolder import RunWriter, recover_run
from crawler.storage.state import CrawlState

logger = logging.getLogger(__name__)


def out_dir(crawler: Any) -> Path:
    return Path(crawler.settings.get("CWSCRAPE_OUT") or "data")


def get_state(crawler: Any) -> CrawlState:
    state = getattr(crawler, "cwscrape_state", None)
    if state is None:
        path = crawler.settings.get("CWSCRAPE_STATE") or out_dir(crawler) / "state.sqlite"
        state = CrawlState(path)
        crawler.cwscrape_state = state
        recover_interrupted(state, out_dir(crawler))
    return state


def recover_interrupted(state: CrawlState, out: Path) -> list[str]:
    """Close every run the state knows as still running (a killed earlier run)."""
    recovered = []
    for run_id in state.unfinished_runs():
        folder = out / "runs" / run_id
        if folder.exists():
            manifest = recover_run(folder, state.committed_lengths(run_id))
            logger.warning("recovered interrupted run %s (%d bytes of uncommitted output cut)",
                           run_id, manifest["bytes_cut"])
        state.finish_run(run_id, "", "interrupted")
        recovered.append(run_id)
    return recovered


def get_writer(crawler: Any) -> RunWriter:
    writer = getattr(crawler, "cwscrape_writer", None)
    if writer is None:
        get_state(crawler)  # recover earlier runs before a new one starts
        writer = RunWriter(out_dir(crawler), crawler.settings.get("CWSCRAPE_RUN_ID") or None,
                           archive=crawler.settings.getbool("CWSCRAPE_ARCHIVE", True))
        crawler.cwscrape_writer = writer
    return writer
