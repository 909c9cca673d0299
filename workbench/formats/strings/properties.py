"""Java .properties: key/value lines, continuation lines, escapes, ISO-8859-1 or UTF-8.

The file is read as UTF-8 when it is valid UTF-8 (Java 9 resource bundles), else as
ISO-8859-1 (the classic encoding). A changed value is written on one line, escaped the
way the file needs: in an ASCII file (the usual case, `native2ascii` style) or an
ISO-8859-1 file, characters it cannot hold become `\\uXXXX` (hex case as the file has it).
Comment lines right above a key are its note; `{0}` MessageFormat arguments stay text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from workbench.formats.base import FormatError
from workbench.formats.strings.codec import Decoded, decode
from workbench.formats.strings.document import Parsed, StringsFormat, appending
from workbench.formats.strings.units import CodedText, Form, Unit

_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|\r\n[ \t\f]*|[\r\n][ \t\f]*|.)", re.S)
_BAD_UNICODE = re.compile(r"\\u(?![0-9a-fA-F]{4})")
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
_LOWER_HEX = re.compile(r"\\u[0-9a-f]{0,3}[a-f][0-9a-f]{0,3}")
_UPPER_HEX = re.compile(r"\\u[0-9A-F]{0,3}[A-F][0-9A-F]{0,3}")


def unescape(text: str) -> str:
    """A key or value with its escapes and line continuations resolved."""
    if "\\" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        escaped = match.group(1)
        if escaped[0] == "u" and len(escaped) == 5:
            return chr(int(escaped[1:], 16))
        if escaped[0] in "\r\n":
            return ""
        return _SIMPLE.get(escaped, escaped)

    text = _ESCAPE.sub(one, text)
    return text.encode("utf-16", "surrogatepass").decode("utf-16")


class PropertiesSyntax:
    """Values on one line with Java's escapes; \\u for characters the file cannot hold."""

    def __init__(self, limit: int, upper: bool) -> None:
        self.limit = limit
        """The highest code point written as it is (0x7F in an ASCII file)."""
        self.upper = upper

    def _unicode(self, char: str) -> str:
        units = char.encode("utf-16-be")
        codes = [int.from_bytes(units[i : i + 2], "big") for i in range(0, len(units), 2)]
        return "".join(f"\\u{code:04X}" if self.upper else f"\\u{code:04x}" for code in codes)

    def escape(self, text: str, structure: dict[str, str]) -> str:
        pieces = []
        for char in text:
            if char == "\\":
                pieces.append("\\\\")
            elif char in "\t\n\r\f":
                pieces.append("\\" + {"\t": "t", "\n": "n", "\r": "r", "\f": "f"}[char])
            elif ord(char) > self.limit or ord(char) < 0x20:
                pieces.append(self._unicode(char))
            else:
                pieces.append(char)
        return "".join(pieces)

    def finish(self, value: str, structure: dict[str, str]) -> str:
        # a leading space would be taken for the separator's
        value = "\\" + value if value.startswith(" ") else value
        # a key that stood alone needs a separator before its new value
        return "=" + value if structure.get("properties_bare") == "yes" else value

    def rebuild(self, text: str, structure: dict[str, str], forms: list[tuple[str, str]]) -> str:
        raise FormatError("", ".properties values have no plural forms")


def _logical_lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end, line number) of each logical line: continued lines joined."""
    lines = []
    position = 0
    number = 1
    length = len(text)
    while position < length:
        start = position
        first = number
        while True:
            end = text.find("\n", position)
            if end < 0:
                end = length
            body_end = end - 1 if end > start and text[end - 1 : end] == "\r" else end
            body = text[position:body_end]
            stripped = body.lstrip(" \t\f")
            slashes = len(body) - len(body.rstrip("\\"))
            if position == start and stripped[:1] in ("#", "!"):
                slashes = 0  # a comment line never continues
            if slashes % 2 == 1 and end < length:
                position = end + 1
                number += 1
                continue
            lines.append((start, body_end, first))
            position = end + 1
            number += 1
            break
    return lines


_KEY_END = re.compile(r"(?:\\.|[^\\=:\s])*", re.S)
_SEPARATOR = re.compile(r"[ \t\f]*[=:]?[ \t\f]*")


def parse_properties(text: str, path: Path) -> list[Unit]:
    """The key/value pairs of the file, with the comment lines above each as its note."""
    units: list[Unit] = []
    comments: list[str] = []
    for start, end, number in _logical_lines(text):
        line = text[start:end]
        body = line.lstrip(" \t\f")
        if not body:
            comments = []
            continue
        if body[0] in "#!":
            comments.append(body[1:].strip())
            continue
        key_start = start + len(line) - len(body)
        key_match = _KEY_END.match(text, key_start, end)
        assert key_match is not None
        separator = _SEPARATOR.match(text, key_match.end(), end)
        assert separator is not None
        value_start = separator.end()
        raw_value = text[value_start:end]
        if _BAD_UNICODE.search(raw_value.replace("\\\\", "")):
            raise FormatError(path, "malformed \\uXXXX escape", number)
        builder = CodedText()
        builder.text(unescape(raw_value))
        source, codes = builder.result()
        key = unescape(key_match.group())
        note = "\n".join(comments) or None
        data = {"properties_bare": "yes"} if separator.end() == key_match.end() else {}
        form = Form(None, source, (value_start, end), codes)
        units.append(Unit(key, [form], number, note=note, data=data))
        comments = []
    return units


def _key_escape(key: str) -> str:
    return re.sub(r"([=: \t\\#!])", r"\\\1", key)


class PropertiesFormat(StringsFormat):
    """Java .properties resource bundles."""

    name: ClassVar[str] = "properties"

    def decode(self, data: bytes, path: Path, encoding: str | None = None) -> Decoded:
        return decode(data, path, fallback="iso-8859-1", encoding=encoding)

    def syntax(self, decoded: Decoded) -> PropertiesSyntax:
        text = decoded.text
        if decoded.encoding not in ("utf-8",) or text.isascii():
            limit = 0x7E if text.isascii() else 0xFF
        else:
            limit = 0x10FFFF
        upper = len(_UPPER_HEX.findall(text)) >= len(_LOWER_HEX.findall(text))
        return PropertiesSyntax(limit, upper)

    def parse(self, decoded: Decoded, path: Path, target_lang: str | None) -> Parsed:
        parsed = Parsed(parse_properties(decoded.text, path))
        parsed.insert = appending(decoded.text, lambda key, value: f"{_key_escape(key)}={value}")
        return parsed
