"""The term being added is already in the term base: add to that concept, or make a new one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from workbench import services
from workbench.domain.model import Concept

NEW_CONCEPT = 0
"""What the modal answers for "a new concept" (stored concepts are numbered from 1)."""


class SameTermModal(ModalScreen[int | None]):
    """Lists the concepts that have the term; answers a concept id, NEW_CONCEPT, or None.

    1…9 add to that concept, n makes a new concept anyway (a homonym), escape cancels.
    """

    DEFAULT_CSS = """
    SameTermModal {
        align: center middle;
    }
    SameTermModal > #same-term-dialog {
        width: auto;
        min-width: 40;
        max-width: 90%;
        height: auto;
        padding: 1 2;
        border: thick $warning;
        background: $surface;
    }
    SameTermModal .same-term-line {
        width: auto;
        max-width: 100%;
    }
    SameTermModal #same-term-buttons {
        width: auto;
        height: auto;
        margin-top: 1;
    }
    SameTermModal Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
        Binding("n", "new", "New concept"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, term: str, concepts: Sequence[Concept]) -> None:
        super().__init__()
        self.term = term
        self.concepts = [c for c in concepts if c.id is not None][:9]

    def compose(self) -> ComposeResult:
        with Vertical(id="same-term-dialog"):
            yield Static(
                f"“{self.term}” is already in the term base:",
                id="same-term-question",
                markup=False,
            )
            for number, concept in enumerate(self.concepts, 1):
                line = f"{number}  add to concept {concept.id}: {services.concept_summary(concept)}"
                yield Static(line, classes="same-term-line", markup=False)
            with Horizontal(id="same-term-buttons"):
                yield Button("Add to 1 (1)", variant="primary", id="same-term-add")
                yield Button("New concept (n)", id="same-term-new")
                yield Button("Cancel (esc)", id="same-term-cancel")

    def on_mount(self) -> None:
        """Start on adding to the first concept: the usual wish."""
        self.query_one("#same-term-add", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button pressed."""
        if event.button.id == "same-term-add":
            self.action_choose(1)
        elif event.button.id == "same-term-new":
            self.action_new()
        else:
            self.action_cancel()

    def action_choose(self, number: int) -> None:
        """Add to the concept listed as number."""
        if 1 <= number <= len(self.concepts):
            self.dismiss(self.concepts[number - 1].id)

    def action_new(self) -> None:
        """A concept of its own."""
        self.dismiss(NEW_CONCEPT)

    def action_cancel(self) -> None:
        """Add nothing."""
        self.dismiss(None)
