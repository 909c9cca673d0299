"""Use cases of a segment's history: undo and redo, many levels, joins and splits as one step."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.document import Segment, is_locked
from workbench.domain.history import History, history
from workbench.services.common import ConflictError, UsageError
from workbench.services.editing import LockedError, save_segment
from workbench.storage import documents, restructuring
from workbench.storage.engine import Database


@dataclass(frozen=True, slots=True)
class EditOutcome:
    """What an undo, redo, join or split stored, for the editor to show."""

    action: str
    """undo, redo, join or split."""
    segments: tuple[Segment, ...]
    """The segments stored, in document order, each with its new version."""
    restructured: bool
    """Segments were added or removed: positions after them moved, read the document again."""
    message: str
    """One line for the translator saying what happened."""

    @property
    def position(self) -> int:
        """The position of the first segment stored."""
        return self.segments[0].position


def _state(db: Database, segment_id: int, expected_version: int | None) -> tuple[Segment, History]:
    """The segment and its history; ConflictError when it was saved since expected_version."""
    with db.sessions() as session:
        segment = documents.get_segment(session, segment_id)
        if segment is None:
            raise UsageError("that segment no longer exists (joined, split or deleted)")
        if expected_version is not None and segment.version != expected_version:
            refusal = documents.ConflictError(segment.position, segment.author, segment.updated_at)
            raise ConflictError(str(refusal), segment.position)
        if is_locked(segment):
            raise LockedError(segment.position)
        return segment, history(documents.revisions(session, segment_id))


def _undo_operation(db: Database, operation_id: int, author: str | None) -> EditOutcome:
    with db.sessions() as session:
        try:
            kind, segments = restructuring.undo_operation(session, operation_id, author)
        except restructuring.StaleOperationError as error:
            raise UsageError(str(error)) from None
        session.commit()
    numbers = ", ".join(str(s.position) for s in segments)
    message = f"Undone: the {kind} (segments {numbers} are back with their translations)."
    return EditOutcome("undo", tuple(segments), True, message)


def undo_segment(
    db: Database,
    segment_id: int,
    author: str | None = None,
    expected_version: int | None = None,
) -> EditOutcome:
    """Put back the segment's state before its last edit, one step further back each time.

    Steps go back through every save to the state as imported. When the last edit was a join
    or split, the whole of it is undone: every segment it replaced comes back with its
    target, status and history. ConflictError when the segment was saved since
    expected_version (as the caller read it); UsageError when there is nothing earlier.
    """
    segment, past = _state(db, segment_id, expected_version)
    current = past.current
    if current is not None and current.operation is not None:
        return _undo_operation(db, current.operation, author)
    previous = past.previous
    if previous is None:
        raise UsageError(
            f"segment {segment.position} has nothing earlier to undo: it is as imported"
        )
    saved = save_segment(
        db, segment_id, previous.target, previous.status, segment.version, author, kind="undo"
    )
    steps = len(past.done) - 2
    left = f"{steps} more step{'s' * (steps != 1)} back" if steps else "this is the imported state"
    return EditOutcome("undo", (saved,), False, f"Undone: the previous save is back ({left}).")


def redo_segment(
    db: Database,
    segment_id: int,
    author: str | None = None,
    expected_version: int | None = None,
) -> EditOutcome:
    """Put back the state the last undo took away (until the segment is edited again).

    A join or split undone is redone by joining or splitting again. ConflictError and
    UsageError as for undo.
    """
    segment, past = _state(db, segment_id, expected_version)
    following = past.next
    if following is None:
        raise UsageError(f"segment {segment.position} has nothing to redo")
    if following.operation is not None:
        raise UsageError(f"join or split segment {segment.position} again to redo that")
    saved = save_segment(
        db, segment_id, following.target, following.status, segment.version, author, kind="redo"
    )
    return EditOutcome("redo", (saved,), False, "Redone: the undone save is back.")
