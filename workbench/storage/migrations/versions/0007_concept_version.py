"""Concepts carry a version, raised by every change of the concept or its terms.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

An edit of a concept names the version it was read at and is refused once another save moved
it on: two terminologists editing one concept no longer lose one side's terms silently.
Existing concepts start at version 0.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("concept", sa.Column("version", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("concept") as batch:
        batch.drop_column("version")
