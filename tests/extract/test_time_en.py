"""English time expressions: recognition span, TIMEX3 type/value, granularity and interval.

Every sentence here is written for this test. `P` is the publication date (document creation time).
"""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract.time import TimeExpr, find_times, resolve_future

P = date(2023, 3, 2)  # a Thursday
D = date

# (sentence, published, span, type, value, granularity, date_start, date_end)
CASES = [
    # full dates
    ("The envoys signed the accord on March 2, 2023, in Oslo.", P, "March 2, 2023", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("The treaty took effect on 2 March 2023.", P, "2 March 2023", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("The memo, dated 3/2/2023, was leaked.", P, "3/2/2023", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("A filing stamped 2023-03-02 was published.", P, "2023-03-02", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("The ship docked on Sept. 14, 2022, after a storm.", P, "Sept. 14, 2022", "DATE", "2022-09-14", "day", D(2022, 9, 14), D(2022, 9, 14)),
    ("The bridge reopened on the 5th of January 2023.", P, "the 5th of January 2023", "DATE", "2023-01-05", "day", D(2023, 1, 5), D(2023, 1, 5)),
    ("The summit opened Friday, March 3, 2023, with a dinner.", P, "Friday, March 3, 2023", "DATE", "2023-03-03", "day", D(2023, 3, 3), D(2023, 3, 3)),
    # day and month without year: the nearest year
    ("The delegation landed on May 20 in Bali.", D(2021, 5, 22), "May 20", "DATE", "2021-05-20", "day", D(2021, 5, 20), D(2021, 5, 20)),
    ("Talks stalled on Dec. 28 over tariffs.", D(2023, 1, 4), "Dec. 28", "DATE", "2022-12-28", "day", D(2022, 12, 28), D(2022, 12, 28)),
    # weekdays
    ("The minister spoke on Thursday about grain exports.", D(2023, 3, 4), "Thursday", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("Thursday brought fresh clashes near the border.", P, "Thursday", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("Negotiators met last Friday in Vienna.", P, "last Friday", "DATE", "2023-02-24", "day", D(2023, 2, 24), D(2023, 2, 24)),
    ("The vote was moved to next Tuesday.", P, "next Tuesday", "DATE", "2023-03-07", "day", D(2023, 3, 7), D(2023, 3, 7)),
    ("The blast happened Monday morning near the port.", D(2014, 12, 30), "Monday morning", "DATE", "2014-12-29TMO", "time", D(2014, 12, 29), D(2014, 12, 29)),
    # months
    ("Prices rose in January across the region.", P, "January", "DATE", "2023-01", "month", D(2023, 1, 1), D(2023, 1, 31)),
    ("The two met last January in Davos.", D(2023, 1, 10), "last January", "DATE", "2022-01", "month", D(2022, 1, 1), D(2022, 1, 31)),
    ("The plant closed in January 2022.", P, "January 2022", "DATE", "2022-01", "month", D(2022, 1, 1), D(2022, 1, 31)),
    ("Imports slowed in early February.", P, "early February", "DATE", "2023-02", "month", D(2023, 2, 1), D(2023, 2, 28)),
    ("Exports peaked in June last year.", P, "June last year", "DATE", "2022-06", "month", D(2022, 6, 1), D(2022, 6, 30)),
    # relative to the publication date
    ("The ferry sank last week off the coast.", P, "last week", "DATE", "2023-W08", "week", D(2023, 2, 20), D(2023, 2, 26)),
    ("The tariff takes effect next month.", P, "next month", "DATE", "2023-04", "month", D(2023, 4, 1), D(2023, 4, 30)),
    ("The envoy arrived yesterday.", P, "yesterday", "DATE", "2023-03-01", "day", D(2023, 3, 1), D(2023, 3, 1)),
    ("Markets opened higher today.", P, "today", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    ("The results come out tomorrow.", P, "tomorrow", "DATE", "2023-03-03", "day", D(2023, 3, 3), D(2023, 3, 3)),
    ("Rail workers struck this week.", P, "this week", "DATE", "2023-W09", "week", D(2023, 2, 27), D(2023, 3, 5)),
    ("The deal was struck earlier this month.", P, "earlier this month", "DATE", "2023-03", "month", D(2023, 3, 1), D(2023, 3, 31)),
    ("A decision is due later this month.", P, "later this month", "DATE", "2023-03", "month", D(2023, 3, 1), D(2023, 3, 31)),
    ("Output grew last year.", P, "last year", "DATE", "2022", "year", D(2022, 1, 1), D(2022, 12, 31)),
    ("Elections are due next year.", P, "next year", "DATE", "2024", "year", D(2024, 1, 1), D(2024, 12, 31)),
    ("The mine closed two years ago.", P, "two years ago", "DATE", "2021", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("The dam was finished a decade ago.", P, "a decade ago", "DATE", "2013", "year", D(2013, 1, 1), D(2013, 12, 31)),
    ("The fire started three days ago.", P, "three days ago", "DATE", "2023-02-27", "day", D(2023, 2, 27), D(2023, 2, 27)),
    ("Protesters gathered last night outside parliament.", P, "last night", "TIME", "2023-03-01TNI", "time", D(2023, 3, 1), D(2023, 3, 1)),
    ("The fair returns the day after tomorrow.", P, "the day after tomorrow", "DATE", "2023-03-04", "day", D(2023, 3, 4), D(2023, 3, 4)),
    ("Crowds thinned over the weekend.", P, "the weekend", "DATE", "2023-W08-WE", "range", D(2023, 2, 25), D(2023, 2, 26)),
    ("The envoys will meet again over the weekend.", P, "the weekend", "DATE", "2023-W09-WE", "range", D(2023, 3, 4), D(2023, 3, 5)),
    ("Crowds thinned over the weekend.", D(2023, 3, 5), "the weekend", "DATE", "2023-W09-WE", "range", D(2023, 3, 4), D(2023, 3, 5)),
    ("Growth slowed in late last year.", P, "late last year", "DATE", "2022", "year", D(2022, 1, 1), D(2022, 12, 31)),
    ("The fund expires at the end of the year.", P, "the end of the year", "DATE", "2023", "year", D(2023, 1, 1), D(2023, 12, 31)),
    # seasons
    ("The ministers spoke by phone last summer.", P, "last summer", "DATE", "2022-SU", "season", D(2022, 6, 1), D(2022, 8, 31)),
    ("Talks resume this spring.", P, "this spring", "DATE", "2023-SP", "season", D(2023, 3, 1), D(2023, 5, 31)),
    ("Harvests failed in the autumn of 2021.", P, "the autumn of 2021", "DATE", "2021-FA", "season", D(2021, 9, 1), D(2021, 11, 30)),
    # clock times
    ("The ship sent its last signal at 6:12 p.m.", D(2014, 12, 28), "6:12 p.m.", "TIME", "2014-12-28T18:12", "time", D(2014, 12, 28), D(2014, 12, 28)),
    ("Polls close at 14:30 GMT.", P, "14:30 GMT", "TIME", "2023-03-02T14:30", "time", D(2023, 3, 2), D(2023, 3, 2)),
    ("The court meets at 10 a.m. Tuesday.", P, "10 a.m. Tuesday", "TIME", "2023-02-28T10:00", "time", D(2023, 2, 28), D(2023, 2, 28)),
    ("The curfew starts at midnight.", P, "midnight", "TIME", "2023-03-02T24:00", "time", D(2023, 3, 2), D(2023, 3, 2)),
    # ranges
    ("The fair ran March 1-3 in Lyon.", D(2023, 3, 10), "March 1-3", "DATE", "2023-03-01", "range", D(2023, 3, 1), D(2023, 3, 3)),
    ("The drills ran from June 3 to 6 near the strait.", D(2023, 7, 1), "June 3 to 6", "DATE", "2023-06-03", "range", D(2023, 6, 3), D(2023, 6, 6)),
    ("The mission lasted from 2019 to 2021.", P, "2019 to 2021", "DATE", "2019", "range", D(2019, 1, 1), D(2021, 12, 31)),
    # years, decades, centuries, quarters
    ("The company was founded in 1987.", P, "1987", "DATE", "1987", "year", D(1987, 1, 1), D(1987, 12, 31)),
    ("Sales recovered in early 2022.", P, "early 2022", "DATE", "2022", "year", D(2022, 1, 1), D(2022, 12, 31)),
    ("The plant was built in mid-2021.", P, "mid-2021", "DATE", "2021", "year", D(2021, 1, 1), D(2021, 12, 31)),
    ("Revenue doubled in fiscal 2022.", P, "fiscal 2022", "DATE", "2022", "year", D(2022, 1, 1), D(2022, 12, 31)),
    ("The genre peaked in the 1990s.", P, "the 1990s", "DATE", "199", "decade", D(1990, 1, 1), D(1999, 12, 31)),
    ("It is the defining challenge of the 21st century.", P, "the 21st century", "DATE", "20", "century", D(2000, 1, 1), D(2099, 12, 31)),
    ("Profits fell in the first quarter.", P, "the first quarter", "DATE", "2023-Q1", "quarter", D(2023, 1, 1), D(2023, 3, 31)),
    ("Exports rose in the third quarter of 2022.", P, "the third quarter of 2022", "DATE", "2022-Q3", "quarter", D(2022, 7, 1), D(2022, 9, 30)),
    ("Margins improved in Q4 2022.", P, "Q4 2022", "DATE", "2022-Q4", "quarter", D(2022, 10, 1), D(2022, 12, 31)),
    ("Shops close on Christmas Day.", D(2023, 1, 5), "Christmas Day", "DATE", "2022-12-25", "day", D(2022, 12, 25), D(2022, 12, 25)),
    # durations
    ("The talks lasted nine hours.", P, "nine hours", "DURATION", "PT9H", None, None, None),
    ("The meeting lasted less than ten minutes.", P, "less than ten minutes", "DURATION", "PT10M", None, None, None),
    ("They spoke for an hour.", P, "an hour", "DURATION", "PT1H", None, None, None),
    ("The visit lasted three days.", P, "three days", "DURATION", "P3D", None, None, None),
    ("They talked for one hour and 45 minutes.", P, "one hour and 45 minutes", "DURATION", "PT1H45M", None, None, None),
    ("Prices rose over the past several months.", P, "the past several months", "DURATION", "PXM", None, None, None),
    ("Inflation doubled in the past three years.", P, "the past three years", "DURATION", "P3Y", None, None, None),
    ("The strike could run six months.", P, "six months", "DURATION", "P6M", None, None, None),
    ("Aid will flow over the next two weeks.", P, "the next two weeks", "DURATION", "P2W", None, None, None),
    ("The president began a two-day visit.", P, "two-day", "DURATION", "P2D", None, None, None),
    ("The panel met for about two and a half hours.", P, "about two and a half hours", "DURATION", "PT2H30M", None, None, None),
    # sets
    ("The forum is held every year.", P, "every year", "SET", "P1Y", None, None, None),
    ("The bulletin is published weekly.", P, "weekly", "SET", "P1W", None, None, None),
    ("The prize is awarded annually.", P, "annually", "SET", "P1Y", None, None, None),
    ("The cabinet meets every Monday.", P, "every Monday", "SET", "XXXX-WXX-1", None, None, None),
    ("Inspectors visit twice a year.", P, "twice a year", "SET", "P1Y", None, None, None),
    # references
    ("The region is now calm.", P, "now", "DATE", "PRESENT_REF", None, None, None),
    ("The firm recently cut jobs.", P, "recently", "DATE", "PAST_REF", None, None, None),
    ("Such deals may matter more in the future.", P, "the future", "DATE", "FUTURE_REF", None, None, None),
    ("The current rules were drafted in haste.", P, "current", "DATE", "PRESENT_REF", None, None, None),
    # parts of day named by a day word are TIMEs; decades as three digits
    ("The envoy landed this morning.", P, "this morning", "TIME", "2023-03-02TMO", "time", D(2023, 3, 2), D(2023, 3, 2)),
    ("Union membership shrank through the nineties.", P, "the nineties", "DATE", "199", "decade", D(1990, 1, 1), D(1999, 12, 31)),
    ("The trend marked the '80s.", D(1989, 10, 26), "the '80s", "DATE", "198", "decade", D(1980, 1, 1), D(1989, 12, 31)),
    # spelled-out years (broadcast transcripts)
    ("The law changed in nineteen ninety-six.", P, "nineteen ninety-six", "DATE", "1996", "year", D(1996, 1, 1), D(1996, 12, 31)),
    ("The clinic opened in January nineteen ninety-seven.", P, "January nineteen ninety-seven", "DATE", "1997-01", "month", D(1997, 1, 1), D(1997, 1, 31)),
    ("Snow closed the pass in the winter of nineteen ninety-four.", P, "the winter of nineteen ninety-four", "DATE", "1994-WI", "season", D(1994, 12, 1), D(1995, 2, 28)),
    ("The goal is full employment by the year two thousand.", D(1998, 2, 5), "the year two thousand", "DATE", "2000", "year", D(2000, 1, 1), D(2000, 12, 31)),
    # quarters: the nearest instance ("the fourth quarter" in January is the one just reported)
    ("Profits fell in the fourth quarter.", D(2023, 1, 26), "the fourth quarter", "DATE", "2022-Q4", "quarter", D(2022, 10, 1), D(2022, 12, 31)),
    ("Profits fell in the fourth quarter.", D(2023, 11, 2), "the fourth quarter", "DATE", "2023-Q4", "quarter", D(2023, 10, 1), D(2023, 12, 31)),
    ("Sales in this year's third quarter held up.", P, "this year's third quarter", "DATE", "2023-Q3", "quarter", D(2023, 7, 1), D(2023, 9, 30)),
    ("Orders should recover in next year's first quarter.", P, "next year's first quarter", "DATE", "2024-Q1", "quarter", D(2024, 1, 1), D(2024, 3, 31)),
    ("Sales in the current fiscal year will rise.", P, "the current fiscal year", "DATE", "2023", "year", D(2023, 1, 1), D(2023, 12, 31)),
    # "earlier"/"later" belong to the expression
    ("The board met earlier that day.", P, "earlier that day", "DATE", "2023-03-02", "day", D(2023, 3, 2), D(2023, 3, 2)),
    # a clock time with its date
    ("The offer expires at 5 p.m. EST, March 6.", P, "5 p.m. EST, March 6", "TIME", "2023-03-06T17:00", "time", D(2023, 3, 6), D(2023, 3, 6)),
    # durations with the article; frequencies
    ("Net income rose 9% in the nine months.", P, "the nine months", "DURATION", "P9M", None, None, None),
    ("The ferry sails three times a week.", P, "three times a week", "SET", "P1W", None, None, None),
]


def _find(sentence: str, published: date | None, span: str) -> TimeExpr:
    found = find_times(sentence, "en", published)
    for t in found:
        if t.text == span:
            return t
    raise AssertionError(f"{span!r} not found in {sentence!r}; found {[(t.text, t.value) for t in found]}")


@pytest.mark.parametrize("sentence,published,span,typ,value,gran,start,end", CASES,
                         ids=[f"{i:02d}-{c[2]}" for i, c in enumerate(CASES)])
def test_expression(sentence, published, span, typ, value, gran, start, end):
    t = _find(sentence, published, span)
    assert sentence[t.start:t.end] == span
    assert (t.type, t.value, t.granularity, t.date_start, t.date_end) == (typ, value, gran, start, end)


def test_at_least_sixty_cases():
    assert len(CASES) >= 60


def test_weekday_date_conflict():
    t = _find("The ministers met on Wednesday, May 20, 2021, in Reykjavik.", P, "Wednesday, May 20, 2021")
    assert t.value == "2021-05-20"
    assert t.conflicts == ("'Wednesday, May 20, 2021': 20 May 2021 is a Thursday, not a Wednesday",)
    assert t.alt_value == "2021-05-19"


def test_duration_details():
    t = _find("The meeting lasted less than ten minutes.", P, "less than ten minutes")
    assert (t.mod, t.duration_minutes) == ("LESS_THAN", 10)
    t = _find("They talked for one hour and 45 minutes.", P, "one hour and 45 minutes")
    assert t.duration_minutes == 105


def test_spans_exclude_prepositions():
    assert [t.text for t in find_times("They met on Thursday in January.", "en", P)] == ["Thursday", "January"]


def test_future_cue_reads_weekday_forwards():
    t = _find("The two leaders will meet on Friday in Geneva.", P, "Friday")
    assert (t.value, t.anchor_future) == ("2023-03-03", True)
    t = _find("The two leaders met on Friday in Geneva.", P, "Friday")
    assert (t.value, t.anchor_future) == ("2023-02-24", False)
    assert resolve_future(t, P).value == "2023-03-03"


def test_future_reading_of_a_week_that_ends_on_the_publication_day():
    sunday = date(2023, 5, 14)  # the last day of its ISO week
    t = _find("The talks took place this week.", sunday, "this week")
    assert (t.date_start, t.date_end) == (date(2023, 5, 8), sunday)
    f = resolve_future(t, sunday)
    assert (f.date_start, f.date_end, f.anchor_future) == (date(2023, 5, 15), date(2023, 5, 21), True)
    wednesday = date(2023, 5, 10)  # mid-week: the week stays this one
    t = _find("The talks took place this week.", wednesday, "this week")
    assert resolve_future(t, wednesday) is t
    last = _find("The talks took place last week.", sunday, "last week")
    assert resolve_future(last, sunday) is last


def test_quarter_comparison_keeps_quarter_granularity():
    text = "Third-quarter profit rose to $5 million from $4 million a year earlier."
    t = _find(text, D(1999, 10, 20), "a year earlier")
    assert (t.value, t.granularity) == ("1998-Q3", "quarter")


def test_weekday_after_a_cancelled_plan_is_read_backwards():
    t = _find("The offer had been scheduled to expire Friday.", P, "Friday")
    assert (t.value, t.anchor_future) == ("2023-02-24", False)
    t = _find("The offer is scheduled to expire Friday.", P, "Friday")
    assert (t.value, t.anchor_future) == ("2023-03-03", True)


def test_following_period_counts_from_the_period_just_named():
    text = "He was promoted in 2015, and the following year he moved to Paris."
    assert _find(text, P, "the following year").value == "2016"
    text = "The stake was sold in March. The following month, the firm put itself up for sale."
    assert _find(text, D(2023, 10, 27), "The following month").value == "2023-04"


def test_year_period_takes_the_quarter_under_discussion():
    text = "Third-quarter profit rose to $5 million. In the 2022 period, the firm earned $4 million."
    t = _find(text, D(2023, 10, 26), "the 2022 period")
    assert (t.value, t.granularity) == ("2022-Q3", "quarter")


def test_comparison_ignores_a_forecast_quarter():
    text = ("Third-quarter profit rose. The firm sees growth in the third quarter of 2024. "
            "In the year-ago period, it lost money.")
    assert _find(text, D(2023, 10, 26), "the year-ago period").value == "2022-Q3"


def test_clock_time_takes_the_last_day_mentioned():
    text = "The rally was held Sunday night. It began at 7 p.m. in the main square."
    assert _find(text, D(2023, 3, 6), "7 p.m.").value == "2023-03-05T19:00"
    # a day still to come is a plan, not the narrative's day
    text = "The runoff is set for March 9. Polls in the primary closed at 6 p.m. in the capital."
    assert _find(text, P, "6 p.m.").value == "2023-03-02T18:00"


@pytest.mark.parametrize("text", [
    "Prices fall when supply rises.",
    "The plan saves $2 million a year in costs.",
    "Qantas runs four flights a week to Bombay.",
    "Officials said they may meet again.",
    "The G20 pledged $2023 million to the fund.",
    "About 2,000 troops and 1500 vehicles crossed.",
    "The 6-year-old boy was rescued.",
    "She came second in the race.",
    "Spring water is bottled here.",
])
def test_no_false_times(text):
    assert find_times(text, "en", P) == []


def test_unanchored_without_publication_date():
    t = _find("They met on Thursday.", None, "Thursday")
    assert (t.value, t.basis, t.date_start) == ("XXXX-WXX-4", "none", None)
    t = _find("They met last year.", None, "last year")
    assert (t.value, t.basis) == ("XXXX", "none")
