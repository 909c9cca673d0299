"""Office packages (OOXML and OpenDocument zips): opened safely, read part by part, rebuilt.

Opening goes through the shared zip preflight (`formats.zip_safety`): encrypted Office files
(OLE compound files), non-zips, zip bombs, unsafe member names and damaged members are
refused on one line before anything is inflated. Parts are parsed by lxml without entities,
DTDs or network access.

Writing keeps every entry in its original order, with its name, date, attributes and
compression method; only the parts given are replaced. Macros (vbaProject.bin, Basic
libraries) are entries like any other: copied as they were, never run.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from workbench.domain.limits import Limits
from workbench.formats.base import FormatError
from workbench.formats.xml_safety import refuse_entity_declarations, syntax_error, tree_parser
from workbench.formats.zip_safety import (
    check_zip_package,
    open_zip_package,
    part_error,
    read_member,
)

_ZIP64_EXTRA = 0x0001


@dataclass(slots=True)
class Package:
    """An opened package: its entries read and parsed on demand, errors naming the part."""

    path: Path
    archive: zipfile.ZipFile
    names: frozenset[str]

    @classmethod
    @contextmanager
    def of_file(cls, path: Path, limits: Limits, kind: str) -> Iterator[Package]:
        """The package at path, checked before anything is inflated."""
        with open_zip_package(path, limits, what=f"a {kind} file") as archive:
            yield cls(path, archive, frozenset(archive.namelist()))

    @classmethod
    @contextmanager
    def of_bytes(cls, path: Path, data: bytes, limits: Limits) -> Iterator[Package]:
        """A package kept in memory (a document's stored original), checked the same way."""
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, EOFError) as error:
            raise FormatError(path, f"the stored original is not a package ({error})") from None
        with archive:
            check_zip_package(archive, path, limits)
            yield cls(path, archive, frozenset(archive.namelist()))

    def has(self, name: str) -> bool:
        """Whether the package has an entry of that name."""
        return name in self.names

    def read(self, name: str) -> bytes:
        """The entry's bytes; FormatError naming the part when it is missing or damaged."""
        return read_member(self.archive, name, self.path)

    def xml(self, name: str) -> etree._Element:
        """The part parsed safely; FormatError with the part and line when it is not XML."""
        return parse_part(self.path, name, self.read(name))


def parse_part(path: Path, name: str, data: bytes) -> etree._Element:
    """An XML part's root element; entities refused, errors naming the part and line."""
    try:
        root = etree.fromstring(data, tree_parser())
    except etree.XMLSyntaxError as error:
        located = syntax_error(path, error)
        raise part_error(path, name, located.message, located.line) from None
    try:
        refuse_entity_declarations(path, root)
    except FormatError as error:
        raise part_error(path, name, error.message, error.line) from None
    return root


def serialise_part(root: etree._Element, original: bytes) -> bytes:
    """The changed tree as bytes, with the original's XML declaration and what follows the root.

    lxml would write its own declaration (single quotes, no standalone) and drop the line end
    Office puts after it; applications compare neither, but a diff should show only text.
    """
    match = _root_start(original)
    prolog = original[:match] if match is not None else b""
    encoding = root.getroottree().docinfo.encoding or "UTF-8"
    body = etree.tostring(root, encoding=encoding, xml_declaration=False, with_tail=False)
    assert isinstance(body, bytes)
    end = original.rstrip()
    trailer = original[len(end) :] if end.endswith(b">") else b""
    return prolog + body + trailer


def _root_start(data: bytes) -> int | None:
    """Offset of the root element's `<`: after the declaration, comments and PIs."""
    position = 0
    while (start := data.find(b"<", position)) >= 0:
        if data.startswith(b"<!--", start):
            position = data.find(b"-->", start) + 3
        elif data.startswith(b"<?", start):
            position = data.find(b"?>", start) + 2
        elif data.startswith(b"<!", start):
            position = data.find(b">", start) + 1
        else:
            return start
        if position < 3:
            return None
    return None


def rewrite(original: bytes, replaced: dict[str, bytes]) -> bytes:
    """The package with the given parts replaced; every other entry copied as it was."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(output, "w", allowZip64=True) as target,
    ):
        target.comment = source.comment
        for info in source.infolist():
            data = replaced.get(info.filename)
            if data is None:
                data = source.read(info)
            target.writestr(_copy_info(info), data, compress_type=info.compress_type)
    return output.getvalue()


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A new entry header like info's: name, date, attributes, method, extra fields."""
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.comment = info.comment
    copy.create_system = info.create_system
    copy.external_attr = info.external_attr
    copy.internal_attr = info.internal_attr
    copy.extra = _without_zip64(info.extra)
    return copy


def _without_zip64(extra: bytes) -> bytes:
    """Extra fields without the ZIP64 one, which the writer adds itself when it is needed."""
    kept = []
    position = 0
    while position + 4 <= len(extra):
        header, size = struct.unpack_from("<HH", extra, position)
        end = position + 4 + size
        if header != _ZIP64_EXTRA:
            kept.append(extra[position:end])
        position = end
    return b"".join(kept)
