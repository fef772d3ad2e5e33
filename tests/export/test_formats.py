"""Each export validated by its consumer: CSV read back with csv, ICS parsed back with icalendar,
TimelineJS JSON checked field by field, Markdown structure, HTML parsed and escaped."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from html.parser import HTMLParser

import pytest
from icalendar import Calendar

from conftest import BLINKEN, LAVROV, M, PersonRef, PlaceRef, article, build_store, day
from kb.export import FORMATS, render

EVIL = "=HYPERLINK(\"http://evil.example\",\"x\") </script><script>alert(1)</script> <b>&amp; *bold* [x](javascript:1)"
MALLORY = PersonRef("Mallory <script>alert(2)</script>", ("@Mallory",))
OSLO = PlaceRef("+Oslo", "Norway")


@pytest.fixture
def evil_meetings(tmp_path):
    arts = [article("evil.txt", "-Wire", "2020-02-03", "en", [
        M("Mallory met Lavrov in Oslo; " + EVIL, (MALLORY, LAVROV),
          day("2020-02-02", place=OSLO, occasion=EVIL, topics=["@topic", "-minus", "\tTab"], duration_minutes=30)),
    ], url="javascript:alert(3)")]
    return build_store(tmp_path / "evil.sqlite3", arts).timeline()


def test_every_format_is_registered(seeded_meetings):
    assert set(FORMATS) >= {"json", "csv", "md", "ics", "timelinejs", "html"}
    for fmt in FORMATS:
        assert render(fmt, seeded_meetings)
        assert render(fmt, [])  # an empty timeline is still a valid document


# ---- CSV -------------------------------------------------------------------------------------------------------

def test_csv_one_row_per_meeting(seeded_meetings):
    rows = list(csv.DictReader(io.StringIO(render("csv", seeded_meetings), newline="")))
    assert len(rows) == len(seeded_meetings)
    by_id = {int(r["id"]): r for r in rows}
    geneva = next(m for m in seeded_meetings if m["date"] == "2022-01-21")
    r = by_id[geneva["id"]]
    assert r["participants"] == "Antony Blinken; Sergey Lavrov"
    assert (r["place"], r["country"], r["kind"], r["status"]) == ("Geneva", "Switzerland", "in_person", "occurred")
    assert r["duration_minutes"] == "90"
    assert r["sources"] == "; ".join(s["article"] for s in geneva["sources"]) and ";" in r["sources"]
    assert r["evidence"] == geneva["sources"][0]["evidence"]
    undated = next(r for r in rows if r["status"] == "planned" and not r["date"])
    assert undated["date_start"] == ""


def test_csv_neutralises_formula_cells(evil_meetings):
    text = render("csv", evil_meetings)
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    r = dict(zip(rows[0], rows[1]))
    assert r["occasion"] == "'" + EVIL
    assert r["place"] == "'+Oslo" and r["outlets"] == "'-Wire"
    assert r["topics"] == "'@topic; -minus; \tTab"


# ---- iCalendar ---------------------------------------------------------------------------------------------------

def _events(text):
    cal = Calendar.from_ical(text)
    return cal, {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_ics_parses_back_with_all_day_dates_status_and_uids(seeded_meetings):
    text = render("ics", seeded_meetings)
    assert text.startswith("BEGIN:VCALENDAR") and "\r\n" in text
    cal, events = _events(text)
    dated = [m for m in seeded_meetings if m["date"]]
    assert len(events) == len(dated)
    for m in dated:
        ev = events[f"{m['uid']}@kb"]
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        assert type(start) is date and type(end) is date  # all-day
        assert str(ev["STATUS"]) == {"occurred": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}[m["status"]]
        assert " & ".join(m["participants"]) in str(ev["SUMMARY"])
        assert m["sources"][0]["evidence"] in str(ev["DESCRIPTION"])
        if m["place"]:
            assert str(ev["LOCATION"]) == f"{m['place']}, {m['country']}"
    by_date = {m["date"]: events[f"{m['uid']}@kb"] for m in dated}
    day_ev = by_date["2021-05-19"]
    assert (day_ev.decoded("DTSTART"), day_ev.decoded("DTEND")) == (date(2021, 5, 19), date(2021, 5, 20))
    month_ev = by_date["2022-02"]  # a month-precision meeting spans its month
    assert (month_ev.decoded("DTSTART"), month_ev.decoded("DTEND")) == (date(2022, 2, 1), date(2022, 3, 1))
    assert str(month_ev["STATUS"]) == "CANCELLED"
    season = by_date["2022"]  # summer 2022: its interval
    assert (season.decoded("DTSTART"), season.decoded("DTEND")) == (date(2022, 6, 1), date(2022, 9, 1))
    stamp = day_ev.decoded("DTSTAMP")
    assert stamp == datetime(2021, 5, 20, tzinfo=timezone.utc)  # the source's publication date
    undated = [m for m in seeded_meetings if not m["date"]]
    assert len(undated) == 1 and undated[0]["uid"] in str(cal.get("X-KB-UNDATED"))  # named, not placed
    assert f"{undated[0]['uid']}@kb" not in events


def test_ics_is_reproducible_and_uids_stable_across_stores(seeded_meetings, tmp_path):
    first = render("ics", seeded_meetings)
    assert render("ics", seeded_meetings) == first
    again = build_store(tmp_path / "again.sqlite3").timeline()
    assert render("ics", again) == first
    assert set(_events(first)[1]) == set(_events(render("ics", again))[1])


def test_ics_escapes_and_folds(evil_meetings):
    text = render("ics", evil_meetings)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    _, events = _events(text)
    ev = next(iter(events.values()))
    assert EVIL in str(ev["DESCRIPTION"])
    assert "URL" not in ev  # only http(s) source links are kept


# ---- TimelineJS ------------------------------------------------------------------------------------------------

def test_timelinejs_field_by_field(seeded_meetings):
    doc = json.loads(render("timelinejs", seeded_meetings, title="Blinken & Lavrov"))
    assert doc["title"]["text"]["headline"] == "Blinken &amp; Lavrov"
    assert "1 without a known date" in doc["title"]["text"]["text"]
    events = {e["unique_id"]: e for e in doc["events"]}
    dated = [m for m in seeded_meetings if m["date"]]
    assert len(events) == len(dated)
    for e in doc["events"]:
        assert set(e) <= {"start_date", "end_date", "text", "group", "unique_id", "display_date"}
        assert set(e["text"]) == {"headline", "text"}
        assert all(isinstance(v, int) for v in e["start_date"].values())
        assert e["group"] in ("In person", "Phone call", "Video call")
    m = {m["date"]: events[m["uid"]] for m in dated}
    assert m["2021-05-19"]["start_date"] == {"year": 2021, "month": 5, "day": 19} and "end_date" not in m["2021-05-19"]
    assert m["2022-02"]["start_date"] == {"year": 2022, "month": 2}
    assert "(cancelled)" in m["2022-02"]["text"]["headline"]
    assert m["2020-11"]["start_date"] == {"year": 2020, "month": 11}
    assert m["2022"]["start_date"] == {"year": 2022, "month": 6} and m["2022"]["end_date"] == {"year": 2022, "month": 8}
    assert m["2022"]["group"] == "Phone call"
    assert "Reykjavik" in m["2021-05-19"]["text"]["headline"]
    assert "Arctic Council" in m["2021-05-19"]["text"]["text"] and "Northern Ledger" in m["2021-05-19"]["text"]["text"]


def test_timelinejs_escapes_html(evil_meetings):
    doc = json.loads(render("timelinejs", evil_meetings))
    e = doc["events"][0]
    assert "<script>" not in e["text"]["headline"] + e["text"]["text"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in e["text"]["text"]
    assert "Mallory &lt;script&gt;" in e["text"]["headline"]


# ---- Markdown ----------------------------------------------------------------------------------------------------

def test_markdown_grouped_by_year_with_footnotes(seeded_meetings):
    text = render("md", seeded_meetings, title="Meetings")
    lines = text.splitlines()
    assert lines[0] == "# Meetings"
    headings = [ln[3:] for ln in lines if ln.startswith("## ")]
    assert headings == ["2019", "2020", "2021", "2022", "2023", "2024", "Date unknown", "Sources"]
    bullets = [ln for ln in lines if ln.startswith("- ")]
    assert len(bullets) == len(seeded_meetings)
    refs = [r for ln in bullets for r in __import__("re").findall(r"\[\^(\d+)\]", ln)]
    notes = [ln for ln in lines if ln.startswith("[^")]
    assert len(refs) == len(notes) == sum(len(m["sources"]) for m in seeded_meetings)
    geneva = next(ln for ln in bullets if "2022-01-21" in ln)
    assert "Antony Blinken & Sergey Lavrov" in geneva and "Geneva, Switzerland" in geneva and "1 h 30 min" in geneva
    assert "**cancelled**" in next(ln for ln in bullets if "2022-02" in ln)
    assert any("Warta Kita, 2022-01-22, jenewa-id.txt" in n for n in notes)
    year_of = {}
    current = None
    for ln in lines:
        if ln.startswith("## "):
            current = ln[3:]
        elif ln.startswith("- **20"):
            year_of[ln[4:8]] = current
    assert all(k == v for k, v in year_of.items())


def test_markdown_escapes_markup(evil_meetings):
    text = render("md", evil_meetings)
    assert "<script>" not in text and "\\<script\\>" in text
    assert "\\[x\\](javascript:1)" in text and "\\*bold\\*" in text


# ---- HTML (static checks; the browser test is in test_html_browser.py) -------------------------------------------

class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self.text = [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


def test_html_is_standalone_and_escaped(evil_meetings):
    page = render("html", evil_meetings)
    p = _Collect()
    p.feed(page)
    scripts = [t for t in p.tags if t[0] == "script"]
    assert len(scripts) == 1 and "src" not in scripts[0][1]
    assert not [t for t in p.tags if t[0] in ("link", "img", "iframe", "object", "embed")]
    assert "http://evil.example" not in [a.get("href") for _, a in p.tags]
    assert not any((a.get("href") or "").startswith("javascript:") for _, a in p.tags)
    assert "alert(1)" not in "".join(p.scripts) and "alert(2)" not in "".join(p.scripts)
    assert "Content-Security-Policy" in page
    assert EVIL.split(" </script>")[0] in "".join(p.text)  # the text is shown, as text
    li = [a for t, a in p.tags if t == "li" and "meeting" in (a.get("class") or "")]
    assert json.loads(li[0]["data-people"]) == ["Mallory <script>alert(2)</script>", "Sergey Lavrov"]


def test_html_lists_every_meeting_by_year(seeded_meetings):
    page = render("html", seeded_meetings)
    p = _Collect()
    p.feed(page)
    li = [a for t, a in p.tags if t == "li" and "meeting" in (a.get("class") or "").split()]
    assert [int(a["data-id"]) for a in li] == [m["id"] for m in seeded_meetings]
    years = [a["data-year"] for t, a in p.tags if t == "section"]
    assert years == ["2019", "2020", "2021", "2022", "2023", "2024", "unknown"]
    options = [a.get("value") for t, a in p.tags if t == "option"]
    assert "" in options and "Sergey Lavrov" in options and "Ana Kovačević" in options
    assert sum(1 for t, _ in p.tags if t == "details") == len(seeded_meetings)
