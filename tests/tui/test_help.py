"""F1 and ? show every key of the screen; the README's key tables come from the same bindings."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import document_db
from textual.pilot import Pilot

from workbench.storage.engine import Database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.help import key_help, key_name, with_key_tables
from workbench.tui.modals.help import HelpModal
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.termbase import TermbaseScreen

README = Path(__file__).resolve().parents[2] / "README.md"
NAME = "news.txt"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return document_db(tmp_path, "원거테크놀러지는 새 모델을 발표했다.\n", NAME)


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)


def test_the_readme_key_tables_are_the_ones_the_bindings_make() -> None:
    readme = README.read_text(encoding="utf-8")
    assert with_key_tables(readme) == readme, "run: python scripts/readme_keys.py"


def test_every_key_of_the_editor_has_a_line_and_a_sentence() -> None:
    lines = key_help(EditorScreen.BINDINGS)
    keys = [line.keys for line in lines]
    for key in ("ctrl+s", "ctrl+k", "alt+1…9", "F9", "alt+r / alt+f", "ctrl+↓ / alt+↓"):
        assert key in keys
    assert "alt+2" not in keys and "¡" not in keys  # the family's other keys, ESC-1 spellings
    assert all(line.does.endswith(".") and len(line.does) > 8 for line in lines)
    assert len(keys) == len(set(keys))


def test_key_names() -> None:
    assert [key_name(k) for k in ("ctrl+down", "f9", "slash", "question_mark", "alt+t")] == [
        "ctrl+↓",
        "F9",
        "/",
        "?",
        "alt+t",
    ]


async def test_f1_in_the_target_shows_the_editors_keys_and_escape_closes(db: Database) -> None:
    app = make_app(db, EditorScreen(db, NAME))
    async with app.run_test(size=(100, 30)) as pilot:
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await settle(app, pilot)
        editor.target_area.focus()
        await pilot.press("f1")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, HelpModal)
        keys = {line.keys: line.does for line in modal.lines}
        assert keys["ctrl+k"].startswith("Concordance")
        assert "F1 / ?" in keys and "ctrl+q" in keys
        assert modal.help_title.startswith("Editor")
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is editor
        # ? in the target is text, not help
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert app.screen is editor and editor.target_area.text.endswith("?")


async def test_question_mark_shows_help_where_no_text_is_typed(db: Database) -> None:
    app = make_app(db, TermbaseScreen(db))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("question_mark")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, HelpModal)
        keys = [line.keys for line in modal.lines]
        assert keys[:2] == ["/", "n"]  # the term base's own keys first
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert app.screen is screen
