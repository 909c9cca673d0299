"""SpreadsheetML strings (`si` of the shared strings, `is` of an inline string cell).

A string is plain (`t`) or rich (runs `r` with properties `rPr` and text `t`). Phonetic
runs (`rPh`, the furigana of Japanese text) give readings by character position of the
original text: a translation drops them, and keeps the phonetic properties (`phoneticPr`).
Excel writes characters XML cannot carry as `_xHHHH_`: they are read as the characters
and written back the same way (a literal `_x0041_` in a cell is written `_x005F_x0041_`).
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from workbench.formats.office.drawingml import canonical
from workbench.formats.office.inline import PLAIN, Fmt, Group, Item, Node, Text
from workbench.formats.office.wordml import XML_SPACE

S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def s(name: str) -> str:
    """The Clark name of a SpreadsheetML element."""
    return f"{{{S}}}{name}"


_ESCAPED = re.compile(r"_x(?![dD][89a-fA-F])([0-9A-Fa-f]{4})_")
"""An escaped character; surrogates (D800-DFFF) are no characters and stay as written."""
_NEEDS_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b\x0c\x0e-\x1f\r]")
_NAMES = {
    "b": "bold",
    "i": "italic",
    "u": "underline",
    "strike": "strike",
    "sz": "size",
    "color": "color",
    "rFont": "font",
    "vertAlign": "superscript",
}
_STRING_PARTS = frozenset({s("t"), s("r"), s("rPh")})


def unescape(text: str) -> str:
    """Excel's `_xHHHH_` escapes as characters."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def escape(text: str) -> str:
    """Characters XML cannot carry, and literal escapes, in Excel's `_xHHHH_` form."""
    return _NEEDS_ESCAPE.sub(
        lambda m: "_x005F" + m.group(0) if len(m.group(0)) > 1 else f"_x{ord(m.group(0)):04X}_",
        text,
    )


def sheet_fmt(properties: etree._Element | None) -> Fmt:
    """A rich-text run's formatting."""
    if properties is None or not len(properties):
        return PLAIN if properties is None else Fmt((), properties)
    return Fmt(canonical(properties), properties)


class SheetStringDialect:
    """Reads and writes `si` and `is` elements."""

    def parse(self, element: etree._Element) -> list[Node]:
        nodes: list[Node] = []
        for child in element:
            if child.tag == s("t"):
                nodes.append(Text(unescape(child.text or "")))
            elif child.tag == s("r"):
                t = child.find(s("t"))
                text = "" if t is None else unescape(t.text or "")
                nodes.append(Text(text, sheet_fmt(child.find(s("rPr")))))
        return nodes

    def write(self, element: etree._Element, nodes: list[Node]) -> None:
        for child in list(element):
            if child.tag in _STRING_PARTS:
                element.remove(child)
        pieces = list(_texts(nodes))
        if all(fmt.payload is None for _text, fmt in pieces):
            _t(element, "".join(text for text, _fmt in pieces), 0)
            return
        for position, (text, fmt) in enumerate(pieces):
            run = etree.Element(s("r"))
            if isinstance(fmt.payload, etree._Element):
                run.append(copy.deepcopy(fmt.payload))
            _t(run, text, len(run))
            element.insert(position, run)

    def describe(self, fmt: Fmt, base: Fmt) -> str:
        own = _children(fmt)
        other = _children(base)
        names = [_NAMES.get(name, name) for name, value in own.items() if other.get(name) != value]
        if not names and set(other) - set(own):
            names = ["plain"]
        return " ".join(dict.fromkeys(names[:3])) or "format"


def _children(fmt: Fmt) -> dict[str, object]:
    key = fmt.key
    if not isinstance(key, tuple) or len(key) != 3:
        return {}
    return {str(child[0]).rpartition("}")[2]: child for child in key[2]}


def _texts(nodes: list[Node]) -> list[tuple[str, Fmt]]:
    """Text pieces in order, protected characters included, adjacent same formats joined."""
    pieces: list[tuple[str, Fmt]] = []
    for node in nodes:
        found: list[Text] = []
        if isinstance(node, Text):
            found = [node]
        elif isinstance(node, Item):
            found = [p for p in node.payload if isinstance(p, Text)]
        elif isinstance(node, Group):
            pieces += _texts(node.children)
        for text in found:
            if pieces and pieces[-1][1] == text.fmt:
                pieces[-1] = (pieces[-1][0] + text.text, pieces[-1][1])
            elif text.text:
                pieces.append((text.text, text.fmt))
    return pieces


def _t(parent: etree._Element, text: str, position: int) -> None:
    element = etree.Element(s("t"))
    element.text = escape(text)
    if text != text.strip():
        element.set(XML_SPACE, "preserve")
    parent.insert(position, element)
