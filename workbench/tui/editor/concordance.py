"""Concordance from the editor: the selection (or a typed text) looked up in the TM and terms."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench.tui.editor.tool import EditorTool
from workbench.tui.screens.concordance import ConcordanceResult, ConcordanceScreen
from workbench.tui.widgets.tm_panel import TmPanel


class ConcordanceTool(EditorTool):
    """ctrl+k: units and terms holding the selected text; what is chosen goes into the target."""

    NAME = "concordance"
    KEYS: ClassVar[list[Binding]] = [
        # priority: the source and target boxes bind ctrl+k (delete to the line's end) too
        Binding(
            "ctrl+k",
            "concordance",
            "Concord.",
            priority=True,
            tooltip="Concordance: the TM units and terms holding the selection (target's, else "
            "source's) or a typed text",
        ),
    ]

    def action_concordance(self) -> None:
        """Open the concordance on the target's selection (in the target language), else the
        source's (in the source language), else empty."""
        editor = self.editor
        if editor.document is None:
            self.notify("The document is still being read.", severity="warning")
            return
        document = editor.document
        target_text = editor.target_area.selected_text.strip()
        query = target_text or editor.source_area.selected_text.strip()
        source, target = document.source_lang, document.target_lang
        langs = (target, source) if target_text and target else (source, target)
        screen = ConcordanceScreen(editor.db, query, langs, target)
        self.app.push_screen(screen, self._concordance_closed)

    def _concordance_closed(self, result: ConcordanceResult | None) -> None:
        editor = self.editor
        if result is None:
            return
        if result.changed:
            editor.query_one(TmPanel).units_changed(result.changed)
        if result.insert and editor.current is not None:
            editor.pane.type(result.insert)
        editor.refocus()
