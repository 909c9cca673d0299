"""Keys are applied in the order they were typed, also in a burst (issue 11 item 7).

Pilot waits after each key; a person typing fast, or a paste, does not. These tests hand the
app a burst of key events at once, as a terminal delivers them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import document_db
from textual import events
from textual.pilot import Pilot

from workbench import services
from workbench.domain.document import SegmentStatus
from workbench.storage.engine import Database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.editor import EditorScreen

NEWS = "원거테크놀러지는 상하이에서 새 모델을 발표했다.\n\n행사는 8월 15일까지 이어진다.\n"
NAME = "news.txt"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return document_db(tmp_path, NEWS, NAME)


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def burst(app: WorkbenchApp, *keys: events.Event) -> None:
    """Give the app every event at once, as a terminal's read hands them over."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        driver.send_message(key)


def typed(text: str) -> list[events.Event]:
    return [events.Key("space" if char == " " else char, char) for char in text]


def keys(*names: str) -> list[events.Event]:
    """Key events without a character (a new event each: an event is handled once)."""
    return [events.Key(name, None) for name in names]


async def test_a_term_key_after_a_burst_of_typing_lands_after_it(db: Database) -> None:
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        # ESC 1, as most terminals send alt+1, is read as ¡ (inverted_exclamation_mark)
        alt_1 = events.Key("inverted_exclamation_mark", "¡")
        burst(app, *typed("the media firm "), alt_1, *typed(" opened"))
        await settle(app, pilot)
        assert screen.target_area.text == "the media firm Beijing Wenge Technology opened"


async def test_a_paste_then_a_term_key_keeps_their_order(db: Database) -> None:
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, events.Paste("In Shanghai, "), *keys("alt+1"), *typed(" said"))
        await settle(app, pilot)
        assert screen.target_area.text == "In Shanghai, Beijing Wenge Technology said"


async def test_confirm_in_a_burst_takes_only_what_was_typed_before_it(db: Database) -> None:
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, *typed("Wenge unveiled a model."), *keys("ctrl+s"), *typed("The"))
        await settle(app, pilot)
        first, second = services.document_segments(db, NAME)[1]
        assert (first.status, first.target) == (SegmentStatus.TRANSLATED, "Wenge unveiled a model.")
        assert screen.current == 1 and screen.target_area.text == "The"
        assert second.status is SegmentStatus.NEW


async def test_cursor_keys_and_cut_in_a_burst_act_where_they_were_typed(db: Database) -> None:
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        burst(app, *typed("Wenge model"), *keys("left"), *typed("s"))
        burst(app, *keys("shift+left", "shift+left", "ctrl+x", "end", "ctrl+v"), *typed(" new"))
        await settle(app, pilot)
        # as the same keys pressed one by one: "Wenge modesl", "es" cut, pasted at the end
        assert screen.target_area.text == "Wenge modles new"
