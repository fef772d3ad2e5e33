"""The Core write path of kb.store.repo: Session or Connection, article lookup by hash and URL, names
resolved within one article, re-merging through ON DELETE CASCADE, sessions that had loaded meetings, the
names kept across one add() call's transactions, and add()'s batched content-hash check."""

from __future__ import annotations

from datetime import date, datetime

from pathlib import Path

import pytest
from sqlalchemy import event, func, insert, select

from kb.api import KnowledgeBase
from kb.document import Document
from kb.extract.records import ArticleExtraction, Evidence, MeetingRecord, PersonRef
from kb.store.models import Article, Conflict, Meeting, MeetingParticipant, Person, PersonAlias, Topic
from kb.store.models import Evidence as EvidenceRow
from kb.ingest import Overrides
from kb.store.repo import NameCache, find_article, rebuild_meetings, save_article
from test_repo import ARTICLES, doc, rec


def _without_ids(kb: KnowledgeBase) -> list[dict]:
    out = []
    for m in kb.timeline():
        m = {k: v for k, v in m.items() if k != "id"}
        m["sources"] = sorted((s["article"], s["evidence"]) for s in m["sources"])
        out.append(m)
    return out


def test_a_connection_writes_what_a_session_writes(db_url, tmp_path):
    by_conn = KnowledgeBase(db_url, writer=True)
    for d, e in ARTICLES:
        with by_conn.engine.begin() as conn:
            save_article(conn, d, e)
    by_session = KnowledgeBase(str(tmp_path / "session.sqlite3"), writer=True)
    for d, e in ARTICLES:
        with by_session.session() as s, s.begin():
            save_article(s, d, e)
    assert _without_ids(by_conn) == _without_ids(by_session)
    assert by_conn.counts() == by_session.counts()


