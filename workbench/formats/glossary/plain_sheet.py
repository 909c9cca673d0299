"""A worksheet's rows read straight from the part's bytes, without building elements, for
sheets of the plain shape our exports and openpyxl write.

Building every cell's elements with lxml was most of reading a large sheet, twice over:
read_table's first pass only looks for ids on more than one row (column A here), the second
reads every cell. Rows whose cells are all empty or inline strings in the plain form
(`<c r="B7" t="inlineStr"><is><t>..</t></is></c>`) are read here and give exactly what
sheet_rows gives for them; at the first thing this does not recognise (shared strings,
numbers, comments, prefixes, entities it cannot resolve...) it stops and sheet_rows goes on
from that row with lxml, so other sheets read as before. Well-formedness is lxml's to judge:
a sheet that is not is refused by lxml once this reaches the rows it cannot read, or (a
fault this does not see, such as a bad attribute in a row's later cells) by the second pass,
with lxml's message either way.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from lxml import etree

from workbench.formats.delimited import Row
from workbench.formats.glossary.sheet import (
    MAIN,
    STRICT_MAIN,
    Workbook,
    check_cells,
    sheet_rows,
    sheet_width,
)
from workbench.formats.zip_safety import open_member

_CHUNK = 1 << 16

_PROLOG = re.compile(
    rb'(?:<\?xml version="1\.0"(?: encoding="(?i:utf-8)")?(?: standalone="(?:yes|no)")?\?>)?'
    rb'\s*<worksheet xmlns="('
    + re.escape(MAIN.encode())
    + b"|"
    + re.escape(STRICT_MAIN.encode())
    + rb')"[^<>]*>'
)
_ROW_TAG = re.compile(rb"<row[\s/>]")
_WHOLE_ROW = re.compile(rb'<row r="([0-9]+)"(?: spans="[0-9:]*")?(/?)>')
"""A row start whose attributes lxml surely accepts (one r, perhaps spans)."""
_ROW = re.compile(rb'<row r="([0-9]+)"(?: [A-Za-z][\w:.-]*="[^"<>&]*")*(/?)>')
_ID_CELL = re.compile(
    rb'<c r="A[0-9]*"(?: s="[0-9]+")? t="inlineStr"><is><t(?: xml:space="preserve")?>'
    rb"([^<]*)</t></is></c>"
)
_OTHER_CELL = re.compile(rb'<c r="[B-Z][A-Z]?[0-9]*"')
"""A first cell in column B to ZZ (a longer name may be past Excel's last column: lxml's)."""
_ROW_END = re.compile(rb"</row>")
_CELL_TEXT = re.compile(
    r'<c r="([A-Z]{1,2})[0-9]*"(?: s="[0-9]+")?'
    r'(?:/>| t="inlineStr"><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>)'
)
"""A cell in column A to ZZ: empty, or an inline string in the plain form."""
_ROW_BODY = re.compile(
    rb'((?:<c r="[A-Z]{1,2}[0-9]*"(?: s="[0-9]+")?'
    rb'(?:/>| t="inlineStr"><is><t(?: xml:space="preserve")?>[^<]*</t></is></c>))*)</row>'
)
"""A row's cells of _CELL_TEXT's form, one right after another, to the row's end."""
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3}[0-9]*(?::[A-Z]{1,3}[0-9]*)?)"/>')
_UNSAFE = (b"<!", b"<?", b"xmlns=", b"\r")
"""What this pass does not read: comments, CDATA, DOCTYPE, processing instructions, a default
namespace declared again, carriage returns (which XML rewrites); and rows with a prefix."""
_PREFIXED_ROW = re.compile(rb"<[A-Za-z_][\w.-]*:row[\s/>]")
_REFERENCE = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _NotPlain(Exception):
    """The sheet has a shape this pass does not read; lxml takes over."""


