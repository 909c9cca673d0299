"""WordprocessingML paragraphs (`w:p`): runs, fields, links and marks as an inline tree.

What becomes what:
- Run text (`w:t`) is text in its run's formatting; the formatting compared leaves out
  what only spell-checking, revision ids and proofing keep (`w:lang`, `w:noProof`,
  `w:rFonts/@w:hint`, rsid attributes), so runs Word split for those merge.
- Tabs, breaks, drawings, pictures, objects, symbols, footnote and endnote references,
  comment references, bookmarks, comment ranges, permission ranges, math, simple fields and
  anything unknown stand alone: export puts the original element back (a run's content in
  a new run with that run's properties).
- A hyperlink or an inline content control wraps its text; a complex field (`fldChar`
  begin, instruction, separate, result, end) within the paragraph wraps its result, which
  stays translatable (a HYPERLINK field's text); a field without a result, or one that
  spans paragraphs (a table of contents), stands alone piece by piece.
- Smart tags are unwrapped; proofing marks (`w:proofErr`), last-rendered page breaks and
  empty runs are dropped when a paragraph is rewritten. Non-breaking and soft hyphens are
  the characters U+2011 and U+00AD.

Writing a paragraph keeps its `w:pPr` and replaces everything else: text becomes runs with
the properties of the first run of its formatting, a tab or line break typed in a target
becomes `w:tab` or `w:br`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from workbench.formats.office.inline import PLAIN, Fmt, Group, Item, Node, Text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{name}"


P, R, T, RPR, PPR = w("p"), w("r"), w("t"), w("rPr"), w("pPr")
_IGNORED_PROPERTIES = frozenset({w("lang"), w("noProof"), w("rPrChange"), w("webHidden")})
_IGNORED_ATTRIBUTES = frozenset({w("hint")})
_DROPPED = frozenset(
    {w("proofErr"), w("lastRenderedPageBreak"), w("rPr"), w("smartTagPr"), w("customXmlPr")}
)
_UNWRAPPED = frozenset({w("smartTag")})
_RUN_LABELS = {
    w("tab"): "tab",
    w("ptab"): "tab",
    w("br"): "break",
    w("cr"): "break",
    w("drawing"): "image",
    w("pict"): "image",
    w("object"): "object",
    w("sym"): "symbol",
    w("footnoteReference"): "footnote",
    w("endnoteReference"): "endnote",
    w("commentReference"): "comment",
    w("footnoteRef"): "footnote number",
    w("endnoteRef"): "endnote number",
    w("annotationRef"): "comment mark",
    w("separator"): "separator",
    w("continuationSeparator"): "separator",
    w("pgNum"): "page number",
    w("dayShort"): "date",
    w("monthShort"): "date",
    w("yearShort"): "date",
    w("instrText"): "field",
    w("fldChar"): "field",
    f"{{{MC}}}AlternateContent": "image",
}
_MARK_LABELS = {
    w("bookmarkStart"): "bookmark",
    w("bookmarkEnd"): "bookmark",
    w("commentRangeStart"): "comment",
    w("commentRangeEnd"): "comment",
    w("permStart"): "permission",
    w("permEnd"): "permission",
    w("fldSimple"): "field",
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath": "math",
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMathPara": "math",
}
_CHARACTERS = {w("noBreakHyphen"): "\u2011", w("softHyphen"): "\u00ad"}
_PROPERTY_NAMES = {
    "b": "bold",
    "bCs": "bold",
    "i": "italic",
    "iCs": "italic",
    "u": "underline",
    "strike": "strike",
    "dstrike": "strike",
    "caps": "caps",
    "smallCaps": "small caps",
    "color": "color",
    "sz": "size",
    "szCs": "size",
    "rFonts": "font",
    "highlight": "highlight",
    "shd": "shading",
    "vanish": "hidden",
    "spacing": "spacing",
    "position": "raised",
}
_FIELD_LABELS = {"HYPERLINK": "link"}
_TAB_OR_BREAK = re.compile(r"([\t\n])")
_NAMESPACE_DECLARATION = re.compile(r'\s+xmlns(:\w+)?="[^"]*"')


@dataclass(frozen=True, slots=True)
class RunPiece:
    """Something that lives inside a run: written back in a run with the run's properties."""

    properties: etree._Element | None
    content: etree._Element


