"""`kb ask`: table-driven question forms per language, on the hand-built store of tests/conftest.py.

Each row: question, expected outcome, the `date` of every meeting the answer must cite (exactly, in
order), and words the answer must contain. Meeting ids are checked too: every cited meeting's "#id"
appears in the answer text.
"""

from __future__ import annotations

import pytest

from kb.query.ask import ask

BL = "2021-05-19"  # Reykjavik
GE = "2022-01-21"  # Geneva, Blinken & Lavrov
FEB = "2022-02"  # cancelled
SUMMER = "2022"  # phone call, June-August 2022
DELHI = "2023-03-02"
BP_GE = "2021-06-16"  # Biden & Putin, Geneva
BP_VIDEO = "2021-12-07"
BP_PHONE = "2021-12-30"
SOCHI = "2019-05-14"
MOSCOW = "2022-01-18"
BERGEN = "2020-11"
ZAGREB = "2024-03-05"

ID_QUESTIONS = [
    ("Kapan terakhir kali Blinken dan Lavrov bertemu?", "answered", [DELHI], ["terakhir", "2 Maret 2023", "New Delhi"]),
    ("Kapan Blinken dan Lavrov pertama kali bertemu?", "answered", [BL], ["pertama", "19 Mei 2021", "Reykjavik"]),
    ("Kapan Blinken dan Lavrov bertemu?", "answered", [BL, GE, SUMMER, DELHI], ["4 pertemuan"]),
    ("Berapa kali Blinken bertemu Lavrov?", "answered", [BL, GE, SUMMER, DELHI], ["Ada 4 pertemuan"]),
    ("Berapa kali Blinken dan Lavrov bertemu pada 2022?", "answered", [GE, SUMMER], ["Ada 2 pertemuan", "pada 2022"]),
    ("Di mana Blinken dan Lavrov bertemu pada 2022?", "answered", [GE, SUMMER], ["Geneva", "tidak diketahui"]),
    ("Di mana pertemuan terakhir Blinken dan Lavrov?", "answered", [DELHI], ["New Delhi", "terakhir"]),
    ("Berapa lama pertemuan di Reykjavik?", "answered", [BL], ["1 jam dan 45 menit"]),
    ("Berapa lama Blinken dan Lavrov berbicara di New Delhi?", "answered", [DELHI], ["paling lama 10 menit"]),
    ("Siapa saja yang ditemui Lavrov di Jenewa?", "answered", [GE], ["Antony Blinken"]),
    ("Dengan siapa Lavrov bertemu pada Januari 2022?", "answered", [MOSCOW, GE], ["Annalena Baerbock", "Antony Blinken"]),
    ("Siapa yang bertemu di Jenewa?", "answered", [BP_GE, GE], ["Joe Biden", "Antony Blinken"]),
    ("Apakah Blinken dan Lavrov pernah berbicara lewat telepon?", "answered", [SUMMER], ["Ya", "telepon"]),
    ("Apakah Biden dan Putin pernah bertemu di Moskow?", "no_answer", [], ["Tidak", "dalam basis data"]),
    ("Apakah pertemuan Februari 2022 dibatalkan?", "answered", [FEB], ["Ya", "dibatalkan"]),
    ("Apakah pertemuan Blinken dan Lavrov di Jenewa dibatalkan?", "answered", [GE], ["Tidak"]),
    ("Pertemuan apa saja yang dibatalkan?", "answered", [FEB], ["dibatalkan"]),
    ("Kapan Biden dan Putin terakhir berbicara melalui telepon?", "answered", [BP_PHONE], ["30 Desember 2021"]),
    ("Kapan Biden dan Putin bertemu secara virtual?", "answered", [BP_VIDEO], ["7 Desember 2021"]),
    ("Kapan Biden dan Putin akan bertemu?", "answered", ["None"], ["direncanakan"]),
    ("Kapan Blinken dan Lavrov bertemu sebelum 2022?", "answered", [BL], ["19 Mei 2021", "sebelum 2022"]),
    ("Kapan Blinken dan Lavrov bertemu setelah pertemuan di Jenewa?", "answered", [SUMMER, DELHI], ["setelah"]),
    ("Pertemuan Blinken dan Lavrov antara 2021 dan 2022?", "answered", [BL, GE, SUMMER], ["antara 2021 dan 2022"]),
    ("Berapa kali Lavrov bertemu Pompeo?", "answered", [SOCHI], ["Ada 1 pertemuan", "Mike Pompeo"]),
    ("Kapan Menteri Luar Negeri Jerman Annalena Baerbock bertemu Lavrov?", "answered", [MOSCOW], ["18 Januari 2022", "Moscow"]),
    ("Kapan Kovacevic bertemu Lena Haugen?", "answered", [BERGEN], ["November 2020", "Bergen"]),
    ("Berapa kali Blinken dan Lavrov bertemu pada 2024?", "no_answer", [], ["Tidak ada pertemuan", "pada 2024"]),
    ("Apa saja yang dibahas Blinken dan Lavrov di Reykjavik?", "answered", [BL], ["strategic stability"]),
    ("Di negara mana Biden dan Putin bertemu?", "answered", [BP_GE, BP_VIDEO, BP_PHONE], ["Switzerland", "tidak diketahui"]),
    ("kapan blinken dan lavrov bertemu di new delhi", "answered", [DELHI], ["2 Maret 2023"]),
    ("Berapa kali Blinken dan Lavrov bertemu sejak Januari 2022?", "answered", [GE, SUMMER, DELHI], ["Ada 3 pertemuan"]),
]