def plain_sheet_rows(
    package: zipfile.ZipFile,
    workbook: Workbook,
    path: Path,
    on_fraction: Callable[[float], None] | None = None,
    only: int | None = None,
    longest_cell: int | None = None,
) -> Iterator[Row]:
    """What sheet_rows yields, read from the bytes while the sheet is plain, for every cell
    (only None) or the first pass's column A (only 0); any other column is lxml's."""
    if only not in (None, 0):
        yield from sheet_rows(package, workbook, path, on_fraction, only, longest_cell)
        return
    given = 0
    read = _whole_rows if only is None else _plain_rows
    try:
        for row in read(package, workbook, path, on_fraction, longest_cell):
            given += 1
            yield row
        return
    except _NotPlain:
        pass
    rows = sheet_rows(package, workbook, path, on_fraction, only, longest_cell)
    yield from islice(rows, given, None)


@dataclass(slots=True)
class _Sheet:
    """What reading the rows keeps between chunks."""

    whole: bool
    width: int = 0
    """The columns the sheet's dimension spans (sheet_rows pads shorter rows to it)."""
    rows_seen: bool = False
    columns: dict[str, int] = field(default_factory=dict)


def _plain_rows(
    package: zipfile.ZipFile,
    workbook: Workbook,
    path: Path,
    on_fraction: Callable[[float], None] | None,
    longest_cell: int | None,
) -> Iterator[Row]:
    """The rows' first cells while every row is plain; _NotPlain at the first that is not.

    The rest of each row is not looked at: the second pass (_whole_rows or lxml) reads every
    byte, so a sheet that is not well-formed is still refused."""
    if workbook.sheet not in package.NameToInfo:
        raise _NotPlain
    size = max(package.getinfo(workbook.sheet).file_size, 1)
    done = 0
    pending = b""
    started = False
    sheet = _Sheet(whole=False)
    with open_member(package, workbook.sheet, path) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            done += len(chunk)
            data = pending + chunk
            if not started:
                prolog = _PROLOG.match(data)
                if prolog is None:
                    if chunk and len(data) < 4096:
                        pending = data
                        continue
                    raise _NotPlain
                data = data[prolog.end() :]
                started = True
            # the rows before the last row's start are whole; that one may go on in the next
            cut = data.rfind(b"<row") if chunk else len(data)
            if cut < 0:
                pending = data
                continue
            complete, pending = data[:cut], data[cut:]
            if _unsafe(complete) or (not chunk and _unsafe(pending)):
                raise _NotPlain
            yield from _rows_in(complete, path, longest_cell, sheet)
            if on_fraction is not None:
                on_fraction(done / size)
            if not chunk:
                return


def _whole_rows(
    package: zipfile.ZipFile,
    workbook: Workbook,
    path: Path,
    on_fraction: Callable[[float], None] | None,
    longest_cell: int | None,
) -> Iterator[Row]:
    """Every row with every cell while the rows are plain; _NotPlain at the first that is not.

    The rows are read to the last byte, one after another (nothing between them); lxml
    checks what comes before and after them (the root, sheetData's start and end...), fed
    without the rows, which are well-formed by their reading: a sheet is refused exactly
    when lxml refuses it (then by lxml itself, which reads it again).
    """
    if workbook.sheet not in package.NameToInfo:
        raise _NotPlain
    size = max(package.getinfo(workbook.sheet).file_size, 1)
    done = 0
    pending = b""
    sheet = _Sheet(whole=True)
    frame = _frame_parser()
    head_read = rows_ended = False
    with open_member(package, workbook.sheet, path) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            done += len(chunk)
            data = pending + chunk
            if not head_read:
                prolog = _PROLOG.match(data)
                if prolog is None:
                    if chunk and len(data) < 4096:
                        pending = data
                        continue
                    raise _NotPlain
                first = _ROW_TAG.search(data)
                if first is None:
                    pending = data
                    if chunk:
                        continue
                    raise _NotPlain  # a sheet without rows: lxml's
                head, data = data[: first.start()], data[first.start() :]
                if _unsafe(head[prolog.end() :]):  # the declaration and root are checked
                    raise _NotPlain
                if b"<dimension" in head:
                    _dimension(head, sheet)
                _feed(frame, head)
                head_read = True
            if not rows_ended:
                cut = data.rfind(b"<row") if chunk else len(data)
                if cut <= 0:
                    pending = data
                    if chunk:
                        continue
                    raise _NotPlain
                complete, pending = data[:cut], data[cut:]
                if _unsafe(complete) or not _well_formed_text(complete):
                    raise _NotPlain
                references: list[tuple[list[str], int, str]] = []
                rows = list(_consecutive_rows(complete, sheet, references))
                _resolve_all(references)
                at = rows[-1][0] if rows else 0
                for _end, number, cells in rows:
                    check_cells(path, cells, number, longest_cell)
                    if len(cells) < sheet.width:
                        cells.extend([""] * (sheet.width - len(cells)))
                    yield number, cells
                if at < len(complete):  # the rows ended: sheetData's end, and what follows
                    if not complete.startswith(b"</sheetData>", at):
                        raise _NotPlain
                    rows_ended = True
                    data, pending = complete[at:] + pending, b""
                else:
                    data = b""
            if rows_ended and data:
                if _unsafe(data) or _ROW_TAG.search(data):
                    raise _NotPlain  # a row outside sheetData: lxml's
                _feed(frame, data)
            if on_fraction is not None:
                on_fraction(done / size)
            if not chunk:
                if not rows_ended:
                    raise _NotPlain
                try:
                    frame.close()
                except etree.XMLSyntaxError:
                    raise _NotPlain from None
                return


