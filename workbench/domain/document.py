"""Documents: units of translatable text split into segments, with protected inline codes.

Inline codes (XLIFF <g>, <x/>, <bpt>/<ept>, <ph>, <pc>, <sc>/<ec> ...; Markdown emphasis,
links and code spans; printf placeholders are *not* codes) are kept out of the text a
translator edits: each stands in the text as one private-use character, CODE_BASE + its
index in the segment's code table, which source and target share. The editor shows them as
compact placeholders (⟨1⟩ ⟨/1⟩ ⟨2/⟩), the checks compare them, and export writes back the
exact markup recorded for each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Literal

CODE_BASE = 0xE000
"""First private-use character standing for an inline code; U+E000 + index in `codes`."""
MAX_CODES = 0x1900
"""Codes per segment that fit in the Basic Multilingual Plane's private-use area."""


class SegmentStatus(StrEnum):
    """Where a segment is in the workflow."""

    NEW = "new"
    DRAFT = "draft"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def confirmed(self) -> bool:
        """Translated or later: the translator has confirmed the target."""
        return self in (SegmentStatus.TRANSLATED, SegmentStatus.REVIEWED, SegmentStatus.APPROVED)


CodeKind = Literal["open", "close", "standalone"]


@dataclass(frozen=True, slots=True)
class InlineCode:
    """One inline code of a segment, with the markup that export writes back."""

    kind: CodeKind
    element: str
    """The element or construct: g, x, bx, ex, bpt, ept, ph, it, mrk, pc, sc, ec, md-strong ..."""
    id: str
    """The file's id for it (pairs open and close); unique per code within a unit."""
    markup: str
    """Exactly what export writes back for it (the original XML or Markdown)."""
    display: str = ""
    """A short human label (equiv-text, disp, or the native code), shown in the editor."""


def code_char(index: int) -> str:
    """The character that stands for codes[index] in a segment's text."""
    if not 0 <= index < MAX_CODES:
        raise ValueError(f"inline code index {index} out of range")
    return chr(CODE_BASE + index)


def code_index(char: str) -> int | None:
    """The code index a character stands for, or None for ordinary text."""
    offset = ord(char) - CODE_BASE
    return offset if 0 <= offset < MAX_CODES else None


def code_indexes(text: str) -> list[int]:
    """The code indexes in text, in order."""
    return [i for i in (code_index(c) for c in text) if i is not None]


def with_markup(text: str, codes: Sequence[InlineCode]) -> str:
    """Text with each code character replaced by the markup recorded for its code."""
    if not any(code_index(c) is not None for c in text):
        return text
    parts = []
    for char in text:
        index = code_index(char)
        if index is None:
            parts.append(char)
        elif index < len(codes):
            parts.append(codes[index].markup)
        else:
            raise ValueError(f"inline code {index + 1} is not in the segment's code table")
    return "".join(parts)


def is_translatable(segment: Segment) -> bool:
    """False for what a file keeps but nobody translates (translate="no", obsolete entries)."""
    return (
        segment.structure.get("translate") != "no" and segment.structure.get("obsolete") != "true"
    )


LOCKED = "locked"
"""`Segment.structure` key: "yes" when the file's own tool locked the segment (Trados, memoQ)."""


def is_locked(segment: Segment) -> bool:
    """True for a segment locked in its file: shown read-only, and saves to it are refused."""
    return segment.structure.get(LOCKED) == "yes"


def plain_text(text: str) -> str:
    """Text without its code characters (for term recognition, scoring, word counts)."""
    return "".join(c for c in text if code_index(c) is None)


@dataclass(slots=True)
class Segment:
    """A translatable piece of a document: source, target, status and context."""

    source: str
    target: str = ""
    codes: list[InlineCode] = field(default_factory=list)
    status: SegmentStatus = SegmentStatus.NEW
    unit_id: str | None = None
    """The file's identifier (trans-unit/unit id, msgctxt+msgid); unique within a document."""
    note: str | None = None
    context: str | None = None
    """Where it comes from: file, location, msgctxt, the heading it sits under."""
    structure: dict[str, str] = field(default_factory=dict)
    """What the format needs to put it back (paragraph index, heading level, plural form ...)."""
    author: str | None = None
    updated_at: datetime | None = None
    version: int = 0
    """Bumped by every stored change; a save from an older version is refused."""
    id: int | None = None
    position: int = 0
    """1-based order in the document."""


@dataclass(slots=True)
class Document:
    """A file brought in for translation: its segments and what export needs to rebuild it."""

    name: str
    format: str
    source_lang: str
    target_lang: str | None
    segments: list[Segment] = field(default_factory=list)
    original: bytes = b""
    """The file as imported, so that export reproduces everything it did not change."""
    properties: dict[str, str] = field(default_factory=dict)
    """Format-level facts (PO header, XLIFF version, line ending, encoding)."""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Revision:
    """One stored change of a segment's target (or a refused one, kept all the same)."""

    version: int
    target: str
    status: SegmentStatus
    author: str | None
    created_at: datetime | None
    kind: str = "saved"
    """imported, saved, undo, redo, join, split, or conflict: a refused save's text, kept."""
    operation: int | None = None
    """The join or split that made this state (kinds join and split, and their undo)."""


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A line of the document list: languages, size and progress."""

    id: int
    name: str
    format: str
    source_lang: str
    target_lang: str | None
    segments: int
    by_status: dict[str, int]
    created_at: datetime | None
