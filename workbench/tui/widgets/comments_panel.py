"""The side panel of the current segment's comments: each thread, its replies, resolved or not."""

from __future__ import annotations

from rich.text import Text

from workbench import services
from workbench.domain.comments import Thread
from workbench.services import Database
from workbench.tui.background import background, in_thread
from workbench.tui.widgets.editor_panel import EditorPanel, SegmentFocused, SegmentStored


class CommentsPanel(EditorPanel):
    """The current segment's comment threads, numbered as the comment dialog numbers them."""

    def __init__(self, db: Database, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db = db
        self.segment_id: int | None = None
        self.threads: list[Thread] = []
        """The current segment's threads, as shown."""

    def on_mount(self) -> None:
        """Hidden until a segment has comments."""
        self.display = False

    def on_segment_focused(self, message: SegmentFocused) -> None:
        """Show the comments of the segment that became current."""
        segment_id = message.focus.segment.id
        if segment_id != self.segment_id:
            self.segment_id = segment_id
            self.threads = []
            self.display = False
            self.reload()

    def on_segment_stored(self, message: SegmentStored) -> None:
        """A join or split may have moved comments: read them again."""
        if message.segment.id == self.segment_id:
            self.reload()

    @background("Reading the comments", group="comments")
    async def reload(self) -> None:
        """Read the current segment's comments again and show them."""
        segment_id = self.segment_id
        if segment_id is None:
            return
        found = await in_thread(services.segment_threads, self.db, segment_id)
        if segment_id == self.segment_id:
            self.show_threads(found)

    def show_threads(self, threads: list[Thread]) -> None:
        """Show threads (the panel hides when there are none)."""
        self.threads = threads
        self.display = bool(threads)
        if not threads:
            return
        open_count = sum(1 for thread in threads if not thread.resolved)
        heading = Text.assemble(("Comments ", "bold"), (f"{open_count} open", "magenta"))
        rows: list[tuple[Text, Text]] = []
        for number, thread in enumerate(threads, 1):
            style = "grey50" if thread.resolved else ""
            for comment in thread.comments:
                first = comment is thread.first
                label = Text(f"{number}" if first else " ↳", style="bold" if first else "")
                text = Text.assemble((f"{comment.author or 'unknown'}: ", "cyan"), comment.text)
                text.stylize(style)
                rows.append((label, text))
            if thread.resolved:
                rows.append((Text(""), Text("✓ resolved", style="green")))
        self.show_rows(rows, heading)
