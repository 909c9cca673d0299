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
