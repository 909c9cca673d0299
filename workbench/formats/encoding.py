"""Text decoding for every text-based reader: one byte-order-mark sniff, one set of checks,
one style of error.

Which encoding a file is read in, first match wins:
1. its byte order mark: UTF-32 is looked for before UTF-16, whose little-endian mark (FF FE)
   begins UTF-32LE's (FF FE 00 00); an encoding given as well must agree with the mark;
2. the encoding the user gave (`--encoding`, `ReadOptions.encoding`);
3. the encoding the file declares (a PO header's charset, an HTML meta tag...), passed by the
   reader as `declared`;
4. UTF-8.

The decoded text is refused (FormatError naming the line and column) when it does not
decode, holds a NUL (UTF-16 or UTF-32 without a byte order mark decodes as "valid" UTF-8 full
of NULs; the message then names the encoding to give), is implausible (letters of another
alphabet inside Latin words, the tell-tale of a wrong 8-bit charset; unassigned or C1 control
characters that real text does not have), or has a line longer than the limit.

    decoded = decode(data, path, encoding=options.encoding, limits=options.limits)
    decoded.text, decoded.encoding, decoded.bom, decoded.encode(new_text)

`decoded_lines` does the same incrementally for files read as a stream of lines.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from workbench.domain.limits import LimitError, Limits
from workbench.formats.base import FormatError

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""Byte order marks and their codecs, UTF-32 first."""

ENCODING_HINT = "give its encoding with --encoding (e.g. cp949, gb18030, big5, shift_jis)"
_SAMPLE = 1 << 16
"""Characters (or bytes) looked at by the plausibility checks: enough to tell, cheap to do."""
_CHUNK = 1 << 16
_IMPLAUSIBLE_SHARE = 0.01
_UNICODE_FAMILIES = {"utf-8": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}
# Letters of alphabetic scripts that never share a word with Latin letters in real text.
_FOREIGN_LETTER = re.compile("[\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff]")
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\W\d_\x00-\x7f][^\W\d_]*")
_ASCII_LETTER = re.compile("[A-Za-z]")
_C1 = re.compile("[\x80-\x9f]")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and what is needed to encode it back the same way."""

    text: str
    encoding: str
    """The Python codec it was decoded with (utf-8, utf-16-le, cp949...)."""
    bom: bytes
    """The byte order mark it started with, b"" for none."""

    def encode(self, text: str) -> bytes:
        """Text in this file's encoding, with its byte order mark if it had one."""
        return self.bom + text.encode(self.encoding)


def codec_name(name: str, path: Path | str, line: int | None = None, what: str = "encoding") -> str:
    """Python's name for an encoding (cp949 for `ks_c_5601-1987`); FormatError if unknown."""
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        raise FormatError(path, f"unknown {what} {name!r}", line) from None


def label(codec: str) -> str:
    """How an encoding is named in messages: UTF-8, UTF-16LE, cp949."""
    if codec.startswith("utf"):
        return codec.upper().replace("-LE", "LE").replace("-BE", "BE")
    return codec


