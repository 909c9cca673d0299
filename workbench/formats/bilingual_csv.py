"""Bilingual CSV and TSV documents: one segment per row, a source and a target column.

The header names the language columns (`id,en,ko,status,note,context`) or says `source,target`
and leaves the languages to the options; `id`, `status`, `note` and `context` are optional, and
any other column is kept for export. When more than two columns are language tags, the options
pick the source and target columns; without them the first two are taken. Rows with an empty
source cell are not segments (they are section titles or spacing) but stay in the file.
Cells are taken as they are, spaces included; inline codes are not recognised on import.

Export of a document read from one of these files rewrites only the target and status cells
of the original (a cell whose meaning did not change keeps its wording): column order, extra
columns and blank rows stay; the file is UTF-8 with LF line ends, with a byte order mark when
the original had one (UTF-8 or UTF-16). A file without a status column gets none, so on
re-import a non-empty target reads as translated. Any other document is written as
`id,<source>,<target>,status,note`, with inline codes written as their markup.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from workbench.domain.document import Document, Segment, SegmentStatus, with_markup
from workbench.domain.langtags import is_language_tag, normalize_lang
from workbench.formats.base import DocumentReadOptions, FormatError, read_bytes
from workbench.formats.delimited import (
    ColumnError,
    DelimitedSource,
    Row,
    delimited_rows,
    fit_row,
    header_language,
    is_blank,
    lenient_key,
    row_writer,
)
from workbench.formats.encoding import sniff_bom
from workbench.formats.glossary.columns import header_tag
from workbench.formats.statuses import CSV_STATUSES

_FIELDS = ("id", "status", "note", "context", "source", "target")
_ALIASES = {"key": "id", "notes": "note", "comment": "note", "comments": "note"}
"""Common spellings of our columns; `key` is also a language code (Kupia), so it goes first."""
_STANDARD_TAIL = ("status", "note")


@dataclass(frozen=True, slots=True)
class BilingualColumns:
    """What each column of a bilingual header holds; columns not named here are kept as is."""

    width: int
    source: int
    target: int
    source_lang: str
    target_lang: str
    fields: dict[str, int]
    """Optional columns by name: id, status, note, context."""

    @classmethod
    def from_header(
        cls, names: Sequence[str], source_lang: str | None, target_lang: str | None
    ) -> BilingualColumns:
        """Interpret a header row; the languages given (e.g. by options) pick the columns."""
        fields: dict[str, int] = {}
        langs: list[tuple[int, str]] = []
        for index, raw in enumerate(names):
            name = raw.strip()
            key = _ALIASES.get(name.lower(), name.lower())
            if key in _FIELDS:
                if key in fields:
                    raise ColumnError(f"column {index + 1} repeats the {key!r} column")
                fields[key] = index
            elif name and is_language_tag(name):
                langs.append((index, normalize_lang(name)))
        given_source = header_language(source_lang, "--source-lang") if source_lang else None
        given_target = header_language(target_lang, "--target-lang") if target_lang else None
        if "source" in fields or "target" in fields:
            return cls._generic(len(names), fields, given_source, given_target)
        return cls._tagged(len(names), fields, langs, given_source, given_target)

    @classmethod
    def _generic(
        cls, width: int, fields: dict[str, int], source_lang: str | None, target_lang: str | None
    ) -> BilingualColumns:
        """A `source,target` header: the languages must come from the options."""
        if "source" not in fields or "target" not in fields:
            missing = "target" if "source" in fields else "source"
            raise ColumnError(f"header has no {missing!r} column")
        if source_lang is None or target_lang is None:
            raise ColumnError("header has no language codes; give --source-lang and --target-lang")
        source, target = fields.pop("source"), fields.pop("target")
        return cls(width, source, target, source_lang, target_lang, fields)

    @classmethod
    def _tagged(
        cls,
        width: int,
        fields: dict[str, int],
        langs: list[tuple[int, str]],
        source_lang: str | None,
        target_lang: str | None,
    ) -> BilingualColumns:
        """A header whose language columns are named by their tags (`id,en,ko,status`)."""
        if len(langs) < 2:
            found = f"only {langs[0][1]!r}" if langs else "none"
            raise ColumnError(
                f"header needs a source and a target language column ({found} found), "
                "e.g. id,en,ko,status,note or source,target with --source-lang/--target-lang"
            )
        source = _match(langs, source_lang, exclude=None)
        target = _match(langs, target_lang, exclude=source)
        if source is None:
            source = next(column for column in langs if column != target)
        if target is None:
            target = next(column for column in langs if column != source)
        return cls(
            width,
            source[0],
            target[0],
            source_lang or source[1],
            target_lang or target[1],
            fields,
        )

    def segment(self, cells: Sequence[str]) -> Segment | None:
        """The segment a row holds, or None when its source cell is empty."""
        source = cells[self.source]
        if not source.strip():
            return None
        target = cells[self.target]
        return Segment(
            source=source,
            target=target,
            status=_row_status(self.status(cells), target),
            unit_id=self.value(cells, "id") or None,
            note=self.value(cells, "note") or None,
            context=self.value(cells, "context") or None,
        )

    def status(self, cells: Sequence[str]) -> SegmentStatus | None:
        """The status a row's status cell gives, or None when there is none."""
        text = self.value(cells, "status")
        if not text:
            return None
        status = CSV_STATUSES.get(lenient_key(text))
        if status is None:
            known = ", ".join(s.value for s in SegmentStatus)
            column = self.fields["status"] + 1
            raise ColumnError(f"column {column}: unknown status {text!r} (use {known})")
        return status

    def value(self, cells: Sequence[str], name: str) -> str:
        """A stripped optional cell, "" when the column is absent."""
        index = self.fields.get(name)
        return "" if index is None else cells[index].strip()


