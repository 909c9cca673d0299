"""The side panel of what the target changed since the translator confirmed it (for review)."""

from __future__ import annotations

from rich.text import Text

from workbench import services
from workbench.services import Database
from workbench.tui.background import background, in_thread
from workbench.tui.codes import shown_text
from workbench.tui.widgets.editor_panel import (
    EditorPanel,
    SegmentFocus,
    SegmentFocused,
    SegmentStored,
    TargetEdited,
)

_STYLES = {"equal": "", "delete": "red strike", "insert": "green underline"}


class ChangesPanel(EditorPanel):
    """The current target against the translator's confirmed version: deleted text struck
    through in red, added text underlined in green; hidden while they are the same."""

    def __init__(self, db: Database, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db = db
        self.focus_on: SegmentFocus | None = None
        self.translated: services.TranslatorVersion | None = None
        """The translator's version of the current segment, once read."""
        self.typed = ""

    def on_mount(self) -> None:
        """Hidden until a target differs from its translator's version."""
        self.display = False

    def on_segment_focused(self, message: SegmentFocused) -> None:
        """Read the translator's version of the segment now current."""
        changed = self.focus_on is None or self.focus_on.segment.id != message.focus.segment.id
        self.focus_on, self.typed = message.focus, message.focus.typed
        if changed:
            self.translated = None
            self.display = False
            self.reload()
        else:
            self.show_diff()

    def on_target_edited(self, message: TargetEdited) -> None:
        """Show the difference with what is typed now."""
        if self.focus_on is not None and message.row == self.focus_on.row:
            self.typed = message.typed
            self.show_diff()

    def on_segment_stored(self, message: SegmentStored) -> None:
        """A confirmation makes a new translator's version: read it again."""
        if self.focus_on is not None and message.segment.id == self.focus_on.segment.id:
            self.reload()

    @background("Reading the translator's version", group="changes")
    async def reload(self) -> None:
        """Read the current segment's translator's version and show the difference."""
        focus = self.focus_on
        if focus is None or focus.segment.id is None:
            return
        found = await in_thread(services.translator_version, self.db, focus.segment.id)
        if focus is self.focus_on:
            self.translated = found
            self.show_diff()

    def show_diff(self) -> None:
        """The difference between the translator's version and the target as typed."""
        focus, translated = self.focus_on, self.translated
        if focus is None or translated is None or translated.target == self.typed:
            self.display = False
            return
        codes = focus.segment.codes
        before, after = shown_text(translated.target, codes), shown_text(self.typed, codes)
        text = Text()
        for op, piece in services.target_diff(before, after):
            text.append(piece, style=_STYLES.get(op, ""))
        heading = Text.assemble(
            ("Changed since translated", "bold"), f" (by {translated.author or 'unknown'})"
        )
        self.display = True
        self.show_lines([heading, text])
