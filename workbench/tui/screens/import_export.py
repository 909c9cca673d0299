"""Import and export dialogs: a file, languages or a format, the work in a thread with progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static

from workbench import services, settings
from workbench.domain.document import DocumentSummary
from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.services import (
    Database,
    DatabaseError,
    FormatError,
    ProgressCallback,
    check_glossary_path,
    document_export_extension,
    document_extensions,
    document_format_names,
    document_format_titles,
    formats_writing_any_document,
)
from workbench.tui.modals.confirm import ConfirmModal
from workbench.tui.modals.file_picker import STYLES, FilePicker

IMPORT_SUFFIXES: tuple[str, ...] = document_extensions()
"""Files the picker shows when importing: every document format the registry reads."""

KNOWN_EXTENSIONS = frozenset({*IMPORT_SUFFIXES, ".tmx"})
"""Extensions the export path follows the chosen format from (any other is the user's)."""

TMX = "tmx"
"""A document's translations as a memory: not a document format, offered beside them."""

FORMAT_TITLES: dict[str, str] = {**document_format_titles(), TMX: "TMX memory"}
"""How the format Selects name each format (the registry's titles)."""


def export_extension(format_name: str, own_format: str, own_suffix: str) -> str:
    """The extension of a file exported in format_name; the document's own keeps its own."""
    if format_name == own_format and own_suffix:
        return own_suffix
    return ".tmx" if format_name == TMX else document_export_extension(format_name)


_ERRORS = (FormatError, UnknownLanguageError, services.UsageError, DatabaseError, OSError)
"""What bad input or a full disk raises: shown in the dialog, never a traceback."""

_CLI_HINTS = {
    "give --source-lang": "give the source language",
    "give --target-lang": "give the target language",
    "give --name": "give another name",
    "use --format": "choose the format",
}
"""The services word their advice for the command line; the dialogs have fields instead."""


def for_dialog(message: str) -> str:
    """A service's error with its command-line advice turned into the dialog's words."""
    for flag, words in _CLI_HINTS.items():
        message = message.replace(flag, words)
    return message


def export_formats(document_format: str, target_lang: str | None) -> list[str]:
    """The formats a document can be exported to that make sense for it, its own first.

    Every writer can build a new file for another format's document, but Markdown and TSV
    would only be relabelled plain text and CSV, and a TMX needs a target language.
    """
    offered = [document_format]
    for name in ["xliff", "xliff2", TMX, *formats_writing_any_document()]:
        if name in offered:
            continue
        if name in ("md", "tsv") and name != document_format:
            continue
        if name == TMX and not target_lang:
            continue
        offered.append(name)
    return offered


def default_export_path(
    folder: Path,
    document_name: str,
    format_name: str,
    target_lang: str | None,
    own_format: str,
) -> Path:
    """The document's name with the format's extension, in folder.

    The document's own format keeps the name's extension (a .docm stays .docm). When that gives
    back the name the document came with, the target language (or "translated") goes before
    the extension: the default must not point at the source file.
    """
    original = Path(Path(document_name).name or "document")
    extension = export_extension(format_name, own_format, original.suffix)
    name = f"{original.stem}{extension}"
    if name == original.name:
        name = f"{original.stem}.{target_lang or 'translated'}{extension}"
    return folder / name


def _throttled(report: Callable[[int, int], object]) -> ProgressCallback:
    """A progress callback that passes on only whole-percent changes and the end."""
    last = -1

    def on_progress(done: int, total: int) -> None:
        nonlocal last
        percent = done * 100 // total if total else 100
        if percent != last or done >= total:
            last = percent
            report(done, total)

    return on_progress


def _resolved(typed: str, folder: Path) -> Path | None:
    """The typed path, relative ones taken from folder; None when nothing was typed."""
    typed = typed.strip()
    if not typed:
        return None
    path = Path(typed).expanduser()
    return path if path.is_absolute() else folder / path


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """What the import dialog asks the service for."""

    path: Path
    source_lang: str | None
    target_lang: str | None
    name: str | None
    format_name: str | None


class ImportDialog(ModalScreen[str | None]):
    """Import a document from a file; dismisses with the new document's name, or None."""

    CSS_PATH = STYLES
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+o", "browse", "Browse"),
    ]
    """Escape closes the dialog (not while importing); ctrl+o opens the file picker."""

    class Progressed(Message):
        """done of total bytes of the file were read."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Imported(Message):
        """The document was stored."""

        def __init__(self, summary: DocumentSummary) -> None:
            super().__init__()
            self.summary = summary

    class ImportFailed(Message):
        """Nothing was imported; field is the input to correct (a widget id)."""

        def __init__(self, reason: str, field: str) -> None:
            super().__init__()
            self.reason = reason
            self.field = field

    def __init__(self, db: Database, *, folder: Path | None = None) -> None:
        super().__init__()
        self.db = db
        self.folder = folder or Path.cwd()
        self.working = False
        self._auto_name = ""

    def compose(self) -> ComposeResult:
        formats = [("auto", "auto")]
        formats += [(f"{FORMAT_TITLES.get(n, n)} ({n})", n) for n in document_format_names()]
        with Vertical(id="import-dialog", classes="dialog"):
            yield Label("Import a document", classes="dialog-title")
            with Horizontal(classes="dialog-row"):
                yield Label("File")
                yield Input(
                    placeholder="Word, Excel, XLIFF, PO, HTML, strings, subtitles, text…",
                    id="import-file",
                )
                yield Button("Browse…", id="import-browse")
            with Horizontal(classes="dialog-row"):
                yield Label("Source")
                yield Input(placeholder="detected, e.g. ko", id="import-source")
                yield Label("Target")
                yield Input(placeholder="e.g. en", id="import-target")
            with Horizontal(classes="dialog-row"):
                yield Label("Name")
                yield Input(placeholder="the file's name", id="import-name")
                yield Label("Format")
                yield Select(formats, value="auto", allow_blank=False, id="import-format")
            with Horizontal(classes="dialog-progress"):
                yield Static("", id="import-status", classes="dialog-status")
                yield ProgressBar(show_eta=False, id="import-progress")
            yield Static("", id="import-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Label("ctrl+o: browse · esc: cancel", classes="dialog-hint")
                yield Button("Import", variant="primary", id="import-start")
                yield Button("Cancel", id="import-cancel")

    def on_mount(self) -> None:
        """Start in the file input."""
        self.query_one("#import-file", Input).focus()

    @on(Input.Changed, "#import-file")
    def _name_follows_file(self, event: Input.Changed) -> None:
        """The name follows the file's until the translator types one of their own."""
        name = self.query_one("#import-name", Input)
        if name.value == self._auto_name:
            self._auto_name = Path(event.value.strip()).name if event.value.strip() else ""
            name.value = self._auto_name

    @on(Button.Pressed, "#import-browse")
    def action_browse(self) -> None:
        """Choose the file in the picker."""
        if self.working:
            return
        typed = _resolved(self.query_one("#import-file", Input).value, self.folder)
        start = typed.parent if typed is not None else self.folder

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.query_one("#import-file", Input).value = str(path)
                self.query_one("#import-start", Button).focus()

        picker = FilePicker("Import which file?", start, must_exist=True, suffixes=IMPORT_SUFFIXES)
        self.app.push_screen(picker, chosen)

    @on(Input.Submitted)
    @on(Button.Pressed, "#import-start")
    def action_start(self) -> None:
        """Check the fields and start the import in a thread."""
        if self.working:
            return
        request = self._request()
        if request is None:
            return
        self._set_working(True)
        self._show_error("")
        self._show_status("Reading")
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(request.path.stat().st_size, 1), progress=0)
        self._import(request)

    def _request(self) -> ImportRequest | None:
        """The fields as a request, or None after showing what is wrong."""
        path = _resolved(self.query_one("#import-file", Input).value, self.folder)
        if path is None:
            self._refuse("choose a file to import", "import-file")
            return None
        if not path.is_file():
            problem = "not a file" if path.exists() else "no such file"
            self._refuse(f"{path}: {problem}", "import-file")
            return None
        langs: list[str | None] = []
        for field, what in (("import-source", "source"), ("import-target", "target")):
            typed = self.query_one(f"#{field}", Input).value.strip()
            try:
                langs.append(normalize_lang(typed) if typed else None)
            except UnknownLanguageError as error:
                self._refuse(f"{what} language: {error}", field)
                return None
        format_name = self.query_one("#import-format", Select).value
        name = self.query_one("#import-name", Input).value.strip()
        return ImportRequest(
            path=path,
            source_lang=langs[0],
            target_lang=langs[1],
            name=name or None,
            format_name=None if format_name == "auto" else str(format_name),
        )

    def _refuse(self, reason: str, field: str) -> None:
        self._show_error(reason)
        self.query_one(f"#{field}").focus()

    @work(thread=True, exclusive=True, group="import")
    def _import(self, request: ImportRequest) -> None:
        progressed = _throttled(lambda done, total: self.post_message(self.Progressed(done, total)))
        try:
            summary = services.import_document(
                self.db,
                request.path,
                format_name=request.format_name,
                source_lang=request.source_lang,
                target_lang=request.target_lang,
                name=request.name,
                author=settings.author(),
                on_progress=progressed,
            )
        except _ERRORS as error:
            reason = for_dialog(str(error))
            self.post_message(self.ImportFailed(reason, _field_to_fix(reason)))
        except Exception as error:  # the worker must report, not die silently
            self.post_message(self.ImportFailed(f"import failed: {error!r}", "import-file"))
        else:
            self.post_message(self.Imported(summary))

    def on_import_dialog_progressed(self, message: Progressed) -> None:
        """Move the bar; once the file is read, storing the segments is what remains."""
        self.query_one("#import-progress", ProgressBar).update(
            total=max(message.total, 1), progress=message.done
        )
        if message.done >= message.total:
            self._show_status("Storing")

    def on_import_dialog_imported(self, message: Imported) -> None:
        """Fill the bar and close with the new document's name."""
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(progress=bar.total or 0)
        self.working = False
        self.dismiss(message.summary.name)

    def on_import_dialog_import_failed(self, message: ImportFailed) -> None:
        """Say why, and put the cursor where the fix goes; the dialog stays open."""
        self._set_working(False)
        self._show_error(message.reason)
        self.query_one(f"#{message.field}").focus()

    def _set_working(self, working: bool) -> None:
        self.working = working
        self.query_one(".dialog-progress").set_class(working, "-working")
        self.query_one("#import-start", Button).disabled = working

    def _show_error(self, message: str) -> None:
        self.query_one("#import-error", Static).update(Text(message))

    def _show_status(self, doing: str) -> None:
        self.query_one("#import-status", Static).update(doing)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        """Close without importing; an import under way is left to finish first."""
        if self.working:
            self.notify("Importing: wait for it to finish.")
            return
        self.dismiss(None)


