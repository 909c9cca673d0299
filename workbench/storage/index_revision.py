"""The term base's identity and revision, and what changed since a revision (for the kept index).

Triggers on `term` (migration 0006) raise the revision with every change of a term and record
the concept it belongs to; these functions only read what they keep.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.storage.schema import TermIndexChangeRow, TermIndexStateRow


@dataclass(frozen=True, slots=True)
class TermbaseState:
    """Which term base this is, and how many term changes it has had."""

    identity: str
    revision: int


def termbase_state(session: Session) -> TermbaseState:
    """The term base's identity and revision now."""
    row = session.execute(
        select(TermIndexStateRow.identity, TermIndexStateRow.revision).where(
            TermIndexStateRow.id == 1
        )
    ).one()
    return TermbaseState(str(row[0]), int(row[1]))


def changed_since(session: Session, revision: int) -> set[int]:
    """The concepts whose terms changed (added, edited, deleted) after revision."""
    query = select(TermIndexChangeRow.concept_id).where(TermIndexChangeRow.revision > revision)
    return set(session.execute(query).scalars())
