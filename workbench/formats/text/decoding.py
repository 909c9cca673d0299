"""A text document decoded, with what is needed to encode it back byte for byte."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.domain.limits import Limits
from workbench.formats.base import FormatError
from workbench.formats.encoding import decode


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


def decode_text(
    data: bytes, path: Path, encoding: str | None = None, limits: Limits | None = None
) -> DecodedText:
    """The file decoded as formats.encoding decides and checks; FormatError when empty."""
    decoded = decode(data, path, encoding=encoding, limits=limits)
    if not decoded.text:
        raise FormatError(path, "the file is empty")
    text = decoded.text
    crlf = text.count("\r\n")
    newline = "crlf" if crlf > text.count("\n") - crlf else "lf"
    return DecodedText(text, decoded.encoding, decoded.bom, newline)
