"""Text of the string and web formats: the shared decoding (formats/encoding.py) with the
defaults these formats need, and line numbers of offsets.

Every string format decodes here, so a file's encoding is chosen by the rules of
formats/encoding.py (BOM, then `--encoding`, then what the file declares, then UTF-8) and a
format adds only its own fallback (ISO-8859-1 for .properties, windows-1252 for HTML).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

from workbench.domain.limits import Limits
from workbench.formats import encoding as text_encoding
from workbench.formats.base import FormatError
from workbench.formats.encoding import Decoded

__all__ = ["Decoded", "can_encode", "decode", "line_of"]


def decode(
    data: bytes,
    path: Path,
    declared: str | None = None,
    fallback: str | None = None,
    *,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> Decoded:
    """The file's text; when it is not UTF-8 and says nothing, the format's fallback."""
    try:
        return text_encoding.decode(data, path, encoding=encoding, declared=declared, limits=limits)
    except FormatError:
        if fallback is None or encoding or declared or text_encoding.sniff_bom(data):
            raise
        return text_encoding.decode(data, path, encoding=fallback, limits=limits)


def can_encode(decoded: Decoded, char: str) -> bool:
    """Whether the file's encoding holds the character."""
    try:
        char.encode(decoded.encoding)
    except UnicodeEncodeError:
        return False
    return True


_LINE_STARTS: list[tuple[str, list[int]]] = []
"""The line starts of the text last asked about (a parse asks about one text many times)."""


def line_of(text: str, offset: int) -> int:
    """1-based line number of a character offset (a binary search: parsers ask often)."""
    cached = _LINE_STARTS[0] if _LINE_STARTS else None
    if cached is None or cached[0] is not text:
        cached = (text, [0] + [m.end() for m in re.finditer("\n", text)])
        _LINE_STARTS[:] = [cached]
    return bisect_right(cached[1], offset)
