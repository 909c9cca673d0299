"""Use cases of joining and splitting segments: version-checked, undoable as one step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from workbench.domain.document import Document, Segment, SegmentStatus, is_locked
from workbench.services.common import ConflictError, UsageError
from workbench.services.history import EditOutcome
from workbench.storage import documents, restructuring
from workbench.storage.engine import Database

_SPLITTABLE = ("txt", "md")
"""Formats whose segments are sentences of a paragraph; units of XLIFF and PO stay whole."""


def _segments_at(
    db: Database, name: str, positions: list[int], expected: Sequence[int] | None
) -> tuple[Document, list[Segment]]:
    """The document and its segments at positions, as the caller read them (expected versions)."""
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
    segments = [found[p] for p in positions]
    locked = [s.position for s in segments if is_locked(s)]
    if locked:
        raise UsageError(f"segment {locked[0]} is locked in its file and cannot be changed")
    if expected is not None:
        # the write checks these versions: a segment saved since the caller read it is refused
        segments = [replace(s, version=v) for s, v in zip(segments, expected, strict=True)]
    return document, segments


def _store(
    db: Database,
    document: Document,
    kind: str,
    old: list[Segment],
    new: list[Segment],
    author: str | None,
) -> list[Segment]:
    assert document.id is not None
    try:
        with db.sessions.begin() as session:
            return restructuring.replace_segments(session, document.id, kind, old, new, author)
    except documents.ConflictError as error:  # nothing was changed: the transaction rolled back
        raise ConflictError(str(error), error.position) from None


def join_segments(
    db: Database,
    name: str,
    position: int,
    expected_versions: Sequence[int] | None = None,
    author: str | None = None,
) -> EditOutcome:
    """Join segment position with the next one of the same paragraph; both targets are kept.

    expected_versions are the two segments' versions as the caller read them: ConflictError,
    naming who saved first, when either was saved since (none: as stored now). Undo
    (history.undo_segment) puts both back with their targets, statuses and histories.
    """
    document, (first, second) = _segments_at(db, name, [position, position + 1], expected_versions)
    if first.structure.get("paragraph") != second.structure.get("paragraph"):
        raise UsageError(f"segments {position} and {position + 1} are in different paragraphs")
    if first.codes != second.codes and (first.codes and second.codes):
        raise UsageError("segments with inline codes of their own cannot be joined")
    between = second.structure.get("before", " ")
    structure = dict(first.structure)
    if "after" in second.structure:
        structure["after"] = second.structure["after"]
    targets = [t for t in (first.target, second.target) if t]
    notes = [n for n in (first.note, second.note) if n]
    joined = replace(
        first,
        source=first.source + between + second.source,
        target=between.join(targets),
        codes=first.codes or second.codes,
        structure=structure,
        status=SegmentStatus.DRAFT if targets else SegmentStatus.NEW,
        note="\n".join(notes) or None,
    )
    stored = _store(db, document, "join", [first, second], [joined], author)
    return EditOutcome(
        "join", tuple(stored), True, f"Joined segments {position} and {position + 1}."
    )


def split_segment(
    db: Database,
    name: str,
    position: int,
    source_at: int,
    target_at: int | None = None,
    expected_version: int | None = None,
    author: str | None = None,
) -> EditOutcome:
    """Split a segment's source at source_at (and its target at target_at, or keep it whole).

    expected_version as for join: a segment saved since the caller read it is refused.
    """
    expected = None if expected_version is None else [expected_version]
    document, (segment,) = _segments_at(db, name, [position], expected)
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
        segment,
        source=tail.lstrip(),
        target=second_target,
        structure=second_structure,
        id=None,
        note=None,
    )
    first.status = second.status = status
    stored = _store(db, document, "split", [segment], [first, second], author)
    return EditOutcome("split", tuple(stored), True, f"Split segment {position} in two.")
