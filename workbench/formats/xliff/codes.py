"""XLIFF inline codes: read mixed content into text with code characters, and write it back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from lxml import etree

from workbench.domain.document import CODE_BASE, MAX_CODES, CodeKind, InlineCode
from workbench.formats.base import FormatError
from workbench.formats.xml_safety import (
    NOT_XML,
    element_line,
    entity_error,
    escape_attribute,
    escape_text,
    tree_parser,
)

XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"

# Elements that enclose text: one code for the start tag, one for the end tag.
PAIRED = {1: frozenset({"g", "mrk"}), 2: frozenset({"pc", "mrk"})}
# Empty or native-code elements, each one code, with the kind it has. <it> (and an isolated
# <sc/> or <ec/>) stands for a tag whose partner is outside the segment: it pairs with
# nothing here, so it is standalone.
_OPEN: CodeKind = "open"
_CLOSE: CodeKind = "close"
_ALONE: CodeKind = "standalone"
_SINGLE: dict[int, dict[str, CodeKind]] = {
    1: {"x": _ALONE, "bx": _OPEN, "ex": _CLOSE, "bpt": _OPEN, "ept": _CLOSE, "ph": _ALONE}
    | {"it": _ALONE},
    2: {"ph": _ALONE, "sc": _OPEN, "ec": _CLOSE, "sm": _OPEN, "em": _CLOSE, "cp": _ALONE},
}
# Elements whose text is native code (the code the XLIFF stands for), shown as their label.
_NATIVE = frozenset({"bpt", "ept", "ph", "it"})
_KNOWN = {version: PAIRED[version] | set(_SINGLE[version]) for version in (1, 2)}
# Attributes that pair an element with its partner, in order of preference.
_PAIRING: dict[str, tuple[str, ...]] = {
    "bx": ("rid", "id"),
    "ex": ("rid", "id"),
    "bpt": ("rid", "i", "id"),
    "ept": ("rid", "i", "id"),
    "it": ("rid", "id"),
    "mrk": ("mid", "id"),
    "ec": ("startRef", "id"),
    "em": ("startRef", "id"),
}
# What an unbalanced <pc> start or end tag keeps when it becomes an <sc/> or <ec/>.
_PC_TO_SC = {"dataRefStart": "dataRef", "dispStart": "disp", "equivStart": "equiv"}
_PC_TO_SC |= {"subFlowsStart": "subFlows"}
_PC_TO_EC = {
    "dataRefEnd": "dataRef",
    "dispEnd": "disp",
    "equivEnd": "equiv",
    "subFlowsEnd": "subFlows",
}
_PC_SHARED = (
    "canCopy",
    "canDelete",
    "canOverlap",
    "canReorder",
    "copyOf",
    "dir",
    "subType",
    "type",
)
_G_TO_BX = ("ctype", "xid", "equiv-text", "clone")

_KNOWN_CODES = 4096
_CODE_CHARS = re.compile(f"([{chr(CODE_BASE)}-{chr(CODE_BASE + MAX_CODES - 1)}])")

Side = Literal["source", "target", "lookup"]
"""Which content is read; "lookup" (alternative translations) knows only the table's codes."""


class CodeTable:
    """The codes of one segment, shared by its source and target."""

    __slots__ = ("_partner", "_path", "_unmatched", "codes")

    def __init__(self, path: Path) -> None:
        self.codes: list[InlineCode] = []
        self._path = path
        self._unmatched: dict[str, list[int]] = {}  # source codes the target has not used yet
        self._partner: dict[int, int] = {}  # start tag -> end tag of a paired element

    def code(self, code: InlineCode, side: Side, element: etree._Element | None) -> int | None:
        """The index of code: new on the source side, the source's twin on the target side."""
        if side == "source":
            index = self._append(code, element)
            waiting = self._unmatched.get(code.markup)
            if waiting is None:
                self._unmatched[code.markup] = [index]
            else:
                waiting.append(index)
            return index
        if side == "lookup":
            return next((i for i, c in enumerate(self.codes) if c.markup == code.markup), None)
        waiting = self._unmatched.get(code.markup)
        return waiting.pop(0) if waiting else self._append(code, element)

    def end_of(
        self, start: int | None, code: InlineCode, side: Side, element: etree._Element | None
    ) -> int | None:
        """The index of a paired element's end tag, given the index of its start tag."""
        if start is not None and side != "source":
            partner = self._partner.get(start)
            if partner is not None and self.codes[partner].markup == code.markup:
                return partner
        if start is None or side == "lookup":
            return None
        index = self._append(code, element)
        self._partner[start] = index
        return index

    def _append(self, code: InlineCode, element: etree._Element | None) -> int:
        index = len(self.codes)
        if index >= MAX_CODES:
            line = None if element is None else element_line(element)
            raise FormatError(self._path, f"more than {MAX_CODES} inline codes in a segment", line)
        self.codes.append(code)
        return index


