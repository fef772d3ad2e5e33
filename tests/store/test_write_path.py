"""The Core write path of kb.store.repo: Session or Connection, article lookup by hash and URL, names
resolved within one article, re-merging through ON DELETE CASCADE, sessions that had loaded meetings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, insert, select

from kb.api import KnowledgeBase
from kb.document import Document
from kb.extract.records import ArticleExtraction, Evidence, MeetingRecord, PersonRef
from kb.store.models import Article, Conflict, Meeting, MeetingParticipant, Person, PersonAlias, Topic
from kb.store.models import Evidence as EvidenceRow
from kb.store.repo import find_article, rebuild_meetings, save_article
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
