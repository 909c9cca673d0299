"""QA issues marked ignored on segments, and post-edit distances of inserted suggestions.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create qa_ignore and post_edit."""
    op.create_table(
        "qa_ignore",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.String(length=64), nullable=False),
        sa.Column("content_key", sa.String(length=64), nullable=False),
        sa.Column("author", sa.String(length=255), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_qa_ignore_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segment.id"],
            name=op.f("fk_qa_ignore_segment_id_segment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_ignore")),
        sa.UniqueConstraint(
            "document_id", "segment_id", "check_id", "content_key", name="uq_qa_ignore_mark"
        ),
    )
    op.create_index(op.f("ix_qa_ignore_document_id"), "qa_ignore", ["document_id"], unique=False)
    op.create_index(op.f("ix_qa_ignore_segment_id"), "qa_ignore", ["segment_id"], unique=False)
    op.create_table(
        "post_edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("suggestion", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=255), nullable=True),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("signature", sa.String(length=255), nullable=False),
        sa.Column("author", sa.String(length=255), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segment.id"],
            name=op.f("fk_post_edit_segment_id_segment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_edit")),
    )
    op.create_index(op.f("ix_post_edit_segment_id"), "post_edit", ["segment_id"], unique=False)


def downgrade() -> None:
    """Drop them again."""
    op.drop_index(op.f("ix_post_edit_segment_id"), table_name="post_edit")
    op.drop_table("post_edit")
    op.drop_index(op.f("ix_qa_ignore_segment_id"), table_name="qa_ignore")
    op.drop_index(op.f("ix_qa_ignore_document_id"), table_name="qa_ignore")
    op.drop_table("qa_ignore")
