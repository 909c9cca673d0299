"""`workbench review report`: segments changed since the translator confirmed them, with TER."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run

from workbench import services
from workbench.domain.document import SegmentStatus
from workbench.storage.engine import Database, open_database


def _document(db: Database, tmp_path: Path) -> None:
    text = tmp_path / "news.txt"
    text.write_text("첫째 문장이다.\n\n둘째 문장이다.\n\n셋째 문장이다.\n", encoding="utf-8")
    services.import_document(db, text, source_lang="ko", target_lang="en")


def _save(db: Database, position: int, target: str, status: SegmentStatus, author: str) -> None:
    segment = services.document_segments(db, "news.txt")[1][position - 1]
    assert segment.id is not None
    services.save_segment(db, segment.id, target, status, segment.version, author)


def test_the_report_lists_what_review_changed_with_ter(db: Database, tmp_path: Path) -> None:
    _document(db, tmp_path)
    _save(db, 1, "The first sentence.", SegmentStatus.TRANSLATED, "kim")
    _save(db, 2, "The second sentence.", SegmentStatus.TRANSLATED, "kim")
    _save(db, 3, "A third one.", SegmentStatus.DRAFT, "kim")  # never confirmed: not reviewed
    _save(db, 1, "The first sentence.", SegmentStatus.REVIEWED, "lee")  # reviewed as it was
    _save(db, 2, "The 2nd sentence here.", SegmentStatus.REVIEWED, "lee")
    _save(db, 2, "The second sentence here.", SegmentStatus.APPROVED, "park")
    report = services.review_report(db, "news.txt")
    assert report.confirmed == 2
    [change] = report.changes
    assert (change.position, change.translated, change.current) == (
        2,
        "The second sentence.",
        "The second sentence here.",
    )
    assert (change.translator, change.reviewer, change.status) == (
        "kim",
        "park",
        SegmentStatus.APPROVED,
    )
    # sentence. -> sentence, + here. (TER keeps punctuation on its word): 2 edits of 4 words
    assert change.ter == pytest.approx(50.0)
    assert report.signature.startswith("nrefs:1|case:mixed")


def test_the_cli_prints_the_report_and_refuses_an_unknown_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    monkeypatch.setenv("WORKBENCH_DB", url)
    db = open_database(url)
    _document(db, tmp_path)
    _save(db, 1, "The first.", SegmentStatus.TRANSLATED, "kim")
    _save(db, 1, "The very first.", SegmentStatus.REVIEWED, "lee")
    db.dispose()
    code, out, _ = run(capsys, "review", "report", "news.txt", "--json")
    shown = json.loads(out)
    assert (
        code == 0
        and shown["changed"] == 1
        and shown["segments"][0]["ter"] == pytest.approx(100 / 3, abs=0.01)
    )
    code, out, _ = run(capsys, "review", "report", "news.txt")
    assert "1 of 1 confirmed segments changed in review" in out and "TER signature" in out
    code, out, err = run(capsys, "review", "report", "nothing.txt")
    assert code == 2 and out == "" and err.count("\n") == 1


def _id(db: Database, position: int) -> int:
    found = services.document_segments(db, "news.txt")[1][position - 1].id
    assert found is not None
    return found


def test_an_undone_confirmation_is_not_the_translators_version(
    db: Database, tmp_path: Path
) -> None:
    """Confirm, confirm again, undo: the translator's version is the one undo put back."""
    _document(db, tmp_path)
    _save(db, 1, "The first sentence.", SegmentStatus.TRANSLATED, "kim")
    _save(db, 1, "A first sentence.", SegmentStatus.TRANSLATED, "kim")
    services.undo_segment(db, _id(db, 1), "kim")
    assert services.review_report(db, "news.txt").changes == []
    version = services.translator_version(db, _id(db, 1))
    assert version is not None and version.target == "The first sentence."
    services.redo_segment(db, _id(db, 1), "kim")
    assert services.review_report(db, "news.txt").changes == []
    assert services.translator_version(db, _id(db, 1)) == services.TranslatorVersion(
        "A first sentence.", "kim"
    )


def _paragraph(db: Database, tmp_path: Path) -> None:
    text = tmp_path / "news.txt"
    text.write_text("첫째 문장이다. 둘째 문장이다.\n", encoding="utf-8")
    services.import_document(db, text, source_lang="ko", target_lang="en")


def test_an_undone_join_leaves_no_change_in_review(db: Database, tmp_path: Path) -> None:
    """Join two confirmed segments, confirm the join, undo twice: both are as confirmed."""
    _paragraph(db, tmp_path)
    _save(db, 1, "The first sentence.", SegmentStatus.TRANSLATED, "kim")
    _save(db, 2, "The second sentence.", SegmentStatus.TRANSLATED, "kim")
    services.join_segments(db, "news.txt", 1, author="kim")
    _save(db, 1, "The first and second sentences.", SegmentStatus.TRANSLATED, "kim")
    services.undo_segment(db, _id(db, 1), "kim")  # the confirmation of the join
    services.undo_segment(db, _id(db, 1), "kim")  # the join
    report = services.review_report(db, "news.txt")
    assert (report.changes, report.confirmed) == ([], 2)
    version = services.translator_version(db, _id(db, 1))
    assert version is not None and version.target == "The first sentence."


def test_a_split_segment_is_not_compared_with_the_whole(db: Database, tmp_path: Path) -> None:
    """A confirmed segment split in two: its first part is not a review change of the whole."""
    _paragraph(db, tmp_path)
    _save(db, 1, "The first sentence.", SegmentStatus.TRANSLATED, "kim")
    services.join_segments(db, "news.txt", 1, author="kim")
    _save(db, 1, "The first and second.", SegmentStatus.TRANSLATED, "kim")
    first = services.document_segments(db, "news.txt")[1][0]
    services.split_segment(
        db, "news.txt", 1, first.source.index("둘째"), first.target.index("second"), author="kim"
    )
    assert services.review_report(db, "news.txt").changes == []
