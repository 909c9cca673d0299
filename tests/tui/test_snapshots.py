"""SVG snapshots of each screen (pytest-textual-snapshot); update with --snapshot-update."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from screen_apps import SIZE, editor_app, harvest_app

from workbench.services import SHIPPED_GLOSSARY, import_glossary
from workbench.storage.engine import Database, open_database


@pytest.fixture
def glossary_db(tmp_path: Path) -> Database:
    db = open_database(f"sqlite:///{tmp_path / 'tb.sqlite'}")
    import_glossary(db, SHIPPED_GLOSSARY)
    return db


def test_harvest_review(snap_compare: Any, glossary_db: Database, tmp_path: Path) -> None:
    """Candidates of the sample with confidence, languages and term-base state: known pairs,
    a conflicting rendering (Wenge Tech) in yellow, no amount among them; context below."""
    assert snap_compare(harvest_app(glossary_db, tmp_path), terminal_size=SIZE)


def test_harvest_review_after_decisions(
    snap_compare: Any, glossary_db: Database, tmp_path: Path
) -> None:
    """One row accepted by hand, one rejected, the rest above 0.80 bulk-accepted; the summary
    line counts them."""
    keys = ["down", "down", "a", "r", "b"]
    assert snap_compare(harvest_app(glossary_db, tmp_path), press=keys, terminal_size=SIZE)


def test_harvest_edit_dialog(snap_compare: Any, glossary_db: Database, tmp_path: Path) -> None:
    """The edit dialog over the table, with the term and the gloss of the fourth row."""
    keys = ["down", "down", "down", "e"]
    assert snap_compare(harvest_app(glossary_db, tmp_path), press=keys, terminal_size=SIZE)


def test_editor(snap_compare: Any, glossary_db: Database, tmp_path: Path) -> None:
    """The editor on a three-segment Korean sample: the grid with status marks, the current
    segment's source with its term hits underlined, the target box, the term panel with alt+N
    shortcuts and the TM panel below it; the first segment confirmed as T."""

    async def confirm_first(pilot: Any) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.press(*"WAIC opened in Shanghai.", "ctrl+s")
        await pilot.app.workers.wait_for_complete()
        target = pilot.app.screen.target_area
        target.cursor_blink = False  # the picture at any moment: cursor on
        # TextArea's line cache keys a line without the cursor alike in a blink's off phase and
        # with blinking off: a line cached while blinking would come back without the cursor
        target.notify_style_update()
        target.refresh()
        await pilot.pause()

    app = editor_app(glossary_db, tmp_path)
    assert snap_compare(app, run_before=confirm_first, terminal_size=SIZE)
