"""gettext PO and POT files: entries become segments; export rewrites only what changed.

Decisions worth knowing:
- The header's charset decides the encoding (UTF-8 when there is no header, no charset, or the
  POT placeholder `CHARSET`); a UTF-8 byte order mark wins over it. Bytes that do not decode
  are an error naming the line. A legacy 8-bit charset always decodes, so its text is also
  checked for the tell-tale of a wrong charset: words in which Latin letters and Cyrillic,
  Greek, Hebrew or Arabic ones alternate (Latin-1 French read as KOI8-R gives `SymИtrie`).
  When most such words are mixed, the file is refused with the line of the first one rather
  than guessed at: no 8-bit encoding can be told from another reliably.
- Obsolete entries (`#~`) are yielded as segments marked `structure["obsolete"] == "true"`,
  without a unit id, for display only: export always writes them back as read.
- Export re-reads `Document.original` and copies every entry whose targets and statuses did not
  change byte for byte. A changed msgstr is written again, wrapped the way msgcat wraps (79
  columns, breaking after spaces and around CJK characters), and the `fuzzy` flag follows the
  status. A target the file's charset cannot hold turns the whole file into UTF-8.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import ClassVar

from workbench.domain.document import (
    Document,
    Segment,
    SegmentStatus,
    with_markup,
)
from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.formats.base import DocumentReadOptions, FormatError, ProgressCallback

CONTEXT_SEPARATOR = "\x04"
"""Joins msgctxt and msgid in a unit id, as in gettext's compiled catalogues."""
PAGE_WIDTH = 79
"""Columns a written line may take, quotes included (msgcat's default)."""

_DEFAULT_SOURCE_LANG = "en"
_PROGRESS_EVERY = 4096  # lines
_OBSOLETE = "true"
_UTF8_NAMES = frozenset({"utf-8", "utf8"})

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
_ESCAPED = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_HEADER_MSGID = re.compile(rb'msgid\s*""')
_CHARSET = re.compile(rb"charset=[ \t]*([-\w.:+]*)", re.IGNORECASE)
_CHARSET_TEXT = re.compile(r"(charset=[ \t]*)[-\w.:+]*", re.IGNORECASE)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
# Letters of alphabetic scripts that never share a word with Latin letters in real text.
_FOREIGN_LETTER = re.compile("[\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff]")
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\W\d_\x00-\x7f][^\W\d_]*")
_ASCII_LETTER = re.compile("[A-Za-z]")
_LOCALE_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl"}


class _SyntaxError(ValueError):
    """A problem on one line; the reader adds the path."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


# --- encoding ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Text:
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


def _load(data: bytes, path: Path) -> _Text:
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
    return _Text(_split_lf(text), codec, label, bom, len(data))


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


def _escaped_pieces(text: str) -> list[str]:
    """Each character as it is written between quotes."""
    return [_ESCAPED.get(char, char) for char in text]


@cache
def _char_width(char: str) -> int:
    """Columns a character takes in a terminal."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# Line-breaking classes of Unicode's UAX #14 that decide where msgcat may wrap a line.
_OPENING = frozenset("([{")
_WIDE_OPENING = frozenset("（［｛「『【〈《〔〖〘〚")
_CLOSING_PAREN = frozenset(")]")
_CLOSING = frozenset("}）］｝」』】〉》〕〗〙〛、。，．｡､")
_EXCLAMATION = frozenset("!?！？")
_INFIX = frozenset(",.:;")
_NON_STARTER = frozenset("ー・ゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ：；")
_QUOTE = frozenset("\"'«»‘’“”")
_PREFIX = frozenset("$+\\#")
_CLASSES = (
    (_OPENING, "OP"),
    (_WIDE_OPENING, "OW"),
    (_CLOSING_PAREN, "CP"),
    (_CLOSING, "CL"),
    (_EXCLAMATION, "EX"),
    (_INFIX, "IS"),
    (_NON_STARTER, "NS"),
    (_QUOTE, "QU"),
    (_PREFIX, "PR"),
    (frozenset("%"), "PO"),
    (frozenset("/"), "SY"),
    (frozenset("-"), "HY"),
    (frozenset(" "), "SP"),
    (frozenset("…"), "IN"),
)
_NO_BREAK_BEFORE = frozenset({"CL", "CP", "EX", "IS", "SY", "SP", "CM"})
_WORD = frozenset({"AL", "NU"})
_AFFIX = frozenset({"PR", "PO"})
_OPENERS = frozenset({"OP", "OW"})  # OW: East Asian wide openers, which letters may break before


