"""Publication dates from metadata and the command line: strict, and checked for plausibility."""

from __future__ import annotations

import re
from datetime import date, datetime

from kb.errors import InputError

__all__ = ["parse_published", "check_published", "EARLIEST_YEAR"]

#: Dates before 1 January of this year are refused as implausible publication dates.
EARLIEST_YEAR = 1900

_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d{1,9})?)?"
    r"\s*(?:Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?)?"
)


def _latest(today: date) -> date:
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def check_published(value: object, *, today: date | None = None) -> date:
    """The date in `value` (a string, `date` or `datetime`), or ValueError with the problem.

    Strings must be ``YYYY-MM-DD``, optionally followed by an ISO 8601 time and offset
    (``2023-03-02T08:15:00+07:00``, ``2023-03-02 08:15Z``); the date is taken as written, without
    converting time zones (it is the publisher's calendar day).
    """
    if isinstance(value, datetime):
        found = value.date()
        shown = value.isoformat()
    elif isinstance(value, date):
        found = value
        shown = value.isoformat()
    elif isinstance(value, str):
        shown = value.strip()
        m = _ISO.fullmatch(shown)
        if not m:
            raise ValueError(f"invalid published date {shown[:60]!r}: expected YYYY-MM-DD")
        try:
            found = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError as exc:
            raise ValueError(f"impossible published date {shown[:60]!r} ({exc})") from None
        if m["H"] is not None and (int(m["H"]) > 23 or int(m["M"]) > 59 or int(m["S"] or 0) > 59):
            raise ValueError(f"impossible published date {shown[:60]!r} (time out of range)")
    else:
        raise ValueError(f"invalid published date {value!r:.60}: expected YYYY-MM-DD")
    if found.year < EARLIEST_YEAR:
        raise ValueError(f"published date {shown[:60]!r} is before {EARLIEST_YEAR}")
    today = today or date.today()
    if found > _latest(today):
        raise ValueError(f"published date {shown[:60]!r} is more than a year in the future")
    return found


def parse_published(value: str, origin: str) -> date:
    """Parse a publication date given by `origin` (a file name, or an option such as ``--published``).

    Accepts ``YYYY-MM-DD`` and full ISO 8601 date-times (the date part is kept as written).

    Raises:
        InputError: naming `origin`, for malformed or impossible dates (``2023-02-30``,
            ``2023-13-01``), dates before 1900, and dates more than a year after today.
    """
    try:
        return check_published(value)
    except ValueError as exc:
        raise InputError(origin, str(exc)) from None

