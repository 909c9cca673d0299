"""Inline codes are atomic in the target: every edit keeps a code whole or removes it whole.

Issue 11 item 1, on the real Angular XLIFF whose segment 7 is `⟨INTERPOLATION/⟩ applications`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.widgets.text_area import Selection

from workbench import services
from workbench.domain.document import CODE_BASE, SegmentStatus
from workbench.storage.engine import Database, open_database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.modals.confirm import ConfirmModal
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.import_export import ExportDialog

DEEPIN = Path("corpus/xliff/deepin_angular_i18n/messages.ko.xlf")
NAME = "messages.ko.xlf"
CODE = chr(CODE_BASE)
LABEL = "⟨INTERPOLATION/⟩"
POSITION = 7
"""`<x id="INTERPOLATION"/> applications`, translated `<x id="INTERPOLATION"/> 응용프로그램`."""


@pytest.fixture
def db(tmp_path: Path, shared: Path) -> Database:
    db = open_database(f"sqlite:///{tmp_path / 'deepin.sqlite'}")
    services.import_document(db, shared / DEEPIN)
    return db


def stored(db: Database) -> str:
    return services.document_segments(db, NAME)[1][POSITION - 1].target


async def open_at_code(db: Database, pilot_app: WorkbenchApp, pilot: Pilot[None]) -> EditorScreen:
    """The editor on segment 7, the cursor at the start of its target."""
    for _ in range(3):
        await pilot_app.workers.wait_for_complete()
        await pilot.pause()
    screen = pilot_app.screen
    assert isinstance(screen, EditorScreen)
    screen.go_to_position(POSITION)
    await pilot.pause()
    assert screen.target_area.text == f"{LABEL} 응용프로그램"
    await pilot.press("home")
    return screen


def editor(db: Database) -> WorkbenchApp:
    return make_app(db, EditorScreen(db, NAME))


async def test_shift_right_then_cut_takes_the_whole_code(db: Database) -> None:
    app = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_at_code(db, app, pilot)
        await pilot.press("shift+right")
        assert screen.target_area.selected_text == LABEL  # not just "⟨"
        await pilot.press("ctrl+x")
        assert screen.target_area.text == " 응용프로그램"
        assert app.clipboard == LABEL
        await pilot.press("end", "ctrl+v")  # pasted back, it is the code again
        assert screen.target_area.text == f" 응용프로그램{LABEL}"
        assert screen.typed() == f" 응용프로그램{CODE}"


async def test_backspace_and_delete_remove_a_code_whole(db: Database) -> None:
    app = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_at_code(db, app, pilot)
        await pilot.press("right")  # over the code, not into it
        assert screen.target_area.cursor_location == (0, len(LABEL))
        await pilot.press("backspace")
        assert screen.target_area.text == " 응용프로그램"
        await pilot.press("ctrl+z")
        assert screen.target_area.text == f"{LABEL} 응용프로그램"
        await pilot.press("home", "delete")
        assert screen.target_area.text == " 응용프로그램"


async def test_a_selection_ending_inside_a_code_takes_it_whole_when_typed_over(
    db: Database,
) -> None:
    app = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_at_code(db, app, pilot)
        await pilot.press("end", *["shift+left"] * 8)  # " 응용프로그램" is 7: one more, the code
        assert screen.target_area.selected_text == f"{LABEL} 응용프로그램"
        await pilot.press("left", "right")
        assert screen.target_area.cursor_location == (0, len(LABEL))
        screen.target_area.selection = Selection((0, 3), (0, len(LABEL) + 2))  # as a mouse drags
        assert screen.target_area.selected_text == f"{LABEL} 응"
        await pilot.press("x")
        assert screen.target_area.text == "x용프로그램"


async def test_confirming_without_the_code_asks_first(db: Database) -> None:
    app = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_at_code(db, app, pilot)
        await pilot.press("delete", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # go back: nothing stored, the translator is where they were
        await pilot.pause()
        assert app.screen is screen and screen.current_position == POSITION
        assert stored(db) == f"{CODE} 응용프로그램"
        await pilot.press("f9")  # the next missing code of the source, at the cursor
        assert screen.target_area.text == f"{LABEL} 응용프로그램"
        assert screen.target_area.cursor_location == (0, len(LABEL))  # after it
        await pilot.press("home", "delete", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")  # confirm anyway
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert stored(db) == " 응용프로그램"
        segment = services.document_segments(db, NAME)[1][POSITION - 1]
        assert segment.status is SegmentStatus.TRANSLATED


async def test_a_code_copied_in_the_source_pastes_as_a_code_in_the_target(db: Database) -> None:
    app = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_at_code(db, app, pilot)
        await pilot.press("delete")  # the target without its code
        assert screen.typed() == " 응용프로그램"
        screen.source_area.focus()
        await pilot.pause()
        await pilot.press("home", "shift+right")  # over the whole label, as in the target
        assert screen.source_area.selected_text == LABEL
        await pilot.press("ctrl+c")
        assert app.clipboard == LABEL
        screen.target_area.focus()
        screen.target_area.move_cursor((0, 0))  # (home would stop at the first non-space)
        await pilot.pause()
        await pilot.press("ctrl+v")
        assert screen.target_area.text == f"{LABEL} 응용프로그램"
        assert screen.typed() == f"{CODE} 응용프로그램"  # the code, not its label's letters
        await pilot.press("ctrl+s")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal)  # nothing to ask: the codes agree
        assert stored(db) == f"{CODE} 응용프로그램"


async def test_the_export_dialog_asks_before_writing_broken_codes(
    db: Database, tmp_path: Path
) -> None:
    segment = services.document_segments(db, NAME)[1][POSITION - 1]
    assert segment.id is not None
    services.save_segment(db, segment.id, "응용프로그램", SegmentStatus.TRANSLATED, segment.version)
    out = tmp_path / "out.xlf"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        results: list[Path | None] = []
        dialog = ExportDialog(db, NAME, folder=tmp_path)
        app.push_screen(dialog, results.append)
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog.query_one("#export-path", Input).focus()
        await pilot.press("ctrl+u", *"out.xlf", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "1 segment (7) has missing, extra or badly nested codes" in question
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is dialog and not out.exists()
        assert "not exported" in str(dialog.query_one("#export-error", Static).render())
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")  # export anyway
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
    assert results == [out]
    assert "응용프로그램" in out.read_text(encoding="utf-8")


async def test_a_code_pasted_by_the_terminal_is_a_code(db: Database) -> None:
    """ctrl+shift+v or a mouse paste arrives as a bracketed paste, not through app.clipboard."""
    app = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_at_code(db, app, pilot)
        await pilot.press("delete")
        screen.target_area.move_cursor((0, 0))
        app.post_message(events.Paste(LABEL))  # as the terminal driver delivers it
        await pilot.pause()
        assert screen.target_area.text == f"{LABEL} 응용프로그램"
        assert screen.typed() == f"{CODE} 응용프로그램"
        await pilot.press("backspace")  # the cursor is after it, and it is whole: one key takes it
        assert screen.typed() == " 응용프로그램"
