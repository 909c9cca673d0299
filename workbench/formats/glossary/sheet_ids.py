"""A quick first pass over a worksheet: the first column's text of each row, found in the
part's bytes without building elements, for sheets of the plain shape our exports write.

read_table's first pass only looks for ids on more than one row; building every cell's
elements with lxml for that cost a third of reading a large sheet. This reads the rows whose
id cell is an inline string in the plain form (`<c r="A7" t="inlineStr"><is><t>..</t></is></c>`)
and gives exactly what sheet_rows(only=0) gives for them; at the first thing it does not
recognise (shared strings, numbers, comments, prefixes, entities it cannot resolve...) it
stops and sheet_rows goes on from that row with lxml, so odd sheets read as before. Syntax
errors it does not see are reported by the second pass, which parses every byte.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

from workbench.formats.delimited import Row
from workbench.formats.glossary.sheet import MAIN, STRICT_MAIN, Workbook, check_cells, sheet_rows
from workbench.formats.zip_safety import open_member

_CHUNK = 1 << 20

_PROLOG = re.compile(
    rb'(?:<\?xml version="1\.0"(?: encoding="(?i:utf-8)")?(?: standalone="(?:yes|no)")?\?>)?'
    rb'\s*<worksheet xmlns="('
    + re.escape(MAIN.encode())
    + b"|"
    + re.escape(STRICT_MAIN.encode())
    + rb')"[^<>]*>'
)
_ROW_TAG = re.compile(rb"<row[\s/>]")
_ROW = re.compile(rb'<row r="([0-9]+)"(?: [A-Za-z][\w:.-]*="[^"<>&]*")*(/?)>')
_ID_CELL = re.compile(
    rb'<c r="A[0-9]*"(?: s="[0-9]+")? t="inlineStr"><is><t(?: xml:space="preserve")?>'
    rb"([^<]*)</t></is></c>"
)
_OTHER_CELL = re.compile(rb'<c r="[B-Z][A-Z]?[0-9]*"')
"""A first cell in column B to ZZ (a longer name may be past Excel's last column: lxml's)."""
_ROW_END = re.compile(rb"</row>")
_UNSAFE = (b"<!", b"<?", b"xmlns=", b"\r")
"""What this pass does not read: comments, CDATA, DOCTYPE, processing instructions, a default
namespace declared again, carriage returns (which XML rewrites); and rows with a prefix."""
_PREFIXED_ROW = re.compile(rb"<[A-Za-z_][\w.-]*:row[\s/>]")
_REFERENCE = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _NotPlain(Exception):
    """The sheet has a shape this pass does not read; lxml takes over."""


def first_column_rows(
    package: zipfile.ZipFile,
    workbook: Workbook,
    path: Path,
    on_fraction: Callable[[float], None] | None = None,
    longest_cell: int | None = None,
) -> Iterator[Row]:
    """What sheet_rows(only=0) yields, read from the bytes while the sheet is plain."""
    given = 0
    try:
        for row in _plain_rows(package, workbook, path, on_fraction, longest_cell):
            given += 1
            yield row
        return
    except _NotPlain:
        pass
    rows = sheet_rows(package, workbook, path, on_fraction, 0, longest_cell)
    yield from islice(rows, given, None)


def _plain_rows(
    package: zipfile.ZipFile,
    workbook: Workbook,
    path: Path,
    on_fraction: Callable[[float], None] | None,
    longest_cell: int | None,
) -> Iterator[Row]:
    """The rows' first cells while every row is plain; _NotPlain at the first that is not."""
    if workbook.sheet not in package.NameToInfo:
        raise _NotPlain
    size = max(package.getinfo(workbook.sheet).file_size, 1)
    done = 0
    pending = b""
    started = False
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
            yield from _rows_in(complete, path, longest_cell)
            if on_fraction is not None:
                on_fraction(done / size)
            if not chunk:
                return


def _unsafe(data: bytes) -> bool:
    """Whether data holds something this pass does not read (bytes searches: fast)."""
    if any(mark in data for mark in _UNSAFE):
        return True
    return b":row" in data and _PREFIXED_ROW.search(data) is not None


def _rows_in(data: bytes, path: Path, longest_cell: int | None) -> Iterator[Row]:
    """The rows starting in data (whose last tag is whole), each with its first cell's text."""
    for found in _ROW_TAG.finditer(data):
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
            raise _NotPlain  # a cell this pass does not read, or the tag goes on past data
        check_cells(path, cells, number, longest_cell)
        yield number, cells


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
