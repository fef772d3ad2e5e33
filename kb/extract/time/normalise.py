"""Normalisation: a recognised candidate -> TIMEX3 type, value, granularity and interval.

Every rule is language-independent: it reads the named groups of a candidate and looks their
words up in the lexicon. Relative expressions are resolved against the document creation time
(``dct``, the publication date) and never against the machine clock; "the next day" style
expressions are resolved against the last day-level date mentioned before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kb.extract.time.calendar import (
    MONTH_NAMES_EN, SEASON_START, WEEKDAY_NAMES_EN, add_months, month_interval, quarter_interval,
    season_interval, season_of, shift_years, week_interval, week_value, year_interval,
)
from kb.extract.time.lexicon import Lexicon, norm_key
from kb.extract.time.recognise import Candidate

__all__ = ["Context", "Result", "normalise", "nearest_yearless", "weekday_on_or_before", "weekend_of",
           "weekday_on_or_after", "duration_value", "weekday_conflict"]


@dataclass
class Context:
    lex: Lexicon
    dct: date | None
    prev: date | None = None  # last day-level date of the text so far
    prev_period: date | None = None  # start of the last dated DATE expression of the text so far


@dataclass
class Result:
    fields: dict
    time_of_day: str | None = None  # "T06:12" / "TMO" still waiting for its day
    shift: tuple | None = None  # (amount, unit code, direction) of an "N units ago" expression
    period_year: int | None = None  # "the 1988 period": the quarter under discussion, in that year


# ---------------------------------------------------------------- calendar helpers

def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# News mostly reports what has happened: a year-less date or month is read as the nearest one to
# the publication date, counting a distance into the future this many times.
FUTURE_WEIGHT = 2


def nearest_yearless(month: int, day: int, dct: date) -> date | None:
    """The date with this month and day nearest to `dct` (future distances count double; ties go
    to the past)."""
    best = None
    for y in (dct.year - 1, dct.year, dct.year + 1):
        d = _safe(y, month, day)
        if d is None:
            continue
        diff = (d - dct).days
        key = (diff * FUTURE_WEIGHT if diff > 0 else -diff, d > dct)
        if best is None or key < best[0]:
            best = (key, d)
    return best[1] if best else None


def weekday_on_or_before(wd: int, ref: date) -> date:
    return ref - timedelta(days=(ref.weekday() - wd) % 7)


def weekday_on_or_after(wd: int, ref: date) -> date:
    return ref + timedelta(days=(wd - ref.weekday()) % 7)


def nearest_weekday(wd: int, ref: date) -> date:
    back = weekday_on_or_before(wd, ref)
    fwd = weekday_on_or_after(wd, ref)
    return back if (ref - back) <= (fwd - ref) else fwd


def weekday_conflict(text: str, d: date, wd: int) -> tuple[tuple[str, ...], str | None]:
    """A conflict message and the weekday's reading when `d` is not a `wd`."""
    if d.weekday() == wd:
        return (), None
    msg = (f"'{text}': {d.day} {MONTH_NAMES_EN[d.month - 1]} {d.year} is a "
           f"{WEEKDAY_NAMES_EN[d.weekday()]}, not a {WEEKDAY_NAMES_EN[wd]}")
    return (msg,), nearest_weekday(wd, d).isoformat()


def _day(d: date, **kw) -> dict:
    return dict(type="DATE", value=d.isoformat(), granularity="day", date_start=d, date_end=d, **kw)


def _month(y: int, m: int, **kw) -> dict:
    s, e = month_interval(y, m)
    return dict(type="DATE", value=f"{y:04d}-{m:02d}", granularity="month", date_start=s, date_end=e, **kw)


def _year(y: int, **kw) -> dict:
    s, e = year_interval(y)
    return dict(type="DATE", value=f"{y:04d}", granularity="year", date_start=s, date_end=e, **kw)


def _week(d: date, **kw) -> dict:
    s, e = week_interval(d)
    return dict(type="DATE", value=week_value(d), granularity="week", date_start=s, date_end=e, **kw)


def _season(y: int, code: str, **kw) -> dict:
    s, e = season_interval(y, code)
    return dict(type="DATE", value=f"{y:04d}-{code}", granularity="season", date_start=s, date_end=e, **kw)


def _quarter(y: int, n: int, months: int, **kw) -> dict | None:
    letter = {3: "Q", 6: "H"}.get(months)
    if letter is None or not 1 <= n <= 12 // months:
        return None
    s, e = quarter_interval(y, n, months)
    gran = "quarter" if months == 3 else "half"
    return dict(type="DATE", value=f"{y:04d}-{letter}{n}", granularity=gran, date_start=s, date_end=e, **kw)


def _decade(dec: int, **kw) -> dict:  # dec = 199 for the 1990s
    # TIMEX3 writes a decade as its first three digits ("199" = the 1990s), as TimeBank does
    return dict(type="DATE", value=f"{dec:03d}", granularity="decade", date_start=date(dec * 10, 1, 1),
                date_end=date(dec * 10 + 9, 12, 31), **kw)


