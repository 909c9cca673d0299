"""Safe XML reading shared by the XML formats: no entities, no DTD loading, no network."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, Protocol, cast

from lxml import etree

from workbench.domain.limits import XML_DEPTH
from workbench.formats.base import FormatError, ProgressCallback, open_counted

ERROR_LEVEL = 2  # lxml.etree.ErrorLevels.ERROR: warnings are never the cause of a failure
# Small, so that little of the document body is parsed before the DTD has been vetted.
PROLOG_CHUNK = 4096
ENTITIES_REFUSED = "the DTD declares entities; refused for safety"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters that XML 1.0 cannot carry, not even as character references."""


class DtdEntities(Protocol):
    """The part of lxml's DTD that lxml-stubs leaves out."""

    def iterentities(self) -> Iterator[Any]: ...


class LogEntry(Protocol):
    """One message of lxml's error log (untyped in lxml-stubs)."""

    line: int
    column: int
    level: int
    message: str


def pull_parser(
    events: tuple[Literal["start", "end"], ...], tag: tuple[str, ...] | None = None
) -> etree.XMLPullParser:
    """A parser that never resolves entities, loads a DTD or touches the network."""
    # Comments and PIs are dropped, so any node without a string tag is an entity reference.
    return etree.XMLPullParser(
        events=events,
        tag=tag,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def tree_parser() -> etree.XMLParser:
    """A whole-document parser that keeps comments, PIs, CDATA and whitespace, and is as safe."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        strip_cdata=False,
    )


def check_prolog(
    path: Path, stream: IO[bytes], root_names: frozenset[str], expected: str
) -> etree._Element:
    """Refuse a file whose DTD declares entities or whose root is not expected, before its body.

    Returns the root element as parsed so far: its name and attributes, not its content.
    """
    parser = pull_parser(("start",))
    while True:
        chunk = stream.read(PROLOG_CHUNK)
        try:
            parser.feed(chunk)
            if not chunk:
                parser.close()
        except etree.XMLSyntaxError:
            # An entity bomb may trip libxml2's own limits first; say why the file is unsafe.
            _check_root(path, parser, root_names, expected)
            raise
        root = _check_root(path, parser, root_names, expected)
        if root is not None:
            return root
        if not chunk:
            raise FormatError(path, "the file holds no XML element")


def _check_root(
    path: Path, parser: etree.XMLPullParser, root_names: frozenset[str], expected: str
) -> etree._Element | None:
    """Vet the root element once the parser has reached it; None while it has not."""
    for _event, item in parser.read_events():
        root = cast(etree._Element, item)
        refuse_entity_declarations(path, root)
        name = local_name(root)
        if name not in root_names:
            raise FormatError(path, f"root element <{name}> is not {expected}", element_line(root))
        return root
    return None


def refuse_entity_declarations(path: Path, root: etree._Element) -> None:
    """FormatError when the document's internal DTD declares any entity."""
    dtd = cast("DtdEntities | None", root.getroottree().docinfo.internalDTD)
    if dtd is not None and any(True for _entity in dtd.iterentities()):
        raise FormatError(path, ENTITIES_REFUSED, element_line(root))


def has_doctype(root: etree._Element) -> bool:
    """Whether the document has a DOCTYPE (whose external DTD is never loaded)."""
    return bool(cast(Any, root.getroottree().docinfo).doctype)


def entity_error(path: Path, node: etree._Element) -> FormatError:
    """The error for an entity reference left in the tree (declared outside, never loaded)."""
    message = f"refers to entity {node.text}, which is not declared; refused for safety"
    return FormatError(path, message, element_line(node))


def release(element: etree._Element) -> None:
    """Free a finished element and the ones before it, so memory stays flat on huge files."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def element_line(element: etree._Element) -> int | None:
    """The element's line in the file (lxml-stubs leaves sourceline untyped)."""
    return cast("int | None", element.sourceline)


def local_name(element: etree._Element) -> str:
    """The tag without its namespace."""
    return str(element.tag).rpartition("}")[2]


def syntax_error(path: Path, error: etree.XMLSyntaxError) -> FormatError:
    """A FormatError with the line and column of lxml's error."""
    line, column = error.position
    if line:
        message = str(error.msg).rsplit(f", line {line}, column", 1)[0]
        if message.startswith("Excessive depth in document"):
            message = f"XML elements nest deeper than {XML_DEPTH} levels (limit xml_depth)"
        return FormatError(path, message, line, column)
    # lxml reports some fatal errors (an undeclared entity) only in its thread's log, which
    # also holds older messages: the cause is the latest error there.
    entries = [e for e in cast(Iterable[LogEntry], error.error_log) if e.level >= ERROR_LEVEL]
    if entries:
        last = entries[-1]
        return FormatError(path, last.message, last.line or None, last.column or None)
    return FormatError(path, str(error.msg))


def escape_text(text: str) -> str:
    """Text as XML character data (faster than saxutils for the usual text with nothing to do)."""
    if NOT_XML.search(text):
        text = NOT_XML.sub("", text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def escape_attribute(value: str) -> str:
    """An attribute value to put between double quotes."""
    return escape_text(value).replace('"', "&quot;")


READ_CHUNK = 1 << 16


def parsed_elements(
    path: Path, on_progress: ProgressCallback | None, parser: etree.XMLPullParser
) -> Iterator[etree._Element]:
    """Feed the file to parser in chunks and yield each element as its event arrives.

    The caller frees each element after use (see release), so memory stays flat.
    """
    with open_counted(path, on_progress) as file:
        while chunk := file.read(READ_CHUNK):
            parser.feed(chunk)
            yield from (cast(etree._Element, item) for _event, item in parser.read_events())
        parser.close()
        yield from (cast(etree._Element, item) for _event, item in parser.read_events())