@cache
def _break_class(char: str) -> str:
    """The UAX #14 class of a character, reduced to the classes that matter here."""
    for chars, name in _CLASSES:
        if char in chars:
            return name
    if "0" <= char <= "9":
        return "NU"
    if _char_width(char) == 0:
        return "CM"
    return "ID" if unicodedata.east_asian_width(char) in ("W", "F") else "AL"


@cache
def _may_break(before: str, prev: str, cur: str) -> bool:
    """Whether a line may break between classes prev and cur (before: class ahead of spaces)."""
    if cur in _NO_BREAK_BEFORE:
        return False
    if prev == "SP":
        return not (
            before in _OPENERS
            or (before == "QU" and cur in _OPENERS)
            or (before in ("CL", "CP") and cur == "NS")
        )
    if prev in _OPENERS or prev == "QU" or cur in ("QU", "HY", "NS", "IN"):
        return False
    if prev == "HY":
        return cur != "NU"
    if (prev == "ID" and cur == "PO") or (prev == "PR" and cur == "ID"):
        return False
    if prev in _WORD | _AFFIX and cur in _WORD | _AFFIX:
        return False
    if cur == "OP" and prev in _WORD | _AFFIX:
        return False
    if prev == "CP" and cur in _WORD:
        return False
    return not (prev in ("IS", "SY") and cur == "NU")


@cache
def _char_info(char: str) -> tuple[str, int]:
    """A character's line-breaking class and width, looked up once."""
    return _break_class(char), _char_width(char)


def _wrapped(pieces: Sequence[str], chars: str, first_column: int) -> list[int]:
    """Where to break a run of escaped pieces so that lines end by PAGE_WIDTH (closing quote
    included); the first line starts at first_column, the others after one quote."""
    breaks: list[int] = []
    column = first_column
    if chars.isascii() and column + sum(map(len, pieces)) < PAGE_WIDTH:
        return breaks
    last_break = column_at_break = -1
    before = prev = ""
    for index, (piece, char) in enumerate(zip(pieces, chars, strict=True)):
        cls, width = _char_info(char)
        if index and _may_break(before, prev, cls):
            last_break, column_at_break = index, column
        column += width if piece == char else len(piece)
        # The closing quote needs a column too, hence >= rather than >.
        if column >= PAGE_WIDTH and last_break > (breaks[-1] if breaks else 0):
            breaks.append(last_break)
            column = 1 + column - column_at_break
        if cls != "SP":
            before = cls
        prev = cls
    return breaks


def string_lines(keyword: str, text: str) -> list[str]:
    """A keyword and its string as msgcat writes them: one line if it fits, else `keyword ""`
    followed by lines that break after each newline and wherever the page width demands."""
    portions = re.findall(r"[^\n]*\n|[^\n]+", text) or [""]
    if len(portions) == 1:
        pieces = _escaped_pieces(portions[0])
        if not _wrapped(pieces, portions[0], len(keyword) + 2):
            return [f'{keyword} "{"".join(pieces)}"']
    lines = [f'{keyword} ""']
    for portion in portions:
        pieces = _escaped_pieces(portion)
        start = 0
        for end in [*_wrapped(pieces, portion, 1), len(pieces)]:
            lines.append(f'"{"".join(pieces[start:end])}"')
            start = end
    return lines