def _row_status(given: SegmentStatus | None, target: str) -> SegmentStatus:
    """A row's status: its status cell, else translated when it has a target."""
    if given is not None:
        return given
    return SegmentStatus.TRANSLATED if target else SegmentStatus.NEW


def _match(
    langs: list[tuple[int, str]], wanted: str | None, exclude: tuple[int, str] | None
) -> tuple[int, str] | None:
    """The language column for wanted: the same tag, else the same primary language."""
    if wanted is None:
        return None
    candidates = [column for column in langs if column != exclude]
    primary = wanted.split("-")[0].lower()
    return next((column for column in candidates if column[1] == wanted), None) or next(
        (column for column in candidates if column[1].split("-")[0].lower() == primary), None
    )


# --- reading -------------------------------------------------------------------------------


def _header(rows: Iterator[Row], path: Path) -> tuple[int, int, Sequence[str]]:
    """The record index, line and cells of the first non-blank record."""
    for index, (line, cells) in enumerate(rows):
        if not is_blank(cells):
            return index, line, cells
    raise FormatError(path, "file is empty")


def _columns(
    names: Sequence[str], line: int, path: Path, source_lang: str | None, target_lang: str | None
) -> BilingualColumns:
    try:
        return BilingualColumns.from_header(names, source_lang, target_lang)
    except ColumnError as error:
        raise FormatError(path, str(error), line) from None


def _segments(
    rows: Iterator[Row], columns: BilingualColumns, path: Path, first: int
) -> Iterator[Segment]:
    """The segments of the data rows; record indexes (from first) let export find them again."""
    ids: dict[str, int] = {}
    position = 0
    for index, (line, cells) in enumerate(rows, start=first):
        if is_blank(cells):
            continue
        try:
            segment = columns.segment(fit_row(cells, columns.width))
        except ColumnError as error:
            raise FormatError(path, str(error), line) from None
        if segment is None:
            continue
        if segment.unit_id is not None:
            earlier = ids.setdefault(segment.unit_id, line)
            if earlier != line:
                raise FormatError(
                    path, f"id {segment.unit_id!r} repeats the one at line {earlier}", line
                )
        position += 1
        segment.position = position
        segment.structure = {"row": str(index), "line": str(line)}
        yield segment


# --- writing -------------------------------------------------------------------------------


