"""The translator's editor: the segment grid, the segment being edited and the panels beside it.

The screen composes its parts and coordinates them: the SegmentGrid (every segment, one row
each), the SegmentPane (the current source and the target being typed), the side panels
(EditorPanel: terms, TM, QA), the saves (`tui/editor/saving.py`) and the tools that keys open
(`tui/editor/tools.py`: inserting, join and split, the term base, QA, filter, replace, export).
It owns the document's segments and which one is current; it tells the panels (and the tools
that listen) what happens with the messages of `widgets/editor_panel.py`, and they answer with
messages of their own (the QA panel's findings become the grid's flags).
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import ClassVar, TypeVar

from textual import on
from textual.actions import parse as parse_action
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from workbench import services, settings
from workbench.domain.checks import Issue, Severity
from workbench.domain.document import Document, Segment, SegmentStatus, is_translatable
from workbench.domain.find import SegmentFilter
from workbench.domain.matching import Hit, TermIndex, primary_language
from workbench.services import Database
from workbench.tui.background import CollectorPause, background, in_thread
from workbench.tui.codes import code_problems, shown_text
from workbench.tui.editor.panels import side_panels
from workbench.tui.editor.saving import Saving
from workbench.tui.editor.tool import EditorPart, EditorTool, tool_action, tool_bindings
from workbench.tui.editor.tools import TOOLS
from workbench.tui.marks import COMMENT_MARK, STATUS_MARK
from workbench.tui.modals.confirm import ConfirmModal
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
from workbench.tui.widgets.tm_panel import TmPanel, TmSuggestion

HEAD_SEGMENTS = 300
"""Segments read and shown first; the rest of a long document follows behind them."""

HEAD_WAIT = 2.0
"""Seconds the reading waits at most for the first segments to be drawn before going on."""

PAUSE_SECONDS = 3.0
"""Idle time after typing before the edit is kept as a draft."""

POSITION_DELAY = 0.5
"""Time on a segment before it is stored as the place to reopen at."""

LOADING_HOLD_LIMIT = 60.0
"""Seconds after opening after which the collector runs again, whatever is still being read."""

FLAGS_ONE_BY_ONE = 200
"""Above this many changed flags the grid is refilled at once rather than row by row."""

Tool = TypeVar("Tool", bound=EditorTool)


class EditorScreen(Screen[None]):
    """Translate a document: grid, source, target, term/TM/QA panels and the tools around them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "confirm",
            "Confirm",
            tooltip="Confirm the segment (translated; into the TM) and go to the next",
        ),
        Binding("ctrl+down,alt+down", "move(1)", "Next", key_display="^↓", tooltip="Next segment"),
        Binding("ctrl+up,alt+up", "move(-1)", "Prev", key_display="^↑", tooltip="Previous segment"),
        Binding(
            "escape",
            "close",
            "Close",
            show=False,
            tooltip="Close the document, back to the documents list (the edit is kept as draft)",
        ),
        *tool_bindings(TOOLS),
    ]
    """Confirming and moving, then the tools' keys (the footer shows them in this order).

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
        self.comments: dict[int, bool] = {}
        """Rows with comment threads: True when one of them is open (tui/editor/comments.py)."""
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
        self._loading: set[str] = set()
        """The first reads still under way (document, terms)."""
        self._statuses: str | None = None
        """The summary's count of segments by status, until a status changes."""
        self._korean_analyser: services.AnalyserProcess | None = None
        """The Korean analyser's process, while a Korean document is open."""
        self._after_analyser: list[Callable[[], None]] = []
        """What waits for that process to load (after_analyser)."""
        self._pause_timer: Timer | None = None
        self._position_timer: Timer | None = None
        self.pause_seconds = PAUSE_SECONDS
        self.pane = SegmentPane(self._command_keys(), id="editor-segment")
        self.panels = side_panels(db, self.author, name)
        """The side panels (`tui/editor/panels.py`), told what happens by `_tell`."""
        self.saving = Saving(self)
        """The saves: drafts, confirmations, conflicts."""
        self.tools = {tool.NAME: tool(self) for tool in TOOLS}
        """The tools the keys run, by name."""
        self._listeners: list[EditorPanel | EditorPart] = [
            *self.panels,
            *(tool for tool in self.tools.values() if tool.LISTENS),
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
        yield self.saving
        yield from self.tools.values()

    def on_mount(self) -> None:
        """Read the document off the UI thread (then the term base)."""
        self.title = f"Editor · {self.document_name}"
        # the collector is held off until the document and the term base are read and the
        # document's QA has run (its language profiles are read then): a full collection
        # while they are made stopped the UI thread for 90-140 ms each time
        self._loading = {"document", "terms", "qa"}
        CollectorPause.hold()
        self.set_timer(LOADING_HOLD_LIMIT, self._stop_holding)
        self._load()

    def _stop_holding(self) -> None:
        """Collect as usual even if a first read never ended (a document QA not run)."""
        for what in list(self._loading):
            self._loaded(what)

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
        """Post a message of the editor's to every side panel (and every tool that listens)."""
        for listener in self._listeners:
            listener.post_message(make())

    def tool(self, kind: type[Tool]) -> Tool:
        """The editor's tool of a kind."""
        tool = self.tools[kind.NAME]
        assert isinstance(tool, kind)
        return tool

    async def action_tool(self, name: str, action: str) -> None:
        """Run a tool's action (the tools' keys are bound to this)."""
        await self.app.run_action(action, self.tools[name])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A tool's key is offered (and runs) as the tool says."""
        if action == "tool" and len(parameters) == 2:
            name, tool_action = parameters
            tool = self.tools.get(str(name))
            if tool is None:
                return False
            _, action_name, tool_parameters = parse_action(str(tool_action))
            return tool.check_action(action_name, tool_parameters)
        return True

    def palette_commands(self) -> Iterator[tuple[str, str, str]]:
        """Commands without a key of their own, from every tool."""
        for tool in self.tools.values():
            for title, help_text, action in tool.palette_commands():
                yield title, help_text, tool_action(tool.NAME, action)

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
    def current_segment(self) -> Segment | None:
        """The segment being edited (as stored when it became current, or since)."""
        return None if self.current is None else self.segments[self.current]

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
            shown = threading.Event()

            def head_read(document: Document, head: list[Segment], left_at: int) -> None:
                last = at_position or left_at
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
                self._stop_holding()
        if reading is self._reading:
            self._show_all(document, segments)

    def reload(self, position: int) -> None:
        """Read the document again and open it at a position (after a join or split)."""
        self._load(position)

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
        self.saving.forget_rows()
        self.flags.clear()
        self.comments.clear()
        self.shown_rows = list(range(len(self.segments)))
        start = self._row_at_or_after(last)
        self._opening = last if start is None else None
        self._fill_grid(start or 0)
        self._tell(lambda: DocumentOpened(self.document_info()))
        if start is not None:
            self.go_to(start)
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
            self.go_to(start)
            self.target_area.focus()
        if not self.segments:
            self._summary().update(f"{self.document_name} has nothing to translate.")
        self._show_summary()
        self._tell(lambda: DocumentLoaded(self.document_info(), self.segments))

    def _row_at_or_after(self, position: int) -> int | None:
        """The first row at or after a document position, if it is read."""
        positions = [segment.position for segment in self.segments]
        row = bisect.bisect_left(positions, position)
        return row if row < len(positions) else None

    def document_info(self) -> DocumentInfo:
        """The document open (once its first segments are read)."""
        assert self.document is not None
        return self.document

    @background("Reading the term base", group="terms")
    async def _load_terms(self) -> None:
        document = self.document_info()
        languages = {
            primary_language(lang or "") for lang in (document.source_lang, document.target_lang)
        }
        if "ko" in languages and self._korean_analyser is None:
            # its questions go to a process of its own: loading the analyser here would hold
            # the screen for seconds, whichever thread asked first
            self._korean_analyser = services.start_korean_analyser()
        index = None
        try:
            index = await in_thread(services.load_term_index, self.db)
            document = self.document_info()
            for lang in dict.fromkeys(filter(None, (document.source_lang, document.target_lang))):
                # compiled (or read from beside the kept index) here, not at the first search:
                # the panels search on the UI thread; neither holds the interpreter for long
                await in_thread(index.prepare, lang)
        finally:  # the panels hear either way: without an index they say terms are not there
            self._loaded("terms")
            self.term_index = index
            self._tell(lambda: TermIndexReady(index))
            self.refocus()

    # --- the grid ----------------------------------------------------------------------------

    def _fill_grid(self, at_row: int | None = None) -> None:
        """Show the shown rows in the grid, the cursor on at_row (or the current row)."""
        self._grid_index = {row: index for index, row in enumerate(self.shown_rows)}
        grid = self.grid
        document = self.document_info()
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
            COMMENT_MARK[self.comments[row]] if row in self.comments else ("", ""),
        )

    def update_row(self, row: int, summary: bool = True) -> None:
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
            self.go_to(rows[0])

    def next_row(self, step: int) -> int | None:
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
        document = self.document_info()
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
            self.go_to(self.shown_rows[event.index])

    @on(SegmentGrid.RowActivated)
    def _row_activated(self, event: SegmentGrid.RowActivated) -> None:
        self.target_area.focus()

    # --- QA flags ------------------------------------------------------------------------------

    def on_qa_panel_checked(self, message: QaPanel.Checked) -> None:
        """Flag the row the QA panel checked."""
        if self._flag(message.row, message.issues):
            self.update_row(message.row, summary=False)

    def on_qa_panel_document_checked(self, message: QaPanel.DocumentChecked) -> None:
        """Flag every segment with issues in the grid."""
        self.apply_report(message.by_position)
        self._loaded("qa")

    def apply_report(self, by_position: dict[int, list[Issue]]) -> None:
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
            self.update_row(row, summary=False)

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

    def go_to(self, row: int) -> None:
        """Make row the current segment, keeping what was typed in the one left as a draft."""
        if not 0 <= row < len(self.segments) or row == self.current:
            return
        if self.current is not None:
            self.saving.keep_draft()
        self.current = row
        segment = self.segments[row]
        index = self._grid_index.get(row)
        if index is not None and self.grid.cursor_row != index:
            self.grid.move_cursor(index)
        hits = self._hits(segment)
        self.pane.show(segment, self.saving.target_of(row, segment), hits)
        self._tell_focus(hits)
        self._show_summary()
        if self._position_timer is not None:
            self._position_timer.stop()
        # stored once the translator stays a moment: scrolling through is not a position
        self._position_timer = self.set_timer(
            POSITION_DELAY, lambda: self._remember_position(segment.position)
        )

    def _hits(self, segment: Segment) -> list[Hit]:
        """The term hits of a segment's source (none while the term base is being read, or
        while the Korean analyser it needs is loading: they are shown once it is ready)."""
        if self.term_index is None:
            return []
        try:
            with services.analyser_without_waiting():
                return self.term_index.find(segment.source, self.document_info().source_lang)
        except services.AnalyserBusy:
            self.after_analyser(self.refocus)
            return []

    def after_analyser(self, then: Callable[[], None]) -> None:
        """Call then once the Korean analyser's process answers: a question from the screen
        thread found it loading, and the screen thread does not wait."""
        self._after_analyser.append(then)
        if len(self._after_analyser) == 1:
            self._wait_for_analyser()

    @background("Loading the Korean analyser", group="analyser")
    async def _wait_for_analyser(self) -> None:
        try:
            if self._korean_analyser is not None:
                await in_thread(self._korean_analyser.wait_ready)
        finally:
            waiting, self._after_analyser = self._after_analyser, []
        for then in dict.fromkeys(waiting):
            then()

    def refocus(self) -> None:
        """Find the current segment's term hits again (the term base changed), and tell."""
        if self.current is not None:
            hits = self._hits(self.segments[self.current])
            self.pane.mark_source(hits)
            self._tell_focus(hits)

    def _tell_focus(self, hits: list[Hit]) -> None:
        """Tell the panels about the current segment and its term hits."""
        assert self.current is not None
        row, segment, document = self.current, self.segments[self.current], self.document_info()
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
            self.pane.show(segment, self.saving.target_of(self.current, segment), hits)
            self._tell_focus(hits)

    def go_to_position(self, position: int) -> None:
        """Make the segment at a document position current."""
        row = next((r for r, s in enumerate(self.segments) if s.position == position), None)
        if row is None:
            self.notify(f"Segment {position} is not shown.", severity="warning")
            return
        self.go_to(row)
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
        self._pause_timer = self.set_timer(self.pause_seconds, self.saving.keep_draft)
        if self.current is not None:
            row, typed = self.current, self.typed()
            self._tell(lambda: TargetEdited(row, typed))

    def tell_stored(self, row: int, segment: Segment) -> None:
        """Tell the panels that a row's segment was stored anew."""
        self._tell(lambda: SegmentStored(row, segment, self.segments))

    def on_unmount(self) -> None:
        """Store what is typed in the current segment and where the translator was."""
        self._stop_holding()
        if self._korean_analyser is not None:
            services.stop_korean_analyser(self._korean_analyser)
            self._korean_analyser = None
        self.saving.finish()
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
            following = self.next_row(step)
            if following is not None:
                self.go_to(following)

    def action_confirm(self, status: str = SegmentStatus.TRANSLATED.value) -> None:
        """Store the target as translated (or reviewed, approved), then go on; codes unlike the
        source's ask first."""
        if self.current is None:
            return
        stored_as = SegmentStatus(status)
        row, typed = self.current, self.typed()
        if not typed.strip():
            self.notify("The target is empty: type a translation first.", severity="warning")
            return
        problems = code_problems(self.segments[row], typed)
        if not problems:
            self._confirm(row, typed, stored_as)
            return
        question = "\n".join(
            ["The target's codes differ from the source's:", *problems, "", "Confirm anyway?"]
        )

        def answered(anyway: bool | None) -> None:
            if anyway and row == self.current:
                self._confirm(row, self.typed(), stored_as)

        self.app.push_screen(ConfirmModal(question, "Confirm anyway", "Go back"), answered)

    def _confirm(self, row: int, typed: str, status: SegmentStatus) -> None:
        self.saving.confirm(row, typed, status)
        # move on at once: what is typed next belongs to the next segment, not this one
        following = self.next_row(1)
        if following is not None:
            self.go_to(following)

    def segments_changed(self, segments: list[Segment], note: str) -> None:
        """Show segments changed by replace or undo, the current one in the target too."""
        rows = {segment.id: row for row, segment in enumerate(self.segments)}
        for segment in segments:
            row = rows.get(segment.id)
            if row is None:
                continue
            self.segments[row] = segment
            self.saving.forget_edits(row)
            self.update_row(row)
            self.tell_stored(row, segment)
            if row == self.current:
                self.reload_target()
        self.notify(note)