# --- parsing -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
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
        self.entry = _Entry(start=0)
        self.target: tuple[str, int] = ("", 0)

    def entries(self, on_line: ProgressCallback | None = None) -> Iterator[_Entry]:
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

    def _line(self, index: int, text: str) -> _Entry | None:
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

    def _begin(self, index: int) -> _Entry | None:
        """Start a new entry at index if the current one is complete."""
        if not self.entry.complete:
            return None
        finished = self.entry
        self.entry = _Entry(start=index)
        return finished

    def _comment(self, index: int, text: str) -> _Entry | None:
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

    def _previous(self, index: int, text: str, number: int) -> _Entry | None:
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

    def _keyword_line(self, index: int, text: str, number: int, obsolete: bool) -> _Entry | None:
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


def _parse(
    text: _Text, path: Path, on_progress: ProgressCallback | None = None
) -> Iterator[_Entry]:
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


# --- the header ----------------------------------------------------------------------------


def _header_fields(header: str) -> dict[str, str]:
    """The `Name: value` lines of a header, keyed by lower-case name."""
    fields: dict[str, str] = {}
    for line in header.split("\n"):
        name, colon, value = line.partition(":")
        if colon:
            fields.setdefault(name.strip().lower(), value.strip())
    return fields


def _nplurals(fields: dict[str, str]) -> int | None:
    """The number of plural forms the header declares, if it declares a usable one."""
    found = _NPLURALS.search(fields.get("plural-forms", ""))
    return int(found.group(1)) if found and int(found.group(1)) > 0 else None


def _po_language(value: str) -> str:
    """A gettext language (`pt_BR`, `sr@latin`, `ko_KR.UTF-8`) as a BCP-47 tag."""
    base, _, modifier = value.partition("@")
    base = base.split(".", 1)[0]
    if modifier:
        base = f"{base}-{_LOCALE_MODIFIERS.get(modifier.lower(), modifier)}"
    return normalize_lang(base)


def _language(
    given: str | None, header_value: str | None, what: str, path: Path, line: int | None
) -> str | None:
    """The language the user gave, else the header's; an unusable value is an error."""
    try:
        if given:
            return normalize_lang(given)
        if header_value:
            return _po_language(header_value)
    except UnknownLanguageError as error:
        source = f"--{what}" if given else "the header"
        raise FormatError(path, f"{error} (from {source})", None if given else line) from None
    return None


# --- segments ------------------------------------------------------------------------------


def _status(target: str, fuzzy: bool) -> SegmentStatus:
    """What a msgstr and the fuzzy flag say about a segment."""
    if not target:
        return SegmentStatus.NEW
    return SegmentStatus.DRAFT if fuzzy else SegmentStatus.TRANSLATED


def _form_count(entry: _Entry, nplurals: int | None) -> int:
    """How many segments an entry gives: one, or one per plural form."""
    if entry.msgid_plural is None:
        return 1
    return nplurals or len(entry.msgstr)


def _structure(entry: _Entry, index: int) -> dict[str, str]:
    """What export and the checks need to know about an entry."""
    structure = {"entry": str(index), "line": str(entry.line)}
    if entry.msgctxt is not None:
        structure["msgctxt"] = entry.msgctxt
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if flags:
        structure["flags"] = ", ".join(flags)
    for name, value in entry.previous.items():
        structure[f"previous_{name}"] = value
    if entry.obsolete:
        structure["obsolete"] = _OBSOLETE
    return structure


def _note(entry: _Entry) -> str | None:
    """Extracted (developer) comments, then translator comments."""
    return "\n".join([*entry.extracted_comments, *entry.translator_comments]) or None


