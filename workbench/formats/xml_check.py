"""An export checked before it replaces anything: its XML well-formed, an XLIFF schema-valid.

Every export goes through formats.base.write_atomically, which asks this module about the
temporary file. XML files are recognised by their content (an XML declaration) or extension,
office and EPUB packages by their zip signature (each XML part is checked). An XLIFF 1.2 or 2.x
file is also validated against the OASIS schema shipped in `xliff/schemas/`; an error the
original file had already (exports patch the original) is not held against the export.
HTML is not XML and is not checked here; XHTML with an XML declaration is.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Protocol, cast

from lxml import etree

XML_SUFFIXES = frozenset(
    {".xml", ".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".tmx", ".tbx", ".resx", ".xhtml"}
)
"""Extensions whose files are XML whatever their first bytes say."""
ZIP_XML_PARTS = (".xml", ".rels", ".xhtml", ".opf", ".ncx", ".svg")
"""Parts of an office or EPUB package that are XML."""
_XLIFF = {
    "urn:oasis:names:tc:xliff:document:1.2": "xliff-core-1.2-transitional.xsd",
    "urn:oasis:names:tc:xliff:document:2.0": "xliff_core_2.0.xsd",
}
_UNITS = tuple(
    f"{{{namespace}}}{name}" for namespace in _XLIFF for name in ("trans-unit", "bin-unit", "unit")
)
"""The elements a streamed check drops once read (an XLIFF's bulk)."""
_XSD = "{http://www.w3.org/2001/XMLSchema}"
_LOCATION = re.compile(r"^\S+?:\d+:\d+:")


class _LogEntry(Protocol):
    """One message of lxml's error log (untyped in lxml-stubs)."""

    line: int
    message: str


def _entries(schema: etree.XMLSchema) -> list[_LogEntry]:
    return list(cast(Iterable[_LogEntry], schema.error_log))


Problem = tuple[str, int | None]
"""What is wrong with a written file, and the line (None when not one line's fault)."""


def _parser() -> etree.XMLParser:
    """As safe as the readers' parser, for files of any size (our own exports)."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=True)


def _looks_like_xml(head: bytes) -> bool:
    """True when the first bytes are an XML declaration (UTF-8, UTF-16 or with a BOM)."""
    for encoding, bom in (
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, "ignore").lstrip().startswith("<?xml")
    for encoding, start in (("utf-16-le", b"<\x00"), ("utf-16-be", b"\x00<")):
        if head.startswith(start):
            return head.decode(encoding, "ignore").startswith("<?xml")
    return head.lstrip().startswith(b"<?xml")


def problem_in(written: Path, suffix: str, original: bytes | None = None) -> Problem | None:
    """Why the file just written must not replace anything, or None when it may.

    suffix is the extension of the file it will become; original, the file a document was
    imported from (its schema errors are not the export's).
    """
    with written.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(b"PK\x03\x04"):
        return _package_problem(written, original)
    if suffix.lower() in XML_SUFFIXES or _looks_like_xml(head):
        return _full_problem(written, original) if _quick_problem(written) else None
    return None


class _NoTree:
    """A parser target that keeps nothing: well-formedness without building the tree."""

    def close(self) -> None:
        return None


def _quick_problem(written: Path) -> bool:
    """False when the file is well-formed and, if an XLIFF, valid; True when it needs a look.

    Streams the file, so that a large export costs little memory: the schema is checked as
    the parser goes, each unit dropped once read. Only a file that fails is read whole.
    """
    try:
        schema = _schema_for_namespace(_root_namespace(written))
        with written.open("rb") as handle:
            if schema is None:
                keep_nothing = cast("etree.ParserTarget", _NoTree())  # lxml calls only what it has
                parser = etree.XMLParser(
                    target=keep_nothing, huge_tree=True, resolve_entities=False, no_network=True
                )
                etree.parse(handle, parser)
                return False
            for _, unit in etree.iterparse(
                handle,
                events=("end",),
                tag=_UNITS,
                schema=schema,
                huge_tree=True,
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
            ):
                unit.clear(keep_tail=True)
                parent = unit.getparent()
                while parent is not None and unit.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError:
        return True
    return False


def _root_namespace(written: Path) -> str:
    """The namespace of the root element (the first start event: nothing more is read)."""
    with written.open("rb") as handle:
        for _, root in etree.iterparse(
            handle, events=("start",), huge_tree=True, resolve_entities=False, no_network=True
        ):
            return etree.QName(root).namespace or ""
    return ""


def _full_problem(written: Path, original: bytes | None) -> Problem | None:
    with written.open("rb") as handle:
        return _xml_problem(handle, original)


def _package_problem(written: Path, original: bytes | None) -> Problem | None:
    """The first XML part of a zip package that is not well-formed.

    Empty parts (LibreOffice writes some) and parts as the original had them are not ours.
    """
    kept = _part_checksums(original)
    with zipfile.ZipFile(written) as package:
        for info in package.infolist():
            if info.is_dir() or not info.filename.lower().endswith(ZIP_XML_PARTS):
                continue
            if info.file_size == 0 or kept.get(info.filename) == (info.CRC, info.file_size):
                continue
            with package.open(info) as part:
                try:
                    etree.parse(part, _parser())
                except etree.XMLSyntaxError as error:
                    return (
                        f"the export's part {info.filename} is not well-formed XML: {error.msg}",
                        None,
                    )
    return None


def _part_checksums(original: bytes | None) -> dict[str, tuple[int, int]]:
    """name -> (CRC, size) of each part of the original package, when it is one."""
    if not original or not original.startswith(b"PK\x03\x04"):
        return {}
    try:
        with zipfile.ZipFile(io.BytesIO(original)) as package:
            return {info.filename: (info.CRC, info.file_size) for info in package.infolist()}
    except zipfile.BadZipFile:
        return {}


def _xml_problem(handle: IO[bytes], original: bytes | None) -> Problem | None:
    """Not well-formed, or an XLIFF the schema refuses for a reason the original did not have."""
    try:
        tree = etree.parse(handle, _parser())
    except etree.XMLSyntaxError as error:
        return (f"the export is not well-formed XML: {error.msg}", error.position[0] or None)
    schema = _schema_for(tree.getroot())
    if schema is None or schema.validate(tree):
        return None
    errors = _entries(schema)
    known = _known_errors(schema, original)
    new = [error for error in errors if _without_place(error.message) not in known]
    if not new:
        return None
    first = new[0]
    return (f"the export is not valid XLIFF: {first.message}", first.line or None)


def _known_errors(schema: etree.XMLSchema, original: bytes | None) -> set[str]:
    """The schema errors the original file had, without their places."""
    if not original:
        return set()
    try:
        tree = etree.fromstring(original, _parser()).getroottree()
    except etree.XMLSyntaxError:
        return set()
    if _schema_for(tree.getroot()) is not schema or schema.validate(tree):
        return set()
    return {_without_place(error.message) for error in _entries(schema)}


def _without_place(message: str) -> str:
    return _LOCATION.sub("", message).strip()


def _schema_for(root: etree._Element) -> etree.XMLSchema | None:
    """The schema of an XLIFF root, None for any other XML."""
    return _schema_for_namespace(etree.QName(root).namespace or "")


def _schema_for_namespace(namespace: str) -> etree.XMLSchema | None:
    name = _XLIFF.get(namespace)
    return _schema(name) if name else None


@cache
def _schema(name: str) -> etree.XMLSchema:
    """A shipped XLIFF schema, its import of xml.xsd pointed at the shipped copy."""
    folder = resources.files("workbench.formats.xliff").joinpath("schemas")
    document = etree.fromstring(folder.joinpath(name).read_bytes(), _parser())
    local = Path(str(folder.joinpath("xml.xsd"))).as_uri()
    for imported in document.iter(f"{_XSD}import"):
        if imported.get("namespace") == "http://www.w3.org/XML/1998/namespace":
            imported.set("schemaLocation", local)
    return etree.XMLSchema(document)
