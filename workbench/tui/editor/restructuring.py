"""Joining and splitting segments, and undoing a segment's last save."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench import services
from workbench.tui.background import background, in_thread
from workbench.tui.editor.tool import EditorTool


class Restructuring(EditorTool):
    """Join a segment with the next, split one at the cursor, undo a segment's last save."""

    NAME = "restructure"
    KEYS: ClassVar[list[Binding]] = [
        Binding("alt+j", "join", "Join", show=False, tooltip="Join the segment with the next one"),
        Binding(
            "alt+s", "split", "Split", show=False, tooltip="Split the segment at the source cursor"
        ),
        Binding(
            "alt+z",
            "undo_segment",
            "Undo save",
            show=False,
            tooltip="Undo the segment's last save (its previous text and status)",
        ),
    ]

    def action_join(self) -> None:
        """Join the current segment with the next one (sentences of one paragraph)."""
        editor = self.editor
        if editor.current is None or editor.current + 1 >= len(editor.segments):
            self.notify("There is no next segment to join.", severity="warning")
            return
        editor.saving.keep_draft()
        self._restructure(editor.segments[editor.current].position, None)

    def action_split(self) -> None:
        """Split the current segment where the cursor is in the source (and in the target)."""
        editor = self.editor
        if editor.current is None:
            return
        split_at = editor.pane.split_offsets()
        editor.saving.keep_draft()
        self._restructure(editor.segments[editor.current].position, split_at)

    @background("Joining or splitting", group="restructure")
    async def _restructure(self, position: int, split_at: tuple[int, int | None] | None) -> None:
        editor = self.editor
        await editor.saving.store_queued()  # the draft of the segment goes in first
        try:
            if split_at is None:
                await in_thread(services.join_segments, editor.db, editor.document_name, position)
            else:
                await in_thread(
                    services.split_segment, editor.db, editor.document_name, position, *split_at
                )
        except services.UsageError as refusal:  # another paragraph, an XLIFF unit: said
            self.notify(str(refusal), severity="warning", timeout=8)
            return
        editor.reload(position)

    def action_undo_segment(self) -> None:
        """Put back the text and status the segment had before its last save."""
        segment = self.editor.current_segment
        if segment is not None:
            assert segment.id is not None
            self._undo(segment.id)

    @background("Undoing", group="undo")
    async def _undo(self, segment_id: int) -> None:
        editor = self.editor
        await editor.saving.store_queued()
        try:
            segment = await in_thread(services.undo_segment, editor.db, segment_id, editor.author)
        except services.UsageError as refusal:  # nothing to undo: said
            self.notify(str(refusal), severity="warning")
            return
        editor.segments_changed([segment], "Undone: the previous save is back.")
