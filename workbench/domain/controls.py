"""Control characters in input: which ones, and what an import does with them (one home).

NUL, the C0 controls but tab, line feed and carriage return, DEL and the C1 controls
(U+0080-U+009F) have no place in a term or a segment; printed raw they can retitle or clear
a terminal (`ESC ]0;`, `ESC [2J`). On import they are never stored silently:
- documents refuse them, naming the file and line: a document's bytes must come back from
  export exactly, so nothing may be dropped on the way in;
- glossaries and translation memories strip them and say how many (the default), or refuse
  them like documents (`WORKBENCH_CONTROLS=refuse`, or `--controls refuse`).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

CONTROLS_ENV = "WORKBENCH_CONTROLS"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""The control characters refused or stripped (tab, LF and CR are text)."""


class ControlPolicy(StrEnum):
    """What a glossary or TM import does with control characters."""

    STRIP = "strip"
    REFUSE = "refuse"


def control_policy(value: str | None, what: str = CONTROLS_ENV) -> ControlPolicy:
    """The policy a setting names (strip when unset); ValueError for another value."""
    if value is None or not value.strip():
        return ControlPolicy.STRIP
    try:
        return ControlPolicy(value.strip().lower())
    except ValueError:
        raise ValueError(f"{what}={value!r}: use strip or refuse") from None


def first_control(text: str) -> int:
    """Index of the first control character in text, -1 when there is none."""
    match = CONTROL.search(text)
    return -1 if match is None else match.start()


def strip_controls(text: str) -> tuple[str, int]:
    """text without its control characters, and how many were removed."""
    return CONTROL.subn("", text)


def control_name(char: str) -> str:
    """A control character as a message shows it: `U+001B (ESCAPE)`."""
    name = unicodedata.name(char, "") or _C0_NAMES.get(ord(char), "control")
    return f"U+{ord(char):04X} ({name})"


_C0_NAMES = {
    0x00: "NUL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}
