"""A block's sentences as segments: split, widened over their codes, coded for the model."""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

from workbench.domain.document import MAX_CODES, InlineCode, Segment, code_char
from workbench.formats.base import FormatError
from workbench.formats.srx import split_sentences
from workbench.formats.text.blocks import CodeSpan, TextBlock, plain_view

_DISPLAY_WIDTH = 24


# --- sentences -----------------------------------------------------------------------------


def sentence_ranges(block: TextBlock, lang: str) -> list[tuple[int, int]]:
    """(start, end) in the block's text of each segment: a sentence with its codes."""
    plain, offsets = plain_view(block)
    spans = split_sentences(plain, lang)
    if offsets is None:
        return [(span.start, span.end) for span in spans]
    ranges = [(offsets[span.start], offsets[span.end - 1] + 1) for span in spans]
    return _balanced(_with_codes(ranges, block.codes), block.codes)


def _with_codes(ranges: list[tuple[int, int]], codes: list[CodeSpan]) -> list[tuple[int, int]]:
    """Widen sentences over the codes between them, so that every code belongs to one.

    A close or standalone code right after a sentence ends it (`**end.**`); any other code
    in the gap opens the next sentence; codes before the first and after the last sentence
    belong to it.
    """
    starts = [code.start for code in codes]
    by_start = {code.start: code for code in codes}
    widened = []
    previous_end = 0
    for start, end in ranges:
        first = bisect_left(starts, previous_end)
        if first < len(codes) and codes[first].start < start:
            start = codes[first].start
        while (code := by_start.get(end)) is not None and code.kind != "open":
            end = code.end
        widened.append((start, end))
        previous_end = end
    if widened and codes and codes[-1].start >= widened[-1][1]:
        widened[-1] = (widened[-1][0], codes[-1].end)
    return widened


def _balanced(ranges: list[tuple[int, int]], codes: list[CodeSpan]) -> list[tuple[int, int]]:
    """Join sentences that an open/close pair spans: a segment never splits a pair."""
    starts = [code.start for code in codes]
    joined: list[tuple[int, int]] = []
    depth = 0
    pending: int | None = None
    for start, end in ranges:
        inside = codes[bisect_left(starts, start) : bisect_left(starts, end)]
        depth += sum(1 if c.kind == "open" else -1 if c.kind == "close" else 0 for c in inside)
        if pending is None:
            pending = start
        if depth <= 0:
            joined.append((pending, end))
            pending, depth = None, 0
    if pending is not None:
        joined.append((pending, ranges[-1][1]))
    return joined


def _coded_text(
    block: TextBlock, starts: list[int], start: int, end: int, path: Path
) -> tuple[str, list[InlineCode]]:
    """The segment text of block.text[start:end], codes replaced by their characters.

    starts holds the start of each of the block's codes (made once per block, not per segment).
    """
    inside = block.codes[bisect_left(starts, start) : bisect_left(starts, end)]
    if len(inside) > MAX_CODES:
        line = block.line + block.text.count("\n", 0, start)
        raise FormatError(path, f"more than {MAX_CODES} inline codes in one sentence", line)
    pieces: list[str] = []
    codes: list[InlineCode] = []
    open_ids: list[str] = []
    position = start
    for index, span in enumerate(inside):
        pieces += [block.text[position : span.start], code_char(index)]
        position = span.end
        code_id = str(index + 1)
        if span.kind == "open":
            open_ids.append(code_id)
        elif span.kind == "close" and open_ids:
            code_id = open_ids.pop()
        markup = block.text[span.start : span.end]
        codes.append(InlineCode(span.kind, span.element, code_id, markup, _display(markup)))
    pieces.append(block.text[position:end])
    return "".join(pieces), codes


def _display(markup: str) -> str:
    """A short label for a code: its markup, cut if long."""
    flat = markup.replace("\n", " ")
    return flat if len(flat) <= _DISPLAY_WIDTH else flat[: _DISPLAY_WIDTH - 1] + "…"


def block_segments(block: TextBlock, index: int, lang: str, path: Path) -> list[Segment]:
    """The block's sentences as segments, with what export needs to put them back."""
    ranges = sentence_ranges(block, lang)
    starts = [code.start for code in block.codes]
    segments = []
    previous_end = 0
    line = block.line
    for number, (start, end) in enumerate(ranges):
        line += block.text.count("\n", previous_end, start)
        source, codes = _coded_text(block, starts, start, end, path)
        structure = {"paragraph": str(index), "sentence": str(number), "kind": block.kind}
        structure["line"] = str(line)
        if block.level:
            structure["level"] = str(block.level)
        if start > previous_end:
            structure["before"] = block.text[previous_end:start]
        if number == 0:
            structure["lines"] = ",".join(f"{a}-{b}" for a, b in block.lines)
        if number == len(ranges) - 1 and end < len(block.text):
            structure["after"] = block.text[end:]
        unit_id = f"{index + 1}.{number + 1}"
        segments.append(
            Segment(
                source, codes=codes, unit_id=unit_id, context=block.context, structure=structure
            )
        )
        line += block.text.count("\n", start, end)
        previous_end = end
    return segments
