"""Joining and splitting segments, and undoing or redoing a segment's edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding

from workbench import services
from workbench.services import EditOutcome
from workbench.tui.background import background, in_thread
from workbench.tui.editor.tool import EditorTool


class Restructuring(EditorTool):
    """Join a segment with the next, split one at the cursor, undo and redo a segment's edits."""

    NAME = "restructure"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "alt+z",
            "undo_segment",
            "Undo",
            tooltip="Undo the segment's last save, join or split (again: one more step back); "
            "ctrl+z undoes typing",
        ),
        Binding("alt+y", "redo_segment", "Redo", tooltip="Put back what the last undo took"),
        Binding("alt+j", "join", "Join", show=False, tooltip="Join the segment with the next one"),
        Binding(
            "alt+s",
            "split",
            "Split",
            show=False,
            tooltip="Split the segment at the source cursor (text, Markdown)",
        ),
    ]

    def action_join(self) -> None:
        """Join the current segment with the next one (sentences of one paragraph)."""
        editor = self.editor
        if editor.current is None or editor.current + 1 >= len(editor.segments):
            self.notify("There is no next segment to join.", severity="warning")
            return
        editor.saving.keep_draft()
        self._restructure(editor.current, None)

    def action_split(self) -> None:
        """Split the current segment where the cursor is in the source (and in the target)."""
        editor = self.editor
        if editor.current is None:
            return
        split_at = editor.pane.split_offsets()
        editor.saving.keep_draft()
        self._restructure(editor.current, split_at)

    @background("Joining or splitting", group="restructure")
    async def _restructure(self, row: int, split_at: tuple[int, int | None] | None) -> None:
        editor = self.editor
        await editor.saving.store_queued()  # the draft of the segment goes in first
        segment = editor.segments[row]
        db, name, author = editor.db, editor.document_name, editor.author
        if split_at is None:
            following = editor.segments[row + 1]
            if following.position != segment.position + 1:  # an untranslatable one between
                self.notify("Only neighbouring sentences can be joined.", severity="warning")
                return
            versions = (segment.version, following.version)
            run: Callable[[], EditOutcome] = lambda: services.join_segments(  # noqa: E731
                db, name, segment.position, versions, author
            )
        else:
            run = lambda: services.split_segment(  # noqa: E731
                db, name, segment.position, *split_at, segment.version, author
            )
        await self._apply(run)

    async def _apply(self, run: Callable[[], EditOutcome]) -> None:
        """Run an edit in a thread and show its outcome; a refusal is said, the grid read again."""
        editor = self.editor
        try:
            outcome = await in_thread(run)
        except services.ConflictError as conflict:  # someone saved first: show what is stored
            self.notify(f"{conflict}", severity="error", timeout=15)
            editor.reload(editor.current_position or 1)
            return
        except services.UsageError as refusal:  # another paragraph, an XLIFF unit, nothing left
            self.notify(str(refusal), severity="warning", timeout=8)
            return
        if outcome.restructured:
            editor.reload(outcome.position)
            self.notify(outcome.message)
        else:
            editor.segments_changed(list(outcome.segments), outcome.message)

    def action_undo_segment(self) -> None:
        """Undo the segment's last edit; pressed again, the one before, back to the import."""
        self._history(services.undo_segment)

    def action_redo_segment(self) -> None:
        """Put back what the last undo of the segment took away."""
        self._history(services.redo_segment)

    @background("Undoing", group="undo")
    async def _history(self, step: Callable[..., EditOutcome]) -> None:
        editor = self.editor
        editor.saving.keep_draft()
        await editor.saving.store_queued()  # what was typed is saved first, so undo takes it
        segment = editor.current_segment
        if segment is None:
            return
        db, author = editor.db, editor.author
        await self._apply(lambda: step(db, segment.id, author, segment.version))
