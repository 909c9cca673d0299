"""The document's export, opened from the editor once every save is stored."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.binding import Binding

from workbench.tui.editor.tool import EditorTool
from workbench.tui.screens.import_export import ExportDialog


class Export(EditorTool):
    """Export the document."""

    NAME = "export"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "alt+e",
            "export",
            "Export",
            show=False,
            tooltip="Export (XLIFF, TMX, PO, text…) with a file picker, and the glossary with it",
        ),
    ]

    def action_export(self) -> None:
        """Export the document (after every pending save is stored)."""
        self.editor.saving.after_saves(self._open)

    def _open(self) -> None:
        def closed(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Exported to {path}")

        self.app.push_screen(ExportDialog(self.editor.db, self.editor.document_name), closed)
