"""Concept origins and stable ids: an id in a file means the same concept only within one origin.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Existing concepts: one without an id was made here or came from a file without ids, so it is
"local"; one with an id keeps origin NULL (unknown), which an import claims for its own origin
when the same id arrives with at least one shared term (storage/termbase.py). Every concept
gets a random stable id, which exports write where a concept has no usable id of its own.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The form of domain.model.new_stable_id, made by the database for every row in one statement.
_RANDOM_ID = {
    "sqlite": "'wb-' || lower(hex(randomblob(8)))",
    "postgresql": "'wb-' || substr(md5(random()::text || id::text), 1, 16)",
}


def upgrade() -> None:
    """Add concept.origin and concept.stable_id and fill them in."""
    # plain ADD COLUMN (both databases have it): no table rebuild
    op.add_column("concept", sa.Column("origin", sa.String(length=255), nullable=True))
    op.add_column("concept", sa.Column("stable_id", sa.String(length=64), nullable=True))
    dialect = op.get_bind().dialect.name
    op.execute("UPDATE concept SET origin = 'local' WHERE uid IS NULL")
    op.execute(f"UPDATE concept SET stable_id = {_RANDOM_ID[dialect]}")
    op.create_index("ix_concept_origin_uid", "concept", ["origin", "uid"], unique=False)
    op.create_index("ix_concept_stable_id", "concept", ["stable_id"], unique=True)


def downgrade() -> None:
    """Drop them."""
    op.drop_index("ix_concept_stable_id", table_name="concept")
    op.drop_index("ix_concept_origin_uid", table_name="concept")
    with op.batch_alter_table("concept") as batch:
        batch.drop_column("stable_id")
        batch.drop_column("origin")
