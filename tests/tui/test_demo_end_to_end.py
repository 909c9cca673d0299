"""A first-time user translates the bundled demo to the end in the editor and exports it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select
from translate.storage import factory

from workbench import services
from workbench.demo import prepare_demo
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.import_export import ExportDialog


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def active(app: WorkbenchApp) -> Any:
    """The screen on top, looked up afresh."""
    return app.screen


async def test_translate_the_demo_to_the_end_and_export_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db, name = prepare_demo(tmp_path / "demo")
    screen = EditorScreen(db, name)
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        used_tm = 0
        for row, segment in enumerate(list(screen.segments)):
            if segment.status.confirmed:
                continue
            screen.go_to(row)
            await settle(app, pilot)
            if screen.target_area.text:
                pass  # a draft: the translator confirms what is there
            elif screen.tm_matches:
                await pilot.press("alt+t")  # the fuzzy match, as a start
                used_tm += 1
            else:
                await pilot.press("ctrl+g")  # the source as a placeholder to edit
            await pilot.press("end", *" (checked)", "ctrl+s")
            await settle(app, pilot)
        assert used_tm >= 5
        stored = services.document_segments(db, name)[1]
        assert all(segment.status.confirmed for segment in stored)
        await pilot.press("alt+e")
        await settle(app, pilot)
        dialog = active(app)
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-format", Select).value = "xliff"
        await pilot.pause()
        path_input = dialog.query_one("#export-path", Input)
        path_input.focus()
        await pilot.press("ctrl+u", *str(tmp_path / "demo.en.xlf"), "enter")
        await settle(app, pilot)
        assert active(app) is screen
    store = factory.getobject(str(tmp_path / "demo.en.xlf"))
    targets = [unit.target for unit in store.units if unit.istranslatable()]
    assert len(targets) == len(stored) == 30
    assert all(targets)
    assert sum(target.endswith("(checked)") for target in targets) == 16  # the 14 new + 2 drafts
    report = services.post_edit_report(db, name)
    assert len(report.rows) == used_tm  # each inserted match was measured against the result
