"""Use cases of editing segments: save, undo, propagate, join and split."""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.domain.document import (
    Document,
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
) -> Segment:
    """Store a translator's target; a confirmed one also goes into the TM, in one transaction.

    suggestion is what the translator inserted before editing: on confirmation its post-edit
    distance (TER) to the target is stored too. ConflictError when someone saved the segment
    first; the refused text is kept in its history all the same. LockedError, with nothing
    stored, for a segment its file locks.
    """
    with db.sessions() as session:
        current = documents.get_segment(session, segment_id)
        if current is not None and is_locked(current):
            raise LockedError(current.position)
        try:
            saved = documents.save_segment(
                session, segment_id, target, status, expected_version, author
            )
        except documents.ConflictError as error:
            session.commit()  # keep the refused text in the history
            raise ConflictError(str(error), error.position) from None
        if status.confirmed and target.strip():
            header = documents.document_of_segment(session, segment_id)
            context = context_around(*documents.segments_beside(session, segment_id))
            unit = tm_unit_for(saved, header, context, author)
            if unit is not None:
                memory.confirm_unit(session, unit)
            if suggestion is None:
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


def undo_segment(db: Database, segment_id: int, author: str | None = None) -> Segment:
    """Put back the target and status the segment had before its last save."""
    with db.sessions() as session:
        current = documents.get_segment(session, segment_id)
        if current is None:
            raise UsageError(f"no segment {segment_id}")
        history = documents.revisions(session, segment_id)
    earlier = [r for r in history if r.kind != "conflict" and r.version == current.version - 1]
    if not earlier:
        raise UsageError(f"segment {current.position} has no earlier version to go back to")
    previous = earlier[-1]
    return save_segment(db, segment_id, previous.target, previous.status, current.version, author)


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


_SPLITTABLE = ("txt", "md")
"""Formats whose segments are sentences of a paragraph; units of XLIFF and PO stay whole."""


def _segments_at(db: Database, name: str, positions: list[int]) -> tuple[Document, list[Segment]]:
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        assert document.id is not None
        found = {
            s.position: s
            for s in documents.iter_segments(session, document.id)
            if s.position in positions
        }
    if document.format not in _SPLITTABLE:
        raise UsageError(
            f"{name}: {document.format} segments are the file's own units and cannot be "
            "joined or split (only sentences of text and Markdown can)"
        )
    missing = [p for p in positions if p not in found]
    if missing:
        raise UsageError(f"{name} has no segment {missing[0]}")
    return document, [found[p] for p in positions]


def join_segments(db: Database, name: str, position: int) -> Segment:
    """Join segment position with the next one of the same paragraph; both targets are kept."""
    document, (first, second) = _segments_at(db, name, [position, position + 1])
    if first.structure.get("paragraph") != second.structure.get("paragraph"):
        raise UsageError(f"segments {position} and {position + 1} are in different paragraphs")
    if first.codes != second.codes and (first.codes and second.codes):
        raise UsageError("segments with inline codes of their own cannot be joined")
    between = second.structure.get("before", " ")
    structure = dict(first.structure)
    if "after" in second.structure:
        structure["after"] = second.structure["after"]
    targets = [t for t in (first.target, second.target) if t]
    joined = replace(
        first,
        source=first.source + between + second.source,
        target=between.join(targets),
        codes=first.codes or second.codes,
        structure=structure,
        status=SegmentStatus.DRAFT if targets else SegmentStatus.NEW,
    )
    assert document.id is not None
    with db.sessions.begin() as session:
        documents.replace_segments(session, document.id, position, 2, [joined])
    return joined


def split_segment(
    db: Database, name: str, position: int, source_at: int, target_at: int | None = None
) -> tuple[Segment, Segment]:
    """Split a segment's source at source_at (and its target at target_at, or keep it whole)."""
    document, (segment,) = _segments_at(db, name, [position])
    head, tail = segment.source[:source_at], segment.source[source_at:]
    if not head.strip() or not tail.strip():
        raise UsageError(f"split segment {position} inside its text, not at an end")
    gap = tail[: len(tail) - len(tail.lstrip())]
    cut = len((target_at is None and segment.target) or segment.target[: target_at or 0])
    first_target, second_target = segment.target[:cut].rstrip(), segment.target[cut:].lstrip()
    first_structure = {k: v for k, v in segment.structure.items() if k != "after"}
    second_structure = {
        k: v for k, v in segment.structure.items() if k not in ("lines", "before", "level")
    }
    second_structure["before"] = gap or " "
    status = SegmentStatus.DRAFT if segment.target else SegmentStatus.NEW
    first = replace(segment, source=head.rstrip(), target=first_target, structure=first_structure)
    second = replace(
        segment, source=tail.lstrip(), target=second_target, structure=second_structure, id=None
    )
    first.status = second.status = status
    assert document.id is not None
    with db.sessions.begin() as session:
        documents.replace_segments(session, document.id, position, 1, [first, second])
    return first, second