def _entry_segments(entry: _Entry, index: int, nplurals: int | None) -> list[Segment]:
    """The segments of one entry: one, or one per plural form."""
    assert entry.msgid is not None
    count = _form_count(entry, nplurals)
    plural = entry.msgid_plural is not None
    segments = []
    for form in range(count):
        target = entry.msgstr[form] if form < len(entry.msgstr) else ""
        structure = _structure(entry, index)
        unit_id: str | None = entry.key
        if plural:
            # With one form (Korean, Chinese, Japanese) the plural msgid is otherwise unseen.
            structure["msgid_plural"] = entry.msgid_plural or ""
            structure["form"] = str(form)
            structure["forms"] = str(count)
            unit_id = f"{entry.key}[{form}]"
        source = entry.msgid if form == 0 or not plural else entry.msgid_plural
        segments.append(
            Segment(
                source=source or "",
                target=target,
                status=_status(target, entry.fuzzy),
                unit_id=None if entry.obsolete else unit_id,
                note=_note(entry),
                context=" ".join(entry.references) or None,
                structure=structure,
            )
        )
    return segments


def _segments(
    entries: Iterator[_Entry], nplurals: int | None, path: Path, offset: int, seen: dict[str, int]
) -> Iterator[Segment]:
    """Number the segments of all entries; a repeated msgctxt+msgid is an error, as in msgfmt."""
    position = 0
    for index, entry in enumerate(entries, start=offset):
        if not entry.obsolete:
            first = seen.setdefault(entry.key, entry.line)
            if first != entry.line:
                what = "header entry" if entry.is_header else "message definition"
                raise FormatError(path, f"duplicate {what} (first at line {first})", entry.line)
            if entry.is_header:
                raise FormatError(path, 'the header entry (msgid "") must come first', entry.line)
        for segment in _entry_segments(entry, index, nplurals):
            position += 1
            segment.position = position
            yield segment


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FormatError(path, f"cannot read the file: {error.strerror}") from None


# --- writing -------------------------------------------------------------------------------


def _eol(line: str) -> str:
    """The line end of a line ("" for a last line without one)."""
    return line[len(line.rstrip("\r\n")) :]


def _flag_line(flags: Sequence[str], eol: str) -> str:
    return f"#, {', '.join(flags)}{eol}"


@dataclass(slots=True)
class _EntryEdit:
    """The new targets and fuzzy flag of one entry, from its segments."""

    targets: dict[int, str]
    fuzzy: bool


def _edit(entry: _Entry, forms: dict[int, Segment]) -> _EntryEdit | None:
    """What must change in an entry for its segments, or None when it stays as read."""
    targets = {form: with_markup(seg.target, seg.codes) for form, seg in forms.items()}
    unchanged = all(
        targets[form] == (entry.msgstr[form] if form < len(entry.msgstr) else "")
        and seg.status == _status(targets[form], entry.fuzzy)
        for form, seg in forms.items()
    )
    if unchanged:
        return None
    statuses = [seg.status for seg in forms.values()]
    fuzzy = entry.fuzzy
    if any(s in (SegmentStatus.DRAFT, SegmentStatus.REJECTED) for s in statuses):
        fuzzy = True
    elif all(s.confirmed for s in statuses):
        fuzzy = False
    return _EntryEdit(targets, fuzzy)


def _rewritten(entry: _Entry, edit: _EntryEdit, lines: Sequence[str]) -> list[str]:
    """The lines of an entry with new msgstr strings and fuzzy flag; the rest as read."""
    eol = _eol(lines[entry.line - 1]) or "\n"
    out: list[str] = []
    for index in range(entry.start, entry.msgstr_spans[0][0]):
        if index == entry.body_start and edit.fuzzy and not entry.flag_lines:
            out.append(_flag_line(["fuzzy"], eol))
        if index in entry.flag_lines and edit.fuzzy != entry.fuzzy:
            first = index == entry.flag_lines[0]
            line = _edited_flags(lines[index], add=edit.fuzzy and first, eol=eol)
            if line:
                out.append(line)
            continue
        out.append(lines[index])
    out.extend(_msgstr_region(entry, edit, lines, eol))
    return out


