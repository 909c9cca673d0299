"""Use cases of comments on segments: add, reply, resolve, list; what export writes of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from workbench.domain.comments import Comment, Thread, comment_line, note_comments, threads
from workbench.domain.controls import strip_controls
from workbench.domain.document import Segment
from workbench.services.common import UsageError, refuse_controls
from workbench.services.reading import segment_id_at
from workbench.storage import comments as stored
from workbench.storage import documents
from workbench.storage.engine import Database
from workbench.storage.qa import document_id

MAX_COMMENT = 10_000
"""Characters a comment may hold."""


@dataclass(frozen=True, slots=True)
class SegmentThreads:
    """The comment threads of one segment of a document."""

    position: int
    segment_id: int
    threads: list[Thread]

    @property
    def open(self) -> int:
        """How many of its threads are not resolved."""
        return sum(1 for thread in self.threads if not thread.resolved)


def _checked_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise UsageError("a comment needs some text")
    if len(text) > MAX_COMMENT:
        raise UsageError(f"a comment holds at most {MAX_COMMENT:,} characters")
    refuse_controls(text, "the comment")
    return text


def comment_on_segment(
    db: Database, segment_id: int, text: str, author: str | None, reply_to: int | None = None
) -> Comment:
    """Add a comment to a segment, or a reply to a thread of it (a reply to a reply joins the
    same thread). UsageError for an empty text, an unknown segment or comment."""
    text = _checked_text(text)
    with db.sessions.begin() as session:
        if documents.get_segment(session, segment_id) is None:
            raise UsageError(f"no segment {segment_id}")
        parent = None
        if reply_to is not None:
            replied = stored.get_comment(session, reply_to)
            if replied is None or replied.segment_id != segment_id:
                raise UsageError(f"no comment {reply_to} on this segment to reply to")
            parent = replied.parent_id if replied.parent_id is not None else replied.id
        new_id = stored.add_comment(session, segment_id, text, author, parent)
        added = stored.get_comment(session, new_id)
    assert added is not None
    return added


def add_comment(
    db: Database,
    name: str,
    position: int,
    text: str,
    author: str | None = None,
    reply_to: int | None = None,
) -> Comment:
    """Add a comment to the segment at a position of a document (or a reply to one)."""
    return comment_on_segment(db, segment_id_at(db, name, position), text, author, reply_to)


def resolve_comment(db: Database, comment_id: int, resolved: bool = True) -> Comment:
    """Resolve (or reopen) the thread a comment belongs to; its first comment as it is now."""
    with db.sessions.begin() as session:
        comment = stored.get_comment(session, comment_id)
        if comment is None:
            raise UsageError(f"no comment {comment_id}")
        first = comment.parent_id if comment.parent_id is not None else comment.id
        stored.set_resolved(session, first, resolved)
        now = stored.get_comment(session, first)
    assert now is not None
    return now


def segment_threads(db: Database, segment_id: int) -> list[Thread]:
    """A segment's comment threads, oldest first."""
    with db.sessions() as session:
        return threads(stored.segment_comments(session, segment_id))


def document_threads(db: Database, name: str) -> list[SegmentThreads]:
    """The comment threads of a document's segments, in document order (segments with some)."""
    with db.sessions() as session:
        found = document_id(session, name)
        if found is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        comments = stored.document_comments(session, found)
        positions = documents.segment_positions(session, found)
    by_segment: dict[int, list[Comment]] = {}
    for comment in comments:
        by_segment.setdefault(comment.segment_id, []).append(comment)
    rows = [
        SegmentThreads(positions[segment_id], segment_id, threads(found_comments))
        for segment_id, found_comments in by_segment.items()
        if segment_id in positions
    ]
    return sorted(rows, key=lambda row: row.position)


def comments_from_notes(session: Session, document_id: int) -> int:
    """Comment threads from the comment lines of a just imported document's notes; how many
    comments. A reply joins the thread before it; a resolved mark resolves its thread.

    The segments of one unit (XLIFF) share its notes: the unit's first segment takes them.
    """
    added = 0
    previous: tuple[str | None, str | None, str] | None = None
    for segment in documents.iter_segments(session, document_id):
        if not segment.note or segment.id is None:
            continue
        unit = segment.structure.get("file"), segment.structure.get("unit"), segment.note
        if unit[1] is not None and unit == previous:
            continue
        previous = unit
        thread: int | None = None
        for line in note_comments(segment.note):
            parent = thread if line.reply and thread is not None else None
            resolved = line.resolved and not parent
            new_id = stored.add_comment(
                session, segment.id, line.text, line.author, parent, resolved, imported=True
            )
            if parent is None:
                thread = new_id
            added += 1
    return added


def with_comment_notes(
    segments: list[Segment],
    comments: Sequence[Comment],
    extra: Mapping[int, list[str]] | None = None,
) -> list[Segment]:
    """The segments with their comments as note lines (`author: text`) after the note's own,
    for export: formats with notes or comments write the lines the file did not have.

    Comments read from the file are left out: it has them (as the note may no longer say, when
    the note was edited), and a thread's replies made here are marked as replies all the same.
    extra holds more lines by segment id (LQA annotations), written after the comments.
    """
    extra = extra or {}
    by_segment: dict[int, list[Comment]] = {}
    for comment in comments:
        by_segment.setdefault(comment.segment_id, []).append(comment)
    noted = []
    for segment in segments:
        found = by_segment.get(segment.id or -1, [])
        more = extra.get(segment.id or -1, [])
        if not found and not more:
            noted.append(segment)
            continue
        lines = (segment.note or "").splitlines()
        known = set(lines)
        for thread in threads(found):
            lines += [
                line
                for c in thread.comments
                if not c.imported and (line := comment_line(c)) not in known
            ]
        lines += [line for line in more if line not in known]
        # a comment or LQA note stored before they refused control characters: the file
        # formats cannot hold them (XML refuses them), so they are dropped on the way out
        note = strip_controls("\n".join(lines))[0]
        noted.append(replace(segment, note=note))
    return noted


def export_comments(session: Session, document_id: int) -> list[Comment]:
    """Every comment of a document, for with_comment_notes."""
    return stored.document_comments(session, document_id)
