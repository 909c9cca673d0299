"""The translatable blocks of a text file, their lines and inline-code spans."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from workbench.domain.document import CODE_BASE, MAX_CODES, CodeKind

CODE_CHAR = re.compile(f"[{chr(CODE_BASE)}-{chr(CODE_BASE + MAX_CODES - 1)}]")
"""Characters of the document model's inline codes (private use)."""
ONE_LINE_KINDS = frozenset({"heading", "cell"})
"""Blocks that cannot hold a line break (ATX headings, table cells): export makes it a space."""


@dataclass(frozen=True, slots=True)
class CodeSpan:
    """Markup at `block.text[start:end]` that becomes one inline code."""

    start: int
    end: int
    kind: CodeKind
    element: str


@dataclass(slots=True)
class TextBlock:
    """One translatable block: its text without line prefixes, and where its lines are."""

    kind: str
    """text (a plain-text paragraph), paragraph, heading or cell."""
    text: str
    lines: list[tuple[int, int]]
    """(start, end) in the decoded file of each line's part of text; text joins them by \\n."""
    line: int
    """1-based line number of the first line."""
    codes: list[CodeSpan] = field(default_factory=list)
    level: int = 0
    """Heading level (1-6), 0 for other blocks."""
    context: str | None = None
    """The heading the block sits under."""


def line_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line without its line ending (\\n or \\r\\n)."""
    bounds = []
    start = 0
    pieces = text.split("\n")
    for number, piece in enumerate(pieces):
        end = start + len(piece)
        last = number == len(pieces) - 1
        bounds.append((start, end - 1 if piece.endswith("\r") and not last else end))
        start = end + 1
    return bounds


# --- blocks --------------------------------------------------------------------------------


def plain_text_blocks(text: str, bounds: Sequence[tuple[int, int]]) -> Iterator[TextBlock]:
    """Paragraphs of a plain-text file: runs of lines that are not blank."""
    run: list[tuple[int, int]] = []
    first = 0
    for number, (start, end) in enumerate(bounds):
        if start < end and not text[start:end].isspace():
            if not run:
                first = number
            run.append((start, end))
        elif run:
            yield _paragraph(text, run, first)
            run = []
    if run:
        yield _paragraph(text, run, first)


def _paragraph(text: str, lines: list[tuple[int, int]], first: int) -> TextBlock:
    """A plain-text paragraph: whole lines, indentation included."""
    joined = "\n".join(text[start:end] for start, end in lines)
    return TextBlock("text", joined, lines, first + 1, with_private_use([], joined))


def with_private_use(codes: list[CodeSpan], text: str) -> list[CodeSpan]:
    """Codes plus a standalone code for each private-use character outside them."""
    extra = []
    starts = [code.start for code in codes]
    for match in CODE_CHAR.finditer(text):
        at = bisect_left(starts, match.start() + 1) - 1
        if at < 0 or codes[at].end <= match.start():
            extra.append(CodeSpan(match.start(), match.end(), "standalone", "private-use"))
    if not extra:
        return codes
    return sorted(codes + extra, key=lambda code: code.start)


def plain_view(block: TextBlock) -> tuple[str, list[int] | None]:
    """The block's text without its codes, and each character's offset in the text.

    Code markup would hide sentence ends from the splitter (`**end.** Next`); None stands for
    the identity map of a block without codes.
    """
    if not block.codes:
        return block.text, None
    pieces: list[str] = []
    offsets: list[int] = []
    position = 0
    for code in block.codes:
        pieces.append(block.text[position : code.start])
        offsets.extend(range(position, code.start))
        position = code.end
    pieces.append(block.text[position:])
    offsets.extend(range(position, len(block.text)))
    return "".join(pieces), offsets
