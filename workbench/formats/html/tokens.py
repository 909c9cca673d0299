"""HTML as a list of tokens that know where they are, and the file's declared encoding.

Python's tolerant HTMLParser finds the tokens (tags, text, references, comments ...); each
token's span runs to the next token's start, so the tokens cover the file exactly and
export can patch text in place. Attribute values are located inside a start tag's text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from workbench.formats.encoding import sniff_bom
from workbench.formats.strings.codec import Decoded, decode

_XML_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_META_CHARSET = re.compile(
    rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_ATTRIBUTE = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""", re.S
)
_TAG_NAME = re.compile(r"</?([^\s/>]+)")
SNIFF_BYTES = 4096


@dataclass(slots=True)
class Attribute:
    """An attribute of a start tag: its value (references resolved) and where it is."""

    name: str
    value: str
    span: tuple[int, int] | None
    """The value's characters in the file (inside its quotes); None without a value."""
    quote: str


@dataclass(slots=True)
class Token:
    """One piece of the file: kind is start, end, text, ref, comment or other."""

    kind: str
    start: int
    end: int
    name: str = ""
    """The tag's lower-case name, for start and end tags."""
    text: str = ""
    """Text and references: the characters they stand for."""
    attributes: list[Attribute] = field(default_factory=list)
    void: bool = False
    """A start tag that closes itself (`<br/>`)."""

    def attribute(self, name: str) -> Attribute | None:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None


class _Collector(HTMLParser):
    """Records the start offset and kind of every token HTMLParser reports."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found: list[tuple[int, str, str]] = []

    def _at(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.found.append((self._at(), "start", tag))

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.found.append((self._at(), "void", tag))

    def handle_endtag(self, tag: str) -> None:
        self.found.append((self._at(), "end", tag))

    def handle_data(self, data: str) -> None:
        self.found.append((self._at(), "text", ""))

    def handle_entityref(self, name: str) -> None:
        self.found.append((self._at(), "ref", ""))

    def handle_charref(self, name: str) -> None:
        self.found.append((self._at(), "ref", ""))

    def handle_comment(self, data: str) -> None:
        self.found.append((self._at(), "comment", ""))

    def handle_decl(self, decl: str) -> None:
        self.found.append((self._at(), "other", ""))

    def handle_pi(self, data: str) -> None:
        self.found.append((self._at(), "other", ""))

    def unknown_decl(self, data: str) -> None:
        self.found.append((self._at(), "other", ""))


def _attributes(text: str, start: int, end: int) -> list[Attribute]:
    """The attributes of the start tag text[start:end] with their value spans."""
    name = _TAG_NAME.match(text, start, end)
    position = name.end() if name else start + 1
    found = []
    for match in _ATTRIBUTE.finditer(text, position, end):
        group = next((g for g in (2, 3, 4) if match.group(g) is not None), None)
        quote = {2: '"', 3: "'", 4: ""}.get(group or 0, "")
        raw = match.group(group) if group else ""
        span = (match.start(group), match.end(group)) if group else None
        found.append(Attribute(match.group(1).lower(), html.unescape(raw), span, quote))
    return found


def tokenize(text: str) -> list[Token]:
    """Every token of an HTML text, in order, covering it exactly."""
    collector = _Collector(text)
    collector.feed(text)
    collector.close()
    found = collector.found
    tokens: list[Token] = []
    for index, (start, kind, name) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(text)
        if end <= start:
            continue
        raw = text[start:end]
        if kind == "text":
            tokens.append(Token("text", start, end, text=raw))
        elif kind == "ref":
            resolved = html.unescape(raw)
            tokens.append(Token("ref" if resolved != raw else "text", start, end, text=resolved))
        elif kind in ("start", "void"):
            token = Token("start", start, end, name.lower(), void=kind == "void")
            token.attributes = _attributes(text, start, end)
            tokens.append(token)
        elif kind == "end":
            tokens.append(Token("end", start, end, name.lower()))
        else:
            tokens.append(Token(kind, start, end))
    return tokens


def declared_encoding(data: bytes) -> str | None:
    """The encoding an XML declaration or a <meta> names near the start of the file."""
    xml = _XML_DECLARED.match(data.lstrip(b"\xef\xbb\xbf"))
    if xml:
        return xml.group(1).decode("ascii")
    meta = _META_CHARSET.search(data[:SNIFF_BYTES])
    return meta.group(1).decode("ascii") if meta else None


def decode_html(data: bytes, path: Path, encoding: str | None = None) -> Decoded:
    """The page's text: BOM, then declared encoding, then UTF-8, then windows-1252.

    An ASCII page that declares nothing stays ASCII (see below).
    """
    declared = None if sniff_bom(data) or encoding else declared_encoding(data)
    if declared is not None and declared.lower().replace("-", "").startswith("utf16"):
        declared = None  # a UTF-16 label on a file without a BOM: the bytes say otherwise
    decoded = decode(data, path, declared, fallback="windows-1252", encoding=encoding)
    if declared is None and encoding is None and not decoded.bom and decoded.text.isascii():
        # A page that names no encoding is read by browsers as windows-1252: a translation
        # keeps it ASCII, other characters written as references.
        return Decoded(decoded.text, "ascii", b"")
    return decoded
