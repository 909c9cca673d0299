"""The term hits of the current segment: each source term with its target renderings."""

from __future__ import annotations

from rich.text import Text

from workbench.tui.term_entries import TermEntry
from workbench.tui.widgets.editor_panel import (
    DocumentOpened,
    EditorPanel,
    SegmentFocused,
    TermIndexReady,
)

_STATUS_STYLE = {"preferred": "bold", "admitted": "", "deprecated": "red strike"}
_MARK_STYLE = {"deprecated": "red"}


class TermPanel(EditorPanel):
    """Numbered term hits; alt+N inserts the rendering of hit N."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ready = False
        """Whether the term base has been read (until then the panel says so)."""
        self.show_lang = False
        """Whether renderings carry their language (a document without a target language)."""

    def on_mount(self) -> None:
        """Say that the term base is being read."""
        self.show_loading()

    def on_document_opened(self, message: DocumentOpened) -> None:
        """Name the renderings' languages when the document has no target language."""
        self.show_lang = message.document.target_lang is None

    def on_term_index_ready(self, message: TermIndexReady) -> None:
        """The hits that come next are the real ones (or there will be none: say so)."""
        self.ready = message.index is not None
        if not self.ready:
            self.update(Text("terms not available", style="dim"))

    def on_segment_focused(self, message: SegmentFocused) -> None:
        """Show the current segment's hits."""
        if self.ready:
            self.show_entries(list(message.focus.entries), show_lang=self.show_lang)

    def show_loading(self) -> None:
        """Say that the term base is still being read."""
        self.update(Text("loading terms…", style="italic dim"))

    def show_entries(self, entries: list[TermEntry], show_lang: bool = False) -> None:
        """List the entries, numbered from 1 (the alt+N keys); long renderings wrap indented."""
        if not entries:
            self.update(Text("no terms in this segment", style="dim"))
            return
        rows: list[tuple[Text, Text]] = []
        for number, entry in enumerate(entries, 1):
            found = Text(entry.found, style="bold cyan")
            if entry.found != entry.source:
                found.append(f" ({entry.source})", style="dim")
            key = f"alt+{number}" if number <= 9 else f"^p {number}"  # the palette past nine
            rows.append((Text(key, style="dim"), found))
            if not entry.targets:
                rows.append((Text("  →"), Text("(no rendering)", style="dim")))
            for target in entry.targets:
                shown = Text(f"{target.lang} " if show_lang else "", style="dim")
                shown.append(target.text, style=_STATUS_STYLE.get(target.status, ""))
                if target.status != "preferred":
                    shown.append(f" {target.status}", style=_MARK_STYLE.get(target.status, "dim"))
                if target.converted:
                    shown.append(f" converted from {target.lang}", style="italic dim")
                rows.append((Text("  →"), shown))
        self.show_rows(rows)
