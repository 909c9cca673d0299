"""Comments: alt+c comments on the current segment (or replies, resolves); the grid marks the
segments that have comments (✎, bright while a thread is open)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench import services
from workbench.tui.background import background, in_thread
from workbench.tui.editor.tool import EditorTool
from workbench.tui.modals.comment import CommentChoice, CommentModal
from workbench.tui.widgets.comments_panel import CommentsPanel
from workbench.tui.widgets.editor_panel import DocumentLoaded


class CommentsTool(EditorTool):
    """Comment threads on segments, for translators and reviewers."""

    NAME = "comments"
    LISTENS = True
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "alt+c",
            "comment",
            "Comment",
            show=False,
            tooltip="Comment on the segment, reply to a thread or resolve (reopen) one; the side "
            "panel shows the threads, the grid marks commented segments ✎",
        ),
    ]

    def on_document_loaded(self, message: DocumentLoaded) -> None:
        """Mark the segments with comments in the grid."""
        self._mark_all()

    @background("Reading the comments", group="comment-marks")
    async def _mark_all(self) -> None:
        editor = self.editor
        found = await in_thread(services.document_threads, editor.db, editor.document_name)
        rows = {segment.id: row for row, segment in enumerate(editor.segments)}
        marks = {
            rows[entry.segment_id]: entry.open > 0 for entry in found if entry.segment_id in rows
        }
        changed = set(marks) ^ set(editor.comments) | {
            row for row, open_ in marks.items() if editor.comments.get(row) != open_
        }
        editor.comments.clear()
        editor.comments.update(marks)
        for row in changed:
            editor.update_row(row, summary=False)

    def action_comment(self) -> None:
        """Ask for a comment (or which thread to reply to or resolve)."""
        segment = self.editor.current_segment
        if segment is None or segment.id is None:
            return
        panel = self.editor.query_one(CommentsPanel)
        segment_id = segment.id

        def chosen(choice: CommentChoice | None) -> None:
            if choice is not None:
                self._store(segment_id, choice)

        self.app.push_screen(CommentModal(panel.threads), chosen)

    @background("Storing the comment", group="comment-store")
    async def _store(self, segment_id: int, choice: CommentChoice) -> None:
        what, text, thread = choice
        editor = self.editor
        if what == "add":
            await in_thread(
                services.comment_on_segment, editor.db, segment_id, text, editor.author, thread
            )
        else:
            threads = editor.query_one(CommentsPanel).threads
            resolved = next((t.resolved for t in threads if t.first.id == thread), False)
            assert thread is not None
            await in_thread(services.resolve_comment, editor.db, thread, not resolved)
        await editor.query_one(CommentsPanel).reload().wait()
        self._mark_all()
