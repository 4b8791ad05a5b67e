"""Danish dates as printed on computerworld.dk.

The site prints dates as ``2. februar 2026``, ``16. & 17. september 2026`` (two-day events),
``3. februar 2026 kl. 08:15`` / ``Udgivet 6. marts 2017 kl. 10.02`` and ``d. 27. oktober 2006``.
These go through a regular expression with a table of month names (about a microsecond);
``dateparser`` is imported and called only for phrasing the regex does not know, because its
first call costs ~140 ms and each further call ~1 ms — as much as parsing a whole page.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    # abbreviations seen in Danish print
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

DATE_RE = re.compile(
    r"(?<!\d)(?P<day>[0-3]?\d)\.\s*" + _MONTH + r"\s+(?P<year>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
# "16. & 17. september 2026", "16.-17. september 2026", "16. og 17. september 2026"
TWO_DAY_RE = re.compile(
    r"(?<!\d)(?P<day1>[0-3]?\d)\.?\s*(?:&|og|-|–)\s*(?P<day2>[0-3]?\d)\.\s*"
    + _MONTH + r"\s+(?P<year>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
NUMERIC_DATE_RE = re.compile(
    r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d])")
# "10.02" needs "kl."; a colon time after the date needs nothing.
CLOCK_RE = re.compile(r"(?<![\d.:])(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d)(?![\d:])")
# "30. september & 1. oktober 2026": two days across a month boundary
TWO_MONTH_RE = re.compile(
    r"(?<!\d)(?P<day1>[0-3]?\d)\.\s*" + _MONTH.replace("month", "month1")
    + r"\s*(?:&|og|-|–)\s*(?P<day2>[0-3]?\d)\.\s*" + _MONTH.replace("month", "month2")
    + r"\s+(?P<year>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
TIME_RE = re.compile(r"\bkl\.?\s*(?P<hour>[0-2]?\d)[.:](?P<minute>[0-5]\d)\b", re.IGNORECASE)

_UTC_SECONDS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z")

# How often the slow fallback ran in this process: tests assert the fast path never needs it.
dateparser_calls = 0


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), MONTHS[month.lower().rstrip(".")], int(day))
    except (ValueError, KeyError):
        return None


def find_date(text: str, *, fallback: bool = False) -> date | None:
    """The first ``D. <måned> ÅÅÅÅ`` date in ``text``, or ``None``.

    With ``fallback=True`` text the regex does not understand is handed to ``dateparser``
    (Danish only, no relative dates).
    """
    match = DATE_RE.search(text)
    if match:
        return _make_date(match["year"], match["month"], match["day"])
    if fallback:
        parsed = _dateparser(text)
        return parsed.date() if parsed else None
    return None


def event_dates(text: str) -> tuple[date | None, date | None]:
    """Start and end date of an event date line; one-day events have ``start == end``.

    Understands ``16. & 17. september 2026`` (also ``og``, ``-``, ``–`` between the days),
    ``30. september & 1. oktober 2026`` and ``28. april 2026``. Returns ``(None, None)`` when
    no date is found.
    """
    across = TWO_MONTH_RE.search(text)
    if across:
        start = _make_date(across["year"], across["month1"], across["day1"])
        end = _make_date(across["year"], across["month2"], across["day2"])
        if start and end and start <= end:
            return start, end
    two = TWO_DAY_RE.search(text)
    if two:
        start = _make_date(two["year"], two["month"], two["day1"])
        end = _make_date(two["year"], two["month"], two["day2"])
        if start and end:
            return start, end
    one = find_date(text)
    return one, one


def find_datetime(text: str) -> str | None:
    """An ISO 8601 string with the Copenhagen offset for a printed date and time.

    Understands ``… D. måned ÅÅÅÅ [kl. HH.MM]`` (also ``HH:MM``, ``kl.`` optional after a
    date) and the numeric ``D.M.ÅÅÅÅ [HH:MM]`` of article headers. With a time of day:
    ``2017-03-06T10:02:00+01:00``; without one the date alone, ``2006-10-27``. ``None`` when
    no date is found. Never calls ``dateparser``.
    """
    day = find_date(text)
    rest = text
    if day is None:
        numeric = NUMERIC_DATE_RE.search(text)
        if numeric is None:
            return None
        try:
            day = date(int(numeric["year"]), int(numeric["month"]), int(numeric["day"]))
        except ValueError:
            return None
        rest = text[numeric.end():]
    clock = TIME_RE.search(rest) or CLOCK_RE.search(rest)
    if clock is None:
        return day.isoformat()
    try:
        moment = datetime.combine(day, time(int(clock["hour"]), int(clock["minute"])))
    except ValueError:
        return day.isoformat()
    return moment.replace(tzinfo=COPENHAGEN).isoformat()


def to_copenhagen(value: str) -> str | None:
    """Normalise a metadata date (ISO 8601, JSON-LD, ``<time datetime>``) to Copenhagen time.

    ``2026-02-03T07:15:00Z`` → ``2026-02-03T08:15:00+01:00``; a value without an offset is
    taken as Copenhagen local time; a date alone stays a date. Unreadable values give ``None``.
    """
    raw = value.strip()
    if not raw:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            return None
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    if not 1990 <= moment.year <= 2100:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=COPENHAGEN)
    return moment.astimezone(COPENHAGEN).replace(microsecond=0).isoformat()


def utc_now_iso() -> str:
    """Now, UTC, ``YYYY-MM-DDTHH:MM:SSZ`` — the format of ``fetched_at``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def normalise_fetched_at(value: str) -> str:
    """Any ISO 8601 instant → ``YYYY-MM-DDTHH:MM:SSZ`` (UTC). Raises ``ValueError``."""
    if _UTC_SECONDS.match(value):
        datetime.fromisoformat(value[:-1])  # validates (raises ValueError on 2026-02-31)
        return value  # already in the stored form: the common case, once per page
    moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dateparser(text: str) -> datetime | None:
    global dateparser_calls
    dateparser_calls += 1
    return _dateparser_cached(text[:200])


@lru_cache(maxsize=4096)
def _dateparser_cached(text: str) -> datetime | None:
    import dateparser  # imported lazily: ~90 ms, and the fast path rarely needs it

    try:
        return dateparser.parse(
            text,
            languages=["da"],
            settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                      "STRICT_PARSING": True},
        )
    except Exception:  # dateparser raises assorted errors on odd input; a miss is a miss
        return None
