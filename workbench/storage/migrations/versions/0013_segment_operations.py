"""Joins and splits stored as operations with what they replaced, so that undo restores them.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

Existing revisions get no operation (joins made before this kept no copy of what they replaced).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create segment_operation and give revisions the operation that made them."""
    op.create_table(
        "segment_operation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("replaced", sa.JSON(), nullable=False),
        sa.Column("produced", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(length=255), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_segment_operation_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segment_operation")),
    )
    op.create_index(
        op.f("ix_segment_operation_document_id"),
        "segment_operation",
        ["document_id"],
        unique=False,
    )
    with op.batch_alter_table("revision") as batch:
        batch.add_column(sa.Column("operation_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    """Drop the operations and the revisions' link to them."""
    with op.batch_alter_table("revision") as batch:
        batch.drop_column("operation_id")
    op.drop_index(op.f("ix_segment_operation_document_id"), table_name="segment_operation")
    op.drop_table("segment_operation")
