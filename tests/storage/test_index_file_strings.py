"""The kept index file gives back every string column as written, separator or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.domain.term_table import IndexData, TermTable
from workbench.storage import index_file


def concepts(note: str | None) -> list[Concept]:
    return [
        Concept(
            id=1,
            terms=[
                Term("ko", "센스타임", note=note, source="보도자료"),
                Term("en", "SenseTime", TermStatus.ADMITTED, "noun", TermType.FULL_FORM),
            ],
        ),
        Concept(id=2, terms=[Term("zh-Hans", " 商汤科技  "), Term("en", "", note="")]),
    ]


@pytest.mark.parametrize("note", [None, "", "a plain note", "a note with a \x00 in it"])
def test_columns_come_back_as_written(tmp_path: Path, note: str | None) -> None:
    data = IndexData.of(TermTable.of_concepts(concepts(note)))
    path = tmp_path / "kept.term-index"
    assert index_file.write_index_file(path, "identity", 7, data)
    kept = index_file.read_index_file(path, "identity")
    assert kept is not None and kept[0] == 7
    assert kept[1].table == data.table
    assert (kept[1].key, kept[1].entry_text) == (data.key, data.entry_text)
    assert data.entry_text != data.table.text  # a term clean_term changes: kept apart


def test_an_empty_term_base_comes_back_empty(tmp_path: Path) -> None:
    path = tmp_path / "kept.term-index"
    assert index_file.write_index_file(path, "identity", 0, IndexData.of(TermTable.empty()))
    kept = index_file.read_index_file(path, "identity")
    assert kept is not None and len(kept[1]) == 0
