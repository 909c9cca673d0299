"""XLSX glossaries: the CSV column convention in a worksheet, streamed both ways."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from test_glossary_csv import (
    LANGS,
    TERMS_PER_LANG,
    sample_concepts,
    summary,
    write_options,
)

from workbench.domain.model import Concept, Term, TermStatus
from workbench.formats.base import FormatError, ReadOptions
from workbench.formats.glossary.columns import GlossaryColumns
from workbench.formats.glossary.csv_tsv import CsvFormat
from workbench.formats.glossary.xlsx import XlsxFormat
from workbench.formats.registry import glossary_format


def make_workbook(path: Path, rows: list[list[object]], first_sheet: str = "Terms") -> Path:
    """Save a workbook the way a person would: normal mode, typed cells, gaps."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = first_sheet
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Other").append(["ignored", "sheet"])
    workbook.save(path)
    return path


def test_round_trip_keeps_every_concept_term_and_attribute(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    assert XlsxFormat().write(sample_concepts(), path, write_options()) == 3
    read_back = list(XlsxFormat().read(path, ReadOptions()))
    assert [summary(c) for c in read_back] == [summary(c) for c in sample_concepts()]


def test_written_sheet_has_the_csv_header_and_text_cells(tmp_path: Path) -> None:
    path = tmp_path / "glossary.xlsx"
    formula_like = Concept(uid="f", terms=[Term("en", "=SUM(A1:A2)"), Term("ko", "합계")])
    XlsxFormat().write([*sample_concepts(), formula_like], path, write_options())
    sheet = load_workbook(path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    csv_path = tmp_path / "glossary.csv"
    CsvFormat().write([*sample_concepts(), formula_like], csv_path, write_options())
    assert header == csv_path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert set(header) < set(GlossaryColumns.for_writing(LANGS, TERMS_PER_LANG).names)
    assert sheet.freeze_panes == "A2"
    last = sheet.max_row
    en = header.index("en") + 1
    assert sheet.cell(last, en).value == "=SUM(A1:A2)"
    assert sheet.cell(last, en).data_type == "s"
    (read_back,) = [c for c in XlsxFormat().read(path, ReadOptions()) if c.uid == "f"]
    assert read_back.terms_in("en")[0].text == "=SUM(A1:A2)"


def test_hand_made_workbook_with_numbers_gaps_and_short_rows(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "hand.xlsx",
        [
            ["ID", "ko", "en", "en:status", "en:case", None],
            [7, "  스쥔 ", "Shi Jun", None, True],
            [],
            [8.0, "주광샹", "Zhu Guangxiang"],
            [7, None, "Shi Jun (史軍)", "admitted"],
        ],
    )
    concepts = list(XlsxFormat().read(path, ReadOptions()))
    assert [c.uid for c in concepts] == ["8", "7"]
    shi_jun = concepts[1]
    assert [(t.text, t.status, t.case_sensitive) for t in shi_jun.terms] == [
        ("스쥔", TermStatus.PREFERRED, False),
        ("Shi Jun", TermStatus.PREFERRED, True),
        ("Shi Jun (史軍)", TermStatus.ADMITTED, False),
    ]


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        ([["ko", "foo"], ["스쥔", "x"]], 1, "column 2 header 'foo' is neither a language tag"),
        (
            [["ko", "en"], ["스쥔", "Shi Jun", "extra"]],
            2,
            "column 3 has no header but holds 'extra'",
        ),
        (
            [["ko", "en", "en:status"], ["스쥔", "Shi Jun", ""], [], ["주광샹", "Zhu", "maybe"]],
            4,
            "unknown status 'maybe'",
        ),
        ([["source", "target"], ["Edit", "Upravit"]], 1, "give --source-lang and --target-lang"),
        ([], None, "file is empty"),
    ],
)
def test_bad_sheet_names_the_file_and_row(
    tmp_path: Path, rows: list[list[object]], line: int | None, message: str
) -> None:
    path = make_workbook(tmp_path / "bad.xlsx", rows)
    with pytest.raises(FormatError) as caught:
        list(XlsxFormat().read(path, ReadOptions()))
    text = str(caught.value)
    assert text.startswith(str(path) if line is None else f"{path}:{line}: "), text
    assert message in text


@pytest.mark.parametrize(
    "content", [b"", b"ko,en\n", b"PK\x03\x04 truncated"], ids=["empty", "csv", "zip"]
)
def test_file_that_is_not_a_workbook_is_a_format_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(content)
    with pytest.raises(FormatError, match="not an Excel workbook"):
        list(XlsxFormat().read(path, ReadOptions()))


def test_zip_without_a_workbook_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(FormatError, match="not an Excel workbook"):
        list(XlsxFormat().read(path, ReadOptions()))


def test_large_sheet_streams_with_progress(tmp_path: Path) -> None:
    concepts = [
        Concept(uid=f"c{n}", terms=[Term("ko", f"용어 {n}"), Term("en", f"term {n}")])
        for n in range(6_000)
    ]
    path = tmp_path / "big.xlsx"
    assert XlsxFormat().write(iter(concepts), path, write_options(langs=["ko", "en"])) == 6_000
    seen: list[tuple[int, int]] = []
    options = ReadOptions(on_progress=lambda done, total: seen.append((done, total)))
    read_back = XlsxFormat().read(path, options)
    assert sum(1 for _ in read_back) == 6_000
    size = path.stat().st_size
    assert len(seen) >= 3
    assert seen[-1] == (size, size)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_registered_by_name_and_extension(tmp_path: Path) -> None:
    assert type(glossary_format(Path("g.xlsx")).inner) is XlsxFormat
    assert type(glossary_format(Path("g.bin"), "xlsx").inner) is XlsxFormat
    # --format xlsx works whatever the file is called.
    path = tmp_path / "glossary.bin"
    XlsxFormat().write(sample_concepts(), path, write_options())
    assert len(list(XlsxFormat().read(path, ReadOptions()))) == 3