def _century(c: int, **kw) -> dict:  # c = 20 for 2000-2099
    return dict(type="DATE", value=f"{c:02d}", granularity="century", date_start=date(max(c * 100, 1), 1, 1),
                date_end=date(c * 100 + 99, 12, 31), **kw)


# ---------------------------------------------------------------- units and durations

_DESIG = ("Y", "Q", "M", "W", "D", "H", "MIN", "S")
_SMALLER = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
_MINUTES = {"Y": 525960.0, "Q": 131490.0, "M": 43830.0, "W": 10080.0, "D": 1440.0, "H": 60.0, "MIN": 1.0, "S": 1 / 60}


def parse_unit(code: str) -> tuple[float, str, bool]:
    """"2W*" -> (2, "W", plural). Decades/centuries/quarters become years/months."""
    plural = code.endswith("*")
    code = code.rstrip("*")
    i = 0
    while i < len(code) and code[i].isdigit():
        i += 1
    mult = float(code[:i]) if i else 1.0
    base = code[i:]
    if base == "DE":
        return mult * 10, "Y", plural
    if base == "CE":
        return mult * 100, "Y", plural
    return mult, base, plural


def duration_value(parts: list[tuple[float | None, str]]) -> tuple[str, float | None]:
    """[(1, "H"), (45, "MIN")] -> ("PT1H45M", 105.0); a None amount gives "PTXH" / "PXY"."""
    if any(n is None for n, _ in parts):
        u = parts[0][1]
        if u in ("H", "MIN", "S"):
            return "PTX" + ("M" if u == "MIN" else u), None
        return "PX" + u, None
    amounts: dict[str, float] = {}
    for n, u in parts:
        amounts[u] = amounts.get(u, 0.0) + float(n)
    # fractions go to the next smaller unit
    for u in _DESIG:
        v = amounts.get(u)
        if v is None:
            continue
        frac = v - int(v)
        if frac > 1e-9 and u in _SMALLER:
            amounts[u] = float(int(v))
            su, f = _SMALLER[u]
            amounts[su] = amounts.get(su, 0.0) + frac * f
    if "W" in amounts and any(k in amounts for k in ("Y", "Q", "M", "D", "H", "MIN", "S")):
        amounts["D"] = amounts.get("D", 0.0) + amounts.pop("W") * 7
    minutes = sum(v * _MINUTES[u] for u, v in amounts.items())

    def fmt(v: float) -> str:
        return str(int(round(v))) if abs(v - round(v)) < 1e-6 else f"{v:.2f}".rstrip("0").rstrip(".")

    if "Q" in amounts and len(amounts) > 1:
        amounts["M"] = amounts.get("M", 0.0) + amounts.pop("Q") * 3
    date_part = "".join(f"{fmt(amounts[u])}{u}" for u in ("Y", "Q", "M", "W", "D") if amounts.get(u))
    time_part = "".join(f"{fmt(amounts[u])}{'M' if u == 'MIN' else u}" for u in ("H", "MIN", "S")
                        if amounts.get(u))
    if not date_part and not time_part:
        return "PT0M" if any(u in ("H", "MIN", "S") for _, u in parts) else "P0D", 0.0
    return "P" + date_part + ("T" + time_part if time_part else ""), minutes


# ---------------------------------------------------------------- rules

def _get(ctx: Context, c: Candidate, ph: str, group: str | None = None):
    t = c.groups.get(group or ph)
    return None if t is None else ctx.lex.lookup(ph, t)


def _mod(ctx: Context, c: Candidate) -> str | None:
    return _get(ctx, c, "mod") or _get(ctx, c, "edge") or None


def _month_num(ctx: Context, c: Candidate, suffix: str = "") -> int | None:
    for ph in ("month", "monthname"):
        if ph + suffix in c.groups:
            return _get(ctx, c, ph, ph + suffix)
    if "mnum" + suffix in c.groups:
        m = int(c.groups["mnum" + suffix])
        return m if 1 <= m <= 12 else None
    return None


def _spelled_year(ctx: Context, c: Candidate) -> int | None:
    """"nineteen ninety-six" (a century word and a two-digit number), "the year two thousand"."""
    g = c.groups
    if "yearcent" in g:
        cent = _get(ctx, c, "yearcent")
        n = ctx.lex.parse_number(g["num"]) if "num" in g else None
        if cent is None or n is None or n != int(n) or not 10 <= n <= 99:
            return None
        return int(cent) * 100 + int(n)
    if "base" in c.args:
        n = ctx.lex.parse_number(g["num"]) if "num" in g else 0
        if n is None or n != int(n) or not 0 <= n <= 99:
            return None
        return int(c.args["base"]) + int(n)
    return None


def _pod_suffix(ctx: Context, c: Candidate) -> str | None:
    p = _get(ctx, c, "pod") or _get(ctx, c, "pod", "pod_2")
    return p or None


