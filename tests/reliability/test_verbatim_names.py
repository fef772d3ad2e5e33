"""Names carrying SQL, HTML, iCalendar line breaks and spreadsheet formulas are stored verbatim and come back
verbatim from `kb timeline --format json` (escaping them per export format is tested in tests/export).
On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kb.api import KnowledgeBase
from kb.document import Document
from kb.extract.records import ArticleExtraction, Evidence, MeetingRecord, PersonRef, PlaceRef
from kb.store.repo import save_article
from reliability_harness import run_kb_inproc

HOSTILE_NAMES = [
    "Robert'); DROP TABLE articles;--",
    "x\" OR 1=1 --",
    "<script>alert('kb')</script>",
    "<img src=x onerror=alert(1)>",
    "Ann\r\nBEGIN:VEVENT\r\nSUMMARY:forged",
    "Semi;colon, comma\\backslash",
    "=HYPERLINK(\"http://evil.test\",\"click\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "Null\u0000Byte",
    "Zero\u200bWidth \u202eRTL",
]
HOSTILE_PLACE = PlaceRef("<b>Oslo</b>\r\nLOCATION:elsewhere", "=Norway()", ("'; DELETE FROM places;--",))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "kb.sqlite3")
    return request.getfixturevalue("pg_url")


def test_hostile_names_round_trip_verbatim(store_url):
    names = [n for n in HOSTILE_NAMES if "\x00" not in n or not store_url.startswith("postgresql")]
    kb = KnowledgeBase(store_url, writer=True)
    anchor = PersonRef("Arlo Tavrel")
    for i, name in enumerate(names):
        sentence = f"Arlo Tavrel met {name} on {i + 1} May 2023."
        text = sentence + "\n\nThe talks covered rail links."
        doc = Document(text=text, language="en", origin=f"names-{i}.txt", published=date(2023, 6, 1),
                       source=f"Wire {name}", title=name)
        d = date(2023, 5, i + 1)
        ext = ArticleExtraction(people=[anchor, PersonRef(name)], places=[HOSTILE_PLACE], meetings=[MeetingRecord(
            participants=[anchor, PersonRef(name)], evidence=Evidence(sentence, 0, len(sentence)),
            date=d.isoformat(), date_start=d, date_end=d, granularity="day", date_basis="explicit",
            place=HOSTILE_PLACE, occasion=name, topics=[name])])
        with kb.session() as s, s.begin():
            assert save_article(s, doc, ext)[0] == "added"
    kb.engine.dispose()

    r = run_kb_inproc(store_url, "timeline", "--format", "json")
    assert r.rc == 0, r.err
    meetings = json.loads(r.out)
    assert len(meetings) == len(names)
    seen = set()
    for m in meetings:
        other = [p for p in m["participants"] if p != "Arlo Tavrel"]
        assert len(other) == 1
        name = other[0]
        seen.add(name)
        assert m["occasion"] == name and m["topics"] == [name]
        assert m["place"] == HOSTILE_PLACE.name and m["country"] == HOSTILE_PLACE.country
        (src,) = m["sources"]
        assert src["source"] == f"Wire {name}" and src["title"] == name
        assert src["evidence"].endswith(f"met {name} on {m['date_start'][-2:].lstrip('0')} May 2023.")
    assert seen == set(names)
    # the tables the SQL-looking names talk about are all still there and intact
    counts = KnowledgeBase(store_url).counts()
    assert counts["articles"] == len(names) and counts["places"] == 1 and counts["people"] == len(names) + 1

    # and every name can be queried back by itself
    for name in names[:4]:
        r = run_kb_inproc(store_url, "meetings", "Arlo Tavrel", name, "--format", "json")
        assert r.rc == 0, r.err
        assert [p for p in json.loads(r.out)[0]["participants"] if p != "Arlo Tavrel"] == [name]
