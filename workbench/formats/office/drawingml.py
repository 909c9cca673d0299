"""DrawingML paragraphs (`a:p`, in slides, notes, tables and shapes) as an inline tree.

Run text (`a:r/a:t`) is text in its run's formatting, compared without the attributes
only spell-checking and editing keep (`lang`, `altLang`, `err`, `dirty`, `noProof`,
`smtClean`, `bmk`); a hyperlink is part of a run's properties (`a:hlinkClick`), so linked
text is a span labelled "link". Line breaks (`a:br`), fields (`a:fld`: slide numbers and
dates, whose text PowerPoint fills in) and anything else stand alone. Tabs are characters
in DrawingML text and stay text.

Writing keeps `a:pPr` first and `a:endParaRPr` last and rebuilds the runs between them; a
line break typed in a target becomes `a:br` with the run's properties.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable

from lxml import etree

from workbench.formats.office.inline import PLAIN, Fmt, Group, Item, Node, Text
from workbench.formats.office.wordml import attributes_of

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def a(name: str) -> str:
    """The Clark name of a DrawingML element."""
    return f"{{{A}}}{name}"


AP, AR, AT, ARPR = a("p"), a("r"), a("t"), a("rPr")
_KEPT = frozenset({a("pPr"), a("endParaRPr")})
_IGNORED_ATTRIBUTES = frozenset(
    {"lang", "altLang", "err", "dirty", "noProof", "smtClean", "smtId", "bmk", "kumimoji"}
)
_FIELD_LABELS = {"slidenum": "slide number"}
_ATTRIBUTE_NAMES = {"b": "bold", "i": "italic", "u": "underline", "strike": "strike", "sz": "size"}
_CHILD_NAMES = {
    "solidFill": "color",
    "gradFill": "color",
    "latin": "font",
    "ea": "font",
    "cs": "font",
    "hlinkClick": "link",
    "hlinkMouseOver": "link",
    "highlight": "highlight",
}


def canonical(element: etree._Element, ignored: frozenset[str] = frozenset()) -> Hashable:
    """An element's tag, attributes and children as a comparable value."""
    attributes = tuple(
        sorted((k, v) for k, v in attributes_of(element).items() if k not in ignored)
    )
    children = tuple(canonical(child) for child in element if isinstance(child.tag, str))
    return (element.tag, attributes, children)


def drawing_fmt(properties: etree._Element | None) -> Fmt:
    """A run's formatting, compared without spell-check and editing details."""
    if properties is None:
        return PLAIN
    key = canonical(properties, _IGNORED_ATTRIBUTES)
    assert isinstance(key, tuple)
    if not key[1] and not key[2]:
        return Fmt((), properties)
    return Fmt(key, properties)


class DrawingDialect:
    """Reads and writes `a:p` elements."""

    def parse(self, element: etree._Element) -> list[Node]:
        nodes: list[Node] = []
        for child in element:
            tag = child.tag
            if tag in _KEPT:
                continue
            if tag == AR:
                t = child.find(AT)
                nodes.append(Text("" if t is None else t.text or "", drawing_fmt(child.find(ARPR))))
            elif tag == a("br"):
                nodes.append(Item([child], "break", ""))
            elif tag == a("fld"):
                kind = (child.get("type") or "field").lower()
                label = _FIELD_LABELS.get(kind, "date" if kind.startswith("datetime") else kind)
                nodes.append(Item([child], label, ""))
            else:
                nodes.append(Item([child], str(tag).rpartition("}")[2], ""))
        return nodes

    def write(self, element: etree._Element, nodes: list[Node]) -> None:
        end = element.find(a("endParaRPr"))
        for child in list(element):
            if child.tag not in _KEPT:
                element.remove(child)
        used: set[int] = set()
        self._nodes(element, nodes, used)
        if end is not None:
            element.remove(end)
            element.append(end)

    def _nodes(self, parent: etree._Element, nodes: list[Node], used: set[int]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                _text(parent, node.text, node.fmt)
            elif isinstance(node, Item):
                for piece in node.payload:
                    if isinstance(piece, Text):
                        _text(parent, piece.text, piece.fmt)
                    elif isinstance(piece, etree._Element):
                        parent.append(copy.deepcopy(piece) if id(piece) in used else piece)
                        used.add(id(piece))
            elif isinstance(node, Group):
                self._nodes(parent, node.children, used)

    def describe(self, fmt: Fmt, base: Fmt) -> str:
        return describe_drawing(fmt, base)


def describe_drawing(fmt: Fmt, base: Fmt) -> str:
    """What fmt's run properties set differently from base's: bold, link, color ..."""
    own, other = _parts(fmt), _parts(base)
    names: list[str] = []
    for name, value in own[0].items():
        if other[0].get(name) == value:
            continue
        if name == "baseline":
            label = "superscript" if not value.startswith("-") else "subscript"
        elif name in ("b", "i") and value in ("0", "false"):
            label = "not " + _ATTRIBUTE_NAMES[name]
        elif name == "cap":
            label = "caps"
        else:
            label = _ATTRIBUTE_NAMES.get(name, name)
        if label not in names:
            names.append(label)
    for child, child_value in own[1].items():
        child_label = _CHILD_NAMES.get(child, child)
        if other[1].get(child) != child_value and child_label not in names:
            names.append(child_label)
    if "link" in names:
        names = ["link"] + [n for n in names if n not in ("link", "color", "underline")]
    if not names and (set(other[0]) - set(own[0]) or set(other[1]) - set(own[1])):
        names = ["plain"]
    return " ".join(names[:3]) or "format"


def _parts(fmt: Fmt) -> tuple[dict[str, str], dict[str, Hashable]]:
    """A run format's attributes, and its children by local name (to compare)."""
    key = fmt.key
    if not isinstance(key, tuple) or len(key) != 3:
        return {}, {}
    _tag, attributes, children = key
    return dict(attributes), {str(child[0]).rpartition("}")[2]: child for child in children}


def _text(parent: etree._Element, text: str, fmt: Fmt) -> None:
    """Text as runs with fmt's properties; line breaks typed in it become a:br."""
    properties = fmt.payload if isinstance(fmt.payload, etree._Element) else None
    for number, line in enumerate(text.split("\n")):
        if number:
            br = etree.SubElement(parent, a("br"))
            if properties is not None:
                br.append(copy.deepcopy(properties))
        if line:
            run = etree.SubElement(parent, AR)
            if properties is not None:
                run.append(copy.deepcopy(properties))
            etree.SubElement(run, AT).text = line
