"""Bytes to text and back for the string and web formats, keeping the file's encoding and BOM.

One function decodes (BOM first, then a declared encoding, UTF-8, then a fallback), so that
the shared decoding module of the formats package can replace it in one place.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from workbench.formats.base import DocumentReadOptions, FormatError, open_counted

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's characters and what is needed to encode it back the same way."""

    text: str
    encoding: str
    """A Python codec name."""
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        """Text in this file's encoding (characters it cannot hold: FormatError by the caller)."""
        return self.bom + text.encode(self.encoding)

    def can_encode(self, char: str) -> bool:
        """Whether the file's encoding holds the character."""
        try:
            char.encode(self.encoding)
        except UnicodeEncodeError:
            return False
        return True


def read_bytes(path: Path, options: DocumentReadOptions | None = None) -> bytes:
    """The whole file, reporting progress as it is read; FormatError when it cannot be read."""
    try:
        with open_counted(path, options.on_progress if options else None) as stream:
            return stream.read()
    except OSError as error:
        raise FormatError(path, f"cannot read the file: {error.strerror or error}") from None


def sniff_bom(data: bytes) -> tuple[str, bytes] | None:
    """The encoding and mark of a byte order mark that starts data (UTF-32 checked first)."""
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name, mark
    return None


def decode(
    data: bytes, path: Path, declared: str | None = None, fallback: str | None = None
) -> Decoded:
    """The file's text: a BOM decides, else the declared encoding, else UTF-8, else fallback.

    FormatError (with line and column) for bytes the encoding cannot read, and for a NUL
    (a UTF-16 file without its BOM looks like that).
    """
    found = sniff_bom(data)
    if found is not None:
        encoding, bom = found
    else:
        bom = b""
        encoding = _codec(declared, path) if declared else "utf-8"
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        if fallback is not None and not declared and not bom:
            return decode(data, path, fallback)
        raise _decode_error(path, body, encoding, error) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        message = "holds NUL characters: a UTF-16 file without its byte order mark? Save as UTF-8"
        raise FormatError(path, message, line)
    return Decoded(text, encoding, bom)


def _codec(name: str, path: Path) -> str:
    """The Python codec of an encoding name a file declares."""
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        raise FormatError(path, f"declares an unknown encoding {name!r}") from None
    # A declared UTF-16 without a BOM is little-endian in practice (Windows tools).
    return {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(codec, codec)


def _decode_error(path: Path, body: bytes, encoding: str, error: UnicodeDecodeError) -> FormatError:
    done = body[: error.start].decode(encoding, "replace")
    line = done.count("\n") + 1
    column = len(done) - done.rfind("\n")
    message = f"not valid {encoding} ({error.reason}); save the file as UTF-8"
    return FormatError(path, message, line, column)


_LINE_STARTS: list[tuple[str, list[int]]] = []
"""The line starts of the text last asked about (a parse asks about one text many times)."""


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset (a binary search: parsers ask often)."""
    cached = _LINE_STARTS[0] if _LINE_STARTS else None
    if cached is None or cached[0] is not text:
        cached = (text, [0] + [m.end() for m in re.finditer("\n", text)])
        _LINE_STARTS[:] = [cached]
    return bisect_right(cached[1], offset)
