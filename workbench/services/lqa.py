"""Use cases of LQA: MQM errors annotated on segments, and a document's MQM score."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from workbench.domain.analysis import count_words
from workbench.domain.mqm import (
    MqmError,
    MqmScore,
    MqmSeverity,
    ScoringProfile,
    category,
    mqm_score,
    parse_scoring_profile,
    severity,
)
from workbench.formats.base import FormatError
from workbench.services.common import UsageError, read_text_file, refuse_controls
from workbench.services.reading import segment_id_at
from workbench.storage import documents
from workbench.storage import lqa as stored
from workbench.storage.engine import Database
from workbench.storage.qa import document_id

LQA_MARK = "LQA"
"""How an annotation's line in an exported file's notes starts, after its author."""
MAX_NOTE = 2_000


@dataclass(frozen=True, slots=True)
class LqaAnnotation:
    """An error annotated on a segment."""

    id: int
    segment_id: int
    category: str
    """MQM Core `dimension` or `dimension/type`."""
    severity: MqmSeverity
    excerpt: str | None = None
    note: str | None = None
    author: str | None = None
    position: int = 0
    """The segment's position in its document (0 when not asked for)."""

    def line(self) -> str:
        """The annotation as one line of a file's notes (as comments are): author: LQA …."""
        excerpt = f" “{self.excerpt}”" if self.excerpt else ""
        note = f": {' '.join(self.note.split())}" if self.note else ""
        return (
            f"{self.author or 'unknown'}: {LQA_MARK} {self.severity.value} "
            f"{self.category}{excerpt}{note}"
        )


def _annotation(row: stored.StoredAnnotation, position: int = 0) -> LqaAnnotation:
    return LqaAnnotation(
        row.id,
        row.segment_id,
        row.category,
        MqmSeverity(row.severity),
        row.excerpt,
        row.note,
        row.author,
        position,
    )


def annotate_segment(
    db: Database,
    segment_id: int,
    category_name: str,
    severity_name: str,
    note: str | None = None,
    excerpt: str | None = None,
    author: str | None = None,
) -> LqaAnnotation:
    """Annotate an error on a segment. UsageError names the MQM categories or severities when
    one is unknown, and refuses an excerpt the target does not hold."""
    try:
        chosen, level = category(category_name), severity(severity_name)
    except MqmError as error:
        raise UsageError(error.message) from None
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE:
        raise UsageError(f"an LQA note holds at most {MAX_NOTE:,} characters")
    if note is not None:
        refuse_controls(note, "the LQA note")
    with db.sessions.begin() as session:
        segment = documents.get_segment(session, segment_id)
        if segment is None:
            raise UsageError(f"no segment {segment_id}")
        if excerpt and excerpt not in segment.target:
            raise UsageError(f"the target of segment {segment.position} has no {excerpt!r}")
        new_id = stored.add_annotation(
            session, segment_id, chosen, level.value, excerpt or None, note, author
        )
    return LqaAnnotation(
        new_id, segment_id, chosen, level, excerpt or None, note, author, segment.position
    )


def add_annotation(
    db: Database,
    name: str,
    position: int,
    category_name: str,
    severity_name: str,
    note: str | None = None,
    excerpt: str | None = None,
    author: str | None = None,
) -> LqaAnnotation:
    """Annotate an error on the segment at a position of a document."""
    segment_id = segment_id_at(db, name, position)
    return annotate_segment(db, segment_id, category_name, severity_name, note, excerpt, author)


def remove_annotation(db: Database, annotation_id: int) -> None:
    """Delete an annotation; UsageError when there is none."""
    with db.sessions.begin() as session:
        if not stored.remove_annotation(session, annotation_id):
            raise UsageError(f"no LQA annotation {annotation_id}")


def segment_annotations(db: Database, segment_id: int) -> list[LqaAnnotation]:
    """A segment's annotations, oldest first."""
    with db.sessions() as session:
        return [_annotation(row) for row in stored.segment_annotations(session, segment_id)]


def load_scoring_profile(path: Path) -> ScoringProfile:
    """An LQA scoring profile (TOML); FormatError names the file and line when it is bad."""
    try:
        return parse_scoring_profile(read_text_file(path))
    except MqmError as error:
        raise FormatError(path, error.message, error.line) from None


@dataclass(frozen=True, slots=True)
class LqaReport:
    """A document's annotations and its MQM score."""

    name: str
    annotations: list[LqaAnnotation]
    """In document order."""
    score: MqmScore
    evaluated_segments: int
    profile: ScoringProfile


def lqa_report(db: Database, name: str, profile_path: Path | None = None) -> LqaReport:
    """The MQM score of a document: its annotations over the source words of the segments
    with a target (the evaluated text)."""
    profile = load_scoring_profile(profile_path) if profile_path else ScoringProfile()
    with db.sessions() as session:
        found = document_id(session, name)
        if found is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        segments = list(documents.iter_segments(session, found))
        rows = stored.document_annotations(session, found)
    positions = {segment.id: segment.position for segment in segments}
    annotations = sorted(
        (_annotation(row, positions.get(row.segment_id, 0)) for row in rows),
        key=lambda a: (a.position, a.id),
    )
    evaluated = [segment for segment in segments if segment.target.strip()]
    words = sum(count_words(segment.source) for segment in evaluated)
    score = mqm_score(((a.category, a.severity) for a in annotations), words, profile)
    return LqaReport(name, annotations, score, len(evaluated), profile)


def export_annotation_lines(session: Session, document: int) -> dict[int, list[str]]:
    """The note lines of each segment's annotations, by segment id (export writes them)."""
    lines: dict[int, list[str]] = {}
    for row in stored.document_annotations(session, document):
        lines.setdefault(row.segment_id, []).append(_annotation(row).line())
    return lines
