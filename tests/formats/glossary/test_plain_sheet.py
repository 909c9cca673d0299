"""Rows read from a worksheet's bytes are what lxml's reader gives, or its refusal."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from workbench.domain.limits import Limits
from workbench.domain.model import Concept, Term
from workbench.formats.base import ReadOptions, WriteOptions
from workbench.formats.glossary import xlsx
from workbench.formats.glossary.plain_sheet import plain_sheet_rows
from workbench.formats.glossary.sheet import open_workbook, sheet_rows
from workbench.formats.glossary.xlsx import XlsxFormat
from workbench.formats.registry import glossary_format
from workbench.formats.zip_safety import open_zip_package

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"


def outcome(rows: Any) -> object:
    try:
        return list(rows())
    except Exception as error:  # the same refusal, or the same rows
        return (type(error).__name__, str(error))


def both(path: Path, limits: Limits | None = None, whole: bool = False) -> tuple[object, object]:
    """The first pass (whole: every cell) by lxml and by the bytes, each as rows or the error
    it raised."""
    limits = limits or Limits()
    only = None if whole else 0
    with open_zip_package(path, limits) as package:
        book = open_workbook(package, path)
        by_lxml = outcome(lambda: sheet_rows(package, book, path, None, only, limits.cell))
        by_bytes = outcome(lambda: plain_sheet_rows(package, book, path, None, only, limits.cell))
    return by_lxml, by_bytes


def with_sheet(tmp_path: Path, xml: str, name: str = "t.xlsx") -> Path:
    """A small openpyxl workbook whose sheet part is replaced by xml."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "en"])
    source = tmp_path / "source.xlsx"
    book.save(source)
    target = tmp_path / name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = xml.encode() if item.filename == SHEET else old.read(item)
            new.writestr(item, data)
    return target


# ids that try to break a reader of bytes: markup characters, references, CJK and Korean,
# astral characters, spaces and line breaks, a repeated id
IDS = st.one_of(
    st.sampled_from(["c1", "c1", "a&b", "<x>", 'q"u', "it's", "3천200억", "中文", "繁體", "]]"]),
    st.text(
        alphabet=st.sampled_from(list("ab1 &<>\"'\t\n가나中\U0001f600é]")), min_size=0, max_size=6
    ),
)


def escaped(text: str, style: int) -> str:
    """text as a <t> element's content, in one of several legal spellings."""
    out = []
    for char in text:
        if char in "&<>" or (style == 1 and char in "\"'") or (style == 2 and ord(char) > 127):
            out.append(
                {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}.get(
                    char, f"&#{ord(char)};"
                )
                if style != 3
                else f"&#x{ord(char):X};"
            )
        else:
            out.append(char)
    return "".join(out)


FIXTURE = [HealthCheck.function_scoped_fixture]  # tmp_path is only written, never compared
CELL_SHAPES = st.sampled_from(
    [
        *["plain"] * 8,
        "styled",
        "preserve",
        "empty-row",
        "no-id",
        "spans",
        "mixed",
        "mixed",
        "number",
    ]
)
BREAKAGES = st.sampled_from(["", "", "", "no-end", "bad-tail", "bad-head", "bad-cell", "gap"])


@st.composite
def sheets(draw: st.DrawFn) -> str:
    """A worksheet of rows in the shapes writers make, now and then one this pass leaves to
    lxml (a numeric id, a shared-string-free oddity, a comment)."""
    rows = []
    for number in range(1, draw(st.integers(1, 12)) + 1):
        shape = draw(CELL_SHAPES)
        text = escaped(draw(IDS), draw(st.integers(0, 3)))
        other = f'<c r="B{number}" t="inlineStr"><is><t>x</t></is></c>'
        if shape == "empty-row":
            rows.append(f'<row r="{number}"/>')
            continue
        if shape == "no-id":
            rows.append(f'<row r="{number}" spans="1:2">{other}</row>')
            continue
        if shape == "number":
            rows.append(f'<row r="{number}"><c r="A{number}"><v>{number}7</v></c>{other}</row>')
            continue
        if shape == "mixed":  # empty styled cells, a late column, a cell out of order
            late = escaped(draw(IDS), 0)
            rows.append(
                f'<row r="{number}"><c r="C{number}" s="2"/><c r="A{number}" t="inlineStr">'
                f'<is><t>{text}</t></is></c><c r="AB{number}" t="inlineStr"><is><t>{late}'
                f'</t></is></c><c r="E{number}"/></row>'
            )
            continue
        if shape == "spans":
            cell = f'<c r="A{number}" t="inlineStr"><is><t>{text}</t></is></c>'
            rows.append(f'<row r="{number}" spans="1:2">{cell}{other}</row>')
            continue
        style = ' s="1"' if shape == "styled" else ""
        space = ' xml:space="preserve"' if shape == "preserve" else ""
        cell = f'<c r="A{number}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
        rows.append(f'<row r="{number}">{cell}{other}</row>')
    if draw(st.integers(0, 4)) == 0:
        rows.insert(draw(st.integers(0, len(rows))), "<!-- a comment -->")
    prolog = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' if draw(st.booleans()) else ""
    )
    return f'{prolog}<worksheet xmlns="{MAIN}"><sheetData>{"".join(rows)}</sheetData></worksheet>'


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(xml=sheets())
def test_generated_sheets_give_the_same_rows(tmp_path: Path, xml: str) -> None:
    path = with_sheet(tmp_path, xml)
    by_lxml, by_bytes = both(path, whole=True)
    assert by_bytes == by_lxml
    by_lxml, by_bytes = both(path)
    if isinstance(by_lxml, list):
        assert by_bytes == by_lxml
    else:  # not well-formed: the first pass may not see it, the second refuses it as lxml
        assert by_bytes == by_lxml or isinstance(by_bytes, list)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ids=st.lists(IDS, min_size=1, max_size=20))
