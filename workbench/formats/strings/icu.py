"""ICU MessageFormat messages that are one plural or select as a whole, split into their forms.

`{count, plural, =0{none} one{# item} other{# items}}` has forms =0, one and other; the
text of each form stays as written (placeholders, nested arguments and `#` are text the
placeholder check compares). A message with text around the argument, or that is not a
plural/select, stays one string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEAD = re.compile(
    r"\{\s*(?P<arg>[^\s,{}]+)\s*,\s*(?P<kind>plural|select|selectordinal)\s*,"
    r"(?:\s*offset:\s*\d+)?\s*"
)
_SELECTOR = re.compile(r"(=\d+|[^\s{}=]+)\s*\{")


@dataclass(frozen=True, slots=True)
class IcuMessage:
    """A whole-message plural or select: its head, its forms and the spaces between them."""

    kind: str
    head: str
    """From the opening brace up to the first selector: `{count, plural, `."""
    forms: list[tuple[str, str]]
    """(selector, text) in order."""
    gap: str
    """What stands between a form's closing brace and the next selector."""
    tail: str
    """From the last form's closing brace on: `}`."""

    def text(self, forms: list[tuple[str, str]] | None = None) -> str:
        """The message written with these forms (its own when None)."""
        body = self.gap.join(f"{name}{{{text}}}" for name, text in forms or self.forms)
        return f"{self.head}{body}{self.tail}"


def _closing(text: str, start: int) -> int:
    """The index of the brace closing the one opened just before start, or -1."""
    depth = 1
    index = start
    while index < len(text):
        char = text[index]
        if char == "'" and index + 1 < len(text) and text[index + 1] in "{}'":
            # ICU quoting: '{' and '}' are literal braces, '' an apostrophe
            end = text.find("'", index + 2) if text[index + 1] != "'" else index + 1
            index = (end if end >= 0 else len(text)) + 1
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def parse_message(text: str) -> IcuMessage | None:
    """The message's forms when it is one plural/select as a whole, else None."""
    if not text.startswith("{") or not text.endswith("}") or text.startswith("{{"):
        return None  # the usual string, i18next's {{name}} included, without a regex
    head = _HEAD.match(text)
    if head is None:
        return None
    position = head.end()
    forms: list[tuple[str, str]] = []
    gaps: list[str] = []
    while True:
        space = len(text) - len(text[position:].lstrip())
        if text.startswith("}", space):
            if space + 1 != len(text) or not forms:
                return None
            gap = gaps[0] if gaps else ""
            if any(g != gap for g in gaps):
                gap = " "
            return IcuMessage(head.group("kind"), text[: head.end()], forms, gap, text[position:])
        if forms:
            gaps.append(text[position:space])
        selector = _SELECTOR.match(text, space)
        if selector is None:
            return None
        close = _closing(text, selector.end())
        if close < 0:
            return None
        forms.append((selector.group(1), text[selector.end() : close]))
        position = close + 1