def _frame_parser() -> etree.XMLParser:
    """A parser for what surrounds the rows (it resolves nothing and loads nothing)."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _feed(frame: etree.XMLParser, data: bytes) -> None:
    """Feed the frame's parser; _NotPlain when lxml finds a fault (lxml then reports it)."""
    try:
        frame.feed(data)
    except etree.XMLSyntaxError:
        raise _NotPlain from None


def _consecutive_rows(
    data: bytes, sheet: _Sheet, references: list[tuple[list[str], int, str]]
) -> Iterator[tuple[int, int, list[str]]]:
    """(end, number, cells) of the rows at the start of data, one right after another; stops
    at the first thing that is not a row start. Cells with references are left for
    _resolve_all (in references)."""
    at = 0
    while data.startswith(b"<row", at):
        row = _WHOLE_ROW.match(data, at)
        if row is None:
            raise _NotPlain
        sheet.rows_seen = True
        if row.group(2):  # <row r="7"/>: no cells
            cells: list[str] = []
            at = row.end()
        else:
            cells, at = _cells(data, row.end(), sheet.columns, references)
        yield at, int(row.group(1)), cells


_CONTROLS = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
"""The bytes of control characters XML 1.0 does not allow."""


def _well_formed_text(data: bytes) -> bool:
    """Whether data is UTF-8 without characters XML forbids or a `]]>` (whole chunks at
    once: a check per row cost as much as reading the row)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if len(data.translate(None, _CONTROLS)) != len(data):
        return False
    return b"\xef\xbf\xbe" not in data and b"\xef\xbf\xbf" not in data and b"]]>" not in data


def _unsafe(data: bytes) -> bool:
    """Whether data holds something this pass does not read (bytes searches: fast)."""
    if any(mark in data for mark in _UNSAFE):
        return True
    return b":row" in data and _PREFIXED_ROW.search(data) is not None


def _rows_in(data: bytes, path: Path, longest_cell: int | None, sheet: _Sheet) -> Iterator[Row]:
    """The rows starting in data (whose rows are whole), with their cells as sheet_rows gives
    them (sheet.whole), or their first column's, as sheet_rows(only=0) gives it."""
    for found in _ROW_TAG.finditer(data):
        sheet.rows_seen = True
        row = _ROW.match(data, found.start())
        if row is None:
            raise _NotPlain
        number = int(row.group(1))
        after = row.end()
        if row.group(2):  # <row r="7"/>: no cells
            cells: list[str] = []
        elif (cell := _ID_CELL.match(data, after)) is not None:
            cells = [_text(cell.group(1))]
        elif _OTHER_CELL.match(data, after) or _ROW_END.match(data, after):
            cells = []  # the row's first cell is in another column, or it has none
        else:
            raise _NotPlain  # a cell this pass does not read
        check_cells(path, cells, number, longest_cell)
        yield number, cells


