"""Concept ids are scoped to their origin (issue 11 item 2): imports of real files, twice, and
files whose local ids clash, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from workbench import services
from workbench.domain.model import LOCAL_ORIGIN, Term
from workbench.services import Database, ImportResult, UsageError


def corpus(shared: Path, name: str) -> Path:
    return shared / "corpus" / name


def counts(result: ImportResult) -> tuple[int, int, int, int, int]:
    """New, merged, changed concepts; terms added and updated."""
    return (
        result.concepts_created,
        result.concepts_merged,
        result.concepts_changed,
        result.terms_added,
        result.terms_updated,
    )


def concept_count(db: Database) -> int:
    return services.glossary_stats(db).concepts


def test_the_issue_repro_nothing_merges_across_origins(db: Database, shared: Path) -> None:
    """basic_good.tbx then ibm_tbx.tbx: both use c1..c5, which are local to each file."""
    first = services.import_glossary(db, corpus(shared, "tbx/ltac_test_files/basic_good.tbx"))
    before = concept_count(db)
    second = services.import_glossary(db, corpus(shared, "tbx/okapi/ibm_tbx.tbx"))
    assert second.concepts_read == 5
    assert (second.concepts_created, second.concepts_merged) == (5, 0)
    assert concept_count(db) == before + 5
    (cluster,) = services.search_glossary(db, "open cluster", "en")
    assert {t.text for t in cluster.terms} >= {"open cluster"}
    assert not {"navigation trail", "branch", "historique de navigation"} & {
        t.text for t in cluster.terms
    }
    assert cluster.subject_field == "General"  # not overwritten by IBM's "Software"
    assert cluster.origin == "basic_good.tbx"  # the sourceDesc names a tool, not a term base
    assert first.concepts_created == before
    (trail,) = services.search_glossary(db, "navigation trail", "en")
    assert trail.origin == "IBM Data"  # the TBX title
    assert trail.uid == cluster.uid


@pytest.mark.parametrize(
    "name",
    [
        "tbx/okapi/ibm_tbx.tbx",
        "tbx/ltac_test_files/basic_good.tbx",
        "tbx/weblate/cs.tbx",
        "glossary_csv/tico19_google/en_ko.csv",
        "glossary_csv/google_cloud_samples/bistro_glossary.csv",
    ],
)
def test_the_same_real_file_twice_adds_nothing(db: Database, shared: Path, name: str) -> None:
    path = corpus(shared, name)
    first = services.import_glossary(db, path)
    stored = concept_count(db)
    again = services.import_glossary(db, path)
    assert first.concepts_created == stored > 0
    assert counts(again) == (0, stored, 0, 0, 0)
    assert concept_count(db) == stored


def xlsx_from_csv(source: Path, target: Path) -> Path:
    """The CSV saved as a workbook, as a person does in a spreadsheet."""
    import csv

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    with source.open(encoding="utf-8-sig", newline="") as file:
        for row in csv.reader(file):
            sheet.append(row)
    book.save(target)
    return target


def test_the_same_workbook_twice_adds_nothing(db: Database, shared: Path, tmp_path: Path) -> None:
    path = xlsx_from_csv(
        corpus(shared, "glossary_csv/tico19_google/en_ko.csv"), tmp_path / "en_ko.xlsx"
    )
    first = services.import_glossary(db, path)
    again = services.import_glossary(db, path)
    assert first.concepts_created == concept_count(db) > 300
    assert counts(again) == (0, first.concepts_created, 0, 0, 0)


def test_two_files_with_clashing_local_ids_stay_apart(db: Database, shared: Path) -> None:
    """Both TICO-19 files number their rows 1, 2, 3 ... in the stringID column."""
    english_korean = services.import_glossary(
        db, corpus(shared, "glossary_csv/tico19_google/en_ko.csv")
    )
    english_chinese = services.import_glossary(
        db, corpus(shared, "glossary_csv/tico19_google/en_zh-CN.csv")
    )
    assert english_chinese.concepts_merged == 0
    total = english_korean.concepts_created + english_chinese.concepts_created
    assert concept_count(db) == total
    (contagious, *_) = services.search_glossary(db, "전염성", "ko")
    assert {t.lang for t in contagious.terms} == {"en", "ko"}  # no Chinese merged in by id
    assert contagious.origin == "en_ko.csv"


def test_an_origin_named_on_the_command_line_merges_a_renamed_file(
    db: Database, shared: Path, tmp_path: Path
) -> None:
    source = corpus(shared, "glossary_csv/tico19_google/en_ko.csv")
    renamed = tmp_path / "client-2025.csv"
    shutil.copyfile(source, renamed)
    first = services.import_glossary(db, source, origin="TICO-19")
    again = services.import_glossary(db, renamed, origin="TICO-19")
    assert again.concepts_created == 0 and again.concepts_merged == first.concepts_created
    elsewhere = services.import_glossary(db, renamed, merge_by="id")
    assert elsewhere.concepts_created == first.concepts_created  # another origin, by id only


def test_dry_run_counts_without_writing(db: Database, shared: Path) -> None:
    path = corpus(shared, "tbx/ltac_test_files/basic_good.tbx")
    dry = services.import_glossary(db, path, dry_run=True)
    assert concept_count(db) == 0
    real = services.import_glossary(db, path)
    assert counts(dry) == counts(real)
    assert services.import_glossary(db, path, dry_run=True).concepts_created == 0


def test_merge_by_terms_and_none(db: Database, shared: Path) -> None:
    path = corpus(shared, "tbx/okapi/ibm_tbx.tbx")
    services.import_glossary(db, path)
    stored = concept_count(db)
    by_terms = services.import_glossary(db, path, origin="elsewhere", merge_by="terms")
    assert (by_terms.concepts_created, by_terms.concepts_merged) == (0, stored)
    by_id = services.import_glossary(db, path, origin="elsewhere", merge_by="id")
    assert by_id.concepts_created == stored  # the ids mean nothing in another origin
    none = services.import_glossary(db, path, merge_by="none")
    assert none.concepts_created == stored
    with pytest.raises(UsageError, match="--merge-by"):
        services.import_glossary(db, path, merge_by="shared")


def test_concepts_made_here_are_local_with_a_stable_id(db: Database) -> None:
    made = services.add_concept(db, [Term("en", "origin test"), Term("ko", "원산지 시험")])
    assert made.origin == LOCAL_ORIGIN
    assert made.stable_id is not None and made.stable_id.startswith("wb-")


EXPORTS = ("tbx", "csv", "tsv", "xlsx")


@pytest.mark.parametrize("extension", EXPORTS)
def test_export_then_import_into_the_same_term_base_changes_nothing(
    db: Database, shared: Path, tmp_path: Path, extension: str
) -> None:
    """Two files whose ids clash, concepts made here (no id): all come back to themselves."""
    services.import_glossary(db, corpus(shared, "tbx/ltac_test_files/basic_good.tbx"))
    services.import_glossary(db, corpus(shared, "tbx/okapi/ibm_tbx.tbx"))
    services.import_glossary(db, corpus(shared, "glossary_csv/tico19_google/ko_en.csv"))
    services.add_concept(db, [Term("en", "made here"), Term("ko", "여기서 만듦")])
    stored = concept_count(db)
    path = tmp_path / f"export.{extension}"
    services.export_glossary(db, path)
    again = services.import_glossary(db, path)
    assert counts(again) == (0, stored, 0, 0, 0)
    assert concept_count(db) == stored
