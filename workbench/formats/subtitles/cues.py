"""The blocks of a SubRip or WebVTT file: cues (id, timing line, text lines) and the rest.

Read as tolerantly as players read them: a cue is a timing line (see timing.py), the line
before it when that is its id (a SubRip number, any WebVTT id line after a blank line), and
the lines after it up to a blank line (whitespace only counts as blank), the next timing
line, or a SubRip number right before one (cues written without a blank line between them).
Everything else (the WebVTT header, STYLE and REGION blocks, NOTE comments, lines outside any
cue) is not translated and stays in the file as it was. A WebVTT NOTE between cues becomes
the note of the cue after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.formats.base import FormatError
from workbench.formats.subtitles.timing import Timing, looks_like_timing, parse_timing

_LINE = re.compile(r"[^\r\n]*")
_VTT_SIGNATURE = re.compile(r"WEBVTT(?:[ \t].*)?\Z", re.DOTALL)
_VTT_BLOCKS = ("STYLE", "REGION")


@dataclass(slots=True)
class Cue:
    """A cue as the file has it."""

    number: int
    """0-based index among the file's cues."""
    line: int
    """1-based number of its timing line."""
    identifier: str | None
    timing_line: str
    timing: Timing | None
    span: tuple[int, int] | None
    """Where its text lines are in the decoded file (start of the first, end of the last)."""
    lines: list[str]
    note: str | None = None


def line_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its ending (CRLF, LF or a lone CR)."""
    bounds = []
    position = 0
    length = len(text)
    while True:
        match = _LINE.match(text, position)
        assert match is not None  # the pattern matches the empty string
        bounds.append((position, match.end()))
        position = match.end()
        if position >= length:
            return bounds
        position += 2 if text.startswith("\r\n", position) else 1
        if position >= length:
            return bounds


def newline_of(text: str) -> str:
    """The file's first line ending (LF when it has none)."""
    match = re.search(r"\r\n|\n|\r", text)
    return match.group() if match else "\n"


class _Lines:
    """The file's lines, with the tests the block reader needs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = line_bounds(text)

    def __len__(self) -> int:
        return len(self.bounds)

    def __getitem__(self, index: int) -> str:
        start, end = self.bounds[index]
        return self.text[start:end]

    def blank(self, index: int) -> bool:
        return not self[index].strip()

    def timing(self, index: int) -> bool:
        return index < len(self) and looks_like_timing(self[index])

    def number_before_timing(self, index: int) -> bool:
        """A SubRip cue number on its own line, a timing line after it."""
        return self[index].strip().isdigit() and self.timing(index + 1)


def read_cues(text: str, vtt: bool, path: Path) -> Iterator[Cue]:
    """The cues of a decoded file in order; FormatError for a WebVTT file without WEBVTT."""
    lines = _Lines(text)
    index = 0
    if vtt:
        if not _VTT_SIGNATURE.match(lines[0]):
            message = "not a WebVTT file: its first line must be WEBVTT"
            raise FormatError(path, message, 1)
        index = 1
        while index < len(lines) and not lines.blank(index) and not lines.timing(index):
            index += 1  # the header: Kind:, Language:, and what players ignore
    number = 0
    note: str | None = None
    seen_cue = False
    while index < len(lines):
        if lines.blank(index):
            index += 1
            continue
        first = lines[index]
        if vtt and _starts_block(first, "NOTE"):
            end = _block_end(lines, index)
            if seen_cue:
                note = "\n".join(lines[i] for i in range(index, end))[4:].strip() or None
            index = end
            continue
        if vtt and any(_starts_block(first, name) for name in _VTT_BLOCKS):
            index = _block_end(lines, index)
            continue
        if lines.timing(index):
            identifier, timing_at = None, index
        elif lines.timing(index + 1):
            identifier, timing_at = first.strip(), index + 1
        else:
            index = _block_end(lines, index)  # not a cue: kept as it is
            continue
        cue, index = _cue(lines, timing_at, identifier, number, vtt)
        cue.note, note = note, None
        seen_cue = True
        number += 1
        yield cue


def _starts_block(line: str, name: str) -> bool:
    return line.startswith(name) and (len(line) == len(name) or line[len(name)] in " \t")


def _block_end(lines: _Lines, index: int) -> int:
    """The index of the first blank line from index on (or the end)."""
    while index < len(lines) and not lines.blank(index):
        index += 1
    return index


def _cue(
    lines: _Lines, timing_at: int, identifier: str | None, number: int, vtt: bool
) -> tuple[Cue, int]:
    """The cue whose timing line is at timing_at, and the index after it."""
    index = timing_at + 1
    while (
        index < len(lines)
        and not lines.blank(index)
        and not lines.timing(index)
        and not (not vtt and lines.number_before_timing(index))
    ):
        index += 1
    timing_line = lines[timing_at]
    text_lines = [lines[i] for i in range(timing_at + 1, index)]
    span = None
    if text_lines:
        span = (lines.bounds[timing_at + 1][0], lines.bounds[index - 1][1])
    cue = Cue(
        number, timing_at + 1, identifier, timing_line, parse_timing(timing_line), span, text_lines
    )
    return cue, index
