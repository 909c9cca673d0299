"""`workbench qa NAME --ignore/--unignore/--show-ignored` and `workbench score --doc NAME`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests_support import run

from workbench import services
from workbench.domain.document import SegmentStatus
from workbench.storage.engine import Database, open_database

TEXT = "매출은 3천200억 원이었다.\n\n센스타임은 상하이에 있다.\n"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    path = tmp_path / "qa.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    database = open_database(f"sqlite:///{path}")
    source = tmp_path / "news.txt"
    source.write_text(TEXT, encoding="utf-8")
    services.import_document(database, source, source_lang="ko", target_lang="en")
    _, (first, second) = services.document_segments(database, "news.txt")
    assert first.id is not None and second.id is not None
    services.save_segment(
        database,
        first.id,
        "Sales were 32 billion won.",
        SegmentStatus.TRANSLATED,
        0,
        None,
        services.Suggestion("Sales were 320 billion won.", "tm:95 old.txt"),
    )
    services.save_segment(
        database,
        second.id,
        "SenseTime is in Shanghai.",
        SegmentStatus.TRANSLATED,
        0,
        None,
        services.Suggestion("SenseTime is located in Shanghai."),
    )
    yield database
    database.dispose()


def test_ignore_marks_the_issue_and_the_next_run_leaves_it_out(
    capsys: pytest.CaptureFixture[str], db: Database
) -> None:
    code, out, _ = run(capsys, "qa", "news.txt", "--json")
    assert code == 1 and json.loads(out)["ignored"] == 0
    code, out, err = run(capsys, "qa", "news.txt", "--ignore", "1:number_mismatch")
    assert code == 0, out + err
    assert "2 segments, 0 issues, 1 ignored" in out
    code, out, _ = run(capsys, "qa", "news.txt", "--json", "--show-ignored")
    report = json.loads(out)
    assert code == 0 and report["issues"] == [] and report["ignored"] == 1
    (shown,) = report["ignored_issues"]
    assert (shown["segment"], shown["check"]) == (1, "number_mismatch")
    code, out, _ = run(capsys, "qa", "news.txt", "--show-ignored")
    assert "Ignored: 1\n  #1  number_mismatch  number" in out


def test_unignore_brings_it_back(capsys: pytest.CaptureFixture[str], db: Database) -> None:
    assert run(capsys, "qa", "news.txt", "--ignore", "1:number_mismatch")[0] == 0
    code, out, _ = run(capsys, "qa", "news.txt", "--unignore", "1:number_mismatch", "--json")
    assert code == 1 and [i["segment"] for i in json.loads(out)["issues"]] == [1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ignore", "one:number_mismatch"], "give POSITION:CHECK_ID"),
        (["--ignore", "2:number_mismatch"], "segment 2 of news.txt has no number_mismatch issue"),
        (["--unignore", "1:number_mismatch"], "no number_mismatch issue marked ignored"),
    ],
)
def test_bad_marks_exit_2_and_mark_nothing(
    capsys: pytest.CaptureFixture[str], db: Database, args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "qa", "news.txt", *args)
    assert code == 2 and message in err
    assert services.ignore_keys(db, "news.txt") == {}


def test_a_file_cannot_be_marked(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text("source,target\n3천200억 원,32 billion won\n", encoding="utf-8")
    args = ["qa", str(path), "--source-lang", "ko", "--target-lang", "en"]
    code, _, err = run(capsys, *args, "--ignore", "1:number_mismatch")
    assert code == 2 and "[ignore] in a QA profile" in err


def test_score_doc_prints_the_stored_post_edit_distances(
    capsys: pytest.CaptureFixture[str], db: Database
) -> None:
    code, out, err = run(capsys, "score", "--doc", "news.txt", "--worst", "1")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "news.txt: post-edit distance (TER) 22.50 on average over 2 segments"
    assert lines[1].startswith("signature: nrefs:1|case:mixed|tok:tercom")
    assert "most edited, highest TER first (1 of 2):" in out
    assert "     2   25.00  SenseTime is in Shanghai." in out


def test_score_doc_json(capsys: pytest.CaptureFixture[str], db: Database) -> None:
    code, out, _ = run(capsys, "score", "--doc", "news.txt", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["document"] == "news.txt"
    assert shown["ter"]["score"] == pytest.approx(22.5) and shown["ter"]["count"] == 2
    assert shown["ter"]["signature"].startswith("nrefs:1|")
    assert [(s["segment"], s["origin"]) for s in shown["segments"]] == [
        (1, "tm:95 old.txt"),
        (2, ""),
    ]
    assert [s["segment"] for s in shown["worst"]] == [2, 1]


def test_score_doc_without_post_edits_and_usage_errors(
    capsys: pytest.CaptureFixture[str], db: Database, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("문장.\n", encoding="utf-8")
    services.import_document(db, other, source_lang="ko", target_lang="en")
    code, out, _ = run(capsys, "score", "--doc", "other.txt")
    assert code == 0 and "no post-edited suggestions stored yet" in out
    code, _, err = run(capsys, "score", "--doc", "gone")
    assert code == 2 and "no document named 'gone'" in err
    code, _, err = run(capsys, "score", str(other), "--doc", "other.txt")
    assert code == 2 and "not both" in err
    code, _, err = run(capsys, "score")
    assert code == 2 and "give HYP and REF" in err
