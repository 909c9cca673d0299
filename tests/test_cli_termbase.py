"""workbench glossary browse: opens the term base screen on the chosen database."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import run

from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.termbase import TermbaseScreen


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[WorkbenchApp]:
    """Apps the command would run; recorded instead of taking over the terminal."""
    monkeypatch.setenv("WORKBENCH_DB", str(tmp_path / "tb.sqlite"))
    apps: list[WorkbenchApp] = []
    monkeypatch.setattr(WorkbenchApp, "run", lambda self, *args, **kwargs: apps.append(self))
    return apps


def test_browse_opens_the_term_base_screen(
    capsys: pytest.CaptureFixture[str], opened: list[WorkbenchApp]
) -> None:
    code, _, err = run(capsys, "glossary", "browse", "원거", "--langs", "ko, zh_hant")
    assert (code, err) == (0, "")
    [app] = opened
    screen = app._first_screen
    assert isinstance(screen, TermbaseScreen)
    assert (screen.query_text, screen.langs) == ("원거", ("ko", "zh-Hant"))


def test_browse_refuses_an_unknown_language(
    capsys: pytest.CaptureFixture[str], opened: list[WorkbenchApp]
) -> None:
    code, _, err = run(capsys, "glossary", "browse", "--langs", "ko,klingonish-x")
    assert code == 2 and "unknown language" in err
    assert opened == []
