"""Meeting extraction on sentences written for these tests, in both languages."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from kb.document import Document
from kb.extract.gazetteer import load_gazetteer
from kb.extract.pipeline import extract_article

sys.path.insert(0, str(Path(__file__).parent))  # the case table beside this file
from meeting_cases import EN_CASES, ID_CASES  # noqa: E402


def canonical(name: str) -> str:
    found = load_gazetteer().person_by_alias(name)
    return found[0].name if len(found) == 1 else name


def run(lang, published, text):
    doc = Document(text=text, language=lang, origin="case.txt", published=date.fromisoformat(published))
    return extract_article(doc).meetings


def check(lang, published, text, expected):
    records = run(lang, published, text)
    got = {(frozenset(p.name for p in r.participants), r.kind, r.status) for r in records}
    want = {(frozenset(canonical(n) for n in people), kind, status) for people, kind, status, _, _ in expected}
    assert got == want, f"{text}\n got {got}\n want {want}"
    for people, kind, status, when, place in expected:
        key = (frozenset(canonical(n) for n in people), kind, status)
        recs = [r for r in records if (frozenset(p.name for p in r.participants), r.kind, r.status) == key]
        if when is not None:
            assert any((r.date or "").startswith(when) for r in recs), f"{text}: dates {[r.date for r in recs]}, want {when}"
        if place is not None:
            assert any(r.place and r.place.name == place for r in recs), \
                f"{text}: places {[r.place and r.place.name for r in recs]}, want {place}"


@pytest.mark.parametrize("published,text,expected", ID_CASES, ids=[c[1][:50] for c in ID_CASES])
def test_indonesian(published, text, expected):
    check("id", published, text, expected)


@pytest.mark.parametrize("published,text,expected", EN_CASES, ids=[c[1][:50] for c in EN_CASES])
def test_english(published, text, expected):
    check("en", published, text, expected)


def test_enough_cases():
    assert len(ID_CASES) >= 40 and len(EN_CASES) >= 40


def test_an_article_in_a_language_without_data_is_kept_with_nothing_extracted():
    doc = Document(text="Der Kanzler traf am Montag den Präsidenten in Berlin.", language="de", origin="de.txt",
                   published=date(2023, 1, 10))
    assert extract_article(doc).meetings == []


@pytest.mark.parametrize("lang,published,text,occasion", [
    # the occasion named after "within the scope of"; a name ends before the verb after it
    ("en", "2023-07-14", "Attending the 56th ASEAN Foreign Ministers Meeting within the scope of the talks, Foreign Minister "
     "Hakan Fidan met Secretary of State Antony Blinken on Friday on the sidelines of the Indian Ocean Conference held in Perth.",
     "Indian Ocean Conference"),
    ("en", "2023-07-14", "Foreign Minister Hakan Fidan met Secretary of State Antony Blinken in Jakarta within the scope of "
     "the ASEAN Regional Forum.", "ASEAN Regional Forum"),
    # a later sentence's summit that the two talked about is not where they met
    ("en", "2023-07-14", "Foreign Minister Hakan Fidan met Secretary of State Antony Blinken in Jakarta on Friday.\n\n"
     "During the meeting, the decisions taken at the NATO Leaders' Summit were discussed.", None),
    ("id", "2022-07-08", "Menlu Retno Marsudi bertemu Menlu Inggris Elizabeth Truss di Bali dalam rangka menghadiri Pertemuan Menlu G20.",
     "Pertemuan Menlu G20"),
])
def test_occasion(lang, published, text, occasion):
    records = run(lang, published, text)
    assert len(records) == 1
    assert records[0].occasion == occasion


@pytest.mark.parametrize("lang,published,text,topics", [
    # a quoted topic right after the cue
    ("en", "2017-02-17", 'Secretary of State Rex Tillerson met Foreign Minister Wang Yi in Bonn to discuss "maritime security '
     'and trade", officials said.', ["maritime security", "trade"]),
    # adjectives of one noun are one topic
    ("en", "2023-05-05", "Foreign Minister Bilawal Bhutto Zardari met Foreign Minister Sergey Lavrov in Goa and held talks on "
     "economic, cultural and scientific exchanges.", ["economic, cultural and scientific exchanges"]),
    # where and when after a topic cue are not topics
    ("id", "2015-10-23", "Menlu Retno Marsudi bertemu Menlu Australia Julie Bishop di Padang, Jumat (23/10). Menurut Retno, "
     "sejumlah isu dibahas dalam pertemuan bilateral tersebut.", []),
    ("id", "2015-10-23", "Menlu Retno Marsudi bertemu Menlu Australia Julie Bishop di Padang dan membahas pekan lalu.", []),
    # "between A and B" is one topic; a second cue word is not part of it
    ("id", "2023-11-08", "Wapres Ma'ruf Amin bertemu Dubes Arab Saudi Faisal Al-Mudi dan membahas mengenai kerja sama antara "
     "Indonesia dan Arab Saudi, khususnya investasi.", ["kerja sama antara Indonesia dan Arab Saudi", "khususnya investasi"]),
    ("en", "2021-11-16", "President Joe Biden met President Xi Jinping and discussed relations between our countries and the "
     "climate crisis.", ["relations between our countries", "climate crisis"]),
])
def test_topics(lang, published, text, topics):
    records = run(lang, published, text)
    assert len(records) == 1
    assert records[0].topics == topics


def test_a_place_in_another_clause_after_a_semicolon_is_not_the_meetings():
    records = run("en", "2016-09-05", "President Barack Obama and President Vladimir Putin discussed Ukraine during their meeting "
                  "at the summit; sanctions will stay until a peace deal is implemented in Ukraine.")
    assert len(records) == 1
    assert records[0].place is None
    assert records[0].topics == ["Ukraine"]  # the topic ends where "during" begins


@pytest.mark.parametrize("lang,published,text", [
    ("en", "2025-10-22", '"We cancelled the meeting with President Putin," President Donald Trump told reporters at the White House.'),
    ("id", "2018-02-20", "Menlu Retno Marsudi bertemu Menlu Australia Julie Bishop pekan lalu, kata Retno di Istana Bogor, Selasa (20/2)."),
])
def test_where_a_meeting_was_told_of_is_not_where_it_was(lang, published, text):
    records = run(lang, published, text)
    assert len(records) == 1
    assert records[0].place is None


def test_a_participant_is_never_a_topic_of_their_own_meeting():
    records = run("en", "2019-09-24", "External Affairs Minister S. Jaishankar held long discussions on trade and energy with "
                  "Uzbek Foreign Minister Abdulaziz Kamilov.")
    assert len(records) == 1
    assert records[0].topics == ["trade", "energy"]


def test_the_days_of_a_round_of_calls_are_not_a_calls_length():
    records = run("id", "2022-04-29", "Dua hari berturut-turut Presiden Joko Widodo menelepon Presiden Rusia Vladimir Putin dari Bogor.")
    assert len(records) == 1 and records[0].kind == "phone"
    assert records[0].duration_minutes is None
