"""QA marks and post-edit distances kept per segment: ignored false alarms, edited suggestions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from workbench.domain.document import Segment
from workbench.domain.records import PostEdit
from workbench.storage.documents import get_segment
from workbench.storage.schema import (
    DocumentRow,
    PostEditRow,
    QaIgnoreRow,
    SegmentRow,
)
from workbench.storage.times import aware, utc_now


@dataclass(frozen=True, slots=True)
class IgnoreMark:
    """An issue marked ignored on a segment, for the content its key was made from."""

    segment_id: int
    check: str
    key: str
    """issue_hash(check, source, target) of the segment when it was marked."""


def document_id(session: Session, name: str) -> int | None:
    """The id of the document with that name, or None."""
    return session.execute(
        select(DocumentRow.id).where(DocumentRow.name == name)
    ).scalar_one_or_none()


def segment_at(session: Session, document_id: int, position: int) -> Segment | None:
    """The segment at a 1-based position of a document, or None."""
    segment_id = session.execute(
        select(SegmentRow.id).where(
            SegmentRow.document_id == document_id, SegmentRow.position == position
        )
    ).scalar_one_or_none()
    return None if segment_id is None else get_segment(session, segment_id)


def add_ignore(
    session: Session,
    document_id: int,
    segment_id: int,
    check_id: str,
    key: str,
    author: str | None,
) -> bool:
    """Mark an issue ignored; False when the same mark was there already."""
    exists = session.execute(
        select(QaIgnoreRow.id).where(
            QaIgnoreRow.document_id == document_id,
            QaIgnoreRow.segment_id == segment_id,
            QaIgnoreRow.check_id == check_id,
            QaIgnoreRow.content_key == key,
        )
    ).first()
    if exists is not None:
        return False
    session.execute(
        insert(QaIgnoreRow),
        [
            {
                "document_id": document_id,
                "segment_id": segment_id,
                "check_id": check_id,
                "content_key": key,
                "author": author,
                "created_at": utc_now(),
            }
        ],
    )
    return True


def remove_ignores(session: Session, segment_id: int, check_id: str) -> int:
    """Drop every mark of a check on a segment, whatever content it was made for; the count."""
    result = session.execute(
        delete(QaIgnoreRow).where(
            QaIgnoreRow.segment_id == segment_id, QaIgnoreRow.check_id == check_id
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def ignore_marks(session: Session, document_id: int) -> set[IgnoreMark]:
    """Every mark of a document, stale ones included (they match no current content)."""
    rows = session.execute(
        select(QaIgnoreRow.segment_id, QaIgnoreRow.check_id, QaIgnoreRow.content_key).where(
            QaIgnoreRow.document_id == document_id
        )
    )
    return {IgnoreMark(row.segment_id, row.check_id, row.content_key) for row in rows}


def add_post_edit(
    session: Session,
    segment_id: int,
    suggestion: str,
    origin: str,
    target: str,
    score: float,
    signature: str,
    author: str | None,
) -> None:
    """Store the post-edit distance of one confirmation."""
    session.execute(
        insert(PostEditRow),
        [
            {
                "segment_id": segment_id,
                "suggestion": suggestion,
                "origin": origin or None,
                "target": target,
                "score": score,
                "signature": signature,
                "author": author,
                "created_at": utc_now(),
            }
        ],
    )


def _post_edit(row: PostEditRow, position: int) -> PostEdit:
    return PostEdit(
        segment_id=row.segment_id,
        position=position,
        suggestion=row.suggestion,
        origin=row.origin or "",
        target=row.target,
        score=row.score,
        signature=row.signature,
        author=row.author,
        created_at=aware(row.created_at),
    )


def latest_post_edit(session: Session, segment_id: int) -> PostEdit | None:
    """The segment's newest post-edit distance, or None."""
    found = session.execute(
        select(PostEditRow, SegmentRow.position)
        .join(SegmentRow, SegmentRow.id == PostEditRow.segment_id)
        .where(PostEditRow.segment_id == segment_id)
        .order_by(PostEditRow.id.desc())
        .limit(1)
    ).first()
    return None if found is None else _post_edit(found[0], found[1])


def post_edits(session: Session, document_id: int) -> list[PostEdit]:
    """The newest post-edit distance of each segment of a document that has one, in order."""
    newest = (
        select(func.max(PostEditRow.id))
        .join(SegmentRow, SegmentRow.id == PostEditRow.segment_id)
        .where(SegmentRow.document_id == document_id)
        .group_by(PostEditRow.segment_id)
    )
    rows = session.execute(
        select(PostEditRow, SegmentRow.position)
        .join(SegmentRow, SegmentRow.id == PostEditRow.segment_id)
        .where(PostEditRow.id.in_(newest))
        .order_by(SegmentRow.position)
    ).all()
    return [_post_edit(row, position) for row, position in rows]
