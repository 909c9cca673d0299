"""Quick-add: a term selected in the source and its rendering in the target, as one concept."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench import services
from workbench.domain.model import Term
from workbench.tui.background import background, in_thread
from workbench.tui.editor.tool import EditorTool
from workbench.tui.modals.same_term import NEW_CONCEPT, SameTermModal


class QuickAdd(EditorTool):
    """Select a term in the source, alt+a, its rendering in the target, alt+a: one concept."""

    NAME = "quick-add"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "alt+a",
            "quick_add",
            "Add term",
            tooltip="Quick-add a term: select it in the source (shift+tab, shift+arrows), alt+a, "
            "select its rendering in the target, alt+a (a term the term base has already: "
            "1…9 adds to that concept, n makes a new one)",
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
        """Store the pair, asking first when either term is already in the term base."""
        editor = self.editor
        document = editor.document_info()
        assert document.target_lang is not None
        terms = [Term(document.source_lang, source), Term(document.target_lang, target)]
        same = await in_thread(services.concepts_with_terms, editor.db, terms, editor.term_index)
        if not same:
            await self._store(source, target, NEW_CONCEPT)
            return
        concepts = list({c.id: c for _, found in same for c in found}.values())

        def chosen(answer: int | None) -> None:
            if answer is None:
                editor.refocus()
                self.notify("Nothing added.")
            else:
                self._store_chosen(source, target, answer)

        editor.app.push_screen(SameTermModal(same[0][0].text, concepts), chosen)

    @background("Adding the term", group="quick-add")
    async def _store_chosen(self, source: str, target: str, choice: int) -> None:
        await self._store(source, target, choice)

    async def _store(self, source: str, target: str, choice: int) -> None:
        """Add the pair to concept choice, or as a new concept (NEW_CONCEPT)."""
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
            into=None if choice == NEW_CONCEPT else choice,
            new=choice == NEW_CONCEPT,
        )
        if editor.term_index is not None:
            editor.term_index.put(concept)  # recognised at once
        editor.refocus()
        where = "a new concept" if choice == NEW_CONCEPT else f"concept {concept.id}"
        self.notify(f"Added to the term base ({where}): {source} → {target}")
