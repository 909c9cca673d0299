"""Excel workbooks as documents: cell strings in reading order, renamed sheets followed."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName

from workbench.domain.document import Segment
from workbench.formats.base import DocumentReadOptions, FormatError
from workbench.formats.office.xlsx import XlsxDocumentFormat, rename_in_formula


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    prices = book.active
    prices.title = "Prices"
    prices["A1"] = "Green tea"
    prices["B1"] = 12.5
    prices["A2"] = "Green tea"  # openpyxl writes inline strings: one segment each
    summary = book.create_sheet("Summary Sheet")
    summary["A1"] = "=Prices!B1*2"
    summary["A2"] = '="Prices!"&Prices!A1'
    summary["B1"] = "Total price"
    book.defined_names["first_price"] = DefinedName("first_price", attr_text="Prices!$B$1")
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


def read(path: Path) -> tuple[object, list[Segment]]:
    document, segments = XlsxDocumentFormat().read(path, DocumentReadOptions(source_lang="en"))
    return document, list(segments)


def test_sheet_names_then_inline_strings_in_cell_order_with_the_cell_as_context(
    workbook: Path,
) -> None:
    _document, segments = read(workbook)
    assert [(s.source, s.context) for s in segments] == [
        ("Prices", "sheet name"),
        ("Green tea", "Prices!A1"),
        ("Green tea", "Prices!A2"),
        ("Summary Sheet", "sheet name"),
        ("Total price", "Summary Sheet!B1"),
    ]


def test_a_translated_sheet_name_is_followed_by_formulas_and_defined_names(
    workbook: Path, tmp_path: Path
) -> None:
    document, segments = read(workbook)
    targets = {"Prices": "가격", "Summary Sheet": "요약 시트", "Green tea": "녹차"}
    for segment in segments:
        segment.target = targets.get(segment.source, "")
    out = tmp_path / "out.xlsx"
    XlsxDocumentFormat().write(document, segments, out)  # type: ignore[arg-type]
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["가격", "요약 시트"]
    summary = book["요약 시트"]
    assert summary["A1"].value == "='가격'!B1*2"
    assert summary["A2"].value == "=\"Prices!\"&'가격'!A1"  # a string literal stays as it was
    assert book.defined_names["first_price"].attr_text == "'가격'!$B$1"
    assert book["가격"]["A1"].value == book["가격"]["A2"].value == "녹차"


def test_a_sheet_name_excel_would_refuse_fails_the_export(workbook: Path, tmp_path: Path) -> None:
    document, segments = read(workbook)
    segments[0].target = "가격/단가"
    out = tmp_path / "out.xlsx"
    with pytest.raises(FormatError, match=r"sheet name '가격/단가' has one of"):
        XlsxDocumentFormat().write(document, segments, out)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("SUM(Prices!A1:A3)", "SUM(New!A1:A3)"),
        ("'Prices'!A1+MyPrices!A1", "New!A1+MyPrices!A1"),
        ('"Prices!A1"&Prices!A1', '"Prices!A1"&New!A1'),
        ("[1]Prices!A1", "[1]Prices!A1"),
    ],
)
def test_formula_references_are_renamed_outside_strings_and_other_workbooks(
    formula: str, expected: str
) -> None:
    assert rename_in_formula(formula, {"Prices": "New"}) == expected
