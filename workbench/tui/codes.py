"""Inline codes as the translator sees them: compact labels such as ⟨1⟩ ⟨/1⟩ ⟨2/⟩."""

from __future__ import annotations

import re
from collections import Counter

from rich.cells import cell_len

from workbench.domain.checks import CheckContext, Pair
from workbench.domain.checks.markup import tag_mismatch, tag_order
from workbench.domain.document import InlineCode, Segment, code_char, code_indexes
from workbench.domain.labels import code_labels as code_labels
from workbench.domain.labels import shown_char
from workbench.domain.labels import shown_text as shown_text


def stored_text(shown: str, codes: list[InlineCode]) -> str:
    """The text as stored: the labels the translator left turned back into code characters."""
    if not codes:
        return shown
    labels = {label: code_char(index) for index, label in enumerate(code_labels(codes))}
    pattern = re.compile("|".join(re.escape(label) for label in labels))
    return pattern.sub(lambda found: labels[found.group(0)], shown)


def truncated(text: str, width: int) -> str:
    """One line of at most width cells, ending in … when cut."""
    line = text.replace("\n", " ⏎ ")
    if cell_len(line) <= width:
        return line
    kept, used = [], 0
    for char in line:
        used += cell_len(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def shown_offsets(text: str, codes: list[InlineCode]) -> list[int]:
    """Where each character of text starts in its shown form, plus the shown length at the end."""
    labels = code_labels(codes)
    offsets, shown = [], 0
    for char in text:
        offsets.append(shown)
        shown += len(shown_char(char, labels))
    offsets.append(shown)
    return offsets


def stored_offset(offsets: list[int], shown_at: int) -> int:
    """The stored-text offset of a shown offset (inside a label: the code's own offset)."""
    for stored_at, start in enumerate(offsets):
        if start >= shown_at:
            return stored_at if start == shown_at else stored_at - 1
    return len(offsets) - 1


def missing_codes(source: str, target: str) -> list[int]:
    """The codes of source that target lacks, in source order (by index into the code table)."""
    left = Counter(code_indexes(target))
    missing = []
    for index in code_indexes(source):
        if left[index]:
            left[index] -= 1
        else:
            missing.append(index)
    return missing


def code_problems(segment: Segment, target: str) -> list[str]:
    """How the codes of target differ from the segment's source: missing, extra, misordered.

    The rule is QA's (tag_mismatch, tag_order); empty when the codes agree.
    """
    pair = Pair(segment.source, target, "", "", segment.position, codes=tuple(segment.codes))
    context = CheckContext()
    return [*tag_mismatch(pair, context), *tag_order(pair, context)]
