"""glossary add refuses a term the term base has already (issue 11 item 3), --into and --new."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import run

from workbench import services
from workbench.services import open_database


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "tb.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    return path


def concepts(path: Path) -> int:
    db = open_database(f"sqlite:///{path}")
    try:
        return services.glossary_stats(db).concepts
    finally:
        db.dispose()


@pytest.mark.parametrize(
    "same",
    ["en=Shi Jun", "en=shi  jun", "en=ＳＨＩ ＪＵＮ", "zh-Hans=史军", "en-GB=Shi Jun"],
    ids=["exact", "case-and-spacing", "full-width", "other-chinese-script", "regional-tag"],
)
def test_a_known_term_is_refused_with_its_concept_named(
    capsys: pytest.CaptureFixture[str], db_path: Path, same: str
) -> None:
    code, _, err = run(
        capsys,
        "glossary",
        "add",
        "--term",
        "ko=스쥔",
        "--term",
        "en=Shi Jun",
        "--term",
        "zh-Hant=史軍",
    )
    assert code == 0, err
    code, out, err = run(capsys, "glossary", "add", "--term", same, "--term", "ja=シ・ジュン")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "already a term of concept 1" in err
    assert "--into 1" in err and "--new" in err
    assert concepts(db_path) == 1


def test_into_adds_to_the_concept_and_new_insists(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    run(capsys, "glossary", "add", "--term", "en=bank", "--term", "ko=은행")
    code, out, _ = run(
        capsys, "glossary", "add", "--term", "en=bank", "--term", "fr=banque", "--into", "1"
    )
    assert code == 0 and "fr: banque" in out and "#1" in out
    assert concepts(db_path) == 1
    code, out, _ = run(capsys, "glossary", "add", "--term", "en=bank", "--term", "ko=둑", "--new")
    assert code == 0 and "#2" in out
    assert concepts(db_path) == 2
    code, _, err = run(capsys, "glossary", "add", "--term", "en=bank", "--into", "1", "--new")
    assert code == 2 and "give one of them" in err
    code, _, err = run(capsys, "glossary", "add", "--term", "en=shore", "--into", "7")
    assert code == 2 and "no concept 7" in err
    assert concepts(db_path) == 2


def test_a_new_term_is_added_at_once(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    run(capsys, "glossary", "add", "--term", "en=bank", "--term", "ko=은행")
    code, out, _ = run(capsys, "glossary", "add", "--term", "en=river bank", "--term", "ko=강둑")
    assert code == 0 and "#2" in out


@pytest.mark.parametrize("field", ["--note", "--definition", "--subject"])
def test_a_control_character_in_a_field_is_refused(
    capsys: pytest.CaptureFixture[str], db_path: Path, field: str
) -> None:
    """The README promises glossary add refuses control characters: fields too, not only terms."""
    code, out, err = run(
        capsys, "glossary", "add", "--term", "en=fair", "--term", "ko=박람회", field, "a\x1b[2Jb"
    )
    assert code == 2 and out == "" and err.count("\n") == 1 and "control character" in err
    assert concepts(db_path) == 0


def test_one_term_given_with_two_statuses_is_refused(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    """--term en=X --deprecated en=X kept X preferred, silently: say which one is meant."""
    code, out, err = run(
        capsys,
        "glossary",
        "add",
        "--term",
        "en=gizmo",
        "--deprecated",
        "en=gizmo",
        "--term",
        "ko=기즈모",
    )
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "gizmo" in err.lower() and "preferred" in err and "deprecated" in err
    assert concepts(db_path) == 0
