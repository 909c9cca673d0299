"""The term base's identity and revision, and what changed since a revision (for the kept index).

Every write of a term (storage/termbase.py) calls record_changes in its transaction: the
revision goes up once per transaction and each concept whose terms changed is named with it
(migration 0016; triggers on `term` did this before, at a cost per row). The readers are plain
SQL: through SQLAlchemy Core, or the sqlite3 driver alone on a current SQLite file
(storage.current_sqlite), so that a command whose kept index is current imports neither the
ORM nor SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.storage import plain_sql

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

STATE = (
    "SELECT s.identity, s.revision, t.token FROM term_index_state s "
    "LEFT JOIN term_index_token t ON t.revision = s.revision WHERE s.id = 1"
)
TOKEN_AT = "SELECT token FROM term_index_token WHERE revision = :revision"
CHANGED_SINCE = "SELECT concept_id FROM term_index_change WHERE revision > :revision"
CENSUS = "SELECT count(*), coalesce(max(concept_id), 0) FROM term"


@dataclass(frozen=True, slots=True)
class TermbaseState:
    """Which term base this is, and how many term changes it has had."""

    identity: str
    revision: int
    token: str = ""
    """The revision's random token (migration 0017): a copy of the database put back has its
    revision again after as many changes, but not its token."""


def termbase_state(reader: Connection | Session | sqlite3.Connection) -> TermbaseState:
    """The term base's identity and revision now."""
    (identity, revision, token), *more = plain_sql.rows(
        reader, STATE
    )  # one row, made by migration 0006
    assert not more, "term_index_state holds one row"
    return TermbaseState(str(identity), int(revision), token or "")


def token_at(reader: Connection | Session | sqlite3.Connection, revision: int) -> str:
    """The token this term base's history gave revision; "" if it has none (another history's
    revision, or one before migration 0017)."""
    rows = plain_sql.rows(reader, TOKEN_AT, {"revision": revision})
    return str(rows[0][0]) if rows else ""


def term_census(reader: Connection | Session | sqlite3.Connection) -> tuple[int, int]:
    """How many terms the term base has, and the highest concept id among them: a writer that
    did not raise the revision (a workbench from before migration 0016 still open, an SQL
    shell) is caught by these when it added or deleted terms."""
    ((count, last),) = plain_sql.rows(reader, CENSUS)
    return int(count), int(last)


def changed_since(reader: Connection | Session | sqlite3.Connection, revision: int) -> set[int]:
    """The concepts whose terms changed (added, edited, deleted) after revision."""
    rows = plain_sql.rows(reader, CHANGED_SINCE, {"revision": revision})
    return {int(concept_id) for (concept_id,) in rows}


_RAISED = "workbench.term_index_revision"
"""Where a session keeps the revision its transaction raised the term base to (session.info)."""


def record_changes(session: Session, concept_ids: Iterable[int]) -> None:
    """Name concepts whose terms this transaction changed (added, edited, deleted), at the
    revision it raises the term base to (once: the first call of each transaction).

    PostgreSQL keeps the state row locked from that update to the commit, so revisions follow
    the order of commits, and a reader that saw revision r has seen every change up to r.
    """
    ids = sorted(set(concept_ids))
    if not ids:
        return
    revision = _raised_revision(session)
    connection = session.connection()
    upsert = (
        "ON CONFLICT (concept_id) DO UPDATE SET revision = excluded.revision "
        "WHERE term_index_change.revision <> excluded.revision"
    )
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(
            "INSERT INTO term_index_change (concept_id, revision) "
            f"SELECT unnest(%s::integer[]), %s {upsert}",
            (ids, revision),
        )
        return
    connection.exec_driver_sql(
        f"INSERT INTO term_index_change (concept_id, revision) VALUES (?, ?) {upsert}",
        [(concept_id, revision) for concept_id in ids],
    )


def _raised_revision(session: Session) -> int:
    """The revision this session's transaction raised the term base to; raised now if not yet."""
    connection = session.connection()
    transaction = session.get_transaction()
    raised = session.info.get(_RAISED)
    if raised is not None and raised[0] is transaction:
        return int(raised[1])
    connection.exec_driver_sql("UPDATE term_index_state SET revision = revision + 1 WHERE id = 1")
    query = "SELECT revision FROM term_index_state WHERE id = 1"
    revision = int(connection.exec_driver_sql(query).scalar_one())
    mark = "%s" if connection.dialect.name == "postgresql" else "?"
    connection.exec_driver_sql(
        f"INSERT INTO term_index_token (revision, token) VALUES ({mark}, {mark}) "
        "ON CONFLICT (revision) DO UPDATE SET token = excluded.token",
        (revision, uuid.uuid4().hex),
    )
    session.info[_RAISED] = (transaction, revision)
    return revision
