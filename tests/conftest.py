"""Shared fixtures: a fresh store per test, on SQLite and (when reachable) on this machine's PostgreSQL."""

from __future__ import annotations

import os

import pytest

from pgschema import drop_pg_schema, new_pg_schema, pg_reachable


@pytest.fixture(scope="session")
def pg_available() -> bool:
    return pg_reachable()


@pytest.fixture
def pg_url(pg_available):
    """A PostgreSQL URL whose search_path is a schema of its own, dropped after the test."""
    if not pg_available:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL at 127.0.0.1:5432 is not reachable")
        pytest.skip("PostgreSQL not reachable")
    schema, url = new_pg_schema()
    try:
        yield url
    finally:
        from sqlalchemy.engine import make_url

        from kb.store import engine as engine_module

        engine_module._MIGRATED.discard(make_url(url).render_as_string(hide_password=False))
        drop_pg_schema(schema)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """The store on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.sqlite3")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def sqlite_db(tmp_path):
    return str(tmp_path / "kb.sqlite3")


# ---- a hand-built store for query and export tests (kb/query, kb/export) -----------------------------------
# Stores built by hand (no extraction), a fresh SQLite file per test.
#
# `seeded_store(tmp_path)` is a KnowledgeBase over a store with the meetings below, written through
# `kb.store.repo.save_article` exactly as `kb add` would write them. The sentences are our own.
#
#     Blinken & Lavrov   2021-05-19 Reykjavik (Arctic Council, 105 min) · 2022-01-21 Geneva (90 min, 2 sources)
#                        2022-02 cancelled · summer 2022 phone call · 2023-03-02 New Delhi (G20, at most 10 min)
#     Biden & Putin      2021-06-16 Geneva summit (180 min) · 2021-12-07 video call · 2021-12-30 phone call
#                        · a planned meeting with no date
#     Pompeo & Lavrov    2019-05-14 Sochi
#     Lavrov & Baerbock  2022-01-18 Moscow
#     Lena Haugen & Ana Kovačević   2020-11 Bergen
#     Piet Haugen & Ana Kovačević   2024-03-05 Zagreb, planned

from dataclasses import dataclass, field
from datetime import date

from kb.document import Document
from kb.extract.records import ArticleExtraction, Evidence, MeetingRecord, PersonRef, PlaceRef

BLINKEN = PersonRef("Antony Blinken", ("Blinken", "Tony Blinken"), "foreign_minister", "US")
LAVROV = PersonRef("Sergey Lavrov", ("Sergei Lavrov", "Lavrov", "Sergej Lawrow"), "foreign_minister", "RU")
BIDEN = PersonRef("Joe Biden", ("Biden", "Joseph R. Biden"), "head_of_state", "US")
PUTIN = PersonRef("Vladimir Putin", ("Putin",), "head_of_state", "RU")
POMPEO = PersonRef("Mike Pompeo", ("Pompeo",), "foreign_minister", "US")
BAERBOCK = PersonRef("Annalena Baerbock", ("Baerbock",), "foreign_minister", "DE")
LENA = PersonRef("Lena Haugen", ())
PIET = PersonRef("Piet Haugen", ())
ANA = PersonRef("Ana Kovačević", ("Kovačević",))

REYKJAVIK = PlaceRef("Reykjavik", "Iceland", ("Reykjavík",))
GENEVA = PlaceRef("Geneva", "Switzerland", ("Jenewa", "Genève", "Genf"))
NEW_DELHI = PlaceRef("New Delhi", "India", ("Delhi",))
SOCHI = PlaceRef("Sochi", "Russia", ("Soči",))
MOSCOW = PlaceRef("Moscow", "Russia", ("Moskow", "Moskwa"))
BERGEN = PlaceRef("Bergen", "Norway")
ZAGREB = PlaceRef("Zagreb", "Croatia")


@dataclass
class M:
    """One meeting record to write: the sentence it is read from and its fields."""

    sentence: str
    people: tuple
    kw: dict = field(default_factory=dict)


def article(origin: str, source: str, published: str, language: str, meetings: list[M], *, url: str | None = None):
    """A Document made of the meetings' sentences (one paragraph each) and its ArticleExtraction."""
    sentences = [m.sentence for m in meetings]
    text = "\n\n".join(sentences)
    doc = Document(text=text, language=language, origin=origin, published=date.fromisoformat(published),
                   source=source, url=url, title=f"{source}: {origin}")
    records, people, pos = [], {}, 0
    for m in meetings:
        start = text.index(m.sentence, pos)
        pos = start + len(m.sentence)
        for p in m.people:
            people[p.name] = p
        records.append(MeetingRecord(participants=list(m.people), evidence=Evidence(m.sentence, start, pos), **m.kw))
    return doc, ArticleExtraction(people=list(people.values()), meetings=records)


def day(iso: str, **kw) -> dict:
    d = date.fromisoformat(iso)
    return {"date": iso, "date_start": d, "date_end": d, "granularity": "day", "date_basis": "explicit", **kw}


def month(y: int, m: int, **kw) -> dict:
    import calendar

    last = calendar.monthrange(y, m)[1]
    return {"date": f"{y:04d}-{m:02d}", "date_start": date(y, m, 1), "date_end": date(y, m, last),
            "granularity": "month", "date_basis": "explicit", **kw}


