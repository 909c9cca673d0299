"""Predictive typing in the editor, driven with Pilot: offered, taken by tab, never in the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import document_db
from textual.pilot import Pilot

from workbench import services
from workbench.domain.memory import TmUnitData
from workbench.storage import memory
from workbench.storage.engine import Database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.editor.predicting import Predicting
from workbench.tui.screens.editor import EditorScreen

NAME = "news.txt"
LEARNED = [
    ("첫 문장이다.", "Data governance matters."),
    ("둘째 문장이다.", "Good data governance pays."),
    ("셋째 문장이다.", "Without data governance, nothing."),
]


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = document_db(tmp_path, "센스타임은 새 모델을 발표했다.\n", NAME)
    with database.sessions.begin() as session:
        memory.add_units(
            session,
            [
                TmUnitData(source_lang="ko", target_lang="en", source=s, target=t)
                for s, t in LEARNED
            ],
        )
    return database


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)


async def open_editor(app: WorkbenchApp, pilot: Pilot[None]) -> tuple[EditorScreen, Predicting]:
    await settle(app, pilot)
    editor = app.screen
    assert isinstance(editor, EditorScreen)
    editor.target_area.focus()
    return editor, editor.tool(Predicting)


async def test_a_term_rendering_is_offered_and_tab_takes_it(db: Database) -> None:
    app = make_app(db, EditorScreen(db, NAME))
    async with app.run_test(size=(120, 36)) as pilot:
        editor, predicting = await open_editor(app, pilot)
        await pilot.press(*"Sen")
        await settle(app, pilot)
        assert predicting.popup.display
        assert predicting.offered[0].text == "SenseTime"  # the term hit's rendering
        await pilot.press("tab")
        await settle(app, pilot)
        assert editor.target_area.text == "SenseTime"
        assert not predicting.popup.display
        assert editor.target_area.has_focus  # tab took the completion, not the focus


async def test_learned_phrases_are_offered_and_typing_on_ignores_them(db: Database) -> None:
    app = make_app(db, EditorScreen(db, NAME))
    async with app.run_test(size=(120, 36)) as pilot:
        editor, predicting = await open_editor(app, pilot)
        await pilot.press(*"The da")
        await settle(app, pilot)
        assert [c.text for c in predicting.offered][:1] == ["data governance"]
        await pilot.press(*"ta is")  # typing on: the offer follows, the text is as typed
        await settle(app, pilot)
        assert editor.target_area.text == "The data is"
        await pilot.press(*" go", "enter")
        await settle(app, pilot)
        assert editor.target_area.text == "The data is governance"


async def test_escape_puts_the_offer_away_without_closing_the_document(db: Database) -> None:
    app = make_app(db, EditorScreen(db, NAME))
    async with app.run_test(size=(120, 36)) as pilot:
        editor, predicting = await open_editor(app, pilot)
        await pilot.press(*"gov")
        await settle(app, pilot)
        assert predicting.popup.display
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is editor and not predicting.popup.display
        await pilot.press("enter")  # no offer now: enter is a line break again
        await settle(app, pilot)
        assert editor.target_area.text == "gov\n"


async def test_a_burst_of_keys_lands_in_order_with_the_offer_showing(db: Database) -> None:
    app = make_app(db, EditorScreen(db, NAME))
    async with app.run_test(size=(120, 36)) as pilot:
        editor, _ = await open_editor(app, pilot)
        burst = "Sens data gov data governance"
        await pilot.press(*["space" if c == " " else c for c in burst])
        await settle(app, pilot)
        assert editor.target_area.text == burst
        assert app.focused is editor.target_area
        stored = services.document_segments(db, NAME)[1]
        assert stored[0].target in ("", burst)  # a draft, at most: nothing else was typed


async def test_the_term_panel_lists_every_hit_and_the_palette_inserts_past_the_ninth(
    tmp_path: Path,
) -> None:
    from workbench.domain.model import Term
    from workbench.tui.editor.inserting import Inserting
    from workbench.tui.widgets.term_panel import TermPanel

    words = ["가나", "다라", "마바", "사아", "자차", "카타", "파하", "거너", "더러", "머버", "서어"]
    database = document_db(tmp_path, " ".join(words) + ".\n", NAME, glossary=False)
    for number, word in enumerate(words):
        services.add_concept(database, [Term("ko", word), Term("en", f"term{number}")])
    app = make_app(database, EditorScreen(database, NAME))
    async with app.run_test(size=(120, 36)) as pilot:
        editor, _ = await open_editor(app, pilot)
        assert len(editor.entries) == 11
        shown = str(editor.query_one(TermPanel).content)
        assert "alt+9" in shown and "^p 10" in shown and "^p 11" in shown
        commands = [title for title, *_ in editor.tool(Inserting).palette_commands()]
        assert "Insert term 11: term10" in commands
        await app.run_action("tool('insert', 'insert_term(11)')", editor)
        await settle(app, pilot)
        assert editor.target_area.text == "term10"