def _field_to_fix(reason: str) -> str:
    """The input the error points at (widget id)."""
    if "source language" in reason:
        return "import-source"
    if "target language" in reason:
        return "import-target"
    if "another name" in reason:
        return "import-name"
    return "import-file"


class ExportDialog(ModalScreen[Path | None]):
    """Export a document (and optionally its glossary); dismisses with the written path."""

    CSS_PATH = STYLES
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+o", "browse", "Browse"),
    ]
    """Escape closes the dialog (not while exporting); ctrl+o opens the file picker."""

    class Loaded(Message):
        """The document's summary was read: its format decides the formats offered."""

        def __init__(self, summary: DocumentSummary | None, reason: str = "") -> None:
            super().__init__()
            self.summary = summary
            self.reason = reason

    class Progressed(Message):
        """done of total segments were written."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Exported(Message):
        """The file (and the glossary, when asked for) was written."""

        def __init__(self, path: Path, segments: int, glossary: Path | None, concepts: int) -> None:
            super().__init__()
            self.path = path
            self.segments = segments
            self.glossary = glossary
            self.concepts = concepts

    class CodesBroken(Message):
        """Nothing was written: these segments' targets break their inline codes."""

        def __init__(self, positions: list[int], path: Path, glossary: Path | None) -> None:
            super().__init__()
            self.positions = positions
            self.path = path
            self.glossary = glossary

    class ExportFailed(Message):
        """Nothing was written (or only the document, when the glossary failed)."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, db: Database, document_name: str, *, folder: Path | None = None) -> None:
        super().__init__()
        self.db = db
        self.document_name = document_name
        self.folder = folder or Path.cwd()
        self.summary: DocumentSummary | None = None
        self.working = False
        self._auto_glossary = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Label(Text(f"Export {self.document_name}"), classes="dialog-title")
            with Horizontal(classes="dialog-row"):
                yield Label("File")
                yield Input(placeholder="where to write it", id="export-path")
                yield Button("Browse…", id="export-browse")
            with Horizontal(classes="dialog-row"):
                yield Label("Format")
                yield Select([("…", "")], allow_blank=False, id="export-format")
                yield Checkbox("and its glossary", id="export-with-glossary")
            with Horizontal(classes="dialog-row"):
                yield Label("Glossary")
                yield Input(
                    placeholder="TBX, CSV, TSV or XLSX file", id="export-glossary", disabled=True
                )
            with Horizontal(classes="dialog-progress"):
                yield Static("", id="export-status", classes="dialog-status")
                yield ProgressBar(show_eta=False, id="export-progress")
            yield Static("", id="export-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Label("ctrl+o: browse · esc: cancel", classes="dialog-hint")
                yield Button("Export", variant="primary", id="export-start", disabled=True)
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        """Read the document's format in a thread, then offer the formats."""
        self.query_one("#export-path", Input).focus()
        self._load()

    @work(thread=True, exclusive=True, group="export-load")
    def _load(self) -> None:
        try:
            found = [d for d in services.list_documents(self.db) if d.name == self.document_name]
        except _ERRORS as error:
            self.post_message(self.Loaded(None, str(error)))
            return
        reason = "" if found else f"no document named {self.document_name!r}"
        self.post_message(self.Loaded(found[0] if found else None, reason))

    def on_export_dialog_loaded(self, message: Loaded) -> None:
        """Offer the formats that fit the document and propose a file name."""
        if message.summary is None:
            self._show_error(message.reason)
            return
        self.summary = message.summary
        names = export_formats(message.summary.format, message.summary.target_lang)
        own = message.summary.format
        select = self.query_one("#export-format", Select)
        select.set_options(
            [(f"{FORMAT_TITLES[n]}{' (as imported)' if n == own else ''}", n) for n in names]
        )
        select.value = names[0]
        path_input = self.query_one("#export-path", Input)
        path_input.value = str(
            default_export_path(
                self.folder, self.document_name, own, message.summary.target_lang, own
            )
        )
        # Selected, as a focused input's text is: typing replaces the proposal, arrows keep it.
        path_input.select_all()
        self.query_one("#export-start", Button).disabled = False

    @property
    def format_name(self) -> str:
        """The format chosen in the Select."""
        return str(self.query_one("#export-format", Select).value)

    @on(Select.Changed, "#export-format")
    def _extension_follows_format(self, event: Select.Changed) -> None:
        """A path ending in a known extension gets the new format's extension."""
        path_input = self.query_one("#export-path", Input)
        path = _resolved(path_input.value, self.folder)
        if path is None or not path.stem or not event.value or self.summary is None:
            return
        own = self.summary.format
        wanted = export_extension(str(event.value), own, Path(self.document_name).suffix)
        if path.suffix.lower() != wanted and path.suffix.lower() in KNOWN_EXTENSIONS:
            path_input.value = str(path.with_suffix(wanted))

    @on(Input.Changed, "#export-path")
    def _glossary_follows_path(self, event: Input.Changed) -> None:
        """The glossary goes beside the document until the translator names another file."""
        glossary = self.query_one("#export-glossary", Input)
        if glossary.value != self._auto_glossary:
            return
        path = _resolved(event.value, self.folder)
        # Half-typed paths ("/", "~/") have no file name yet to put the glossary beside.
        self._auto_glossary = ""
        if path is not None and path.name not in ("", ".", ".."):
            self._auto_glossary = str(path.with_name(f"{path.stem}-glossary.tbx"))
        glossary.value = self._auto_glossary

    @on(Checkbox.Changed, "#export-with-glossary")
    def _glossary_wanted(self, event: Checkbox.Changed) -> None:
        """The glossary path can be edited only when a glossary is wanted."""
        self.query_one("#export-glossary", Input).disabled = not event.value

    @on(Button.Pressed, "#export-browse")
    def action_browse(self) -> None:
        """Choose the output file in the picker."""
        if self.working:
            return
        typed = _resolved(self.query_one("#export-path", Input).value, self.folder)
        start = typed.parent if typed is not None else self.folder
        default_name = typed.name if typed is not None else ""

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.query_one("#export-path", Input).value = str(path)
                self.query_one("#export-start", Button).focus()

        picker = FilePicker(
            "Export to which file?", start, must_exist=False, default_name=default_name
        )
        self.app.push_screen(picker, chosen)

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-start")
    def action_start(self) -> None:
        """Check the paths, ask before overwriting, then export in a thread."""
        if self.working or self.summary is None:
            return
        targets = self._targets()
        if targets is None:
            return
        path, glossary = targets
        existing = [p for p in (path, glossary) if p is not None and p.exists()]
        if not existing:
            self._start(path, glossary)
            return
        names = " and ".join(str(p) for p in existing)
        question = f"{names} {'exist' if len(existing) > 1 else 'exists'}. Overwrite?"

        def answered(yes: bool | None) -> None:
            if yes:
                self._start(path, glossary)
            else:
                self._show_error("not exported: choose another file, or confirm overwriting")

        self.app.push_screen(ConfirmModal(question, "Overwrite"), answered)

    def _targets(self) -> tuple[Path, Path | None] | None:
        """The output path and the glossary's (None when not wanted), or None after an error."""
        path = self._checked_path("#export-path", "a file to export to")
        if path is None:
            return None
        if not self.query_one("#export-with-glossary", Checkbox).value:
            return path, None
        glossary = self._checked_path("#export-glossary", "a file for the glossary")
        if glossary is None:
            return None
        try:
            check_glossary_path(glossary)
        except FormatError as error:
            self._show_error(for_dialog(str(error)))
            self.query_one("#export-glossary").focus()
            return None
        return path, glossary

    def _checked_path(self, selector: str, what: str) -> Path | None:
        """The path typed in the input, if a file can be written there; else None."""
        path = _resolved(self.query_one(selector, Input).value, self.folder)
        problem = ""
        if path is None:
            problem = f"choose {what}"
        elif path.is_dir():
            problem = f"{path} is a folder: give a file name"
        elif not path.parent.is_dir():
            problem = f"folder does not exist: {path.parent}"
        if problem:
            self._show_error(problem)
            self.query_one(selector).focus()
            return None
        return path

    def _start(self, path: Path, glossary: Path | None, *, force: bool = False) -> None:
        self._set_working(True)
        self._show_error("")
        self._show_status("Writing")
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=max(self.summary.segments if self.summary else 1, 1), progress=0)
        self._export(path, self.format_name, glossary, force)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, path: Path, format_name: str, glossary: Path | None, force: bool) -> None:
        progressed = _throttled(lambda done, total: self.post_message(self.Progressed(done, total)))
        try:
            count = services.export_document(
                self.db, self.document_name, path, format_name, on_progress=progressed, force=force
            )
            concepts = 0
            if glossary is not None:
                concepts = services.export_document_glossary(self.db, self.document_name, glossary)
        except services.BrokenCodesError as error:
            self.post_message(self.CodesBroken(error.positions, path, glossary))
        except _ERRORS as error:
            self.post_message(self.ExportFailed(for_dialog(str(error))))
        except Exception as error:  # the worker must report, not die silently
            self.post_message(self.ExportFailed(f"export failed: {error!r}"))
        else:
            self.post_message(self.Exported(path, count, glossary, concepts))

    def on_export_dialog_progressed(self, message: Progressed) -> None:
        """Move the bar; the glossary, when wanted, comes after the document."""
        self.query_one("#export-progress", ProgressBar).update(
            total=max(message.total, 1), progress=message.done
        )
        if message.done >= message.total and self.query_one(Checkbox).value:
            self._show_status("Glossary")

    def on_export_dialog_exported(self, message: Exported) -> None:
        """Tell what was written and close with the path."""
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(progress=bar.total or 0)
        written = f"{message.path}: {message.segments} segments"
        if message.glossary is not None:
            written += f"; {message.glossary}: {message.concepts} concepts"
        self.app.notify(f"Exported {written}", markup=False)
        self.working = False
        self.dismiss(message.path)

    def on_export_dialog_codes_broken(self, message: CodesBroken) -> None:
        """Ask, as the CLI's --force does, before writing targets whose codes are broken."""
        self._set_working(False)
        count = len(message.positions)
        listed = ", ".join(map(str, message.positions[:12]))
        more = ", …" if count > 12 else ""
        question = (
            f"{count} segment{'s' if count != 1 else ''} ({listed}{more}) "
            f"{'have' if count != 1 else 'has'} missing, extra or badly nested codes: the file "
            "may lose formatting or not open. Export anyway?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._start(message.path, message.glossary, force=True)
            else:
                self._show_error(f"not exported: fix the codes of segment {listed}{more} first")

        self.app.push_screen(ConfirmModal(question, "Export anyway"), answered)

    def on_export_dialog_export_failed(self, message: ExportFailed) -> None:
        """Say why; the dialog stays open."""
        self._set_working(False)
        self._show_error(message.reason)

    def _set_working(self, working: bool) -> None:
        self.working = working
        self.query_one(".dialog-progress").set_class(working, "-working")
        self.query_one("#export-start", Button).disabled = working

    def _show_error(self, message: str) -> None:
        self.query_one("#export-error", Static).update(Text(message))

    def _show_status(self, doing: str) -> None:
        self.query_one("#export-status", Static).update(doing)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        """Close without exporting; an export under way is left to finish first."""
        if self.working:
            self.notify("Exporting: wait for it to finish.")
            return
        self.dismiss(None)
