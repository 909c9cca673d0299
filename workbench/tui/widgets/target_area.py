"""The editor's target text: codes kept whole, and the editor's keys run in the order typed."""

from __future__ import annotations

from collections.abc import Mapping

from textual import events

from workbench.tui.widgets.code_area import CodeTextArea


class TargetArea(CodeTextArea):
    """The target being typed; the keys of the screen's commands are run from here, in turn.

    Textual runs a screen's key bindings when the key event comes back up to the app, and the
    keys typed after it may reach the text first; a burst "media" + alt+1 + " programme" then
    put the term into the middle of the word. Here each command key is run as the target
    takes it, after everything typed before it and before anything typed after it. The keys'
    bindings stay the screen's (the footer and the command palette show them).
    """

    def __init__(self, commands: Mapping[str, str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.commands = dict(commands or {})
        """Screen actions by key (as Textual names keys: alt+1 from ESC 1 is ¡'s key name)."""

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """Leave the command keys to the screen's bindings (for the footer and the palette)."""
        if key in self.commands:
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        """Run a command key's action now, in typing order (TextArea types the rest)."""
        action = self.commands.get(event.key)
        if action is None:
            return
        event.stop()
        event.prevent_default()
        await self.app.run_action(action, self.screen)
