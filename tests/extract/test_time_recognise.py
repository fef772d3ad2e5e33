"""The recogniser's gate (kb/extract/time/recognise.py): what a pattern cannot match without, and that
the extra gate never changes the candidates."""

from __future__ import annotations

import re

import pytest

from kb.extract.time.recognise import _RISKY, Recogniser, _nested, get_recogniser


def test_nested_finds_literals_and_placeholders_every_match_needs():
    assert _nested("(?:@edge )?akhir (?:pekan|minggu)(?: @rel)?") == {("lit", "akhir")}
    assert _nested("(?:for|over) (?P<span>@unit)") == {("ph", "unit")}
    assert _nested("(?:year-ago|year-earlier|prior-year)") == {("lit", "year")}  # common to every branch
    assert _nested("(?-i:Q)(?P<qn>[1-4])") == {("digit", "digit")}


def test_nested_leaves_out_what_a_match_can_do_without():
    assert _nested("(?:weekend)?") == frozenset()  # an optional group
    assert _nested("weekends?") == frozenset()  # a quantified letter ends the word early
    assert _nested("week|month") == frozenset()  # an alternation with nothing in common
    assert _nested("(?=weekend)x") == frozenset()  # a lookaround
    assert _nested("x@unit") == frozenset()  # a letter right before: the word is no token of its own
    assert _nested("@unit(?:s)") == frozenset()  # a letter may follow
    assert _nested("(?:@edge )?@season") == frozenset()  # only an optional space before
    assert _nested("ab") == frozenset()  # too short to be worth a look
    assert _nested("(?(1)a|b)") == frozenset()  # a construct it does not read: nothing


def test_the_risky_characters_are_every_non_ascii_character_ignorecase_takes_for_an_ascii_letter():
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(c) for c in range(0x80, 0x110000) if letter.fullmatch(chr(c))}
    assert found and all(_RISKY.fullmatch(c) for c in found)


def _without_extra(rec: Recogniser, text: str):
    """The candidates with only `requires` gating (the gate as it was before `extra`)."""
    saved = rec.extra
    rec.extra = [()] * len(saved)
    try:
        return [(c.start, c.end, c.rule, c.order) for c in rec.candidates(text)]
    finally:
        rec.extra = saved


TEXTS = [
    "The talks took place over the weekend, in the year-ago quarter and in Q3 2019.",
    "THE MINISTERS MET LAST WEEKEND FOR TWO DAYS.",
    "Menteri itu bertemu pada akhir pekan lalu selama dua hari, pada K2 2020.",
    "The envoy stayed for a week in the ſpring; they met at 10 o'clock.",
    "The year two thousand and one, the latest fiscal period, per month.",
]


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("text", TEXTS)
def test_the_extra_gate_changes_no_candidate(lang, text):
    rec = get_recogniser(lang)
    for variant in (text, text.upper(), text.lower(), text.title()):
        got = [(c.start, c.end, c.rule, c.order) for c in rec.candidates(variant)]
        assert got == _without_extra(rec, variant)
