"""Calendar arithmetic for TIMEX3 values: months, ISO weeks, seasons, quarters, intervals."""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

__all__ = [
    "add_months", "month_end", "month_interval", "week_value", "week_interval", "season_interval",
    "season_of", "quarter_interval", "year_interval", "shift_years", "SEASON_START",
    "MONTH_NAMES_EN", "WEEKDAY_NAMES_EN",
]

MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")
WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# meteorological seasons (northern hemisphere): code -> first month; WI of year Y is Dec Y..Feb Y+1
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def month_end(y: int, m: int) -> date:
    return date(y, m, _cal.monthrange(y, m)[1])


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def month_interval(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), month_end(y, m)


def year_interval(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def week_value(d: date) -> str:
    iy, iw, _ = d.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def week_interval(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def season_interval(y: int, code: str) -> tuple[date, date]:
    m = SEASON_START[code]
    ey, em = add_months(y, m, 2)
    return date(y, m, 1), month_end(ey, em)


def season_of(d: date) -> tuple[int, str]:
    """The season instance (year, code) containing `d`."""
    m = d.month
    if m in (12,):
        return d.year, "WI"
    if m in (1, 2):
        return d.year - 1, "WI"
    if m <= 5:
        return d.year, "SP"
    if m <= 8:
        return d.year, "SU"
    return d.year, "FA"


def quarter_interval(y: int, q: int, months: int = 3) -> tuple[date, date]:
    m = (q - 1) * months + 1
    ey, em = add_months(y, m, months - 1)
    return date(y, m, 1), month_end(ey, em)


def shift_years(d: date, k: int) -> date:
    try:
        return d.replace(year=d.year + k)
    except ValueError:  # 29 February
        return d.replace(year=d.year + k, day=28)
