"""Re-parse archived pages with the current parsers: no network, all cores.

``cwscrape reparse ARCHIVE_OR_DIR... --out DIR`` reads the WARC files a crawl wrote
(``runs/*/pages.warc.gz``), parses every archived article response with ``parse_page`` in a
pool of worker processes, and writes a new run folder in the same dataset format. Each record
keeps the ``fetched_at`` of its page's original fetch (the WARC-Date), so re-parsing a crawl's
archive reproduces that crawl's records, and a parser fix can be applied to everything ever
fetched without touching the site.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from crawler.normalize.urls import article_id


@dataclass
class ArchivedPage:
    url: str
    fetched_at: str
    body: bytes
    encoding: str | None = None


@dataclass
class ReparseReport:
    pages: int = 0
    records: int = 0
    skipped_responses: int = 0
    torn_archives: list[str] = field(default_factory=list)


def warc_files(paths: Iterable[str | Path]) -> list[Path]:
    """WARC files named directly or found below the given folders, in name order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.warc.gz") if p.is_file()))
            found.extend(sorted(p for p in path.rglob("*.warc") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such archive or folder: {raw}")
    return found


def _charset(content_type: str | None) -> str | None:
    if content_type and "charset=" in content_type:
        return content_type.split("charset=", 1)[1].split(";")[0].strip().strip('"') or None
    return None


def iter_pages(path: Path, report: ReparseReport) -> Iterator[ArchivedPage]:
    """Article responses (status 200, ``/art/<id>`` URLs) of one WARC file.

    A torn last record (a crawl killed while writing) ends the file and is noted.
    """
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                status = record.http_headers.get_statuscode() if record.http_headers else None
                if status != "200" or article_id(url) is None:
                    report.skipped_responses += 1
                    continue
                date = record.rec_headers.get_header("WARC-Date") or ""
                content_type = record.http_headers.get_header("Content-Type")
                yield ArchivedPage(url, date, record.content_stream().read(),
                                   _charset(content_type))
        except Exception as exc:  # warcio raises assorted errors on a cut gzip member
            report.torn_archives.append(f"{path}: {type(exc).__name__}: {exc}")


Parsed = list[tuple[str, str, bytes]]  # (record type, record id, the JSON line)


def _parse(page: ArchivedPage) -> Parsed:
    """Parse in a worker and serialise there too: the main process only dedups and writes,
    so two workers really do twice the work."""
    from crawler.parsers import looks_complete, parse_page_report

    if not looks_complete(page.body):
        return []  # the crawl recorded it as incomplete_body; so does a re-parse
    try:
        records = parse_page_report(page.body, page.url, page.fetched_at,
                                    encoding=page.encoding).records
    except Exception:  # one bad page must not stop a re-parse of 300,000
        return []
    return [(r.record_type, r.record_id, (r.to_json() + "\n").encode("utf-8"))
            for r in records]


def reparse(paths: Iterable[str | Path], out: str | Path, *, processes: int | None = None,
            chunksize: int = 16) -> tuple[dict, ReparseReport]:
    """Re-parse archives into a new run folder under ``out``; returns (manifest, report)."""
    from crawler.storage.runfolder import RunWriter

    files = warc_files(paths)
    report = ReparseReport()
    writer = RunWriter(out)
    seen: set[tuple[str, str]] = set()
    workers = processes or os.cpu_count() or 1

    def pages() -> Iterator[ArchivedPage]:
        for path in files:
            yield from iter_pages(path, report)

    def consume(results: Iterable[Parsed]) -> None:
        for records in results:
            report.pages += 1
            for rtype, rid, line in records:
                if (rtype, rid) in seen:
                    continue
                seen.add((rtype, rid))
                writer.write_line(rtype, line)
                report.records += 1

    if workers == 1:
        consume(map(_parse, pages()))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            consume(pool.map(_parse, pages(), chunksize=chunksize))
    manifest = writer.close({"source": "reparse", "archives": [str(p) for p in files],
                             "pages": report.pages, "processes": workers,
                             "skipped_responses": report.skipped_responses,
                             "torn_archives": report.torn_archives})
    manifest["run_folder"] = str(writer.folder)
    return manifest, report
