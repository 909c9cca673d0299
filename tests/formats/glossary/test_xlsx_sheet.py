"""The streaming worksheet reader gives what openpyxl gives, and refuses hostile packages."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from workbench.formats.base import FormatError, ReadOptions
from workbench.formats.glossary.sheet import open_workbook, sheet_rows
from workbench.formats.registry import glossary_format
from workbench.formats.zip_safety import open_zip_package

HOSTILE = Path("corpus/hostile/workbench")


def shown(value: object) -> str:
    """openpyxl's value as the text the glossary reader has always made of it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def trimmed(cells: list[str]) -> list[str]:
    while cells and cells[-1] == "":
        cells = cells[:-1]
    return cells


def by_openpyxl(path: Path) -> list[tuple[int, list[str]]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    rows = [
        (number, trimmed([shown(value) for value in values]))
        for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1)
    ]
    workbook.close()
    return [(number, cells) for number, cells in rows if cells]


def by_us(path: Path, width: int | None = None) -> list[tuple[int, list[str]]]:
    """Our rows; cut to width columns to compare with openpyxl, which drops the cells past
    the sheet's declared dimension (we keep them: the header check then sees them)."""
    with open_zip_package(path) as package:
        workbook = open_workbook(package, path)
        rows = [
            (number, trimmed(cells[:width]))
            for number, cells in sheet_rows(package, workbook, path)
        ]
    return [(number, cells) for number, cells in rows if cells]


def declared_width(path: Path) -> int | None:
    workbook = load_workbook(path, read_only=True)
    width = workbook.worksheets[0].max_column
    workbook.close()
    return width


CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (CORPUS / "xlsx").rglob("*.xlsx")) or ["absent"]
)
def test_every_corpus_workbook_reads_as_openpyxl_reads_it(name: str, shared: Path) -> None:
    (path,) = (shared / "corpus" / "xlsx").rglob(name)
    assert by_us(path, declared_width(path)) == by_openpyxl(path)


def test_a_cell_past_the_declared_dimension_is_kept_not_dropped(shared: Path) -> None:
    (path,) = (shared / "corpus" / "xlsx").rglob("1_NoIden.xlsx")
    row = dict(by_us(path))[8]
    assert row[4:] == ["123456.0", "abcedfgh"]
    assert len(dict(by_openpyxl(path))[8]) == 4


def test_a_damaged_workbook_openpyxl_cannot_read_is_read(shared: Path) -> None:
    path = shared / HOSTILE / "fuzz-f1937.xlsx"
    with pytest.raises(TypeError):  # one of the tracebacks issue 12 counted
        by_openpyxl(path)
    assert len(by_us(path)) == 51


def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "en", "ko", "note"])
    sheet.append([7, "Shared string", "공유 문자열", 3.25])
    sheet.append([8.0, True, False, datetime(2025, 7, 26, 9, 30)])
    sheet.append([None, date(2025, 7, 26), time(12, 15), -0.5])
    sheet.append([1e20, "=not a formula", "  spaces kept  ", 12345678901234567890])
    sheet["A6"] = "=1+1"
    sheet["B6"] = CellRichText(["plain ", TextBlock(InlineFont(b=True), "bold"), " end"])
    sheet["D9"] = "after a gap"
    sheet["C10"] = "_x001B_ escaped"
    path = tmp_path / "kinds.xlsx"
    workbook.save(path)
    assert by_us(path) == by_openpyxl(path)
    assert by_us(path)[2] == (3, ["8", "True", "False", "2025-07-26T09:30:00"])


