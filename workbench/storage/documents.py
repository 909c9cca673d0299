"""Documents, segments and revisions; saves are optimistic: a stale version is refused."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import datetime
from itertools import islice
from typing import Any, NoReturn, cast

from sqlalchemy import Insert, Table, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from workbench.domain.document import (
    Document,
    DocumentSummary,
    InlineCode,
    Revision,
    Segment,
    SegmentStatus,
)
from workbench.domain.history import translator_state
from workbench.storage import document_list
from workbench.storage.schema import (
    DocumentRow,
    RevisionRow,
    SegmentOperationRow,
    SegmentRow,
)
from workbench.storage.times import aware, utc_now

# Rows go in through the tables, not the ORM classes: the ORM's bulk insert leaves out the
# keys whose value is None and so cuts a batch wherever notes or contexts come and go (a
# 10,000-key JSON file went in as 2,373 statements instead of 3).
_SEGMENTS = cast(Table, SegmentRow.__table__)
_REVISIONS = cast(Table, RevisionRow.__table__)

BATCH_SIZE = 2000


class ConflictError(Exception):
    """Someone else saved the segment since it was read; the refused text is kept."""

    def __init__(
        self, position: int, author: str | None, when: datetime | None, how: str = "changed"
    ) -> None:
        by = f" by {author}" if author else ""
        at = f" at {when:%Y-%m-%d %H:%M}" if when else ""
        if how in ("join", "split"):
            what = f"segment {position} was made by a {how}{by}{at} after you opened it"
        else:
            what = f"segment {position} was changed{by}{at} after you opened it"
        if how == "removed":
            super().__init__("the segment no longer exists (its document was deleted)")
        else:
            super().__init__(f"{what}; your text is kept in its history: reload it and merge")
        self.position = position


class DocumentExistsError(Exception):
    """A document by that name is stored already (perhaps by an import that ran alongside)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"a document named {name!r} exists already (names are unique)")
        self.name = name


def _codes_json(codes: list[InlineCode]) -> list[dict[str, str]]:
    return [asdict(code) for code in codes]


def _codes(rows: list[dict[str, Any]] | None) -> list[InlineCode]:
    return [InlineCode(**row) for row in rows or []]


def _segment_values(segment: Segment, document_id: int, position: int) -> dict[str, Any]:
    return {
        "document_id": document_id,
        "position": position,
        "unit_id": segment.unit_id,
        "source": segment.source,
        "target": segment.target,
        "codes": _codes_json(segment.codes),
        "status": segment.status.value,
        "note": segment.note,
        "context": segment.context,
        "structure": segment.structure,
        "author": segment.author,
        "version": 0,
    }


def _segment(row: Any) -> Segment:
    return Segment(
        id=row.id,
        position=row.position,
        unit_id=row.unit_id,
        source=row.source,
        target=row.target,
        codes=_codes(row.codes),
        status=SegmentStatus(row.status),
        note=row.note,
        context=row.context,
        structure=dict(row.structure or {}),
        author=row.author,
        updated_at=aware(row.updated_at),
        version=row.version,
    )


def add_document(
    session: Session, document: Document, segments: Iterable[Segment], author: str | None
) -> int:
    """Store a document and its segments (streamed in batches); return its id.

    DocumentExistsError when the name is taken, also by an import that committed while this
    one read its file: the unique name decides, and the transaction is still usable.
    """
    values = {
        "name": document.name,
        "format": document.format,
        "source_lang": document.source_lang,
        "target_lang": document.target_lang,
        "original": zlib.compress(document.original, 6),
        "properties": document.properties,
        "last_position": 1,
        "created_by": author,
    }
    document_id = session.execute(
        _insert_new_name(session).values(values).returning(DocumentRow.id)
    ).scalar_one_or_none()
    if document_id is None:
        raise DocumentExistsError(document.name)
    position = 0
    iterator = iter(segments)
    while batch := list(islice(iterator, BATCH_SIZE)):
        rows = []
        for segment in batch:
            position += 1
            rows.append(_segment_values(segment, document_id, position))
        session.execute(insert(_SEGMENTS), rows)
    return int(document_id)


