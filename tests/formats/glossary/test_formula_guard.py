"""CSV/TSV glossary export neutralises formula cells (OWASP), and our import reads them back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.model import Concept, Term
from workbench.formats.base import ReadOptions, WriteOptions
from workbench.formats.delimited import guard_formula, unguard_formula
from workbench.formats.registry import glossary_format
from workbench.storage.engine import open_database

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
INJECTION = Path("corpus/hostile/workbench/csv-injection.csv")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab 가"), max_size=8) | st.text(max_size=8))
def test_guarding_is_undone_exactly_and_never_leaves_a_formula(cell: str) -> None:
    guarded = guard_formula(cell)
    assert unguard_formula(guarded) == cell
    assert not guarded.startswith(TRIGGERS)


@pytest.mark.parametrize("extension", [".csv", ".tsv"])
def test_the_hostile_cells_are_exported_neutralised_and_read_back_as_they_were(
    shared: Path, tmp_path: Path, extension: str
) -> None:
    source = shared / INJECTION
    concepts = list(glossary_format(source).read(source, ReadOptions()))
    english = [c.terms_in("en")[0].text for c in concepts]
    assert "=cmd|' /C calc'!A0" in english and "-2+3" in english
    out = tmp_path / f"out{extension}"
    glossary = glossary_format(out)
    glossary.write(concepts, out, WriteOptions(langs=["en", "ko"]))
    with out.open(encoding="utf-8", newline="") as handle:
        delimiter = "," if extension == ".csv" else "\t"
        cells = [cell for row in csv.reader(handle, delimiter=delimiter) for cell in row]
    assert not [cell for cell in cells if cell.startswith(TRIGGERS)]
    assert "'=cmd|' /C calc'!A0" in cells and "'@SUM(A1)" in cells
    again = list(glossary.read(out, ReadOptions()))
    assert [c.terms_in("en")[0].text for c in again] == english


def test_suffixes_and_phone_prefixes_round_trip_and_the_guard_can_be_turned_off(
    tmp_path: Path,
) -> None:
    concepts = [
        Concept(terms=[Term("en", "-ing"), Term("ko", "-는")]),
        Concept(terms=[Term("en", "+86"), Term("ko", "'+82")]),
        Concept(terms=[Term("en", "@mention"), Term("ko", "'quoted'")]),
    ]
    out = tmp_path / "g.csv"
    glossary = glossary_format(out)
    glossary.write(concepts, out, WriteOptions(langs=["en", "ko"]))
    read = [[t.text for t in c.terms] for c in glossary.read(out, ReadOptions())]
    assert read == [["-ing", "-는"], ["+86", "'+82"], ["@mention", "'quoted'"]]
    raw = tmp_path / "raw.csv"
    glossary.write(concepts, raw, WriteOptions(langs=["en", "ko"], formula_guard=False))
    assert "\n-ing," in raw.read_text(encoding="utf-8")


def test_the_export_command_guards_by_default(shared: Path, tmp_path: Path) -> None:
    from workbench import services

    db = open_database(f"sqlite:///{tmp_path / 'g.sqlite'}")
    services.import_glossary(db, shared / INJECTION)
    guarded, plain = tmp_path / "a.tsv", tmp_path / "b.tsv"
    services.export_glossary(db, guarded)
    services.export_glossary(db, plain, formula_guard=False)
    assert "'=cmd" in guarded.read_text(encoding="utf-8")
    assert "\t=cmd" in plain.read_text(encoding="utf-8").replace('"', "")
    db.dispose()
