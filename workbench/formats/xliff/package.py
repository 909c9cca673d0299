"""Bilingual packages that are only a zip around one XLIFF: memoQ .mqxlz, Trados .sdlppx.

Reading: the package is checked before anything is inflated (zip_safety) and its one
bilingual member (a .mqxliff; a .sdlxliff) is read as that dialect; a package with several
is refused (unpack it and import each file). The document keeps the whole package as its
original, the member's name and dialect in its properties (`package_member`,
`package_dialect`). Export patches the member as XLIFF export patches any original, then
writes the package again: every other member as it was, in the same order, with the same
names, dates, attributes and compression methods (an untouched package is written back byte
for byte). Exported as .mqxliff, .sdlxliff or .xlf, the patched member alone is written.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from workbench.domain.document import Document, Segment
from workbench.formats.base import DocumentReadOptions, FormatError, read_bytes
from workbench.formats.xliff.document import read_xliff_data
from workbench.formats.xliff.export import PACKAGE_DIALECT, PACKAGE_MEMBER, unpacked, xliff_bytes
from workbench.formats.zip_safety import open_zip_package, read_member

_ZIP64_EXTRA = 0x0001


class _PackageFormat:
    """A zip package around one bilingual XLIFF file."""

    name: ClassVar[str]
    member_suffix: ClassVar[str]
    what: ClassVar[str]

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The member's document (named after the package) and its segments."""
        with open_zip_package(path, options.limits, self.what) as package:
            member = self._member(package, path)
            data = read_member(package, member, path)
        document, segments = read_xliff_data(Path(f"{path}/{member}"), data, options)
        dialect = document.format
        document.name = path.name
        document.format = self.name
        document.original = read_bytes(path)
        document.properties |= {PACKAGE_MEMBER: member, PACKAGE_DIALECT: dialect}
        return document, segments

    def _member(self, package: zipfile.ZipFile, path: Path) -> str:
        found = [
            info.filename
            for info in package.infolist()
            if info.filename.lower().endswith(self.member_suffix) and not info.is_dir()
        ]
        if not found:
            raise FormatError(path, f"{self.what} without a {self.member_suffix} file inside")
        if len(found) > 1:
            shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
            raise FormatError(
                path,
                f"holds {len(found)} {self.member_suffix} files ({shown}): unpack it and "
                "import each one",
            )
        return found[0]

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """The package with its member patched (see the module docstring)."""
        if document.format != self.name or PACKAGE_MEMBER not in document.properties:
            raise FormatError(
                path,
                f"only a document imported from {self.what} can be written as one; "
                f"export it as {self.member_suffix} or .xlf",
            )
        inner = unpacked(document, path)
        patched = xliff_bytes(inner, segments, path, 1)
        if patched == inner.original:
            path.write_bytes(document.original)
            return
        path.write_bytes(repacked(document.original, document.properties[PACKAGE_MEMBER], patched))


class MqxlzFormat(_PackageFormat):
    """memoQ's .mqxlz: document.mqxliff and its skeleton in a zip."""

    name: ClassVar[str] = "mqxlz"
    member_suffix: ClassVar[str] = ".mqxliff"
    what: ClassVar[str] = "a memoQ package (.mqxlz)"


class SdlppxFormat(_PackageFormat):
    """Trados Studio's project package (.sdlppx) holding one .sdlxliff."""

    name: ClassVar[str] = "sdlppx"
    member_suffix: ClassVar[str] = ".sdlxliff"
    what: ClassVar[str] = "a Trados package (.sdlppx)"


def repacked(original: bytes, member: str, data: bytes) -> bytes:
    """The zip original with member's content replaced by data, all else kept."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type = info.compress_type
            copy.external_attr = info.external_attr
            copy.create_system = info.create_system
            copy.comment = info.comment
            copy.extra = _without_zip64(info.extra)
            content = data if info.filename == member else source.read(info)
            target.writestr(copy, content)
        target.comment = source.comment
    return out.getvalue()


def _without_zip64(extra: bytes) -> bytes:
    """Extra fields but the ZIP64 one, which zipfile writes itself when it is needed."""
    kept = []
    position = 0
    while position + 4 <= len(extra):
        header = int.from_bytes(extra[position : position + 2], "little")
        size = int.from_bytes(extra[position + 2 : position + 4], "little")
        if header != _ZIP64_EXTRA:
            kept.append(extra[position : position + 4 + size])
        position += 4 + size
    return b"".join(kept)
