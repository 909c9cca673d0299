"""Software string files as units: a key and its forms, where they sit in the file, and export.

A format parses its file into `Unit`s: a key (shown as the segment's context), one form for a
plain string or one per plural category / variation, each with the span of its encoded value
in the decoded file. `unit_segments` makes the segments (one per target plural form, see
plurals.py); `export_text` patches the changed values back into the decoded original, so that
an untouched import exports byte-identical and a translation changes only the values.

`Segment.structure` keys: `unit` (index of the unit in the file), `paragraph` (unique per
form, so that the editor never joins two keys), `key`, `line`, `span` (`start-end` of the
value in the decoded file, for forms the file has), `form` and `forms` (a plural's form
and the forms read), `group` (`start-end` of what a rebuild of the forms replaces),
`translate` ("no": kept as it is), `only_in_target` ("yes": a key of the target file that
the source lacks, kept on export), and the format's own keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from pathlib import Path
from typing import Protocol

from workbench.domain.document import (
    CODE_BASE,
    MAX_CODES,
    CodeKind,
    InlineCode,
    Segment,
    SegmentStatus,
    code_char,
    code_index,
)
from workbench.formats.base import FormatError
from workbench.formats.strings.plurals import source_form_for, target_forms

Span = tuple[int, int]


@dataclass(slots=True)
class Form:
    """One value of a unit: the whole string, or one plural/variation form of it."""

    name: str | None
    text: str
    """The segment text: markup the format turns into codes stands as code characters."""
    span: Span | None
    """Where the encoded value is in the decoded file (None: inside a value, rebuilt whole)."""
    codes: list[InlineCode] = field(default_factory=list)
    status: SegmentStatus | None = None
    """For a form of a translation: its status when the file says (a String Catalog's state)."""


@dataclass(slots=True)
class Unit:
    """A key of a string file with its forms."""

    key: str
    forms: list[Form]
    line: int
    span: Span | None = None
    """What rebuilding the forms replaces (a plural's items), when the format can rebuild."""
    note: str | None = None
    translatable: bool = True
    plural: bool = False
    zero_explicit: bool = False
    """`zero` is for the number 0 in every language (Rails, i18next), not a CLDR category."""
    data: dict[str, str] = field(default_factory=dict)
    """Facts of the format that export needs (stored in each segment's structure)."""
    targets: dict[str | None, Form] = field(default_factory=dict)
    """Existing translations by form (a catalog holding both languages, a paired target file)."""


def span_text(span: Span) -> str:
    """A span as stored in a segment's structure."""
    return f"{span[0]}-{span[1]}"


def parse_span(value: str) -> Span:
    """A stored span back as (start, end)."""
    start, _, end = value.partition("-")
    return int(start), int(end)


def unique_keys(units: Sequence[Unit]) -> None:
    """Make keys unique: a repeated key gets @2, @3 ... (a JSON object may repeat a key)."""
    seen: dict[str, int] = {}
    for unit in units:
        count = seen.get(unit.key, 0) + 1
        seen[unit.key] = count
        if count > 1:
            unit.key = f"{unit.key}@{count}"


def unit_segments(unit: Unit, index: int, target_lang: str | None) -> list[Segment]:
    """The unit's segments: one per form, plural forms following the target language."""
    names = [form.name for form in unit.forms]
    by_name = {form.name: form for form in unit.forms}
    wanted: list[str | None] = list(names)
    if unit.plural:
        source_names = [name or "" for name in names]
        wanted = list(target_forms(source_names, target_lang, unit.zero_explicit))
    base = {"unit": str(index), "key": unit.key, "line": str(unit.line), **unit.data}
    if len(names) > 1 or names[0] is not None:
        base["forms"] = ",".join(name or "" for name in names)
    if unit.span is not None:
        base["group"] = span_text(unit.span)
    if not unit.translatable:
        base["translate"] = "no"
    note = _plural_note(unit.note, names, wanted, target_lang) if unit.plural else unit.note
    segments = []
    for name in wanted:
        chosen = name if name in by_name else source_form_for(name or "", [n or "" for n in names])
        source = by_name[chosen]
        structure = dict(base)
        structure["paragraph"] = f"{index}" if name is None else f"{index}:{name}"
        if name is not None:
            structure["form"] = name
        own = by_name.get(name)
        if own is not None and own.span is not None:
            structure["span"] = span_text(own.span)
        target, codes = "", list(source.codes)
        status = SegmentStatus.NEW
        translated = unit.targets.get(name)
        if translated is not None and translated.text:
            target, codes = merge_codes(source.codes, translated.text, translated.codes)
            status = translated.status or SegmentStatus.TRANSLATED
        segments.append(
            Segment(
                source.text,
                target=target,
                codes=codes,
                status=status,
                unit_id=unit.key if name is None else f"{unit.key}[{name}]",
                note=note,
                context=unit.key if name is None else f"{unit.key} [{name}]",
                structure=structure,
            )
        )
    return segments


def _plural_note(
    note: str | None, names: list[str | None], wanted: list[str | None], lang: str | None
) -> str | None:
    """The unit's note, plus a line saying how the source's plural forms were mapped."""
    if wanted == names:
        return note
    read = ", ".join(name or "" for name in names)
    written = ", ".join(name or "" for name in wanted)
    line = f"Plural forms: the source has {read}; {lang} writes {written}."
    return f"{note}\n{line}" if note else line


def merge_codes(
    codes: list[InlineCode], target: str, target_codes: list[InlineCode]
) -> tuple[str, list[InlineCode]]:
    """A target read with its own code table, renumbered onto the source's table.

    A target code with the same markup as an unused source code takes its number; others are
    added to the table, so that no markup of the target file is lost.
    """
    if not target_codes:
        return target, list(codes)
    table = list(codes)
    unused = list(range(len(codes)))
    mapping: dict[int, int] = {}
    for index, code in enumerate(target_codes):
        match = next((i for i in unused if table[i].markup == code.markup), None)
        if match is None:
            table.append(code)
            match = len(table) - 1
        else:
            unused.remove(match)
        mapping[index] = match
    if len(table) > MAX_CODES:
        return target, list(codes)
    chars = []
    for char in target:
        found = code_index(char)
        chars.append(char if found is None else code_char(mapping.get(found, found)))
    return "".join(chars), table


# --- export --------------------------------------------------------------------------------


class Syntax(Protocol):
    """How a format writes values: escaping, and rebuilding a plural's forms."""

    def escape(self, text: str, structure: dict[str, str]) -> str:
        """A piece of text (no code characters) as the file writes it inside a value."""
        ...

    def finish(self, value: str, structure: dict[str, str]) -> str:
        """The escaped value with what the whole of it needs (quotes around it ...)."""
        ...

    def rebuild(self, text: str, structure: dict[str, str], forms: list[tuple[str, str]]) -> str:
        """What replaces the group span: the forms (name, finished value) in the file's layout."""
        ...


@dataclass(frozen=True, slots=True)
class Patch:
    """Replace text[start:end] by text."""

    start: int
    end: int
    text: str


def render(segment: Segment, text: str, syntax: Syntax, path: Path) -> str:
    """A segment text as the file writes it: text escaped, each code's markup as recorded."""
    if _PRIVATE_USE.search(text) is None:  # the common case, without a look at each character
        return syntax.finish(syntax.escape(text, segment.structure), segment.structure)
    pieces: list[str] = []
    plain: list[str] = []
    for char in text:
        index = code_index(char)
        if index is None:
            plain.append(char)
            continue
        if index >= len(segment.codes):
            message = f"segment {segment.unit_id}: inline code {index + 1} is not in its table"
            raise FormatError(path, message)
        if plain:
            pieces.append(syntax.escape("".join(plain), segment.structure))
            plain = []
        pieces.append(segment.codes[index].markup)
    if plain:
        pieces.append(syntax.escape("".join(plain), segment.structure))
    return syntax.finish("".join(pieces), segment.structure)


def _units(segments: Iterable[Segment]) -> Iterator[list[Segment]]:
    """Runs of segments of one unit, split segments of one form joined back."""
    for _unit, grouped in groupby(segments, key=lambda s: s.structure.get("unit")):
        run = list(grouped)
        forms = [s.structure.get("form") for s in run]
        if len(set(forms)) == len(forms):
            yield run
            continue
        joined: list[Segment] = []
        for segment in run:
            previous = joined[-1] if joined else None
            if previous is not None and previous.structure.get("form") == segment.structure.get(
                "form"
            ):
                between = segment.structure.get("before", " ")
                targets = [t for t in (previous.target, segment.target) if t]
                joined[-1] = replace(
                    previous,
                    source=previous.source + between + segment.source,
                    target=between.join(targets),
                    codes=previous.codes or segment.codes,
                )
            else:
                joined.append(segment)
        yield joined


def _changed(segment: Segment) -> bool:
    return bool(segment.target) and segment.target != segment.source


def unit_patches(
    segments: Iterable[Segment], text: str, syntax: Syntax, path: Path
) -> tuple[list[Patch], int]:
    """Patches putting the targets of changed units into text, and how many units changed.

    A unit without a target stays as read. A unit whose forms are those read gets each
    changed value patched in place; one whose forms differ (a plural written in the target
    language's categories) is rebuilt over its group span.
    """
    patches: list[Patch] = []
    changed_units = 0
    for run in _units(segments):
        first = run[0].structure
        if first.get("translate") == "no" or not any(s.target for s in run):
            continue
        read = first.get("forms")
        names = [s.structure.get("form", "") for s in run]
        edits = [s for s in run if _changed(s)]
        in_place = all("span" in s.structure for s in edits)
        if (read is None or names == read.split(",")) and in_place:
            for segment in edits:
                start, end = parse_span(segment.structure["span"])
                patches.append(Patch(start, end, render(segment, segment.target, syntax, path)))
            changed_units += bool(edits)
            continue
        if "group" not in first:
            raise FormatError(path, f"{first.get('key')}: its plural forms cannot be rebuilt")
        start, end = parse_span(first["group"])
        forms = [
            (name, render(s, s.target or s.source, syntax, path))
            for name, s in zip(names, run, strict=True)
        ]
        patches.append(Patch(start, end, syntax.rebuild(text, first, forms)))
        changed_units += 1
    return patches, changed_units


def apply_patches(text: str, patches: Iterable[Patch], path: Path) -> str:
    """Text with every patch applied; FormatError when two overlap (segments out of place)."""
    pieces: list[str] = []
    position = 0
    for patch in sorted(patches, key=lambda p: (p.start, p.end)):
        if patch.start < position or patch.end > len(text):
            raise FormatError(path, "the segments do not fit the original file")
        pieces += [text[position : patch.start], patch.text]
        position = patch.end
    pieces.append(text[position:])
    return "".join(pieces)


_PRIVATE_USE = re.compile(f"[{chr(CODE_BASE)}-{chr(CODE_BASE + MAX_CODES - 1)}]")


class CodedText:
    """Builds a segment text from text pieces and inline codes, numbering the codes.

    Literal private-use characters in the text become standalone codes: in a segment they
    would pass for codes.
    """

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self.codes: list[InlineCode] = []
        self._open: list[str] = []

    def text(self, text: str) -> None:
        """Add plain text."""
        if _PRIVATE_USE.search(text) is None:
            self._pieces.append(text)
            return
        for char in text:
            if _PRIVATE_USE.fullmatch(char):
                self.code("standalone", "private-use", char, "private use")
            else:
                self._pieces.append(char)

    def code(self, kind: CodeKind, element: str, markup: str, display: str) -> None:
        """Add a code; a close code takes the id of the last open one."""
        index = len(self.codes)
        code_id = str(index + 1)
        if kind == "open":
            self._open.append(code_id)
        elif kind == "close" and self._open:
            code_id = self._open.pop()
        self.codes.append(InlineCode(kind, element, code_id, markup, display))
        self._pieces.append(code_char(index))

    def result(self) -> tuple[str, list[InlineCode]]:
        """The segment text and its code table."""
        return "".join(self._pieces), self.codes

    def __len__(self) -> int:
        return len(self.codes)
