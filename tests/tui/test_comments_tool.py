"""Comments in the editor, driven with Pilot: alt+c adds, replies, resolves; panel and grid."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import document_db
from textual.pilot import Pilot
from textual.widgets import RadioButton

from workbench import services
from workbench.storage.engine import Database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.modals.comment import CommentModal
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.widgets.comments_panel import CommentsPanel

TEXT = "첫째 문장이다.\n\n둘째 문장이다.\n"
NAME = "c.txt"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return document_db(tmp_path, TEXT, NAME, glossary=False)


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)


async def test_comment_reply_and_resolve_from_the_editor(db: Database) -> None:
    services.add_comment(db, NAME, 2, "Check the second one.", "kim")
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert screen.comments == {1: True}  # row 2 has an open thread: marked in the grid
        panel = screen.query_one(CommentsPanel)
        assert not panel.display  # segment 1 has no comment
        await pilot.press("alt+c")
        await settle(app, pilot)
        assert isinstance(app.screen, CommentModal)
        await pilot.press(*"Why 첫째?", "enter")
        await settle(app, pilot)
        assert panel.display and [t.first.text for t in panel.threads] == ["Why 첫째?"]
        assert screen.comments == {0: True, 1: True}
        await pilot.press("alt+c")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, CommentModal)
        thread_id = panel.threads[0].first.id
        modal.query_one(f"#thread-{thread_id}", RadioButton).value = True
        await pilot.press(*"Because.", "enter")
        await settle(app, pilot)
        assert [c.text for c in panel.threads[0].comments] == ["Why 첫째?", "Because."]
        await pilot.press("alt+c")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, CommentModal)
        modal.query_one(f"#thread-{thread_id}", RadioButton).value = True
        await pilot.click("#comment-resolve")
        await settle(app, pilot)
        assert panel.threads[0].resolved
        assert screen.comments == {0: False, 1: True}  # only resolved threads: a dim mark
        assert "1 open" not in str(panel.content) and "0 open" in str(panel.content)
