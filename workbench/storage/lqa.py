"""LQA annotations on segments, stored as rows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from workbench.storage.schema import LqaAnnotationRow, SegmentRow


@dataclass(frozen=True, slots=True)
class StoredAnnotation:
    """An annotation as stored (category and severity as names)."""

    id: int
    segment_id: int
    category: str
    severity: str
    excerpt: str | None
    note: str | None
    author: str | None


def _annotation(row: LqaAnnotationRow) -> StoredAnnotation:
    return StoredAnnotation(
        row.id, row.segment_id, row.category, row.severity, row.excerpt, row.note, row.author
    )


def add_annotation(
    session: Session,
    segment_id: int,
    category: str,
    severity: str,
    excerpt: str | None,
    note: str | None,
    author: str | None,
) -> int:
    """Store an annotation; its id."""
    result = session.execute(
        insert(LqaAnnotationRow)
        .values(
            segment_id=segment_id,
            category=category,
            severity=severity,
            excerpt=excerpt,
            note=note,
            author=author,
        )
        .returning(LqaAnnotationRow.id)
    )
    return int(result.scalar_one())


def remove_annotation(session: Session, annotation_id: int) -> bool:
    """Delete an annotation; False when there was none."""
    result = session.execute(delete(LqaAnnotationRow).where(LqaAnnotationRow.id == annotation_id))
    return bool(getattr(result, "rowcount", 0))


def segment_annotations(session: Session, segment_id: int) -> list[StoredAnnotation]:
    """A segment's annotations, oldest first."""
    rows = session.scalars(
        select(LqaAnnotationRow)
        .where(LqaAnnotationRow.segment_id == segment_id)
        .order_by(LqaAnnotationRow.id)
    )
    return [_annotation(row) for row in rows]


def document_annotations(session: Session, document_id: int) -> list[StoredAnnotation]:
    """Every annotation of a document's segments, oldest first."""
    rows = session.scalars(
        select(LqaAnnotationRow)
        .join(SegmentRow, SegmentRow.id == LqaAnnotationRow.segment_id)
        .where(SegmentRow.document_id == document_id)
        .order_by(LqaAnnotationRow.id)
    )
    return [_annotation(row) for row in rows]
