"""Term base: concepts and their terms.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the concept and term tables."""
    op.create_table(
        "concept",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=True),
        sa.Column("subject_field", sa.String(length=255), nullable=True),
        sa.Column("definitions", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=255), nullable=True),
        sa.Column("updated_by", sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concept")),
    )
    op.create_index(op.f("ix_concept_uid"), "concept", ["uid"], unique=False)
    op.create_table(
        "term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concept_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=35), nullable=False),
        sa.Column("text", sa.String(length=1000), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("part_of_speech", sa.String(length=64), nullable=True),
        sa.Column("term_type", sa.String(length=32), nullable=True),
        sa.Column("case_sensitive", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('preferred', 'admitted', 'deprecated')", name=op.f("ck_term_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["concept_id"],
            ["concept.id"],
            name=op.f("fk_term_concept_id_concept"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term")),
        sa.UniqueConstraint("concept_id", "lang", "text", name="uq_term_concept_lang_text"),
    )
    op.create_index(op.f("ix_term_concept_id"), "term", ["concept_id"], unique=False)


def downgrade() -> None:
    """Drop the term base."""
    op.drop_index(op.f("ix_term_concept_id"), table_name="term")
    op.drop_table("term")
    op.drop_index(op.f("ix_concept_uid"), table_name="concept")
    op.drop_table("concept")
