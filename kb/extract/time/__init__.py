"""The time layer: recognise temporal expressions in Indonesian or English text and normalise them
to TIMEX3 values anchored to the publication date (document creation time).

One recogniser (`recognise`: regular expressions compiled from per-language data files,
``kb/extract/data/<lang>/time.json``) and one normaliser (`normalise`: language-independent rules).
Both meeting extraction and the TIMEX3 tagger (`kb timex`) use `find_times`.

    >>> from datetime import date
    >>> [(t.text, t.value) for t in find_times("Mereka bertemu Januari lalu.", "id", date(2023, 3, 2))]
    [('Januari lalu', '2023-01')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from kb.extract.time.calendar import month_interval, season_interval, shift_years, week_value
from kb.extract.time.lexicon import load_lexicon, supported_languages as _langs
from kb.extract.time.model import TimeExpr
from kb.extract.time.normalise import (
    Context, nearest_yearless, normalise, weekday_conflict, weekday_on_or_after, weekend_of,
)
from kb.extract.time.recognise import get_recogniser, select

__all__ = ["TimeExpr", "find_times", "resolve_future", "supported_languages"]

_PREVIOUS_ANCHORED = frozenset({"anchored_day", "ago", "rel_unit"})
_CUE_WINDOW = 80
_SENTENCE_END = re.compile(r"[.!?\n](?=\s|$)")


def supported_languages() -> list[str]:
    """Languages with a time lexicon (``kb/extract/data/<lang>/time.json``)."""
    return _langs()


@lru_cache(maxsize=None)
def _future_cue_rx(lang: str) -> re.Pattern | None:
    cues = load_lexicon(lang).future_cues
    if not cues:
        return None
    alt = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _cue_blocker_rx(lang: str) -> re.Pattern | None:
    words = load_lexicon(lang).raw.get("future_cue_blockers") or ()
    if not words:
        return None
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})\s+$", re.IGNORECASE)


def _has_future_cue(text: str, start: int, lang: str) -> bool:
    """A future cue ("will", "akan") before `start` in its sentence, not turned into a past plan by a
    word right before it ("had been scheduled to", "as previously planned")."""
    rx = _future_cue_rx(lang)
    if rx is None:
        return False
    window = text[max(0, start - _CUE_WINDOW):start]
    ends = list(_SENTENCE_END.finditer(window))
    if ends:
        window = window[ends[-1].end():]
    blocker = _cue_blocker_rx(lang)
    for m in rx.finditer(window):
        if blocker is None or not blocker.search(window, 0, m.start()):
            return True
    return False


def _as_date(published) -> date | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    return date.fromisoformat(str(published)[:10])


def find_times(text: str, lang: str, published: date | None) -> list[TimeExpr]:
    """Temporal expressions of `text` (non-overlapping, sorted, longest match wins).

    Args:
        text: a paragraph or a whole article.
        lang: a language code with a lexicon (see `supported_languages`).
        published: the document creation time every relative expression is anchored to; None
            leaves relative expressions unanchored (``XXXX`` values, basis ``none``).
    """
    dct = _as_date(published)
    rec = get_recogniser(lang)
    ctx = Context(lex=rec.lex, dct=dct)
    valid = []
    for c in rec.candidates(text):
        r = normalise(c, ctx, text)
        if r is not None:
            valid.append((c, r))
    chosen = select([c for c, _ in valid])
    results = {id(c): r for c, r in valid}
    out: list[TimeExpr] = []
    pending_time: list[int] = []
    last_quarter: TimeExpr | None = None
    for c in chosen:
        r = results[id(c)]
        if c.rule in _PREVIOUS_ANCHORED and (ctx.prev is not None or ctx.prev_period is not None):
            r = normalise(c, ctx, text) or r
        f = dict(r.fields)
        expr = TimeExpr(start=c.start, end=c.end, text=text[c.start:c.end], **f)
        if expr.ambiguity and dct is not None and _has_future_cue(text, c.start, lang):
            expr = resolve_future(expr, dct)
        if r.shift is not None and last_quarter is not None:
            expr = _compare_with_quarter(expr, r.shift, last_quarter, text)
        if r.period_year is not None and last_quarter is not None:
            expr = _quarter_of_year(expr, r.period_year, last_quarter)
        if r.time_of_day is not None:
            pending_time.append((len(out), ctx.prev))
        out.append(expr)
        if expr.date_start is not None and expr.type in ("DATE", "TIME") and (
                expr.date_start == expr.date_end or expr.granularity == "range"):
            ctx.prev = expr.date_start  # a span ("6-7 September") anchors "the following day" at its first day
        if expr.date_start is not None and expr.type == "DATE":
            ctx.prev_period = expr.date_start
        if expr.granularity == "quarter" and expr.type == "DATE" and r.shift is None and (
                dct is None or expr.date_start is None or expr.date_start <= dct):
            last_quarter = expr  # results are compared for a quarter begun, not a forecast one
    for i, prev in pending_time:
        out[i] = _attach_day(out, i, text, dct, prev)
    return out


_QUARTER_CONTEXT = 500


def _compare_with_quarter(expr: TimeExpr, shift: tuple, quarter: TimeExpr, text: str) -> TimeExpr:
    """"a year ago" right after a quarter ("third-quarter profit ... from a year ago") is that quarter
    a year back: the comparison keeps the granularity of the period it compares."""
    n, code, direction = shift
    if code.rstrip("*") != "Y" or n != int(n) or quarter.date_start is None:
        return expr
    if expr.start - quarter.end > _QUARTER_CONTEXT:
        return expr
    y = quarter.date_start.year + int(n) * direction
    q = quarter.value[-2:]
    s = quarter.date_start.replace(year=y)
    e = quarter.date_end.replace(year=y)
    return replace(expr, value=f"{y:04d}-{q}", granularity="quarter", date_start=s, date_end=e)


def _quarter_of_year(expr: TimeExpr, y: int, quarter: TimeExpr) -> TimeExpr:
    """"the 1988 period" after "the third quarter": the third quarter of 1988."""
    if quarter.date_start is None or expr.start - quarter.end > _QUARTER_CONTEXT:
        return expr
    k = y - quarter.date_start.year
    s, e = shift_years(quarter.date_start, k), shift_years(quarter.date_end, k)
    return replace(expr, value=f"{y:04d}-{quarter.value[-2:]}", granularity="quarter", date_start=s, date_end=e)


def _attach_day(out: list[TimeExpr], i: int, text: str, dct: date | None, prev: date | None = None) -> TimeExpr:
    """A clock time takes the day of an adjacent day expression in its sentence, else the last day
    mentioned before it (the narrative's reference day: "Minggu (11/2) malam. Laga dimulai pukul
    19.00 WIB"), else the DCT."""
    e = out[i]
    best = None
    for j, o in enumerate(out):
        if j == i or o.date_start is None or o.date_start != o.date_end or o.type not in ("DATE", "TIME"):
            continue
        lo, hi = (o.end, e.start) if o.end <= e.start else (e.end, o.start)
        gap = text[lo:hi]
        if hi - lo > 60 or _SENTENCE_END.search(gap):
            continue
        if best is None or hi - lo < best[0]:
            best = (hi - lo, o.date_start)
    if prev is not None and dct is not None and prev > dct:
        prev = None  # a day still to come is a plan, not the day the story is told on
    day = best[1] if best else (prev or dct)
    if day is None:
        return replace(e, value="XXXX-XX-XX" + e.value, basis="none")
    return replace(e, value=day.isoformat() + e.value, date_start=day, date_end=day,
                   basis="relative" if best is None or e.basis != "explicit" else e.basis)


def resolve_future(expr: TimeExpr, published: date) -> TimeExpr:
    """The forward reading of a direction-ambiguous expression.

    A bare weekday becomes the next such day on or after `published`; a year-less date its next
    occurrence on or after `published`; a bare month the next such month (this one included); a
    bare season the current or next one; a bare weekend this week's; a week that ends on `published`
    ("later this week" written on a Sunday, the last day of the ISO week) the seven days after it.
    Any other expression is returned unchanged.
    """
    kind = expr.ambiguity
    dct = _as_date(published)
    if dct is not None and expr.granularity == "week" and expr.date_end == dct and expr.date_start < dct:
        s, e = dct + timedelta(days=1), dct + timedelta(days=7)
        return replace(expr, value=week_value(s), date_start=s, date_end=e, anchor_future=True)
    if kind is None or dct is None:
        return expr
    suffix = ""
    if "T" in expr.value and expr.value[:1].isdigit():
        suffix = expr.value[expr.value.index("T"):]
    if kind == "weekday" and expr.weekday is not None:
        d = weekday_on_or_after(expr.weekday, dct)
        return replace(expr, value=d.isoformat() + suffix, date_start=d, date_end=d, anchor_future=True,
                       basis="relative")
    if kind == "date" and expr.date_start is not None:
        m, dd = expr.date_start.month, expr.date_start.day
        d = None
        for y in (dct.year, dct.year + 1, dct.year + 2, dct.year + 3, dct.year + 4):
            try:
                cand = date(y, m, dd)
            except ValueError:
                continue
            if cand >= dct:
                d = cand
                break
        if d is None:
            return expr
        conflicts, alt = expr.conflicts, expr.alt_value
        if expr.weekday is not None:
            conflicts, alt = weekday_conflict(expr.text, d, expr.weekday)
        return replace(expr, value=d.isoformat() + suffix, date_start=d, date_end=d, anchor_future=True,
                       conflicts=conflicts, alt_value=alt)
    if kind == "month" and expr.date_start is not None:
        m = expr.date_start.month
        y = dct.year if m >= dct.month else dct.year + 1
        s, e = month_interval(y, m)
        return replace(expr, value=f"{y:04d}-{m:02d}", date_start=s, date_end=e, anchor_future=True)
    if kind == "weekend":
        f = weekend_of(dct)
        return replace(expr, value=f["value"], date_start=f["date_start"], date_end=f["date_end"],
                       anchor_future=True)
    if kind == "season" and expr.date_start is not None:
        code = expr.value[-2:]
        for y in range(dct.year - 1, dct.year + 2):
            s, e = season_interval(y, code)
            if e >= dct:
                return replace(expr, value=f"{y:04d}-{code}", date_start=s, date_end=e, anchor_future=True)
    return expr


# keep the helper importable for colleagues who want the nearest-year reading directly
nearest_year_for = nearest_yearless