def _insert_new_name(session: Session) -> Insert:
    """An insert into document that skips a row whose name is taken (then returning no id)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(DocumentRow).on_conflict_do_nothing(index_elements=["name"])
    if dialect == "sqlite":
        return sqlite.insert(DocumentRow).on_conflict_do_nothing(index_elements=["name"])
    return insert(DocumentRow)


def document_by_name(session: Session, name: str) -> Document | None:
    """The document header (with its original file), without segments."""
    row = session.execute(select(DocumentRow).where(DocumentRow.name == name)).scalar_one_or_none()
    if row is None:
        return None
    return Document(
        id=row.id,
        name=row.name,
        format=row.format,
        source_lang=row.source_lang,
        target_lang=row.target_lang,
        original=zlib.decompress(row.original),
        properties=dict(row.properties or {}),
    )


def document_header(session: Session, name: str) -> tuple[Document, int] | None:
    """The document header without its original file, and the position it was last left at.

    For opening a document in the editor: the original (megabytes, compressed) is for export.
    """
    row = session.execute(
        select(
            DocumentRow.id,
            DocumentRow.name,
            DocumentRow.format,
            DocumentRow.source_lang,
            DocumentRow.target_lang,
            DocumentRow.properties,
            DocumentRow.last_position,
        ).where(DocumentRow.name == name)
    ).one_or_none()
    if row is None:
        return None
    document = Document(
        id=row.id,
        name=row.name,
        format=row.format,
        source_lang=row.source_lang,
        target_lang=row.target_lang,
        properties=dict(row.properties or {}),
    )
    return document, int(row.last_position or 1)


def list_documents(session: Session) -> list[DocumentSummary]:
    """Every document with its segment counts by status, newest first (in session's view)."""
    return document_list.list_documents(session.connection())


def iter_segments(session: Session, document_id: int, first: int = BATCH_SIZE) -> Iterator[Segment]:
    """The document's segments in order, a batch at a time; the first batch holds `first`
    (an editor asks for one screenful first, to show it before the rest is read)."""
    last = 0
    # plain rows, not ORM objects: a 50,000-segment document opens in the editor at once
    columns = SegmentRow.__table__.columns
    batch = max(1, first)
    while True:
        rows = session.execute(
            select(*columns)
            .where(SegmentRow.document_id == document_id, SegmentRow.position > last)
            .order_by(SegmentRow.position)
            .limit(batch)
        ).all()
        if not rows:
            return
        for row in rows:
            yield _segment(row)
        last, batch = rows[-1].position, BATCH_SIZE


def get_segment(session: Session, segment_id: int) -> Segment | None:
    """One segment, or None."""
    row = session.get(SegmentRow, segment_id)
    return None if row is None else _segment(row)


def revision_values(
    segment_id: int,
    version: int,
    target: str,
    status: str,
    author: str | None,
    kind: str,
    operation: int | None = None,
) -> dict[str, Any]:
    """A revision row to insert."""
    return {
        "segment_id": segment_id,
        "version": version,
        "target": target,
        "status": status,
        "author": author,
        "kind": kind,
        "operation_id": operation,
        "created_at": utc_now(),
    }


def document_of_segment(session: Session, segment_id: int) -> Document:
    """The header of the document a segment belongs to."""
    name = session.execute(
        select(DocumentRow.name)
        .join(SegmentRow, SegmentRow.document_id == DocumentRow.id)
        .where(SegmentRow.id == segment_id)
    ).scalar_one()
    found = document_by_name(session, name)
    assert found is not None
    return found


def save_segment(
    session: Session,
    segment_id: int,
    target: str,
    status: SegmentStatus,
    expected_version: int,
    author: str | None,
    kind: str = "saved",
) -> Segment:
    """Store a new target if nobody saved since expected_version; else keep it and refuse.

    Every save adds a revision of kind (saved, or undo and redo). A refused save adds one too
    (kind "conflict"), so that what the second translator typed is never lost, on the segment
    that took its place if a join or split removed it; the caller must commit either way.
    """
    now = utc_now()
    before = session.execute(
        select(SegmentRow.target, SegmentRow.status, SegmentRow.author).where(
            SegmentRow.id == segment_id, SegmentRow.version == expected_version
        )
    ).first()
    result = session.execute(
        update(SegmentRow)
        .where(SegmentRow.id == segment_id, SegmentRow.version == expected_version)
        .values(
            target=target,
            status=status.value,
            author=author,
            updated_at=now,
            version=SegmentRow.version + 1,
        )
    )
    current = session.execute(
        select(SegmentRow).where(SegmentRow.id == segment_id)
    ).scalar_one_or_none()
    if current is None:
        _keep_refused(session, segment_id, target, status, author)
    session.refresh(current)
    if getattr(result, "rowcount", 0) != 1:
        kind = "conflict"
    rows = []
    if kind != "conflict" and expected_version == 0 and before is not None:
        # the state as imported, so that the first save can be undone too
        rows.append(
            revision_values(segment_id, 0, before.target, before.status, before.author, "imported")
        )
    version = current.version if kind != "conflict" else expected_version
    rows.append(revision_values(segment_id, version, target, status.value, author, kind))
    session.execute(insert(RevisionRow), rows)
    if kind == "conflict":
        raise ConflictError(current.position, current.author, aware(current.updated_at))
    return _segment(current)


def _heir(session: Session, segment_id: int) -> tuple[SegmentRow, SegmentOperationRow] | None:
    """The segment that took the place of a removed one, and the join or split that removed it.

    A join removes the segments after the first; undoing a split removes the second part. If
    the heir was removed too, its own heir is followed.
    """
    # operations are few (one per join or split): reading them is cheaper than an index
    operations = list(
        session.execute(
            select(SegmentOperationRow).order_by(SegmentOperationRow.id.desc())
        ).scalars()
    )
    seen: set[int] = set()
    while segment_id not in seen:
        seen.add(segment_id)
        operation = next(
            (
                op
                for op in operations
                if op.produced
                and (
                    any(old.get("id") == segment_id for old in op.replaced)
                    or (op.undone_at is not None and segment_id in op.produced[1:])
                )
            ),
            None,
        )
        if operation is None:
            return None
        heir = session.get(SegmentRow, operation.produced[0])
        if heir is not None:
            return heir, operation
        segment_id = operation.produced[0]
    return None


def _keep_refused(
    session: Session, segment_id: int, target: str, status: SegmentStatus, author: str | None
) -> NoReturn:
    """Refuse a save to a segment a join or split removed, its text kept on what replaced it."""
    found = _heir(session, segment_id)
    if found is None:
        raise ConflictError(0, None, None, "removed")
    heir, operation = found
    session.execute(
        insert(RevisionRow),
        [revision_values(heir.id, heir.version, target, status.value, author, "conflict")],
    )
    raise ConflictError(
        heir.position, operation.author, aware(operation.created_at), operation.kind
    )


def save_targets(
    session: Session,
    changes: Sequence[tuple[Segment, str, SegmentStatus]],
    author: str | None,
) -> None:
    """Store many targets at once, each segment as read (its version) getting a new target.

    The bulk form of save_segment for one document (pseudo-translation): the same revisions
    (with the imported state before a first save), and ConflictError for the first segment
    saved by someone else since it was read, after which the caller must roll back.
    """
    now = utc_now()
    for start in range(0, len(changes), BATCH_SIZE):
        batch = changes[start : start + BATCH_SIZE]
        for segment, target, status in batch:
            assert segment.id is not None
            result = session.execute(
                update(SegmentRow)
                .where(SegmentRow.id == segment.id, SegmentRow.version == segment.version)
                .values(
                    target=target,
                    status=status.value,
                    author=author,
                    updated_at=now,
                    version=segment.version + 1,
                )
            )
            if getattr(result, "rowcount", 0) != 1:
                current = session.get(SegmentRow, segment.id)
                if current is None:
                    raise ConflictError(segment.position, None, None)
                raise ConflictError(segment.position, current.author, aware(current.updated_at))
        rows = []
        for segment, target, status in batch:
            assert segment.id is not None
            if segment.version == 0:
                rows.append(
                    revision_values(
                        segment.id,
                        0,
                        segment.target,
                        segment.status.value,
                        segment.author,
                        "imported",
                    )
                )
            rows.append(
                revision_values(
                    segment.id, segment.version + 1, target, status.value, author, "saved"
                )
            )
        session.execute(insert(_REVISIONS), rows)


def set_note(session: Session, segment_id: int, note: str | None) -> bool:
    """Replace a segment's note; False when there is no such segment."""
    result = session.execute(
        update(SegmentRow).where(SegmentRow.id == segment_id).values(note=note or None)
    )
    return getattr(result, "rowcount", 0) == 1


def revisions(session: Session, segment_id: int) -> list[Revision]:
    """A segment's history, oldest first, refused saves included."""
    rows = session.execute(
        select(RevisionRow).where(RevisionRow.segment_id == segment_id).order_by(RevisionRow.id)
    ).scalars()
    return [_revision(row) for row in rows]


def set_last_position(session: Session, document_id: int, position: int) -> None:
    """Remember where the translator was."""
    session.execute(
        update(DocumentRow).where(DocumentRow.id == document_id).values(last_position=position)
    )


def last_position(session: Session, document_id: int) -> int:
    """Where the translator was when the document was last closed."""
    value = session.execute(
        select(DocumentRow.last_position).where(DocumentRow.id == document_id)
    ).scalar_one_or_none()
    return int(value or 1)


def delete_document(session: Session, name: str) -> bool:
    """Delete a document, its segments and their history; False when there was none."""
    document_id = session.execute(
        select(DocumentRow.id).where(DocumentRow.name == name)
    ).scalar_one_or_none()
    if document_id is None:
        return False
    segment_ids = select(SegmentRow.id).where(SegmentRow.document_id == document_id)
    session.execute(delete(RevisionRow).where(RevisionRow.segment_id.in_(segment_ids)))
    session.execute(delete(SegmentRow).where(SegmentRow.document_id == document_id))
    session.execute(delete(DocumentRow).where(DocumentRow.id == document_id))
    return True


def segments_beside(
    session: Session, segment_id: int
) -> tuple[Iterator[Segment], Iterator[Segment]]:
    """The segments before a segment (nearest first) and after it, read a few at a time as
    taken (for its context: domain.memory.context_around)."""
    row = session.get(SegmentRow, segment_id)
    if row is None:
        return iter(()), iter(())
    return (
        _walk(session, row.document_id, row.position, -1),
        _walk(session, row.document_id, row.position, 1),
    )


def _walk(session: Session, document_id: int, position: int, step: int) -> Iterator[Segment]:
    """Segments from position on (not included), one way, nearest first."""
    columns = SegmentRow.__table__.columns
    batch = 4  # the nearest one is nearly always the one
    while True:
        beyond = SegmentRow.position > position if step > 0 else SegmentRow.position < position
        order = SegmentRow.position if step > 0 else SegmentRow.position.desc()
        rows = session.execute(
            select(*columns)
            .where(SegmentRow.document_id == document_id, beyond)
            .order_by(order)
            .limit(batch)
        ).all()
        yield from (_segment(found) for found in rows)
        if len(rows) < batch:
            return
        position, batch = rows[-1].position, min(batch * 4, BATCH_SIZE)


def segment_positions(session: Session, document_id: int) -> dict[int, int]:
    """The position of each segment of a document, by segment id."""
    rows = session.execute(
        select(SegmentRow.id, SegmentRow.position).where(SegmentRow.document_id == document_id)
    )
    return {row.id: row.position for row in rows}


def translator_versions(session: Session, document_id: int) -> dict[int, Revision]:
    """The translator's confirmed version of each segment that has one (the latest translated
    state undo has not taken back, or the translated target as imported), by segment id."""
    rows = session.execute(
        select(RevisionRow)
        .join(SegmentRow, SegmentRow.id == RevisionRow.segment_id)
        .where(SegmentRow.document_id == document_id)
        .order_by(RevisionRow.id)
    ).scalars()
    by_segment: dict[int, list[Revision]] = {}
    for row in rows:
        by_segment.setdefault(row.segment_id, []).append(_revision(row))
    found = {key: translator_state(past) for key, past in by_segment.items()}
    return {key: state for key, state in found.items() if state is not None}


def translator_version(session: Session, segment_id: int) -> Revision | None:
    """The segment's translator's confirmed version (see translator_versions), or None."""
    return translator_state(revisions(session, segment_id))


def _revision(row: RevisionRow) -> Revision:
    return Revision(
        version=row.version,
        target=row.target,
        status=SegmentStatus(row.status),
        author=row.author,
        created_at=aware(row.created_at),
        kind=row.kind,
        operation=row.operation_id,
    )
