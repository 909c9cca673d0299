"""The term base's identity and revision, and what changed since a revision (for the kept index).

Triggers on `term` (migration 0006) raise the revision with every change of a term and record
the concept it belongs to; these functions only read what they keep, with plain SQL: through
SQLAlchemy Core, or the sqlite3 driver alone on a current SQLite file (storage.current_sqlite),
so that a command whose kept index is current imports neither the ORM nor SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

STATE = "SELECT identity, revision FROM term_index_state WHERE id = 1"
CHANGED_SINCE = "SELECT concept_id FROM term_index_change WHERE revision > :revision"


@dataclass(frozen=True, slots=True)
class TermbaseState:
    """Which term base this is, and how many term changes it has had."""

    identity: str
    revision: int


def termbase_state(reader: Connection | Session | sqlite3.Connection) -> TermbaseState:
    """The term base's identity and revision now."""
    if isinstance(reader, sqlite3.Connection):
        rows = reader.execute(STATE).fetchall()
    else:
        from sqlalchemy import text

        rows = list(reader.execute(text(STATE)).all())
    (identity, revision), *more = rows  # one row, made by migration 0006
    assert not more, "term_index_state holds one row"
    return TermbaseState(str(identity), int(revision))


def changed_since(reader: Connection | Session, revision: int) -> set[int]:
    """The concepts whose terms changed (added, edited, deleted) after revision."""
    from sqlalchemy import text

    return set(reader.execute(text(CHANGED_SINCE), {"revision": revision}).scalars())
