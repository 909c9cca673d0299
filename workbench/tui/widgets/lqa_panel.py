"""The side panel of the current segment's LQA errors (MQM category and severity)."""

from __future__ import annotations

from rich.text import Text

from workbench import services
from workbench.services import Database, LqaAnnotation
from workbench.tui.background import background, in_thread
from workbench.tui.widgets.editor_panel import EditorPanel, SegmentFocused

SEVERITY_STYLE = {"neutral": "grey50", "minor": "yellow", "major": "red", "critical": "bold red"}


class LqaPanel(EditorPanel):
    """The errors annotated on the current segment; hidden when there are none."""

    def __init__(self, db: Database, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db = db
        self.segment_id: int | None = None
        self.annotations: list[LqaAnnotation] = []

    def on_mount(self) -> None:
        """Hidden until a segment has errors."""
        self.display = False

    def on_segment_focused(self, message: SegmentFocused) -> None:
        """Show the errors of the segment that became current."""
        if message.focus.segment.id != self.segment_id:
            self.segment_id = message.focus.segment.id
            self.annotations = []
            self.display = False
            self.reload()

    @background("Reading the LQA errors", group="lqa")
    async def reload(self) -> None:
        """Read the current segment's errors again and show them."""
        segment_id = self.segment_id
        if segment_id is None:
            return
        found = await in_thread(services.segment_annotations, self.db, segment_id)
        if segment_id == self.segment_id:
            self.show_annotations(found)

    def show_annotations(self, annotations: list[LqaAnnotation]) -> None:
        """Show annotations (the panel hides when there are none)."""
        self.annotations = annotations
        self.display = bool(annotations)
        if not annotations:
            return
        rows = []
        for a in annotations:
            label = Text(a.severity.value, style=SEVERITY_STYLE.get(a.severity.value, ""))
            excerpt = f" “{a.excerpt}”" if a.excerpt else ""
            note = f": {a.note}" if a.note else ""
            rows.append((label, Text(f"{a.category}{excerpt}{note} ({a.author or 'unknown'})")))
        self.show_rows(rows, Text(f"LQA {len(annotations)}", style="bold"))