class ContentReader:
    """Reads the mixed content of <source>, <target>, <mrk> ... into text and codes."""

    def __init__(self, path: Path, version: int, namespace: str) -> None:
        self.path = path
        self.version = version
        self.namespace = namespace  # "" for the 1.2 files that have none
        self._paired = frozenset(qualify(namespace, name) for name in PAIRED[version])
        self._single = {qualify(namespace, name): kind for name, kind in _SINGLE[version].items()}
        # Elements with the same tag, attributes (and text) have the same codes: most files
        # repeat a few codes many times, and building markup is the costly part of reading.
        self._known: dict[tuple[object, ...], tuple[InlineCode, InlineCode | None]] = {}

    def read(
        self,
        element: etree._Element,
        table: CodeTable,
        side: Side,
        data: dict[str, str] | None = None,
    ) -> str:
        """The element's content: text as it is, each inline code as its code character."""
        parts: list[str] = []
        self._content(element, table, side, data or {}, parts)
        return "".join(parts)

    def _content(
        self,
        element: etree._Element,
        table: CodeTable,
        side: Side,
        data: dict[str, str],
        parts: list[str],
    ) -> None:
        text = element.text
        if text:
            parts.append(text)
        for child in element:
            tag = child.tag
            if isinstance(tag, str):
                self._inline(child, tag, table, side, data, parts)
            elif isinstance(child, etree._Entity):
                raise entity_error(self.path, child)
            tail = child.tail
            if tail:
                parts.append(tail)

    def _inline(
        self,
        child: etree._Element,
        tag: str,
        table: CodeTable,
        side: Side,
        data: dict[str, str],
        parts: list[str],
    ) -> None:
        """One inline element: a pair of codes around its content, or a single code."""
        paired = tag in self._paired
        key: tuple[object, ...] | None
        if paired:
            key = (tag, child.prefix, *child.attrib.items())
        else:
            key = None if len(child) else (tag, child.prefix, child.text, *child.attrib.items())
        if key is not None and data and any(str(k).startswith("dataRef") for k in child.attrib):
            key = None  # the label comes from this unit's original data
        codes = self._known.get(key) if key is not None else None
        if codes is None:
            codes = self._codes(child, paired, data)
            if key is not None:
                if len(self._known) >= _KNOWN_CODES:
                    self._known.clear()
                self._known[key] = codes
        opening, closing = codes
        index = table.code(opening, side, child)
        if index is not None:
            parts.append(chr(CODE_BASE + index))
        if closing is None:
            return
        self._content(child, table, side, data, parts)
        end_index = table.end_of(index, closing, side, child)
        if end_index is not None:
            parts.append(chr(CODE_BASE + end_index))

    def _codes(
        self, child: etree._Element, paired: bool, data: dict[str, str]
    ) -> tuple[InlineCode, InlineCode | None]:
        """The code of an element, or the codes of a paired element's start and end tags."""
        name = split_tag(str(child.tag))[1]
        if paired:
            start, qname, _inner = start_tag(child, self.namespace)
            opening = InlineCode("open", name, _pair_id(child, name), start + ">")
            closing = InlineCode("close", name, opening.id, f"</{qname}>")
            return (
                _with_display(opening, child, data, "Start"),
                _with_display(closing, child, data, "End"),
            )
        entity = next(child.iter(etree.Entity), None) if len(child) else None
        if entity is not None:
            raise entity_error(self.path, entity)
        kind = self._single.get(str(child.tag), "standalone")
        if child.get("isolated") == "yes":
            kind = "standalone"  # an isolated <sc/> or <ec/> has no partner in the unit
        code = InlineCode(kind, name, _pair_id(child, name), whole_element(child, self.namespace))
        return _with_display(code, child, data, ""), None


def qualify(namespace: str, name: str) -> str:
    """The lxml tag of name in namespace ("" for no namespace)."""
    return f"{{{namespace}}}{name}" if namespace else name


def split_tag(tag: str) -> tuple[str, str]:
    """(namespace, local name) of an lxml tag."""
    if tag[:1] == "{":
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _pair_id(element: etree._Element, name: str) -> str:
    """The id that pairs a start with its end, or identifies a single code."""
    for attribute in _PAIRING.get(name, ("id",)):
        value = element.get(attribute)
        if value:
            return value
    return ""