def test_a_1904_workbook_gives_the_same_dates(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.epoch = datetime(1904, 1, 1)
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["when", datetime(2024, 2, 29, 8, 0)])
    path = tmp_path / "mac.xlsx"
    workbook.save(path)
    assert by_us(path) == by_openpyxl(path) == [(1, ["when", "2024-02-29T08:00:00"])]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("xxe-in-sheet-data.xlsx", "declares a DOCTYPE (entities); refused for safety"),
        ("billion-laughs-in-sheet.xlsx", "entity"),
        ("zipbomb-1GiB-cell.xlsx", "limit zip_member"),
        ("eol-cr-only.xlsx", "is damaged"),
        ("fuzz-f48.xlsx", "part xl/workbook.xml"),
        ("fuzz-f53.xlsx", "part xl/worksheets/sheet1.xml"),
    ],
)
def test_hostile_workbooks_are_one_line_refusals(shared: Path, name: str, message: str) -> None:
    path = shared / HOSTILE / name
    with pytest.raises(FormatError) as caught:
        list(glossary_format(path).read(path, ReadOptions(source_lang="en", target_lang="ko")))
    assert message in str(caught.value) and "\n" not in str(caught.value)


def rewritten(source: Path, target: Path, part: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            new.writestr(item, data if item.filename == part else old.read(item))
    return target


@pytest.fixture
def small(tmp_path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["en", "ko"])
    sheet.append(["Save", "저장"])
    path = tmp_path / "small.xlsx"
    workbook.save(path)
    return path


SHEET = "xl/worksheets/sheet1.xml"
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        (
            f'<worksheet {MAIN}><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row>'
            "</sheetData></worksheet>",
            "row 1 refers to a shared string that does not exist",
        ),
        (
            f'<worksheet {MAIN}><sheetData><row r="1"><c r="A1"><v>12abc</v></c></row>'
            "</sheetData></worksheet>",
            "row 1: invalid literal",
        ),
        (
            f'<worksheet {MAIN}><sheetData><row r="1"><c r="XFE1" t="inlineStr"><is><t>x</t>'
            "</is></c></row></sheetData></worksheet>",
            "past Excel's last column",
        ),
        (
            f'<worksheet {MAIN}><sheetData><row r="1"><c r="ZZZZ1" t="inlineStr"><is><t>x</t>'
            "</is></c></row></sheetData></worksheet>",
            "cell reference 'ZZZZ1' is not",
        ),
        (
            f'<worksheet {MAIN}><sheetData><row r="1"><c r="A1" t="b"><v>yes</v></c></row>'
            "</sheetData></worksheet>",
            "row 1: invalid literal",
        ),
        (f"<worksheet {MAIN}><sheetData>" + "<row>" * 300, "part xl/worksheets/sheet1.xml"),
        (
            f'<worksheet {MAIN}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t>'
            "</is></c></row></sheetData></worksheet>",
            "Entity 'x' not defined",
        ),
    ],
)
def test_broken_sheet_xml_is_a_format_error_naming_the_part(
    small: Path, tmp_path: Path, sheet: str, message: str
) -> None:
    path = rewritten(small, tmp_path / "broken.xlsx", SHEET, sheet.encode())
    with pytest.raises(FormatError) as caught:
        list(glossary_format(path).read(path, ReadOptions()))
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_workbook_whose_first_sheet_is_missing_says_so(small: Path, tmp_path: Path) -> None:
    path = tmp_path / "nosheet.xlsx"
    with zipfile.ZipFile(small) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            if item.filename != SHEET:
                new.writestr(item, old.read(item))
    with pytest.raises(FormatError, match=r"part xl/worksheets/sheet1\.xml: is missing"):
        list(glossary_format(path).read(path, ReadOptions()))


def test_a_cell_over_the_cell_limit_is_refused_with_its_row_and_column(tmp_path: Path) -> None:
    from workbench.domain.limits import Limits

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["en", "ko", "note"])
    sheet.append(["Save", "저장", "n" * 60])
    path = tmp_path / "long.xlsx"
    workbook.save(path)
    with pytest.raises(FormatError, match="column 3: a cell of 60 characters") as caught:
        list(glossary_format(path).read(path, ReadOptions(limits=Limits(cell=50))))
    assert caught.value.line == 2
