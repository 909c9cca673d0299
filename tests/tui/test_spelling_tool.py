"""Spelling in the editor, driven with Pilot: underlines as you type, F7 replaces, adds, ignores."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import document_db
from textual.pilot import Pilot

from workbench import services
from workbench.storage.engine import Database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.editor.spelling import SpellingTool
from workbench.tui.modals.spelling import SpellingModal
from workbench.tui.screens.editor import EditorScreen

NEWS = "원거테크놀러지는 상하이에서 새 모델을 발표했다.\n\n행사는 8월 15일까지 이어진다.\n"
NAME = "news.txt"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return document_db(tmp_path, NEWS, NAME)


async def settle(app: WorkbenchApp, pilot: Pilot[None], rounds: int = 3) -> None:
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)


def underlined(screen: EditorScreen) -> list[str]:
    area = screen.target_area
    return [area.text[start:end] for start, end, name in area.marks if name == "misspelled"]


async def test_misspelled_words_are_underlined_as_typed_and_f7_replaces_one(db: Database) -> None:
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"Kublaa anounced a new modle at https://kublaa.example v2 NASA")
        await settle(app, pilot)
        # the unknown name is flagged; the address, the version and the acronym are not
        assert underlined(screen) == ["Kublaa", "anounced", "modle"]
        screen.target_area.move_cursor((0, 0))
        await pilot.press("f7")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, SpellingModal) and modal.word == "Kublaa"
        await pilot.press("a")  # add to the dictionary, for everyone
        await settle(app, pilot)
        assert ("en", "Kublaa") in services.added_spelling_words(db)
        assert underlined(screen) == ["anounced", "modle"]
        await pilot.press("f7")  # the next one after the cursor
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, SpellingModal) and modal.word == "anounced"
        assert "announced" in modal.suggestions
        for _ in range(modal.suggestions.index("announced")):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.target_area.text.startswith("Kublaa announced a new modle")
        assert underlined(screen) == ["modle"]
        screen.target_area.move_cursor((0, 30))
        await pilot.press("f7", "i")  # ignored for the session, not stored
        await settle(app, pilot)
        assert underlined(screen) == []
        assert ("en", "modle") not in services.added_spelling_words(db)
        assert screen.tool(SpellingTool).found == []


async def test_the_words_of_term_base_entries_are_never_underlined(db: Database) -> None:
    services.quick_add_term(db, "ko", "상하이", "en", "Shanghaii")
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press(*"The Shanghaii show")
        await settle(app, pilot)
        assert underlined(screen) == []
