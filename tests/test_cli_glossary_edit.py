"""workbench glossary edit: changes a stored concept; a stale --if-version is one line, exit 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests_support import run


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "tb.sqlite"
    monkeypatch.setenv("WORKBENCH_DB", str(path))
    monkeypatch.setenv("WORKBENCH_AUTHOR", "mina")
    return path


def _search(capsys: pytest.CaptureFixture[str], text: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "glossary", "search", text, "--json")
    assert code == 0
    (concept,) = json.loads(out)
    assert isinstance(concept, dict)
    return concept


def test_edit_adds_removes_and_restatuses_terms(capsys: pytest.CaptureFixture[str]) -> None:
    added = ["glossary", "add", "--term", "ko=센스타임", "--term", "en=SenseTime"]
    assert run(capsys, *added, "--admitted", "en=Sensetime")[0] == 0
    before = _search(capsys, "센스타임")
    assert before["version"] == 0
    code, out, err = run(
        capsys,
        *("glossary", "edit", str(before["id"]), "--term", "zh=商汤"),
        *("--deprecated", "en=Sensetime", "--remove", "en=SenseTime", "--note", "AI company"),
        *("--if-version", "0"),
    )
    assert (code, err) == (0, "")
    assert out == (
        f"#{before['id']}  ko: 센스타임  ·  en: Sensetime (deprecated)  ·  zh: 商汤  (version 1)\n"
    )
    after = _search(capsys, "센스타임")
    assert (after["note"], after["version"]) == ("AI company", 1)


def test_edit_over_a_newer_save_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "glossary", "add", "--term", "ko=센스타임")[0] == 0
    seen = _search(capsys, "센스타임")
    monkeypatch.setenv("WORKBENCH_AUTHOR", "jun")
    assert run(capsys, "glossary", "edit", str(seen["id"]), "--term", "en=SenseTime")[0] == 0
    monkeypatch.setenv("WORKBENCH_AUTHOR", "ari")
    stale = ("glossary", "edit", str(seen["id"]), "--term", "en=Shangtang", "--if-version", "0")
    code, out, err = run(capsys, *stale[:2], f"#{seen['id']}", *stale[3:])
    assert (code, out) == (2, "")
    assert err.startswith(f"workbench: error: concept {seen['id']} was changed by jun at ")
    assert err.endswith(
        " UTC after you opened it; nothing was saved: reload it, redo your change and save again\n"
    )
    assert err.count("\n") == 1
    stored = _search(capsys, "센스타임")
    assert stored["version"] == 1
    assert [t["text"] for t in stored["terms"]] == ["센스타임", "SenseTime"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99"], "there is no concept 99 (see: workbench glossary search)"),
        (["1", "--remove", "en=Nothing"], "concept 1 has no en term 'Nothing'"),
        (["1", "--term", "en"], "--term 'en': write LANG=TEXT, e.g. ko=원거테크놀러지"),
        (["one"], "'one' is not a concept number: write it as shown, e.g. 12 or #12"),
    ],
)
def test_edit_refuses_what_it_cannot_do_in_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(capsys, "glossary", "add", "--term", "ko=센스타임")[0] == 0
    code, _, err = run(capsys, "glossary", "edit", *args)
    assert (code, err) == (2, f"workbench: error: {message}\n")
    assert _search(capsys, "센스타임")["version"] == 0


@pytest.mark.parametrize("field", ["--note", "--definition", "--subject"])
def test_a_control_character_in_a_field_is_refused(
    capsys: pytest.CaptureFixture[str], field: str
) -> None:
    """Typed fields refuse control characters as typed terms do: nothing is stored."""
    assert run(capsys, "glossary", "add", "--term", "ko=박람회", "--term", "en=fair")[0] == 0
    before = _search(capsys, "박람회")
    code, out, err = run(capsys, "glossary", "edit", str(before["id"]), field, "a\x07b")
    assert code == 2 and out == "" and err.count("\n") == 1 and "control character" in err
    assert _search(capsys, "박람회") == before
