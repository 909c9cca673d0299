"""Writing text documents: our own rebuilt from the original, others line by line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from workbench.domain.document import Document, Segment, is_translatable, plain_text, with_markup
from workbench.formats.base import FormatError
from workbench.formats.text.blocks import CODE_CHAR, ONE_LINE_KINDS
from workbench.formats.text.decoding import DecodedText, decode_text

_NEWLINES = {"lf": "\n", "crlf": "\r\n"}
_OWN_FORMATS = ("txt", "md")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


# --- export --------------------------------------------------------------------------------


def _render(segment: Segment, one_line: bool, escape_pipes: bool, path: Path) -> str:
    """The segment's target (its source when empty) with each code's markup written back."""
    text = (segment.target or segment.source).replace("\r\n", "\n")
    if one_line:
        text = text.replace("\n", " ")
    if escape_pipes:
        # a bare | typed into a table cell would start a new cell
        text = _UNESCAPED_PIPE.sub(r"\\|", text)
    if CODE_CHAR.search(text) is None:  # the common case, without a look at every character
        return text
    try:
        return with_markup(text, segment.codes)
    except ValueError as error:
        line = int(segment.structure.get("line", "0")) or None
        raise FormatError(path, f"segment {segment.unit_id}: {error}", line) from None


def _parse_lines(value: str) -> list[tuple[int, int]]:
    """The `lines` structure value back as (start, end) pairs."""
    pairs = []
    for item in value.split(","):
        start, _, end = item.partition("-")
        pairs.append((int(start), int(end)))
    return pairs


def _continuation_prefix(text: str, lines: list[tuple[int, int]]) -> str:
    """What starts a line added to a block: its last line's prefix, or the first's made blank.

    A first-line prefix holds the block's marker (`- `, `1. `, `## `); spaces of the same
    width continue the block, while `>` must stay for a line to remain in the quote.
    """
    start = lines[-1][0]
    prefix = text[text.rfind("\n", 0, start) + 1 : start]
    if len(lines) > 1:
        return prefix
    return "".join(char if char in ">\t" else " " for char in prefix)


def _relayout(body: str, lines: list[tuple[int, int]], decoded: DecodedText) -> str:
    """A block's new text put back on lines, with each line's original prefix and ending."""
    text = decoded.text
    parts = body.split("\n")
    joints = [text[lines[i][1] : lines[i + 1][0]] for i in range(len(lines) - 1)]
    if len(parts) > len(lines):
        extra = _NEWLINES[decoded.newline] + _continuation_prefix(text, lines)
        joints += [extra] * (len(parts) - len(lines))
    pieces = [parts[0]]
    for joint, part in zip(joints, parts[1:], strict=False):
        pieces += [joint, part]
    return "".join(pieces)


def _blocks_of(segments: Iterable[Segment]) -> Iterator[list[Segment]]:
    """Runs of segments that belong to one block."""
    run: list[Segment] = []
    for segment in segments:
        if run and segment.structure.get("paragraph") != run[0].structure.get("paragraph"):
            yield run
            run = []
        run.append(segment)
    if run:
        yield run


def rebuild(document: Document, segments: Iterable[Segment], path: Path) -> bytes:
    """The original file with every block's sentences replaced by their targets."""
    # Decoded as at import (an encoding given then is recorded), so the offsets still fit.
    decoded = decode_text(document.original, path, document.properties.get("encoding"))
    text = decoded.text
    pieces: list[str] = []
    position = 0
    for run in _blocks_of(segments):
        lines_value = run[0].structure.get("lines")
        if not lines_value:
            continue  # the block's first sentence is missing: keep the block as it was
        lines = _parse_lines(lines_value)
        if lines[0][0] < position or lines[-1][1] > len(text):
            raise FormatError(path, "the segments do not fit the original file")
        kind = run[0].structure.get("kind", "")
        one_line = kind in ONE_LINE_KINDS and len(lines) == 1
        body = "".join(
            s.structure.get("before", "") + _render(s, one_line, kind == "cell", path) for s in run
        )
        body += run[-1].structure.get("after", "")
        pieces += [text[position : lines[0][0]], _relayout(body, lines, decoded)]
        position = lines[-1][1]
    pieces.append(text[position:])
    return decoded.encode("".join(pieces))


def plain_lines(segments: Iterable[Segment]) -> bytes:
    """Translatable segments of any document as UTF-8 lines, a blank line between paragraphs."""
    lines: list[str] = []
    previous: str | None = None
    for segment in filter(is_translatable, segments):
        paragraph = segment.structure.get("paragraph")
        if lines and paragraph is not None and paragraph != previous:
            lines.append("")
        previous = paragraph
        lines.append(plain_text(segment.target or segment.source))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def write_document(document: Document, segments: Iterable[Segment], path: Path) -> None:
    """Rebuild our own documents from their original, write others line by line."""
    if document.format in _OWN_FORMATS and document.original:
        data = rebuild(document, segments, path)
    else:
        data = plain_lines(segments)
    path.write_bytes(data)
