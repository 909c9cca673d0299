"""Byte-exact export: only the elements export changed are written anew, into the original.

The patcher changes an lxml tree of the original; re-serialising that whole tree would also
rewrite what nobody touched (`<x id="1" />` becomes `<x id="1"/>`, quotes and character
references change), and Trados and memoQ files carry much that must stay exactly as it is.
So the patcher tells a Splice what it touched, and the Splice writes the original bytes
with only those parts replaced: an element whose content changed (a <target>) as lxml
serialises it, an element whose attributes changed (a state, a status, a confirmation
level) by editing just those attributes in its start tag, and a new element after its anchor.
Where elements are in the bytes comes from one pass of expat over the original, whose byte
offsets count elements in the same document order as lxml.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass, field

from lxml import etree

from workbench.formats.xliff.codes import XML_NAMESPACE, split_tag
from workbench.formats.xml_safety import escape_attribute

_WIDE = ("utf-16", "utf-32", "ucs")


class SpliceError(Exception):
    """The original cannot be spliced (an encoding expat reads otherwise, a parse problem)."""


@dataclass(slots=True)
class _Place:
    """Where an element is in the original bytes."""

    start: int
    start_tag_end: int
    end: int = -1


@dataclass(slots=True)
class Splice:
    """What the patcher changed in the tree, to write into the original bytes."""

    root: etree._Element
    original: bytes
    encoding: str
    order: dict[etree._Element, int] = field(default_factory=dict)
    _rewritten: list[etree._Element] = field(default_factory=list)
    _attributes: dict[etree._Element, dict[str, str]] = field(default_factory=dict)
    _inserted: list[tuple[etree._Element, etree._Element]] = field(default_factory=list)
    _texts: list[tuple[etree._Element, str, str]] = field(default_factory=list)
    _whole: bool = False

    @classmethod
    def of(cls, root: etree._Element, original: bytes) -> Splice:
        """A splice for a tree just parsed from original (numbering its elements now)."""
        encoding = root.getroottree().docinfo.encoding or "UTF-8"
        order = {element: i for i, element in enumerate(_elements(root))}
        return cls(root, original, encoding, order)

    def attributes_changing(self, element: etree._Element) -> None:
        """Call before changing an element's attributes: its original ones are noted once."""
        if element in self.order and element not in self._attributes:
            self._attributes[element] = {str(k): str(v) for k, v in element.attrib.items()}

    def content_changed(self, element: etree._Element) -> None:
        """The element (a target) is written anew as a whole."""
        if element in self.order:
            self._rewritten.append(element)

    def inserted(self, element: etree._Element, anchor: etree._Element) -> None:
        """A new element, written right after anchor's end."""
        self._inserted.append((element, anchor))

    def insert_text(self, element: etree._Element, where: str, text: str) -> None:
        """XML text written just inside element: after its start tag ("start") or before its
        end tag ("end"). The tree is not changed: for markup lxml would write otherwise."""
        if element not in self.order:
            self._whole = True
        self._texts.append((element, where, text))

    def unplaceable(self) -> None:
        """A change with no place in the original bytes: the whole tree must be written."""
        self._whole = True

    def written(self) -> bytes:
        """The original with the changes written in; SpliceError when that cannot be done."""
        if self._whole:
            raise SpliceError("a change without a place in the original")
        if self.encoding.lower().startswith(_WIDE) or self.original.startswith(
            (b"\xff\xfe", b"\xfe\xff")
        ):
            raise SpliceError("a UTF-16 or UTF-32 file")
        wanted = {self.order[e] for e in self._rewritten}
        wanted |= {self.order[e] for e in self._attributes}
        wanted |= {self.order[a] for _e, a in self._inserted if a in self.order}
        wanted |= {self.order[e] for e, _w, _t in self._texts}
        places = _places(self.original, wanted)
        edits: list[tuple[int, int, bytes]] = []
        rewritten = set(self._rewritten)
        for element in self._rewritten:
            place = places[self.order[element]]
            text = _without_inherited_namespaces(element, _serialised(element))
            edits.append((place.start, place.end, self._encode(text)))
        for element, before in self._attributes.items():
            if element in rewritten or any(a in rewritten for a in element.iterancestors()):
                continue
            place = places[self.order[element]]
            tag = self.original[place.start : place.start_tag_end].decode(self.encoding)
            changed = _edit_attributes(tag, element, before)
            if changed != tag:
                edits.append((place.start, place.start_tag_end, self._encode(changed)))
        for element, anchor in self._inserted:
            place = places[self.order[anchor]]
            gap = _gap_before(self.original, place.start)
            text = _without_inherited_namespaces(element, _serialised(element))
            edits.append((place.end, place.end, gap + self._encode(text)))
        for element, where, text in self._texts:
            place = places[self.order[element]]
            if place.end == place.start_tag_end:
                raise SpliceError("text to write inside an empty element")
            end_tag = self.original.rfind(b"</", place.start, place.end)
            at = place.start_tag_end if where == "start" else end_tag
            edits.append((at, at, self._encode(text)))
        return _apply(self.original, edits)

    def _encode(self, text: str) -> bytes:
        return text.encode(self.encoding, "xmlcharrefreplace")


