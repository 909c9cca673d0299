"""Safe opening of zip packages (XLSX, DOCX, PPTX, ODF, .mqxlz, .sdlppx): checked before inflating.

`open_zip_package(path, limits)` reads the central directory and refuses, with one line naming
the file, the member and the limit:
- a password-protected Office file or an old binary one (an OLE compound file, not a zip),
  and anything that is not a zip;
- more members than `zip_members`, a member whose name is absolute, holds `..` or a NUL, or
  appears twice, an encrypted member, a compression method zipfile cannot inflate;
- a member that inflates to more than `zip_member` bytes, all members together to more than
  `zip_total`, a member over 1 MiB that inflates to more than `zip_ratio` times its size.

zipfile never inflates a member past the size the central directory declares (and checks its
CRC), so checking the declared sizes bounds what reading can cost. Read members with
`read_member` / `open_member`, which turn a damaged member's zlib or CRC error into a
FormatError naming it.

    with open_zip_package(path, options.limits) as package:
        data = read_member(package, "word/document.xml", path)
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from workbench.domain.limits import LimitError, Limits
from workbench.formats.base import FormatError, one_line

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
"""The start of an OLE compound file: how encrypted OOXML and .doc/.xls/.ppt files begin."""
_RATIO_FLOOR = 1 << 20
"""Members smaller than this may have any compression ratio: they cannot cost much."""
_ENCRYPTED = 0x1
_METHODS = frozenset(
    {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
)
DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
)
"""What zipfile raises while reading a damaged, encrypted or unsupported member (OSError: a
seek to an offset the damaged directory gives; ValueError: a bad field)."""


def part_error(path: Path | str, member: str, message: str, line: int | None = None) -> FormatError:
    """A FormatError about one member (part) of a package, named in the message."""
    return FormatError(path, f"part {_shown(member)}: {message}", line)


def _shown(member: str) -> str:
    """A member name fit for a message: a hostile one may be long or hold line breaks."""
    return one_line(member, 120)


def check_zip_package(package: zipfile.ZipFile, path: Path | str, limits: Limits) -> None:
    """Refuse a package whose central directory describes anything unsafe (module docstring)."""
    members = package.infolist()
    size = package.fp.seek(0, 2) if package.fp is not None else None
    if len(members) > limits.zip_members:
        raise FormatError(
            path, str(LimitError("zip_members", limits.zip_members, len(members), "members"))
        )
    seen: set[str] = set()
    total = 0
    for info in members:
        name = info.filename
        _check_name(path, name, seen)
        if info.header_offset < 0 or (size is not None and info.header_offset >= size):
            raise part_error(path, name, "points outside the file: the package is damaged")
        if info.flag_bits & _ENCRYPTED:
            raise part_error(path, name, "is encrypted (password-protected); remove the password")
        if info.compress_type not in _METHODS:
            raise part_error(
                path, name, f"uses compression method {info.compress_type}, which cannot be read"
            )
        if info.file_size > limits.zip_member:
            raise part_error(
                path,
                name,
                str(LimitError("zip_member", limits.zip_member, info.file_size, "bytes")),
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > limits.zip_ratio:
            raise part_error(
                path,
                name,
                f"inflates {ratio:,.0f} times ({info.compress_size:,} to "
                f"{info.file_size:,} bytes), over the limit of {limits.zip_ratio:,} (limit "
                "zip_ratio; set "
                "WORKBENCH_LIMIT_ZIP_RATIO to raise it): a zip bomb?",
            )
        total += info.file_size
        if total > limits.zip_total:
            raise FormatError(path, str(LimitError("zip_total", limits.zip_total, total, "bytes")))


def _check_name(path: Path | str, name: str, seen: set[str]) -> None:
    """Refuse a member name that could escape a folder, or that repeats another."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if (
        "\0" in name
        or name.startswith(("/", "\\"))
        or (len(name) > 1 and name[1] == ":")
        or ".." in parts
    ):
        raise part_error(path, name, "has an unsafe name (absolute, or with ..); refused")
    if name in seen:
        raise part_error(path, name, "appears twice in the package; refused")
    seen.add(name)


@contextmanager
def open_zip_package(
    path: Path, limits: Limits | None = None, what: str = "a zip package"
) -> Iterator[zipfile.ZipFile]:
    """The package at path, its central directory checked (check_zip_package) before use;
    what names the kind of file in the error for one that is no zip ("an Excel workbook")."""
    limits = limits or Limits()
    try:
        with path.open("rb") as file:
            head = file.read(len(OLE_MAGIC))
    except OSError as error:
        raise FormatError(path, f"cannot read the file: {error.strerror or error}") from None
    if head == OLE_MAGIC:
        raise FormatError(
            path,
            "is a password-protected (encrypted) Office file or an old binary one "
            "(.doc/.xls/.ppt); remove the password, or save it in the current format",
        )
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise FormatError(path, f"not {what} ({_one_line(error)})") from None
    with package:
        check_zip_package(package, path, limits)
        yield package


def read_member(package: zipfile.ZipFile, name: str, path: Path | str) -> bytes:
    """A member's bytes; FormatError naming it when it is missing or damaged."""
    try:
        return package.read(name)
    except KeyError:
        raise part_error(path, name, "is missing from the package") from None
    except DAMAGED as error:
        raise part_error(path, name, f"is damaged ({_one_line(error)})") from None


@contextmanager
def open_member(package: zipfile.ZipFile, name: str, path: Path | str) -> Iterator[IO[bytes]]:
    """A member as a stream; a zlib or CRC error while it is read becomes a FormatError."""
    try:
        stream = package.open(name)
    except KeyError:
        raise part_error(path, name, "is missing from the package") from None
    except DAMAGED as error:
        raise part_error(path, name, f"is damaged ({_one_line(error)})") from None
    try:
        with stream:
            yield stream
    except DAMAGED as error:
        raise part_error(path, name, f"is damaged ({_one_line(error)})") from None


def _one_line(error: BaseException) -> str:
    """An exception's message, or its type when it has none."""
    return str(error) or type(error).__name__
