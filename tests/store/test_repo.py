"""Storing extractions: idempotence, updates by URL, merging across articles, conflicts."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from kb.api import KnowledgeBase
from kb.document import Document
from kb.extract.records import ArticleExtraction, Evidence, MeetingRecord, PersonRef, PlaceRef
from kb.store.repo import save_article

ANNA, BORIS, CARL = PersonRef("Anna Kova", ("Kova",)), PersonRef("Boris Petrov", ("Petrov",)), PersonRef("Carl Berg")
OSLO = PlaceRef("Oslo", "Norway", ("Oslo",))


def rec(sentence, *, people=(ANNA, BORIS), date_=None, start=None, end=None, gran=None, basis="explicit",
        place=OSLO, kind="in_person", status="occurred", **kw):
    return MeetingRecord(participants=list(people), evidence=Evidence(sentence, 0, len(sentence)), date=date_,
                         date_start=start, date_end=end or start, granularity=gran, date_basis=basis,
                         date_text=kw.pop("date_text", date_), place=place, kind=kind, status=status, **kw)


def doc(text, origin, published, url=None):
    return Document(text=text, language="en", origin=origin, published=published, source="Wire", url=url)


def store(kb, d, ext):
    with kb.session() as s, s.begin():
        return save_article(s, d, ext)[0]


JAN_2022 = dict(date_="2022-01", start=date(2022, 1, 1), end=date(2022, 1, 31), gran="month")
JAN_2023_REL = dict(date_="2023-01", start=date(2023, 1, 1), end=date(2023, 1, 31), gran="month", basis="relative",
                    date_text="last January")

ARTICLES = [
    (doc("Kova and Petrov met in Oslo in January 2022.", "one.txt", date(2023, 3, 2)),
     ArticleExtraction(meetings=[rec("Kova and Petrov met in Oslo in January 2022.", **JAN_2022, topics=["fish"])])),
    (doc("The two met in Oslo last January, an official said.", "two.txt", date(2023, 3, 2)),
     ArticleExtraction(meetings=[rec("The two met in Oslo last January, an official said.", **JAN_2023_REL)])),
    (doc("Petrov recalled meeting Kova in Oslo on 21 January 2022.\n\nPetrov recalled meeting Kova in Oslo on 21 January 2022.",
         "three.txt", date(2023, 3, 3)),
     ArticleExtraction(meetings=[rec("Petrov recalled meeting Kova in Oslo on 21 January 2022.", date_="2022-01-21",
                                     start=date(2022, 1, 21), gran="day", topics=["oil"])] * 2)),
]


def test_adding_twice_changes_nothing(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    assert store(kb, *ARTICLES[0]) == "added"
    counts = kb.counts()
    assert store(kb, *ARTICLES[0]) == "skipped"
    assert kb.counts() == counts


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_merge_is_order_free_and_keeps_every_source(tmp_path, order):
    kb = KnowledgeBase(str(tmp_path / "kb.sqlite3"), writer=True)
    _check_merged(kb, order)


@pytest.mark.postgres
def test_merge_on_postgres(pg_url):
    _check_merged(KnowledgeBase(pg_url, writer=True), (2, 0, 1))


def _check_merged(kb, order):
    for i in order:
        store(kb, *ARTICLES[i])
    meetings = kb.timeline()
    assert len(meetings) == 1
    m = meetings[0]
    assert m["participants"] == ["Anna Kova", "Boris Petrov"]
    # two explicit sources for January 2022 beat one relative reading of January 2023
    assert m["date"] in ("2022-01", "2022-01-21")
    assert sorted(s["article"] for s in m["sources"]) == ["one.txt", "three.txt", "two.txt"]
    assert any("2023-01" in c for c in m["conflicts"])
    assert m["topics"] == ["fish", "oil"]
    assert m["place"] == "Oslo" and m["country"] == "Norway"


def test_results_do_not_depend_on_order(tmp_path):
    def snapshot(order, name):
        kb = KnowledgeBase(str(tmp_path / name), writer=True)
        for i in order:
            store(kb, *ARTICLES[i])
        return [{k: v for k, v in m.items() if k not in ("id",)} | {"sources": sorted(s["article"] for s in m["sources"])}
                for m in kb.timeline()]

    assert snapshot([0, 1, 2], "a.sqlite3") == snapshot([2, 1, 0], "b.sqlite3")


def test_different_status_or_kind_are_different_meetings(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    store(kb, doc("x", "x.txt", date(2022, 3, 1)), ArticleExtraction(meetings=[
        rec("They spoke by phone in the summer.", kind="phone", place=None, date_="2022", start=date(2022, 6, 1),
            end=date(2022, 8, 31), gran="season"),
        rec("A meeting in February was called off.", status="cancelled", place=None, date_="2022-02",
            start=date(2022, 2, 1), end=date(2022, 2, 28), gran="month"),
        rec("They met in Oslo in January.", **JAN_2022)]))
    kinds = sorted((m["kind"], m["status"]) for m in kb.timeline())
    assert kinds == [("in_person", "cancelled"), ("in_person", "occurred"), ("phone", "occurred")]


def test_updated_article_replaces_only_its_contributions(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    store(kb, *ARTICLES[0])
    first = doc("Kova met Carl Berg in Oslo in January 2022.", "u.txt", date(2023, 3, 2), url="http://example.org/a")
    store(kb, first, ArticleExtraction(meetings=[rec("Kova met Carl Berg in Oslo in January 2022.", people=(ANNA, CARL), **JAN_2022)]))
    assert len(kb.timeline()) == 2
    changed = doc("Kova met Petrov in Oslo in January 2022, says a correction.", "u.txt", date(2023, 3, 2), url="http://example.org/a")
    assert store(kb, changed, ArticleExtraction(meetings=[rec("Kova met Petrov in Oslo in January 2022, says a correction.", **JAN_2022)])) == "updated"
    meetings = kb.timeline()
    assert len(meetings) == 1
    assert len(meetings[0]["sources"]) == 2
    assert kb.counts()["articles"] == 2


def test_repeated_paragraph_is_one_source(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    store(kb, *ARTICLES[2])
    (m,) = kb.timeline()
    assert len(m["sources"]) == 1


def test_one_sentences_meetings_in_two_places_stay_two(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    sentence = "Kova recalled their later meetings in Oslo and Bergen."
    bergen = PlaceRef("Bergen", "Norway", ("Bergen",))
    store(kb, doc(sentence, "places.txt", date(2023, 3, 2)),
          ArticleExtraction(meetings=[rec(sentence), rec(sentence, place=bergen), rec(sentence, place=None)]))
    assert sorted(m["place"] for m in kb.timeline()) == ["Bergen", "Oslo"]


def test_meetings_between_and_filters(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    for d, e in ARTICLES:
        store(kb, d, e)
    assert len(kb.meetings_between("kova", "PETROV")) == 1
    assert kb.meetings_between("Anna Kova", "Boris Petrov", since=date(2022, 2, 1)) == []
    assert len(kb.meetings_between("Anna Kova", "Boris Petrov", status="occurred", kind="in_person")) == 1
