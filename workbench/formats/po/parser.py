"""Parsing a decoded PO file into entries, with the lines each occupies."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.formats.base import FormatError, ProgressCallback
from workbench.formats.po.charset import PoText

CONTEXT_SEPARATOR = "\x04"
"""Joins msgctxt and msgid in a unit id, as in gettext's compiled catalogues."""

_PROGRESS_EVERY = 4096  # lines

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[\s*(\d+)\s*\])?\s*(?=\")")
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"\s*')
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.DOTALL)
_UNESCAPED = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "?": "?",
}


class _SyntaxError(ValueError):
    """A problem on one line; the reader adds the path."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


# --- strings -------------------------------------------------------------------------------


def _unescape(body: str, codec: str) -> str:
    """Decode C escapes; octal and hex escapes are bytes in the file's charset."""
    if "\\" not in body:
        return body
    parts: list[str] = []
    pending = bytearray()
    position = 0
    for match in _ESCAPE.finditer(body):
        if match.start() > position:
            _flush(pending, parts, codec)
            parts.append(body[position : match.start()])
        octal, hexadecimal, char = match.groups()
        if char is not None:
            if char not in _UNESCAPED:
                raise ValueError(f"invalid escape sequence \\{char}")
            _flush(pending, parts, codec)
            parts.append(_UNESCAPED[char])
        else:
            value = int(octal, 8) if octal is not None else int(hexadecimal, 16)
            if value > 0xFF:
                raise ValueError(f"escape {match.group()} is larger than a byte")
            pending.append(value)
        position = match.end()
    _flush(pending, parts, codec)
    parts.append(body[position:])
    return "".join(parts)


def _flush(pending: bytearray, parts: list[str], codec: str) -> None:
    """Decode the bytes gathered from numeric escapes."""
    if pending:
        try:
            parts.append(pending.decode(codec))
        except UnicodeDecodeError:
            raise ValueError(f"numeric escapes do not form valid {codec} text") from None
        pending.clear()


def _literals(text: str, line: int, codec: str) -> str:
    """The concatenated value of the string literals that make up the rest of a line."""
    if text.count('"') == 2 and text[0] == text[-1] == '"' and "\\" not in text:
        return text[1:-1]
    values: list[str] = []
    position = 0
    while position < len(text):
        match = _LITERAL.match(text, position)
        if match is None:
            if text[position] == '"':
                raise _SyntaxError("unterminated string", line)
            raise _SyntaxError(f"unexpected text {text[position:]!r} after a string", line)
        try:
            values.append(_unescape(match.group(1), codec))
        except ValueError as error:
            raise _SyntaxError(str(error), line) from None
        position = match.end()
    if not values:
        raise _SyntaxError("expected a string in double quotes", line)
    return "".join(values)


# --- parsing -------------------------------------------------------------------------------


@dataclass(slots=True)
class Entry:
    """One PO entry, with the span of lines it occupies so that export can copy or edit it."""

    start: int
    end: int = 0
    line: int = 0
    """1-based line of its msgid (or first keyword), for messages."""
    obsolete: bool | None = None
    """None until its first keyword line, then whether that line was `#~` (obsolete)."""
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    flag_lines: list[int] = field(default_factory=list)
    body_start: int = -1
    """Index of its first `#|` or keyword line, where a new flags line goes."""
    msgstr_spans: list[list[int]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.msgstr)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete

    @property
    def key(self) -> str:
        """gettext's lookup key: msgctxt EOT msgid, or the msgid alone."""
        assert self.msgid is not None
        if self.msgctxt is None:
            return self.msgid
        return f"{self.msgctxt}{CONTEXT_SEPARATOR}{self.msgid}"


