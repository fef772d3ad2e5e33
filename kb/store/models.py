"""SQLAlchemy 2.0 ORM classes of the store, mapped onto the Core tables of kb.store.schema.

The tables (columns, keys, indexes) and the meaning of the two layers of meetings are described there;
this module adds the mapped classes and their relationships for code that wants objects (`kb people`,
`kb ask`, tests). The write path and the `kb meetings` / `kb timeline` query path use the tables and
never import this module.
"""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from kb.store import schema
from kb.store.schema import SPAN_BUCKETS, span_bucket, span_bucket_lookback  # noqa: F401 - re-exported


class Base(DeclarativeBase):
    metadata = schema.metadata


class Article(Base):
    __table__ = schema.articles

    reports: Mapped[list[Report]] = relationship(back_populates="article", cascade="all, delete-orphan", passive_deletes=True)


class Person(Base):
    __table__ = schema.people

    aliases: Mapped[list[PersonAlias]] = relationship(back_populates="person", cascade="all, delete-orphan", passive_deletes=True)


class PersonAlias(Base):
    __table__ = schema.person_aliases

    person: Mapped[Person] = relationship(back_populates="aliases")


class Place(Base):
    __table__ = schema.places

    aliases: Mapped[list[PlaceAlias]] = relationship(back_populates="place", cascade="all, delete-orphan", passive_deletes=True)


class PlaceAlias(Base):
    __table__ = schema.place_aliases

    place: Mapped[Place] = relationship(back_populates="aliases")


class Report(Base):
    """One meeting as one article reports it."""

    __table__ = schema.reports

    article: Mapped[Article] = relationship(back_populates="reports")
    place: Mapped[Place | None] = relationship()


class Meeting(Base):
    """A merged meeting: one real-world event with every source that reports it."""

    __table__ = schema.meetings

    place: Mapped[Place | None] = relationship()
    participants: Mapped[list[MeetingParticipant]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    topics: Mapped[list[Topic]] = relationship(cascade="all, delete-orphan", passive_deletes=True, order_by="Topic.position")
    evidence: Mapped[list[Evidence]] = relationship(cascade="all, delete-orphan", passive_deletes=True, order_by="Evidence.id")
    conflicts: Mapped[list[Conflict]] = relationship(cascade="all, delete-orphan", passive_deletes=True, order_by="Conflict.id")


class MeetingParticipant(Base):
    __table__ = schema.meeting_participants

    person: Mapped[Person] = relationship()


class Topic(Base):
    __table__ = schema.topics


class Evidence(Base):
    __table__ = schema.evidence

    article: Mapped[Article] = relationship()


class Conflict(Base):
    __table__ = schema.conflicts
