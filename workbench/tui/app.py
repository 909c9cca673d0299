"""The Textual application and the factory the CLI and the tests share."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from workbench.storage.engine import Database


class WorkbenchApp(App[None]):
    """The workbench in a terminal: each task is a screen pushed on start."""

    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"
    TITLE = "workbench"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", priority=True)]
    """ctrl+q quits from anywhere."""

    def __init__(self, db: Database, first_screen: Screen[None] | None = None) -> None:
        super().__init__()
        self.db = db
        self._first_screen = first_screen

    def on_mount(self) -> None:
        """Show the screen the command asked for."""
        if self._first_screen is not None:
            self.push_screen(self._first_screen, callback=lambda _: self.exit())


def make_app(db: Database, first_screen: Screen[None] | None = None) -> WorkbenchApp:
    """The app as the command line runs it and the tests drive it."""
    return WorkbenchApp(db, first_screen)
