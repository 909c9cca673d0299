"""The translator's editor: the segment grid, the segment being edited and the panels beside it.

The screen composes three parts and coordinates them: the SegmentGrid (every segment, one row
each), the SegmentPane (the current source and the target being typed) and the side panels
(EditorPanel: terms, TM, QA). It owns the document's segments, which one is current, and the
saves; it tells the panels what happens with the messages of `widgets/editor_panel.py`, and
they answer with messages of their own (the QA panel's findings become the grid's flags).
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from workbench import services, settings
from workbench.domain.checks import Issue, Severity
from workbench.domain.document import (
    Document,
    Segment,
    SegmentStatus,
    code_char,
    is_translatable,
)
from workbench.domain.find import Replacement, SearchTooSlow, SegmentFilter
from workbench.domain.matching import Hit, TermIndex
from workbench.services import Database, Suggestion
from workbench.tui.background import CollectorPause, background, in_thread
from workbench.tui.codes import code_labels, code_problems, missing_codes, shown_text
from workbench.tui.marks import STATUS_MARK
from workbench.tui.modals.confirm import ConfirmModal
from workbench.tui.modals.filter import FilterModal
from workbench.tui.modals.find_replace import FindReplaceModal
from workbench.tui.save_queue import (
    SaveFailed,
    SaveOutcome,
    SaveQueue,
    SaveRefused,
    SaveRequest,
    SegmentSaved,
)
from workbench.tui.screens.import_export import ExportDialog
from workbench.tui.screens.overview import OverviewScreen
from workbench.tui.screens.qa import QaScreen
from workbench.tui.screens.termbase import TermbaseChange, TermbaseScreen
from workbench.tui.term_entries import TermEntry, term_entries
from workbench.tui.widgets.editor_panel import (
    DocumentInfo,
    DocumentLoaded,
    DocumentOpened,
    EditorPanel,
    SegmentFocus,
    SegmentFocused,
    SegmentStored,
    TargetEdited,
    TermIndexReady,
)
from workbench.tui.widgets.qa_panel import SEVERITY_MARK, QaPanel, worst
from workbench.tui.widgets.segment_grid import GridRow, SegmentGrid
from workbench.tui.widgets.segment_pane import SegmentPane
from workbench.tui.widgets.source_area import SourceArea
from workbench.tui.widgets.target_area import TargetArea
from workbench.tui.widgets.term_panel import TermPanel
from workbench.tui.widgets.tm_panel import TmPanel, TmSuggestion

ALT_DIGIT_KEYS = [
    ("inverted_exclamation_mark", "¡"),
    ("trade_mark_sign", "™"),
    ("pound_sign", "£"),
    ("cent_sign", "¢"),
    ("infinity", "∞"),
    ("section_sign", "§"),
    ("pilcrow_sign", "¶"),
    ("bullet", "•"),
    ("ª", "ª"),
]
"""What Textual makes of alt+1 … alt+9 from most terminals (ESC and a digit, as macOS types)."""

HEAD_SEGMENTS = 300
"""Segments read and shown first; the rest of a long document follows behind them."""

HEAD_WAIT = 2.0
"""Seconds the reading waits at most for the first segments to be drawn before going on."""

PAUSE_SECONDS = 3.0
"""Idle time after typing before the edit is kept as a draft."""

POSITION_DELAY = 0.5
"""Time on a segment before it is stored as the place to reopen at."""

FILTER_TIME_LIMIT = 2.0
"""Seconds a filter's search may take (a regular expression that backtracks is stopped)."""

FLAGS_ONE_BY_ONE = 200
"""Above this many changed flags the grid is refilled at once rather than row by row."""


