"""F1 (or ? where no text is typed): every key of the current screen, with what it does."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.tui.help import KeyHelp


class HelpModal(ModalScreen[None]):
    """The keys of a screen in a scrolling table; escape, F1, ? or q closes it."""

    DEFAULT_CSS = """
    HelpModal {
        align: center middle;
    }
    HelpModal > #help {
        width: 90%;
        max-width: 100;
        height: 90%;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,question_mark,q", "close", "Close"),
    ]
    """Every key that opens help closes it too."""

    def __init__(self, title: str, lines: list[KeyHelp]) -> None:
        super().__init__()
        self.help_title = title
        self.lines = lines

    def compose(self) -> ComposeResult:
        table = Table(box=None, padding=(0, 1), show_header=False, expand=True)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("does", ratio=1)
        for line in self.lines:
            table.add_row(line.keys, line.does)
        with VerticalScroll(id="help") as scroll:
            scroll.border_title = f"Keys · {self.help_title}"
            scroll.border_subtitle = "escape closes"
            yield Static(table, id="help-keys")

    def on_mount(self) -> None:
        """Focus the list, so that the arrows scroll it."""
        self.query_one("#help", VerticalScroll).focus()

    def action_close(self) -> None:
        """Back to the screen."""
        self.dismiss(None)
