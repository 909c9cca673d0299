"""Edit a harvested pair before accepting it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class EditCandidateModal(ModalScreen[tuple[str, str] | None]):
    """Two inputs, the term and its gloss; dismisses with the new pair or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    """Escape leaves the pair as it was."""

    def __init__(self, source: str, gloss: str) -> None:
        super().__init__()
        self._source = source
        self._gloss = gloss

    def compose(self) -> ComposeResult:
        with Grid(id="edit-dialog"):
            yield Label("Term", classes="field-label")
            yield Input(self._source, id="edit-source")
            yield Label("Gloss", classes="field-label")
            yield Input(self._gloss, id="edit-gloss")
            yield Button("Save", variant="primary", id="edit-save")
            yield Button("Cancel", id="edit-cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        if event.button.id == "edit-save":
            self._save()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        """Enter in either field saves."""
        self._save()

    def _save(self) -> None:
        source = self.query_one("#edit-source", Input).value.strip()
        gloss = self.query_one("#edit-gloss", Input).value.strip()
        self.dismiss((source, gloss) if source and gloss else None)

    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)
