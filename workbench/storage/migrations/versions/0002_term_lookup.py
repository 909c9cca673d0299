"""Term lookup key: case-, width- and space-insensitive search through an index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from workbench.domain.normalize import lookup_key

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_term = sa.table(
    "term",
    sa.column("id", sa.Integer),
    sa.column("text", sa.String),
    sa.column("lookup", sa.String),
)


def upgrade() -> None:
    """Add term.lookup, fill it from the existing terms, then index it."""
    with op.batch_alter_table("term") as batch:
        batch.add_column(sa.Column("lookup", sa.String(length=1000), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.select(_term.c.id, _term.c.text)).all()
    if rows:
        connection.execute(
            _term.update().where(_term.c.id == sa.bindparam("term_id")),
            [{"term_id": row.id, "lookup": lookup_key(row.text)} for row in rows],
        )
    with op.batch_alter_table("term") as batch:
        batch.alter_column("lookup", existing_type=sa.String(length=1000), nullable=False)
    op.create_index("ix_term_lookup_lang", "term", ["lookup", "lang"], unique=False)


def downgrade() -> None:
    """Drop the lookup key."""
    op.drop_index("ix_term_lookup_lang", table_name="term")
    with op.batch_alter_table("term") as batch:
        batch.drop_column("lookup")