def _dimension(data: bytes, sheet: _Sheet) -> None:
    """Take the width from the one <dimension> before the rows; _NotPlain for another."""
    first_row = _ROW_TAG.search(data)
    at = data.find(b"<dimension")
    found = _DIMENSION.match(data, at)
    if (
        sheet.rows_seen
        or found is None
        or (first_row is not None and first_row.start() < at)
        or data.count(b"<dimension") != 1
    ):
        raise _NotPlain
    sheet.width = sheet_width(found.group(1).decode("ascii"))


def _cells(
    data: bytes, at: int, columns: dict[str, int], references: list[tuple[list[str], int, str]]
) -> tuple[list[str], int]:
    """A row's cells from at to its </row> (and where that ends), placed as
    _CellReader.row places them."""
    body = _ROW_BODY.match(data, at)
    if body is None:
        raise _NotPlain  # a cell this pass does not read
    text = body.group(1).decode("utf-8")  # checked with its chunk (_well_formed_text)
    found = _CELL_TEXT.findall(text)
    if tuple([letters for letters, _value in found]) == _IN_ORDER[: len(found)]:
        # the usual row: A, B, C ... with none left out, each cell in its place
        cells = [value for _letters, value in found]
        if "&" in text:
            for index, value in enumerate(cells):
                if "&" in value:
                    references.append((cells, index, value))
                    cells[index] = ""
        return cells, body.end()
    cells = []
    deferred: set[int] = set()
    for letters, value in found:
        column = columns.get(letters)
        if column is None:
            column = columns.setdefault(letters, _column_number(letters))
        if "&" in value:
            references.append((cells, column, value))
            deferred.add(column)
            value = ""
        if column == len(cells):
            cells.append(value)
        elif column > len(cells):
            cells.extend([""] * (column - len(cells)))
            cells.append(value)
        elif column in deferred and "&" not in value:
            raise _NotPlain  # written over a text resolved later: lxml keeps the order
        else:
            cells[column] = value
    return cells, body.end()


def _resolve_all(references: list[tuple[list[str], int, str]]) -> None:
    """Put each text with references into its cell, all resolved by lxml in one parse (a call
    per reference from Python cost more than the lxml parse this saves)."""
    if not references:
        return
    raws = [raw for _cells, _column, raw in references]
    wrapped = ("<r><t>" + "</t><t>".join(raws) + "</t></r>").encode("utf-8")
    try:
        texts = [element.text or "" for element in etree.fromstring(wrapped, _frame_parser())]
    except etree.XMLSyntaxError:
        raise _NotPlain from None  # an entity that is not declared...: lxml's to report
    if len(texts) != len(raws):
        raise _NotPlain
    for (cells, column, _raw), text in zip(references, texts, strict=True):
        cells[column] = text


_IN_ORDER = tuple(
    [chr(65 + i) for i in range(26)]
    + [chr(65 + i) + chr(65 + j) for i in range(26) for j in range(26)]
)
"""Column names A to ZZ, in order."""


def _column_number(letters: str) -> int:
    """The 0-based column of one or two capital letters (A is 0, ZZ 701)."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number - 1


def _text(raw: bytes) -> str:
    """A <t> element's text as lxml gives it: UTF-8 with its references resolved."""
    if b"]]>" in raw:
        raise _NotPlain  # not well-formed: let lxml report it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _NotPlain from None
    if _NOT_XML.search(text):
        raise _NotPlain
    if "&" not in text:
        return text
    if text.count("&") != len(_REFERENCE.findall(text)):
        raise _NotPlain  # an entity this pass does not know (lxml refuses it)
    return _REFERENCE.sub(_resolve, text)


def _resolve(reference: re.Match[str]) -> str:
    """One entity or character reference; _NotPlain for one XML does not allow."""
    named, decimal, hexadecimal = reference.groups()
    if named:
        return _NAMED[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if not (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    ):
        raise _NotPlain
    return chr(code)