@dataclass(slots=True)
class FieldPayload:
    """A complex field: the pieces up to its result (open) and its end (close)."""

    opening: list[object] = field(default_factory=list)
    closing: list[object] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _FieldChar:
    """A field character met while reading, before fields are matched up."""

    kind: str
    piece: RunPiece


def run_fmt(properties: etree._Element | None) -> Fmt:
    """The formatting of a run, compared without spell-check and revision details."""
    if properties is None:
        return PLAIN
    key = tuple(
        (
            child.tag,
            tuple(sorted((k, v) for k, v in child.attrib.items() if k not in _IGNORED_ATTRIBUTES)),
        )
        for child in properties
        if child.tag not in _IGNORED_PROPERTIES and isinstance(child.tag, str)
    )
    return Fmt(key, properties) if key else Fmt((), properties)


def _local(tag: object) -> str:
    return str(tag).rpartition("}")[2]


class WordDialect:
    """Reads and writes `w:p` elements."""

    def __init__(
        self, style_names: dict[str, str] | None = None, comments: dict[str, str] | None = None
    ) -> None:
        self.style_names = style_names or {}
        self.comments = comments or {}

    # reading -------------------------------------------------------------------------------

    def parse(self, element: etree._Element) -> list[Node]:
        """The paragraph's inline tree."""
        return self._fields(list(self._children(element)))

    def _children(self, parent: etree._Element) -> Iterator[Node | _FieldChar]:
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):  # comments and processing instructions
                yield Item([child], "xml")
            elif tag == PPR or tag in _DROPPED:
                continue
            elif tag == R:
                yield from self._run(child)
            elif tag in _UNWRAPPED:
                yield from self._children(child)
            elif tag == w("hyperlink"):
                yield Group(
                    child, "link", self._fields(list(self._children(child))), _start_tag(child)
                )
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                children = [] if content is None else self._fields(list(self._children(content)))
                yield Group(child, "control", children, _start_tag(child))
            elif tag in (w("ins"), w("moveTo"), w("customXml")):
                yield Group(child, _local(tag), self._fields(list(self._children(child))))
            else:
                yield Item([child], _MARK_LABELS.get(tag, _local(tag)), _markup(child))

    def _run(self, run: etree._Element) -> Iterator[Node | _FieldChar]:
        properties = run.find(RPR)
        fmt = run_fmt(properties)
        for child in run:
            tag = child.tag
            if tag == T:
                yield Text(child.text or "", fmt)
            elif tag in _CHARACTERS:
                yield Text(_CHARACTERS[tag], fmt)
            elif tag in _DROPPED:
                continue
            elif tag == w("fldChar"):
                kind = child.get(w("fldCharType")) or ""
                yield _FieldChar(kind, RunPiece(properties, child))
            elif isinstance(tag, str):
                label = _RUN_LABELS.get(tag, _local(tag))
                if tag == w("br") and child.get(w("type")) == "page":
                    label = "page break"
                note = (
                    self.comments.get(child.get(w("id")) or "")
                    if tag == w("commentReference")
                    else None
                )
                yield Item([RunPiece(properties, child)], label, _markup(child), note)

    def _fields(self, nodes: list[Node | _FieldChar]) -> list[Node]:
        """Match field characters: a field with a result wraps it; unmatched ones stand alone."""
        result: list[Node] = []
        position = 0
        while position < len(nodes):
            node = nodes[position]
            if isinstance(node, _FieldChar) and node.kind == "begin":
                matched = _match_field(nodes, position)
                if matched is not None:
                    separate, end = matched
                    result.append(self._field(nodes, position, separate, end))
                    position = end + 1
                    continue
            result.append(_standalone(node) if isinstance(node, _FieldChar) else node)
            position += 1
        return result

    def _field(
        self, nodes: list[Node | _FieldChar], begin: int, separate: int | None, end: int
    ) -> Node:
        stop = end if separate is None else separate
        opening = [_piece(node) for node in nodes[begin : stop + 1]]
        pieces = [piece for group in opening for piece in group]
        instruction = " ".join(
            p.content.text or ""
            for p in pieces
            if isinstance(p, RunPiece) and p.content.tag == w("instrText")
        ).split()
        label = (
            _FIELD_LABELS.get(instruction[0].upper(), instruction[0].lower())
            if instruction
            else "field"
        )
        markup = "".join(_markup(p.content) if isinstance(p, RunPiece) else "" for p in pieces)
        if separate is None:
            return Item(
                [*pieces, *_piece(nodes[end])],
                f"field {label}" if label != "link" else label,
                markup,
            )
        children = self._fields(nodes[separate + 1 : end])
        payload = FieldPayload(pieces, _piece(nodes[end]))
        return Group(payload, label if label == "link" else f"field {label}", children, markup)

    # writing -------------------------------------------------------------------------------

    def write(self, element: etree._Element, nodes: list[Node]) -> None:
        """Replace the paragraph's content by nodes, keeping its properties."""
        for child in list(element):
            if child.tag != PPR:
                element.remove(child)
        _Writer(element).nodes(element, nodes)

    def describe(self, fmt: Fmt, base: Fmt) -> str:
        """What fmt adds to base: bold, italic, a character style's name ..."""
        return describe_properties(fmt, base, self.style_names)


