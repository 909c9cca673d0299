"""App string files and web pages through the command line: paired import, export, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests_support import run

from workbench import services
from workbench.storage.engine import open_database


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "strings.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    return path


def test_a_string_file_and_its_translation_import_and_export_together(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "en.json"
    source.write_text('{"menu": {"open": "Open", "save": "Save"}}', encoding="utf-8")
    target = tmp_path / "ko.json"
    target.write_text('{"menu": {"open": "열기", "old": "예전 키"}}', encoding="utf-8")
    code, out, err = run(capsys, "import", str(source), "--target", str(target))
    assert code == 0, err
    assert "en.json  [json, en->ko]  3 segments, 2 started (1 new, 2 translated)" in out
    assert "ko.json: 1 keys not in en.json, kept: menu.old" in out
    exported = tmp_path / "out" / "ko.json"
    code, _out, err = run(capsys, "export", "en.json", str(exported))
    assert code == 0, err
    assert json.loads(exported.read_text(encoding="utf-8")) == {
        "menu": {"open": "열기", "save": "Save", "old": "예전 키"}
    }
    db = open_database(f"sqlite:///{db_path}")
    assert services.target_only_keys(db, "en.json") == ["menu.old"]
    db.dispose()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["{bad}", "--target", "{good}"], "bad.json:1:6: not valid JSON"),
        (["{good}", "--target", "{missing}"], "missing.json: no such file"),
        (["{page}", "--target", "{good}"], "html files cannot be paired"),
    ],
)
def test_bad_string_files_exit_2_with_one_line_and_import_nothing(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    arguments: list[str],
    message: str,
) -> None:
    files = {
        "bad": tmp_path / "bad.json",
        "good": tmp_path / "good.json",
        "missing": tmp_path / "missing.json",
        "page": tmp_path / "page.html",
    }
    files["bad"].write_text('{"a" "x"}', encoding="utf-8")
    files["good"].write_text('{"a": "Open the door"}', encoding="utf-8")
    files["page"].write_text("<p>Open the door.</p>", encoding="utf-8")
    given = [a.format(**{k: str(v) for k, v in files.items()}) for a in arguments]
    code, _out, err = run(capsys, "import", *given, "--source-lang", "en")
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    code, out, _err = run(capsys, "docs", "--json")
    assert json.loads(out) == []
