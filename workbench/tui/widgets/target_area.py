"""The editor's target text: a TextArea that leaves some typed characters to the screen's keys."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import TextArea


class TargetArea(TextArea):
    """A soft-wrapping TextArea whose reserved characters reach the screen's key bindings.

    Most terminals send alt+1 as ESC 1, which Textual reads as the character macOS types for
    it (¡); reserving such characters lets the screen bind them (and type them itself when
    they are meant as text).
    """

    def __init__(self, reserved: Iterable[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id, soft_wrap=True, tab_behavior="focus")
        self.reserved = frozenset(reserved)

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        """Leave the reserved characters to the bindings."""
        if character is not None and character in self.reserved:
            return False
        return super().check_consume_key(key, character)
