"""The file picker driven from the keyboard only: typing a path, or walking the tree."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, Static

from workbench.storage.engine import Database, open_database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.modals.file_picker import FilePicker, PickerTree


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_database(f"sqlite:///{tmp_path / 'picker.sqlite'}")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with a subfolder, files of several kinds and a hidden one."""
    root = tmp_path / "files"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "news.txt").write_text("뉴스\n", encoding="utf-8")
    (root / "notes.md").write_text("# 메모\n", encoding="utf-8")
    (root / ".secret.txt").write_text("x\n", encoding="utf-8")
    (root / "sub" / "inner.txt").write_text("안쪽\n", encoding="utf-8")
    return root


def shown(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


async def until(pilot: Pilot[None], ready: Callable[[], bool]) -> None:
    """Wait for something the picker does in the background (the tree loads in threads)."""
    for _ in range(200):
        if ready():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out")


def focused_id(app: WorkbenchApp) -> str | None:
    return app.focused.id if app.focused is not None else None


def tree_names(tree: PickerTree) -> list[str]:
    return [str(node.label) for node in tree.root.children]


async def start(app: WorkbenchApp, pilot: Pilot[None], picker: FilePicker) -> list[Path | None]:
    """Push the picker and return the list its result will be appended to."""
    results: list[Path | None] = []
    app.push_screen(picker, results.append)
    await pilot.pause()
    tree = picker.query_one(PickerTree)
    await until(pilot, lambda: bool(tree.root.children))
    return results


async def test_typing_a_relative_path_and_enter_chooses_it(db: Database, folder: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = FilePicker("Open", folder, must_exist=True, suffixes=(".txt",))
        results = await start(app, pilot, picker)
        assert focused_id(app) == "picker-path"
        await pilot.press(*"news.txt", "enter")
        await pilot.pause()
    assert results == [folder / "news.txt"]


async def test_the_tree_shows_folders_and_wanted_files_never_hidden_ones(
    db: Database, folder: Path
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = FilePicker("Open", folder, must_exist=True, suffixes=(".txt",))
        await start(app, pilot, picker)
        assert tree_names(picker.query_one(PickerTree)) == ["sub", "news.txt"]


async def test_enter_on_a_file_in_the_tree_fills_the_input_and_enter_accepts(
    db: Database, folder: Path
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = FilePicker("Open", folder, must_exist=True)
        results = await start(app, pilot, picker)
        await pilot.press("tab")
        assert focused_id(app) == "picker-tree"
        await pilot.press("down", "down", "down")  # root, sub, news.txt, notes.md
        await pilot.press("enter")
        await pilot.pause()
        path_input = picker.query_one("#picker-path", Input)
        assert path_input.value == str(folder / "notes.md")
        assert focused_id(app) == "picker-path"
        assert results == []
        await pilot.press("enter")
        await pilot.pause()
    assert results == [folder / "notes.md"]


async def test_errors_keep_the_picker_open(db: Database, folder: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = FilePicker("Open", folder, must_exist=True)
        results = await start(app, pilot, picker)
        error = picker.query_one("#picker-error", Static)
        await pilot.press("enter")
        assert "type a path" in shown(error)
        await pilot.press(*"missing.txt", "enter")
        assert f"no such file: {folder / 'missing.txt'}" in shown(error)
        await pilot.press("ctrl+u", *"sub", "enter")
        await pilot.pause()
        assert "is a folder" in shown(error)
        tree = picker.query_one(PickerTree)
        await until(pilot, lambda: tree_names(tree) == ["inner.txt"])  # the tree went there
        assert app.screen is picker
        assert results == []
        await pilot.press("escape")
        await pilot.pause()
    assert results == [None]


async def test_saving_needs_an_existing_folder_not_an_existing_file(
    db: Database, folder: Path
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = FilePicker("Save", folder, must_exist=False, default_name="out.xlf")
        results = await start(app, pilot, picker)
        path_input = picker.query_one("#picker-path", Input)
        assert path_input.value == str(folder / "out.xlf")
        await pilot.press("ctrl+u", *"nowhere/out.xlf", "enter")
        error = picker.query_one("#picker-error", Static)
        assert f"folder does not exist: {folder / 'nowhere'}" in shown(error)
        await pilot.press("ctrl+u", *"sub/new.xlf", "enter")
        await pilot.pause()
    assert results == [folder / "sub" / "new.xlf"]


async def test_picking_a_folder_when_saving_keeps_the_file_name(db: Database, folder: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = FilePicker("Save", folder, must_exist=False, default_name="out.xlf")
        results = await start(app, pilot, picker)
        await pilot.press("tab", "down", "enter")  # the subfolder
        await pilot.pause()
        assert picker.query_one("#picker-path", Input).value == str(folder / "sub" / "out.xlf")
        picker.query_one("#picker-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    assert results == [folder / "sub" / "out.xlf"]


async def test_backspace_in_the_tree_climbs_to_the_parent(db: Database, folder: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        picker = FilePicker("Open", folder / "sub", must_exist=True)
        await start(app, pilot, picker)
        tree = picker.query_one(PickerTree)
        assert tree_names(tree) == ["inner.txt"]
        await pilot.press("tab", "backspace")
        await until(pilot, lambda: "notes.md" in tree_names(tree))
        assert Path(tree.path) == folder.resolve()


async def test_a_start_that_is_a_file_or_missing_falls_back_to_a_folder(
    db: Database, folder: Path
) -> None:
    assert FilePicker("x", folder / "news.txt", must_exist=True).folder == folder.resolve()
    assert FilePicker("x", folder / "gone" / "deeper", must_exist=True).folder == Path.cwd()
