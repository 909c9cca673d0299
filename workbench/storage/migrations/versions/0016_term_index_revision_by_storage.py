"""The term base's revision is raised by storage, once per transaction: no triggers on `term`.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07

Every write of a term goes through storage/termbase.py, which stamps the concept (its version,
migration 0007) or adds or deletes it; those places now also raise the revision once per
transaction and name the concept (storage/index_revision.record_changes). The triggers of
0006 did the same per row (SQLite) or per statement (PostgreSQL, where an import's
executemany is a statement per term): they doubled what storing an import cost on SQLite and
added a third on PostgreSQL. A client of an older workbench cannot write here: it refuses a
database of a newer schema. term_index_state and term_index_change stay as they were.
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _triggers() -> ModuleType:
    """Migration 0006, which defines the triggers (file names start with a digit: no import)."""
    path = Path(__file__).with_name("0006_term_index_revision.py")
    spec = importlib.util.spec_from_file_location("workbench_migration_0006", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    """Drop the triggers on `term`."""
    _triggers().drop_triggers()


def downgrade() -> None:
    """Create the triggers again."""
    _triggers().create_triggers()