def _with_display(
    code: InlineCode, element: etree._Element, data: dict[str, str], edge: str
) -> InlineCode:
    """Give the code its label: disp or equiv, the original data, the native code, else its tag."""
    get = element.get
    label = (
        get(f"disp{edge}")
        or get(f"equiv{edge}")
        or get("equiv-text")
        or data.get(get(f"dataRef{edge}") or "")
        or ""
    )
    if not label and code.element == "cp":
        label = f"U+{(get('hex') or '').upper()}"
    if not label and code.element in _NATIVE:
        label = "".join(cast(Iterator[str], element.itertext()))
    if not label:
        label = f"{'/' if code.kind == 'close' and edge else ''}{code.element} {code.id}".strip()
    return InlineCode(code.kind, code.element, code.id, code.markup, label)


# Markup: the exact XML of a code, with the XLIFF namespace as the default one.


def start_tag(element: etree._Element, default: str) -> tuple[str, str, str]:
    """The start tag without its closing '>', the qualified name, and the inner default namespace.

    Names in the document's XLIFF namespace are written without prefix, so that a fragment
    parses inside a wrapper that declares that namespace as the default one.
    """
    namespace, local = split_tag(str(element.tag))
    declarations: dict[str, str] = {}
    inner = default
    if namespace == default:
        qname = local
    elif element.prefix:
        qname = f"{element.prefix}:{local}"
        declarations[element.prefix] = namespace
    else:
        qname, inner = local, namespace
        declarations[""] = namespace
    attributes = []
    for key, value in element.attrib.items():
        name = _attribute_name(element, str(key), declarations)
        attributes.append(f' {name}="{_attribute_value(str(value))}"')
    namespaces = "".join(
        f' xmlns{":" + prefix if prefix else ""}="{escape_attribute(uri)}"'
        for prefix, uri in declarations.items()
    )
    return f"<{qname}{''.join(attributes)}{namespaces}", qname, inner


def _attribute_name(element: etree._Element, key: str, declarations: dict[str, str]) -> str:
    """The qualified attribute name, declaring its prefix when it needs one."""
    namespace, local = split_tag(key)
    if not namespace:
        return local
    if namespace == XML_NAMESPACE:
        return f"xml:{local}"
    prefix = next((p for p, uri in element.nsmap.items() if uri == namespace and p), "ns0")
    declarations[prefix] = namespace
    return f"{prefix}:{local}"


def _attribute_value(value: str) -> str:
    """An attribute value whose tabs and line breaks survive parsing."""
    escaped = escape_attribute(value)
    if "\n" in escaped or "\t" in escaped or "\r" in escaped:
        escaped = escaped.replace("\n", "&#10;").replace("\t", "&#9;").replace("\r", "&#13;")
    return escaped


def _text(text: str) -> str:
    """Character data whose carriage returns survive parsing."""
    escaped = escape_text(text)
    return escaped.replace("\r", "&#13;") if "\r" in escaped else escaped


def whole_element(element: etree._Element, default: str) -> str:
    """The element with its content, comments and PIs left out."""
    start, qname, inner = start_tag(element, default)
    parts = [_text(element.text) if element.text else ""]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(whole_element(child, inner))
        if child.tail:
            parts.append(_text(child.tail))
    content = "".join(parts)
    return f"{start}>{content}</{qname}>" if content else f"{start}/>"


# Writing target content back


Native = Literal["none", "foreign", "all"]


@dataclass(frozen=True, slots=True)
class Flavor:
    """What content is written into: the XLIFF version, and which codes keep their markup."""

    version: int
    namespace: str
    native: Native = "none"
    """Which codes are written as native data rather than as their markup: none (they are
    the file's own), foreign (those that are no inline element of this version), or all
    (they come from another format)."""

    def wraps(self, code: InlineCode) -> bool:
        """Whether the code is written as native data."""
        if self.native == "foreign":
            return code.element not in _KNOWN[self.version] or not code.markup.startswith("<")
        return self.native == "all"


