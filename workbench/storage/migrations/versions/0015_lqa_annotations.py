"""LQA: errors annotated on segments with an MQM category and severity.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create lqa_annotation."""
    op.create_table(
        "lqa_annotation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=80), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("author", sa.String(length=255), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segment.id"],
            name=op.f("fk_lqa_annotation_segment_id_segment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lqa_annotation")),
    )
    op.create_index(
        op.f("ix_lqa_annotation_segment_id"), "lqa_annotation", ["segment_id"], unique=False
    )


def downgrade() -> None:
    """Drop lqa_annotation."""
    op.drop_index(op.f("ix_lqa_annotation_segment_id"), table_name="lqa_annotation")
    op.drop_table("lqa_annotation")