def _with_pod(fields: dict, pod: str | None, typ: str = "TIME") -> dict:
    """A day with a part of day: value "2014-12-31TMO". TIMEX3 makes it a TIME ("this morning",
    "Rabu (31/12) pagi"); a language's lexicon may keep a named day with a part of day a DATE
    (``named_day_with_part_of_day``: TimeBank tags "Monday night" so)."""
    if pod and fields.get("granularity") == "day":
        fields = dict(fields, type=typ, value=fields["value"] + "T" + pod, granularity="time")
    return fields


def _named_day_pod_type(ctx: Context) -> str:
    return ctx.lex.raw.get("named_day_with_part_of_day", "TIME")


def r_date(c: Candidate, ctx: Context, text: str) -> Result | None:
    g = c.groups
    day = int(g["day"])
    month = _month_num(ctx, c)
    if month is None or not 1 <= day <= 31:
        return None
    wd = _get(ctx, c, "weekday")
    extra: dict = {}
    if "year" in g:
        d = _safe(int(g["year"]), month, day)
        if d is None:
            return None
        basis = "explicit"
    elif ctx.dct is not None:
        d = nearest_yearless(month, day, ctx.dct)
        if d is None:
            return None
        basis = "relative"
        extra["ambiguity"] = "date"
    else:
        if _safe(2000, month, day) is None:
            return None
        f = dict(type="DATE", value=f"XXXX-{month:02d}-{day:02d}", granularity="day", date_start=None,
                 date_end=None, basis="none", weekday=wd)
        pod = _pod_suffix(ctx, c)
        if pod:
            f.update(value=f["value"] + "T" + pod, granularity="time")
        return Result(f)
    conflicts, alt = ((), None)
    if wd is not None:
        conflicts, alt = weekday_conflict(text[c.start:c.end], d, wd)
    f = _day(d, basis=basis, weekday=wd, conflicts=conflicts, alt_value=alt, **extra)
    return Result(_with_pod(f, _pod_suffix(ctx, c), _named_day_pod_type(ctx)))


def r_iso(c: Candidate, ctx: Context, text: str) -> Result | None:
    g = c.groups
    d = _safe(int(g["year"]), int(g["mnum"]), int(g["day"]))
    if d is None:
        return None
    f = _day(d, basis="explicit")
    if "hour" in g:
        h, mi = int(g["hour"]), int(g["minute"])
        if h > 24:
            return None
        f.update(type="TIME", value=f"{d.isoformat()}T{h:02d}:{mi:02d}", granularity="time")
    return Result(f)


def r_range(c: Candidate, ctx: Context, text: str) -> Result | None:
    g = c.groups
    if c.args.get("unit") == "month":
        m1, m2 = _month_num(ctx, c), _month_num(ctx, c, "_2")
        if not m1 or not m2 or m1 == m2:
            return None
        if "year" in g:
            y2 = int(g["year"])
            y1 = y2 if m1 < m2 else y2 - 1
            basis = "explicit"
        elif ctx.dct:
            y1 = ctx.dct.year
            y2 = y1 if m1 < m2 else y1 + 1
            basis = "relative"
        else:
            return Result(dict(type="DATE", value=f"XXXX-{m1:02d}", granularity="range", date_start=None,
                               date_end=None, basis="none"))
        s = date(y1, m1, 1)
        e = month_interval(y2, m2)[1]
        return Result(dict(type="DATE", value=f"{y1:04d}-{m1:02d}", granularity="range", date_start=s,
                           date_end=e, basis=basis))
    d1, d2 = int(g["day"]), int(g["day_2"])
    m1 = _month_num(ctx, c)
    m2 = _month_num(ctx, c, "_2") or m1
    if m1 is None:
        return None
    if "year_2" in g:
        y1, y2 = int(g["year"]), int(g["year_2"])
        basis = "explicit"
    elif "year" in g:
        y1 = y2 = int(g["year"])
        if (m2, d2) < (m1, d1):
            y1 -= 1
        basis = "explicit"
    elif ctx.dct:
        s = nearest_yearless(m1, d1, ctx.dct)
        if s is None:
            return None
        y1 = y2 = s.year
        if (m2, d2) < (m1, d1):
            y2 += 1
        basis = "relative"
    else:
        return Result(dict(type="DATE", value=f"XXXX-{m1:02d}-{d1:02d}", granularity="range", date_start=None,
                           date_end=None, basis="none"))
    s, e = _safe(y1, m1, d1), _safe(y2, m2, d2)
    if s is None or e is None or e <= s or (e - s).days > 366:
        return None
    return Result(dict(type="DATE", value=s.isoformat(), granularity="range", date_start=s, date_end=e,
                       basis=basis))


def r_year_range(c: Candidate, ctx: Context, text: str) -> Result | None:
    y1, y2 = int(c.groups["year"]), int(c.groups["year_2"])
    if not (1000 <= y1 < y2 <= y1 + 60):
        return None
    return Result(dict(type="DATE", value=f"{y1:04d}", granularity="range", date_start=date(y1, 1, 1),
                       date_end=date(y2, 12, 31), basis="explicit"))


