"""Review in the editor, driven with Pilot: statuses by key, the review pass, the status filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import document_db
from textual.pilot import Pilot

from workbench import services
from workbench.domain.document import Segment, SegmentStatus
from workbench.storage.engine import Database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.editor import EditorScreen

TEXT = "첫째 문장이다.\n\n둘째 문장이다.\n\n셋째 문장이다.\n\n넷째 문장이다.\n"
NAME = "review.txt"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    db = document_db(tmp_path, TEXT, NAME, glossary=False)
    segments = services.document_segments(db, NAME)[1]
    targets = ["The first.", "The second.", "The third."]
    for segment, target in zip(segments[:3], targets, strict=True):
        assert segment.id is not None
        services.save_segment(db, segment.id, target, SegmentStatus.TRANSLATED, segment.version)
    return db


def stored(db: Database) -> list[Segment]:
    return services.document_segments(db, NAME)[1]


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)


async def test_the_review_pass_walks_translated_segments_and_keys_set_statuses(
    db: Database,
) -> None:
    services.set_last_position(db, NAME, 4)
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert screen.current_position == 4
        await pilot.press("f8")  # the pass: translated, not yet reviewed
        await settle(app, pilot)
        assert [screen.segments[row].position for row in screen.shown_rows] == [1, 2, 3]
        assert screen.current_position == 1
        await pilot.press(*" Fine.")  # a reviewer's edit goes with the decision
        await pilot.press("alt+v")
        await settle(app, pilot)
        assert screen.current_position == 2
        await pilot.press("alt+x")
        await settle(app, pilot)
        assert screen.current_position == 3
        await pilot.press("alt+p")
        await settle(app, pilot)
        statuses = [(s.target, s.status) for s in stored(db)]
        assert statuses == [
            ("The first. Fine.", SegmentStatus.REVIEWED),
            ("The second.", SegmentStatus.REJECTED),
            ("The third.", SegmentStatus.APPROVED),
            ("", SegmentStatus.NEW),
        ]
        await pilot.press("f8")  # again: every segment
        await settle(app, pilot)
        assert len(screen.shown_rows) == 4
        await pilot.press("f8")  # nothing translated is left unreviewed
        await settle(app, pilot)
        assert len(screen.shown_rows) == 4


async def test_an_empty_target_is_not_rejected(db: Database) -> None:
    services.set_last_position(db, NAME, 4)
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("alt+x")
        await pilot.press("alt+v")
        await settle(app, pilot)
        assert stored(db)[3].status is SegmentStatus.NEW


async def test_the_changes_panel_shows_the_edit_against_the_translators_version(
    db: Database,
) -> None:
    from workbench.tui.widgets.changes_panel import ChangesPanel

    services.set_last_position(db, NAME, 2)
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        panel = screen.query_one(ChangesPanel)
        assert screen.current_position == 2 and not panel.display  # as the translator left it
        await pilot.press("backspace", *" one!")
        await settle(app, pilot)
        assert panel.display
        shown = str(panel.content)
        assert "Changed since translated" in shown and "The second. one!" not in shown
        await pilot.press("alt+v")  # reviewed with the edit: the panel keeps showing it there
        await settle(app, pilot)
        await pilot.press("ctrl+up")
        await settle(app, pilot)
        assert screen.current_position == 2 and panel.display


async def test_alt_l_annotates_an_error_on_the_selected_words(db: Database) -> None:
    from textual.widgets import RadioButton, Select

    from workbench.tui.modals.lqa import LqaModal
    from workbench.tui.widgets.lqa_panel import LqaPanel

    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert screen.current_position == 1
        screen.target_area.select_line(0)
        screen.target_area.selection = type(screen.target_area.selection)((0, 4), (0, 9))
        await pilot.press("alt+l")
        await settle(app, pilot)
        modal = app.screen
        assert isinstance(modal, LqaModal) and modal.excerpt == "first"
        modal.query_one("#lqa-category", Select).value = "terminology/wrong-term"
        modal.query_one("#lqa-major", RadioButton).value = True
        modal.query_one("#lqa-note").focus()
        await pilot.press(*"use initial", "enter")
        await settle(app, pilot)
        panel = screen.query_one(LqaPanel)
        assert panel.display and [
            (a.category, a.severity.value, a.excerpt, a.note) for a in panel.annotations
        ] == [("terminology/wrong-term", "major", "first", "use initial")]
    report = services.lqa_report(db, NAME)
    assert report.score.errors == 1 and report.score.penalty == 5