def describe_properties(fmt: Fmt, base: Fmt, style_names: dict[str, str]) -> str:
    """The names of the run properties that fmt sets differently from base."""
    own = {tag: attrs for tag, attrs in _as_key(fmt)}
    other = {tag: attrs for tag, attrs in _as_key(base)}
    names: list[str] = []
    for tag, attrs in own.items():
        if other.get(tag) == attrs:
            continue
        local = _local(tag)
        values = dict(attrs)
        if local == "rStyle":
            style = values.get(w("val"), "")
            name = style_names.get(style, style)
        elif local == "vertAlign":
            name = {"superscript": "superscript", "subscript": "subscript"}.get(
                values.get(w("val"), ""), "baseline"
            )
        elif local in ("b", "i", "bCs", "iCs", "strike", "caps") and values.get(w("val")) in (
            "0",
            "false",
        ):
            name = "not " + _PROPERTY_NAMES[local]
        else:
            name = _PROPERTY_NAMES.get(local, local)
        if name and name not in names:
            names.append(name)
    for tag in other:
        if tag not in own and _local(tag) in ("b", "i", "u"):
            name = "not " + _PROPERTY_NAMES[_local(tag)]
            if name not in names:
                names.append(name)
    if not names and set(other) - set(own):
        names = ["plain"]
    return " ".join(names[:3]) or "format"


def _as_key(fmt: Fmt) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    key = fmt.key
    return key if isinstance(key, tuple) else ()


def _match_field(nodes: list[Node | _FieldChar], begin: int) -> tuple[int | None, int] | None:
    """(separate, end) of the field that begins at begin, or None when it does not end here."""
    depth = 0
    separate: int | None = None
    for position in range(begin, len(nodes)):
        node = nodes[position]
        if not isinstance(node, _FieldChar):
            if isinstance(node, Group) and separate is None:
                return None  # a link inside an instruction: keep it simple, stand alone
            continue
        if node.kind == "begin":
            depth += 1
        elif node.kind == "end":
            depth -= 1
            if depth == 0:
                return separate, position
        elif node.kind == "separate" and depth == 1:
            separate = position
    return None


def _piece(node: Node | _FieldChar) -> list[object]:
    """What export writes back for a node inside a field's instruction."""
    if isinstance(node, _FieldChar):
        return [node.piece]
    if isinstance(node, Item):
        return list(node.payload)
    if isinstance(node, Text):
        return [node]
    return [node]


def _standalone(node: _FieldChar) -> Item:
    return Item([node.piece], "field", _markup(node.piece.content))


