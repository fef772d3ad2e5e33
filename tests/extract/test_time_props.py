"""Property tests of the time layer: intervals contain their values and respect granularity; a
weekday next to a date either fits the calendar or is reported as a conflict."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from kb.extract.time import find_times, resolve_future

MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
WEEKDAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31))
published = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
FAST = settings(max_examples=60, deadline=None)


def _check_interval(t) -> None:
    """The interval is ordered and has the shape its granularity promises."""
    assert t.date_start is not None and t.date_end is not None
    assert t.date_start <= t.date_end
    s, e = t.date_start, t.date_end
    if t.granularity in ("day", "time"):
        assert s == e and t.value.startswith(s.isoformat())
    elif t.granularity == "week":
        assert s.weekday() == 0 and e == s + timedelta(days=6)
        iy, iw, _ = s.isocalendar()
        assert t.value == f"{iy:04d}-W{iw:02d}"
    elif t.granularity == "month":
        assert s.day == 1 and e == date(s.year, s.month, calendar.monthrange(s.year, s.month)[1])
        assert t.value == f"{s.year:04d}-{s.month:02d}"
    elif t.granularity == "year":
        assert (s, e) == (date(s.year, 1, 1), date(s.year, 12, 31)) and t.value == f"{s.year:04d}"
    elif t.granularity == "season":
        assert s.day == 1 and (e - s).days in range(88, 93)
        assert t.value == f"{s.year:04d}-{ {3: 'SP', 6: 'SU', 9: 'FA', 12: 'WI'}[s.month]}"
    elif t.granularity == "quarter":
        assert s.month in (1, 4, 7, 10) and s.day == 1 and t.value == f"{s.year:04d}-Q{(s.month - 1) // 3 + 1}"


def _only(text: str, lang: str, pub: date | None):
    found = find_times(text, lang, pub)
    assert len(found) == 1, (text, found)
    return found[0]


@FAST
@given(d=dates, pub=published)
def test_full_date_id(d, pub):
    t = _only(f"Mereka bertemu {d.day} {MONTHS_ID[d.month - 1]} {d.year} di sana.", "id", pub)
    assert (t.value, t.basis, t.granularity) == (d.isoformat(), "explicit", "day")
    assert t.date_start <= d <= t.date_end
    _check_interval(t)


@FAST
@given(d=dates, pub=published)
def test_full_date_en(d, pub):
    t = _only(f"They met on {MONTHS_EN[d.month - 1]} {d.day}, {d.year}, there.", "en", pub)
    assert t.value == d.isoformat() and t.date_start <= d <= t.date_end
    _check_interval(t)


@FAST
@given(d=dates, pub=published)
def test_yearless_date_is_near_publication(d, pub):
    if (d.month, d.day) == (2, 29):
        return
    t = _only(f"Mereka bertemu {d.day} {MONTHS_ID[d.month - 1]} di sana.", "id", pub)
    assert (t.date_start.month, t.date_start.day) == (d.month, d.day)
    assert abs((t.date_start - pub).days) <= 366
    assert t.basis == "relative"
    _check_interval(t)
    f = resolve_future(t, pub)
    assert f.date_start >= pub and (f.date_start - pub).days <= 366


@FAST
@given(d=dates, wd=st.integers(0, 6), lang=st.sampled_from(["id", "en"]))
def test_weekday_with_date_fits_or_conflicts(d, wd, lang):
    name = (WEEKDAYS_ID if lang == "id" else WEEKDAYS_EN)[wd]
    text = (f"Mereka bertemu {name} ({d.day}/{d.month}/{d.year})." if lang == "id"
            else f"They met on {name}, {MONTHS_EN[d.month - 1]} {d.day}, {d.year}.")
    t = _only(text, lang, date(2024, 1, 1))
    assert t.value == d.isoformat() and t.weekday == wd
    if d.weekday() == wd:
        assert t.conflicts == () and t.alt_value is None
    else:
        assert len(t.conflicts) == 1 and t.text in t.conflicts[0]
        alt = date.fromisoformat(t.alt_value)
        assert alt.weekday() == wd and abs((alt - d).days) <= 3


@FAST
@given(pub=published, phrase=st.sampled_from([
    ("id", "bulan lalu"), ("id", "minggu lalu"), ("id", "pekan depan"), ("id", "tahun lalu"), ("id", "kemarin"),
    ("id", "Januari lalu"), ("id", "Agustus"), ("id", "musim panas lalu"), ("id", "musim dingin"), ("id", "Kamis"),
    ("id", "kuartal ketiga"), ("en", "last week"), ("en", "next month"), ("en", "this year"), ("en", "yesterday"),
    ("en", "last October"), ("en", "last winter"), ("en", "this summer"), ("en", "Tuesday"), ("en", "two weeks ago"),
    ("en", "the second quarter"),
]))
def test_relative_expressions_have_consistent_intervals(pub, phrase):
    lang, words = phrase
    t = _only(f"-- {words} --", lang, pub)
    assert t.text == words and t.basis == "relative"
    _check_interval(t)
    if words in ("Januari lalu", "last October", "tahun lalu", "bulan lalu", "minggu lalu", "kemarin", "last winter",
                 "musim panas lalu", "two weeks ago"):
        assert t.date_end < pub
    if words in ("Kamis", "Tuesday"):
        assert 0 <= (pub - t.date_start).days < 7
    if words in ("Januari lalu", "last October"):
        assert (t.date_start.year, t.date_start.month) < (pub.year, pub.month)
        assert (pub.year * 12 + pub.month) - (t.date_start.year * 12 + t.date_start.month) <= 12


@FAST
@given(h=st.integers(0, 23), m=st.integers(0, 59), pub=published)
def test_clock_times(h, m, pub):
    t = _only(f"Sidang dimulai pukul {h:02d}.{m:02d} WIB.", "id", pub)
    assert (t.type, t.value) == ("TIME", f"{pub.isoformat()}T{h:02d}:{m:02d}")


@FAST
@given(hours=st.integers(1, 12), minutes=st.integers(1, 59))
def test_durations_in_minutes(hours, minutes):
    t = _only(f"Mereka berbicara {hours} jam {minutes} menit.", "id", date(2023, 1, 1))
    assert t.type == "DURATION" and t.duration_minutes == hours * 60 + minutes
    assert t.value == f"PT{hours}H{minutes}M" and t.date_start is None
