"""The value the time layer hands on: one recognised and normalised temporal expression."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["TimeExpr", "TIMEX3_TYPES", "GRANULARITIES"]

TIMEX3_TYPES = ("DATE", "TIME", "DURATION", "SET")
GRANULARITIES = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century", "range", "time")


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression found in a text, normalised against the document creation time.

    Attributes:
        start, end: character offsets into the text given to `find_times`.
        text: ``text[start:end]``.
        type: TIMEX3 type: DATE, TIME, DURATION or SET.
        value: TIMEX3 value (``2013-03-22``, ``2013-W11``, ``2013-SU``, ``PT10M``, ``PRESENT_REF`` ...).
        granularity: day, week, month, season, quarter, half, year, decade, century, range, time,
            or None (durations, sets, references).
        date_start, date_end: the calendar interval covered (inclusive), None when unknown.
        mod: TIMEX3 mod (LESS_THAN, MORE_THAN, APPROX, START, MID, END, ...).
        basis: ``explicit`` (the text fixes it), ``relative`` (resolved against the publication
            date or an earlier date of the text) or ``none`` (could not be anchored).
        duration_minutes: length of a DURATION in minutes (approximate for months and years).
        weekday: the weekday named in the expression, 0 = Monday.
        conflicts: human-readable contradictions (a weekday that does not fit its date).
        alt_value: the other reading when there is a conflict (the weekday's nearest date).
        anchor_future: True when the value was resolved forwards (see `resolve_future`).
        ambiguity: internal tag naming how the expression could also be read forwards
            (``weekday``, ``date``, ``month``, ``season``) or None.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    granularity: str | None
    date_start: date | None
    date_end: date | None
    mod: str | None = None
    basis: str = "explicit"
    duration_minutes: float | None = None
    weekday: int | None = None
    conflicts: tuple[str, ...] = ()
    alt_value: str | None = None
    anchor_future: bool = False
    ambiguity: str | None = None