def render(text: str, codes: list[InlineCode], flavor: Flavor, data: dict[str, str]) -> str:
    """Text with code characters as an XML fragment of XLIFF inline content.

    Paired elements that no longer nest become their isolated forms (<bx/>/<ex/>, <sc/>/<ec/>,
    <sm/>/<em/>); an unbalanced 1.2 <mrk> is dropped, as 1.2 has no form for it. In native
    mode every code becomes bpt/ept/ph (1.2) or sc/ec/ph with its markup in <data> (2.x,
    collected in data by id).
    """
    tokens = _tokens(text, len(codes))
    wrapped = [flavor.wraps(code) for code in codes]
    # Codes that need more than their markup written as it is.
    special = [
        isinstance(t, int) and (wrapped[t] or _is_tag_pair(codes[t], flavor.version))
        for t in tokens
    ]
    nested = _nested_pairs(tokens, codes, special)
    loose = _loose_pairs(tokens, codes, special, nested)
    table_pairs = _table_pairs(codes)
    writer = _CodeWriter(codes, flavor, data, table_pairs)
    out: list[str] = []
    for position, token in enumerate(tokens):
        if isinstance(token, str):
            out.append(character_data(token, flavor.version))
        elif not special[position]:
            out.append(codes[token].markup)
        elif wrapped[token]:
            partner = nested.get(position, loose.get(position))
            out.append(
                writer.native(token, None if partner is None else cast(int, tokens[partner]))
            )
        elif position in nested:
            out.append(codes[token].markup)
        else:
            out.append(writer.isolated(token, position in loose))
    return "".join(out)


def _tokens(text: str, count: int) -> list[str | int]:
    """Runs of text, and code indexes; characters of unknown codes stay text."""
    tokens: list[str | int] = []
    run = ""
    for piece in _CODE_CHARS.split(text):
        index = ord(piece) - CODE_BASE if len(piece) == 1 else -1
        if 0 <= index < count:
            if run:
                tokens.append(run)
                run = ""
            tokens.append(index)
        else:
            run += piece
    if run:
        tokens.append(run)
    return tokens


def _is_tag_pair(code: InlineCode, version: int) -> bool:
    """A start or end tag of a paired element (written alone, it would not be well-formed)."""
    return code.kind != "standalone" and code.element in PAIRED[version]


def _key(code: InlineCode) -> tuple[str, str]:
    return code.element, code.id


