"""The document's overview (progress and QA issues), opened from the editor after the saves."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench.tui.editor.tool import EditorTool
from workbench.tui.screens.overview import OverviewScreen


class Overview(EditorTool):
    """Progress by status and words, QA issues by check."""

    NAME = "overview"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "ctrl+o",
            "overview",
            "Overview",
            show=False,
            tooltip="Overview: progress, the analysis against the TM, QA issues by check",
        ),
    ]

    def action_overview(self) -> None:
        """Open the overview (after every save is stored)."""
        editor = self.editor
        editor.saving.after_saves(
            lambda: self.app.push_screen(OverviewScreen(editor.db, editor.document_name))
        )
