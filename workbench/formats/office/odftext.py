"""OpenDocument paragraphs (`text:p`, `text:h`) as an inline tree.

ODF text is mixed content with XML whitespace collapsed (ODF 1.2, 6.1.2): runs of spaces,
tabs and line ends are one space and leading ones are dropped; `text:s` holds real spaces,
`text:tab` and `text:line-break` real tabs and breaks. Reading applies those rules, so
the translator sees the text as LibreOffice shows it; writing encodes spaces back
(`text:s` after the first) and a tab or line break typed in a target as the elements.

Spans (`text:span`) are formatting: nested spans are one formatting, and spans whose
automatic styles differ only in the revision ids LibreOffice stamps on them
(`officeooo:rsid`) are the same formatting, so they merge. Links (`text:a`) wrap their
text. Notes, annotations, frames, fields, bookmarks and reference marks stand alone (their
own paragraphs, a note's or a text box's, are units of their own); soft page breaks are
dropped when a paragraph is rewritten.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from workbench.formats.office.inline import PLAIN, Fmt, Group, Item, Node, Text
from workbench.formats.office.units import number
from workbench.formats.office.wordml import attributes_of

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_RSID = "http://openoffice.org/2009/office"
_WHITESPACE = re.compile(r"[ \t\r\n]+")
_MOST_SPACES = 1000
"""More spaces than this in one text:s are read as this many (a hostile count is cut)."""


def t(name: str) -> str:
    """The Clark name of an ODF text element or attribute."""
    return f"{{{TEXT}}}{name}"


_SPAN, _LINK, _SPACES = t("span"), t("a"), t("s")
_STYLE_NAME, _COUNT = t("style-name"), t("c")
_ANNOTATION = f"{{{OFFICE}}}annotation"
_DROPPED = frozenset({t("soft-page-break")})
_LABELS = {
    t("tab"): "tab",
    t("line-break"): "break",
    t("bookmark"): "bookmark",
    t("bookmark-start"): "bookmark",
    t("bookmark-end"): "bookmark",
    t("reference-mark"): "mark",
    t("reference-mark-start"): "mark",
    t("reference-mark-end"): "mark",
    t("toc-mark"): "mark",
    t("alphabetical-index-mark"): "mark",
    t("alphabetical-index-mark-start"): "mark",
    t("alphabetical-index-mark-end"): "mark",
    t("ruby"): "ruby",
    _ANNOTATION: "comment",
    f"{{{OFFICE}}}annotation-end": "comment",
    t("change"): "change",
    t("change-start"): "change",
    t("change-end"): "change",
}
_PROPERTY_LABELS = (
    (f"{{{FO}}}font-weight", "bold", "bold"),
    (f"{{{FO}}}font-style", "italic", "italic"),
    (f"{{{STYLE}}}text-underline-style", "underline", None),
    (f"{{{STYLE}}}text-line-through-style", "strike", None),
    (f"{{{STYLE}}}text-position", "raised", None),
    (f"{{{FO}}}color", "color", None),
    (f"{{{FO}}}font-size", "size", None),
    (f"{{{STYLE}}}font-name", "font", None),
    (f"{{{FO}}}background-color", "highlight", None),
    (f"{{{FO}}}font-variant", "small caps", None),
)


@dataclass(frozen=True, slots=True)
class SpanStyles:
    """Text styles of a part: a comparable key and a label for each style name."""

    keys: dict[str, object]
    labels: dict[str, str]

    @classmethod
    def of(cls, roots: list[etree._Element], display: dict[str, str]) -> SpanStyles:
        """The automatic text styles of the given parts; named styles by display name."""
        keys: dict[str, object] = {}
        labels: dict[str, str] = {}
        for root in roots:
            for style in root.iter(f"{{{STYLE}}}style"):
                if style.get(f"{{{STYLE}}}family") != "text":
                    continue
                name = style.get(f"{{{STYLE}}}name") or ""
                properties = style.find(f"{{{STYLE}}}text-properties")
                values = {} if properties is None else attributes_of(properties)
                own = tuple(
                    sorted((k, v) for k, v in values.items() if not k.startswith(f"{{{_RSID}}}"))
                )
                parent = style.get(f"{{{STYLE}}}parent-style-name")
                keys[name] = ("auto", parent, own)
                labels[name] = _label(values, display.get(parent or "", parent))
        return cls(keys, labels)


def _label(values: dict[str, str], parent: str | None) -> str:
    names = []
    for attribute, label, required in _PROPERTY_LABELS:
        value = values.get(attribute)
        if value is None or value in ("none", "normal") or (required and value != required):
            continue
        if attribute.endswith("text-position"):
            label = "subscript" if value.startswith(("sub", "-")) else "superscript"
        names.append(label)
    if not names and parent:
        names.append(parent)
    return " ".join(names[:3]) or "format"


class OdfDialect:
    """Reads and writes `text:p` and `text:h` elements of one part."""

    def __init__(self, styles: SpanStyles, notes: dict[etree._Element, str] | None = None) -> None:
        self.styles = styles
        self.notes = notes or {}

    def parse(self, element: etree._Element) -> list[Node]:
        reader = _Reader(self)
        return reader.content(element, ())

    def span_key(self, name: str) -> object:
        return self.styles.keys.get(name, ("named", name))

    def write(self, element: etree._Element, nodes: list[Node]) -> None:
        element.text = None
        for child in list(element):
            element.remove(child)
        _Writer().nodes(element, nodes)

    def describe(self, fmt: Fmt, base: Fmt) -> str:
        own = fmt.payload if isinstance(fmt.payload, tuple) else ()
        other = base.payload if isinstance(base.payload, tuple) else ()
        names = [
            self.styles.labels.get(attributes.get(_STYLE_NAME, ""), attributes.get(_STYLE_NAME, ""))
            for attributes in own
            if attributes not in other
        ]
        return " ".join(dict.fromkeys(n for n in names if n)) or ("plain" if other else "format")


class _Reader:
    """One paragraph's content, with the whitespace state that collapsing needs."""

    def __init__(self, dialect: OdfDialect) -> None:
        self.dialect = dialect
        self.after_space = True  # leading whitespace of a paragraph is dropped

    def content(self, element: etree._Element, spans: tuple[dict[str, str], ...]) -> list[Node]:
        nodes: list[Node] = []
        self.text(nodes, element.text, spans)
        for child in element:
            nodes += self.child(child, spans)
            self.text(nodes, child.tail, spans)
        return nodes

    def fmt(self, spans: tuple[dict[str, str], ...]) -> Fmt:
        if not spans:
            return PLAIN
        key = tuple(self.dialect.span_key(s.get(_STYLE_NAME, "")) for s in spans)
        return Fmt(key, spans)

    def text(self, nodes: list[Node], raw: str | None, spans: tuple[dict[str, str], ...]) -> None:
        if not raw:
            return
        collapsed = _WHITESPACE.sub(" ", raw)
        if self.after_space and collapsed.startswith(" "):
            collapsed = collapsed[1:]
        if collapsed:
            self.after_space = collapsed.endswith(" ")
            nodes.append(Text(collapsed, self.fmt(spans)))

    def child(self, child: etree._Element, spans: tuple[dict[str, str], ...]) -> list[Node]:
        tag = child.tag
        if not isinstance(tag, str):
            return [Item([child], "xml")]
        if tag in _DROPPED:
            return []
        if tag == _SPAN:
            return self.content(child, (*spans, attributes_of(child)))
        if tag == _SPACES:
            self.after_space = False
            spaces = number(child.get(_COUNT), 1, _MOST_SPACES)
            return [Text(" " * spaces, self.fmt(spans))]
        if tag == _LINK:
            return [Group(child, "link", self.content(child, ()), "")]
        self.after_space = tag == t("line-break")
        if tag == t("note"):
            kind = child.get(t("note-class")) or "footnote"
            return [Item([child], kind)]
        label = _LABELS.get(tag)
        if label is None:
            namespace = str(tag)[1:].partition("}")[0]
            label = "image" if namespace == DRAW else "field" if namespace == TEXT else "object"
        note = self.dialect.notes.get(child) if tag == _ANNOTATION else None
        return [Item([child], label, "", note)]