def _edited_flags(line: str, add: bool, eol: str) -> str:
    """A `#,` line without fuzzy, or with fuzzy first; "" when no flag is left."""
    flags = [flag.strip() for flag in line.strip()[2:].split(",")]
    flags = [flag for flag in flags if flag and flag != "fuzzy"]
    if add:
        flags.insert(0, "fuzzy")
    return _flag_line(flags, eol) if flags else ""


def _msgstr_region(entry: _Entry, edit: _EntryEdit, lines: Sequence[str], eol: str) -> list[str]:
    """The msgstr lines: unchanged forms copied, changed and new ones written afresh."""
    plural = entry.msgid_plural is not None
    pieces: list[str] = []
    for form in range(max(len(entry.msgstr), *(form + 1 for form in edit.targets))):
        old = entry.msgstr[form] if form < len(entry.msgstr) else None
        new = edit.targets.get(form, old)
        if old is not None and new == old:
            start, end = entry.msgstr_spans[form]
            pieces.extend(line.rstrip("\r\n") for line in lines[start:end])
        else:
            pieces.extend(string_lines(f"msgstr[{form}]" if plural else "msgstr", new or ""))
    # The region keeps the line end it had, so a file without a final newline stays so.
    last_eol = _eol(lines[entry.msgstr_spans[-1][1] - 1])
    return [piece + eol for piece in pieces[:-1]] + [pieces[-1] + last_eol]


def _check_source(entry: _Entry, form: int, segment: Segment, where: str) -> None:
    """Refuse a segment that does not belong to the entry it points at."""
    expected = entry.msgid if form == 0 else entry.msgid_plural
    if expected is None or with_markup(segment.source, segment.codes) != expected:
        raise ValueError(
            f"segment {segment.position} ({segment.unit_id!r}) does not match the entry at "
            f"line {entry.line} of the original {where}"
        )


def _segments_by_entry(segments: Iterable[Segment]) -> dict[int, dict[int, Segment]]:
    """The segments grouped by the entry (and plural form) they came from."""
    grouped: dict[int, dict[int, Segment]] = {}
    for segment in segments:
        entry = segment.structure.get("entry")
        if entry is None:
            raise ValueError(f"segment {segment.position} was not read from a PO file")
        grouped.setdefault(int(entry), {})[int(segment.structure.get("form", "0"))] = segment
    return grouped


def _over_original(document: Document, segments: Iterable[Segment]) -> bytes:
    """The original file with the segments' targets and statuses written into it."""
    where = Path(document.name)
    text = _load(document.original, where)
    grouped = _segments_by_entry(segments)
    out: list[str] = []
    copied = 0
    header: _Entry | None = None
    for index, entry in enumerate(_parse(text, where)):
        if index == 0 and entry.is_header:
            header = entry
        forms = grouped.pop(index, None)
        if not forms or entry.obsolete:
            continue
        for form, segment in forms.items():
            _check_source(entry, form, segment, document.name)
        edit = _edit(entry, forms)
        if edit is not None:
            out.extend(text.lines[copied : entry.start])
            out.extend(_rewritten(entry, edit, text.lines))
            copied = entry.end
    if grouped:
        raise ValueError(f"segments refer to entries that {document.name} does not have")
    if not out:
        return document.original
    out.extend(text.lines[copied:])
    return _encoded(out, text, header)


def _encoded(lines: list[str], text: _Text, header: _Entry | None) -> bytes:
    """The lines in the file's charset, or in UTF-8 (header updated) if it cannot hold them."""
    bom = codecs.BOM_UTF8 if text.bom else b""
    try:
        return bom + "".join(lines).encode(text.codec)
    except UnicodeEncodeError:
        if header is None:
            raise
    for index in range(header.start, header.end):
        if _CHARSET_TEXT.search(lines[index]):
            lines[index] = _CHARSET_TEXT.sub(r"\g<1>UTF-8", lines[index], count=1)
            break
    return bom + "".join(lines).encode("utf-8")


