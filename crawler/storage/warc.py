"""The run's WARC archive: every fetched response, as ``cwscrape reparse`` reads it back.

One ``response`` record per fetch, each gzip-compressed on its own (a torn last record costs
that record only), with the fetch time as ``WARC-Date`` so a re-parse gives every record the
``fetched_at`` of its original fetch.
"""

from __future__ import annotations

from io import BytesIO
from typing import BinaryIO


class WarcArchive:
    """Appends WARC ``response`` records to an open binary file; the caller owns the file
    (its flushing, fsync and rename are the run folder's)."""

    def __init__(self, handle: BinaryIO) -> None:
        from warcio.warcwriter import WARCWriter

        self._warc = WARCWriter(handle, gzip=True)

    def write_response(self, url: str, status: int, headers: list[tuple[str, str]],
                       body: bytes, fetched_at: str) -> None:
        """One response: ``headers`` as (name, value) text pairs in the order received,
        ``fetched_at`` an ISO 8601 UTC time."""
        from warcio.statusandheaders import StatusAndHeaders

        http_headers = StatusAndHeaders(f"{status} -", headers, protocol="HTTP/1.1")
        # The length given, warcio need not copy the body into a temporary file to learn it.
        record = self._warc.create_warc_record(
            url, "response", payload=BytesIO(body), length=len(body),
            http_headers=http_headers, warc_headers_dict={"WARC-Date": fetched_at})
        self._warc.write_record(record)
