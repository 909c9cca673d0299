"""The QA screen opened from the editor: its findings flag the grid, an issue opens its segment."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench.domain.checks import Issue
from workbench.tui.editor.tool import EditorTool
from workbench.tui.screens.qa import QaScreen
from workbench.tui.widgets.qa_panel import QaPanel


class QaTool(EditorTool):
    """Check the whole document (after every save is stored)."""

    NAME = "qa"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "ctrl+r",
            "qa",
            "QA",
            tooltip="QA over the document, grouped by check; enter jumps to the segment, i ignores",
        ),
    ]

    def action_qa(self) -> None:
        """Check the whole document; choosing an issue goes to its segment."""
        self.editor.saving.after_saves(self._open)

    def _open(self) -> None:
        editor = self.editor
        screen = QaScreen(editor.db, editor.document_name, terms=editor.term_index)

        def closed(position: int | None) -> None:
            if screen.report is not None:
                by_position: dict[int, list[Issue]] = {}
                for issue in screen.report.issues:
                    by_position.setdefault(issue.position, []).append(issue)
                editor.apply_report(by_position)
                editor.query_one(QaPanel).prepare()  # ignores may have changed
            if position is not None:
                editor.go_to_position(position)

        self.app.push_screen(screen, closed)
