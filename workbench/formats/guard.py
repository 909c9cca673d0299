"""What every reader yields, held to the limits and the control-character policy.

The registry hands out each format wrapped here, so a format (including one added later) gets
these checks without writing them:
- a segment's source or target, note, context and code markup: over the segment limit, or
  holding a control character (domain.controls), is refused with the file and the segment's
  line (`structure["line"]`, when the format records it);
- a term over the term limit, or a note, definition or subject over the cell limit, is
  refused naming the entry; control characters in any of a concept's texts are stripped and
  counted in options.report (or refused when options.controls says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from workbench.domain.controls import (
    CONTROL,
    ControlPolicy,
    control_name,
    first_control,
    strip_controls,
)
from workbench.domain.document import Document, InlineCode, Segment
from workbench.domain.limits import LimitError, Limits
from workbench.domain.memory import TmUnitData
from workbench.domain.model import Concept, Term
from workbench.formats.base import (
    DocumentFormat,
    DocumentReadOptions,
    FormatError,
    GlossaryFormat,
    ReadOptions,
    ReadReport,
    WriteOptions,
)

_GETTEXT_CONTEXT_SEPARATOR = "\x04"
"""Between msgctxt and msgid in a PO segment's id (`formats/po/parser.py`)."""
_SHOWN = 40
"""Characters of a term quoted in a message."""


class GuardedGlossary:
    """A glossary format whose concepts are checked as they are read."""

    def __init__(self, inner: GlossaryFormat) -> None:
        self.inner = inner

    @property
    def name(self) -> str:
        return self.inner.name

    def read(self, path: Path, options: ReadOptions) -> Iterator[Concept]:
        """The inner format's concepts, checked (see the module docstring)."""
        return checked_concepts(path, self.inner.read(path, options), options)

    def write(self, concepts: Iterable[Concept], path: Path, options: WriteOptions) -> int:
        """The inner format's writer, unchanged."""
        return self.inner.write(concepts, path, options)


class GuardedDocument:
    """A document format whose segments are checked as they are read."""

    def __init__(self, inner: DocumentFormat) -> None:
        self.inner = inner

    @property
    def name(self) -> str:
        return self.inner.name

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The inner format's document, and its segments checked (see the module docstring)."""
        document, segments = self.inner.read(path, options)
        return document, checked_segments(path, segments, options.limits)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """The inner format's writer, unchanged."""
        self.inner.write(document, segments, path)


# --- documents -----------------------------------------------------------------------------


def checked_segments(path: Path, segments: Iterable[Segment], limits: Limits) -> Iterator[Segment]:
    """The segments, refusing one over the segment limit or with a control character."""
    for segment in segments:
        line = _line(segment)
        for field, text in _segment_texts(segment):
            if len(text) > limits.segment:
                error = LimitError("segment", limits.segment, len(text))
                raise FormatError(path, f"{_where(segment)}{field}: {error}", line)
            at = first_control(text)
            if at >= 0:
                raise FormatError(
                    path,
                    f"{_where(segment)}{field} holds the control character "
                    f"{control_name(text[at])}; remove it from the file (documents must "
                    "export byte for byte, so it is not stripped)",
                    None if line is None else line + text.count("\n", 0, at),
                )
        yield segment


def _segment_texts(segment: Segment) -> Iterator[tuple[str, str]]:
    """The stored texts of a segment, each with what it is called in messages."""
    yield "source", segment.source
    yield "target", segment.target
    for field, value in (
        ("note", segment.note),
        ("context", segment.context),
        # gettext's key is msgctxt U+0004 msgid: its one control character is the format's own
        ("id", (segment.unit_id or "").replace(_GETTEXT_CONTEXT_SEPARATOR, " ")),
    ):
        if value:
            yield field, value
    for code in segment.codes:
        yield from _code_texts(code)


def _code_texts(code: InlineCode) -> Iterator[tuple[str, str]]:
    yield "an inline code", code.markup
    if code.display:
        yield "an inline code", code.display


def _line(segment: Segment) -> int | None:
    value = segment.structure.get("line", "")
    return int(value) if value.isdigit() else None


def _where(segment: Segment) -> str:
    """`segment 12 (id 'x') ` when known, to name the segment in a message."""
    parts = []
    if segment.position:
        parts.append(f"segment {segment.position}")
    if segment.unit_id:
        parts.append(f"(id {_short(segment.unit_id)})")
    return " ".join(parts) + " " if parts else ""


