"""meetings.span_bucket and ix_meetings_span_date: date-range filters that stay index lookups

A date-range filter asks for meetings whose interval [date_start, date_end] overlaps [since, until].
An index on date_start alone can only bound one side, so `--since` over a million meetings scanned every
meeting that started before `until`. The span bucket (bit length of the interval's length in days) bounds
how far before `since` a meeting of that bucket can start, so the filter probes
(span_bucket, date_start) once per bucket over a short range.

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SPAN_BUCKETS = 16  # as kb.store.models.SPAN_BUCKETS when this migration was written


def _bucket(start, end):
    if start is None:
        return None
    days = max(0, ((end or start) - start).days)
    return min(days.bit_length(), SPAN_BUCKETS - 1)


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("span_bucket", sa.Integer(), nullable=True))
    meetings = sa.table("meetings", sa.column("id", sa.Integer), sa.column("date_start", sa.Date),
                        sa.column("date_end", sa.Date), sa.column("span_bucket", sa.Integer))
    conn = op.get_bind()
    rows = conn.execute(sa.select(meetings.c.id, meetings.c.date_start, meetings.c.date_end)
                        .where(meetings.c.date_start.is_not(None))).all()
    updates = [{"mid": r.id, "b": _bucket(r.date_start, r.date_end)} for r in rows]
    if updates:
        conn.execute(meetings.update().where(meetings.c.id == sa.bindparam("mid")).values(span_bucket=sa.bindparam("b")),
                     updates)
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index("ix_meetings_span_date", ["span_bucket", "date_start", "date_end"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_meetings_span_date")
        batch_op.drop_column("span_bucket")