def _nested_pairs(
    tokens: list[str | int], codes: list[InlineCode], special: list[bool]
) -> dict[int, int]:
    """Positions of starts and ends that nest properly, each mapped to its partner's."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for position, token in enumerate(tokens):
        if not special[position] or isinstance(token, str):
            continue
        code = codes[token]
        if code.kind == "open":
            stack.append(position)
        elif code.kind == "close" and stack:
            top = stack[-1]
            if _key(codes[cast(int, tokens[top])]) == _key(code):
                stack.pop()
                pairs[top], pairs[position] = position, top
    return pairs


def _loose_pairs(
    tokens: list[str | int], codes: list[InlineCode], special: list[bool], nested: dict[int, int]
) -> dict[int, int]:
    """Starts and ends that do not nest but still come in order: an end after its start."""
    pairs: dict[int, int] = {}
    waiting: dict[tuple[str, str], list[int]] = {}
    for position, token in enumerate(tokens):
        if not special[position] or isinstance(token, str) or position in nested:
            continue
        code = codes[token]
        if code.kind == "open":
            waiting.setdefault(_key(code), []).append(position)
        elif code.kind == "close" and waiting.get(_key(code)):
            start = waiting[_key(code)].pop(0)
            pairs[start], pairs[position] = position, start
    return pairs


def _table_pairs(codes: list[InlineCode]) -> dict[int, int]:
    """Each start code's index mapped to its end code's, and back, as the table pairs them."""
    pairs: dict[int, int] = {}
    open_codes: dict[tuple[str, str], list[int]] = {}
    for index, code in enumerate(codes):
        if code.kind == "open":
            open_codes.setdefault(_key(code), []).append(index)
        elif code.kind == "close" and open_codes.get(_key(code)):
            start = open_codes[_key(code)].pop()
            pairs[start], pairs[index] = index, start
    return pairs


def character_data(text: str, version: int) -> str:
    """Text as character data; 2.x keeps characters XML cannot carry as <cp/>."""
    if version == 1 or not NOT_XML.search(text):
        return _text(text)
    pieces: list[str] = []
    last = 0
    for match in NOT_XML.finditer(text):
        pieces.append(_text(text[last : match.start()]))
        pieces.append(_code_point(match))
        last = match.end()
    pieces.append(_text(text[last:]))
    return "".join(pieces)


def _code_point(match: re.Match[str]) -> str:
    """A <cp/> for a character XML cannot carry; lone surrogates are no characters at all."""
    char = ord(match.group(0))
    return "" if 0xD800 <= char <= 0xDFFF else f'<cp hex="{char:04X}"/>'


class _CodeWriter:
    """Writes codes that cannot keep their markup as it is."""

    def __init__(
        self,
        codes: list[InlineCode],
        flavor: Flavor,
        data: dict[str, str],
        table_pairs: dict[int, int],
    ) -> None:
        self._codes = codes
        self._flavor = flavor
        self._data = data
        self._pairs = table_pairs

    def native(self, index: int, partner: int | None) -> str:
        """A code from another format, its markup kept as native data."""
        code = self._codes[index]
        if self._flavor.version == 1:
            return self._native_12(index, code)
        data_id = f"d{index + 1}"
        self._data[data_id] = code.markup
        disp = f' disp="{_attribute_value(code.display)}"' if code.display else ""
        ref = f' dataRef="{data_id}"{disp}'
        if code.kind == "open":
            isolated = ' isolated="yes"' if partner is None else ""
            return f'<sc id="{index + 1}"{isolated}{ref}/>'
        if code.kind == "close":
            if partner is None:
                return f'<ec id="{index + 1}" isolated="yes"{ref}/>'
            return f'<ec startRef="{partner + 1}"{ref}/>'
        return f'<ph id="{index + 1}"{ref}/>'

    def _native_12(self, index: int, code: InlineCode) -> str:
        element = {"open": "bpt", "close": "ept"}.get(code.kind, "ph")
        attributes = f' id="{index + 1}"'
        partner = self._pairs.get(index)
        if partner is not None:
            attributes += f' rid="{min(index, partner) + 1}"'
        if code.display:
            attributes += f' equiv-text="{_attribute_value(code.display)}"'
        return f"<{element}{attributes}>{_text(code.markup)}</{element}>"

    def isolated(self, index: int, ordered: bool) -> str:
        """A start or end tag that no longer nests, as the isolated form of its element."""
        code = self._codes[index]
        attributes = _start_attributes(self._pair_start(index, code), self._flavor.namespace)
        pair_id = attributes.get("id") or code.id or str(index + 1)
        if self._flavor.version == 1:
            if code.element == "mrk":
                return ""  # XLIFF 1.2 has no isolated form of an annotation
            kept = {k: attributes[k] for k in _G_TO_BX if k in attributes}
            element = "bx" if code.kind == "open" else "ex"
            return _empty(element, {"id": pair_id} | (kept if code.kind == "open" else {}))
        if code.element == "mrk":
            if code.kind == "open":
                return _empty("sm", {"id": pair_id} | _without(attributes, "id"))
            return _empty("em", {"startRef": pair_id})
        shared = {k: attributes[k] for k in _PC_SHARED if k in attributes}
        if code.kind == "open":
            renamed = {new: attributes[old] for old, new in _PC_TO_SC.items() if old in attributes}
            isolated = {} if ordered else {"isolated": "yes"}
            return _empty("sc", {"id": pair_id} | isolated | shared | renamed)
        renamed = {new: attributes[old] for old, new in _PC_TO_EC.items() if old in attributes}
        reference = {"startRef": pair_id} if ordered else {"id": pair_id, "isolated": "yes"}
        return _empty("ec", reference | shared | renamed)

    def _pair_start(self, index: int, code: InlineCode) -> str:
        """The start tag of the pair a code belongs to (its own markup for a start)."""
        if code.kind == "open":
            return code.markup
        partner = self._pairs.get(index)
        return self._codes[partner].markup if partner is not None else f"<{code.element}>"


def _without(attributes: dict[str, str], name: str) -> dict[str, str]:
    return {k: v for k, v in attributes.items() if k != name}


def _empty(element: str, attributes: dict[str, str]) -> str:
    written = "".join(f' {name}="{_attribute_value(v)}"' for name, v in attributes.items())
    return f"<{element}{written}/>"


def _start_attributes(start: str, namespace: str) -> dict[str, str]:
    """The unqualified attributes of a recorded start tag (parsed safely)."""
    wrapper = _wrapper(namespace)
    name = start[1:].split(None, 1)[0].rstrip(">/")
    try:
        element = etree.fromstring(f"{wrapper}{start}</{name}></w>".encode(), tree_parser())
    except etree.XMLSyntaxError:
        return {}
    return {str(k): str(v) for k, v in element[0].attrib.items() if not str(k).startswith("{")}


def _wrapper(namespace: str) -> str:
    return f'<w xmlns="{escape_attribute(namespace)}">' if namespace else "<w>"


def parse_fragment(fragment: str, namespace: str, parser: etree.XMLParser) -> etree._Element:
    """A wrapper element holding the parsed fragment, in the document's XLIFF namespace."""
    return etree.fromstring(f"{_wrapper(namespace)}{fragment}</w>".encode(), parser)
