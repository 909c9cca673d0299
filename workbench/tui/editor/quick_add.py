"""Quick-add: a term selected in the source and its rendering in the target, as one concept."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench import services
from workbench.tui.background import background, in_thread
from workbench.tui.editor.tool import EditorTool


class QuickAdd(EditorTool):
    """Select a term in the source, alt+a, its rendering in the target, alt+a: one concept."""

    NAME = "quick-add"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "alt+a",
            "quick_add",
            "Add term",
            tooltip="Quick-add a term: select it in the "
            "source, alt+a, select its rendering in the target, alt+a",
        ),
    ]

    _source: str | None = None
    """The source term chosen by a first alt+a, waiting for its rendering."""

    def action_quick_add(self) -> None:
        """Take the source term (first press) or its rendering (second) and store the concept."""
        editor = self.editor
        if editor.current is None or editor.document_info().target_lang is None:
            self.notify("The document has no target language to add a term in.", severity="warning")
            return
        source = self._source or editor.source_area.selected_text.strip()
        target = editor.target_area.selected_text.strip()
        if not source:
            editor.source_area.focus()
            self.notify("Select the term in the source (shift+arrows), then press alt+a.")
            return
        if not target:
            self._source = source
            editor.target_area.focus()
            self.notify(f"“{source}”: now select its rendering in the target and press alt+a.")
            return
        self._source = None
        self._add_term(source, target)

    @background("Adding the term", group="quick-add")
    async def _add_term(self, source: str, target: str) -> None:
        editor = self.editor
        document = editor.document_info()
        assert document.target_lang is not None
        concept = await in_thread(
            services.quick_add_term,
            editor.db,
            document.source_lang,
            source,
            document.target_lang,
            target,
            author=editor.author,
        )
        if editor.term_index is not None:
            editor.term_index.put(concept)  # recognised at once
        editor.refocus()
        self.notify(f"Added to the term base: {source} → {target}")
