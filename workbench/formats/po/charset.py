"""The encoding of a PO file: the charset its header declares, decoded and checked."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.limits import Limits
from workbench.formats.base import FormatError
from workbench.formats.encoding import codec_name, decode, label, sniff_bom

_HEADER_MSGID = re.compile(rb'msgid\s*""')
_CHARSET = re.compile(rb"charset=[ \t]*([-\w.:+]*)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PoText:
    """A PO file decoded: its lines (with their line ends), charset and byte order mark."""

    lines: list[str]
    codec: str
    charset: str
    bom: bool
    size: int


def _declared_charset(data: bytes) -> tuple[str | None, int]:
    """The charset the header entry declares and its line, found before anything is decoded."""
    in_header = False
    for number, raw in enumerate(io.BytesIO(data), start=1):
        line = raw.strip()
        if not in_header:
            if not line or line.startswith(b"#"):
                continue
            if not _HEADER_MSGID.fullmatch(line):
                break
            in_header = True
        elif not line or line.startswith((b"#", b"msgid", b"msgctxt")):
            break
        elif found := _CHARSET.search(line):
            return found.group(1).decode("ascii", "replace"), number
    return None, 0


def _codec(name: str, line: int | None, path: Path, what: str) -> str:
    """The Python codec for a charset; it must keep ASCII where ASCII is, as gettext's do."""
    codec = codec_name(name, path, line, what)
    probe = 'msgid "\\\n'
    if probe.encode(codec, "replace") != probe.encode("ascii"):
        raise FormatError(path, f"{what} {name!r} is not ASCII-compatible", line)
    return codec


def load_po(
    data: bytes, path: Path, encoding: str | None = None, limits: Limits | None = None
) -> PoText:
    """Decode a PO file: a UTF-8 byte order mark, else the encoding given, else the header's
    charset, else UTF-8 (see formats.encoding); FormatError for text that does not decode."""
    found = sniff_bom(data)
    if found is not None and found[1] != "utf-8":
        raise FormatError(
            path, f"{label(found[1])} PO files are not supported by gettext; save as UTF-8", 1
        )
    bom = found is not None
    charset, line = _declared_charset(data[len(codecs.BOM_UTF8) :] if bom else data)
    if not charset or charset.upper() == "CHARSET":
        charset = None
    if encoding:
        _codec(encoding, None, path, "encoding")
    declared = _codec(charset, line, path, "charset") if charset and not bom else None
    decoded = decode(
        data, path, encoding=encoding, declared=declared, declared_by="the header", limits=limits
    )
    shown = encoding or ("UTF-8" if bom or not charset else charset)
    return PoText(_split_lf(decoded.text), decoded.encoding, shown, bom, len(data))


def _split_lf(text: str) -> list[str]:
    """Split at LF only, so that a stray CR stays part of its line."""
    lines = text.split("\n")
    ends = [line + "\n" for line in lines[:-1]]
    return [*ends, lines[-1]] if lines[-1] else ends
