"""Reading a table whose first row is a header (CSV, TSV or a worksheet) as concepts."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from workbench.domain.model import Concept
from workbench.formats.base import FormatError, ProgressCallback, ReadOptions
from workbench.formats.delimited import ColumnError, Row, fit_row, is_blank
from workbench.formats.glossary.columns import ColumnLayout, merge_concepts
from workbench.formats.glossary.layouts import interpret_header


class TableSource(Protocol):
    """A table (delimited text or a worksheet) whose rows can be read more than once."""

    def open(
        self, on_progress: ProgressCallback | None
    ) -> AbstractContextManager[Callable[[int | None], Iterator[Row]]]:
        """Open the table and give a function that reads its rows from the top, lazily: all
        cells, or (when a column is given) at least that column's, for a quick first pass."""
        ...


# --- reading tables ------------------------------------------------------------------------


class _ProgressRelay:
    """Forwards progress only once switched on, so that a first pass can stay silent."""

    def __init__(self) -> None:
        self.target: ProgressCallback | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.target is not None:
            self.target(done, total)


@dataclass(frozen=True, slots=True)
class _Header:
    """The interpreted header row, and its unnamed columns, which must stay empty."""

    layout: ColumnLayout
    unnamed: tuple[int, ...]


def _first_row(rows: Iterator[Row], path: Path) -> Row:
    """The first non-blank row; FormatError when there is none."""
    for line, cells in rows:
        if not is_blank(cells):
            return line, cells
    raise FormatError(path, "file is empty")


def _header(rows: Iterator[Row], path: Path, options: ReadOptions) -> _Header:
    """Read the first non-blank row and interpret it."""
    line, cells = _first_row(rows, path)
    try:
        layout = interpret_header(cells, options)
    except ColumnError as error:
        raise FormatError(path, str(error), line) from None
    return _Header(layout, tuple(i for i, name in enumerate(cells) if not name.strip()))


def _fitted(cells: Sequence[str], header: _Header, pad: bool) -> Sequence[str]:
    """Check a row against the header (padding it for spreadsheets, whose rows end early)."""
    return fit_row(cells, header.layout.width, header.unnamed, pad)


def _repeated_uids(rows: Iterator[Row], uid_column: int) -> dict[str, int]:
    """Ids found on more than one row, with the line of their last row."""
    last: dict[str, int] = {}
    repeated: set[str] = set()
    for line, cells in rows:
        uid = cells[uid_column].strip() if len(cells) > uid_column else ""
        if uid:
            if uid in last:
                repeated.add(uid)
            last[uid] = line
    return {uid: last[uid] for uid in repeated}


def _concepts(
    rows: Iterator[Row],
    header: _Header,
    path: Path,
    repeated: dict[str, int],
    pad: bool,
) -> Iterator[Concept]:
    """Convert data rows, holding a repeated id's concept back until its last row."""
    pending: dict[str, Concept] = {}
    for line, cells in rows:
        if is_blank(cells):
            continue
        try:
            concept = header.layout.concept(_fitted(cells, header, pad))
        except ColumnError as error:
            raise FormatError(path, str(error), line) from None
        uid = concept.uid
        if uid is None or uid not in repeated:
            if concept.terms:
                yield concept
            continue
        if uid in pending:
            merge_concepts(pending[uid], concept)
        else:
            pending[uid] = concept
        if line == repeated[uid]:
            merged = pending.pop(uid)
            if merged.terms:
                yield merged


def read_table(
    source: TableSource, path: Path, options: ReadOptions, pad_short_rows: bool = False
) -> Iterator[Concept]:
    """Read a table whose first row is a header (CSV, TSV or a worksheet) as concepts."""
    relay = _ProgressRelay()
    with source.open(relay) as read_rows:
        rows = read_rows(None)
        header = _header(rows, path, options)
        uid_column = header.layout.uid_column
        repeated: dict[str, int] = {}
        if uid_column is not None:
            # Rows with one id make one concept wherever they are, so a silent first pass finds
            # the repeated ids; concepts then stream, rather than wait in memory for the end.
            rows = read_rows(uid_column)
            _first_row(rows, path)
            repeated = _repeated_uids(rows, uid_column)
            rows = read_rows(None)
            _header(rows, path, options)
        relay.target = options.on_progress
        yield from _concepts(rows, header, path, repeated, pad_short_rows)
