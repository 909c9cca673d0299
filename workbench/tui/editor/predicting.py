"""Predictive typing: completions of the word being typed, offered under the cursor.

After two characters of a word the target's cursor shows the best completions from the
segment's term renderings, its TM matches and the phrases learned from confirmed
translations (domain/predict.py). Tab or enter takes the first, escape puts the offer away,
any other key types on as usual: the offer never takes the focus, and it is found by a binary
search in the phrase table after the key has been typed, so typing never waits for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from workbench import services
from workbench.domain.predict import Completion, PhraseBook, completions, segment_book, typed_prefix
from workbench.tui.background import CollectorPause, background, in_thread
from workbench.tui.editor.tool import EditorTool
from workbench.tui.widgets.editor_panel import (
    DocumentOpened,
    SegmentFocused,
    TargetEdited,
)

if TYPE_CHECKING:
    from workbench.tui.screens.editor import EditorScreen

ACCEPT_KEYS = ("tab", "enter")


class CompletionPopup(Static):
    """The completions on offer, drawn over the editor under the target's cursor."""

    DEFAULT_CSS = """
    CompletionPopup {
        position: absolute;
        overlay: screen;
        width: auto;
        max-width: 70;
        height: auto;
        padding: 0 1;
        background: $panel;
        border: round $accent;
        display: none;
    }
    """

    can_focus = False


class Predicting(EditorTool):
    """Offer completions while the target is typed (tab or enter takes the first)."""

    NAME = "predict"
    LISTENS = True

    def __init__(self, editor: EditorScreen) -> None:
        super().__init__(editor)
        self.popup = CompletionPopup(id="editor-completions")
        self.learned = PhraseBook()
        """Phrases learned from the TM's and the document's confirmed translations."""
        self.segment = PhraseBook()
        """The current segment's term renderings and TM matches."""
        self.offered: list[Completion] = []
        """What the popup shows, best first."""
        self._segment_key: tuple[object, ...] = ()
        self._offset = (0, 0)
        """Where the popup was put last (relative to the screen)."""

    def on_mount(self) -> None:
        """Put the popup on the screen and ask the target about its keys first."""
        self.editor.mount(self.popup)
        self.editor.target_area.key_hooks.append(self._take_key)

    def on_document_opened(self, message: DocumentOpened) -> None:
        """Learn the phrase table of the document's language pair."""
        document = message.document
        if document.target_lang is not None:
            self._learn(document.source_lang, document.target_lang)

    @background("Learning phrases for predictive typing", group="predict")
    async def _learn(self, source_lang: str, target_lang: str) -> None:
        confirmed = [segment.target for segment in self.editor.segments if segment.status.confirmed]
        # the table's tuples are long-lived: frozen after, a collection never walks them
        # while the translator types (a full collection took 30 ms per key before)
        CollectorPause.hold()
        try:
            self.learned = await in_thread(
                services.learned_phrase_book, self.editor.db, source_lang, target_lang, confirmed
            )
        finally:
            CollectorPause.release()

    def on_segment_focused(self, message: SegmentFocused) -> None:
        """A new segment: its candidates are made when first needed."""
        self._segment_key = ()
        self.hide()

    def on_target_edited(self, message: TargetEdited) -> None:
        """Offer completions of the word before the cursor (none while text is selected)."""
        self.offer()

    def _segment_book(self) -> PhraseBook:
        """The segment's candidates, made again when its term hits or TM matches change."""
        editor = self.editor
        entries = editor.entries
        matches = editor.tm_matches
        key = (editor.current, id(entries[0]) if entries else None, tuple(matches))
        if key != self._segment_key:
            terms = [
                target.text
                for entry in entries
                for target in entry.targets
                if target.status != "deprecated"
            ]
            self.segment = segment_book(terms, [match.target for match in matches])
            self._segment_key = key
        return self.segment

    def prefix(self) -> str:
        """The word being typed before the target's cursor ("" with a selection)."""
        area = self.editor.target_area
        if not area.selection.is_empty:
            return ""
        row, column = area.cursor_location
        return typed_prefix(area.document.get_line(row)[:column])

    def offer(self) -> None:
        """Show the completions of the word being typed, or hide the popup if there are none."""
        area = self.editor.target_area
        prefix = self.prefix() if area.has_focus else ""
        found = completions(prefix, [self._segment_book(), self.learned]) if prefix else []
        if not found:
            self.hide()
            return
        x, y = area.cursor_screen_offset
        offset = (max(x - len(prefix) - 2, 0), y + 1)
        if found == self.offered and self.popup.display and offset == self._offset:
            return  # the same offer in the same place: nothing to draw again
        self.offered, self._offset = found, offset
        shown = Text()
        for number, completion in enumerate(found):
            if number:
                shown.append("\n")
            shown.append(completion.text, style="bold" if number == 0 else "dim")
            if number == 0:
                shown.append("  tab", style="dim italic")
        self.popup.update(shown)
        self.popup.styles.offset = offset
        self.popup.display = True

    def hide(self) -> None:
        """Put the offer away."""
        self.offered = []
        self.popup.display = False

    def _take_key(self, key: str) -> bool:
        """Tab or enter takes the first completion, escape hides them; other keys type on."""
        if not self.offered:
            return False
        if key == "escape":
            self.hide()
            return True
        if key not in ACCEPT_KEYS:
            return False
        prefix = self.prefix()
        best = self.offered[0].text
        if not prefix or not best.casefold().startswith(prefix.casefold()):
            self.hide()  # typed on since: the offer no longer fits
            return False
        area = self.editor.target_area
        row, column = area.cursor_location
        edit = area.replace(best, (row, column - len(prefix)), (row, column))
        area.move_cursor(edit.end_location)
        self.hide()
        return True
