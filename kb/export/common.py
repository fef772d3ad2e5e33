"""Helpers shared by the export formats: a meeting's time span at its precision, and plain labels."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

KIND_LABELS = {"in_person": "in person", "phone": "phone call", "video": "video call"}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def _d(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def precision(m: dict) -> str | None:
    """'day', 'month', 'year' or 'interval' (a season, week, quarter or range); None when undated."""
    d = m.get("date")
    start, end = _d(m.get("date_start")), _d(m.get("date_end"))
    if not d and not start:
        return None
    gran = m.get("granularity")
    if gran in ("season", "quarter", "range", "week"):
        return "interval" if start else ("year" if d and _YEAR.match(d) else "month")
    if d and _DAY.match(d):
        return "day"
    if d and _MONTH.match(d):
        return "month"
    if d and _YEAR.match(d):
        if start and end and (start, end) != (date(start.year, 1, 1), date(start.year, 12, 31)):
            return "interval"
        return "year"
    return "interval" if start else None


def span(m: dict) -> tuple[date, date] | None:
    """First and last day (inclusive) the meeting may have taken place, at the precision the store has."""
    p = precision(m)
    if p is None:
        return None
    start, end = _d(m.get("date_start")), _d(m.get("date_end"))
    d = m.get("date") or ""
    if p == "day":
        first = _d(d) or start
        return first, (end if end and end > first else first)
    if p == "month":
        y, mo = (int(x) for x in d.split("-")[:2]) if _MONTH.match(d) else (start.year, start.month)
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    if p == "year":
        y = int(d[:4]) if _YEAR.match(d[:4] or "") else start.year
        return date(y, 1, 1), date(y, 12, 31)
    return start, end or start


def year_of(m: dict) -> int | None:
    s = span(m)
    return s[0].year if s else None


def people_label(m: dict) -> str:
    return " & ".join(m.get("participants") or []) or "unknown participants"


def place_label(m: dict) -> str:
    return ", ".join(x for x in (m.get("place"), m.get("country")) if x)


def when_label(m: dict) -> str:
    """ISO date at its precision, with the interval for vaguer spans; 'date unknown' when undated."""
    p = precision(m)
    if p is None:
        return "date unknown"
    s, e = span(m)
    if p == "interval" or (p == "day" and s != e):
        return f"{m.get('date') or s.isoformat()} ({s.isoformat()} – {e.isoformat()})"
    return m.get("date") or s.isoformat()


def duration_label(m: dict) -> str | None:
    n = m.get("duration_minutes")
    if not n:
        return None
    mod = {"at_most": "at most ", "about": "about "}.get(m.get("duration_mod") or "", "")
    if n >= 60 and n % 60 == 0:
        text = f"{n // 60} h"
    elif n > 60:
        text = f"{n // 60} h {n % 60} min"
    else:
        text = f"{n} min"
    return mod + text


def one_line(s) -> str:
    return " ".join(str(s).split()) if s is not None else ""


def next_day(d: date) -> date:
    return d + timedelta(days=1)