def _elements(root: etree._Element) -> list[etree._Element]:
    """The document's elements in document order (comments and PIs are no elements)."""
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _places(data: bytes, wanted: set[int]) -> dict[int, _Place]:
    """Byte ranges of the elements with the wanted document-order numbers."""
    parser = xml.parsers.expat.ParserCreate()
    places: dict[int, _Place] = {}
    stack: list[int] = []
    count = 0

    def start(_name: str, _attributes: object) -> None:
        nonlocal count
        if count in wanted:
            at = parser.CurrentByteIndex
            places[count] = _Place(at, _start_tag_end(data, at))
        stack.append(count)
        count += 1

    def end(_name: str) -> None:
        number = stack.pop()
        place = places.get(number)
        if place is None:
            return
        if data[place.start_tag_end - 2 : place.start_tag_end] == b"/>":
            place.end = place.start_tag_end
        else:
            place.end = data.index(b">", parser.CurrentByteIndex) + 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise SpliceError(str(error)) from None
    if len(places) != len(wanted):
        raise SpliceError("elements not found where lxml has them")
    return places


def _start_tag_end(data: bytes, start: int) -> int:
    """Just past the '>' that ends the start tag at start (quoted '>' skipped)."""
    quote = 0
    for position in range(start, len(data)):
        byte = data[position]
        if quote:
            if byte == quote:
                quote = 0
        elif byte in (0x22, 0x27):
            quote = byte
        elif byte == 0x3E:
            return position + 1
    raise SpliceError("a start tag without its end")


def _serialised(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", with_tail=False)


_DECLARATION = re.compile(r'\s+xmlns(?::([\w.-]+))?="([^"]*)"')


def _without_inherited_namespaces(element: etree._Element, text: str) -> str:
    """The serialised element without the declarations it inherits where it stands."""
    parent = element.getparent()
    inherited = {} if parent is None else parent.nsmap
    end = text.index(">")
    head = _DECLARATION.sub(
        lambda m: "" if inherited.get(m.group(1)) == m.group(2) else m.group(0), text[:end]
    )
    return head + text[end:]


def _qualified(element: etree._Element, key: str) -> str:
    """An attribute's name as the file writes it (with the prefix its namespace has)."""
    namespace, local = split_tag(key)
    if not namespace:
        return local
    if namespace == XML_NAMESPACE:
        return f"xml:{local}"
    prefix = next((p for p, uri in element.nsmap.items() if uri == namespace and p), None)
    if prefix is None:
        raise SpliceError(f"no prefix for the namespace {namespace}")
    return f"{prefix}:{local}"


def _edit_attributes(tag: str, element: etree._Element, before: dict[str, str]) -> str:
    """The start tag with the attributes that changed since before set, added or removed."""
    after = {str(k): str(v) for k, v in element.attrib.items()}
    for key in sorted(set(before) | set(after)):
        if before.get(key) == after.get(key):
            continue
        name = _qualified(element, key)
        found = re.search(rf"\s+{re.escape(name)}\s*=\s*(\"[^\"]*\"|'[^']*')", tag)
        if key not in after:
            if found:
                tag = tag[: found.start()] + tag[found.end() :]
            continue
        value = escape_attribute(after[key])
        if found:
            quote = found.group(1)[0]
            if quote == "'":
                value = value.replace("'", "&apos;")
            start, end = found.span(1)
            tag = f"{tag[:start]}{quote}{value}{quote}{tag[end:]}"
        else:
            close = len(tag) - (2 if tag.endswith("/>") else 1)
            while close > 0 and tag[close - 1].isspace():
                close -= 1
            tag = f'{tag[:close]} {name}="{value}"{tag[close:]}'
    return tag


def _gap_before(data: bytes, start: int) -> bytes:
    """The whitespace right before start (a new sibling is laid out like its anchor)."""
    position = start
    while position > 0 and data[position - 1 : position] in (b" ", b"\t", b"\n", b"\r"):
        position -= 1
    return data[position:start] if data[position - 1 : position] == b">" else b""


def _apply(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """data with each (start, end, replacement) made; an edit inside an earlier one is dropped."""
    pieces: list[bytes] = []
    position = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], -e[1])):
        if start < position:
            continue
        pieces += [data[position:start], replacement]
        position = end
    pieces.append(data[position:])
    return b"".join(pieces)
