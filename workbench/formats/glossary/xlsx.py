"""Excel workbooks in the CSV column convention, read and written as streams by openpyxl."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, ClassVar

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from workbench.domain.limits import Limits
from workbench.domain.model import Concept
from workbench.formats.base import FormatError, ProgressCallback, ReadOptions, WriteOptions
from workbench.formats.delimited import Row
from workbench.formats.glossary.columns import GlossaryColumns
from workbench.formats.glossary.table import read_table
from workbench.formats.zip_safety import open_zip_package

_PROGRESS_STEP = 1 << 16
"""Bytes between progress reports."""
_SHEET_TITLE = "Glossary"


def _text(value: object) -> str:
    """A cell value as the text a CSV cell would hold (ids typed as numbers stay `7`, not `7.0`)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


class _ReportingFile(io.FileIO):
    """A file that reports how far into it reading has got, for progress through a zip archive."""

    def __init__(self, path: Path, on_progress: ProgressCallback | None) -> None:
        super().__init__(path, "rb")
        self._total = path.stat().st_size
        self._reported = 0
        self._on_progress = on_progress

    def read(self, size: int | None = -1, /) -> bytes:
        data = super().read(size) or b""
        position = self.tell()
        # zipfile reads in small pieces; report every 64 KiB so that a progress bar stays cheap.
        if self._on_progress is not None and abs(position - self._reported) >= _PROGRESS_STEP:
            self._reported = position
            self._on_progress(position, self._total)
        return data


@dataclass(frozen=True, slots=True)
class WorksheetSource:
    """The rows of a workbook's first worksheet, parsed lazily in openpyxl's read-only mode."""

    path: Path
    limits: Limits

    @contextmanager
    def open(self, on_progress: ProgressCallback | None) -> Iterator[Callable[[], Iterator[Row]]]:
        """Load the workbook once; the function given reads the first sheet from the top."""
        with open_zip_package(self.path, self.limits, "an Excel workbook"):
            pass  # refused before openpyxl inflates anything
        # A file object, not a path: it reports progress, and openpyxl then does not insist
        # on the .xlsx extension.
        with _ReportingFile(self.path, on_progress) as handle:
            try:
                workbook = load_workbook(handle, read_only=True, data_only=True)
            except (InvalidFileException, zipfile.BadZipFile, KeyError) as error:
                raise FormatError(self.path, f"not an Excel workbook ({error})") from None
            try:
                if not workbook.worksheets:
                    raise FormatError(self.path, "workbook has no worksheet")
                sheet = workbook.worksheets[0]
                yield lambda: self._rows(sheet)
            finally:
                workbook.close()
        if on_progress is not None:
            total = self.path.stat().st_size
            on_progress(total, total)

    @staticmethod
    def _rows(sheet: Any) -> Iterator[Row]:
        """Rows numbered as Excel shows them, each cell as text."""
        for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
            # Most cells are empty or text; only the rest pay for a call (3.5M cells per 100k rows).
            yield (
                number,
                [
                    "" if value is None else value if type(value) is str else _text(value)
                    for value in values
                ],
            )


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
        columns = GlossaryColumns.for_writing(options.langs, options.terms_per_lang)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_SHEET_TITLE)
        sheet.freeze_panes = "A2"
        sheet.append([_header_cell(sheet, name) for name in columns.names])
        try:
            count = columns.write_rows(
                concepts, lambda cells: sheet.append([_cell(sheet, text) for text in cells])
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
