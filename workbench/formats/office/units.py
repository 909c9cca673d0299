"""Translatable units of an office part: a paragraph, an attribute, an element's text.

A unit is an element and the dialect that reads its inline content into a tree and writes
a tree back into it. Formats list a part's units in a fixed order, so export finds unit n
of a part again in a fresh parse of the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from lxml import etree

from workbench.domain.document import CODE_BASE, MAX_CODES
from workbench.formats.office.inline import (
    CODE_CHARACTER,
    PLAIN,
    Fmt,
    Group,
    Item,
    Node,
    Text,
)

_PRIVATE_USE_END = CODE_BASE + MAX_CODES


class Dialect(Protocol):
    """Reads and writes the inline content of one kind of element."""

    def parse(self, element: etree._Element) -> list[Node]:
        """The element's inline content as a tree."""
        ...

    def write(self, element: etree._Element, nodes: list[Node]) -> None:
        """Replace the element's inline content by nodes, keeping its properties."""
        ...

    def describe(self, fmt: Fmt, base: Fmt) -> str:
        """A short label for text in fmt inside text in base (bold, italic, link ...)."""
        ...


@dataclass(slots=True)
class Unit:
    """One translatable element of a part, with what the translator sees beside it."""

    element: etree._Element
    dialect: Dialect
    context: str | None = None
    note: str | None = None
    kind: str = "paragraph"
    """paragraph, or what an attribute or element holds: alt text, title, sheet name."""


def number(value: str | None, default: int, most: int = 1 << 20) -> int:
    """A count or index an attribute gives, within 0..most; default when it is not a number.

    Damaged or hostile files put anything there; a repeat count of a billion must not
    become a billion spaces.
    """
    if value is None or not value.strip().isdigit():
        return default
    return min(int(value), most)


def protect_private_use(nodes: list[Node]) -> list[Node]:
    """Text nodes with each private-use character (a symbol font's glyph) made an item.

    Those characters would otherwise be read as inline codes of the document model.
    """
    result: list[Node] = []
    for node in nodes:
        if isinstance(node, Group):
            node.children = protect_private_use(node.children)
            result.append(node)
        elif isinstance(node, Text) and CODE_CHARACTER.search(node.text):
            start = 0
            for position, char in enumerate(node.text):
                if _private(char):
                    result.append(Text(node.text[start:position], node.fmt))
                    result.append(Item([Text(char, node.fmt)], "symbol", char))
                    start = position + 1
            result.append(Text(node.text[start:], node.fmt))
        else:
            result.append(node)
    return result


def _private(char: str) -> bool:
    return CODE_BASE <= ord(char) < _PRIVATE_USE_END


def plain_text_of(nodes: list[Node]) -> str:
    """The text of a tree without structure: text nodes and protected characters."""
    pieces: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            pieces.append(node.text)
        elif isinstance(node, Item):
            pieces += [part.text for part in node.payload if isinstance(part, Text)]
        else:
            pieces.append(plain_text_of(node.children))
    return "".join(pieces)


class AttributeDialect:
    """An attribute's value as a unit (alt text, a title, a sheet name): text only."""

    def __init__(self, name: str) -> None:
        self.name = name

    def parse(self, element: etree._Element) -> list[Node]:
        return [Text(element.get(self.name) or "")]

    def write(self, element: etree._Element, nodes: list[Node]) -> None:
        element.set(self.name, plain_text_of(nodes))

    def describe(self, fmt: Fmt, base: Fmt) -> str:
        return "text"


class ElementTextDialect:
    """An element holding nothing but text (an ODF title or description) as a unit."""

    def parse(self, element: etree._Element) -> list[Node]:
        return [Text(element.text or "", PLAIN)]

    def write(self, element: etree._Element, nodes: list[Node]) -> None:
        element.text = plain_text_of(nodes)

    def describe(self, fmt: Fmt, base: Fmt) -> str:
        return "text"
