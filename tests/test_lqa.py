"""LQA: MQM errors annotated on a document's segments, its score, the CLI, the export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run
from translate.storage import xliff as ttk_xliff

from workbench import services
from workbench.storage.engine import Database, open_database

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="en" target-language="ko" datatype="plaintext" original="news">
<body>
<trans-unit id="n1"><source>The fair opens on Monday in Shanghai.</source>
<target>박람회는 월요일 상하이에서 열린다.</target></trans-unit>
<trans-unit id="n2"><source>More than 800 companies take part this year.</source>
<target>올해 800개 기업이 참가한다.</target></trans-unit>
<trans-unit id="n3"><source>Not translated yet.</source></trans-unit>
</body></file></xliff>
"""


def _import(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "fair.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    services.import_document(db, path)


def test_the_score_counts_the_evaluated_source_words(db: Database, tmp_path: Path) -> None:
    _import(db, tmp_path)
    services.add_annotation(
        db, "fair.xlf", 2, "accuracy/omission", "major", "more than", None, "lee"
    )
    services.add_annotation(
        db, "fair.xlf", 1, "fluency", "minor", excerpt="상하이에서", author="lee"
    )
    report = services.lqa_report(db, "fair.xlf")
    # segments 1 and 2 have targets: 7 + 8 = 15 source words; 5 + 1 = 6 points
    assert (report.evaluated_segments, report.score.evaluation_words) == (2, 15)
    assert report.score.penalty == 6
    assert report.score.quality == pytest.approx(60.0)
    assert [(a.position, a.category) for a in report.annotations] == [
        (1, "linguistic-conventions"),
        (2, "accuracy/omission"),
    ]
    assert not report.score.passed


def test_bad_annotations_are_refused_and_nothing_is_stored(db: Database, tmp_path: Path) -> None:
    _import(db, tmp_path)
    for args in (
        ("fair.xlf", 1, "beauty", "minor"),
        ("fair.xlf", 1, "accuracy", "awful"),
        ("fair.xlf", 9, "accuracy", "minor"),
        ("none.xlf", 1, "accuracy", "minor"),
    ):
        with pytest.raises(services.UsageError):
            services.add_annotation(db, *args)  # type: ignore[arg-type]
    with pytest.raises(services.UsageError, match="has no 'Tokyo'"):
        services.add_annotation(db, "fair.xlf", 1, "accuracy", "minor", excerpt="Tokyo")
    assert services.lqa_report(db, "fair.xlf").annotations == []


def test_annotations_go_out_with_the_xliff(db: Database, tmp_path: Path) -> None:
    _import(db, tmp_path)
    services.add_annotation(
        db, "fair.xlf", 2, "accuracy/omission", "major", "more than", None, "lee"
    )
    out = tmp_path / "out.xlf"
    services.export_document(db, "fair.xlf", out)
    units = {u.getid().split("\x04")[-1]: u for u in ttk_xliff.xlifffile(out.read_bytes()).units}
    assert units["n2"].getnotes() == "LQA major accuracy/omission: more than"
    assert 'from="lee"' in out.read_text(encoding="utf-8")


def test_the_cli_adds_reports_and_exits_1_on_a_fail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'l.sqlite'}"
    monkeypatch.setenv("WORKBENCH_DB", url)
    monkeypatch.setenv("WORKBENCH_AUTHOR", "lee")
    db = open_database(url)
    _import(db, tmp_path)
    db.dispose()
    code, out, _ = run(capsys, "lqa", "report", "fair.xlf", "--json")
    assert code == 0 and json.loads(out)["quality_score"] == 100
    code, out, _ = run(capsys, "lqa", "add", "fair.xlf", "style", "minor", "--segment", "1")
    assert code == 0 and out == "LQA 1: minor style on segment 1\n"
    code, out, _ = run(capsys, "lqa", "report", "fair.xlf")
    assert code == 1 and "quality 93.33 (threshold 99): FAIL" in out
    profile = tmp_path / "lqa.toml"
    profile.write_text("threshold = 90\n", encoding="utf-8")
    assert run(capsys, "lqa", "report", "fair.xlf", "--profile", str(profile))[0] == 0
    profile.write_text("threshold = 90\ncolour = 2\n", encoding="utf-8")
    code, out, err = run(capsys, "lqa", "report", "fair.xlf", "--profile", str(profile))
    assert code == 2 and out == "" and f"{profile}:2:" in err
    for args in (
        ("lqa", "add", "fair.xlf", "beauty", "minor", "--segment", "1"),
        ("lqa", "add", "fair.xlf", "style", "awful", "--segment", "1"),
        ("lqa", "remove", "7"),
        ("lqa", "remove", "seven"),
        ("lqa", "report", "none.xlf"),
    ):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == "" and err.count("\n") == 1, args
    assert run(capsys, "lqa", "remove", "1")[0] == 0
    assert run(capsys, "lqa", "report", "fair.xlf")[0] == 0


def test_an_lqa_note_with_a_control_character_is_refused(db: Database, tmp_path: Path) -> None:
    """A note is written into the exported file: an ESC in it broke the XLIFF export."""
    _import(db, tmp_path)
    with pytest.raises(services.UsageError, match="control character"):
        services.add_annotation(db, "fair.xlf", 1, "fluency", "minor", "bad\x1b[2J")
    assert services.lqa_report(db, "fair.xlf").annotations == []
    services.export_document(db, "fair.xlf", tmp_path / "out.xlf")
