"""Spelling as the translator types: misspelled words underlined in the target, F7 for a word.

The dictionaries (with the words added in the database) are read when the document opens;
each edit of the target is checked at once (a dictionary answers a word in microseconds), the
code labels blanked out so that their letters are never words. F7 opens the suggestions of the
misspelled word at the cursor, or of the next one after it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.timer import Timer

from workbench import services
from workbench.domain.spelling import Misspelling
from workbench.tui.background import CollectorPause, background, in_thread, keys_pause
from workbench.tui.editor.tool import EditorTool
from workbench.tui.modals.spelling import SpellingChoice, SpellingModal
from workbench.tui.widgets.editor_panel import (
    DocumentOpened,
    SegmentFocused,
    TargetEdited,
    TermIndexReady,
)
from workbench.tui.widgets.qa_panel import QaPanel
from workbench.tui.widgets.segment_pane import cursor_index, location_at

CHECK_DELAY = 0.15
"""Seconds after the last key before the target is checked again."""
MISSPELLED = "misspelled"
"""The target theme's style of a misspelled word."""


class SpellingTool(EditorTool):
    """Underline the target's misspelled words; F7 suggests, adds to the dictionary, ignores."""

    NAME = "spelling"
    LISTENS = True
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "f7",
            "suggest",
            "Spelling",
            show=False,
            tooltip="Spelling suggestions for the word at the cursor (or the next misspelled "
            "one): enter replaces, a adds to the dictionary, i ignores",
        ),
    ]

    spelling: services.Spelling | None = None
    """The dictionaries, once read."""
    lang: str | None = None
    found: list[Misspelling] = []  # noqa: RUF012 (replaced, never changed in place)
    """The misspelled words of the target as shown now (offsets in the target box's text)."""
    ignored: frozenset[str] = frozenset()
    """Words ignored for this session (casefolded)."""
    _timer: Timer | None = None

    def on_document_opened(self, message: DocumentOpened) -> None:
        """Read the dictionaries of the target language once the first segments are drawn."""
        self.lang = message.document.target_lang
        if self.lang is not None:
            self.call_after_refresh(self._read)

    @background("Reading the spelling dictionary", group="spelling")
    async def _read(self) -> None:
        lang = self.lang
        assert lang is not None

        def read() -> tuple[str | None, services.Spelling | None]:
            # in a thread: finding out whether there is a dictionary reads it (a word list of
            # pyspellchecker's is 0.2-0.5 s of JSON), which delayed the editor's first paint
            missing = services.missing_dictionary(lang, unspaced=False)
            if missing is not None:
                return missing, None
            spelling = services.load_spelling(self.editor.db)
            spelling.dictionary(lang)
            return None, spelling

        await keys_pause(self)  # a word list's JSON is decoded in one call, holding the UI
        with CollectorPause.held():  # the word list is long-lived: frozen after, never walked
            missing, spelling = await in_thread(read)
        if missing is not None:
            self.notify(missing[:1].upper() + missing[1:] + ".", severity="warning", timeout=8)
            return
        self.spelling = spelling
        self.check()

    def on_segment_focused(self, message: SegmentFocused) -> None:
        """Check the target of the segment now current."""
        self.check()

    def on_target_edited(self, message: TargetEdited) -> None:
        """Check the target again once typing pauses (a burst of keys is checked once)."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_DELAY, self.check)

    def on_term_index_ready(self, message: TermIndexReady) -> None:
        """Term-base words are never misspelled: check again with them."""
        self.check()

    def check(self) -> None:
        """Underline the misspelled words of the target box."""
        area = self.editor.target_area
        if self.spelling is None or self.lang is None or self.editor.current is None:
            self.found = []
        else:
            try:
                with services.analyser_without_waiting():
                    self.found = services.misspelled(
                        self.spelling,
                        area.without_labels(),
                        self.lang,
                        source=self.editor.source_area.without_labels(),
                        terms=self.editor.term_index,
                        skip=self.ignored,
                        source_lang=self.editor.document_info().source_lang,
                    )
            except services.AnalyserBusy:  # the source's terms need it: checked once it is up
                self.editor.after_analyser(self.check)
                return
        marks = [(m.start, m.end, MISSPELLED) for m in self.found]
        if marks != area.marks:
            area.marks = marks

    def word_at_cursor(self) -> Misspelling | None:
        """The misspelled word at the cursor, else the next one after it, else the first."""
        if not self.found:
            return None
        at = cursor_index(self.editor.target_area)
        for found in self.found:
            if found.end >= at:
                return found
        return self.found[0]

    def action_suggest(self) -> None:
        """Suggestions for the misspelled word at the cursor, or the next one."""
        if self.spelling is None or self.lang is None:
            self.notify("No spelling dictionary for this language.", severity="warning")
            return
        word = self.word_at_cursor()
        if word is None:
            self.notify("No misspelled word in the target.")
            return
        self._suggest(word)

    @background("Finding spelling suggestions", group="spelling-suggest")
    async def _suggest(self, word: Misspelling) -> None:
        assert self.spelling is not None and self.lang is not None
        suggestions = await in_thread(
            services.spelling_suggestions, self.spelling, word.word, self.lang
        )
        text = self.editor.target_area.without_labels()

        def chosen(choice: SpellingChoice | None) -> None:
            if choice is not None and self.editor.target_area.without_labels() == text:
                self._apply(word, choice)

        self.app.push_screen(SpellingModal(word.word, self.lang, suggestions), chosen)

    def _apply(self, word: Misspelling, choice: SpellingChoice) -> None:
        what, text = choice
        area = self.editor.target_area
        if what == "replace":
            shown = area.text
            area.replace(text, location_at(shown, word.start), location_at(shown, word.end))
            area.focus()
        elif what == "ignore":
            self.ignored = self.ignored | {text.casefold()}
            self.check()
        else:
            self._add(text)

    @background("Adding the word to the dictionary", group="spelling-add")
    async def _add(self, word: str) -> None:
        lang = self.lang
        assert lang is not None and self.spelling is not None
        author = self.editor.author
        await in_thread(services.add_spelling_word, self.editor.db, lang, word, author)
        self.spelling = self.spelling.with_word(lang, word)
        self.check()
        self.editor.query_one(QaPanel).prepare()  # its checks read the dictionary too
        self.notify(f"“{word}” added to the {lang} dictionary.")
