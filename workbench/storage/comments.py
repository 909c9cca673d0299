"""Comments on segments, stored as rows; returned as domain Comments."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from workbench.domain.comments import Comment
from workbench.storage.schema import CommentRow, SegmentRow
from workbench.storage.times import aware


def _comment(row: CommentRow) -> Comment:
    return Comment(
        id=row.id,
        segment_id=row.segment_id,
        text=row.text,
        author=row.author,
        parent_id=row.parent_id,
        resolved=row.resolved,
        created_at=aware(row.created_at),
        imported=row.imported,
    )


def add_comment(
    session: Session,
    segment_id: int,
    text: str,
    author: str | None,
    parent_id: int | None = None,
    resolved: bool = False,
    imported: bool = False,
) -> int:
    """Store a comment (a reply when parent_id is given); its id."""
    result = session.execute(
        insert(CommentRow)
        .values(
            segment_id=segment_id,
            text=text,
            author=author,
            parent_id=parent_id,
            resolved=resolved,
            imported=imported,
        )
        .returning(CommentRow.id)
    )
    return int(result.scalar_one())


def get_comment(session: Session, comment_id: int) -> Comment | None:
    """One comment by id, or None."""
    row = session.get(CommentRow, comment_id)
    return None if row is None else _comment(row)


def set_resolved(session: Session, comment_id: int, resolved: bool) -> bool:
    """Resolve (or reopen) a thread by its first comment; False when there is none."""
    result = session.execute(
        update(CommentRow)
        .where(CommentRow.id == comment_id, CommentRow.parent_id.is_(None))
        .values(resolved=resolved)
    )
    return bool(getattr(result, "rowcount", 0))


def segment_comments(session: Session, segment_id: int) -> list[Comment]:
    """A segment's comments, oldest first."""
    rows = session.scalars(
        select(CommentRow).where(CommentRow.segment_id == segment_id).order_by(CommentRow.id)
    )
    return [_comment(row) for row in rows]


def document_comments(session: Session, document_id: int) -> list[Comment]:
    """Every comment on a document's segments, oldest first."""
    rows = session.scalars(
        select(CommentRow)
        .join(SegmentRow, SegmentRow.id == CommentRow.segment_id)
        .where(SegmentRow.document_id == document_id)
        .order_by(CommentRow.id)
    )
    return [_comment(row) for row in rows]
