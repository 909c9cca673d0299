"""Each revision of the term base gets a random token, so that a kept index tells histories apart.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07

A backup of the database put back (or an older copy a sync tool brings back) has the same
identity and an older revision; after as many term changes as were lost, its revision is
the kept index's again, though the terms are not. The kept index records the token of its
revision: it is current only when that revision has that token here, and the concepts changed
since are read again only from a revision this history has had.
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create term_index_token with a token for the revision the term base is at."""
    op.create_table(
        "term_index_token",
        sa.Column("revision", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("revision", name=op.f("pk_term_index_token")),
    )
    now = op.get_bind().execute(sa.text("SELECT revision FROM term_index_state WHERE id = 1"))
    token = sa.table("term_index_token", sa.column("revision"), sa.column("token"))
    op.bulk_insert(token, [{"revision": int(r), "token": uuid.uuid4().hex} for (r,) in now])


def downgrade() -> None:
    """Drop term_index_token."""
    op.drop_table("term_index_token")
