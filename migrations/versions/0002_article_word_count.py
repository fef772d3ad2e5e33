"""articles.word_count: throughput figures and `kb show` need it without re-reading every text

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("word_count", sa.Integer(), server_default="0", nullable=False))
    articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("text", sa.Text),
                        sa.column("word_count", sa.Integer))
    conn = op.get_bind()
    for row in conn.execute(sa.select(articles.c.id, articles.c.text)).all():
        conn.execute(articles.update().where(articles.c.id == row.id).values(word_count=len(row.text.split())))


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("word_count")
