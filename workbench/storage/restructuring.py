"""Joins and splits of segments, stored as operations with what they replaced, and their undo.

A join or split replaces some segments by others in one transaction, refused (ConflictError)
when any of them was saved since the caller read it. It keeps a copy of every replaced
segment, with its history, so that undoing it puts each one back as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from workbench.domain.document import Segment
from workbench.domain.history import history
from workbench.storage.documents import (
    ConflictError,
    _codes_json,
    _segment,
    _segment_values,
    revision_values,
    revisions,
)
from workbench.storage.schema import (
    RevisionRow,
    SegmentOperationRow,
    SegmentRow,
)
from workbench.storage.times import aware, utc_now


class StaleOperationError(Exception):
    """A join or split cannot be undone: a segment it made was changed since, or it is gone."""


def _shift_positions(session: Session, document_id: int, after: int, step: int) -> None:
    """Move every segment after a position by step, in two passes (positions are unique)."""
    if step == 0:
        return
    later = (SegmentRow.document_id == document_id, SegmentRow.position > after)
    session.execute(update(SegmentRow).where(*later).values(position=-SegmentRow.position))
    flipped = (SegmentRow.document_id == document_id, SegmentRow.position < 0)
    session.execute(update(SegmentRow).where(*flipped).values(position=-SegmentRow.position + step))


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _snapshot(session: Session, row: SegmentRow) -> dict[str, Any]:
    """Every column of a segment row and its revisions, as JSON."""
    columns = {c.name: getattr(row, c.name) for c in SegmentRow.__table__.columns}
    columns["updated_at"] = _when(aware(row.updated_at))
    history_rows = session.execute(
        select(RevisionRow).where(RevisionRow.segment_id == row.id).order_by(RevisionRow.id)
    ).scalars()
    columns["revisions"] = [
        {
            "version": r.version,
            "target": r.target,
            "status": r.status,
            "author": r.author,
            "kind": r.kind,
            "operation_id": r.operation_id,
            "created_at": _when(aware(r.created_at)),
        }
        for r in history_rows
    ]
    return columns


def _refuse(row: SegmentRow | None, segment: Segment) -> ConflictError:
    if row is None:
        return ConflictError(segment.position, None, None)
    return ConflictError(row.position, row.author, aware(row.updated_at))


def replace_segments(
    session: Session,
    document_id: int,
    kind: str,
    expected: Sequence[Segment],
    replacements: Sequence[Segment],
    author: str | None,
) -> list[Segment]:
    """Put replacements where the expected segments stand (a join or a split), as one operation.

    expected are the segments as the caller read them, in order: ConflictError, with who
    saved first, when any was saved (or joined, split) since. The first replacement keeps the
    first segment's row and history; the others are new rows. Later segments move to keep
    positions contiguous. Every replaced segment is copied into the operation for undo.
    """
    rows: list[SegmentRow] = []
    for segment in expected:
        row = session.get(SegmentRow, segment.id, populate_existing=True)
        if row is None or row.version != segment.version or row.document_id != document_id:
            raise _refuse(row, segment)
        rows.append(row)
    position = rows[0].position
    operation = SegmentOperationRow(
        document_id=document_id,
        kind=kind,
        position=position,
        replaced=[_snapshot(session, row) for row in rows],
        produced=[],
        author=author,
    )
    session.add(operation)
    session.flush()
    first, *gone = rows
    for row in gone:
        removed = session.execute(
            delete(SegmentRow).where(SegmentRow.id == row.id, SegmentRow.version == row.version)
        )
        if getattr(removed, "rowcount", 0) != 1:
            raise _refuse(session.get(SegmentRow, row.id), expected[rows.index(row)])
    for row in gone:
        session.expunge(row)
    _shift_positions(session, document_id, position + len(rows) - 1, len(replacements) - len(rows))
    head, *rest = replacements
    version = first.version + 1
    kept = session.execute(
        update(SegmentRow)
        .where(SegmentRow.id == first.id, SegmentRow.version == first.version)
        .values(
            source=head.source,
            target=head.target,
            codes=_codes_json(head.codes),
            structure=dict(head.structure),
            status=head.status.value,
            note=head.note,
            author=author,
            updated_at=utc_now(),
            version=version,
        )
    )
    if getattr(kept, "rowcount", 0) != 1:
        raise _refuse(session.get(SegmentRow, first.id), expected[0])
    history_rows = []
    if first.version == 0:  # the state as imported, so that undo can reach it
        history_rows.append(
            revision_values(first.id, 0, first.target, first.status, first.author, "imported")
        )
    history_rows.append(
        revision_values(
            first.id, version, head.target, head.status.value, author, kind, operation.id
        )
    )
    produced = [first.id]
    for offset, segment in enumerate(rest, 1):
        values = _segment_values(segment, document_id, position + offset)
        values.update(version=1, author=author, updated_at=utc_now())
        new_id = session.execute(insert(SegmentRow).returning(SegmentRow.id), [values]).scalar_one()
        produced.append(new_id)
        history_rows.append(
            revision_values(
                new_id, 1, segment.target, segment.status.value, author, kind, operation.id
            )
        )
    session.execute(insert(RevisionRow), history_rows)
    operation.produced = produced
    session.flush()
    return _read(session, produced)


def _read(session: Session, ids: Sequence[int]) -> list[Segment]:
    found = {
        row.id: row
        for row in session.execute(
            select(*SegmentRow.__table__.columns).where(SegmentRow.id.in_(ids))
        ).all()
    }
    return [_segment(found[i]) for i in ids]


def operation_kind(session: Session, operation_id: int) -> str | None:
    """join or split, or None for an operation that is no more."""
    row = session.get(SegmentOperationRow, operation_id)
    return None if row is None else row.kind


def _parse(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def undo_operation(
    session: Session, operation_id: int, author: str | None
) -> tuple[str, list[Segment]]:
    """Put back the segments a join or split replaced, each with its target, status, history.

    StaleOperationError when a segment the operation made was saved since (undo that first)
    or the operation was undone already. Returns the kind and the segments put back.
    """
    operation = session.get(SegmentOperationRow, operation_id)
    if operation is None or operation.undone_at is not None:
        raise StaleOperationError("that join or split was undone already")
    made: list[SegmentRow] = []
    for segment_id in operation.produced:
        row = session.get(SegmentRow, segment_id, populate_existing=True)
        state = None if row is None else history(revisions(session, segment_id)).current
        if row is None or state is None or state.operation != operation_id:
            where = f"segment {row.position}" if row is not None else "a segment it made"
            raise StaleOperationError(
                f"{where} was changed after the {operation.kind}: undo that change first"
            )
        made.append(row)
    kept, *extra = made
    document_id, position = kept.document_id, kept.position
    for row in extra:
        # a refused save's text stays in the history of the segment that remains
        session.execute(
            update(RevisionRow)
            .where(RevisionRow.segment_id == row.id, RevisionRow.kind == "conflict")
            .values(segment_id=kept.id)
        )
        removed = session.execute(
            delete(SegmentRow).where(SegmentRow.id == row.id, SegmentRow.version == row.version)
        )
        if getattr(removed, "rowcount", 0) != 1:
            raise StaleOperationError(f"segment {row.position} was changed meanwhile: try again")
        session.expunge(row)
    replaced = operation.replaced
    _shift_positions(session, document_id, position + len(made) - 1, len(replaced) - len(made))
    first, *others = replaced
    version = kept.version + 1
    restored = session.execute(
        update(SegmentRow)
        .where(SegmentRow.id == kept.id, SegmentRow.version == kept.version)
        .values(
            source=first["source"],
            target=first["target"],
            codes=first["codes"],
            structure=first["structure"],
            status=first["status"],
            note=first["note"],
            author=first["author"],
            unit_id=first["unit_id"],
            context=first["context"],
            updated_at=utc_now(),
            version=version,
        )
    )
    if getattr(restored, "rowcount", 0) != 1:
        raise StaleOperationError(f"segment {position} was changed meanwhile: try again")
    history_rows = [
        revision_values(
            kept.id, version, first["target"], first["status"], author, "undo", operation_id
        )
    ]
    ids = [kept.id]
    for offset, old in enumerate(others, 1):
        values = {k: v for k, v in old.items() if k != "revisions"}
        values.update(position=position + offset, updated_at=_parse(old["updated_at"]))
        if session.get(SegmentRow, old["id"]) is not None:
            del values["id"]  # its id was given to another segment since: take a new one
        new_id = session.execute(insert(SegmentRow).returning(SegmentRow.id), [values]).scalar_one()
        ids.append(new_id)
        history_rows.extend(
            {**r, "segment_id": new_id, "created_at": _parse(r["created_at"])}
            for r in old["revisions"]
        )
    session.execute(insert(RevisionRow), history_rows)
    operation.undone_at = utc_now()
    session.flush()
    return operation.kind, _read(session, ids)
