"""The Indonesian gold itself: well-formed TimeML, and tags that agree with their own words."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date

import pytest

from kb.timex.timeml import read_timeml

from timex_helpers import DATA

FILES = sorted((DATA / "timeml-id").glob("*.tml"))
DAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6}
VALUE = re.compile(
    r"^(\d{4}(-(\d\d(-\d\d(T(\d\d:\d\d|MO|AF|EV|NI))?)?|W\d\d(-WE)?|Q[1-4]|H[12]|SU|SP|FA|WI))?"
    r"|P(\d+|X)[YMWD]|PT\d+H(\d+M)?(\d+S)?|PT\d+[MS]|P\d+Y\d+M|PT\d+M\d+S|P\d+[YMWD]|(PRESENT|PAST|FUTURE)_REF)$"
)


def test_at_least_twelve_documents():
    assert len(FILES) >= 12


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_document_is_valid_timeml_with_dct(path):
    root = ET.parse(path).getroot()
    assert root.tag == "TimeML"
    assert root.find("DOCID").text == path.stem
    dct = root.find("DCT/TIMEX3")
    assert dct.get("tid") == "t0" and dct.get("functionInDocument") == "CREATION_TIME"
    date.fromisoformat(dct.get("value"))
    doc = read_timeml(path)
    assert doc.lang == "id" and doc.timexes
    tids = [t.tid for t in doc.timexes]
    assert len(set(tids)) == len(tids) and "t0" not in tids
    for t in doc.timexes:
        a = dict(t.attrs)
        assert t.type in ("DATE", "TIME", "DURATION", "SET"), t
        assert VALUE.match(t.value), t
        assert t.text == t.text.strip() and t.text, t
        assert a["functionInDocument"] == "NONE"
        assert (a["temporalFunction"] == "true") == (t.anchor_tid is not None), t
        if t.anchor_tid:
            assert t.anchor_tid == "t0" or t.anchor_tid in tids


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_weekdays_dates_and_clock_times_agree_with_values(path):
    for t in read_timeml(path).timexes:
        wd = re.match(r"(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b", t.text)
        if wd and t.type != "SET":
            assert date.fromisoformat(t.value[:10]).weekday() == DAYS[wd[1].lower()], t
        br = re.search(r"\((\d+)/(\d+)(?:/(\d{4}))?\)", t.text)
        if br:
            d = date.fromisoformat(t.value[:10])
            assert (d.day, d.month) == (int(br[1]), int(br[2])) and (not br[3] or d.year == int(br[3])), t
        clock = re.search(r"pukul (\d\d)\.(\d\d)", t.text)
        if clock:
            assert t.type == "TIME" and t.value.endswith(f"T{clock[1]}:{clock[2]}"), t


def test_gold_covers_every_type_and_the_forms_issue_8_names():
    docs = [read_timeml(f) for f in FILES]
    spans = [t for d in docs for t in d.timexes]
    assert set(Counter(t.type for t in spans)) == {"DATE", "TIME", "DURATION", "SET"}
    texts = {t.text.lower() for t in spans}
    for form in ("kemarin", "pekan depan", "tiga hari lalu", "bulan lalu", "tahun depan", "januari lalu",
                 "musim panas lalu", "saat ini", "kurang dari 10 menit", "1 jam 45 menit", "tiga jam"):
        assert form in texts, form
    assert any(re.fullmatch(r"\w+ \(\d+/\d+\)", t.text) for t in spans)
    assert any(re.fullmatch(r"\w+ \(\d+/\d+/\d{4}\)( \w+)?", t.text) for t in spans)
    assert any(t.text.startswith("setiap") and t.type == "SET" for t in spans)
    assert {v[-3:] for v in (t.value for t in spans) if v[-3:] in ("TMO", "TAF", "TEV", "TNI")} == {"TMO", "TAF", "TEV", "TNI"}
    assert any(t.mod for t in spans if t.type == "DURATION")
