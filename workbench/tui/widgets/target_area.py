"""The editor's target text: codes kept whole, and every key applied in the order typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets.text_area import TextAreaTheme

from workbench.tui.widgets.code_area import CodeTextArea

TARGET_THEME = TextAreaTheme(
    name="workbench-target",
    syntax_styles={"misspelled": Style(color="red", underline=True)},
)
"""Misspelled words underlined in red; everything else as the app's theme has it."""


class TargetArea(CodeTextArea):
    """The target being typed; bound keys (its own and the screen's) are run from here, in turn.

    Textual types a printable key as the target takes it from its queue, but runs a key
    binding (the cursor keys, cut and paste, the screen's commands) only when the key event
    comes back up to the app, and keys typed after it may reach the text first: a burst of
    "media" + alt+1 + " programme" put the term into the middle of the word, and a word typed
    right after ctrl+s went into the segment just confirmed. Here every bound key is run as
    the target takes it, after everything typed before it and before anything typed after it.
    The screen's bindings stay the screen's (the footer and the command palette show them).
    """

    def __init__(self, commands: Mapping[str, str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.register_theme(TARGET_THEME)
        self.theme = TARGET_THEME.name
        self.commands = dict(commands or {})
        """Screen actions by key (as Textual names keys: alt+1 from ESC 1 is ¡'s key name)."""
        self._own = {
            binding.key: binding.action
            for cls in reversed(type(self).__mro__)
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", ()))
            if binding.key not in self.commands
        }
        """The area's own bindings (cursor keys, cut, paste, undo), by key; where the screen
        binds a key too (f7: spelling, not TextArea's select-all), the screen's runs."""
        self.key_hooks: list[Callable[[str], bool]] = []
        """Asked first about every key; one that returns True has taken the key (a tool that
        shows something over the target, such as completions, takes tab while it shows)."""

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """Leave the command keys to the screen's bindings (for the footer and the palette)."""
        if key in self.commands:
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        """Run a bound key's action now, in typing order (TextArea types the other keys)."""
        for hook in self.key_hooks:
            if hook(event.key):  # taken in typing order too (a completion accepted by tab)
                event.stop()
                event.prevent_default()
                return
        namespace: DOMNode = self
        action = self._own.get(event.key)
        if action is None:
            action, namespace = self.commands.get(event.key), self.screen
        if action is None:
            return
        event.stop()
        event.prevent_default()
        await self.app.run_action(action, namespace)