EN_QUESTIONS = [
    ("When did Blinken and Lavrov last meet?", "answered", [DELHI], ["last", "2 March 2023", "New Delhi"]),
    ("When did Blinken and Lavrov first meet?", "answered", [BL], ["first", "19 May 2021"]),
    ("When did Antony Blinken meet Sergei Lavrov?", "answered", [BL, GE, SUMMER, DELHI], ["4 meetings"]),
    ("How many times did Blinken and Lavrov meet?", "answered", [BL, GE, SUMMER, DELHI], ["4 meetings"]),
    ("How many times did Blinken and Lavrov meet in 2022?", "answered", [GE, SUMMER], ["2 meetings", "in 2022"]),
    ("How often have Biden and Putin talked?", "answered", [BP_GE, BP_VIDEO, BP_PHONE], ["3 meetings"]),
    ("Where did Blinken and Lavrov meet in 2022?", "answered", [GE, SUMMER], ["Geneva", "not known"]),
    ("Where did Blinken and Lavrov meet for the first time?", "answered", [BL], ["Reykjavik"]),
    ("How long did the Reykjavik meeting last?", "answered", [BL], ["1 hour and 45 minutes"]),
    ("How long did Biden and Putin talk in Geneva?", "answered", [BP_GE], ["3 hours"]),
    ("How long was the G20 meeting between Blinken and Lavrov?", "answered", [DELHI], ["at most 10 minutes"]),
    ("Who did Lavrov meet in Geneva?", "answered", [GE], ["Antony Blinken"]),
    ("Who did Lavrov meet in January 2022?", "answered", [MOSCOW, GE], ["Annalena Baerbock", "Antony Blinken"]),
    ("Who met in Geneva?", "answered", [BP_GE, GE], ["Joe Biden", "Antony Blinken"]),
    ("With whom did Ana Kovačević meet?", "answered", [BERGEN], ["Lena Haugen"]),
    ("When did Biden and Putin last speak by phone?", "answered", [BP_PHONE], ["30 December 2021"]),
    ("Did Blinken and Lavrov ever talk by phone?", "answered", [SUMMER], ["Yes", "by phone"]),
    ("Did Biden and Putin ever meet in Moscow?", "no_answer", [], ["No", "store has no meeting"]),
    ("Was the February meeting cancelled?", "answered", [FEB], ["Yes", "cancelled"]),
    ("Was the Geneva meeting between Blinken and Lavrov cancelled?", "answered", [GE], ["No"]),
    ("Which meetings were cancelled?", "answered", [FEB], ["cancelled"]),
    ("When will Biden and Putin meet?", "answered", ["None"], ["planned"]),
    ("Did Biden and Putin hold a video call?", "answered", [BP_VIDEO], ["Yes", "7 December 2021"]),
    ("When did Blinken and Lavrov meet before 2022?", "answered", [BL], ["19 May 2021"]),
    ("When did Blinken and Lavrov meet after the Geneva meeting?", "answered", [SUMMER, DELHI], ["after"]),
    ("What meetings did Blinken and Lavrov have between 2021 and 2022?", "answered", [BL, GE, FEB, SUMMER], ["between 2021 and 2022", "cancelled"]),
    ("How many times did Lavrov meet Pompeo?", "answered", [SOCHI], ["1 meeting"]),
    ("When did Lavrov meet the German foreign minister Baerbock?", "answered", [MOSCOW], ["18 January 2022"]),
    ("How many times did Blinken and Lavrov meet in 2024?", "no_answer", [], ["The store has no meeting", "in 2024"]),
    ("What did Blinken and Lavrov discuss in Reykjavik?", "answered", [BL], ["strategic stability"]),
    ("In which country did Biden and Putin meet?", "answered", [BP_GE, BP_VIDEO, BP_PHONE], ["Switzerland", "not known"]),
    ("when did blinken and lavrov meet in new delhi", "answered", [DELHI], ["2 March 2023"]),
    ("Has Lavrov met anyone in Russia?", "answered", [SOCHI, MOSCOW], ["Yes"]),
    ("How many meetings did Blinken and Lavrov have since January 2022?", "answered", [GE, SUMMER, DELHI], ["3 meetings"]),
    ("When is Piet Haugen meeting Kovacevic?", "answered", [ZAGREB], ["5 March 2024"]),
]


def _check(seeded_store, question, outcome, dates, words, lang):
    with seeded_store.session() as s:
        a = ask(s, question)
    assert a.language == lang, a.answer
    assert a.outcome == outcome, a.answer
    assert [str(m["date"]) for m in a.meetings] == dates, a.answer
    for m in a.meetings:
        assert f"#{m['id']}" in a.answer
    for w in words:
        assert w in a.answer, a.answer
    if a.meetings:  # cites its sources
        assert a.meetings[0]["sources"][0]["source"] in a.answer


@pytest.mark.parametrize("question,outcome,dates,words", ID_QUESTIONS, ids=[q[0] for q in ID_QUESTIONS])
def test_indonesian(seeded_store, question, outcome, dates, words):
    _check(seeded_store, question, outcome, dates, words, "id")


@pytest.mark.parametrize("question,outcome,dates,words", EN_QUESTIONS, ids=[q[0] for q in EN_QUESTIONS])
def test_english(seeded_store, question, outcome, dates, words):
    _check(seeded_store, question, outcome, dates, words, "en")


def test_enough_question_forms():
    assert len(ID_QUESTIONS) >= 25 and len(EN_QUESTIONS) >= 25
