"""CSV and TSV glossaries in our column convention (see docs/glossary-columns.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from workbench.domain.model import Concept
from workbench.formats.base import ReadOptions, WriteOptions
from workbench.formats.delimited import DelimitedSource, row_writer
from workbench.formats.glossary.columns import GlossaryColumns
from workbench.formats.glossary.table import read_table


class DelimitedFormat:
    """A glossary as delimited text with a header row, in our column convention."""

    name: ClassVar[str]
    delimiter: ClassVar[str]

    def read(self, path: Path, options: ReadOptions) -> Iterator[Concept]:
        """Yield concepts row by row, raising FormatError for bad input."""
        source = DelimitedSource(
            path, self.delimiter, True, options.encoding, options.limits, formula_guard=True
        )
        return read_table(source, path, options)

    def write(self, concepts: Iterable[Concept], path: Path, options: WriteOptions) -> int:
        """Write one row per concept and return how many were written."""
        if not options.langs:
            raise ValueError("no languages to write")
        columns = GlossaryColumns.for_writing(
            options.langs, options.terms_per_lang, options.columns
        )
        with row_writer(
            path, options.bom, self.delimiter, formula_guard=options.formula_guard
        ) as append:
            return columns.write_rows(concepts, append, every_column=options.columns is not None)


class CsvFormat(DelimitedFormat):
    """Comma-separated glossary (RFC 4180)."""

    name: ClassVar[str] = "csv"
    delimiter: ClassVar[str] = ","


class TsvFormat(DelimitedFormat):
    """TAB-separated glossary, quoted like CSV where a cell needs it."""

    name: ClassVar[str] = "tsv"
    delimiter: ClassVar[str] = "\t"
