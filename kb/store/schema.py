"""The store's tables, in SQLAlchemy Core: what the write path and the query path run on.

They carry no ORM (kb.store.models maps its classes onto these same tables), so that a `kb meetings`
process never imports sqlalchemy.orm nor configures mappers, which is a third of its start-up.

Two layers of meetings:
- `reports`: one meeting as one article reports it (what extraction returned). Re-adding or updating an
  article replaces only its reports.
- `meetings`: the merged event, recomputed from every report that shares its participants
  (`participants_key`), with `evidence` (one row per supporting report) and `conflicts` rows.
Merging is a pure function of the reports of one participants key, so it does not depend on the order in
which articles were added.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", String(2048), index=True),
    Column("origin", String(1024), nullable=False),
    Column("source", String(512)),
    Column("title", Text),
    Column("language", String(8), nullable=False),
    Column("published", Date, index=True),
    Column("added_at", DateTime, nullable=False),
    Column("text", Text, nullable=False),
    Column("word_count", Integer, nullable=False, default=0, server_default="0"),
)

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(512), nullable=False, unique=True),
    Column("role", String(128)),
    Column("country", String(16)),
)

person_aliases = Table(
    "person_aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("alias", String(512), nullable=False),
    Column("alias_norm", String(512), nullable=False, unique=True),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(512), nullable=False),
    Column("country", String(128)),
    UniqueConstraint("name", "country", name="uq_places_name_country"),
)

place_aliases = Table(
    "place_aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("place_id", Integer, ForeignKey("places.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("alias", String(512), nullable=False),
    Column("alias_norm", String(512), nullable=False, unique=True),
)

reports = Table(
    "reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("participants_key", String(512), nullable=False),  # sorted person ids, comma-separated
    Column("date", String(32)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("granularity", String(16)),
    Column("date_basis", String(16)),
    Column("date_text", Text),
    Column("place_id", Integer, ForeignKey("places.id", ondelete="SET NULL")),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("duration_minutes", Integer),
    Column("duration_mod", String(16)),
    Column("occasion", Text),
    Column("topics", JSON, nullable=False, default=list),
    Column("conflicts", JSON, nullable=False, default=list),
    Column("sentence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Index("ix_reports_key", "participants_key"),
)

meetings = Table(
    "meetings", metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(64), nullable=False, unique=True),
    Column("participants_key", String(512), nullable=False, index=True),
    Column("date", String(32)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("granularity", String(16)),
    Column("span_bucket", Integer),  # see span_bucket(); None when undated
    Column("place_id", Integer, ForeignKey("places.id", ondelete="SET NULL"), index=True),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("duration_minutes", Integer),
    Column("duration_mod", String(16)),
    Column("occasion", Text),
    Index("ix_meetings_date", "date_start", "date_end"),
    # a date-range filter probes each span bucket from (since - longest span of that bucket) to until,
    # instead of scanning every meeting that started before `until`
    Index("ix_meetings_span_date", "span_bucket", "date_start", "date_end"),
)

# primary key (meeting, person) and the reverse index (person, meeting): "meetings of A and B" and
# "timeline of A" are index lookups starting from the person
meeting_participants = Table(
    "meeting_participants", metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
    Index("ix_participants_person_meeting", "person_id", "meeting_id"),
)

topics = Table(
    "topics", metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False, default=0),
    Column("topic", Text, nullable=False),
)

evidence = Table(
    "evidence", metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("sentence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
)

conflicts = Table(
    "conflicts", metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("field", String(32), nullable=False),
    Column("message", Text, nullable=False),
)


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
