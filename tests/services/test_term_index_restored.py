"""The kept term index after the database file is replaced by an older copy of itself.

A translator restores yesterday's backup of the term base (or a sync tool brings back an
older copy) and goes on working. The copy has the same identity and an older revision; the
kept index beside it was made from the newer history. Once the restored copy has had as many
term changes as the lost ones (or more), its revision reaches the kept file's again, and the
kept index (or the kept index with only the later changes read again) must still not be
taken for the term base's: the lost concept must not be found, the new one must.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench import services
from workbench.domain.model import Term
from workbench.storage import termbase
from workbench.storage.engine import open_database

TEXT = "센스타임은 딥시크와 원거를 만났다"


def _found(url: str, quick: bool) -> set[str]:
    """The terms found with the kept index: read as `terms find` reads it (quick: with the
    sqlite3 driver alone) or through the engine, as the editor and QA read it."""
    if quick:
        return {hit.term for hit in services.load_term_index_at(url).find(TEXT, "ko")}
    db = open_database(url)
    try:
        return {hit.term for hit in services.load_term_index(db).find(TEXT, "ko")}
    finally:
        db.dispose()


def _fresh(url: str) -> set[str]:
    db = open_database(url)
    try:
        with db.sessions() as session:
            concepts = list(termbase.iter_concepts(session))
        return {t.text for c in concepts for t in c.terms if t.lang == "ko" and t.text in TEXT}
    finally:
        db.dispose()


def _add(url: str, ko: str, en: str) -> None:
    db = open_database(url)
    try:
        services.add_concept(db, [Term("ko", ko), Term("en", en)])
    finally:
        db.dispose()  # the last connection closed: the WAL is checkpointed into the file


@pytest.mark.parametrize("quick", [True, False])
@pytest.mark.parametrize("changes_after_restore", [1, 2])
def test_a_restored_backup_is_not_read_with_the_newer_kept_index(
    tmp_path: Path, changes_after_restore: int, quick: bool
) -> None:
    path = tmp_path / "termbase.sqlite"
    url = f"sqlite:///{path}"
    _add(url, "센스타임", "SenseTime")
    assert _found(url, quick) == {"센스타임"}
    backup = tmp_path / "backup.sqlite"
    shutil.copyfile(path, backup)
    _add(url, "딥시크", "DeepSeek")  # lost when the backup comes back
    assert _found(url, quick) == {"센스타임", "딥시크"}  # kept: the file now holds 딥시크
    shutil.copyfile(backup, path)
    _add(url, "원거", "Wenge")
    if changes_after_restore > 1:
        _add(url, "은행", "bank")
    assert _fresh(url) == {"센스타임", "원거"}
    assert _found(url, quick) == {"센스타임", "원거"}