def _markup(element: etree._Element) -> str:
    """An element as compact XML, for the code's markup (namespace declarations left out)."""
    text = etree.tostring(element, encoding="unicode", with_tail=False)
    return _strip_namespaces(text)


def _start_tag(element: etree._Element) -> str:
    """The element's start tag as its file has it (prefixes kept, declarations left out)."""
    attributes = "".join(
        f' {_qualified(element, str(name))}="{value!s}"'
        for name, value in attributes_of(element).items()
    )
    return f"<{_qualified(element, str(element.tag))}{attributes}>"


def _qualified(element: etree._Element, name: str) -> str:
    """A Clark name with the prefix the element's scope gives its namespace."""
    namespace, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
    prefix = next((p for p, uri in element.nsmap.items() if uri == namespace and p), None)
    if namespace == "http://www.w3.org/XML/1998/namespace":
        prefix = "xml"
    return f"{prefix}:{local}" if prefix else local


def attributes_of(element: etree._Element) -> dict[str, str]:
    """The element's attributes as a plain dict (to create a sibling like it)."""
    return {str(name): str(value) for name, value in element.attrib.items()}


def _strip_namespaces(text: str) -> str:
    return _NAMESPACE_DECLARATION.sub("", text)


class _Writer:
    """Writes nodes as WordprocessingML, copying what is put back a second time."""

    def __init__(self, paragraph: etree._Element) -> None:
        self.paragraph = paragraph
        self.used: set[int] = set()

    def _original(self, element: etree._Element) -> etree._Element:
        if id(element) in self.used:
            return copy.deepcopy(element)
        self.used.add(id(element))
        return element

    def nodes(self, parent: etree._Element, nodes: list[Node]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                self.text(parent, node.text, node.fmt)
            elif isinstance(node, Item):
                self.pieces(parent, node.payload)
            else:
                self.group(parent, node)

    def pieces(self, parent: etree._Element, pieces: list[object]) -> None:
        for piece in pieces:
            if isinstance(piece, RunPiece):
                run = etree.SubElement(parent, R)
                if piece.properties is not None:
                    run.append(copy.deepcopy(piece.properties))
                run.append(self._original(piece.content))
            elif isinstance(piece, Text):
                self.text(parent, piece.text, piece.fmt)
            elif isinstance(piece, Group):
                self.group(parent, piece)
            elif isinstance(piece, etree._Element):
                parent.append(self._original(piece))

    def group(self, parent: etree._Element, group: Group) -> None:
        payload = group.payload
        if isinstance(payload, FieldPayload):
            self.pieces(parent, payload.opening)
            self.nodes(parent, group.children)
            self.pieces(parent, payload.closing)
            return
        assert isinstance(payload, etree._Element)
        wrapper = etree.SubElement(parent, payload.tag, attributes_of(payload))
        holder = wrapper
        for child in payload:  # properties (sdtPr, customXmlPr ...) first, then the content
            if child.tag == w("sdtContent"):
                holder = etree.SubElement(wrapper, child.tag, attributes_of(child))
            elif isinstance(child.tag, str) and child.tag.endswith("Pr"):
                wrapper.append(copy.deepcopy(child))
        self.nodes(holder, group.children)

    def text(self, parent: etree._Element, text: str, fmt: Fmt) -> None:
        """Text as one run: tabs and line breaks typed in it become w:tab and w:br."""
        if not text:
            return
        run = etree.SubElement(parent, R)
        properties = fmt.payload
        if isinstance(properties, etree._Element):
            run.append(copy.deepcopy(properties))
        for piece in _TAB_OR_BREAK.split(text):
            if piece == "\t":
                etree.SubElement(run, w("tab"))
            elif piece == "\n":
                etree.SubElement(run, w("br"))
            else:
                self._t(run, piece)

    @staticmethod
    def _t(run: etree._Element, text: str) -> None:
        if text:
            element = etree.SubElement(run, T)
            element.text = text
            if text != text.strip() or "  " in text:
                element.set(XML_SPACE, "preserve")
