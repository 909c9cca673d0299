"""Concepts keep the data categories of their file that no column holds.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07

A TBX import kept only the fields the model has (definition, subject field, note, status,
part of speech, term type, source): a context sentence, a cross-reference, a customer subset
or any category of another dialect was dropped on the way in and missing from the export.
They are now stored with their concept, as a JSON list (see domain.model.DataCategory), and
written back by TBX export. Existing concepts have none.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("concept", sa.Column("categories", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("concept") as batch:
        batch.drop_column("categories")
