"""The concordance from the editor, driven with Pilot: search, insert, edit and delete units."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import document_db
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TextArea

from workbench import services
from workbench.domain.memory import TmUnitData
from workbench.storage import memory
from workbench.storage.engine import Database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.modals.confirm import ConfirmModal
from workbench.tui.modals.edit_unit import EditUnitModal
from workbench.tui.screens.concordance import ConcordanceScreen
from workbench.tui.screens.editor import EditorScreen

NEWS = "원거테크놀러지는 상하이에서 새 모델을 발표했다.\n\n매출은 3천200억 원에 이르렀다.\n"
NAME = "news.txt"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = document_db(tmp_path, NEWS, NAME)
    units = [
        ("원거테크놀러지의 언어 모델이 나왔다.", "Wenge's language model is out."),
        ("모델을 공개했다.", "The model was released."),
        ("매출이 늘었다.", "Sales grew."),
    ]
    with database.sessions.begin() as session:
        memory.add_units(
            session,
            [TmUnitData(source_lang="ko", target_lang="en", source=s, target=t) for s, t in units],
        )
    return database


async def settle(app: WorkbenchApp, pilot: Pilot[None], rounds: int = 4) -> None:
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)


def summary(screen: ConcordanceScreen) -> str:
    return str(screen.query_one("#concordance-summary", Static).content)


def unit_rows(screen: ConcordanceScreen) -> list[str]:
    table = screen.query_one("#concordance-units", DataTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


async def open_concordance(app: WorkbenchApp, pilot: Pilot[None], query: str) -> ConcordanceScreen:
    await settle(app, pilot)
    await pilot.press("ctrl+k")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ConcordanceScreen)
    if query:
        screen.query_one(Input).value = query
        await pilot.press("enter")
        await settle(app, pilot)
    return screen


async def test_ctrl_k_in_the_target_searches_and_enter_inserts_the_translation(
    db: Database,
) -> None:
    app = make_app(db, EditorScreen(db, NAME))
    async with app.run_test(size=(120, 40)) as pilot:
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await settle(app, pilot)
        editor.target_area.focus()
        screen = await open_concordance(app, pilot, "모델이")
        assert "ko: 2 TM units" in summary(screen)
        # the newest unit whose hit is closest to what was typed comes first
        assert unit_rows(screen) == ["원거테크놀러지의 언어 모델이 나왔다.", "모델을 공개했다."]
        detail = screen.query_one("#concordance-detail", TextArea)
        assert detail.text == "Wenge's language model is out."
        await pilot.press("down")
        assert detail.text == "The model was released."
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is editor
        assert editor.target_area.text == "The model was released."


async def test_a_selection_of_the_translation_is_inserted(db: Database) -> None:
    app = make_app(db, EditorScreen(db, NAME))
    async with app.run_test(size=(120, 40)) as pilot:
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        screen = await open_concordance(app, pilot, "원거테크놀러지")
        detail = screen.query_one("#concordance-detail", TextArea)
        detail.focus()
        detail.select_line(0)
        detail.selection = detail.selection.__class__((0, 8), (0, 30))
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is editor
        assert editor.target_area.text == "language model is out."


async def test_a_unit_is_edited_and_deleted_from_the_concordance(db: Database) -> None:
    app = make_app(db, EditorScreen(db, NAME))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_concordance(app, pilot, "매출")
        assert unit_rows(screen) == ["매출이 늘었다."]
        await pilot.press("e")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, EditUnitModal)
        target = modal.query_one("#edit-unit-target", TextArea)
        target.load_text("Revenue grew.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is screen
        found = services.concordance(db, "매출", "ko")
        assert [hit.other for hit in found.units] == ["Revenue grew."]
        assert "Revenue grew." in screen.query_one("#concordance-detail", TextArea).text
        screen.query_one("#concordance-units", DataTable).focus()
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(app, pilot)
        assert services.concordance(db, "매출", "ko").units == []
        assert unit_rows(screen) == []
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, EditorScreen)


async def test_ctrl_l_searches_the_other_language_and_a_bad_query_says_why(
    db: Database,
) -> None:
    app = make_app(db, EditorScreen(db, NAME))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_concordance(app, pilot, "models")
        assert "ko: 0 TM units" in summary(screen)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert "en: 2 TM units" in summary(screen)
        assert unit_rows(screen)[0] == "The model was released."
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        app.focused.value = "…"
        await pilot.press("enter")
        await settle(app, pilot)
        assert "nothing to look for" in summary(screen)


def test_a_long_lead_in_is_cut_so_that_the_hit_shows() -> None:
    from workbench.tui.screens.concordance import marked

    text = "a very long sentence that goes on and on before the models appear"
    start = text.index("models")
    shown = marked(text, ((start, start + 6),), lead=8)
    assert shown.plain == "…ore the models appear"
    assert [shown.plain[span.start : span.end] for span in shown.spans][-1] == "models"
    assert marked("the models", ((4, 10),), lead=8).plain == "the models"
