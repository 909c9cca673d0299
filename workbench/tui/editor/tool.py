"""A tool of the editor: its keys, its actions and its background work, in a module of its own.

A tool is an invisible widget composed into the editor screen. It declares its keys in `KEYS`
(Textual `Binding`s naming its own `action_…` methods); the screen shows them in its footer and
command palette and runs them through `tool(NAME, action)`, so a key typed in the target is run
in typing order like every editor key. A tool uses the screen's public attributes and methods
(`self.editor`), runs blocking work with `@background`, and may follow the editor's messages
(`widgets/editor_panel.py`) as a panel does by setting `LISTENS`.

To add one: subclass EditorTool in a new module of `tui/editor/`, give it a NAME and KEYS, and
list it in `tools.TOOLS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding
from textual.widget import Widget

if TYPE_CHECKING:
    from workbench.tui.screens.editor import EditorScreen


class EditorPart(Widget):
    """An invisible part of the editor screen that works for it (saving, a tool)."""

    DEFAULT_CSS = """
    EditorPart {
        display: none;
    }
    """

    NAME: ClassVar[str] = ""
    """The part's name; its widget id is "tool-NAME"."""

    LISTENS: ClassVar[bool] = False
    """Whether the editor posts its messages (SegmentFocused, TargetEdited, ...) here too."""

    def __init__(self, editor: EditorScreen) -> None:
        super().__init__(id=f"tool-{self.NAME}")
        self.editor = editor
        """The editor screen this part works for."""


class EditorTool(EditorPart):
    """A part with keys of its own (and commands for the palette)."""

    KEYS: ClassVar[list[Binding]] = []
    """The tool's keys; their actions are the tool's `action_…` methods."""

    def palette_commands(self) -> Iterator[tuple[str, str, str]]:
        """(title, help, action) of the tool's commands that have no key, as things stand."""
        yield from ()


def tool_action(name: str, action: str) -> str:
    """The screen's action that runs a tool's action (`insert_term(3)` of tool `insert`)."""
    return f"tool({name!r}, {action!r})"


def tool_bindings(tools: Iterable[type[EditorTool]]) -> list[Binding]:
    """The keys of the tools, in order, as bindings of the editor screen."""
    return [
        replace(binding, action=tool_action(tool.NAME, binding.action))
        for tool in tools
        for binding in tool.KEYS
    ]
