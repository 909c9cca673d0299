"""A paragraph's coded text cut into sentence segments, and put back together from targets.

Sentences are found by the project's SRX segmenter, as for plain text and Markdown (the
text module's `sentence_ranges`: codes between sentences go to the sentence they belong
to, and an open/close pair is never split). Codes that stand alone before the first or
after the last text of a paragraph (a bookmark, an anchored picture, a comment mark) stay
outside every segment: export writes them where they were. Each segment keeps the
whitespace before it (`before`) and, the last one, after it (`after`), as text does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.document import CODE_BASE, InlineCode, Segment, code_char, code_index
from workbench.formats.base import FormatError
from workbench.formats.office.inline import CODE_CHARACTER, Coded, CodeRef
from workbench.formats.text.blocks import CodeSpan, TextBlock
from workbench.formats.text.sentences import sentence_ranges

_MARKUP_LIMIT = 2000
"""Longest markup kept on a code (its display label says what it is; export uses the file)."""


@dataclass(frozen=True, slots=True)
class Core:
    """Where a paragraph's segmented text lies: codes before and after it stay outside."""

    start: int
    end: int

    @classmethod
    def of(cls, coded: Coded) -> Core:
        text = coded.text
        start, end = 0, len(text)
        while start < end and _outside(text[start], coded.codes):
            start += 1
        while end > start and _outside(text[end - 1], coded.codes):
            end -= 1
        return cls(start, end)


def _outside(char: str, codes: Sequence[CodeRef]) -> bool:
    index = code_index(char)
    return index is not None and index < len(codes) and codes[index].kind == "standalone"


def has_text(coded: Coded) -> bool:
    """Whether the paragraph has anything to translate (not only codes and spaces)."""
    return bool(CODE_CHARACTER.sub("", coded.text).strip())


def paragraph_segments(
    coded: Coded,
    lang: str,
    unit_id: str,
    structure: dict[str, str],
    context: str | None = None,
    note: str | None = None,
) -> list[Segment]:
    """The paragraph's sentences as segments ("unit_id.n"); structure is copied into each."""
    core = Core.of(coded)
    text = coded.text[core.start : core.end]
    spans = [
        CodeSpan(match.start(), match.end(), coded.codes[ord(match.group()) - CODE_BASE].kind, "")
        for match in CODE_CHARACTER.finditer(text)
    ]
    block = TextBlock("office", text, [], 0, spans)
    ranges = sentence_ranges(block, lang)
    outside = coded.text[: core.start] + coded.text[core.end :]
    outside_notes = _local(outside, coded.codes)[2]
    segments = []
    previous_end = 0
    for number, (start, end) in enumerate(ranges):
        source, codes, notes = _local(text[start:end], coded.codes)
        own = dict(structure, sentence=str(number))
        if start > previous_end:
            own["before"] = text[previous_end:start]
        if number == len(ranges) - 1 and end < len(text):
            own["after"] = text[end:]
        if number == 0:
            notes = [*([note] if note else []), *outside_notes, *notes]
        segments.append(
            Segment(
                source,
                codes=codes,
                unit_id=f"{unit_id}.{number + 1}",
                context=context,
                note="\n".join(notes) or None,
                structure=own,
            )
        )
        previous_end = end
    return segments


def _local(text: str, refs: Sequence[CodeRef]) -> tuple[str, list[InlineCode], list[str]]:
    """A sentence with its codes renumbered from 0, their InlineCodes and comment notes."""
    pieces: list[str] = []
    codes: list[InlineCode] = []
    notes: list[str] = []
    pairs: list[tuple[int, str]] = []
    for position, piece in enumerate(CODE_CHARACTER.split(text)):
        if not position % 2:
            pieces.append(piece)
            continue
        ref = refs[ord(piece) - CODE_BASE]
        local = len(codes)
        code_id = str(local + 1)
        if ref.kind == "open":
            pairs.append((id(ref.target), code_id))
        elif ref.kind == "close":
            code_id = _close_id(pairs, id(ref.target)) or code_id
        markup = ref.markup[:_MARKUP_LIMIT]
        codes.append(InlineCode(ref.kind, "office", code_id, markup, ref.label))
        if ref.note:
            notes.append(ref.note)
        pieces.append(code_char(local))
    return "".join(pieces), codes, notes


def _close_id(pairs: list[tuple[int, str]], target: int) -> str | None:
    """The id of the latest open code of the same target, which this close code ends."""
    for position in range(len(pairs) - 1, -1, -1):
        if pairs[position][0] == target:
            return pairs.pop(position)[1]
    return None


def translated_text(coded: Coded, segments: Sequence[Segment], path: Path, where: str) -> str:
    """The paragraph's coded text with each segment's target (its source when empty).

    Checks that the stored segments are the paragraph's text as it is in the original, so a
    document never gets another file's translation.
    """
    core = Core.of(coded)
    offset = core.start
    rebuilt: list[str] = [coded.text[: core.start]]
    original: list[str] = [coded.text[: core.start]]
    for segment in sorted(segments, key=lambda s: int(s.structure.get("sentence", "0"))):
        before = segment.structure.get("before", "")
        after = segment.structure.get("after", "")
        count = len(segment.codes)
        original += [before, _paragraph_codes(segment.source, offset, count), after]
        target = segment.target or segment.source
        rebuilt += [before, _paragraph_codes(target, offset, count), after]
        offset += count
    original.append(coded.text[core.end :])
    rebuilt.append(coded.text[core.end :])
    if "".join(original) != coded.text:
        message = f"{where}: the stored segments do not match the original paragraph"
        raise FormatError(path, message)
    return "".join(rebuilt)


def _paragraph_codes(text: str, offset: int, count: int) -> str:
    """A segment's text with its code characters numbered in the paragraph's code table.

    A code character beyond the segment's own codes is dropped (the model refuses those on
    save; a stray one must not reach into another sentence's codes).
    """
    if not offset and CODE_CHARACTER.search(text) is None:
        return text

    def renumbered(match: re.Match[str]) -> str:
        index = ord(match.group()) - CODE_BASE
        return code_char(offset + index) if index < count else ""

    return CODE_CHARACTER.sub(renumbered, text)
