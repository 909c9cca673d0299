"""Annotate an error on the segment: an MQM category, a severity, a note."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from workbench.domain.mqm import MQM_CORE, MqmSeverity

LqaChoice = tuple[str, MqmSeverity, str]
"""(category, severity, note) of the annotation."""


def category_options() -> list[tuple[str, str]]:
    """Every MQM Core dimension, each followed by its error types, as (label, value)."""
    options = []
    for dimension, kinds in MQM_CORE.items():
        options.append((dimension, dimension))
        options += [(f"  {dimension}/{kind}", f"{dimension}/{kind}") for kind in kinds]
    return options


class LqaModal(ModalScreen[LqaChoice | None]):
    """The error's category and severity (minor first), a note; enter in the note annotates."""

    DEFAULT_CSS = """
    LqaModal {
        align: center middle;
    }
    LqaModal > #lqa-dialog {
        width: 72;
        max-width: 95%;
        height: auto;
        padding: 1 2;
        border: thick $error;
        background: $surface;
    }
    LqaModal .lqa-row {
        height: auto;
        margin-bottom: 1;
    }
    LqaModal Label {
        width: 10;
    }
    LqaModal RadioSet {
        layout: horizontal;
        width: auto;
        height: auto;
        border: none;
    }
    LqaModal RadioButton {
        margin-right: 1;
    }
    LqaModal Select {
        width: 1fr;
    }
    LqaModal Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, excerpt: str = "") -> None:
        super().__init__()
        self.excerpt = excerpt

    def compose(self) -> ComposeResult:
        with Vertical(id="lqa-dialog"):
            if self.excerpt:
                yield Static(f"In: “{self.excerpt}”", id="lqa-excerpt", markup=False)
            with Horizontal(classes="lqa-row"):
                yield Label("Category")
                yield Select(
                    category_options(),
                    value="accuracy/mistranslation",
                    id="lqa-category",
                    allow_blank=False,
                    compact=True,
                )
            with Horizontal(classes="lqa-row"):
                yield Label("Severity")
                with RadioSet(id="lqa-severity", compact=True):
                    for level in MqmSeverity:
                        yield RadioButton(
                            level.value, level is MqmSeverity.MINOR, id=f"lqa-{level.value}"
                        )
            with Horizontal(classes="lqa-row"):
                yield Label("Note")
                yield Input(
                    placeholder="what is wrong (enter annotates)", id="lqa-note", compact=True
                )
            with Horizontal(classes="lqa-row"):
                yield Button("Annotate", variant="error", id="lqa-add", compact=True)
                yield Button("Cancel", id="lqa-cancel", compact=True)

    def on_mount(self) -> None:
        """Title the dialog and start at the category."""
        self.query_one("#lqa-dialog").border_title = "LQA error (MQM)"
        self.query_one("#lqa-category", Select).focus()

    def chosen(self) -> LqaChoice:
        """The annotation the dialog shows now."""
        pressed = self.query_one(RadioSet).pressed_button
        level = MqmSeverity(str(pressed.id).removeprefix("lqa-")) if pressed else MqmSeverity.MINOR
        value = self.query_one("#lqa-category", Select).value
        return str(value), level, self.query_one("#lqa-note", Input).value.strip()

    @on(Button.Pressed, "#lqa-add")
    @on(Input.Submitted)
    def _add(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#lqa-cancel")
    def action_cancel(self) -> None:
        """Close without annotating."""
        self.dismiss(None)
