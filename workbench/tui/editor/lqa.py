"""LQA: alt+l annotates an error on the current segment (MQM category and severity), on the
part of the target selected, if any."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench import services
from workbench.tui.background import background, in_thread
from workbench.tui.editor.tool import EditorTool
from workbench.tui.modals.lqa import LqaChoice, LqaModal
from workbench.tui.widgets.lqa_panel import LqaPanel


class LqaTool(EditorTool):
    """Annotate errors for the document's MQM score (`workbench lqa report`)."""

    NAME = "lqa"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "alt+l",
            "annotate",
            "LQA",
            show=False,
            tooltip="Annotate an error on the segment (MQM category and severity)",
        ),
    ]

    def action_annotate(self) -> None:
        """Ask for the error's category, severity and note."""
        segment = self.editor.current_segment
        if segment is None or segment.id is None:
            return
        segment_id = segment.id
        excerpt = self.editor.target_area.selected_text.strip()

        def chosen(choice: LqaChoice | None) -> None:
            if choice is not None:
                self._store(segment_id, choice, excerpt)

        self.app.push_screen(LqaModal(excerpt), chosen)

    @background("Storing the LQA error", group="lqa-store")
    async def _store(self, segment_id: int, choice: LqaChoice, excerpt: str) -> None:
        editor = self.editor
        category, level, note = choice
        segment = editor.current_segment
        stored_target = segment.target if segment is not None else ""
        await in_thread(
            services.annotate_segment,
            editor.db,
            segment_id,
            category,
            level.value,
            note,
            excerpt if excerpt and excerpt in stored_target else None,
            editor.author,
        )
        await editor.query_one(LqaPanel).reload().wait()
        self.notify(f"LQA: {level.value} {category}")