def _fresh_header(document: Document) -> str:
    """The header of a PO file made from a document of another format."""
    fields = [
        ("Project-Id-Version", document.name),
        ("Language", document.target_lang or ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Generator", "workbench"),
        ("X-Source-Language", document.source_lang),
    ]
    return "".join(f"{name}: {value}\n" for name, value in fields)


def _fresh_entry(segment: Segment, msgctxt: str | None) -> list[str]:
    """One entry for a segment of a document read from another format."""
    lines = [""]
    lines.extend(f"#. {line}".rstrip() for line in (segment.note or "").split("\n") if line)
    lines.extend(f"#: {line}" for line in (segment.context or "").split("\n") if line.strip())
    if segment.status in (SegmentStatus.DRAFT, SegmentStatus.REJECTED):
        lines.append("#, fuzzy")
    if msgctxt is not None:
        lines.extend(string_lines("msgctxt", msgctxt))
    lines.extend(string_lines("msgid", with_markup(segment.source, segment.codes)))
    lines.extend(string_lines("msgstr", with_markup(segment.target, segment.codes)))
    return lines


def _fresh(document: Document, segments: Iterable[Segment]) -> bytes:
    """A new UTF-8 PO file: a header, then one entry per segment (msgctxt = its unit id)."""
    lines = ['msgid ""', *string_lines("msgstr", _fresh_header(document))]
    taken = {""}  # a msgid "" without msgctxt would be read as a second header
    for number, segment in enumerate(segments, start=1):
        msgctxt = segment.unit_id
        if msgctxt is None and segment.source in taken:
            msgctxt = str(segment.position or number)
        elif msgctxt is None:
            taken.add(segment.source)
        lines.extend(_fresh_entry(segment, msgctxt))
    return ("\n".join(lines) + "\n").encode("utf-8")


class PoFormat:
    """gettext PO (and POT): one segment per message, or per plural form."""

    name: ClassVar[str] = "po"
    extensions: ClassVar[tuple[str, ...]] = (".po", ".pot")

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The document (languages, header, original bytes) and its segments, lazily."""
        data = _read_bytes(path)
        text = _load(data, path)
        entries = _parse(text, path, options.on_progress)
        first = next(entries, None)
        header = first if first is not None and first.is_header else None
        fields = _header_fields(header.msgstr[0]) if header is not None else {}
        line = header.line if header is not None else None
        target = _language(options.target_lang, fields.get("language"), "target-lang", path, line)
        if target is None:
            raise FormatError(path, "no target language: give --target-lang")
        source = _language(
            options.source_lang, fields.get("x-source-language"), "source-lang", path, line
        )
        document = Document(
            name=path.name,
            format=self.name,
            source_lang=source or _DEFAULT_SOURCE_LANG,
            target_lang=target,
            original=data,
            properties=_properties(text, header, fields),
        )
        if header is None and first is not None:
            entries = _chain(first, entries)
        # Entries are numbered in file order, the header (if any) being entry 0.
        offset, seen = (1, {"": header.line}) if header is not None else (0, {})
        return document, _segments(entries, _nplurals(fields), path, offset, seen)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """Write the original with new targets, or a new file for another format's document."""
        if document.format == self.name and document.original:
            data = _over_original(document, segments)
        else:
            data = _fresh(document, segments)
        path.write_bytes(data)


def _chain(first: _Entry, rest: Iterator[_Entry]) -> Iterator[_Entry]:
    yield first
    yield from rest


def _properties(text: _Text, header: _Entry | None, fields: dict[str, str]) -> dict[str, str]:
    """Format-level facts: the whole header, its charset and plural forms."""
    properties = {"encoding": text.charset}
    if header is not None:
        properties["header"] = header.msgstr[0]
    if "plural-forms" in fields:
        properties["plural_forms"] = fields["plural-forms"]
    if text.bom:
        properties["bom"] = "true"
    return properties
