"""Find and replace in the document's targets, with a preview, from the editor."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench import services
from workbench.domain.find import Replacement
from workbench.tui.background import background, in_thread
from workbench.tui.codes import code_labels
from workbench.tui.editor.tool import EditorTool
from workbench.tui.modals.find_replace import FindReplaceModal


class FindReplace(EditorTool):
    """Replace in the targets (the target's selection as the text to find)."""

    NAME = "find-replace"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "alt+r,alt+f",
            "find_replace",
            "Replace",
            key_display="alt+r",
            show=False,
            tooltip="Find and replace in targets, with a preview; codes are never broken",
        ),
    ]

    def action_find_replace(self) -> None:
        """Find and replace in the targets, with a preview (after every save is stored)."""
        self.editor.saving.after_saves(self._open)

    def _open(self) -> None:
        editor = self.editor
        modal = FindReplaceModal(editor.segments, code_labels, editor.target_area.selected_text)
        self.app.push_screen(modal, self._confirmed)

    def _confirmed(self, replacements: list[Replacement] | None) -> None:
        if replacements:
            self._replace(replacements)

    @background("Replacing", group="replace")
    async def _replace(self, replacements: list[Replacement]) -> None:
        editor = self.editor
        result = await in_thread(
            services.replace_in_targets,
            editor.db,
            editor.document_name,
            replacements,
            editor.author,
        )
        note = f"Replaced in {len(result.replaced)} segments."
        if result.conflicts:
            note += f" {len(result.conflicts)} changed meanwhile and were left alone."
        editor.segments_changed(result.replaced, note)
