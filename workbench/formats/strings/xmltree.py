"""XML string files as a light tree that knows where every tag is in the decoded text.

lxml checks the file first (well-formed, no entity declarations, no DTD or network); the
tree is then read off the text by a tokenizer, which is reliable on a document lxml has
accepted, so export can patch values in place and keep every other character.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from workbench.formats.base import FormatError
from workbench.formats.strings.codec import Decoded, decode
from workbench.formats.xml_safety import check_prolog, syntax_error, tree_parser

_TOKEN = re.compile(
    r"<!--(?P<comment>.*?)-->"
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|</(?P<close>[^\s>]+)\s*>"
    r"|<(?P<open>[^\s/>!?]+)(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/?)>",
    re.S,
)
_ATTRIBUTE = re.compile(r"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


@dataclass(slots=True)
class Node:
    """An element, comment (name `#comment`) or CDATA section (`#cdata`) and where it is."""

    name: str
    start: int
    end: int
    inner_start: int = 0
    inner_end: int = 0
    attrs: dict[str, str] = field(default_factory=dict)
    attr_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Where each attribute's value is (inside its quotes)."""
    children: list[Node] = field(default_factory=list)
    text: str = ""
    """A comment's or CDATA section's content."""

    @property
    def local(self) -> str:
        return self.name.rpartition(":")[2]

    def elements(self, name: str | None = None) -> list[Node]:
        """Child elements (all, or those with the local name)."""
        return [
            c
            for c in self.children
            if not c.name.startswith("#") and (name is None or c.local == name)
        ]

    def child(self, name: str) -> Node | None:
        found = self.elements(name)
        return found[0] if found else None


def decode_xml(data: bytes, path: Path, encoding: str | None = None) -> Decoded:
    """The XML file's text in its declared encoding (a BOM wins; UTF-8 by default)."""
    declared = _DECLARED.match(data.lstrip(b"\xef\xbb\xbf"))
    named = declared.group(1).decode("ascii") if declared else None
    return decode(data, path, named, encoding=encoding)


def check_xml(data: bytes, path: Path, roots: frozenset[str], expected: str) -> None:
    """FormatError unless the file is well-formed, safe XML with the expected root."""
    try:
        check_prolog(path, io.BytesIO(data), roots, expected)
        etree.fromstring(data, tree_parser())
    except etree.XMLSyntaxError as error:
        raise syntax_error(path, error) from None


def parse_tree(text: str, path: Path) -> Node:
    """The document element of text (a document lxml has accepted)."""
    document = Node("#document", 0, len(text), 0, len(text))
    stack = [document]
    for match in _TOKEN.finditer(text):
        top = stack[-1]
        if match.group("comment") is not None:
            top.children.append(
                Node("#comment", match.start(), match.end(), text=match.group("comment"))
            )
        elif match.group("cdata") is not None:
            cdata = Node("#cdata", match.start(), match.end(), text=match.group("cdata"))
            cdata.inner_start, cdata.inner_end = match.start("cdata"), match.end("cdata")
            top.children.append(cdata)
        elif match.group("close") is not None:
            if len(stack) == 1 or stack[-1].name != match.group("close"):
                raise FormatError(path, f"unexpected </{match.group('close')}>")
            node = stack.pop()
            node.inner_end, node.end = match.start(), match.end()
        elif match.group("open") is not None:
            node = Node(match.group("open"), match.start(), match.end(), match.end(), match.end())
            attrs_at = match.start("attrs")
            for attribute in _ATTRIBUTE.finditer(match.group("attrs")):
                group = 2 if attribute.group(2) is not None else 3
                value = attribute.group(group)
                node.attrs[attribute.group(1)] = html.unescape(value)
                node.attr_spans[attribute.group(1)] = (
                    attrs_at + attribute.start(group),
                    attrs_at + attribute.end(group),
                )
            top.children.append(node)
            if not match.group("empty"):
                stack.append(node)
    roots = document.elements()
    if len(stack) != 1 or len(roots) != 1:
        raise FormatError(path, "the XML document is not complete")
    return roots[0]


def unescape(raw: str) -> str:
    """XML character data with its references resolved."""
    return html.unescape(raw) if "&" in raw else raw


def escape(text: str) -> str:
    """Text as XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class XmlSyntax:
    """Values as XML character data, without plural forms to rebuild."""

    def escape(self, text: str, structure: dict[str, str]) -> str:
        return escape(text)

    def finish(self, value: str, structure: dict[str, str]) -> str:
        return value

    def rebuild(self, text: str, structure: dict[str, str], forms: list[tuple[str, str]]) -> str:
        raise ValueError(f"{structure.get('key')}: has no plural forms to rebuild")


def leading_comment(parent: Node, index: int) -> str | None:
    """The comments right before parent.children[index] (only whitespace between)."""
    notes = []
    for node in reversed(parent.children[:index]):
        if node.name == "#comment":
            notes.append(node.text.strip())
        else:
            break
    return "\n".join(reversed(notes)) or None