def r_month(c: Candidate, ctx: Context, text: str) -> Result | None:
    g = c.groups
    m = _month_num(ctx, c)
    if m is None:
        return None
    mod = _mod(ctx, c)
    if "year" in g:
        return Result(_month(int(g["year"]), m, basis="explicit", mod=mod))
    if "yearcent" in g:
        y = _spelled_year(ctx, c)
        return Result(_month(y, m, basis="explicit", mod=mod)) if y else None
    dct = ctx.dct
    if dct is None:
        return Result(dict(type="DATE", value=f"XXXX-{m:02d}", granularity="month", date_start=None, date_end=None,
                           basis="none", mod=mod))
    rel = _get(ctx, c, "rel")
    yrel = _get(ctx, c, "rel", "rel_2")
    if yrel is not None:
        y = dct.year + int(yrel)
    elif rel is not None and rel < 0:
        y = dct.year if m < dct.month else dct.year - 1
    elif rel is not None and rel > 0:
        y = dct.year if m > dct.month else dct.year + 1
    elif rel == 0:
        y = dct.year
    else:
        # nearest to the publication month, ties to the past
        def dist(yy: int) -> tuple[int, bool, int]:
            diff = (yy * 12 + m) - (dct.year * 12 + dct.month)
            return (diff * FUTURE_WEIGHT if diff > 0 else -diff, diff > 0, yy)

        best = min(dist(yy) for yy in (dct.year - 1, dct.year, dct.year + 1))
        return Result(_month(best[2], m, basis="relative", mod=mod, ambiguity="month"))
    return Result(_month(y, m, basis="relative", mod=mod))


def r_weekend(c: Candidate, ctx: Context, text: str) -> Result | None:
    if ctx.dct is None:
        return Result(dict(type="DATE", value="XXXX-WXX-WE", granularity="range", date_start=None, date_end=None,
                           basis="none"))
    rel = _get(ctx, c, "rel")
    extra = {}
    if rel is None:
        # news reports what happened: a bare "the weekend" is the last one (this one from Saturday on);
        # a future cue reads it forwards (`resolve_future`)
        rel = 0 if ctx.dct.weekday() >= 5 else -1
        extra["ambiguity"] = "weekend"
    return Result(weekend_of(ctx.dct + timedelta(days=7 * int(rel)), basis="relative", mod=_mod(ctx, c), **extra))


def weekend_of(ref: date, **kw) -> dict:
    """The weekend of the ISO week of `ref`."""
    monday = week_interval(ref)[0]
    return dict(type="DATE", value=week_value(ref) + "-WE", granularity="range",
                date_start=monday + timedelta(days=5), date_end=monday + timedelta(days=6), **kw)


def r_weekday(c: Candidate, ctx: Context, text: str) -> Result | None:
    wd = _get(ctx, c, "weekday")
    if wd is None:
        return None
    pod = _pod_suffix(ctx, c)
    mod = _mod(ctx, c)
    dct = ctx.dct
    if dct is None:
        f = dict(type="DATE", value=f"XXXX-WXX-{wd + 1}", granularity="day", date_start=None, date_end=None,
                 basis="none", weekday=wd, mod=mod)
        return Result(f)
    rel = _get(ctx, c, "rel")
    wrel = _get(ctx, c, "rel", "rel_2")
    extra = {}
    if wrel is not None:
        monday = week_interval(dct + timedelta(days=7 * int(wrel)))[0]
        d = monday + timedelta(days=wd)
    elif rel is not None and rel < 0:
        d = weekday_on_or_before(wd, dct - timedelta(days=1))
    elif rel is not None and rel > 0:
        d = weekday_on_or_after(wd, dct + timedelta(days=1))
    elif rel == 0:
        d = week_interval(dct)[0] + timedelta(days=wd)
    else:
        d = weekday_on_or_before(wd, dct)
        extra["ambiguity"] = "weekday"
    return Result(_with_pod(_day(d, basis="relative", weekday=wd, mod=mod, **extra), pod, _named_day_pod_type(ctx)))


def r_dayword(c: Candidate, ctx: Context, text: str) -> Result | None:
    v = _get(ctx, c, "dayword")
    if v is None:
        return None
    off, pod = (v[0], v[1]) if isinstance(v, list) else (int(v), None)
    pod = _pod_suffix(ctx, c) or pod
    mod = _mod(ctx, c)
    if ctx.dct is None:
        f = dict(type="DATE", value="XXXX-XX-XX", granularity="day", date_start=None, date_end=None, basis="none",
                 mod=mod)
        if pod:
            f.update(value="XXXX-XX-XXT" + pod, granularity="time")
        return Result(f)
    d = ctx.dct + timedelta(days=off)
    return Result(_with_pod(_day(d, basis="relative", mod=mod), pod))


def r_anchored_day(c: Candidate, ctx: Context, text: str) -> Result | None:
    off = _get(ctx, c, "anchorday")
    base = ctx.prev or ctx.dct
    if off is None or base is None:
        return None
    return Result(_day(base + timedelta(days=int(off)), basis="relative"))


