"""A misspelled word's suggestions: replace it with one, add it to the dictionary, or ignore it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

SpellingChoice = tuple[Literal["replace", "add", "ignore"], str]
"""What the translator chose: ("replace", the spelling), ("add", word) or ("ignore", word)."""


class SpellingModal(ModalScreen[SpellingChoice | None]):
    """The suggestions for one word; enter takes the highlighted one, a adds, i ignores."""

    DEFAULT_CSS = """
    SpellingModal {
        align: center middle;
    }
    SpellingModal > #spelling-dialog {
        width: 60;
        max-width: 90%;
        height: auto;
        padding: 1 2;
        border: thick $warning;
        background: $surface;
    }
    SpellingModal OptionList {
        height: auto;
        max-height: 12;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "choose('add')", "Add to dictionary"),
        Binding("i", "choose('ignore')", "Ignore"),
        Binding("escape", "dismiss_none", "Cancel"),
    ]

    def __init__(self, word: str, lang: str, suggestions: Sequence[str]) -> None:
        super().__init__()
        self.word = word
        self.lang = lang
        self.suggestions = list(suggestions)

    def compose(self) -> ComposeResult:
        with Vertical(id="spelling-dialog"):
            yield Static(
                f"“{self.word}” is not in the {self.lang} dictionary.",
                id="spelling-word",
                markup=False,
            )
            options = [Option(s, id=f"s{n}") for n, s in enumerate(self.suggestions)]
            if options:
                yield OptionList(*options, id="spelling-suggestions")
            else:
                yield Static("No suggestion.", id="spelling-none")
            yield Static(
                "enter: replace · a: add to the dictionary (for everyone) · i: ignore · "
                "escape: cancel",
                id="spelling-help",
            )

    def on_mount(self) -> None:
        """The first suggestion highlighted."""
        if self.suggestions:
            self.query_one(OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Replace the word with the suggestion chosen."""
        self.dismiss(("replace", str(event.option.prompt)))

    def action_choose(self, what: Literal["add", "ignore"]) -> None:
        """Add the word to the dictionary, or ignore it for the session."""
        self.dismiss((what, self.word))

    def action_dismiss_none(self) -> None:
        """Leave the word as it is."""
        self.dismiss(None)