def test_find_article_by_hash_then_oldest_article_of_the_url(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    first = doc("First text.", "a.txt", date(2023, 1, 2), url="http://example.org/x")
    with kb.engine.begin() as conn:
        assert find_article(conn, first) == ("added", None)
        outcome, first_id = save_article(conn, first, ArticleExtraction())
        assert outcome == "added"
        assert find_article(conn, first) == ("skipped", first_id)
        # a second row with the same URL (as two writers racing could leave): the oldest one is updated
        conn.execute(insert(Article), [{"content_hash": "f" * 64, "url": first.url, "origin": "b.txt",
                                        "language": "en", "added_at": datetime(2023, 1, 3), "text": "x"}])
        other = doc("Second text.", "a.txt", date(2023, 1, 2), url=first.url)
        assert find_article(conn, other) == ("updated", first_id)
        assert find_article(conn, other, by_url=False) == ("added", None)
        assert find_article(conn, first, by_url=False) == ("skipped", first_id)


def test_a_name_that_is_an_alias_of_a_person_new_in_the_same_article(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    anna = PersonRef("Anna Kova", ("A. Kova",))
    boris = PersonRef("Boris Petrov", ("Petrov",))
    sentence = "A. Kova met Petrov in Oslo."
    ext = ArticleExtraction(people=[anna, boris], meetings=[
        rec(sentence, people=(PersonRef("A Kova"), PersonRef("Petrov")), date_="2022-01", start=date(2022, 1, 1),
            end=date(2022, 1, 31), gran="month")])
    with kb.engine.begin() as conn:
        assert save_article(conn, doc(sentence, "k.txt", date(2022, 2, 1)), ext)[0] == "added"
    with kb.session() as s:
        # people get ids in the order they are resolved: the article's people, then new participants
        assert s.scalars(select(Person.name).order_by(Person.id)).all() == ["Anna Kova", "Boris Petrov"]
        owners = dict(s.execute(select(PersonAlias.alias, Person.name).join(Person)).all())
    assert owners == {"Anna Kova": "Anna Kova", "A. Kova": "Anna Kova", "Boris Petrov": "Boris Petrov",
                      "Petrov": "Boris Petrov"}
    (m,) = kb.timeline()
    assert m["participants"] == ["Anna Kova", "Boris Petrov"]


def test_re_merging_leaves_no_rows_of_old_meetings(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    for d, e in ARTICLES:
        with kb.engine.begin() as conn:
            save_article(conn, d, e)
    with kb.engine.begin() as conn:
        for key in conn.execute(select(Meeting.participants_key).distinct()).scalars().all():
            rebuild_meetings(conn, key)
    with kb.session() as s:
        meeting_ids = set(s.scalars(select(Meeting.id)))
        assert len(meeting_ids) == 1
        for table in (MeetingParticipant, Topic, EvidenceRow, Conflict):
            assert set(s.scalars(select(table.meeting_id).distinct())) == meeting_ids, table.__tablename__
        assert s.scalar(select(func.count()).select_from(EvidenceRow)) == 3


def test_a_session_that_loaded_a_meeting_sees_it_re_merged(tmp_path):
    kb = KnowledgeBase(str(tmp_path / "kb.sqlite3"), writer=True)
    with kb.session() as s, s.begin():
        save_article(s, *ARTICLES[0])
        before = s.scalar(select(Meeting))
        assert before.date == "2022-01"
        save_article(s, *ARTICLES[2])  # a day-precise report of the same meeting: the merge now reads that day
        after = s.scalar(select(Meeting))
        assert after.date == "2022-01-21"
        assert [t.topic for t in after.topics] == ["fish", "oil"]


def test_an_update_re_merges_the_keys_it_leaves(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    carl = PersonRef("Carl Berg")
    url = "http://example.org/u"
    first = doc("Kova met Carl Berg.", "u.txt", date(2023, 3, 2), url=url)
    with kb.engine.begin() as conn:
        save_article(conn, first, ArticleExtraction(meetings=[rec("Kova met Carl Berg.", people=(
            PersonRef("Anna Kova"), carl))]))
    changed = doc("Kova met Boris Petrov.", "u.txt", date(2023, 3, 2), url=url)
    with kb.engine.begin() as conn:
        outcome, _ = save_article(conn, changed, ArticleExtraction(meetings=[rec("Kova met Boris Petrov.")]))
    assert outcome == "updated"
    assert [m["participants"] for m in kb.timeline()] == [["Anna Kova", "Boris Petrov"]]
    assert kb.counts()["reports"] == 1


# ---- the names one add() call has met (NameCache) ----------------------------------------------------------

ANNA, BORIS, CARL = PersonRef("Anna Kova", ("Kova",)), PersonRef("Boris Petrov", ("Petrov",)), PersonRef("Carl Berg")


def _meeting(origin: str, a: PersonRef, b: PersonRef, day: int):
    sentence = f"{a.name} met {b.name} in Oslo on {day} May 2022."
    d = date(2022, 5, day)
    return doc(sentence, origin, date(2022, 6, 1)), ArticleExtraction(people=[a, b], meetings=[
        rec(sentence, people=(a, b), date_=d.isoformat(), start=d, gran="day")])


def test_names_of_a_rolled_back_transaction_are_not_kept(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    names = NameCache()
    with pytest.raises(RuntimeError):
        with kb.engine.begin() as conn:
            save_article(conn, *_meeting("lost.txt", ANNA, CARL, 1), names=names)
            raise RuntimeError("the transaction fails after the article was written")
    # the caller does not commit the names of a failed transaction; the next article starts afresh
    with kb.engine.begin() as conn:
        save_article(conn, *_meeting("first.txt", BORIS, ANNA, 2), names=names)
    names.commit()
    with kb.engine.begin() as conn:
        save_article(conn, *_meeting("second.txt", CARL, BORIS, 3), names=names)
    names.commit()
    with kb.session() as s:
        ids = dict(s.execute(select(Person.name, Person.id)).all())
    assert sorted(ids) == ["Anna Kova", "Boris Petrov", "Carl Berg"]
    assert {n: names.known.person_by_name[n] for n in ids} == ids
    assert sorted(m["participants"] for m in kb.timeline()) == [["Anna Kova", "Boris Petrov"],
                                                                 ["Boris Petrov", "Carl Berg"]]


def test_a_name_another_writer_added_meanwhile_is_found(db_url):
    kb = KnowledgeBase(db_url, writer=True)
    names = NameCache()
    with kb.engine.begin() as conn:
        save_article(conn, *_meeting("one.txt", ANNA, BORIS, 1), names=names)
    names.commit()
    with kb.engine.begin() as other:  # no cache: another process, say
        save_article(other, *_meeting("two.txt", ANNA, CARL, 2))
    with kb.engine.begin() as conn:
        save_article(conn, *_meeting("three.txt", CARL, BORIS, 3), names=names)
    names.commit()
    assert kb.counts()["people"] == 3
    assert len(kb.timeline()) == 3


def test_names_met_before_cost_no_lookup(tmp_path):
    kb = KnowledgeBase(str(tmp_path / "kb.sqlite3"), writer=True)
    names = NameCache()
    statements: list[str] = []
    event.listen(kb.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with kb.engine.begin() as conn:
        save_article(conn, *ARTICLES[0], names=names)
    names.commit()
    assert any("person_aliases" in s for s in statements)
    statements.clear()
    with kb.engine.begin() as conn:
        save_article(conn, *ARTICLES[2], names=names)  # the same two people and place
    names.commit()
    assert not [s for s in statements if "person_aliases" in s or "place_aliases" in s or "FROM people" in s]
    (m,) = kb.timeline()
    assert len(m["sources"]) == 2


def test_with_and_without_the_cache_the_store_is_the_same(tmp_path):
    def build(name, use_cache):
        kb = KnowledgeBase(str(tmp_path / name), writer=True)
        names = NameCache() if use_cache else None
        articles = [*ARTICLES, _meeting("a.txt", ANNA, CARL, 1), _meeting("b.txt", CARL, BORIS, 2),
                    _meeting("c.txt", PersonRef("Kova"), PersonRef("Carl Berg", ("Berg",)), 3)]
        for d, e in articles:
            with kb.engine.begin() as conn:
                save_article(conn, d, e, names=names)
            if names:
                names.commit()
        with kb.engine.connect() as conn:
            rows = {t.name: conn.execute(select(t).order_by(t.c.id)).all()
                    for t in (Person.__table__, PersonAlias.__table__, Meeting.__table__)}
        return _without_ids(kb), rows

    assert build("with.sqlite3", True) == build("without.sqlite3", False)


# ---- add(): content hashes checked in batches ---------------------------------------------------------------

def test_add_checks_content_hashes_in_batches(tmp_path, monkeypatch):
    import kb.api as api

    monkeypatch.setattr(api, "HASH_CHECK_BATCH", 2)
    monkeypatch.setattr(api, "extract_safely", lambda d: ArticleExtraction())
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"Article number {i}.", encoding="utf-8")
    (folder / "5.txt").write_text("", encoding="utf-8")  # unreadable: reported, never stored
    kb = KnowledgeBase(str(tmp_path / "kb.sqlite3"), writer=True)
    first = kb.add([str(folder / "1.txt"), str(folder / "3.txt")], Overrides(language="en"))
    assert first.count("added") == 2
    statements: list[str] = []
    event.listen(kb.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    report = kb.add([str(folder)], Overrides(language="en"))
    status = {Path(f.file).name: f.status for f in report.files}
    assert status == {"0.txt": "added", "1.txt": "skipped", "2.txt": "added", "3.txt": "skipped", "4.txt": "added",
                      "5.txt": "failed"}
    assert len([s for s in statements if "articles.content_hash IN" in s]) == 3  # 6 inputs, 5 documents
    assert kb.counts()["articles"] == 5
