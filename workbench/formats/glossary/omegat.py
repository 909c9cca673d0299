"""OmegaT glossaries: `source<TAB>target[<TAB>comment]` lines without a header.

Encoding: OmegaT reads a `.utf8` glossary as UTF-8 by its name alone; a `.tab` or `.txt` one
it gives to an encoding detector that falls back to the system's charset (windows-1252 or
windows-949 on Windows), which turns a short or mostly-ASCII UTF-8 file into mojibake. So
export writes `.utf8` by default (the registry's first extension), and a `.tab` or `.txt` file
with a UTF-8 byte order mark, the one sign the detector always takes as UTF-8 (OmegaT skips it
when reading).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import ClassVar

from workbench.domain.langtags import normalize_lang
from workbench.domain.model import Concept, Term, TermStatus
from workbench.formats.base import FormatError, ReadOptions, WriteOptions
from workbench.formats.delimited import (
    ColumnError,
    DelimitedSource,
    Row,
    header_language,
    is_blank,
    row_writer,
)
from workbench.formats.glossary.columns import add_term, joined

_STATUS_MARKER = re.compile(r"\[(preferred|admitted|deprecated)\]\s*", re.IGNORECASE)
_DETECTED_SUFFIXES = frozenset({".tab", ".txt"})
"""Files whose encoding OmegaT guesses (a BOM makes the guess UTF-8); `.utf8` it does not."""


class OmegatFormat:
    """OmegaT glossary: `source<TAB>target[<TAB>comment]` lines without a header."""

    name: ClassVar[str] = "omegat"

    def __init__(self, delimiter: str = "\t") -> None:
        self.delimiter = delimiter
        # OmegaT's TAB files have no quoting; its comma files quote like RFC 4180.
        self.quoted = delimiter != "\t"

    def read(self, path: Path, options: ReadOptions) -> Iterator[Concept]:
        """Yield one concept per run of lines with the same source term."""
        if options.source_lang is None or options.target_lang is None:
            raise FormatError(
                path, "OmegaT glossaries name no languages; give --source-lang and --target-lang", 1
            )
        source_lang = self._option_language(path, options.source_lang, "--source-lang")
        target_lang = self._option_language(path, options.target_lang, "--target-lang")
        source = DelimitedSource(
            path, self.delimiter, self.quoted, options.encoding, options.limits
        )
        rows = source.rows(options.on_progress)
        yield from self._concepts(rows, path, source_lang, target_lang)

    def write(self, concepts: Iterable[Concept], path: Path, options: WriteOptions) -> int:
        """Write one line per target term of the first two languages; return concepts written."""
        if len(options.langs) < 2:
            raise ValueError("an OmegaT glossary needs a source and a target language")
        source_lang, target_lang = (normalize_lang(lang) for lang in options.langs[:2])
        bom = options.bom or path.suffix.lower() in _DETECTED_SUFFIXES
        count = 0
        previous: list[list[str]] = []
        with row_writer(path, bom, self.delimiter, self.quoted) as append:
            for concept in concepts:
                lines = [
                    self._cleaned(cells)
                    for cells in _omegat_lines(concept, source_lang, target_lang)
                ]
                if lines and previous and _would_join(previous, lines[0]):
                    append([SEPARATOR])  # read back as one entry otherwise (see _concepts)
                for cells in lines:
                    append(cells)
                count += bool(lines)
                previous = lines or previous
        return count

    def _cleaned(self, cells: list[str]) -> list[str]:
        """Cells safe for an unquoted TAB file, which cannot hold TABs or line breaks."""
        if self.quoted:
            return cells
        return [" ".join(cell.split()) for cell in cells]

    @staticmethod
    def _option_language(path: Path, tag: str, what: str) -> str:
        try:
            return header_language(tag, what)
        except ColumnError as error:
            raise FormatError(path, str(error), 1) from None

    @staticmethod
    def _concepts(
        rows: Iterator[Row], path: Path, source_lang: str, target_lang: str
    ) -> Iterator[Concept]:
        """Group consecutive lines into concepts: lines with one source term, and lines that
        repeat the first target and comment of the concept with another source term (the
        source synonyms, each on its own lines, as our export writes them)."""
        current: Concept | None = None
        first: tuple[str, str] = ("", "")
        seen_any = False
        for line, cells in rows:
            if is_blank(cells):
                continue
            seen_any = True
            if cells[0].startswith("#"):
                # a comment ends an entry: our export puts one between two entries that
                # would otherwise read as one (a homonym, or the same first rendering)
                if current is not None:
                    yield current
                current = None
                continue
            source, target, comment = _omegat_fields(cells, path, line)
            marker = _STATUS_MARKER.match(comment)
            status = TermStatus(marker.group(1).lower()) if marker else TermStatus.PREFERRED
            note = comment[marker.end() :].strip() if marker else comment
            sources = [] if current is None else [t.text for t in current.terms_in(source_lang)]
            if current is not None and source not in sources and (target, comment) == first:
                add_term(current, Term(source_lang, source))  # a source synonym
            elif current is None or source not in sources:
                if current is not None:
                    yield current
                current = Concept(terms=[Term(source_lang, source)])
                first = (target, comment)
            add_term(current, Term(target_lang, target, status))
            current.note = joined(current.note, note or None)
        if current is not None:
            yield current
        if not seen_any:
            raise FormatError(path, "file is empty")


def _omegat_fields(cells: Sequence[str], path: Path, line: int) -> tuple[str, str, str]:
    """Source, target and comment of one OmegaT line; fields after the third are ignored."""
    if len(cells) < 2:
        raise FormatError(path, "line has one field; expected a source and a target term", line)
    source, target = cells[0].strip(), cells[1].strip()
    if not source or not target:
        raise FormatError(path, f"line has no {'source' if not source else 'target'} term", line)
    return source, target, cells[2].strip() if len(cells) > 2 else ""


SEPARATOR = "#"
"""The comment line between two entries that would otherwise read as one."""


def _would_join(previous: list[list[str]], first: list[str]) -> bool:
    """Whether the reader would take first (a concept's first line) as more of the entry whose
    lines are previous: the same source term, or another source with the same first
    rendering and comment (a source synonym)."""
    sources = {cells[0] for cells in previous}
    rendering = previous[0][1:] + [""] * (3 - len(previous[0]))
    return first[0] in sources or (first[1:] + [""] * (3 - len(first))) == rendering


def _omegat_lines(concept: Concept, source_lang: str, target_lang: str) -> list[list[str]]:
    """One line per source term and target term, preferred first: OmegaT finds an entry by
    its source text, so each source synonym needs lines of its own. None when a language is
    missing."""
    sources = concept.terms_in(source_lang)
    targets = concept.terms_in(target_lang)
    if not sources or not targets:
        return []
    lines = []
    for source in sources:
        for term in targets:
            marker = "" if term.status is TermStatus.PREFERRED else f"[{term.status.value}]"
            comment = " ".join(filter(None, (marker, concept.note or "")))
            lines.append([source.text, term.text, *([comment] if comment else [])])
    return lines