class _Parser:
    """A line-by-line PO parser yielding entries in file order."""

    def __init__(self, lines: Sequence[str], codec: str) -> None:
        self.lines = lines
        self.codec = codec
        self.entry = Entry(start=0)
        self.target: tuple[str, int] = ("", 0)

    def entries(self, on_line: ProgressCallback | None = None) -> Iterator[Entry]:
        """Parse every line, yielding each entry once the next one begins (or the file ends)."""
        for index, raw in enumerate(self.lines):
            if on_line is not None and index % _PROGRESS_EVERY == 0:
                on_line(index, len(self.lines))
            text = raw.strip()
            if not text:
                continue
            finished = self._line(index, text)
            if finished is not None:
                yield finished
            self.entry.end = index + 1
        if self.entry.obsolete is not None:
            if not self.entry.complete:
                raise _SyntaxError("entry has no msgstr", self.entry.line)
            yield self.entry

    def _line(self, index: int, text: str) -> Entry | None:
        """Take one non-blank line; return the previous entry if this line starts a new one."""
        number = index + 1
        first = text[0]
        if first == '"':
            self._continuation(text, number, obsolete=False)
            return None
        if first != "#":
            return self._keyword_line(index, text, number, obsolete=False)
        if text.startswith("#~"):
            rest = text[2:].lstrip()
            if rest.startswith("|"):
                return self._previous(index, rest[1:].lstrip(), number)
            if rest.startswith('"'):
                self._continuation(rest, number, obsolete=True)
                return None
            if rest.startswith("msg"):
                return self._keyword_line(index, rest, number, obsolete=True)
        elif text.startswith("#|"):
            return self._previous(index, text[2:].lstrip(), number)
        return self._comment(index, text)

    def _begin(self, index: int) -> Entry | None:
        """Start a new entry at index if the current one is complete."""
        if not self.entry.complete:
            return None
        finished = self.entry
        self.entry = Entry(start=index)
        return finished

    def _comment(self, index: int, text: str) -> Entry | None:
        finished = self._begin(index)
        entry = self.entry
        if entry.obsolete is not None:
            raise _SyntaxError("comment inside an entry, before its msgstr", index + 1)
        kind, rest = text[:2], text[2:].strip()
        if kind == "#,":
            entry.flags.extend(flag.strip() for flag in rest.split(",") if flag.strip())
            entry.flag_lines.append(index)
        elif kind == "#.":
            entry.extracted_comments.append(text[2:].removeprefix(" ").rstrip())
        elif kind == "#:":
            entry.references.extend(rest.split())
        else:
            entry.translator_comments.append(text[1:].removeprefix(" ").rstrip())
        return finished

    def _previous(self, index: int, text: str, number: int) -> Entry | None:
        """A `#|` line: the msgctxt, msgid or msgid_plural that a fuzzy entry had before."""
        finished = self._begin(index)
        entry = self.entry
        if entry.obsolete is not None:
            raise _SyntaxError("#| line inside an entry, after its keywords", number)
        if entry.body_start < 0:
            entry.body_start = index
        keyword = _KEYWORD.match(text)
        if keyword is not None:
            name = keyword.group(1)
            entry.previous[name] = _literals(text[keyword.end() :], number, self.codec)
            self.target = ("#|" + name, 0)
        elif text.startswith('"') and self.target[0].startswith("#|"):
            name = self.target[0][2:]
            entry.previous[name] += _literals(text, number, self.codec)
        else:
            raise _SyntaxError(f"unexpected #| line {text!r}", number)
        return finished

    def _keyword_line(self, index: int, text: str, number: int, obsolete: bool) -> Entry | None:
        """A line that starts with a keyword; msgctxt and msgid may begin a new entry."""
        keyword = _KEYWORD.match(text)
        if keyword is None:
            word = text.split(None, 1)[0]
            if word.startswith("msg"):
                raise _SyntaxError(f"keyword {word!r} has no string (or is unknown)", number)
            raise _SyntaxError(f"unexpected text {text!r}", number)
        name, form = keyword.group(1), keyword.group(2)
        finished = self._begin(index) if name in ("msgctxt", "msgid") else None
        entry = self.entry
        if entry.obsolete is None:
            entry.obsolete = obsolete
        elif entry.obsolete != obsolete:
            raise _SyntaxError("entry mixes obsolete (#~) and live lines", number)
        if entry.body_start < 0:
            entry.body_start = index
        value = _literals(text[keyword.end() :], number, self.codec)
        self._keyword(index, name, form, value, number)
        return finished

    def _keyword(self, index: int, name: str, form: str | None, value: str, number: int) -> None:
        """Store a keyword's value, checking that keywords come in gettext's order."""
        entry = self.entry
        if form is not None and name != "msgstr":
            raise _SyntaxError(f"{name} cannot have an index", number)
        if not entry.line:
            entry.line = number
        if name == "msgctxt":
            if entry.msgctxt is not None or entry.msgid is not None:
                raise _SyntaxError("msgctxt must come once, before msgid", number)
            entry.msgctxt = value
        elif name == "msgid":
            if entry.msgid is not None:
                raise _SyntaxError(f"msgid at line {entry.line} has no msgstr", number)
            entry.msgid, entry.line = value, number
        elif name == "msgid_plural":
            if entry.msgid is None or entry.msgid_plural is not None or entry.msgstr:
                raise _SyntaxError("msgid_plural must follow a msgid", number)
            entry.msgid_plural = value
        else:
            self._msgstr(index, form, value, number)
        self.target = (name, len(entry.msgstr) - 1)

    def _msgstr(self, index: int, form: str | None, value: str, number: int) -> None:
        entry = self.entry
        if entry.msgid is None:
            raise _SyntaxError("msgstr without msgid", number)
        if entry.msgid_plural is None:
            if form is not None:
                raise _SyntaxError("msgstr[n] without msgid_plural", number)
            if entry.msgstr:
                raise _SyntaxError(
                    f"msgstr without msgid (the msgid at line {entry.line} has its msgstr)", number
                )
        elif form is None:
            raise _SyntaxError("a msgid_plural needs msgstr[0], msgstr[1] ...", number)
        elif int(form) != len(entry.msgstr):
            raise _SyntaxError(f"msgstr[{form}] should be msgstr[{len(entry.msgstr)}]", number)
        entry.msgstr.append(value)
        entry.msgstr_spans.append([index, index + 1])

    def _continuation(self, text: str, number: int, obsolete: bool) -> None:
        """A line holding only a string: it continues the last keyword's string."""
        entry = self.entry
        name, form = self.target
        if entry.body_start < 0 or name.startswith("#|") or not name:
            raise _SyntaxError("string without a keyword before it", number)
        if entry.obsolete != obsolete:
            raise _SyntaxError("entry mixes obsolete (#~) and live lines", number)
        value = _literals(text, number, self.codec)
        if name == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif name == "msgid":
            entry.msgid = (entry.msgid or "") + value
        elif name == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        else:
            entry.msgstr[form] += value
            entry.msgstr_spans[form][1] = number


def parse_entries(
    text: PoText, path: Path, on_progress: ProgressCallback | None = None
) -> Iterator[Entry]:
    """The entries of a decoded PO file; FormatError (with the line) for bad syntax."""

    def report(done: int, total: int) -> None:
        if on_progress is not None and total:
            on_progress(text.size * done // total, text.size)

    parser = _Parser(text.lines, text.codec)
    try:
        yield from parser.entries(report if on_progress else None)
    except _SyntaxError as error:
        raise FormatError(path, str(error), error.line) from None
    if on_progress is not None:
        on_progress(text.size, text.size)
