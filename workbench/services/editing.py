"""Use cases of editing segments: save, note, propagate (undo, join, split: history.py)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.document import (
    Segment,
    SegmentStatus,
    is_locked,
    is_translatable,
    plain_text,
)
from workbench.domain.memory import (
    context_around,
    normalise_for_match,
    tm_unit_for,
)
from workbench.domain.scoring import Score, post_edit_distance
from workbench.services.common import (
    ConflictError,
    UsageError,
)
from workbench.storage import documents, memory, qa
from workbench.storage.engine import Database


class LockedError(UsageError):
    """A save to a segment its file locks (Trados, memoQ): nothing is stored."""

    def __init__(self, position: int) -> None:
        super().__init__(
            f"segment {position} is locked in its file (by Trados or memoQ) and cannot be changed"
        )
        self.position = position


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A TM or MT suggestion the translator inserted, to measure how much of it was edited."""

    text: str
    """As stored: code characters, not the labels the editor shows."""
    origin: str = ""
    """Where it came from, e.g. "tm:92 news.txt"."""


def _post_edit_score(suggestion: Suggestion, target: str, target_lang: str | None) -> Score:
    """TER from the suggestion to the target; codes are not words, so moving a tag is no edit."""
    return post_edit_distance(plain_text(suggestion.text), plain_text(target), target_lang)


def save_segment(
    db: Database,
    segment_id: int,
    target: str,
    status: SegmentStatus,
    expected_version: int,
    author: str | None = None,
    suggestion: Suggestion | None = None,
    kind: str = "saved",
) -> Segment:
    """Store a translator's target; a confirmed one also goes into the TM, in one transaction.

    suggestion is what the translator inserted before editing: on confirmation its post-edit
    distance (TER) to the target is stored too. ConflictError when someone saved the segment
    first; the refused text is kept in its history all the same. LockedError, with nothing
    stored, for a segment its file locks. kind is "undo" or "redo" for a state put back.
    """
    with db.sessions() as session:
        current = documents.get_segment(session, segment_id)
        if current is not None and is_locked(current):
            raise LockedError(current.position)
        try:
            saved = documents.save_segment(
                session, segment_id, target, status, expected_version, author, kind
            )
        except documents.ConflictError as error:
            session.commit()  # keep the refused text in the history
            raise ConflictError(str(error), error.position) from None
        if status.confirmed and target.strip():
            header = documents.document_of_segment(session, segment_id)
            context = context_around(*documents.segments_beside(session, segment_id))
            unit = tm_unit_for(saved, header, context, author)
            if unit is not None and kind == "saved":
                memory.confirm_unit(session, unit)
            elif unit is not None:  # a confirmed state put back: in the TM, not a new use
                memory.store_units(session, [unit])
            if suggestion is None and kind == "saved":
                # confirmed again after an edit: the last suggestion, measured to the new target
                last = qa.latest_post_edit(session, segment_id)
                if last is not None and last.target != target:
                    suggestion = Suggestion(last.suggestion, last.origin)
            if suggestion is not None:
                score = _post_edit_score(suggestion, target, header.target_lang)
                qa.add_post_edit(
                    session,
                    segment_id,
                    suggestion.text,
                    suggestion.origin,
                    target,
                    score.value,
                    score.signature,
                    author,
                )
        session.commit()
    return saved


def set_segment_note(db: Database, segment_id: int, note: str | None) -> None:
    """Replace a segment's note (comments to and from the translator).

    Exported as Trados or memoQ, each line added to the note becomes a comment there
    (`author: text` names its author). UsageError for an unknown segment.
    """
    with db.sessions.begin() as session:
        if not documents.set_note(session, segment_id, note):
            raise UsageError(f"no segment {segment_id}")


def propagate(db: Database, segment_id: int, author: str | None = None) -> int:
    """Give every unconfirmed repetition of the segment's source the same target (as draft)."""
    with db.sessions() as session:
        origin = documents.get_segment(session, segment_id)
        if origin is None:
            raise UsageError(f"no segment {segment_id}")
        header = documents.document_of_segment(session, segment_id)
        assert header.id is not None
        key = normalise_for_match(origin.source)
        repetitions = [
            s
            for s in documents.iter_segments(session, header.id)
            if s.id != segment_id
            and not s.status.confirmed
            and is_translatable(s)
            and not is_locked(s)
            and normalise_for_match(s.source) == key
        ]
    for repetition in repetitions:
        assert repetition.id is not None
        save_segment(
            db, repetition.id, origin.target, SegmentStatus.DRAFT, repetition.version, author
        )
    return len(repetitions)
