"""The home screen: every document with its progress; open, import or export one."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench import services
from workbench.domain.document import DocumentSummary, SegmentStatus
from workbench.services import Database
from workbench.tui.background import background, in_thread
from workbench.tui.modals.file_picker import STYLES
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.import_export import ExportDialog, ImportDialog

EMPTY_STATE = (
    "No documents yet.\n\n"
    "Press i to import one: XLIFF, PO, plain text, Markdown or a bilingual CSV/TSV file.\n"
    "From the shell: workbench import FILE, or workbench open FILE."
)
"""What the screen says when the database holds no document."""

_BAR_CELLS = 10
_NAME_CELLS = 48
_CONFIRMED = {status.value for status in SegmentStatus if status.confirmed}


def confirmed_share(summary: DocumentSummary) -> float:
    """The share of the document's segments that are translated, reviewed or approved."""
    if not summary.segments:
        return 0.0
    done = sum(count for status, count in summary.by_status.items() if status in _CONFIRMED)
    return done / summary.segments


def progress_cell(share: float) -> Text:
    """A small bar and the percentage, e.g. ████░░░░░░  40%."""
    filled = round(share * _BAR_CELLS)
    return Text.assemble(
        ("█" * filled, "green"), ("░" * (_BAR_CELLS - filled), "dim"), f" {share:4.0%}"
    )


class DocumentsScreen(Screen[None]):
    """The documents in the database, newest first, with languages, size and progress."""

    CSS_PATH = STYLES
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open"),
        Binding("i", "import", "Import"),
        Binding("e", "export", "Export"),
        Binding("escape", "close", "Quit"),
    ]
    """Enter opens the highlighted document in the editor; escape (or ctrl+q) quits."""

    def __init__(self, db: Database, *, folder: Path | None = None) -> None:
        super().__init__()
        self.db = db
        self.folder = folder
        self.documents: list[DocumentSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="documents-summary")
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Static(Text(EMPTY_STATE), id="documents-empty")
        yield Footer()

    def on_mount(self) -> None:
        """The list itself is read whenever the screen is shown."""
        self.title = "Documents"
        self.query_one("#documents-empty").display = False
        self.query_one(DataTable).focus()

    def _add_columns(self, table: DataTable[Any]) -> None:
        # Fixed widths, the names' from the names: a column that widens itself after the
        # first paint keeps showing its old rows cut short (Textual caches rendered lines).
        longest = max((cell_len(d.name) for d in self.documents), default=0)
        table.add_column("document", key="name", width=min(max(longest, 8), _NAME_CELLS))
        table.add_column("format", key="format", width=7)
        table.add_column("languages", key="langs", width=12)
        table.add_column("segments", key="segments", width=8)
        table.add_column("confirmed", key="progress", width=_BAR_CELLS + 5)

    def on_screen_resume(self) -> None:
        """Read the list again: the editor or an import may have changed it."""
        self._load()

    @background("Reading the documents", group="documents")
    async def _load(self) -> None:
        self._show(await in_thread(services.list_documents, self.db))

    def _show(self, documents: list[DocumentSummary]) -> None:
        """Show the documents, keeping the highlighted one where it was."""
        table = self.query_one(DataTable)
        current = self.highlighted
        self.documents = documents
        table.clear(columns=True)
        self._add_columns(table)
        for summary in self.documents:
            langs = f"{summary.source_lang} → {summary.target_lang or '?'}"
            table.add_row(
                Text(summary.name),
                summary.format,
                langs,
                f"{summary.segments:>8,}",
                progress_cell(confirmed_share(summary)),
                key=summary.name,
            )
        names = [d.name for d in self.documents]
        if current in names:
            table.move_cursor(row=names.index(current))
        empty = not self.documents
        table.display = not empty
        self.query_one("#documents-empty").display = empty
        total = sum(d.segments for d in self.documents)
        self.query_one("#documents-summary", Static).update(
            f"{len(self.documents)} documents · {total:,} segments · "
            "enter: open · i: import · e: export"
        )

    @property
    def highlighted(self) -> str | None:
        """The name of the highlighted document, if any."""
        table = self.query_one(DataTable)
        if not self.documents or not 0 <= table.cursor_row < len(self.documents):
            return None
        return self.documents[table.cursor_row].name

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        """Edit the highlighted document."""
        name = self.highlighted
        if name is not None:
            self.app.push_screen(EditorScreen(self.db, name))

    def action_import(self) -> None:
        """Import a file, then open the new document."""

        def imported(name: str | None) -> None:
            if name is not None:
                self.app.push_screen(EditorScreen(self.db, name))

        self.app.push_screen(ImportDialog(self.db, folder=self.folder), imported)

    def action_export(self) -> None:
        """Export the highlighted document."""
        name = self.highlighted
        if name is None:
            self.notify("Nothing to export yet: press i to import a document.")
            return
        self.app.push_screen(ExportDialog(self.db, name, folder=self.folder))

    def action_close(self) -> None:
        """Leave the workbench."""
        self.dismiss(None)
