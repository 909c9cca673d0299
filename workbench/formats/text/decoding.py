"""A text file decoded, with what is needed to encode it back byte for byte."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from workbench.formats.base import DocumentReadOptions, FormatError, open_counted

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A text file's characters and what is needed to encode it back the same way."""

    text: str
    encoding: str
    bom: bytes
    newline: str
    """lf or crlf, whichever ends more lines (lf when there are none)."""

    def encode(self, text: str) -> bytes:
        """Text in this file's encoding, with its byte order mark if it had one."""
        return self.bom + text.encode(self.encoding)


# --- decoding ------------------------------------------------------------------------------


def decode_text(data: bytes, path: Path) -> DecodedText:
    """UTF-8 (BOM optional) or UTF-16 with a BOM; FormatError with the line otherwise."""
    encoding, bom = "utf-8", b""
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom = name, mark
            break
    body = data[len(bom) :]
    if not body:
        raise FormatError(path, "the file is empty")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        done = body[: error.start].decode(encoding, "replace")
        line = done.count("\n") + 1
        column = len(done) - done.rfind("\n")
        label = "UTF-8" if encoding == "utf-8" else "UTF-16"
        message = f"not valid {label} ({error.reason}); save the file as UTF-8"
        raise FormatError(path, message, line, column) from None
    crlf = text.count("\r\n")
    newline = "crlf" if crlf > text.count("\n") - crlf else "lf"
    return DecodedText(text, encoding, bom, newline)


def read_bytes(path: Path, options: DocumentReadOptions) -> bytes:
    """The whole file, reporting progress as it is read."""
    try:
        with open_counted(path, options.on_progress) as stream:
            return stream.read()
    except OSError as error:
        raise FormatError(path, f"cannot read the file: {error.strerror or error}") from None
