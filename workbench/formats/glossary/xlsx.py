"""Excel workbooks in the CSV column convention: read as a stream with lxml (glossary.sheet),
written as a stream by openpyxl."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from workbench.domain.limits import Limits
from workbench.domain.model import Concept
from workbench.formats.base import ProgressCallback, ReadOptions, WriteOptions
from workbench.formats.delimited import Row
from workbench.formats.glossary.columns import GlossaryColumns
from workbench.formats.glossary.plain_sheet import plain_sheet_rows
from workbench.formats.glossary.sheet import open_workbook
from workbench.formats.glossary.table import read_table
from workbench.formats.zip_safety import open_zip_package

_PROGRESS_STEP = 1 << 16
"""Bytes between progress reports."""
_SHEET_TITLE = "Glossary"


@dataclass(frozen=True, slots=True)
class WorksheetSource:
    """The rows of a workbook's first worksheet, streamed (formats.glossary.sheet)."""

    path: Path
    limits: Limits

    @contextmanager
    def open(
        self, on_progress: ProgressCallback | None
    ) -> Iterator[Callable[[int | None], Iterator[Row]]]:
        """Check and open the package once; the function given reads the sheet from the top."""
        total = self.path.stat().st_size

        def report(fraction: float) -> None:
            if on_progress is not None:
                on_progress(int(total * fraction), total)

        with open_zip_package(self.path, self.limits, "an Excel workbook") as package:
            workbook = open_workbook(package, self.path)
            cell = self.limits.cell

            def rows(only: int | None) -> Iterator[Row]:
                # plain sheets are read from the bytes (the first pass: ids in column A)
                return plain_sheet_rows(package, workbook, self.path, report, only, cell)

            yield rows
        if on_progress is not None:
            on_progress(total, total)


def _cell(sheet: Any, text: str) -> object:
    """A write-only cell value: empty cells left out, text never taken for a formula."""
    if not text:
        return None
    # XML 1.0 cannot hold most control characters; openpyxl refuses them.
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if text.startswith("="):
        cell = WriteOnlyCell(sheet, text)
        cell.data_type = "s"
        return cell
    return text


def _header_cell(sheet: Any, name: str) -> object:
    """A bold header cell."""
    cell = WriteOnlyCell(sheet, name)
    cell.font = Font(bold=True)
    return cell


class XlsxFormat:
    """Excel workbook: the first worksheet holds the glossary, header row first."""

    name: ClassVar[str] = "xlsx"

    def read(self, path: Path, options: ReadOptions) -> Iterator[Concept]:
        """Yield concepts row by row, raising FormatError for bad input."""
        # A worksheet row ends at its last filled cell, so short rows are padded, not errors.
        return read_table(WorksheetSource(path, options.limits), path, options, pad_short_rows=True)

    def write(self, concepts: Iterable[Concept], path: Path, options: WriteOptions) -> int:
        """Write one row per concept and return how many were written."""
        if not options.langs:
            raise ValueError("no languages to write")
        columns = GlossaryColumns.for_writing(
            options.langs, options.terms_per_lang, options.columns
        )
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_SHEET_TITLE)
        sheet.freeze_panes = "A2"
        try:
            count = columns.write_rows(
                concepts,
                lambda cells: sheet.append([_cell(sheet, text) for text in cells]),
                header=lambda names: sheet.append([_header_cell(sheet, n) for n in names]),
                every_column=options.columns is not None,
            )
            workbook.save(path)
        except BaseException:
            _abandon(sheet)
            raise
        return count


def _abandon(sheet: Any) -> None:
    """Close a write-only sheet's stream after a failed write (a full disk), so that it does not
    fail again, as an "Exception ignored" traceback on stderr, when it is collected."""
    stream = getattr(getattr(sheet, "_writer", None), "xf", None)
    if stream is not None:
        with suppress(Exception):
            stream.close()
