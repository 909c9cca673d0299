"""The import and export dialogs driven from the keyboard, checked against the database."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, Input, ProgressBar, Select, Static
from translate.storage import factory
from translate.storage.xliff2 import Xliff2File

from workbench import services
from workbench.domain.document import SegmentStatus
from workbench.storage.engine import Database, open_database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.modals.confirm import ConfirmModal
from workbench.tui.screens.documents import DocumentsScreen
from workbench.tui.screens.import_export import (
    ExportDialog,
    ImportDialog,
    default_export_path,
    export_formats,
    for_dialog,
)

NEWS = (
    "원거테크놀러지는 상하이에서 새 모델을 발표했다.\n\n"
    "센스타임은 원거테크놀러지와 협력한다고 밝혔다.\n\n"
    "행사는 8월 15일까지 이어진다.\n"
)
TRANSLATIONS = [
    "Wenge Technology unveiled a new model in Shanghai.",
    "SenseTime said it would work with Wenge Technology.",
    "The event runs until August 15.",
]
BAD_XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file source-language="ko" target-language="en" datatype="plaintext" original="a">\n'
    "<body>\n"
    '<trans-unit id="1"><source>첫 문장.</source>\n'
    "</body></file></xliff>\n"
)
DUPLICATE_PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
    'msgid "첫 문장입니다."\nmsgstr ""\n\n'
    'msgid "둘째 문장입니다."\nmsgstr ""\n\n'
    'msgid "첫 문장입니다."\nmsgstr ""\n'
)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_database(f"sqlite:///{tmp_path / 'dialogs.sqlite'}")


@pytest.fixture
def translated(db: Database, tmp_path: Path) -> Database:
    """news.txt imported (ko to en) with every segment translated, and the shipped glossary."""
    services.import_glossary(db, services.SHIPPED_GLOSSARY)
    source = tmp_path / "news.txt"
    source.write_text(NEWS, encoding="utf-8")
    services.import_document(db, source, source_lang="ko", target_lang="en")
    for segment, target in zip(
        services.document_segments(db, "news.txt")[1], TRANSLATIONS, strict=True
    ):
        assert segment.id is not None
        services.save_segment(db, segment.id, target, SegmentStatus.TRANSLATED, segment.version)
    return db


def shown(widget: Static) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_dialog(app: WorkbenchApp, pilot: Pilot[None], dialog: Any) -> list[Any]:
    """Push a dialog and return the list its result will be appended to."""
    results: list[Any] = []
    app.push_screen(dialog, results.append)
    await settle(app, pilot)
    return results


def current(app: WorkbenchApp) -> Screen[Any]:
    """The active screen, looked up afresh (mypy would keep an earlier isinstance narrowing)."""
    return app.screen


def document_names(db: Database) -> list[str]:
    return [summary.name for summary in services.list_documents(db)]


# --- import ----------------------------------------------------------------------------------


async def test_import_through_the_dialog_stores_the_document(db: Database, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    messages: list[object] = []
    app = make_app(db)
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        dialog = ImportDialog(db, folder=tmp_path)
        results = await open_dialog(app, pilot, dialog)
        bar = dialog.query_one(ProgressBar)
        await pilot.press(*"news.txt")  # relative to the dialog's folder
        assert dialog.query_one("#import-name", Input).value == "news.txt"
        dialog.query_one("#import-target", Input).focus()
        await pilot.press(*"en", "enter")
        await settle(app, pilot)
    assert results == ["news.txt"]
    document, segments = services.document_segments(db, "news.txt")
    assert (document.source_lang, document.target_lang) == ("ko", "en")  # ko was detected
    assert [s.source for s in segments] == [line for line in NEWS.splitlines() if line]
    assert bar.total == (tmp_path / "news.txt").stat().st_size
    assert bar.progress == bar.total
    progressed = [m for m in messages if isinstance(m, ImportDialog.Progressed)]
    assert progressed and progressed[-1].done == progressed[-1].total


async def test_a_typed_name_is_kept_when_the_file_changes(db: Database, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog(db, folder=tmp_path)
        results = await open_dialog(app, pilot, dialog)
        dialog.query_one("#import-name", Input).value = "기사 1"
        dialog.query_one("#import-file", Input).focus()
        await pilot.press(*"news.txt")
        assert dialog.query_one("#import-name", Input).value == "기사 1"
        await pilot.press("enter")
        await settle(app, pilot)
    assert results == ["기사 1"]
    assert document_names(db) == ["기사 1"]


async def test_a_malformed_xliff_shows_file_and_line_and_imports_nothing(
    db: Database, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.xlf"
    bad.write_text(BAD_XLIFF, encoding="utf-8")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog(db, folder=tmp_path)
        results = await open_dialog(app, pilot, dialog)
        await pilot.press(*"bad.xlf", "enter")
        await settle(app, pilot)
        error = shown(dialog.query_one("#import-error", Static))
        assert f"{bad}:6" in error
        assert "mismatch" in error
        assert app.screen is dialog  # still open, to try another file
        assert not dialog.working
        assert app.focused is dialog.query_one("#import-file", Input)
    assert results == []
    assert document_names(db) == []


async def test_an_error_after_some_segments_leaves_nothing_half_imported(
    db: Database, tmp_path: Path
) -> None:
    po = tmp_path / "dup.po"
    po.write_text(DUPLICATE_PO, encoding="utf-8")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog(db, folder=tmp_path)
        await open_dialog(app, pilot, dialog)
        await pilot.press(*"dup.po")
        dialog.query_one("#import-source", Input).focus()
        await pilot.press(*"ko", "enter")
        await settle(app, pilot)
        error = shown(dialog.query_one("#import-error", Static))
        assert f"{po}:" in error
        assert "duplicate" in error
    assert document_names(db) == []


async def test_an_undetectable_language_asks_for_it_then_imports(
    db: Database, tmp_path: Path
) -> None:
    (tmp_path / "numbers.txt").write_text("2025\n\n3200\n", encoding="utf-8")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog(db, folder=tmp_path)
        results = await open_dialog(app, pilot, dialog)
        await pilot.press(*"numbers.txt", "enter")
        await settle(app, pilot)
        error = shown(dialog.query_one("#import-error", Static))
        assert "cannot tell the source language" in error
        assert "give the source language" in error
        assert "--source-lang" not in error
        assert app.focused is dialog.query_one("#import-source", Input)
        assert document_names(db) == []
        await pilot.press(*"en", "enter")
        await settle(app, pilot)
    assert results == ["numbers.txt"]


async def test_bad_fields_are_refused_before_any_work(db: Database, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog(db, folder=tmp_path)
        await open_dialog(app, pilot, dialog)
        error = dialog.query_one("#import-error", Static)
        await pilot.press("enter")
        assert "choose a file" in shown(error)
        await pilot.press(*"no.txt", "enter")
        assert f"{tmp_path / 'no.txt'}: no such file" in shown(error)
        dialog.query_one("#import-file", Input).value = "news.txt"
        dialog.query_one("#import-source", Input).focus()
        await pilot.press(*"x!", "enter")
        assert "source language" in shown(error)
        assert app.focused is dialog.query_one("#import-source", Input)
        assert not dialog.working
    assert document_names(db) == []


async def test_a_name_in_use_points_at_the_name(db: Database, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    services.import_document(db, tmp_path / "news.txt", source_lang="ko")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog(db, folder=tmp_path)
        await open_dialog(app, pilot, dialog)
        await pilot.press(*"news.txt", "enter")
        await settle(app, pilot)
        assert "give another name" in shown(dialog.query_one("#import-error", Static))
        assert app.focused is dialog.query_one("#import-name", Input)
    assert document_names(db) == ["news.txt"]


async def test_escape_closes_the_import_dialog(db: Database, tmp_path: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        results = await open_dialog(app, pilot, ImportDialog(db, folder=tmp_path))
        await pilot.press("escape")
        await pilot.pause()
    assert results == [None]


async def test_browse_opens_the_picker_and_fills_the_file(db: Database, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ImportDialog(db, folder=tmp_path)
        await open_dialog(app, pilot, dialog)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*"news.txt", "enter")
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#import-file", Input).value == str(tmp_path / "news.txt")


def test_cli_advice_becomes_the_dialogs_words() -> None:
    message = "a.txt: cannot tell the source language (pt, 0.99): give --source-lang"
    assert for_dialog(message).endswith("give the source language")
    assert for_dialog("a document named 'x' exists already: give --name").endswith(
        "give another name"
    )


# --- export ----------------------------------------------------------------------------------


async def export_to(
    app: WorkbenchApp, pilot: Pilot[None], dialog: ExportDialog, path: str, fmt: str
) -> None:
    dialog.query_one("#export-format", Select).value = fmt
    await pilot.pause()
    path_input = dialog.query_one("#export-path", Input)
    path_input.focus()
    await pilot.press("ctrl+u", *path, "enter")
    await settle(app, pilot)


async def test_export_as_xliff_is_read_back_with_the_targets(
    translated: Database, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    messages: list[object] = []
    app = make_app(translated)
    async with app.run_test(size=(100, 30), message_hook=messages.append) as pilot:
        dialog = ExportDialog(translated, "news.txt", folder=out)
        results = await open_dialog(app, pilot, dialog)
        assert dialog.query_one("#export-path", Input).value == str(out / "news.en.txt")
        dialog.query_one("#export-format", Select).value = "xliff"
        await pilot.pause()
        assert dialog.query_one("#export-path", Input).value == str(out / "news.en.xlf")
        bar = dialog.query_one(ProgressBar)
        await pilot.press("enter")
        await settle(app, pilot)
    assert results == [out / "news.en.xlf"]
    store = factory.getobject(str(out / "news.en.xlf"))
    units = [unit for unit in store.units if unit.istranslatable()]
    assert [unit.target for unit in units] == TRANSLATIONS
    assert bar.progress == bar.total == 3
    assert any(isinstance(m, ExportDialog.Progressed) and m.done == 3 for m in messages)


async def test_export_in_the_own_format_with_the_glossary(
    translated: Database, tmp_path: Path
) -> None:
    app = make_app(translated)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ExportDialog(translated, "news.txt", folder=tmp_path)
        results = await open_dialog(app, pilot, dialog)
        glossary_input = dialog.query_one("#export-glossary", Input)
        assert glossary_input.disabled
        dialog.query_one(Checkbox).value = True
        await pilot.pause()
        assert not glossary_input.disabled
        assert glossary_input.value == str(tmp_path / "news.en-glossary.tbx")
        await export_to(app, pilot, dialog, "en.txt", "txt")
    assert results == [tmp_path / "en.txt"]
    text = (tmp_path / "en.txt").read_text(encoding="utf-8")
    assert text == "\n\n".join(TRANSLATIONS) + "\n"
    # The glossary followed the new file name, and holds the document's terms.
    tbx = (tmp_path / "en-glossary.tbx").read_text(encoding="utf-8")
    assert "SenseTime" in tbx
    assert "센스타임" in tbx


async def test_a_word_document_is_exported_as_word_from_the_dialog(
    db: Database, tmp_path: Path
) -> None:
    """The dialog offers the document's own format first whatever it is (a .docx here, which
    the dialog once could not offer), keeps its extension, and writes a file Word reads."""
    import docx  # python-docx reads what we write

    sample = Path(services.__file__).parents[1] / "samples" / "waic-brief.docx"
    services.import_document(db, sample, source_lang="ko", target_lang="en")
    name = sample.name
    segments = services.document_segments(db, name)[1]
    first = segments[0]
    assert first.id is not None
    services.save_segment(
        db, first.id, "Exported through the dialog", SegmentStatus.TRANSLATED, first.version
    )
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ExportDialog(db, name, folder=tmp_path)
        results = await open_dialog(app, pilot, dialog)
        select = dialog.query_one("#export-format", Select)
        offered = [value for _, value in select._options]
        assert offered[0] == "docx"
        assert "xliff" in offered
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "waic-brief.en.docx")
        select.value = "xliff"
        await pilot.pause()
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "waic-brief.en.xlf")
        select.value = "docx"
        await pilot.pause()
        assert dialog.query_one("#export-path", Input).value == str(tmp_path / "waic-brief.en.docx")
        await pilot.press("enter")
        await settle(app, pilot)
    assert results == [tmp_path / "waic-brief.en.docx"]
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "waic-brief.en.docx")).paragraphs]
    assert any("Exported through the dialog" in text for text in paragraphs)


async def test_overwriting_asks_first(translated: Database, tmp_path: Path) -> None:
    existing = tmp_path / "old.xlf"
    existing.write_text("keep me", encoding="utf-8")
    app = make_app(translated)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ExportDialog(translated, "news.txt", folder=tmp_path)
        results = await open_dialog(app, pilot, dialog)
        await export_to(app, pilot, dialog, "old.xlf", "xliff2")
        question = app.screen.query_one("#confirm-question", Static)
        assert isinstance(app.screen, ConfirmModal)
        assert str(existing) in shown(question)
        await pilot.press("n")
        await pilot.pause()
        assert current(app) is dialog
        assert existing.read_text(encoding="utf-8") == "keep me"
        assert "not exported" in shown(dialog.query_one("#export-error", Static))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(app, pilot)
    assert results == [existing]
    store = Xliff2File()
    store.parse(existing.read_bytes())
    assert [unit.target for unit in store.units if unit.istranslatable()] == TRANSLATIONS


async def test_export_errors_stay_in_the_dialog(translated: Database, tmp_path: Path) -> None:
    app = make_app(translated)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ExportDialog(translated, "news.txt", folder=tmp_path)
        results = await open_dialog(app, pilot, dialog)
        error = dialog.query_one("#export-error", Static)
        await export_to(app, pilot, dialog, "no/o.xlf", "xliff")
        assert f"folder does not exist: {tmp_path / 'no'}" in shown(error)
        dialog.query_one(Checkbox).value = True
        await pilot.pause()
        dialog.query_one("#export-glossary", Input).value = "terms.doc"
        await export_to(app, pilot, dialog, "o.xlf", "xliff")
        assert "unknown glossary extension" in shown(error)
        assert app.focused is dialog.query_one("#export-glossary", Input)
        assert app.screen is dialog
    assert results == []
    assert not (tmp_path / "o.xlf").exists()


async def test_exporting_a_missing_document_says_so(db: Database, tmp_path: Path) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = ExportDialog(db, "gone.txt", folder=tmp_path)
        await open_dialog(app, pilot, dialog)
        assert "no document named 'gone.txt'" in shown(dialog.query_one("#export-error", Static))
        assert dialog.query_one("#export-start").disabled


@pytest.mark.parametrize(("fmt", "suffix"), [("xliff", ".xlf"), ("tmx", ".tmx"), ("txt", ".txt")])
def test_export_document_reports_progress_in_segments(
    translated: Database, tmp_path: Path, fmt: str, suffix: str
) -> None:
    reports: list[tuple[int, int]] = []
    out = tmp_path / f"out{suffix}"
    count = services.export_document(
        translated, "news.txt", out, fmt, on_progress=lambda *done: reports.append(done)
    )
    assert out.is_file()
    assert count == 3
    assert reports[0] == (1, 3)
    assert reports[-1] == (3, 3)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)


@pytest.mark.parametrize(
    ("own", "target", "offered"),
    [
        ("txt", "en", ["txt", "xliff", "xliff2", "tmx", "po", "csv"]),
        ("md", "en", ["md", "xliff", "xliff2", "tmx", "po", "txt", "csv"]),
        ("xliff2", "en", ["xliff2", "xliff", "tmx", "po", "txt", "csv"]),
        ("po", None, ["po", "xliff", "xliff2", "txt", "csv"]),
        ("tsv", "en", ["tsv", "xliff", "xliff2", "tmx", "po", "txt", "csv"]),
        ("docx", "en", ["docx", "xliff", "xliff2", "tmx", "po", "txt", "csv"]),
        ("srt", None, ["srt", "xliff", "xliff2", "po", "txt", "csv"]),
        ("android", "ko", ["android", "xliff", "xliff2", "tmx", "po", "txt", "csv"]),
    ],
)
def test_export_formats_fit_the_document(own: str, target: str | None, offered: list[str]) -> None:
    assert export_formats(own, target) == offered


@pytest.mark.parametrize(
    ("name", "own", "fmt", "target", "expected"),
    [
        ("news.txt", "txt", "xliff", "en", "news.xlf"),
        ("news.txt", "txt", "txt", "en", "news.en.txt"),
        ("news.txt", "txt", "txt", None, "news.translated.txt"),
        ("guide.xlf", "xliff2", "xliff2", "ko", "guide.ko.xlf"),
        ("기사 1", "txt", "po", "en", "기사 1.po"),
        ("brief.docm", "docx", "docx", "en", "brief.en.docm"),
        ("brief.docx", "docx", "xliff", "en", "brief.xlf"),
        ("brief.docx", "docx", "tmx", "en", "brief.tmx"),
        ("slides.pptx", "pptx", "pptx", None, "slides.translated.pptx"),
        ("strings", "android", "android", "ko", "strings.xml"),
    ],
)
def test_default_export_path(
    name: str, own: str, fmt: str, target: str | None, expected: str
) -> None:
    assert default_export_path(Path("/out"), name, fmt, target, own) == Path("/out") / expected


# --- snapshot --------------------------------------------------------------------------------


def test_import_dialog_snapshot(snap_compare: Any, db: Database) -> None:
    """The import dialog over the empty documents list: a relative file typed, the name
    following it, source and target languages filled, format auto, no error yet."""

    async def fill(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"news.txt", "tab", "tab", *"ko", "tab", *"en")
        await pilot.pause()

    app = make_app(db, DocumentsScreen(db, folder=Path("/nonexistent")))
    assert snap_compare(app, run_before=fill, terminal_size=(100, 30))