SEED_ARTICLES = [
    article("reykjavik-en.txt", "Northern Ledger", "2021-05-20", "en", [
        M("Antony Blinken and Sergey Lavrov sat down together in Reykjavik on Wednesday for one hour and 45 minutes "
          "on the sidelines of the Arctic Council gathering.", (BLINKEN, LAVROV),
          day("2021-05-19", place=REYKJAVIK, duration_minutes=105, occasion="Arctic Council ministerial meeting",
              topics=["strategic stability", "Ukraine"])),
    ]),
    article("biden-putin-geneva.txt", "Capitol Desk", "2021-06-17", "en", [
        M("Joe Biden and Vladimir Putin held their first summit at a lakeside villa in Geneva, talking for about "
          "three hours.", (BIDEN, PUTIN),
          day("2021-06-16", place=GENEVA, duration_minutes=180, occasion="US-Russia summit",
              topics=["arms control", "cyber attacks"])),
    ]),
    article("video-call.txt", "Capitol Desk", "2021-12-08", "en", [
        M("Biden and Putin spoke over a secure video link on Tuesday about troops massed near Ukraine.", (BIDEN, PUTIN),
          day("2021-12-07", kind="video", duration_minutes=120, topics=["Ukraine"])),
        M("Biden and Putin also agreed that their teams would prepare another meeting in person.", (BIDEN, PUTIN),
          {"status": "planned"}),
    ]),
    article("phone-dec.txt", "Capitol Desk", "2021-12-31", "en", [
        M("Putin phoned Biden on Thursday evening, the second conversation between the two in a month.", (PUTIN, BIDEN),
          day("2021-12-30", kind="phone", duration_minutes=50)),
    ]),
    article("jenewa-id.txt", "Warta Kita", "2022-01-22", "id", [
        M("Menlu AS Antony Blinken dan Menlu Rusia Sergei Lavrov bertemu di Jenewa pada Jumat (21/1/2022) selama "
          "sekitar satu setengah jam.", (BLINKEN, LAVROV),
          day("2022-01-21", place=GENEVA, duration_minutes=90, topics=["Ukraina"])),
    ]),
    article("geneva-en.txt", "Harbour Times", "2022-01-21", "en", [
        M("Blinken met Lavrov in Geneva on Friday, January 21, 2022, and described the talks as frank.", (BLINKEN, LAVROV),
          day("2022-01-21", place=GENEVA, topics=["security guarantees"])),
    ]),
    article("moscow-baerbock.txt", "Harbour Times", "2022-01-19", "en", [
        M("German foreign minister Annalena Baerbock was received by Lavrov in Moscow on Tuesday.", (BAERBOCK, LAVROV),
          day("2022-01-18", place=MOSCOW)),
    ]),
    article("rangkuman-2022.txt", "Warta Kita", "2023-03-02", "id", [
        M("Pertemuan Blinken dan Lavrov yang dijadwalkan pada Februari 2022 akhirnya dibatalkan oleh Washington.",
          (BLINKEN, LAVROV), month(2022, 2, status="cancelled")),
        M("Keduanya sempat berbicara lewat telepon pada musim panas 2022 tentang pertukaran tahanan.",
          (BLINKEN, LAVROV),
          {"date": "2022", "date_start": date(2022, 6, 1), "date_end": date(2022, 8, 31), "granularity": "season",
           "date_basis": "explicit", "kind": "phone", "topics": ["pertukaran tahanan"]}),
        M("Blinken dan Lavrov berbicara tidak lebih dari sepuluh menit di sela pertemuan G20 di New Delhi, Kamis "
          "(2/3/2023).", (BLINKEN, LAVROV),
          day("2023-03-02", place=NEW_DELHI, duration_minutes=10, duration_mod="at_most",
              occasion="G20 foreign ministers' meeting", conflicts=["'Kamis (2/3/2023)': checked, a Thursday"])),
    ]),
    article("sochi-2019.txt", "Harbour Times", "2019-05-15", "en", [
        M("Mike Pompeo travelled to Sochi on Tuesday and held talks with Sergey Lavrov.", (POMPEO, LAVROV),
          day("2019-05-14", place=SOCHI)),
    ]),
    article("bergen.txt", "Fjord Post", "2020-12-01", "en", [
        M("Lena Haugen met Ana Kovačević in Bergen in November to discuss fisheries.", (LENA, ANA),
          month(2020, 11, place=BERGEN, topics=["fisheries"])),
        M("Piet Haugen will meet Ana Kovačević in Zagreb on 5 March 2024.", (PIET, ANA),
          day("2024-03-05", place=ZAGREB, status="planned")),
    ]),
]


def build_store(db_path, articles=SEED_ARTICLES):
    """A KnowledgeBase at db_path holding these (Document, ArticleExtraction) pairs."""
    from kb.api import KnowledgeBase
    from kb.store.repo import save_article

    kb = KnowledgeBase(str(db_path), writer=True)
    for doc, extraction in articles:
        with kb.session() as s, s.begin():
            save_article(s, doc, extraction)
    return kb


# ---- a hand-built store for query and export tests ---------------------------------------------------------

@pytest.fixture
def seeded_store(tmp_path):
    """A KnowledgeBase over a fresh SQLite store with the meetings in this module's docstring."""
    return build_store(tmp_path / "kb.sqlite3")


@pytest.fixture
def seeded_meetings(seeded_store):
    """The seeded store's whole timeline (contract objects)."""
    return seeded_store.timeline()
