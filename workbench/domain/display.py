"""Text from data made safe to show: control characters become visible escapes, not actions.

A term, a segment or a file name may carry ESC sequences (set the window title, clear the screen),
CR (overwrite what was shown) or bytes that are not UTF-8 (kept by Python as lone surrogates).
Shown raw they act on the terminal or cannot be written at all; shown through here they read as
`\\u001b`, `\\u000d` or `\\udcff`. That form is also a JSON escape, so JSON output stays valid and
parses back to the same strings.
"""

from __future__ import annotations

import re

_ESCAPED = [
    *(code for code in range(0x20) if chr(code) not in "\t\n"),  # C0 controls, ESC among them
    *range(0x7F, 0xA0),  # DEL and the C1 controls (0x9B is a one-byte CSI)
    *range(0xD800, 0xE000),  # lone surrogates: undecodable bytes of argv and file names
]
_VISIBLE = str.maketrans({code: f"\\u{code:04x}" for code in _ESCAPED})
_ON_SCREEN = str.maketrans(
    {code: None for code in _ESCAPED if code < 0xD800}
    | {code: "\ufffd" for code in range(0xD800, 0xE000)}
)
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_VISIBLE_ONE_LINE = str.maketrans({ord("\n"): "\\n", ord("\t"): " "} | _VISIBLE)


def visible(text: str) -> str:
    """text with control characters (but tab and newline) and lone surrogates escaped."""
    return text.translate(_VISIBLE)


def one_line(text: str, limit: int = 500) -> str:
    """visible(text) on one line (line breaks shown as \\n), cut after about limit characters."""
    shown = text.strip().replace("\r\n", "\n").translate(_VISIBLE_ONE_LINE)
    if len(shown) <= limit:
        return shown
    return f"{shown[:limit]}… ({len(shown) - limit:,} more characters)"


def has_unsafe(text: str) -> bool:
    """Whether text holds a control character (but tab and newline) or a lone surrogate."""
    return _UNSAFE.search(text) is not None


def drawable(text: str) -> str:
    """text as a screen may draw it: controls dropped, lone surrogates as U+FFFD.

    For a cell grid that has already laid text out (a control character takes no cell, a
    surrogate one), so the width stays as measured; `visible` is for text still to be laid out.
    """
    return text.translate(_ON_SCREEN)


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun in the right number: "1 concept", "2 concepts", "0 units"."""
    word = noun if count == 1 else (plural or f"{noun}s")
    return f"{count} {word}"
