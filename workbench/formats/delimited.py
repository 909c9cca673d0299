"""Delimited text (CSV, TSV, OmegaT's TAB files): decoded and parsed into numbered rows, and
written back; shared by the glossary tables and the bilingual documents."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.domain.limits import LimitError, Limits
from workbench.formats.base import FormatError, ProgressCallback, open_counted
from workbench.formats.encoding import decoded_lines

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
"""A cell a spreadsheet would run as a formula (OWASP's list), after any apostrophes."""

Row = tuple[int, Sequence[str]]
"""One record of a table: the line (or sheet row) where it starts, and its cells."""


class ColumnError(ValueError):
    """A header or a row that does not fit the columns; the reader adds the path and line."""


def lenient_key(text: str) -> str:
    """Lower-case text without spaces, hyphens and underscores, for lenient picklist lookup."""
    return re.sub(r"[\s_-]", "", text.lower())


def header_language(text: str, what: str) -> str:
    """Normalise a language tag, or raise ColumnError saying where it came from."""
    try:
        return normalize_lang(text)
    except UnknownLanguageError:
        raise ColumnError(f"{what} names an unknown language {text!r}") from None


def is_blank(cells: Sequence[str]) -> bool:
    """True for a record whose cells are all empty or white space."""
    return all(not cell.strip() for cell in cells)


def fit_row(
    cells: Sequence[str], width: int, unnamed: Sequence[int] = (), pad: bool = False
) -> Sequence[str]:
    """Check a row against a header of width columns whose unnamed columns must stay empty;
    ColumnError for a ragged row (a short one is padded when pad is set)."""
    for index in unnamed:
        if index < len(cells) and cells[index].strip():
            raise ColumnError(f"column {index + 1} has no header but holds {cells[index]!r}")
    if len(cells) < width:
        if not pad:
            raise ColumnError(f"row has {len(cells)} cells but the header has {width} columns")
        return [*cells, *[""] * (width - len(cells))]
    for index in range(width, len(cells)):
        if cells[index].strip():
            raise ColumnError(
                f"row has {len(cells)} cells but the header has {width} columns "
                f"(column {index + 1} holds {cells[index]!r})"
            )
    return cells


def delimited_rows(
    stream: BinaryIO,
    path: Path,
    delimiter: str,
    quoted: bool = True,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> Iterator[Row]:
    """Decode (see formats.encoding) and parse delimited text lazily, numbering each record
    by its first line; FormatError (naming path and line) for bad bytes, quoting or sizes."""
    limits = limits or Limits()
    lines = decoded_lines(stream, path, encoding=encoding, limits=limits)
    return _csv_rows(lines, path, delimiter, quoted, limits.cell)


def _csv_rows(
    lines: Iterator[str], path: Path, delimiter: str, quoted: bool, longest_cell: int
) -> Iterator[Row]:
    """Parse lines as CSV, numbering each record by the physical line where it starts."""
    # The csv module's cap on a field is process-wide; every reader sets the same value.
    csv.field_size_limit(longest_cell)
    reader = csv.reader(
        lines, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE
    )
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise FormatError(path, str(LimitError("cell", longest_cell)), start) from None
        raise FormatError(path, f"bad CSV: {error}", reader.line_num) from None


@dataclass(frozen=True, slots=True)
class DelimitedSource:
    """The records of a delimited text file, decoded and parsed as they are read."""

    path: Path
    delimiter: str
    quoted: bool = True
    encoding: str | None = None
    limits: Limits | None = None
    formula_guard: bool = False
    """Take off the apostrophe guard_formula puts before formula-like cells."""

    @contextmanager
    def open(
        self, on_progress: ProgressCallback | None
    ) -> Iterator[Callable[[int | None], Iterator[Row]]]:
        """Give a function that reads the file from the top (it is opened on each read; a
        delimited row is parsed whole, so the column asked for is all of it)."""
        yield lambda _column: self.rows(on_progress)

    def rows(self, on_progress: ProgressCallback | None) -> Iterator[Row]:
        """Read, decode and parse the file lazily."""
        with open_counted(self.path, on_progress) as stream:
            rows = delimited_rows(
                stream, self.path, self.delimiter, self.quoted, self.encoding, self.limits
            )
            if not self.formula_guard:
                yield from rows
                return
            for line, cells in rows:
                yield line, [unguard_formula(cell) for cell in cells]


# --- formats -------------------------------------------------------------------------------


def guard_formula(cell: str) -> str:
    """A cell a spreadsheet cannot take for a formula: OWASP's leading apostrophe before
    `= + - @`, TAB or CR (and before a cell that starts with apostrophes and one of those, so
    that unguard_formula gives back exactly what was written)."""
    return "'" + cell if _FORMULA.match(cell) else cell


def unguard_formula(cell: str) -> str:
    """The cell guard_formula was given: one leading apostrophe off, where it put one.

    A spreadsheet shows such a cell without its apostrophe too, so a file from elsewhere
    reads as its author saw it.
    """
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


@contextmanager
def row_writer(
    path: Path, bom: bool, delimiter: str, quoted: bool = True, formula_guard: bool = False
) -> Iterator[Callable[[Sequence[str]], object]]:
    """Open path for writing rows (LF line ends, optional BOM) and give the row writer; with
    formula_guard, cells that a spreadsheet would run as formulas are neutralised."""
    encoding = "utf-8-sig" if bom else "utf-8"
    with path.open("w", encoding=encoding, newline="") as handle:
        write: Callable[[Sequence[str]], object]
        if quoted:
            write = csv.writer(handle, delimiter=delimiter, lineterminator="\n").writerow
        else:
            write = lambda cells: handle.write(delimiter.join(cells) + "\n")  # noqa: E731
        if formula_guard:
            yield lambda cells: write([guard_formula(cell) for cell in cells])
        else:
            yield write