class EditorScreen(Screen[None]):
    """Translate a document: grid, source, target, term/TM/QA panels and the tools around them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "confirm", "Confirm", tooltip="Confirm the segment and go to the next"),
        Binding("ctrl+down,alt+down", "move(1)", "Next", key_display="^↓", tooltip="Next segment"),
        Binding("ctrl+up,alt+up", "move(-1)", "Prev", key_display="^↑", tooltip="Previous segment"),
        Binding("ctrl+g", "copy_source", "Copy src", tooltip="Copy the source to the target"),
        Binding("alt+t", "insert_tm", "TM", tooltip="Insert the TM match (again: the next one)"),
        Binding("alt+1", "insert_term(1)", "Term", key_display="alt+1…9", tooltip="Insert term 1"),
        *(
            Binding(
                f"alt+{n}",
                f"insert_term({n})",
                f"Term {n}",
                show=False,
                tooltip=f"Insert term {n}",
            )
            for n in range(2, 10)
        ),
        *(
            Binding(key, f"insert_term({n}, {char!r})", show=False)
            for n, (key, char) in enumerate(ALT_DIGIT_KEYS, 1)
        ),
        Binding(
            "f9",
            "insert_missing_code",
            "Code",
            tooltip="Insert the next code of the source that the target lacks",
        ),
        Binding(
            "escape",
            "close",
            "Close",
            show=False,
            tooltip="Back to the documents list (the edit is kept as draft)",
        ),
        Binding("alt+j", "join", "Join", show=False, tooltip="Join the segment with the next one"),
        Binding(
            "alt+s", "split", "Split", show=False, tooltip="Split the segment at the source cursor"
        ),
        Binding(
            "alt+a",
            "quick_add",
            "Add term",
            tooltip="Quick-add a term: select it in the "
            "source, alt+a, select its rendering in the target, alt+a",
        ),
        Binding("ctrl+t", "termbase", "Terms", tooltip="Open the term base"),
        Binding("ctrl+r", "qa", "QA", tooltip="Run QA over the document"),
        Binding(
            "ctrl+f", "filter", "Filter", tooltip="Filter the segments (untranslated, issues, text)"
        ),
        Binding(
            "alt+r,alt+f",
            "find_replace",
            "Replace",
            key_display="alt+r",
            show=False,
            tooltip="Find and replace in targets",
        ),
        Binding("ctrl+o", "overview", "Overview", show=False, tooltip="Progress and QA overview"),
        Binding("alt+e", "export", "Export", show=False, tooltip="Export the document"),
        Binding(
            "alt+z",
            "undo_segment",
            "Undo save",
            show=False,
            tooltip="Undo the segment's last save (its previous text and status)",
        ),
    ]
    """Editing keys first (the footer shows them in this order), then the tools.

    While the target has focus it runs these itself, in the order they are typed.
    """

    def __init__(self, db: Database, name: str) -> None:
        super().__init__()
        self.db = db
        self.document_name = name
        self.author = settings.author()
        self.document: DocumentInfo | None = None
        self.segments: list[Segment] = []
        """The translatable segments, in document order; the grid's rows when unfiltered."""
        self.current: int | None = None
        """The row being edited."""
        self.focused_segment: SegmentFocus | None = None
        """The current segment as the panels were last told about it."""
        self.term_index: TermIndex | None = None
        self.flags: dict[int, Severity] = {}
        """The worst QA finding of each row that has one."""
        self.segment_filter = SegmentFilter()
        """The filter the grid shows the segments through (none at first)."""
        self.shown_rows: list[int] = []
        """The rows the grid shows (all, or those a filter lets through), in order."""
        self._grid_index: dict[int, int] = {}
        """Where each shown row is in the grid."""
        self._opening: int | None = None
        """The position to open once its segment is read (a long document, reopened far in)."""
        self._reading: object = None
        """The latest read of the document (after a join, an older one's result is stale)."""
        self._filtering: object = None
        """The latest filter asked for (an older one's result is stale)."""
        self._edits: dict[int, str] = {}
        """Texts typed but not (yet) stored, by row, so that coming back shows them."""
        self._queued: dict[int, str] = {}
        """The text of the last save asked for, by row, until its outcome is known."""
        self._suggestions: dict[int, Suggestion] = {}
        """The TM match last inserted, by row, measured against the target when confirmed."""
        self._conflicted: set[int] = set()
        """Rows whose save another translator beat: only an explicit confirm may overwrite."""
        self._loading: set[str] = set()
        """The first reads still under way (document, terms)."""
        self._statuses: str | None = None
        """The summary's count of segments by status, until a status changes."""
        self._codes_shown = False
        """Whether the footer offers the code key (the current segment has codes)."""
        self._quick_source: str | None = None
        """The source term chosen by a first alt+a, waiting for its rendering."""
        self.saves = SaveQueue(db, self.author)
        self._pause_timer: Timer | None = None
        self._position_timer: Timer | None = None
        self.pause_seconds = PAUSE_SECONDS
        self.pane = SegmentPane(self._command_keys(), id="editor-segment")
        self.panels = self.side_panels()

    def side_panels(self) -> list[EditorPanel]:
        """The panels beside the segment, top to bottom: term hits, TM matches, QA issues."""
        return [
            TermPanel(id="editor-terms"),
            TmPanel(self.db, self.author, id="editor-tm"),
            QaPanel(self.db, self.document_name, id="editor-qa"),
        ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("loading…", id="editor-summary")
        with Horizontal(id="editor-body"):
            with Vertical(id="editor-main"):
                yield SegmentGrid(id="segments")
                yield self.pane
            with VerticalScroll(id="editor-side"):
                yield from self.panels
        yield Footer()

    def on_mount(self) -> None:
        """Read the document off the UI thread (then the term base)."""
        self.title = f"Editor · {self.document_name}"
        self._loading = {"document", "terms"}
        CollectorPause.hold()  # until both are read
        self._load()

    def _loaded(self, what: str) -> None:
        """One of the first reads is done (or failed): after the last, collect as usual."""
        if what in self._loading:
            self._loading.discard(what)
            if not self._loading:
                CollectorPause.release()

    @classmethod
    def _command_keys(cls) -> dict[str, str]:
        """The screen's action of each bound key, for the target to run in typing order."""
        return {
            key.strip(): binding.action
            for binding in cls.BINDINGS
            if isinstance(binding, Binding)
            for key in binding.key.split(",")
        }

    def _tell(self, make: Callable[[], Message]) -> None:
        """Post a message of the editor's to every side panel."""
        for panel in self.panels:
            panel.post_message(make())

    # --- what tests and tools read ------------------------------------------------------------

    @property
    def grid(self) -> SegmentGrid:
        """The segment grid."""
        return self.query_one(SegmentGrid)

    @property
    def source_area(self) -> SourceArea:
        """The current segment's source."""
        return self.pane.source_area

    @property
    def target_area(self) -> TargetArea:
        """The translator's text; kept here because quitting reads it after it is unmounted."""
        return self.pane.target_area

    @property
    def entries(self) -> list[TermEntry]:
        """The term hits of the current segment, as the term panel numbers them."""
        return list(self.focused_segment.entries) if self.focused_segment is not None else []

    @property
    def tm_matches(self) -> list[TmSuggestion]:
        """The TM matches of the current segment, best first, once found."""
        if self.current is None:
            return []
        return self.query_one(TmPanel).matches_for(self.current)

    @property
    def issues(self) -> list[Issue]:
        """The current segment's QA issues, as the QA panel shows them."""
        return self.query_one(QaPanel).issues

    @property
    def current_position(self) -> int | None:
        """The document position of the current segment."""
        return None if self.current is None else self.segments[self.current].position

    def typed(self) -> str:
        """The current segment's target as typed, codes as code characters."""
        return self.pane.typed()

    # --- reading -----------------------------------------------------------------------------

    @background("Reading the document", group="load")
    async def _load(self, at_position: int | None = None) -> None:
        reading = self._reading = object()
        loop = asyncio.get_running_loop()

        def read() -> tuple[Document, list[Segment]]:  # in a thread
            last = at_position or services.last_position(self.db, self.document_name)
            shown = threading.Event()

            def head_read(document: Document, head: list[Segment]) -> None:
                loop.call_soon_threadsafe(self._show_head, reading, document, head, last, shown)
                # the rest is read once the first screenful is drawn: until then the reading
                # would take the interpreter from the UI thread, which is drawing
                shown.wait(HEAD_WAIT)

            return services.read_document(self.db, self.document_name, HEAD_SEGMENTS, head_read)

        try:
            document, segments = await in_thread(read)
        finally:
            self._loaded("document")
            if self.document is None:  # nothing shown: the term base will not be read either
                self._loaded("terms")
        if reading is self._reading:
            self._show_all(document, segments)

    def _show_head(
        self,
        reading: object,
        document: Document,
        head: list[Segment],
        last: int,
        shown: threading.Event,
    ) -> None:
        """Fill the grid with the first segments and open the one the translator was at.

        Once they are on screen, the reading goes on, and the term base is read.
        """
        self.call_after_refresh(shown.set)
        if reading is not self._reading:
            return
        if self.term_index is None:
            self.call_after_refresh(self._load_terms)
        self.document = DocumentInfo(self.document_name, document.source_lang, document.target_lang)
        self.segments = [segment for segment in head if is_translatable(segment)]
        self._statuses = None
        self.current = self.focused_segment = None  # a reload (after a join or split) starts afresh
        self._edits.clear()
        self.flags.clear()
        self.shown_rows = list(range(len(self.segments)))
        start = self._row_at_or_after(last)
        self._opening = last if start is None else None
        self._fill_grid(start or 0)
        self._tell(lambda: DocumentOpened(self._document()))
        if start is not None:
            self._go_to(start)
            self.target_area.focus()

    def _show_all(self, document: Document, segments: list[Segment]) -> None:
        """Add the segments read after the first ones; open the translator's one if not yet."""
        translatable = [segment for segment in segments if is_translatable(segment)]
        more = translatable[len(self.segments) :]
        if more:
            first = len(self.segments)
            self.segments.extend(more)
            self._statuses = None
            added = range(first, len(self.segments))
            self.shown_rows.extend(added)
            self._grid_index.update((row, row) for row in added)
            self.grid.append_rows([self._grid_row(row) for row in added])
        if self._opening is not None and self.segments:
            start = self._row_at_or_after(self._opening) or 0
            self._opening = None
            self._go_to(start)
            self.target_area.focus()
        if not self.segments:
            self._summary().update(f"{self.document_name} has nothing to translate.")
        self._show_summary()
        self._tell(lambda: DocumentLoaded(self._document(), self.segments))

    def _row_at_or_after(self, position: int) -> int | None:
        """The first row at or after a document position, if it is read."""
        positions = [segment.position for segment in self.segments]
        row = bisect.bisect_left(positions, position)
        return row if row < len(positions) else None

    def _document(self) -> DocumentInfo:
        assert self.document is not None
        return self.document

    @background("Reading the term base", group="terms")
    async def _load_terms(self) -> None:
        index = None
        try:
            index = await in_thread(services.load_term_index, self.db)
        finally:  # the panels hear either way: without an index they say terms are not there
            self._loaded("terms")
            self.term_index = index
            self._tell(lambda: TermIndexReady(index))
            self._refocus()

    # --- the grid ----------------------------------------------------------------------------

    def _fill_grid(self, at_row: int | None = None) -> None:
        """Show the shown rows in the grid, the cursor on at_row (or the current row)."""
        self._grid_index = {row: index for index, row in enumerate(self.shown_rows)}
        grid = self.grid
        document = self._document()
        grid.set_labels(
            f"source · {document.source_lang}", f"target · {document.target_lang or '?'}"
        )
        at_row = self.current if at_row is None else at_row
        cursor = self._grid_index.get(at_row if at_row is not None else -1, 0)
        grid.set_rows([self._grid_row(row) for row in self.shown_rows], cursor)

    def _grid_row(self, row: int) -> GridRow:
        segment = self.segments[row]
        severity = self.flags.get(row)
        return GridRow(
            segment.position,
            STATUS_MARK[segment.status],
            SEVERITY_MARK[severity] if severity is not None else ("", ""),
            shown_text(segment.source, segment.codes),
            shown_text(segment.target, segment.codes),
        )

    def _update_row(self, row: int, summary: bool = True) -> None:
        """Redraw a row; summary=False when its status did not change (a QA flag)."""
        index = self._grid_index.get(row)
        if index is not None:
            self.grid.update_row(index, self._grid_row(row))
        if summary:
            self._statuses = None
            self._show_summary()

    def show_rows(self, rows: list[int]) -> None:
        """Show only these rows in the grid (a filter); the current one stays current."""
        self.shown_rows = rows
        self._fill_grid()
        if rows and self.current not in self._grid_index:
            self._go_to(rows[0])

    def _next_row(self, step: int) -> int | None:
        """The shown row step rows away from the current one (skipping filtered-out rows)."""
        if self.current is None or not self.shown_rows:
            return None
        index = bisect.bisect_left(self.shown_rows, self.current)
        if (
            step > 0 and index < len(self.shown_rows) and self.shown_rows[index] == self.current
        ) or step < 0:
            index += step
        return self.shown_rows[index] if 0 <= index < len(self.shown_rows) else None

    def _summary(self) -> Static:
        return self.query_one("#editor-summary", Static)

    def _show_summary(self) -> None:
        if self.current is None:
            return
        document = self._document()
        if self._statuses is None:  # counted again only when a status may have changed
            counts = Counter(segment.status for segment in self.segments)
            self._statuses = ", ".join(f"{n} {status}" for status, n in counts.items())
        langs = f"{document.source_lang}→{document.target_lang or '?'}"
        shown = (
            f" · {len(self.shown_rows)} shown" if len(self.shown_rows) < len(self.segments) else ""
        )
        self._summary().update(
            f"{self.document_name} · {langs} · segment {self.current + 1} of "
            f"{len(self.segments)}{shown} · {self._statuses}"
        )

    @on(SegmentGrid.RowHighlighted)
    def _row_highlighted(self, event: SegmentGrid.RowHighlighted) -> None:
        # a report the grid has already moved past (fast keys) would pull the editor back
        if event.index != event.grid.cursor_row:
            return
        if 0 <= event.index < len(self.shown_rows):
            self._go_to(self.shown_rows[event.index])

    @on(SegmentGrid.RowActivated)
    def _row_activated(self, event: SegmentGrid.RowActivated) -> None:
        self.target_area.focus()

    # --- QA flags ------------------------------------------------------------------------------

    def on_qa_panel_checked(self, message: QaPanel.Checked) -> None:
        """Flag the row the QA panel checked."""
        if self._flag(message.row, message.issues):
            self._update_row(message.row, summary=False)

    def on_qa_panel_document_checked(self, message: QaPanel.DocumentChecked) -> None:
        """Flag every segment with issues in the grid."""
        self._apply_report(message.by_position)

    def _apply_report(self, by_position: dict[int, list[Issue]]) -> None:
        changed = [
            row
            for row, segment in enumerate(self.segments)
            # the live check knows the text being typed in the current one
            if row != self.current and self._flag(row, by_position.get(segment.position, []))
        ]
        if len(changed) > FLAGS_ONE_BY_ONE:
            self._fill_grid()  # one redraw instead of thousands of row updates
            return
        for row in changed:
            self._update_row(row, summary=False)

    def _flag(self, row: int, issues: list[Issue]) -> bool:
        """Keep the worst severity of a row's issues; True when its flag changed."""
        severity = worst(issues)
        if self.flags.get(row) == severity:
            return False
        if severity is None:
            del self.flags[row]
        else:
            self.flags[row] = severity
        return True

    # --- the current segment -----------------------------------------------------------------

    def _go_to(self, row: int) -> None:
        """Make row the current segment, keeping what was typed in the one left as a draft."""
        if not 0 <= row < len(self.segments) or row == self.current:
            return
        if self.current is not None:
            self._keep_draft()
        self.current = row
        segment = self.segments[row]
        index = self._grid_index.get(row)
        if index is not None and self.grid.cursor_row != index:
            self.grid.move_cursor(index)
        hits = self._hits(segment)
        self.pane.show(segment, self._edits.get(row, segment.target), hits)
        self._tell_focus(hits)
        self._show_summary()
        if bool(segment.codes) != self._codes_shown:
            self._codes_shown = bool(segment.codes)
            self.refresh_bindings()  # the code key is in the footer where there are codes
        if self._position_timer is not None:
            self._position_timer.stop()
        # stored once the translator stays a moment: scrolling through is not a position
        self._position_timer = self.set_timer(
            POSITION_DELAY, lambda: self._remember_position(segment.position)
        )

    def _hits(self, segment: Segment) -> list[Hit]:
        """The term hits of a segment's source (none while the term base is being read)."""
        if self.term_index is None:
            return []
        return self.term_index.find(segment.source, self._document().source_lang)

    def _refocus(self) -> None:
        """Find the current segment's term hits again (the term base changed), and tell."""
        if self.current is not None:
            hits = self._hits(self.segments[self.current])
            self.pane.mark_source(hits)
            self._tell_focus(hits)

    def _tell_focus(self, hits: list[Hit]) -> None:
        """Tell the panels about the current segment and its term hits."""
        assert self.current is not None
        row, segment, document = self.current, self.segments[self.current], self._document()
        entries = term_entries(hits, document.source_lang, document.target_lang)
        focus = self.focused_segment = SegmentFocus(
            row, segment, self.typed(), tuple(entries), self.segments
        )
        self._tell(lambda: SegmentFocused(focus))

    def reload_target(self) -> None:
        """Show the current segment's stored target in the target box (after a change elsewhere)."""
        if self.current is not None:
            segment = self.segments[self.current]
            hits = self._hits(segment)
            self.pane.show(segment, self._edits.get(self.current, segment.target), hits)
            self._tell_focus(hits)

    def go_to_position(self, position: int) -> None:
        """Make the segment at a document position current."""
        row = next((r for r, s in enumerate(self.segments) if s.position == position), None)
        if row is None:
            self.notify(f"Segment {position} is not shown.", severity="warning")
            return
        self._go_to(row)
        self.target_area.focus()

    @background("Remembering the position", group="position")
    async def _remember_position(self, position: int) -> None:
        """Store where the translator is now, so that even a killed session reopens here."""
        # losing the position is no reason to interrupt the translator
        with contextlib.suppress(Exception):
            await in_thread(services.set_last_position, self.db, self.document_name, position)

    @on(TargetArea.Changed, "#editor-target")
    def _target_changed(self) -> None:
        """Keep a draft once the translator pauses; the panels follow the text."""
        if self._pause_timer is not None:
            self._pause_timer.stop()
        self._pause_timer = self.set_timer(self.pause_seconds, self._keep_draft)
        if self.current is not None:
            row, typed = self.current, self.typed()
            self._tell(lambda: TargetEdited(row, typed))

    # --- saving ------------------------------------------------------------------------------

    def _draft_request(self) -> SaveRequest | None:
        """A draft save of the current segment when its text differs from the stored one."""
        if self.current is None:
            return None
        segment = self.segments[self.current]
        typed = self.typed()
        if typed == segment.target:
            self._edits.pop(self.current, None)
            return None
        if typed == self._queued.get(self.current):
            return None  # already on its way (a confirmation, say): a draft would undo it
        if self.current in self._conflicted:
            # never overwrite the other translator just by leaving: both texts are in history
            return None
        assert segment.id is not None
        self._edits[self.current] = typed
        return SaveRequest(self.current, segment.id, typed, SegmentStatus.DRAFT, segment.version)

    def _keep_draft(self) -> None:
        request = self._draft_request()
        if request is not None:
            self._enqueue(request)

    def _enqueue(self, request: SaveRequest) -> None:
        """Queue a save; saves run one after another, in the order they were asked for."""
        self._queued[request.row] = request.target
        if self.saves.put(request):
            self._drain()

    @background("Saving", group="save")
    async def _drain(self) -> None:
        while (outcome := await in_thread(self.saves.save_next)) is not None:
            self._saved(outcome)

    async def _store_queued(self) -> None:
        """Wait until every queued save is stored (their outcomes shown)."""
        for outcome in await in_thread(self.saves.drain_all):
            self._saved(outcome)

    def _saved(self, outcome: SaveOutcome) -> None:
        """Show what became of a save."""
        if isinstance(outcome, SegmentSaved):
            self._stored(outcome)
        elif isinstance(outcome, SaveRefused):
            self._refused(outcome)
        elif isinstance(outcome, SaveFailed):
            self._queued.pop(outcome.row, None)
            self.notify(f"Not saved: {outcome.reason}", severity="error", timeout=15)

    def _stored(self, outcome: SegmentSaved) -> None:
        """Show the stored state; after a confirmation of the last segment, say so."""
        row = outcome.row
        if row >= len(self.segments) or self.segments[row].id != outcome.segment.id:
            return  # the document was read again meanwhile (a join or split)
        self.segments[row] = outcome.segment
        if self._edits.get(row) == outcome.segment.target:
            del self._edits[row]
        if self._queued.get(row) == outcome.segment.target:
            del self._queued[row]
        self._update_row(row)
        self._tell_stored(row, outcome.segment)
        if outcome.advance and row == len(self.segments) - 1:
            self.notify("Confirmed the last segment.")

    def _tell_stored(self, row: int, segment: Segment) -> None:
        self._tell(lambda: SegmentStored(row, segment, self.segments))

    def _refused(self, outcome: SaveRefused) -> None:
        """Say who came first; the translator's text stays, and ctrl+s stores it over theirs."""
        self._queued.pop(outcome.row, None)
        self._conflicted.add(outcome.row)
        if outcome.current is not None:
            self.segments[outcome.row] = outcome.current
            self._update_row(outcome.row)
        if outcome.advance and outcome.row != self.current:
            self._go_to(outcome.row)  # a refused confirmation needs the translator's decision
        self.notify(
            f"{outcome.reason}. The grid shows the stored text; ctrl+s stores yours over it.",
            severity="error",
            timeout=15,
        )

    def on_unmount(self) -> None:
        """Store what is typed in the current segment and where the translator was."""
        for what in list(self._loading):
            self._loaded(what)
        request = self._draft_request()
        if request is not None:
            self.saves.append(request)
        # at quit the UI can wait: finish every queued save here, in order
        self.saves.drain_all()
        if self.current is not None:
            services.set_last_position(
                self.db, self.document_name, self.segments[self.current].position
            )

    # --- editing actions -----------------------------------------------------------------------

    def action_close(self) -> None:
        """Back to the documents list; unmounting keeps the edit as a draft and the position."""
        if len(self.app.screen_stack) <= 2:
            # opened straight from the command line: escape must not quit by accident
            self.notify("ctrl+q quits (your edit is kept as a draft).")
            return
        self.dismiss(None)

    def action_move(self, step: int) -> None:
        """Go to the next or previous segment."""
        if self.current is not None:
            following = self._next_row(step)
            if following is not None:
                self._go_to(following)

    def action_confirm(self) -> None:
        """Store the target as translated, then go on; codes unlike the source's ask first."""
        if self.current is None:
            return
        row, typed = self.current, self.typed()
        if not typed.strip():
            self.notify("The target is empty: type a translation first.", severity="warning")
            return
        problems = code_problems(self.segments[row], typed)
        if not problems:
            self._confirm(row, typed)
            return
        question = "\n".join(
            ["The target's codes differ from the source's:", *problems, "", "Confirm anyway?"]
        )

        def answered(anyway: bool | None) -> None:
            if anyway and row == self.current:
                self._confirm(row, self.typed())

        self.app.push_screen(ConfirmModal(question, "Confirm anyway", "Go back"), answered)

    def _confirm(self, row: int, typed: str) -> None:
        segment = self.segments[row]
        assert segment.id is not None
        self._edits[row] = typed
        self._conflicted.discard(row)  # confirming after a conflict is a decision
        self._enqueue(
            SaveRequest(
                row,
                segment.id,
                typed,
                SegmentStatus.TRANSLATED,
                segment.version,
                advance=True,
                suggestion=self._suggestions.pop(row, None),
            )
        )
        # move on at once: what is typed next belongs to the next segment, not this one
        following = self._next_row(1)
        if following is not None:
            self._go_to(following)

    def action_copy_source(self) -> None:
        """Replace the target with the source (ctrl+z takes it back)."""
        if self.current is not None:
            self.pane.replace_target(self.segments[self.current].source)

    def action_insert_tm(self) -> None:
        """Put the best TM match in the target; pressed again, the next one (ctrl+z undoes)."""
        matches = self.tm_matches
        if not matches:
            self.notify("No TM match for this segment.", severity="warning")
            return
        shown = [match.target for match in matches]
        typed = self.target_area.text
        number = shown.index(typed) + 2 if typed in shown else 1
        self.action_insert_tm_match(1 + (number - 1) % len(shown))

    def action_insert_tm_match(self, number: int) -> None:
        """Replace the target with TM match number (1 = best)."""
        matches = self.tm_matches
        if self.current is None or not 1 <= number <= len(matches):
            self.notify(f"No TM match {number} for this segment.", severity="warning")
            return
        match = matches[number - 1]
        self.pane.replace_target(match.target)
        origin = f"tm:{match.score} {match.origin}".strip()
        self._suggestions[self.current] = Suggestion(self.typed(), origin)

    def action_insert_term(self, number: int, typed: str = "") -> None:
        """Insert the preferred rendering of term hit number at the cursor.

        typed is the character the key also stands for (ESC 3 arrives as £). Without a term
        number nothing is typed: on Linux terminals and over SSH the key was alt+3, and a stray
        £ in a translation is an error no one asked for.
        """
        entries = self.entries
        if self.current is None or not 1 <= number <= len(entries):
            self.notify(f"No term {number} in this segment.", severity="warning")
            return
        rendering = entries[number - 1].insertable
        if rendering is None:
            self.notify(f"Term {number} has no rendering to insert.", severity="warning")
            return
        self.pane.type(rendering)

    def action_insert_missing_code(self) -> None:
        """Insert, at the cursor, the first code of the source that the target does not have."""
        if self.current is None:
            return
        missing = missing_codes(self.segments[self.current].source, self.typed())
        if not missing:
            self.notify("The target has every code of the source.", severity="warning")
            return
        self.pane.type(code_char(missing[0]))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer the code key (in the footer) only where the segment has codes."""
        if action == "insert_missing_code":
            return self._codes_shown
        return True

    def action_insert_code(self, index: int) -> None:
        """Insert code number index (from 0) of the segment at the cursor."""
        if self.current is not None and 0 <= index < len(self.segments[self.current].codes):
            self.pane.type(code_char(index))

    def palette_commands(self) -> Iterator[tuple[str, str, str]]:
        """Commands without a key of their own: TM match 1-3 and each code of the segment."""
        for number in (1, 2, 3):
            yield (
                f"Insert TM match {number}",
                "replace the target with it",
                f"insert_tm_match({number})",
            )
        if self.current is not None:
            codes = self.segments[self.current].codes
            for index, label in enumerate(code_labels(codes)):
                yield f"Insert code {label}", "at the cursor", f"insert_code({index})"

    # --- join, split, undo -------------------------------------------------------------------

    def action_join(self) -> None:
        """Join the current segment with the next one (sentences of one paragraph)."""
        if self.current is None or self.current + 1 >= len(self.segments):
            self.notify("There is no next segment to join.", severity="warning")
            return
        self._keep_draft()
        self._restructure(self.segments[self.current].position, None)

    def action_split(self) -> None:
        """Split the current segment where the cursor is in the source (and in the target)."""
        if self.current is None:
            return
        split_at = self.pane.split_offsets()
        self._keep_draft()
        self._restructure(self.segments[self.current].position, split_at)

    @background("Joining or splitting", group="restructure")
    async def _restructure(self, position: int, split_at: tuple[int, int | None] | None) -> None:
        await self._store_queued()  # the draft of the segment goes in first
        try:
            if split_at is None:
                await in_thread(services.join_segments, self.db, self.document_name, position)
            else:
                await in_thread(
                    services.split_segment, self.db, self.document_name, position, *split_at
                )
        except services.UsageError as refusal:  # another paragraph, an XLIFF unit: said
            self.notify(str(refusal), severity="warning", timeout=8)
            return
        self._load(position)

    def action_undo_segment(self) -> None:
        """Put back the text and status the segment had before its last save."""
        if self.current is not None:
            segment_id = self.segments[self.current].id
            assert segment_id is not None
            self._undo(segment_id)

    @background("Undoing", group="undo")
    async def _undo(self, segment_id: int) -> None:
        await self._store_queued()
        try:
            segment = await in_thread(services.undo_segment, self.db, segment_id, self.author)
        except services.UsageError as refusal:  # nothing to undo: said
            self.notify(str(refusal), severity="warning")
            return
        self._segments_changed([segment], "Undone: the previous save is back.")

    def _segments_changed(self, segments: list[Segment], note: str) -> None:
        """Show segments changed by replace or undo, the current one in the target too."""
        rows = {segment.id: row for row, segment in enumerate(self.segments)}
        for segment in segments:
            row = rows.get(segment.id)
            if row is None:
                continue
            self.segments[row] = segment
            self._edits.pop(row, None)
            self._update_row(row)
            self._tell_stored(row, segment)
            if row == self.current:
                self.reload_target()
        self.notify(note)

    # --- tools ---------------------------------------------------------------------------------

    def action_qa(self) -> None:
        """Check the whole document; choosing an issue goes to its segment."""
        self._after_saves(self._open_qa)

    def _open_qa(self) -> None:
        screen = QaScreen(self.db, self.document_name, terms=self.term_index)

        def closed(position: int | None) -> None:
            if screen.report is not None:
                by_position: dict[int, list[Issue]] = {}
                for issue in screen.report.issues:
                    by_position.setdefault(issue.position, []).append(issue)
                self._apply_report(by_position)
                self.query_one(QaPanel).prepare()  # ignores may have changed
            if position is not None:
                self.go_to_position(position)

        self.app.push_screen(screen, closed)

    def action_termbase(self) -> None:
        """Browse and edit the term base; the term panel follows its changes."""
        document = self._document()
        langs = tuple(lang for lang in (document.source_lang, document.target_lang) if lang)
        query = self.source_area.selected_text.strip()
        self.app.push_screen(TermbaseScreen(self.db, query, langs), self._termbase_closed)

    def _termbase_closed(self, changes: list[TermbaseChange] | None) -> None:
        if self.term_index is None or not changes:
            return
        for change in changes:
            self.term_index.remove(change.concept_id)
            if change.concept is not None:
                self.term_index.put(change.concept)
        self._refocus()

    def action_quick_add(self) -> None:
        """Select a term in the source, alt+a, its rendering in the target, alt+a: one concept."""
        if self.current is None or self._document().target_lang is None:
            self.notify("The document has no target language to add a term in.", severity="warning")
            return
        source = self._quick_source or self.source_area.selected_text.strip()
        target = self.target_area.selected_text.strip()
        if not source:
            self.source_area.focus()
            self.notify("Select the term in the source (shift+arrows), then press alt+a.")
            return
        if not target:
            self._quick_source = source
            self.target_area.focus()
            self.notify(f"“{source}”: now select its rendering in the target and press alt+a.")
            return
        self._quick_source = None
        self._add_term(source, target)

    @background("Adding the term", group="quick-add")
    async def _add_term(self, source: str, target: str) -> None:
        document = self._document()
        assert document.target_lang is not None
        concept = await in_thread(
            services.quick_add_term,
            self.db,
            document.source_lang,
            source,
            document.target_lang,
            target,
            author=self.author,
        )
        if self.term_index is not None:
            self.term_index.put(concept)  # recognised at once
        self._refocus()
        self.notify(f"Added to the term base: {source} → {target}")

    def action_filter(self) -> None:
        """Show only the segments a filter lets through (untranslated, with issues, a text)."""
        self.app.push_screen(FilterModal(self.segment_filter), self._filter_chosen)

    def _filter_chosen(self, chosen: SegmentFilter | None) -> None:
        if chosen is not None:
            self._keep_draft()
            self._filter(chosen)

    @background("Filtering the segments", group="filter")
    async def _filter(self, chosen: SegmentFilter) -> None:
        filtering = self._filtering = object()
        flagged = {self.segments[row].position for row in self.flags}
        try:  # in a thread and time-limited: a regular expression may backtrack for minutes
            rows = await in_thread(chosen.passing, list(self.segments), flagged, FILTER_TIME_LIMIT)
        except SearchTooSlow as stopped:
            self.notify(f"Not filtered: {stopped}", severity="warning", timeout=10)
            return
        if filtering is not self._filtering:
            return  # another filter was chosen meanwhile
        if not rows:
            self.notify(f"No segment is {chosen.describe()}.", severity="warning")
            return
        self.segment_filter = chosen
        self.show_rows(rows)
        self.sub_title = chosen.describe() if chosen.active else ""

    def action_overview(self) -> None:
        """Progress by status and words, QA issues by check."""
        self._after_saves(lambda: self.app.push_screen(OverviewScreen(self.db, self.document_name)))

    def action_export(self) -> None:
        """Export the document (after every pending save is stored)."""
        self._after_saves(self._open_export)

    def _open_export(self) -> None:
        def closed(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Exported to {path}")

        self.app.push_screen(ExportDialog(self.db, self.document_name), closed)

    def action_find_replace(self) -> None:
        """Find and replace in the targets, with a preview."""
        self._after_saves(self._open_find_replace)

    def _open_find_replace(self) -> None:
        find = self.target_area.selected_text
        modal = FindReplaceModal(self.segments, code_labels, find)
        self.app.push_screen(modal, self._replace_confirmed)

    def _replace_confirmed(self, replacements: list[Replacement] | None) -> None:
        if replacements:
            self._replace(replacements)

    @background("Replacing", group="replace")
    async def _replace(self, replacements: list[Replacement]) -> None:
        result = await in_thread(
            services.replace_in_targets, self.db, self.document_name, replacements, self.author
        )
        note = f"Replaced in {len(result.replaced)} segments."
        if result.conflicts:
            note += f" {len(result.conflicts)} changed meanwhile and were left alone."
        self._segments_changed(result.replaced, note)

    def _after_saves(self, then: Callable[[], object]) -> None:
        """Keep the current edit, wait until every save is stored, then go on."""
        self._keep_draft()
        self._then_after_saves(then)

    @background("Saving", group="wait-saves")
    async def _then_after_saves(self, then: Callable[[], object]) -> None:
        await self._store_queued()
        then()