class _Writer:
    """Writes nodes as ODF mixed content, spaces encoded as LibreOffice does."""

    def __init__(self) -> None:
        self.after_space = True
        self.used: set[int] = set()

    def nodes(self, parent: etree._Element, nodes: list[Node]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                self.text(parent, node.text, node.fmt)
            elif isinstance(node, Item):
                for piece in node.payload:
                    if isinstance(piece, Text):
                        self.text(parent, piece.text, piece.fmt)
                    elif isinstance(piece, etree._Element):
                        self.original(parent, piece)
            else:
                assert isinstance(node.payload, etree._Element)
                link = etree.SubElement(parent, node.payload.tag, attributes_of(node.payload))
                self.nodes(link, node.children)

    def original(self, parent: etree._Element, element: etree._Element) -> None:
        if id(element) in self.used:
            element = copy.deepcopy(element)
        self.used.add(id(element))
        element.tail = None
        parent.append(element)
        self.after_space = element.tag == t("line-break")

    def text(self, parent: etree._Element, text: str, fmt: Fmt) -> None:
        container = parent
        spans = fmt.payload if isinstance(fmt.payload, tuple) else ()
        for attributes in spans:
            container = etree.SubElement(container, _SPAN, attributes)
        pending: list[str] = []
        spaces = 0
        for char in text + "\0":
            if char == " " and (self.after_space or spaces):
                spaces += 1
                continue
            if spaces:
                _append(container, "".join(pending))
                pending.clear()
                element = etree.SubElement(container, _SPACES)
                if spaces > 1:
                    element.set(_COUNT, str(spaces))
                spaces = 0
            if char in "\t\n":
                _append(container, "".join(pending))
                pending.clear()
                etree.SubElement(container, t("tab") if char == "\t" else t("line-break"))
                self.after_space = char == "\n"
            elif char != "\0":
                pending.append(char)
                self.after_space = char == " "
        _append(container, "".join(pending))


def _append(element: etree._Element, text: str) -> None:
    """Text after element's last child (or as its text when it has none)."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text
