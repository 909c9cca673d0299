"""Comments on segments: a thread is a first comment and its replies, resolved as a whole.

In files, a comment travels as one line `author: text` (XLIFF notes, PO translator comments):
`comment_line` writes it and `parse_comment_line` reads it back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

RESOLVED_MARK = "[resolved] "
"""How a resolved thread's first comment starts in a file (no format has the flag)."""
REPLY_MARK = "↳ "
"""How a reply starts in a file, after its author (no format has threads)."""


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment of a thread."""

    id: int
    segment_id: int
    text: str
    author: str | None = None
    parent_id: int | None = None
    """The thread's first comment, for a reply."""
    resolved: bool = False
    created_at: datetime | None = None
    imported: bool = False
    """Read from the document's file (which holds it already)."""


@dataclass(frozen=True, slots=True)
class Thread:
    """A comment and its replies, oldest first."""

    first: Comment
    replies: list[Comment] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        """Resolved as a whole, on its first comment."""
        return self.first.resolved

    @property
    def comments(self) -> list[Comment]:
        """The first comment, then the replies."""
        return [self.first, *self.replies]


def threads(comments: Iterable[Comment]) -> list[Thread]:
    """The comments of a segment as threads, oldest thread first."""
    ordered = sorted(comments, key=lambda c: c.id)
    found = {c.id: Thread(c) for c in ordered if c.parent_id is None}
    for comment in ordered:
        if comment.parent_id is not None and comment.parent_id in found:
            found[comment.parent_id].replies.append(comment)
    return list(found.values())


def comment_line(comment: Comment) -> str:
    """A comment as one line of a file: `author: text`, replies and resolved threads marked."""
    text = " ".join(comment.text.split())
    if comment.parent_id is not None:
        text = REPLY_MARK + text
    elif comment.resolved:
        text = RESOLVED_MARK + text
    return f"{comment.author or 'unknown'}: {text}"


@dataclass(frozen=True, slots=True)
class CommentLine:
    """A comment line read from a file."""

    author: str | None
    text: str
    reply: bool = False
    resolved: bool = False


def parse_comment_line(line: str) -> CommentLine:
    """A line `author: text` (as comment_line writes it, or as a tool wrote it) read back."""
    author, sep, text = line.partition(": ")
    if not sep or not author.strip() or len(author) > 80 or "\n" in author:
        author, text = "", line
    text = text.strip()
    reply = text.startswith(REPLY_MARK)
    text = text.removeprefix(REPLY_MARK)
    resolved = not reply and text.startswith(RESOLVED_MARK)  # a reply's text is its own
    if resolved:
        text = text.removeprefix(RESOLVED_MARK)
    return CommentLine(author.strip() or None, text, reply, resolved)


_NOT_AUTHORS = frozenset(
    {"note", "notes", "context", "translators", "translator", "comment", "description"}
    | {"developer", "hint", "example", "see", "todo", "warning", "important", "max", "min"}
)
"""Words that start a developer's note line (`Context: …`) rather than name a commenter."""


def note_comments(note: str | None) -> list[CommentLine]:
    """The lines of a note read from a file that are comments (`author: text`, the form
    XLIFF `<note from>`, Trados and memoQ comments and our own exported comments take).

    A line whose "author" has a space or is a developer's label (Context, Note, TRANSLATORS)
    stays part of the note only.
    """
    found = []
    for line in (note or "").splitlines():
        parsed = parse_comment_line(line)
        author = parsed.author
        if author is None or not parsed.text or " " in author:
            continue
        if author.casefold() in _NOT_AUTHORS:
            continue
        found.append(parsed)
    return found
