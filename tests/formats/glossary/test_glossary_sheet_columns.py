"""Glossary spreadsheets a person can read: CSV, TSV and XLSX exports write only the columns
that carry data, in a stable order (id, then per language term, status, part of speech,
definition, context, note), `--columns` chooses them, and what is written reads back."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests_support import run

from workbench import services
from workbench.domain.model import Concept, Term, TermStatus
from workbench.formats.base import WriteOptions
from workbench.formats.glossary.columns import context_category
from workbench.formats.glossary.tbx import TbxFormat

ASTRONOMY = "corpus/tbx/ltac_tbx-basic_dialect/Example_Astronomy_DCA_VALID.tbx"


def _rows(path: Path) -> list[list[str]]:
    if path.suffix == ".xlsx":
        sheet = load_workbook(path).worksheets[0]
        return [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    delimiter = "\t" if path.suffix == ".tsv" else ","
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=delimiter))


def _concepts() -> list[Concept]:
    """Korean and English terms; only some have a part of speech, one a context sentence."""
    valve = Concept(
        uid="v1",
        terms=[Term("ko", "차단 밸브"), Term("en", "stop valve", part_of_speech="noun")],
        definitions={"en": "A valve that stops the flow."},
    )
    valve.categories.append(
        context_category("en", "stop valve", "Close the stop valve before service.")
    )
    pump = Concept(
        uid="p1",
        terms=[
            Term("ko", "펌프"),
            Term("en", "pump"),
            Term("en", "impeller pump", TermStatus.ADMITTED),
        ],
        note="Checked by the client.",
    )
    return [valve, pump]


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "tb.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    source = tmp_path / "in.tbx"
    TbxFormat().write(_concepts(), source, WriteOptions())
    db = services.open_database(f"sqlite:///{path}")
    try:
        services.import_glossary(db, source)
    finally:
        db.dispose()
    return path


@pytest.mark.parametrize("name", ["out.csv", "out.tsv", "out.xlsx"])
def test_only_columns_with_data_in_a_stable_order(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    code, _out, err = run(capsys, "glossary", "export", str(out), "--langs", "ko,en")
    assert code == 0, err
    header, *rows = _rows(out)
    assert header == [
        "id",
        "ko",
        "ko:status",
        "en",
        "en:status",
        "en:pos",
        "en:definition",
        "en:context",
        "en",
        "en:status",
        "note",
        "origin",
    ]
    for index, column in enumerate(header):  # every column carries something
        assert any(row[index] for row in rows), column
    valve = rows[[row[0] for row in rows].index("v1")]
    assert valve[header.index("en:context")] == "Close the stop valve before service."


@pytest.mark.parametrize("name", ["again.csv", "again.xlsx"])
def test_the_export_reads_back_and_exports_the_same(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, name: str
) -> None:
    first = tmp_path / name
    assert run(capsys, "glossary", "export", str(first), "--langs", "ko,en")[0] == 0
    other = tmp_path / "other.sqlite"
    assert run(capsys, "--db", str(other), "glossary", "import", str(first))[0] == 0
    second = tmp_path / f"second{first.suffix}"
    code, _out, err = run(
        capsys, "--db", str(other), "glossary", "export", str(second), "--langs", "ko,en"
    )
    assert code == 0, err
    assert _rows(second) == _rows(first)  # the context sentence and the rest came back


def test_columns_chooses_and_keeps_empty_ones(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "few.csv"
    code, _out, err = run(
        capsys, "glossary", "export", str(out), "--langs", "en,ko", "--columns", "term,type,note"
    )
    assert code == 0, err
    header, *rows = _rows(out)
    # chosen: written even where no term has a value (a sheet to fill in); id was not chosen
    assert header == [
        "en",
        "en:note",
        "en:type",
        "en",
        "en:note",
        "en:type",
        "ko",
        "ko:note",
        "ko:type",
    ]
    assert len(rows) == 2


def test_an_unknown_column_is_one_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.csv"
    code, stdout, err = run(capsys, "glossary", "export", str(out), "--columns", "term,colour")
    assert code == 2 and stdout == ""
    assert err.count("\n") == 1 and "unknown column 'colour'" in err
    assert not out.exists()


def test_the_astronomy_term_base_in_a_sheet(shared: Path, tmp_path: Path) -> None:
    """The official TBX-Basic example: every written column has data, contexts included."""
    db = services.open_database(f"sqlite:///{tmp_path / 'a.sqlite'}")
    try:
        services.import_glossary(db, shared / ASTRONOMY)
        out = tmp_path / "astronomy.csv"
        services.export_glossary(db, out)
    finally:
        db.dispose()
    header, *rows = _rows(out)
    empty = [column for i, column in enumerate(header) if not any(row[i] for row in rows)]
    assert empty == []
    assert {"en:context", "es:context", "en:definition", "en:pos"} <= set(header)
    assert header[0] == "id" and header[-1] == "origin"
    contexts = [row[header.index("en:context")] for row in rows if row[0] == "c1"]
    # the context sentence alone: the source beside it in its descripGrp stays in the TBX
    assert contexts and contexts[0].startswith("Over 1100 open clusters are known")
    assert "seds.org" not in contexts[0]
