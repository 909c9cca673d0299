"""The TM's concordance index: each unit's source and target as tokens, filled for stored units.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

SQLite: an FTS5 table whose rowid is the unit's id; PostgreSQL: a table of text arrays with GIN
indexes (storage/concordance.py reads and writes both). The tokens are those of
domain.concordance.index_text as it stands today.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from workbench.domain.concordance import index_text

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 2000


def upgrade() -> None:
    """Create the index and fill it from the stored units, a batch at a time."""
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        op.execute(
            "CREATE VIRTUAL TABLE tm_concordance USING fts5("
            "source, target, tokenize = 'unicode61 remove_diacritics 0')"
        )
        insert = sa.text(
            "INSERT INTO tm_concordance (rowid, source, target) VALUES (:id, :source, :target)"
        )
    else:
        op.execute(
            "CREATE TABLE tm_concordance (unit_id INTEGER PRIMARY KEY REFERENCES tm_unit (id) "
            "ON DELETE CASCADE, source TEXT[] NOT NULL, target TEXT[] NOT NULL)"
        )
        op.execute("CREATE INDEX ix_tm_concordance_source ON tm_concordance USING gin (source)")
        op.execute("CREATE INDEX ix_tm_concordance_target ON tm_concordance USING gin (target)")
        insert = sa.text(
            "INSERT INTO tm_concordance (unit_id, source, target) VALUES (:id, :source, :target)"
        ).bindparams(
            sa.bindparam("source", type_=sa.ARRAY(sa.Text)),
            sa.bindparam("target", type_=sa.ARRAY(sa.Text)),
        )
    last = 0
    read = sa.text(
        "SELECT id, source, target FROM tm_unit WHERE id > :last ORDER BY id LIMIT :batch"
    )
    while rows := connection.execute(read, {"last": last, "batch": _BATCH}).all():
        values = []
        for unit_id, source, target in rows:
            source_tokens, target_tokens = index_text(source), index_text(target)
            values.append(
                {
                    "id": unit_id,
                    "source": source_tokens if sqlite else source_tokens.split(),
                    "target": target_tokens if sqlite else target_tokens.split(),
                }
            )
        connection.execute(insert, values)
        last = rows[-1][0]


def downgrade() -> None:
    """Drop the index."""
    op.execute("DROP TABLE tm_concordance")
