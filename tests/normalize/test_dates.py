from __future__ import annotations

from datetime import date

import pytest

from crawler.normalize import dates

CASES = [
    ("pr. 2. februar 2026", date(2026, 2, 2)),
    ("20. januar 2026", date(2026, 1, 20)),
    ("d. 27. oktober 2006", date(2006, 10, 27)),
    ("Udgivet 6. marts 2017 kl. 10.02", date(2017, 3, 6)),
    ("ingen dato her", None),
    ("31. februar 2026", None),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_date(text: str, expected: date | None) -> None:
    assert dates.find_date(text) == expected


@pytest.mark.parametrize("text,start,end", [
    ("16. & 17. september 2026", "2026-09-16", "2026-09-17"),
    ("16.-17. september 2026", "2026-09-16", "2026-09-17"),
    ("28. april 2026", "2026-04-28", "2026-04-28"),
])
def test_event_dates(text: str, start: str, end: str) -> None:
    s, e = dates.event_dates(text)
    assert (s.isoformat(), e.isoformat()) == (start, end)  # type: ignore[union-attr]


@pytest.mark.parametrize("text,expected", [
    ("3. februar 2026 kl. 08:15", "2026-02-03T08:15:00+01:00"),
    ("Udgivet 6. marts 2017 kl. 10.02", "2017-03-06T10:02:00+01:00"),
    ("1. juli 2025 kl. 12.00", "2025-07-01T12:00:00+02:00"),  # summer time
    ("d. 27. oktober 2006", "2006-10-27"),
])
def test_find_datetime_uses_copenhagen_offsets(text: str, expected: str) -> None:
    assert dates.find_datetime(text) == expected


@pytest.mark.parametrize("value,expected", [
    ("2026-02-03T07:15:00Z", "2026-02-03T08:15:00+01:00"),
    ("2025-11-27T14:30:00+01:00", "2025-11-27T14:30:00+01:00"),
    ("2025-06-01T10:00:00", "2025-06-01T10:00:00+02:00"),
    ("2025-06-01", "2025-06-01"),
    ("garbage", None),
])
def test_metadata_dates_become_copenhagen_time(value: str, expected: str | None) -> None:
    assert dates.to_copenhagen(value) == expected


def test_fast_path_does_not_call_dateparser() -> None:
    before = dates.dateparser_calls
    for text, _ in CASES:
        dates.find_date(text)
    dates.event_dates("16. & 17. september 2026")
    assert dates.dateparser_calls == before


def test_fallback_understands_unusual_phrasing() -> None:
    before = dates.dateparser_calls
    assert dates.find_date("den 3. feb. 2026", fallback=True) == date(2026, 2, 3)
    assert dates.find_date("2026-02-03", fallback=True) == date(2026, 2, 3)
    assert dates.dateparser_calls > before
