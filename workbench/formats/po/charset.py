"""The encoding of a PO file: the charset its header declares, decoded and checked."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.formats.base import FormatError

_UTF8_NAMES = frozenset({"utf-8", "utf8"})

_HEADER_MSGID = re.compile(rb'msgid\s*""')
_CHARSET = re.compile(rb"charset=[ \t]*([-\w.:+]*)", re.IGNORECASE)
# Letters of alphabetic scripts that never share a word with Latin letters in real text.
_FOREIGN_LETTER = re.compile("[\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff]")
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\W\d_\x00-\x7f][^\W\d_]*")
_ASCII_LETTER = re.compile("[A-Za-z]")


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


def _codec(charset: str | None, line: int, path: Path) -> str:
    """The Python codec for a declared charset; it must keep ASCII where ASCII is."""
    if not charset or charset.upper() == "CHARSET":
        return "utf-8"
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        raise FormatError(path, f"unknown charset {charset!r} in the header", line) from None
    probe = 'msgid "\\\n'
    if probe.encode(name, "replace") != probe.encode("ascii"):
        raise FormatError(path, f"charset {charset!r} is not ASCII-compatible", line)
    return name


def load_po(data: bytes, path: Path) -> PoText:
    """Decode a PO file with the charset its header declares, refusing undecodable text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FormatError(path, "UTF-16 PO files are not supported by gettext; save as UTF-8", 1)
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    charset, line = _declared_charset(body)
    codec = "utf-8" if bom else _codec(charset, line, path)
    label = charset if charset and not bom else "UTF-8"
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as error:
        where = body.count(b"\n", 0, error.start) + 1
        raise FormatError(
            path, f"not valid {label} ({error.reason}); check the header's charset", where
        ) from None
    if codec.replace("_", "-") not in _UTF8_NAMES:
        _check_plausible(text, label, path)
    return PoText(_split_lf(text), codec, label, bom, len(data))


def _split_lf(text: str) -> list[str]:
    """Split at LF only, so that a stray CR stays part of its line."""
    lines = text.split("\n")
    ends = [line + "\n" for line in lines[:-1]]
    return [*ends, lines[-1]] if lines[-1] else ends


def _check_plausible(text: str, charset: str, path: Path) -> None:
    """Refuse 8-bit text whose non-Latin letters sit mostly inside Latin words (wrong charset)."""
    foreign = mixed = 0
    first = -1
    for word in _NON_ASCII_WORD.finditer(text):
        if _FOREIGN_LETTER.search(word.group()):
            foreign += 1
            if _ASCII_LETTER.search(word.group()):
                mixed += 1
                first = word.start() if first < 0 else first
    if mixed * 2 > foreign:
        where = text.count("\n", 0, first) + 1
        sample = _NON_ASCII_WORD.match(text, first)
        shown = sample.group() if sample else ""
        raise FormatError(
            path,
            f"text does not look like {charset} (declared in the header): {shown!r} mixes "
            f"Latin with other letters; convert the file to UTF-8 and fix its charset",
            where,
        )
