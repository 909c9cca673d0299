"""glossary import --dry-run, --merge-by, --origin as a person runs them (issue 11 item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import run


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "tb.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    return path


def test_the_issue_repro_from_the_command_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, shared: Path
) -> None:
    tbx = shared / "corpus" / "tbx"
    code, out, _ = run(capsys, "glossary", "import", str(tbx / "ltac_test_files/basic_good.tbx"))
    assert code == 0 and "45 new" in out
    code, out, err = run(capsys, "glossary", "import", str(tbx / "okapi/ibm_tbx.tbx"))
    assert code == 0 and "5 concepts read, 5 new, 0 merged" in out
    assert err == ""  # no shared terms: nothing that looks like the same term base
    code, out, _ = run(capsys, "glossary", "search", "open cluster")
    assert "navigation trail" not in out and "[General]" in out


def test_dry_run_lists_what_would_happen_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, shared: Path
) -> None:
    tbx = shared / "corpus" / "tbx"
    basic = str(tbx / "ltac_test_files/basic_good.tbx")
    code, out, _ = run(capsys, "glossary", "import", basic, "--dry-run")
    lines = out.splitlines()
    assert code == 0 and "dry run, nothing written: 45 concepts read, 45 new" in lines[0]
    assert lines[1] == "  c1 -> new concept"
    assert lines[-1] == "  … and 25 more"
    code, out, _ = run(capsys, "glossary", "stats")
    assert "concepts: 0" in out
    # the same term base under another file name: new by id, said on stderr; terms merge it
    other = str(tbx / "ltac_tbx-basic_dialect/Example_Astronomy_DCA_VALID.tbx")
    run(capsys, "glossary", "import", basic)
    code, out, err = run(capsys, "glossary", "import", other, "--dry-run")
    assert "45 new" in out and "45 new concepts share terms" in err and "--origin" in err
    code, out, err = run(capsys, "glossary", "import", other, "--dry-run", "--merge-by", "terms")
    assert "0 new, 45 merged" in out and err == ""
    code, out, _ = run(capsys, "glossary", "import", basic, "--dry-run")
    assert "0 new, 45 merged (0 changed)" in out and out.count("\n") == 1


def test_a_bad_merge_rule_is_one_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, shared: Path
) -> None:
    path = str(shared / "corpus" / "tbx" / "okapi/ibm_tbx.tbx")
    code, out, err = run(capsys, "glossary", "import", path, "--merge-by", "shared")
    assert code == 2 and out == "" and err.count("\n") == 1 and "auto, id, terms, none" in err
    code, _, err = run(capsys, "glossary", "import", path, "--origin", "  ")
    assert code == 2 and "--origin" in err


def test_an_origin_with_a_control_character_is_refused(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    """The origin is written into every CSV/TSV export: an ESC in it went out raw."""
    path = tmp_path / "fair.csv"
    path.write_text("en,ko\nfair,박람회\n", encoding="utf-8")
    code, out, err = run(capsys, "glossary", "import", str(path), "--origin", "a\x1b[2Jb")
    assert code == 2 and out == "" and err.count("\n") == 1 and "control character" in err
    assert run(capsys, "glossary", "search", "fair")[1] == ""