def _short(text: str) -> str:
    shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
    return repr(CONTROL.sub("?", shown))


# --- glossaries ----------------------------------------------------------------------------


def checked_concepts(
    path: Path, concepts: Iterable[Concept], options: ReadOptions
) -> Iterator[Concept]:
    """The concepts, held to the limits, their control characters stripped or refused."""
    for number, concept in enumerate(concepts, 1):
        _check_concept_limits(path, number, concept, options.limits)
        if CONTROL.search(_all_texts(concept)):
            _clean_concept(path, number, concept, options.controls, options.report)
            if not concept.terms:
                continue  # its only terms were control characters
        yield concept


def _all_texts(concept: Concept) -> str:
    """Every text of a concept in one string, to look for control characters once."""
    texts = [concept.uid or "", concept.subject_field or "", concept.note or ""]
    texts.extend(concept.definitions.values())
    for term in concept.terms:
        texts.extend((term.text, term.note or "", term.source or "", term.part_of_speech or ""))
    return "\n".join(texts)


def _check_concept_limits(path: Path, number: int, concept: Concept, limits: Limits) -> None:
    """Refuse a term over the term limit, or another text over the cell limit."""
    cells = [concept.note, concept.subject_field, concept.uid, *concept.definitions.values()]
    for term in concept.terms:
        if len(term.text) > limits.term:
            error = LimitError("term", limits.term, len(term.text))
            where = f"entry {number} ({term.lang} term {_short(term.text)})"
            raise FormatError(path, f"{where}: {error}")
        cells.extend((term.note, term.source, term.part_of_speech))
    for text in cells:
        if text and len(text) > limits.cell:
            raise FormatError(path, f"entry {number}: {LimitError('cell', limits.cell, len(text))}")


def _clean_concept(
    path: Path, number: int, concept: Concept, policy: ControlPolicy, report: ReadReport
) -> None:
    """Strip every text of the concept, or refuse it, by the policy."""

    def clean(text: str | None) -> str | None:
        if not text:
            return text
        at = first_control(text)
        if at < 0:
            return text
        if policy is ControlPolicy.REFUSE:
            raise FormatError(
                path,
                f"entry {number} holds the control character {control_name(text[at])} in "
                f"{_short(text)} (WORKBENCH_CONTROLS=strip would remove it)",
            )
        stripped, count = strip_controls(text)
        report.stripped(count, f"entry {number}")
        return stripped

    concept.uid = clean(concept.uid)
    concept.subject_field = clean(concept.subject_field)
    concept.note = clean(concept.note)
    concept.definitions = {lang: clean(text) or "" for lang, text in concept.definitions.items()}
    terms: list[Term] = []
    for term in concept.terms:
        term.text = clean(term.text) or ""
        for name in ("note", "source", "part_of_speech"):
            setattr(term, name, clean(getattr(term, name)))
        if term.text.strip():
            terms.append(term)
    concept.terms = terms


def _stripped(text: str, number: int, report: ReadReport) -> str:
    """text without control characters, the count recorded in report."""
    stripped, count = strip_controls(text)
    if count:
        report.stripped(count, f"unit {number}")
    return stripped


# --- translation memories ------------------------------------------------------------------


def checked_units(
    path: Path,
    units: Iterable[TmUnitData],
    limits: Limits,
    policy: ControlPolicy,
    report: ReadReport,
) -> Iterator[TmUnitData]:
    """TM units held to the segment limit, their control characters stripped or refused."""
    for number, unit in enumerate(units, 1):
        for text in (unit.source, unit.target):
            if len(text) > limits.segment:
                error = LimitError("segment", limits.segment, len(text))
                raise FormatError(path, f"unit {number}: {error}")
        texts = (unit.source, unit.target, unit.note or "", unit.context or "")
        if CONTROL.search("\n".join(texts)) is None:
            yield unit
            continue
        if policy is ControlPolicy.REFUSE:
            found = next(text for text in texts if CONTROL.search(text))
            char = found[first_control(found)]
            raise FormatError(
                path,
                f"unit {number} holds the control character {control_name(char)} in "
                f"{_short(found)} (WORKBENCH_CONTROLS=strip would remove it)",
            )
        source, target, note, context = (_stripped(text, number, report) for text in texts)
        yield replace(
            unit, source=source, target=target, note=note or None, context=context or None
        )
