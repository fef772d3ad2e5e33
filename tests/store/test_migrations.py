"""The models and the migrations agree, and migrating a populated store keeps its data."""

from __future__ import annotations

from datetime import date

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from kb.api import KnowledgeBase
from kb.document import Document
from kb.extract.records import ArticleExtraction, Evidence, MeetingRecord, PersonRef, PlaceRef
from kb.store.engine import make_engine, migrate, open_engine
from kb.store.models import Article, Base, Meeting
from kb.store.repo import save_article


def _populate(db):
    kb = KnowledgeBase(db, writer=True)
    doc = Document(text="Alpha met Beta in Oslo on 3 May 2020.\n\nThey talked about fishing.", language="en",
                   origin="a.txt", published=date(2020, 5, 4), source="Test Wire")
    ext = ArticleExtraction(meetings=[MeetingRecord(
        participants=[PersonRef("Ann Alpha"), PersonRef("Bo Beta")], evidence=Evidence("Alpha met Beta in Oslo on 3 May 2020.", 0, 37),
        date="2020-05-03", date_start=date(2020, 5, 3), date_end=date(2020, 5, 3), granularity="day",
        date_basis="explicit", place=PlaceRef("Oslo", "Norway"), topics=["fishing"])])
    with kb.session() as s, s.begin():
        save_article(s, doc, ext)
    return kb


def test_models_and_migrations_agree(db_url):
    engine = open_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_upgrade_downgrade_upgrade_keeps_data(db_url):
    kb = _populate(db_url)
    before = kb.counts()
    assert before["meetings"] == 1 and before["articles"] == 1
    engine = make_engine(db_url)
    migrate(engine, "0001", downgrade=True)
    migrate(engine, "head")
    assert KnowledgeBase(db_url).counts() == before
    with kb.session() as s:
        art = s.scalar(select(Article))
        assert art.word_count == len(art.text.split())
        assert s.scalar(select(Meeting)).date == "2020-05-03"


def test_store_is_created_on_first_use(tmp_path):
    db = tmp_path / "new.sqlite3"
    assert not db.exists()
    KnowledgeBase(str(db))
    assert db.exists()
    with make_engine(str(db)).connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() is not None
