"""The documents home screen: list, open in the editor, import and export from it."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from workbench import cli, services
from workbench.domain.document import DocumentSummary, SegmentStatus
from workbench.storage.engine import Database, open_database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.documents import (
    EMPTY_STATE,
    DocumentsScreen,
    confirmed_share,
    progress_cell,
)
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.import_export import ExportDialog, ImportDialog

NEWS = "원거테크놀러지는 상하이에서 새 모델을 발표했다.\n\n센스타임은 협력한다고 밝혔다.\n"
GUIDE = "# 안내\n\n행사는 8월 15일까지 이어진다.\n\n참가자는 20만 명이다.\n"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_database(f"sqlite:///{tmp_path / 'documents.sqlite'}")


@pytest.fixture
def two_documents(db: Database, tmp_path: Path) -> Database:
    """news.txt (ko to en, one of two segments translated), then guide.md (ko, no target)."""
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    services.import_document(db, news, source_lang="ko", target_lang="en")
    first = services.document_segments(db, "news.txt")[1][0]
    assert first.id is not None
    services.save_segment(
        db, first.id, "Wenge unveiled a new model.", SegmentStatus.TRANSLATED, first.version
    )
    guide = tmp_path / "guide.md"
    guide.write_text(GUIDE, encoding="utf-8")
    services.import_document(db, guide, source_lang="ko")
    return db


def shown(widget: Static) -> str:
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def rows(screen: DocumentsScreen) -> list[list[str]]:
    table = screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def test_lists_documents_newest_first_with_progress(
    two_documents: Database, tmp_path: Path
) -> None:
    screen = DocumentsScreen(two_documents, folder=tmp_path)
    app = make_app(two_documents, screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        listed = rows(screen)
        assert [row[:3] for row in listed] == [
            ["guide.md", "md", "ko → ?"],
            ["news.txt", "txt", "ko → en"],
        ]
        assert listed[1][3].strip() == "2"
        assert listed[1][4].endswith("50%")
        assert listed[0][4].endswith("0%")
        assert not screen.query_one("#documents-empty").display
        assert "2 documents" in shown(screen.query_one("#documents-summary", Static))


async def test_the_empty_state_says_how_to_import(db: Database) -> None:
    screen = DocumentsScreen(db)
    app = make_app(db, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        empty = screen.query_one("#documents-empty", Static)
        assert empty.display
        assert not screen.query_one(DataTable).display
        assert "Press i to import" in shown(empty)
        assert "workbench import FILE" in EMPTY_STATE
        await pilot.press("e")  # nothing to export: a hint, no dialog
        await pilot.pause()
        assert app.screen is screen


async def test_enter_opens_the_editor_on_the_highlighted_document(
    two_documents: Database, tmp_path: Path
) -> None:
    screen = DocumentsScreen(two_documents, folder=tmp_path)
    app = make_app(two_documents, screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.document_name == "news.txt"


async def test_coming_back_from_the_editor_shows_new_progress(
    two_documents: Database, tmp_path: Path
) -> None:
    screen = DocumentsScreen(two_documents, folder=tmp_path)
    app = make_app(two_documents, screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        second = services.document_segments(two_documents, "news.txt")[1][1]
        assert second.id is not None
        services.save_segment(
            two_documents, second.id, "SenseTime agreed.", SegmentStatus.TRANSLATED, second.version
        )
        app.pop_screen()
        await settle(app, pilot)
        assert app.screen is screen
        assert rows(screen)[1][4].endswith("100%")
        assert screen.highlighted == "news.txt"  # the cursor stayed on it


async def test_i_imports_then_opens_the_new_document(db: Database, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    screen = DocumentsScreen(db, folder=tmp_path)
    app = make_app(db, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        await pilot.press(*"news.txt", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.document_name == "news.txt"
    assert [d.name for d in services.list_documents(db)] == ["news.txt"]


async def test_e_exports_the_highlighted_document(two_documents: Database, tmp_path: Path) -> None:
    screen = DocumentsScreen(two_documents, folder=tmp_path)
    app = make_app(two_documents, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "e")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.document_name == "news.txt"
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "news.en.txt")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen
    assert (tmp_path / "news.en.txt").read_text(encoding="utf-8").startswith("Wenge unveiled")


async def test_escape_quits(db: Database) -> None:
    app = make_app(db, DocumentsScreen(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.return_code == 0


def summary(segments: int, by_status: dict[str, int]) -> DocumentSummary:
    return DocumentSummary(1, "a.txt", "txt", "ko", "en", segments, by_status, None)


@pytest.mark.parametrize(
    ("segments", "by_status", "share"),
    [
        (0, {}, 0.0),
        (4, {"new": 4}, 0.0),
        (4, {"new": 1, "draft": 1, "translated": 1, "approved": 1}, 0.5),
        (2, {"reviewed": 1, "rejected": 1}, 0.5),
    ],
)
def test_confirmed_share(segments: int, by_status: dict[str, int], share: float) -> None:
    assert confirmed_share(summary(segments, by_status)) == share


def test_progress_cell() -> None:
    assert progress_cell(0.4).plain == "████░░░░░░  40%"
    assert progress_cell(1.0).plain == "██████████ 100%"


def test_open_without_a_name_shows_the_documents(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown_first: list[Screen[None] | None] = []

    def run(self: WorkbenchApp, *args: Any, **kwargs: Any) -> None:
        shown_first.append(self._first_screen)

    monkeypatch.setattr(WorkbenchApp, "run", run)
    cli.main(["--db", str(tmp_path / "cli.sqlite"), "open"])
    assert len(shown_first) == 1
    assert isinstance(shown_first[0], DocumentsScreen)
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    cli.main(["--db", str(tmp_path / "cli.sqlite"), "open", str(news), "--source-lang", "ko"])
    assert isinstance(shown_first[1], EditorScreen)
    assert shown_first[1].document_name == "news.txt"


def test_documents_screen_snapshot(snap_compare: Any, two_documents: Database) -> None:
    """Two documents, newest first: guide.md (ko → ?, 0%) highlighted, news.txt (ko → en)
    with a half-filled green bar at 50%; the summary line and the footer keys."""

    async def loaded(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = make_app(two_documents, DocumentsScreen(two_documents, folder=Path("/nonexistent")))
    assert snap_compare(app, run_before=loaded, terminal_size=(100, 30))