def sniff_bom(data: bytes) -> tuple[bytes, str] | None:
    """The byte order mark data starts with and its codec, UTF-32 before UTF-16."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return bom, codec
    return None


def bomless_unicode(data: bytes) -> str | None:
    """UTF-16 or UTF-32 (with its byte order) that data looks like without a mark, if any.

    Those encodings put NUL bytes at fixed places: UTF-32 two of every four bytes, UTF-16 one
    of every ASCII character's two (spaces and line ends in CJK text too). Real UTF-8 and
    8-bit text have none.
    """
    sample = data[:_SAMPLE]
    zeros = sample.count(0)
    if zeros < max(4, len(sample) // 50):
        return None
    quarter = max(len(sample) // 4, 1)
    at = [sample[offset::4].count(0) for offset in range(4)]
    guess = None
    if min(at[2], at[3]) >= 0.9 * quarter:
        guess = "utf-32-le"
    elif min(at[0], at[1]) >= 0.9 * quarter:
        guess = "utf-32-be"
    elif at[1] + at[3] >= 0.95 * zeros:
        guess = "utf-16-le"
    elif at[0] + at[2] >= 0.95 * zeros:
        guess = "utf-16-be"
    if guess is None:
        return None
    unit = 4 if guess.startswith("utf-32") else 2
    try:
        text = sample[: len(sample) // unit * unit].decode(guess)
    except UnicodeDecodeError:
        return None
    return guess if "\0" not in text else None


@dataclass(frozen=True, slots=True)
class _Choice:
    """The codec chosen for a file, the mark to skip, and how to advise on failure."""

    codec: str
    bom: bytes
    hint: str


def _choose(
    data: bytes, path: Path | str, encoding: str | None, declared: str | None, declared_by: str
) -> _Choice:
    """The codec by the module's order of precedence."""
    found = sniff_bom(data)
    given = codec_name(encoding, path) if encoding else None
    if found is not None:
        bom, codec = found
        if given is not None and _family(given) != _family(codec):
            raise FormatError(
                path,
                f"starts with a {label(codec)} byte order mark, but the encoding given is "
                f"{given}; leave --encoding out",
                1,
            )
        return _Choice(codec, bom, "the file's byte order mark says so")
    if given is not None:
        return _Choice(given, b"", f"is --encoding {given} right?")
    if declared:
        return _Choice(codec_name(declared, path), b"", f"check the charset {declared_by} declares")
    return _Choice("utf-8", b"", f"{ENCODING_HINT}, or save it as UTF-8")


def _family(codec: str) -> str:
    """utf-16 for utf-16, utf-16-le and utf-16-be (and so on); other codecs are their own."""
    return next((f for prefix, f in _UNICODE_FAMILIES.items() if codec.startswith(prefix)), codec)


def decode(
    data: bytes,
    path: Path | str,
    *,
    encoding: str | None = None,
    declared: str | None = None,
    declared_by: str = "the file",
    limits: Limits | None = None,
) -> Decoded:
    """Decode a whole file (see the module docstring); FormatError with line and column."""
    choice = _choose(data, path, encoding, declared, declared_by)
    body = memoryview(data)[len(choice.bom) :]
    if not choice.bom and encoding is None:
        _refuse_bomless_unicode(bytes(body[:_SAMPLE]), path)
    if limits is not None and len(body) > limits.line and _family(choice.codec) == "utf-8":
        # a line of more than four bytes a character is over the limit in any case: refuse
        # it before the whole file is decoded (a 50 MB one-line file costs no 200 MB string)
        check_byte_lines(data, len(choice.bom), path, limits.line)
    try:
        text = str(body, choice.codec)
    except UnicodeDecodeError as error:
        done = bytes(body[: error.start]).decode(choice.codec, "replace")
        raise _decode_error(done, error, choice, path) from None
    # a byte order mark is proof enough of the encoding: no guessing whether it looks right
    check_text(text, path, choice.codec, limits, plausible=not choice.bom)
    return Decoded(text, choice.codec, choice.bom)


def check_text(
    text: str,
    path: Path | str,
    codec: str,
    limits: Limits | None = None,
    first_line: int = 1,
    plausible: bool = True,
) -> None:
    """The checks every decoded text passes: no NUL, plausible, lines within the limit.

    first_line is the line text starts on, for a piece of a longer file.
    """
    nul = text.find("\0")
    if nul >= 0:
        line, column = position(text, nul)
        raise FormatError(
            path,
            "holds a NUL character: a binary file, or not in the encoding it was read in "
            f"({label(codec)}); {ENCODING_HINT}",
            first_line + line - 1,
            column,
        )
    if plausible:
        check_plausible(text[:_SAMPLE], path, codec)
    if limits is not None and len(text) > limits.line:
        check_line_lengths(text, path, limits.line, first_line)


