"""The term base's revision, raised by triggers on every change of a term, for the kept index.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

Triggers rather than code: every way a term is written (imports, edits, deletions cascading
from a concept, another client's version of workbench) raises the revision and names the
concept, so that a copy of the term index kept beside the database (or in a cache folder for
PostgreSQL) can tell whether it is current and which concepts to read again. SQLite runs
them per row; PostgreSQL per statement, from the statement's transition tables, raising the
revision once per transaction (the row stays locked to its end, so revisions follow commits).
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_BUMP = """
    UPDATE term_index_state SET revision = revision + 1 WHERE id = 1;
    INSERT INTO term_index_change (concept_id, revision)
        SELECT {concept}, revision FROM term_index_state WHERE id = 1
        ON CONFLICT (concept_id) DO UPDATE SET revision = excluded.revision;
"""
_SQLITE_TRIGGERS = {
    "term_index_insert": ("AFTER INSERT ON term", ["NEW.concept_id"]),
    "term_index_update": ("AFTER UPDATE ON term", ["OLD.concept_id", "NEW.concept_id"]),
    "term_index_delete": ("AFTER DELETE ON term", ["OLD.concept_id"]),
}
_POSTGRESQL_FUNCTION = """
CREATE FUNCTION term_index_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    now_revision integer;
BEGIN
    -- once per transaction: a bulk insert runs one statement per row, and one row updated
    -- again and again in a transaction grows a chain of versions PostgreSQL must walk
    now_revision := nullif(current_setting('workbench.term_index_revision', true), '')::integer;
    IF now_revision IS NULL THEN
        UPDATE term_index_state SET revision = revision + 1 WHERE id = 1
            RETURNING revision INTO now_revision;
        PERFORM set_config('workbench.term_index_revision', now_revision::text, true);
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO term_index_change (concept_id, revision)
            SELECT DISTINCT concept_id, now_revision FROM new_terms
            ON CONFLICT (concept_id) DO UPDATE SET revision = excluded.revision
            WHERE term_index_change.revision <> excluded.revision;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO term_index_change (concept_id, revision)
            SELECT concept_id, now_revision FROM new_terms
            UNION SELECT concept_id, now_revision FROM old_terms
            ON CONFLICT (concept_id) DO UPDATE SET revision = excluded.revision
            WHERE term_index_change.revision <> excluded.revision;
    ELSE
        INSERT INTO term_index_change (concept_id, revision)
            SELECT DISTINCT concept_id, now_revision FROM old_terms
            ON CONFLICT (concept_id) DO UPDATE SET revision = excluded.revision
            WHERE term_index_change.revision <> excluded.revision;
    END IF;
    RETURN NULL;
END $$;
"""
_POSTGRESQL_TRIGGERS = {
    "term_index_insert": "AFTER INSERT ON term REFERENCING NEW TABLE AS new_terms",
    "term_index_update": (
        "AFTER UPDATE ON term REFERENCING OLD TABLE AS old_terms NEW TABLE AS new_terms"
    ),
    "term_index_delete": "AFTER DELETE ON term REFERENCING OLD TABLE AS old_terms",
}


def upgrade() -> None:
    """Create term_index_state (its one row) and term_index_change, and the triggers."""
    op.create_table(
        "term_index_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identity", sa.String(length=32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term_index_state")),
    )
    op.create_table(
        "term_index_change",
        sa.Column("concept_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("concept_id", name=op.f("pk_term_index_change")),
    )
    op.create_index(
        op.f("ix_term_index_change_revision"), "term_index_change", ["revision"], unique=False
    )
    state = sa.table(
        "term_index_state", sa.column("id"), sa.column("identity"), sa.column("revision")
    )
    op.bulk_insert(state, [{"id": 1, "identity": uuid.uuid4().hex, "revision": 0}])
    create_triggers()


def create_triggers() -> None:
    """The triggers on `term` that raise the revision (migration 0016 drops them)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_POSTGRESQL_FUNCTION)
        for name, when in _POSTGRESQL_TRIGGERS.items():
            op.execute(
                f"CREATE TRIGGER {name} {when} FOR EACH STATEMENT "
                "EXECUTE FUNCTION term_index_bump()"
            )
        return
    for name, (when, concepts) in _SQLITE_TRIGGERS.items():
        body = "".join(_SQLITE_BUMP.format(concept=concept) for concept in concepts)
        op.execute(f"CREATE TRIGGER {name} {when} FOR EACH ROW BEGIN {body} END")


def drop_triggers() -> None:
    """Drop the triggers on `term` (and PostgreSQL's function behind them), if there."""
    for name in _SQLITE_TRIGGERS:
        op.execute(
            f"DROP TRIGGER IF EXISTS {name}"
            + (" ON term" if op.get_bind().dialect.name == "postgresql" else "")
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS term_index_bump()")


def downgrade() -> None:
    """Drop the triggers and both tables."""
    drop_triggers()
    op.drop_index(op.f("ix_term_index_change_revision"), table_name="term_index_change")
    op.drop_table("term_index_change")
    op.drop_table("term_index_state")