def _relative_period(code: str, rel: int, dct: date, **kw) -> dict | None:
    mult, u, plural = parse_unit(code)
    if plural:
        return None
    if code.startswith("DE"):
        return _decade(dct.year // 10 + rel, **kw)
    if code.startswith("CE"):
        return _century(dct.year // 100 + rel, **kw)
    if code == "Q":
        n = (dct.month - 1) // 3 + rel
        y, q = dct.year + n // 4, n % 4 + 1
        return _quarter(y, q, 3, **kw)
    if mult != 1:
        return None
    if u == "D":
        return _day(dct + timedelta(days=rel), **kw)
    if u == "W":
        return _week(dct + timedelta(days=7 * rel), **kw)
    if u == "M":
        y, m = add_months(dct.year, dct.month, rel)
        return _month(y, m, **kw)
    if u == "Y":
        return _year(dct.year + rel, **kw)
    return None


def r_year_ago(c: Candidate, ctx: Context, text: str) -> Result | None:
    """"the year-ago quarter", "year-earlier": the comparison period a year back (a quarter when a
    quarter was just mentioned, else the previous year)."""
    if ctx.dct is None:
        return None
    return Result(_year(ctx.dct.year - 1, basis="relative"), shift=(1.0, "Y", -1))


def r_year_period(c: Candidate, ctx: Context, text: str) -> Result | None:
    """"the 1988 period", "the 1989 quarter": the year, narrowed to the quarter the text is comparing
    when one was just named (see `find_times`)."""
    y = int(c.groups["year"])
    return Result(_year(y, basis="explicit"), period_year=y)


def r_rel_unit(c: Candidate, ctx: Context, text: str) -> Result | None:
    code = c.args.get("unit") or _get(ctx, c, "unit")
    rel = _get(ctx, c, "rel")
    if rel is None:
        rel = c.args.get("rel")
    if code is None or rel is None:
        return None
    mod = _mod(ctx, c)
    if ctx.dct is None:
        _, u, plural = parse_unit(code)
        if plural or u not in ("D", "W", "M", "Y"):
            return None
        v = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}[u]
        gran = {"D": "day", "W": "week", "M": "month", "Y": "year"}[u]
        return Result(dict(type="DATE", value=v, granularity=gran, date_start=None, date_end=None, basis="none",
                           mod=mod))
    base = ctx.dct
    word = c.groups.get("rel")
    if word is not None and ctx.prev_period is not None and norm_key(word) in _to_previous(ctx.lex):
        # "the following year", "kuartal sebelumnya": counted from the period the text just named
        base = ctx.prev_period
    f = _relative_period(code, int(rel), base, basis="relative", mod=mod)
    return Result(f) if f else None


def _to_previous(lex: Lexicon) -> frozenset[str]:
    """Relative words counted from the last period of the text, not the DCT (``relative_to_previous``)."""
    got = getattr(lex, "_to_previous", None)
    if got is None:
        got = frozenset(norm_key(w) for w in lex.raw.get("relative_to_previous", ()))
        lex._to_previous = got
    return got


def _shift(base: date, n: float, code: str, direction: int, **kw) -> dict | None:
    mult, u, _ = parse_unit(code)
    k = n * mult
    if u in ("Y",) and k != int(k):
        u, k = "M", k * 12
    if u == "M" and k != int(k):
        u, k = "D", k * 30
    if u == "W" and k != int(k):
        u, k = "D", k * 7
    k = int(round(k)) * direction
    if u == "D":
        return _day(base + timedelta(days=k), **kw)
    if u == "W":
        return _week(base + timedelta(days=7 * k), **kw)
    if u == "Q":
        y, m = add_months(base.year, base.month, 3 * k)
        return _quarter(y, (m - 1) // 3 + 1, 3, **kw)
    if u == "M":
        y, m = add_months(base.year, base.month, k)
        return _month(y, m, **kw)
    if u == "Y":
        return _year(base.year + k, **kw)
    if u in ("H", "MIN", "S"):
        minutes = k * {"H": 60, "MIN": 1, "S": 1 / 60}[u]
        return _day(base + timedelta(minutes=minutes) if abs(minutes) >= 1440 else base, **kw)
    return None


def r_ago(c: Candidate, ctx: Context, text: str) -> Result | None:
    ago = _get(ctx, c, "ago")
    code = _get(ctx, c, "unit") or _get(ctx, c, "unitone")
    if not ago or not code:
        return None
    direction, anchor = int(ago[0]), ago[1]
    n = ctx.lex.parse_number(c.groups["num"]) if "num" in c.groups else 1.0
    mod = _mod(ctx, c)
    if n is None:
        return Result(dict(type="DATE", value="PAST_REF" if direction < 0 else "FUTURE_REF", granularity=None,
                           date_start=None, date_end=None, basis="relative", mod=mod))
    base = (ctx.prev or ctx.dct) if anchor == "previous" else ctx.dct
    if base is None:
        return None
    f = _shift(base, n, code, direction, basis="relative", mod=mod)
    return Result(f, shift=(n, code, direction)) if f else None


def r_duration(c: Candidate, ctx: Context, text: str) -> Result | None:
    g = c.groups
    lex = ctx.lex
    parts: list[tuple[float | None, str]] = []
    if "vagueunit" in g:
        code = _get(ctx, c, "vagueunit")
        if not code:
            return None
        _, u, _ = parse_unit(code)
        parts.append((None, u))
    elif "unitone" in g:
        code = _get(ctx, c, "unitone")
        if not code:
            return None
        mult, u, _ = parse_unit(code)
        parts.append((mult, u))
    else:
        for sfx in ("", "_2", "_3"):
            if "unit" + sfx not in g:
                continue
            code = _get(ctx, c, "unit", "unit" + sfx)
            if code is None:
                return None
            mult, u, plural = parse_unit(code)
            if plural and "-" + g["unit" + sfx] in text[c.start:c.end]:
                return None  # "three-quarters" is a fraction; compounds are singular ("five-year")
            if "num" + sfx in g:
                numtext = g["num" + sfx]
                if u == "S" and numtext.lower() in ("a", "an"):
                    return None  # "a second" is usually the ordinal
                if not sfx and norm_key(numtext) in lex.numbers_solo and "mod" not in g and _after_amount(lex, text, c.start):
                    return None  # a rate, not a duration: "$2 million a year", "four flights a week"
                n = lex.parse_number(numtext)
                if numtext.isdigit() and len(numtext) == 4 and 1800 <= int(numtext) <= 2100:
                    return None  # "the 1988 quarter", "2022 hari" (a year, not an amount)
                if n is None and numtext.lower() not in lex.vague_numbers:
                    return None
                if n is not None and n == 0:
                    return None
                parts.append((None if n is None else n * mult, u))
            else:
                if c.args.get("need_plural") and not plural:
                    return None
                if c.args.get("need_past") and "past" not in g:
                    return None
                parts.append((None if plural or c.args.get("need_plural") else mult, u))
        if not parts:
            return None
        half = _get(ctx, c, "half")
        if half and parts[-1][0] is not None:
            parts[-1] = (parts[-1][0] + float(half), parts[-1][1])
    if c.args.get("need_plural") and parts[0][0] is not None:
        return None
    value, minutes = duration_value(parts)
    return Result(dict(type="DURATION", value=value, granularity=None, date_start=None, date_end=None,
                       basis="explicit", mod=_mod(ctx, c), duration_minutes=minutes))


_AMOUNT_BEFORE = re.compile(r"(?:\d|(?<![^\W\d_])[^\W\d_]+)\s+(?:[^\W\d_]+s\s+)?$")


def _after_amount(lex: Lexicon, text: str, start: int) -> bool:
    """Whether `text` just before `start` ends in an amount: a number, optionally followed by a
    plural noun ("$1.76 ", "358,000 ", "24 hours ", "four flights ", "500 million ")."""
    before = text[max(0, start - 40):start]
    m = _AMOUNT_BEFORE.search(before)
    if not m:
        return False
    head = before[m.start():].split()[0].lower().strip("$,.")
    return head[:1].isdigit() or head in lex.numbers or head in lex.multipliers


def r_year(c: Candidate, ctx: Context, text: str) -> Result | None:
    y = int(c.groups["year"])
    cued = len(c.groups) > 1 or (c.end - c.start) > 4
    lo = 1000 if cued else 1900
    hi = 2100
    if not lo <= y <= hi:
        return None
    return Result(_year(y, basis="explicit", mod=_mod(ctx, c)))


def r_year_words(c: Candidate, ctx: Context, text: str) -> Result | None:
    y = _spelled_year(ctx, c)
    if y is None:
        return None
    return Result(_year(y, basis="explicit", mod=_mod(ctx, c)))


def r_decade(c: Candidate, ctx: Context, text: str) -> Result | None:
    g = c.groups
    if "decade" in g:
        dec = int(g["decade"]) // 10
    else:
        # "the '80s", "the nineties"
        short = int(g["decshort"]) if "decshort" in g else int(_get(ctx, c, "decword")) * 10
        ref = ctx.dct.year if ctx.dct else 2000
        # "the '80s": the latest such decade that has begun by the publication date
        dec = (20 if 2000 + short <= ref else 19) * 10 + short // 10
    return Result(_decade(dec, basis="explicit", mod=_mod(ctx, c)))


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(s: str) -> int | None:
    total = 0
    vals = [_ROMAN.get(ch) for ch in s.upper()]
    if None in vals:
        return None
    for i, v in enumerate(vals):
        total += -v if i + 1 < len(vals) and vals[i + 1] > v else v
    return total


def r_century(c: Candidate, ctx: Context, text: str) -> Result | None:
    s = c.groups["cnum"]
    n = int(s) if s.isdigit() else _roman(s)
    if not n or not 1 <= n <= 22:
        return None
    return Result(_century(n - 1, basis="explicit", mod=_mod(ctx, c)))


def r_season(c: Candidate, ctx: Context, text: str) -> Result | None:
    g = c.groups
    code = _get(ctx, c, "season")
    if code not in SEASON_START:
        return None
    mod = _mod(ctx, c)
    if "year" in g:
        return Result(_season(int(g["year"]), code, basis="explicit", mod=mod))
    if "yearcent" in g:
        y = _spelled_year(ctx, c)
        return Result(_season(y, code, basis="explicit", mod=mod)) if y else None
    rel = _get(ctx, c, "rel")
    yrel = _get(ctx, c, "rel", "rel_2")
    if c.args.get("need_qualifier") and rel is None and yrel is None:
        return None
    dct = ctx.dct
    if dct is None:
        return Result(dict(type="DATE", value=f"XXXX-{code}", granularity="season", date_start=None, date_end=None,
                           basis="none", mod=mod))
    if yrel is not None:
        return Result(_season(dct.year + int(yrel), code, basis="relative", mod=mod))
    years = range(dct.year - 2, dct.year + 2)
    if rel is not None and rel < 0:
        y = max(yy for yy in years if season_interval(yy, code)[1] < dct)
        return Result(_season(y, code, basis="relative", mod=mod))
    if rel is not None and rel > 0:
        y = min(yy for yy in years if season_interval(yy, code)[0] > dct)
        return Result(_season(y, code, basis="relative", mod=mod))
    cy, ccode = season_of(dct)
    if ccode == code:
        return Result(_season(cy, code, basis="relative", mod=mod))

    def dist(yy: int) -> tuple[int, bool]:
        s, e = season_interval(yy, code)
        return (min(abs((s - dct).days), abs((e - dct).days)), s > dct)

    y = min(years, key=dist)
    extra = {"ambiguity": "season"} if rel is None else {}
    return Result(_season(y, code, basis="relative", mod=mod, **extra))


def r_quarter(c: Candidate, ctx: Context, text: str) -> Result | None:
    g = c.groups
    if "qn" in g:
        n, months = int(g["qn"]), 3
    else:
        n = _get(ctx, c, "ordinal")
        pu = _get(ctx, c, "periodunit")
        months = {"Q": 3, "H": 6}.get(pu or "")
        if n is None or months is None:
            return None
    mod = _mod(ctx, c)
    if "year" in g:
        f = _quarter(int(g["year"]), int(n), months, basis="explicit", mod=mod)
        return Result(f) if f else None
    if ctx.dct is None:
        letter = "Q" if months == 3 else "H"
        return Result(dict(type="DATE", value=f"XXXX-{letter}{n}", granularity="quarter" if months == 3 else "half",
                           date_start=None, date_end=None, basis="none", mod=mod))
    y = ctx.dct.year - (1 if "yago" in g else 0)
    yrel = _get(ctx, c, "rel", "rel_2")
    rel = _get(ctx, c, "rel")
    if yrel is not None:
        y += int(yrel)
    elif rel is not None and rel < 0 and quarter_interval(y, int(n), months)[0] > ctx.dct:
        y -= 1
    elif rel is None and "yago" not in g and "fiscal" not in text[max(0, c.start - 8):c.end].lower():
        # "the fourth quarter" in January: the one just reported, not the one nine months ahead —
        # the instance nearest to the publication date, a distance into the future counting double
        # (no forward reading on a future cue: "will report third-quarter results" is still past)
        y = min((ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1),
                key=lambda yy: _period_distance(quarter_interval(yy, int(n), months), ctx.dct))
    f = _quarter(y, int(n), months, basis="relative", mod=mod)
    return Result(f) if f else None


def _period_distance(interval: tuple[date, date], dct: date) -> int:
    s, e = interval
    if e < dct:
        return (dct - e).days
    if s > dct:
        return (s - dct).days * FUTURE_WEIGHT
    return 0


def r_clock(c: Candidate, ctx: Context, text: str) -> Result | None:
    g = c.groups
    if "timeword" in g:
        hm = _get(ctx, c, "timeword")
        if not hm:
            return None
        h, mi = (int(x) for x in hm.split(":"))
    else:
        h = int(g["hour"])
        mi = int(g.get("minute") or 0)
        ampm = _get(ctx, c, "ampm")
        pod = _get(ctx, c, "pod")
        if ampm is not None:
            if not 1 <= h <= 12:
                return None
            h = h % 12 + int(ampm)
        elif pod in ("AF", "EV") and h < 12:
            h += 12
        elif pod == "NI" and 6 <= h < 12:
            h += 12
        if h > 24 or mi > 59:
            return None
    suffix = f"T{h:02d}:{mi:02d}"
    if ("weekday" in g or "dayword" in g) and "day" not in g and ctx.dct is not None:
        dr = r_weekday(c, ctx, text) if "weekday" in g else r_dayword(c, ctx, text)
        if dr is None or dr.fields.get("date_start") is None:
            return None
        d = dr.fields["date_start"]
        return Result(dict(type="TIME", value=d.isoformat() + suffix, granularity="time", date_start=d, date_end=d,
                           basis="relative", weekday=dr.fields.get("weekday"),
                           ambiguity=dr.fields.get("ambiguity")))
    if "year" in g and "mnum" in g and "day" in g and "weekday" not in g:
        d = _safe(int(g["year"]), int(g["mnum"]), int(g["day"]))
        if d is None:
            return None
        return Result(dict(type="TIME", value=d.isoformat() + suffix, granularity="time", date_start=d, date_end=d,
                           basis="explicit"))
    if "day" in g:  # "Rabu (5/2) pukul 00.00 WIB": the date of the expression
        dr = r_date(c, ctx, text)
        if dr is None:
            return None
        f = dr.fields
        if f.get("date_start") is None:
            return Result(dict(f, type="TIME", value=f["value"][:10] + suffix, granularity="time"))
        return Result(dict(f, type="TIME", value=f["date_start"].isoformat() + suffix, granularity="time"))
    return Result(dict(type="TIME", value=suffix, granularity="time", date_start=None, date_end=None,
                       basis="relative"), time_of_day=suffix)


def r_set(c: Candidate, ctx: Context, text: str) -> Result | None:
    g = c.groups
    base = dict(type="SET", granularity=None, date_start=None, date_end=None, basis="explicit")
    if "setword" in g:
        v = _get(ctx, c, "setword")
        return Result(dict(base, value=v)) if v else None
    if "monthname" in g:
        m = _month_num(ctx, c)
        return Result(dict(base, value=f"XXXX-{m:02d}")) if m else None
    if "weekday" in g:
        wd = _get(ctx, c, "weekday")
        if wd is None:
            return None
        pod = _pod_suffix(ctx, c)
        return Result(dict(base, value=f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else ""), weekday=wd))
    if "pod" in g:
        pod = _pod_suffix(ctx, c)
        return Result(dict(base, value=f"XXXX-XX-XXT{pod}")) if pod else None
    code = _get(ctx, c, "unit") or _get(ctx, c, "unitone")
    if not code:
        return None
    mult, u, _ = parse_unit(code)
    # "three times a week", "dua kali sehari": the number counts the times, the period stays one unit
    n = ctx.lex.parse_number(g["num"]) if "num" in g and not c.args.get("times") else 1.0
    if n is None:
        return None
    value, _ = duration_value([(n * mult, u)])
    return Result(dict(base, value=value))


def r_ref(c: Candidate, ctx: Context, text: str) -> Result | None:
    v = _get(ctx, c, "ref")
    if not v:
        return None
    return Result(dict(type="DATE", value=v, granularity=None, date_start=None, date_end=None, basis="relative"))


def holiday_date(spec: str, y: int) -> date | None:
    """"12-25" or "11-#4-3" (fourth Thursday of November; #-1 = the last) in year `y`."""
    m_s, _, rest = spec.partition("-")
    m = int(m_s)
    if not rest.startswith("#"):
        return _safe(y, m, int(rest))
    nth_s, _, wd_s = rest[1:].rpartition("-")
    nth, wd = int(nth_s), int(wd_s)
    if nth > 0:
        first = weekday_on_or_after(wd, date(y, m, 1))
        return first + timedelta(days=7 * (nth - 1))
    last = month_interval(y, m)[1]
    return weekday_on_or_before(wd, last) - timedelta(days=7 * (-nth - 1))


def r_holiday(c: Candidate, ctx: Context, text: str) -> Result | None:
    spec = _get(ctx, c, "holiday")
    if not spec:
        return None
    if "year" in c.groups:
        d = holiday_date(spec, int(c.groups["year"]))
        return Result(_day(d, basis="explicit")) if d else None
    dct = ctx.dct
    if dct is None:
        return None
    rel = _get(ctx, c, "rel")
    dates = [d for d in (holiday_date(spec, y) for y in (dct.year - 1, dct.year, dct.year + 1)) if d]
    if rel is not None and rel < 0:
        d = max(x for x in dates if x < dct)
    elif rel is not None and rel > 0:
        d = min(x for x in dates if x > dct)
    else:
        d = min(dates, key=lambda x: (abs((x - dct).days), x > dct))
    return Result(_day(d, basis="relative"))


RULES = {
    "holiday": r_holiday,
    "date": r_date, "iso": r_iso, "range": r_range, "year_range": r_year_range, "month": r_month,
    "weekend": r_weekend, "weekday": r_weekday, "dayword": r_dayword, "anchored_day": r_anchored_day,
    "rel_unit": r_rel_unit, "year_ago": r_year_ago, "year_period": r_year_period, "ago": r_ago, "duration": r_duration, "year": r_year, "year_words": r_year_words, "decade": r_decade,
    "century": r_century, "season": r_season, "quarter": r_quarter, "clock": r_clock, "set": r_set,
    "ref": r_ref,
}


def normalise(c: Candidate, ctx: Context, text: str) -> Result | None:
    """The normalised fields of one candidate, or None when it is not a temporal expression after all."""
    rule = RULES.get(c.rule)
    if rule is None:
        return None
    try:
        return rule(c, ctx, text)
    except (ValueError, OverflowError, KeyError, TypeError):
        return None
