"""Timestamps filled by the database, so bulk imports need not send them row by row.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _set_server_default(default: sa.ColumnElement[Any] | None) -> None:
    for table in ("concept", "term"):
        with op.batch_alter_table(table) as batch:
            for column in ("created_at", "updated_at"):
                batch.alter_column(
                    column,
                    existing_type=sa.DateTime(timezone=True),
                    existing_nullable=False,
                    server_default=default,
                )


def upgrade() -> None:
    """Give created_at and updated_at a server default of the current time."""
    _set_server_default(sa.func.now())


def downgrade() -> None:
    """Drop the server defaults."""
    _set_server_default(None)
