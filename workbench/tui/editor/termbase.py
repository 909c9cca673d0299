"""The term base screen opened from the editor; the term panel follows what was changed there."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench.tui.editor.tool import EditorTool
from workbench.tui.screens.termbase import TermbaseChange, TermbaseScreen


class TermbaseTool(EditorTool):
    """Browse and edit the term base (the source's selection searched); the hits follow."""

    NAME = "termbase"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "ctrl+t",
            "termbase",
            "Terms",
            tooltip="The term base: search, browse, add (n), edit (e), delete (d)",
        ),
    ]

    def action_termbase(self) -> None:
        """Browse and edit the term base; the term panel follows its changes."""
        editor = self.editor
        document = editor.document_info()
        langs = tuple(lang for lang in (document.source_lang, document.target_lang) if lang)
        query = editor.source_area.selected_text.strip()
        self.app.push_screen(TermbaseScreen(editor.db, query, langs), self._termbase_closed)

    def _termbase_closed(self, changes: list[TermbaseChange] | None) -> None:
        index = self.editor.term_index
        if index is None or not changes:
            return
        for change in changes:
            index.remove(change.concept_id)
            if change.concept is not None:
                index.put(change.concept)
        self.editor.refocus()