def decoded_lines(
    stream: BinaryIO,
    path: Path | str,
    *,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> Iterator[str]:
    """The lines of a stream (each with its "\\n"), decoded and checked as in `decode`."""
    data = stream.read(_CHUNK)
    choice = _choose(data, path, encoding, None, "the file")
    data = data[len(choice.bom) :]
    if not choice.bom and encoding is None:
        _refuse_bomless_unicode(data, path)
    decoder = codecs.getincrementaldecoder(choice.codec)()
    line = 1
    pending = ""
    first = True
    while True:
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            done = pending + error.object[: error.start].decode(choice.codec, "replace")
            # A stream names the line only, as the csv module's own errors do.
            raise _decode_error(done, error, choice, path, line, with_column=False) from None
        piece = pending + text
        if first and not choice.bom:
            check_plausible(piece[:_SAMPLE], path, choice.codec)
        first = False
        if "\0" in text or (limits is not None and len(piece) > limits.line):
            check_text(piece, path, choice.codec, limits, line, plausible=False)
        *complete, pending = piece.split("\n")
        for whole in complete:
            yield whole + "\n"
        line += len(complete)
        if not data:
            break
        data = stream.read(_CHUNK)
    if pending:
        yield pending


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of text[index]."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def check_line_lengths(text: str, path: Path | str, longest: int, first_line: int = 1) -> None:
    """FormatError naming the first line longer than longest characters."""
    start = 0
    line = first_line
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if end - start > longest:
            raise _line_error(path, line, longest)
        start = end + 1
        line += 1


def check_byte_lines(data: bytes, start: int, path: Path | str, longest: int) -> None:
    """FormatError for the first line of UTF-8 bytes that must hold over longest characters."""
    line = 1
    while start <= len(data):
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        if end - start > 4 * longest:
            raise _line_error(path, line, longest)
        start = end + 1
        line += 1


def _line_error(path: Path | str, line: int, longest: int) -> FormatError:
    return FormatError(path, str(LimitError("line", longest)), line)


def check_plausible(text: str, path: Path | str, codec: str) -> None:
    """Refuse text that no real document has, the sign of a wrong encoding.

    Letters of another alphabet inside mostly-Latin words come from an 8-bit text read in the
    wrong 8-bit charset (Latin-1 French read as KOI8-R gives `SymИtrie`); unassigned code
    points and C1 controls come from bytes read in the wrong multi-byte encoding.
    """
    family = _family(codec)
    if family not in ("utf-8", "utf-16", "utf-32"):
        _check_mixed_words(text, path, codec)
    if family == "utf-8":
        return  # valid UTF-8 says what its author wrote (controls: domain.controls)
    odd = _C1.findall(text)
    unassigned = 0
    if not text.isascii():
        unassigned = sum(1 for char in text if unicodedata.category(char) == "Cn")
    if (len(odd) + unassigned) > max(len(text) * _IMPLAUSIBLE_SHARE, 2):
        raise FormatError(
            path,
            f"does not look like {label(codec)} text ({len(odd) + unassigned} unassigned or "
            f"control characters in the first {len(text):,}); {ENCODING_HINT}",
        )


def _check_mixed_words(text: str, path: Path | str, codec: str) -> None:
    """Refuse 8-bit text whose non-Latin letters sit mostly inside Latin words."""
    foreign = mixed = 0
    first = -1
    for word in _NON_ASCII_WORD.finditer(text):
        if _FOREIGN_LETTER.search(word.group()):
            foreign += 1
            if _ASCII_LETTER.search(word.group()):
                mixed += 1
                first = word.start() if first < 0 else first
    if mixed * 2 > foreign:
        line, _ = position(text, first)
        sample = _NON_ASCII_WORD.match(text, first)
        shown = sample.group() if sample else ""
        raise FormatError(
            path,
            f"text does not look like {label(codec)}: {shown!r} mixes Latin with other "
            f"letters; convert the file to UTF-8 (or give the right --encoding)",
            line,
        )


def _refuse_bomless_unicode(head: bytes, path: Path | str) -> None:
    """FormatError when a file without a byte order mark looks like UTF-16 or UTF-32."""
    guess = bomless_unicode(head)
    if guess is not None:
        raise FormatError(
            path,
            f"looks like {label(guess)} without a byte order mark; give --encoding {guess} "
            "(or save the file as UTF-8)",
            1,
        )


def _decode_error(
    done: str,
    error: UnicodeDecodeError,
    choice: _Choice,
    path: Path | str,
    first_line: int = 1,
    with_column: bool = True,
) -> FormatError:
    """The error for bytes that do not decode; done is the text decoded before them."""
    line, column = position(done + "x", len(done))
    return FormatError(
        path,
        f"not valid {label(choice.codec)} ({error.reason}); {choice.hint}",
        first_line + line - 1,
        column if with_column else None,
    )
