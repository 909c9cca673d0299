"""The Textual application and the factory the CLI and the tests share."""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

from rich.segment import Segment
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.filter import LineFilter
from textual.screen import Screen

from workbench.domain.display import drawable, has_unsafe
from workbench.services import Database


class ControlFilter(LineFilter):
    """Every line drawn, on every screen, without the control characters its data may hold.

    A term or a segment stored with ESC sequences (by an older workbench or another client of a
    shared database) would otherwise set the window title or clear the terminal when shown.
    Control segments (Textual's own cursor moves) pass untouched.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        """The segments with their text made drawable."""
        if not any(segment.control is None and has_unsafe(segment.text) for segment in segments):
            return segments
        return [
            Segment(drawable(text), style, control)
            if control is None
            else Segment(text, style, control)
            for text, style, control in segments
        ]


@runtime_checkable
class OffersCommands(Protocol):
    """A screen with commands that have no key of their own, for the command palette."""

    def palette_commands(self) -> Iterable[tuple[str, str, str]]:
        """(title, help, action) of each command, as the screen stands now."""


class WorkbenchApp(App[None]):
    """The workbench in a terminal: each task is a screen pushed on start."""

    CSS_PATH = Path(__file__).parent / "styles" / "app.tcss"
    TITLE = "workbench"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # not in the footers: every screen's snapshot would change for one key said in README
        Binding("f1", "help", "Help", show=False, tooltip="Every key of this screen"),
        # ? where no text is typed: a box being typed in takes the character first
        Binding("question_mark", "help", "Help", show=False),
    ]
    """ctrl+q quits from anywhere; F1 (and ? outside text boxes) shows the screen's keys."""

    def __init__(self, db: Database, first_screen: Screen[Any] | None = None) -> None:
        super().__init__()
        self.db = db
        self._first_screen = first_screen
        self._control_filter = ControlFilter()
        self.last_key = 0.0
        """When the latest key came (time.monotonic), for work that waits for a pause."""

    async def on_event(self, event: events.Event) -> None:
        """Note when each key comes, then handle the event as Textual does."""
        if isinstance(event, events.Key):
            self.last_key = time.monotonic()
        await super().on_event(event)

    def get_line_filters(self) -> list[LineFilter]:
        """Textual's filters, then the one that keeps data's control characters off the screen."""
        return [*super().get_line_filters(), self._control_filter]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette offers the current screen's keys too, so nothing is only a shortcut."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        bindings = [b for cls in type(screen).__mro__ for b in getattr(cls, "BINDINGS", [])]
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            key = binding.key_display or binding.key.split(",")[0]
            title = binding.tooltip or binding.description
            yield SystemCommand(
                title, f"key: {key}", partial(self.run_action, binding.action, screen)
            )
        if isinstance(screen, OffersCommands):
            for title, help_text, action in screen.palette_commands():
                yield SystemCommand(title, help_text, partial(self.run_action, action, screen))

    def action_help(self) -> None:
        """Show every key of the current screen (not again over the help itself)."""
        from workbench.tui.help import screen_help
        from workbench.tui.modals.help import HelpModal

        screen = self.screen
        if isinstance(screen, HelpModal):
            return
        bindings = [b for cls in type(screen).__mro__ for b in getattr(cls, "BINDINGS", [])]
        title = screen.title or screen.__class__.__name__
        self.push_screen(HelpModal(str(title), screen_help(bindings)))

    def on_mount(self) -> None:
        """Show the screen the command asked for."""
        if self._first_screen is not None:
            self.push_screen(self._first_screen, callback=lambda _: self.exit())


def make_app(db: Database, first_screen: Screen[Any] | None = None) -> WorkbenchApp:
    """The app as the command line runs it and the tests drive it."""
    return WorkbenchApp(db, first_screen)
