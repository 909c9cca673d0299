"""Edit a TM unit's source and target, its inline codes kept whole (shown as labels)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.domain.memory import TmUnit
from workbench.tui.codes import shown_text, stored_text
from workbench.tui.widgets.code_area import CodeTextArea


class EditUnitModal(ModalScreen[tuple[str, str] | None]):
    """Two boxes, source and target; ctrl+s dismisses with both (as stored), escape with None."""

    DEFAULT_CSS = """
    EditUnitModal {
        align: center middle;
    }
    EditUnitModal > #edit-unit {
        width: 90%;
        max-width: 110;
        height: auto;
        padding: 1 2;
        border: thick $primary;
        background: $surface;
    }
    EditUnitModal CodeTextArea {
        height: 6;
        margin-bottom: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]
    """ctrl+s saves, escape leaves the unit as it was."""

    def __init__(self, unit: TmUnit) -> None:
        super().__init__()
        self.unit = unit

    def compose(self) -> ComposeResult:
        codes = list(self.unit.codes)
        with Vertical(id="edit-unit"):
            heading = f"TM unit #{self.unit.id} · {self.unit.origin or 'no origin'}"
            yield Static(Text(heading, style="bold"))
            for side, text, lang in (
                ("source", self.unit.source, self.unit.source_lang),
                ("target", self.unit.target, self.unit.target_lang),
            ):
                yield Static(Text(f"{side} ({lang})", style="dim"))
                area = CodeTextArea(id=f"edit-unit-{side}")
                area.set_codes(codes)
                area.load_text(shown_text(text, codes))
                yield area
            yield Static(Text("ctrl+s saves · escape cancels", style="dim"))

    def on_mount(self) -> None:
        """Start in the target, the side most often corrected."""
        self.query_one("#edit-unit-target", CodeTextArea).focus()

    def action_save(self) -> None:
        """Dismiss with the source and target as stored (labels turned back into codes)."""
        codes = list(self.unit.codes)
        source = stored_text(self.query_one("#edit-unit-source", CodeTextArea).text, codes)
        target = stored_text(self.query_one("#edit-unit-target", CodeTextArea).text, codes)
        if not source.strip() or not target.strip():
            self.notify("A unit needs a source and a target.", severity="warning")
            return
        self.dismiss((source, target))

    def action_cancel(self) -> None:
        """Leave the unit as it was."""
        self.dismiss(None)
