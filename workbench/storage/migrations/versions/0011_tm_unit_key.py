"""One TM unit per key: duplicates merged, unit_key unique, use counts and provenance.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Earlier versions added a unit at every confirmation (and every undo back to a confirmed
state) and at every import of the same TMX. Units with the same key (languages, source,
target, context: domain.memory.unit_key) become one: the newest is kept (last changed, else
created, else the highest id) and counts one use per merged unit. Units confirmed in a
document are linked to their segment where one segment of that document has the same source
and target, so that a segment does not find its own translation as a match.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from workbench.domain.memory import unit_key

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 2000

_DUPLICATES = """
SELECT id, rank, uses FROM (
    SELECT id,
        row_number() OVER (
            PARTITION BY unit_key
            ORDER BY coalesce(changed_at, created_at) DESC, id DESC
        ) AS rank,
        sum(use_count) OVER (PARTITION BY unit_key) AS uses,
        count(*) OVER (PARTITION BY unit_key) AS copies
    FROM tm_unit
) AS keyed
WHERE copies > 1
"""

_LINK_SEGMENTS = """
UPDATE tm_unit SET segment_id = (
    SELECT min(segment.id) FROM segment JOIN document ON document.id = segment.document_id
    WHERE document.name = tm_unit.origin
        AND segment.source = tm_unit.source AND segment.target = tm_unit.target
)
WHERE segment_id IS NULL AND origin IN (SELECT name FROM document)
"""


def _fill_keys(bind: sa.Connection) -> None:
    """Compute every unit's key, a batch of rows at a time."""
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT id, source_lang, target_lang, source, target, context FROM tm_unit "
                "WHERE id > :last ORDER BY id LIMIT :batch"
            ),
            {"last": last, "batch": _BATCH},
        ).all()
        if not rows:
            return
        bind.execute(
            sa.text("UPDATE tm_unit SET unit_key = :key WHERE id = :row_id"),
            [
                {"row_id": row.id, "key": unit_key(*row[1:])}  # languages, texts, context
                for row in rows
            ],
        )
        last = rows[-1].id


def _merge_duplicates(bind: sa.Connection) -> None:
    """Keep the newest unit of each key, with the use counts of all its copies."""
    found = bind.execute(sa.text(_DUPLICATES)).all()
    gone = [{"row_id": row.id} for row in found if row.rank > 1]
    kept = [{"row_id": row.id, "uses": row.uses} for row in found if row.rank == 1]
    if gone:
        if bind.dialect.name == "sqlite":  # PostgreSQL's concordance rows go by cascade
            bind.execute(sa.text("DELETE FROM tm_concordance WHERE rowid = :row_id"), gone)
        bind.execute(sa.text("DELETE FROM tm_unit WHERE id = :row_id"), gone)
    if kept:
        bind.execute(sa.text("UPDATE tm_unit SET use_count = :uses WHERE id = :row_id"), kept)


def upgrade() -> None:
    """Add unit_key, use_count and segment_id; merge duplicates; make unit_key unique."""
    with op.batch_alter_table("tm_unit") as batch:
        batch.add_column(sa.Column("unit_key", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("use_count", sa.Integer(), server_default="1", nullable=False))
        batch.add_column(sa.Column("segment_id", sa.Integer(), nullable=True))
    bind = op.get_bind()
    _fill_keys(bind)
    _merge_duplicates(bind)
    bind.execute(sa.text(_LINK_SEGMENTS))
    with op.batch_alter_table("tm_unit") as batch:
        batch.alter_column("unit_key", existing_type=sa.String(length=32), nullable=False)
        batch.create_unique_constraint(op.f("uq_tm_unit_unit_key"), ["unit_key"])


def downgrade() -> None:
    """Drop the key, use counts and provenance (merged duplicates stay merged)."""
    with op.batch_alter_table("tm_unit") as batch:
        batch.drop_constraint(op.f("uq_tm_unit_unit_key"), type_="unique")
        batch.drop_column("segment_id")
        batch.drop_column("use_count")
        batch.drop_column("unit_key")
