"""Undo in the editor, driven with Pilot: many levels, and join/split undone as one step."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from workbench import services
from workbench.domain.document import Segment, SegmentStatus
from workbench.services import Database, open_database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.editor import EditorScreen

PARAGRAPHS = "첫 문장이다.\n\n둘째 문장이다.\n\n셋째 문장이다. 넷째 문장이다.\n\n다섯째 문장이다.\n"
NAME = "story.txt"


def imported(tmp_path: Path) -> Database:
    db = open_database(f"sqlite:///{tmp_path / 'undo.sqlite'}")
    source = tmp_path / NAME
    source.write_text(PARAGRAPHS, encoding="utf-8")
    services.import_document(db, source, source_lang="ko", target_lang="en")
    return db


def stored(db: Database) -> list[Segment]:
    return services.document_segments(db, NAME)[1]


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    """Let the workers started by handlers, and those they start, finish."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)


def messages(app: WorkbenchApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_join_then_undo_gives_both_translations_back_and_nothing_is_lost(
    tmp_path: Path,
) -> None:
    """Issue 11 item 4, as the translator typed it."""
    db = imported(tmp_path)
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert [s.source for s in screen.segments][2:4] == ["셋째 문장이다.", "넷째 문장이다."]
        screen.go_to(2)
        screen.target_area.load_text("The third.")
        await pilot.press("ctrl+s")  # confirms 3, moves to 4
        await settle(app, pilot)
        screen.target_area.load_text("The fourth.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        screen.go_to(2)
        await pilot.press("alt+j")
        await settle(app, pilot)
        assert stored(db)[2].target == "The third. The fourth."
        await pilot.press("alt+z")
        await settle(app, pilot)
        after = stored(db)
        assert [(s.source, s.target, s.status) for s in after[2:4]] == [
            ("셋째 문장이다.", "The third.", SegmentStatus.TRANSLATED),
            ("넷째 문장이다.", "The fourth.", SegmentStatus.TRANSLATED),
        ]
        assert [s.target for s in screen.segments[2:4]] == ["The third.", "The fourth."]
        assert screen.current == 2 and screen.target_area.text == "The third."
        # split segment 3 inside its sentence, confirm, then type in 4 and save
        screen.source_area.focus()
        await pilot.press("home", *["right"] * 3)  # after "셋째 "
        await pilot.press("alt+s")
        await settle(app, pilot)
        assert [s.source for s in stored(db)[2:4]] == ["셋째", "문장이다."]
        screen.target_area.load_text("Third")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert screen.current == 3
        screen.target_area.load_text("sentence.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not [m for m in messages(app) if "after you opened it" in m]
        assert [(s.target, s.status) for s in stored(db)[2:5]] == [
            ("Third", SegmentStatus.TRANSLATED),
            ("sentence.", SegmentStatus.TRANSLATED),
            ("The fourth.", SegmentStatus.TRANSLATED),
        ]
        await pilot.press("ctrl+q")
        await settle(app, pilot)
    db.dispose()
    reopened = open_database(f"sqlite:///{tmp_path / 'undo.sqlite'}")
    assert [s.target for s in stored(reopened)] == ["", "", "Third", "sentence.", "The fourth.", ""]
    reopened.dispose()


async def test_undo_walks_back_every_save_to_the_imported_state(tmp_path: Path) -> None:
    """Issue 11 item 5: alt+z again and again reaches the text as imported; redo comes back."""
    db = imported(tmp_path)
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for text in ("One", "Two", "Three"):
            screen.target_area.load_text(text)
            await pilot.press("ctrl+s", "ctrl+up")
            await settle(app, pilot)
        assert stored(db)[0].target == "Three"
        seen = []
        for _ in range(3):
            await pilot.press("alt+z")
            await settle(app, pilot)
            seen.append((stored(db)[0].target, screen.target_area.text))
        assert seen == [("Two", "Two"), ("One", "One"), ("", "")]
        assert stored(db)[0].status is SegmentStatus.NEW
        await pilot.press("alt+z")
        await settle(app, pilot)
        assert any("nothing earlier" in m for m in messages(app))
        await pilot.press("alt+y")
        await settle(app, pilot)
        assert stored(db)[0].target == "One" and screen.target_area.text == "One"
        # saveable at once after an undo or a redo
        screen.target_area.load_text("Four")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert stored(db)[0].target == "Four"
        assert not [m for m in messages(app) if "after you opened it" in m]
    db.dispose()


async def test_after_a_join_a_row_once_refused_saves_drafts_again(tmp_path: Path) -> None:
    """The editor's memory of a refused save is per row: a join moves rows, so it is dropped."""
    db = imported(tmp_path)
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        other = open_database(f"sqlite:///{tmp_path / 'undo.sqlite'}")
        fourth = stored(other)[3]
        assert fourth.id is not None
        services.save_segment(other, fourth.id, "Theirs.", SegmentStatus.TRANSLATED, 0, "joon")
        other.dispose()
        screen.go_to(3)
        screen.target_area.load_text("Mine.")
        await pilot.press("ctrl+down")  # the draft is refused: joon saved first
        await settle(app, pilot)
        assert any("after you opened it" in m for m in messages(app))
        screen.go_to(2)
        await pilot.press("alt+j")  # 3 and 4 become one: row 3 is now segment 5
        await settle(app, pilot)
        assert stored(db)[2].target == "Theirs."  # joined with an empty third
        screen.go_to(3)
        screen.target_area.load_text("The fifth.")
        await pilot.press("ctrl+up")  # leaving keeps a draft
        await settle(app, pilot)
        assert stored(db)[3].target == "The fifth."
    db.dispose()