def test_our_own_export_gives_the_same_first_column(tmp_path: Path, ids: list[str]) -> None:
    concepts = [
        Concept(uid=uid or None, terms=[Term("en", f"term {i}"), Term("ko", f"용어 {i}")])
        for i, uid in enumerate(ids)
    ]
    path = tmp_path / "export.xlsx"
    XlsxFormat().write(concepts, path, WriteOptions(langs=["en", "ko"]))
    for whole in (False, True):
        by_lxml, by_bytes = both(path, whole=whole)
        assert by_bytes == by_lxml


PLAIN_ROWS = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>en</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>c1</t></is></c>'
    '<c r="B2" t="inlineStr"><is><t>Save &amp; close</t></is></c></row>'
)


@pytest.mark.parametrize(
    ("head", "tail"),
    [
        ("<sheetData>", "</sheetData></worksheet>"),  # well-formed
        ("<sheetData>", "</sheetData>"),  # cut short
        ("<sheetData>", "</sheetData><x a='1' a='2'/></worksheet>"),  # a fault after the rows
        ("<sheetPr><sheetData>", "</sheetData></worksheet>"),  # a fault before them
        ("<sheetData>", "</sheetData><row r='9'/></worksheet>"),  # a row after sheetData
        ("<sheetData>", "</sheetData></worksheet><x/>"),  # a second root
        ('<dimension ref="A1:E3"/><sheetData>', "</sheetData></worksheet>"),  # padded to E
    ],
)
def test_what_surrounds_plain_rows_is_judged_as_lxml_judges_it(
    tmp_path: Path, head: str, tail: str
) -> None:
    xml = f'<worksheet xmlns="{MAIN}">{head}{PLAIN_ROWS}{tail}'
    for whole in (True, False):
        by_lxml, by_bytes = both(with_sheet(tmp_path, xml), whole=whole)
        if whole or isinstance(by_lxml, list):
            assert by_bytes == by_lxml


REFUSED_TEXTS = ["a]]>b", "a\x01b", "&foo;", "&#1;", "&#xD800;", "a\ufffeb", "&#65;&#x42;"]


@pytest.mark.parametrize("text", REFUSED_TEXTS)
def test_a_text_xml_refuses_is_refused_as_lxml_refuses_it(tmp_path: Path, text: str) -> None:
    xml = (
        f'<worksheet xmlns="{MAIN}"><sheetData>{PLAIN_ROWS}<row r="3"><c r="A3" t="inlineStr">'
        f'<is><t>c2</t></is></c><c r="B3" t="inlineStr"><is><t>{text}</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    for whole in (True, False):
        by_lxml, by_bytes = both(with_sheet(tmp_path, xml), whole=whole)
        if whole or isinstance(by_lxml, list):
            assert by_bytes == by_lxml


def test_a_long_sheet_read_in_many_chunks_gives_the_same_rows(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>id {n % 997} &amp; 가</t></is></c>'
        f'<c r="B{n}" t="inlineStr"><is><t>{"x" * (n % 300)}</t></is></c></row>'
        for n in range(1, 12_000)
    )
    path = with_sheet(
        tmp_path, f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    )
    for whole in (False, True):
        by_lxml, by_bytes = both(path, whole=whole)
        assert isinstance(by_lxml, list) and len(by_lxml) == 11_999
        assert by_bytes == by_lxml


def test_an_id_over_the_cell_limit_is_refused_as_before(tmp_path: Path) -> None:
    xml = (
        f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t>'
        f'</is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>{"i" * 60}</t></is></c>'
        "</row></sheetData></worksheet>"
    )
    for whole in (False, True):
        by_lxml, by_bytes = both(with_sheet(tmp_path, xml), Limits(cell=50), whole)
        assert by_bytes == by_lxml
        assert "column 1: a cell of 60 characters" in str(by_bytes)


def workbooks(shared: Path) -> Iterator[Path]:
    yield from sorted((shared / "corpus").rglob("*.xlsx"))


def read_all(path: Path) -> object:
    options = ReadOptions(source_lang="en", target_lang="ko")
    return outcome(lambda: glossary_format(path).read(path, options))


def test_every_corpus_workbook_imports_as_with_lxml_alone(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a reader sees (the concepts, or the refusal) is the same; a sheet that is not
    well-formed is refused with lxml's message."""
    found = {path: read_all(path) for path in workbooks(shared)}
    assert found

    monkeypatch.setattr(xlsx, "plain_sheet_rows", sheet_rows)
    for path, concepts in found.items():
        assert read_all(path) == concepts, path
