"""Office packages (OOXML and OpenDocument zips): checked, read part by part, written back.

Reading refuses what is not a usable package before any part is parsed: an OLE compound
file (an encrypted or password-protected Office file, or the binary .doc/.xls/.ppt), a file
that is not a zip, an OpenDocument package whose parts are encrypted, and whatever the zip
preflight refuses (sizes, compression ratio, `..` paths). Parts are parsed by lxml without
entities, DTDs or network access.

Writing keeps every entry in its original order, with its name, date, attributes and
compression method; only the parts given are replaced. Macros (vbaProject.bin, Basic
libraries) are entries like any other: copied as they were, never run.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from workbench.formats.base import FormatError
from workbench.formats.xml_safety import refuse_entity_declarations, syntax_error, tree_parser

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_ZIP64_EXTRA = 0x0001
# Until the shared zip preflight lands: the few checks no package may skip.
_MAX_MEMBERS = 10_000
_MAX_MEMBER_SIZE = 256 << 20
_MAX_TOTAL_SIZE = 1 << 30
_MAX_RATIO = 200


def refuse_non_zip(path: Path, data: bytes, kind: str) -> None:
    """FormatError for an OLE compound file (encrypted Office file) or anything else not a zip."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise FormatError(
                path,
                f"is an encrypted, password-protected {kind} file (an OLE compound file, not a "
                "zip): remove the password in the Office application and import it again",
            )
        raise FormatError(
            path,
            f"is an OLE compound file, not a zip: an old binary Office file (.doc, .xls, .ppt) "
            f"or an encrypted one; save it as {kind} without a password",
        )
    if not data.startswith(b"PK"):
        raise FormatError(path, f"is not a {kind} file (not a zip package)")


def _preflight(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse members that would escape, inflate beyond the limits, or are encrypted."""
    members = archive.infolist()
    if len(members) > _MAX_MEMBERS:
        raise FormatError(path, f"holds {len(members)} entries (limit {_MAX_MEMBERS})")
    total = 0
    for info in members:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", name):
            raise FormatError(path, f"entry {name!r} points outside the package; refused")
        if info.flag_bits & 0x1:
            raise FormatError(path, f"entry {name!r} is encrypted; remove the password first")
        if info.file_size > _MAX_MEMBER_SIZE:
            limit = _MAX_MEMBER_SIZE >> 20
            raise FormatError(path, f"entry {name!r} inflates beyond {limit} MiB; refused")
        if info.file_size > (1 << 20) and info.file_size > _MAX_RATIO * max(info.compress_size, 1):
            raise FormatError(
                path, f"entry {name!r} has a compression ratio over {_MAX_RATIO}: a zip bomb?"
            )
        total += info.file_size
    if total > _MAX_TOTAL_SIZE:
        raise FormatError(path, f"inflates beyond {_MAX_TOTAL_SIZE >> 30} GiB; refused")


@dataclass(slots=True)
class Package:
    """An opened package: its entries by name, read and parsed on demand."""

    path: Path
    data: bytes
    archive: zipfile.ZipFile
    names: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, data: bytes, kind: str) -> Package:
        """The package in data (the bytes of path); FormatError when it is not a usable one."""
        refuse_non_zip(path, data, kind)
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, struct.error) as error:
            raise FormatError(path, f"is not a readable {kind} package ({error})") from None
        _preflight(path, archive)
        return cls(path, data, archive, archive.namelist())

    def has(self, name: str) -> bool:
        """Whether the package has an entry of that name."""
        return name in self.names

    def read(self, name: str) -> bytes:
        """The entry's bytes; FormatError naming the part when it is missing or damaged."""
        if name not in self.names:
            raise FormatError(self.path, f"part {name} is missing")
        try:
            return self.archive.read(name)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as error:
            raise FormatError(self.path, f"part {name} cannot be read ({error})") from None
        except Exception as error:  # zlib.error is not an OSError
            raise FormatError(self.path, f"part {name} cannot be read ({error})") from None

    def xml(self, name: str) -> etree._Element:
        """The part parsed safely; FormatError with the part and line when it is not XML."""
        return parse_part(self.path, name, self.read(name))


def parse_part(path: Path, name: str, data: bytes) -> etree._Element:
    """An XML part's root element; entities refused, errors naming the part and line."""
    try:
        root = etree.fromstring(data, tree_parser())
    except etree.XMLSyntaxError as error:
        located = syntax_error(path, error)
        raise FormatError(path, f"part {name}: {located.message}", located.line) from None
    try:
        refuse_entity_declarations(path, root)
    except FormatError as error:
        raise FormatError(path, f"part {name}: {error.message}", error.line) from None
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
