"""SQLAlchemy 2.0 models of the store.

Two layers of meetings:
- `Report`: one meeting as one article reports it (what extraction returned). Re-adding or updating an
  article replaces only its reports.
- `Meeting`: the merged event, recomputed from every report that shares its participants
  (`participants_key`), with `Evidence` (one row per supporting report) and `Conflict` rows.
Merging is a pure function of the reports of one participants key, so it does not depend on the order in
which articles were added.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(String(2048), index=True)
    origin: Mapped[str] = mapped_column(String(1024))
    source: Mapped[str | None] = mapped_column(String(512))
    title: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    text: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    reports: Mapped[list[Report]] = relationship(back_populates="article", cascade="all, delete-orphan", passive_deletes=True)


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512), unique=True)
    role: Mapped[str | None] = mapped_column(String(128))
    country: Mapped[str | None] = mapped_column(String(16))

    aliases: Mapped[list[PersonAlias]] = relationship(back_populates="person", cascade="all, delete-orphan", passive_deletes=True)


class PersonAlias(Base):
    __tablename__ = "person_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(512))
    alias_norm: Mapped[str] = mapped_column(String(512), unique=True)

    person: Mapped[Person] = relationship(back_populates="aliases")


class Place(Base):
    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("name", "country", name="uq_places_name_country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(512))
    country: Mapped[str | None] = mapped_column(String(128))

    aliases: Mapped[list[PlaceAlias]] = relationship(back_populates="place", cascade="all, delete-orphan", passive_deletes=True)


class PlaceAlias(Base):
    __tablename__ = "place_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(512))
    alias_norm: Mapped[str] = mapped_column(String(512), unique=True)

    place: Mapped[Place] = relationship(back_populates="aliases")


class Report(Base):
    """One meeting as one article reports it."""

    __tablename__ = "reports"
    __table_args__ = (Index("ix_reports_key", "participants_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    participants_key: Mapped[str] = mapped_column(String(512))  # sorted person ids, comma-separated
    date: Mapped[str | None] = mapped_column(String(32))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    granularity: Mapped[str | None] = mapped_column(String(16))
    date_basis: Mapped[str | None] = mapped_column(String(16))
    date_text: Mapped[str | None] = mapped_column(Text)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    duration_mod: Mapped[str | None] = mapped_column(String(16))
    occasion: Mapped[str | None] = mapped_column(Text)
    topics: Mapped[list] = mapped_column(JSON, default=list)
    conflicts: Mapped[list] = mapped_column(JSON, default=list)
    sentence: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)

    article: Mapped[Article] = relationship(back_populates="reports")
    place: Mapped[Place | None] = relationship()


class Meeting(Base):
    """A merged meeting: one real-world event with every source that reports it."""

    __tablename__ = "meetings"
    # ix_meetings_span_date: a date-range filter probes each span bucket from (since - longest span of
    # that bucket) to until, instead of scanning every meeting that started before `until`.
    __table_args__ = (Index("ix_meetings_date", "date_start", "date_end"),
                      Index("ix_meetings_span_date", "span_bucket", "date_start", "date_end"))

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    participants_key: Mapped[str] = mapped_column(String(512), index=True)
    date: Mapped[str | None] = mapped_column(String(32))
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    granularity: Mapped[str | None] = mapped_column(String(16))
    span_bucket: Mapped[int | None] = mapped_column(Integer)  # see span_bucket(); None when undated
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    duration_mod: Mapped[str | None] = mapped_column(String(16))
    occasion: Mapped[str | None] = mapped_column(Text)

    place: Mapped[Place | None] = relationship()
    participants: Mapped[list[MeetingParticipant]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    topics: Mapped[list[Topic]] = relationship(cascade="all, delete-orphan", passive_deletes=True, order_by="Topic.position")
    evidence: Mapped[list[Evidence]] = relationship(cascade="all, delete-orphan", passive_deletes=True, order_by="Evidence.id")
    conflicts: Mapped[list[Conflict]] = relationship(cascade="all, delete-orphan", passive_deletes=True, order_by="Conflict.id")


SPAN_BUCKETS = 16  # bucket b < 15 holds spans of at most 2**b - 1 days; bucket 15 holds everything longer


def span_bucket(date_start: date | None, date_end: date | None) -> int | None:
    """The length class of a meeting's date interval: bit length of its span in days (0 for one day,
    1 for two, 2 for 3-4 days ... 9 for up to a year), capped at SPAN_BUCKETS - 1; None when undated."""
    if date_start is None:
        return None
    days = max(0, ((date_end or date_start) - date_start).days)
    return min(days.bit_length(), SPAN_BUCKETS - 1)


def span_bucket_lookback(bucket: int) -> int | None:
    """The longest span (days) of a bucket, None for the last (unbounded) one."""
    return None if bucket >= SPAN_BUCKETS - 1 else (1 << bucket) - 1


class MeetingParticipant(Base):
    __tablename__ = "meeting_participants"
    # primary key (meeting, person) and the reverse index (person, meeting): "meetings of A and B" and
    # "timeline of A" are index lookups starting from the person.
    __table_args__ = (Index("ix_participants_person_meeting", "person_id", "meeting_id"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    person: Mapped[Person] = relationship()


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    topic: Mapped[str] = mapped_column(Text)


class Evidence(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    sentence: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)

    article: Mapped[Article] = relationship()


class Conflict(Base):
    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