def _rewritten_row(cells: Sequence[str], columns: BilingualColumns, segment: Segment) -> list[str]:
    """A row of the original with the segment's target and status; a cell that would read
    back the same is left as it is, so the file keeps its own wording."""
    if with_markup(segment.source, segment.codes) != cells[columns.source]:
        raise ValueError(f"segment {segment.position} does not match its row of the original")
    row = list(cells)
    row[columns.target] = with_markup(segment.target, segment.codes)
    status = columns.fields.get("status")
    if status is not None and _row_status(columns.status(cells), row[columns.target]) != (
        segment.status
    ):
        row[status] = segment.status.value
    return row


def _over_original(
    document: Document, segments: Iterable[Segment], delimiter: str
) -> list[list[str]]:
    """The original's records with targets and statuses rewritten."""
    where = Path(document.name)
    encoding = document.properties.get("encoding")
    records = list(delimited_rows(io.BytesIO(document.original), where, delimiter, True, encoding))
    _, line, names = _header(iter(records), where)
    columns = _columns(names, line, where, document.source_lang, document.target_lang)
    by_row = {int(s.structure["row"]): s for s in segments if "row" in s.structure}
    rewritten = []
    for index, (_, cells) in enumerate(records):
        segment = by_row.pop(index, None)
        rewritten.append(_rewritten_row(cells, columns, segment) if segment else list(cells))
    if by_row:
        raise ValueError(f"segments refer to rows that {document.name} does not have")
    return rewritten


def _standard_header(source_lang: str, target_lang: str | None) -> list[str]:
    """`id,<source>,<target>,status,note`; `source,target` when the target language is unknown."""
    if target_lang is None:
        return ["id", "source", "target", *_STANDARD_TAIL]
    return ["id", header_tag(source_lang), header_tag(target_lang), *_STANDARD_TAIL]


def _standard(document: Document, segments: Iterable[Segment]) -> list[list[str]]:
    """A new file in the standard layout, codes written as their markup."""
    records = [_standard_header(document.source_lang, document.target_lang)]
    for segment in segments:
        records.append(
            [
                segment.unit_id or "",
                with_markup(segment.source, segment.codes),
                with_markup(segment.target, segment.codes),
                segment.status.value,
                segment.note or "",
            ]
        )
    return records


def _properties(data: bytes, encoding: str | None) -> dict[str, str]:
    """A byte order mark and an encoding given at import, which export decodes with again."""
    properties = {"bom": "true"} if sniff_bom(data) is not None else {}
    if encoding:
        properties["encoding"] = encoding
    return properties


class _BilingualFormat:
    """A bilingual document as delimited text with a header row."""

    name: ClassVar[str]
    delimiter: ClassVar[str]

    def read(self, path: Path, options: DocumentReadOptions) -> tuple[Document, Iterator[Segment]]:
        """The document (languages from the header or the options) and its rows as segments."""
        data = read_bytes(path)
        source = DelimitedSource(path, self.delimiter, True, options.encoding, options.limits)
        rows = source.rows(options.on_progress)
        first, line, names = _header(rows, path)
        columns = _columns(names, line, path, options.source_lang, options.target_lang)
        document = Document(
            name=path.name,
            format=self.name,
            source_lang=columns.source_lang,
            target_lang=columns.target_lang,
            original=data,
            properties=_properties(data, options.encoding),
        )
        return document, _segments(rows, columns, path, first + 1)

    def write(self, document: Document, segments: Iterable[Segment], path: Path) -> None:
        """Rewrite the original's target and status cells, or write the standard layout."""
        if document.format == self.name and document.original:
            records = _over_original(document, segments, self.delimiter)
            bom = sniff_bom(document.original) is not None
        else:
            records = _standard(document, segments)
            bom = False
        with row_writer(path, bom, self.delimiter) as append:
            for record in records:
                append(record)


class BilingualCsvFormat(_BilingualFormat):
    """Comma-separated bilingual document."""

    name: ClassVar[str] = "csv"
    delimiter: ClassVar[str] = ","


class BilingualTsvFormat(_BilingualFormat):
    """TAB-separated bilingual document, quoted like CSV where a cell needs it."""

    name: ClassVar[str] = "tsv"
    delimiter: ClassVar[str] = "\t"
