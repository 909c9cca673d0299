"""The core of the editor: the grid, the current segment, its terms and TM matches, saving."""

from __future__ import annotations

import bisect
import contextlib
from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static, TextArea

from workbench import services, settings
from workbench.domain.document import (
    Segment,
    SegmentStatus,
    code_index,
    is_translatable,
)
from workbench.domain.matching import Hit, TermIndex, primary_language
from workbench.domain.memory import TmIndex, TmUnit, context_key
from workbench.domain.model import TermStatus
from workbench.services import Database, Suggestion
from workbench.tui.codes import shown_offsets, shown_text, stored_offset, stored_text
from workbench.tui.marks import STATUS_MARK
from workbench.tui.save_queue import SaveFailed, SaveQueue, SaveRefused, SaveRequest, SegmentSaved
from workbench.tui.session_memory import SessionMemory
from workbench.tui.widgets.segment_grid import GridRow, SegmentGrid
from workbench.tui.widgets.source_area import Mark, SourceArea
from workbench.tui.widgets.target_area import TargetArea
from workbench.tui.widgets.term_panel import TargetTerm, TermEntry, TermPanel
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

PAUSE_SECONDS = 3.0
"""Idle time after typing before the edit is kept as a draft."""

POSITION_DELAY = 0.5
"""Time on a segment before it is stored as the place to reopen at."""


def cursor_index(area: TextArea) -> int:
    """The cursor's offset in the area's text."""
    row, column = area.cursor_location
    return sum(len(line) + 1 for line in area.text.split("\n")[:row]) + column


class SegmentEditor(Screen[None]):
    """The segments of one document in a grid, the current one in full below, terms beside."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "confirm", "Confirm", tooltip="Confirm the segment and go to the next"),
        Binding("ctrl+down,alt+down", "move(1)", "Next", key_display="^↓", tooltip="Next segment"),
        Binding("ctrl+up,alt+up", "move(-1)", "Prev", key_display="^↑", tooltip="Previous segment"),
        Binding("ctrl+g", "copy_source", "Copy src", tooltip="Copy the source to the target"),
        Binding(
            "alt+t",
            "insert_tm",
            "TM",
            tooltip="Insert the TM match (again: the next one)",
            priority=True,
        ),
        Binding(
            "alt+1",
            "insert_term(1)",
            "Term",
            key_display="alt+1…9",
            tooltip="Insert term 1",
            priority=True,
        ),
        *(
            Binding(
                f"alt+{n}",
                f"insert_term({n})",
                f"Term {n}",
                show=False,
                tooltip=f"Insert term {n}",
                priority=True,
            )
            for n in range(2, 10)
        ),
        *(
            Binding(key, f"insert_term({n}, {char!r})", show=False, priority=True)
            for n, (key, char) in enumerate(ALT_DIGIT_KEYS, 1)
        ),
        Binding(
            "escape",
            "close",
            "Close",
            show=False,
            tooltip="Back to the documents list (the edit is kept as draft)",
        ),
        Binding(
            "alt+j",
            "join",
            "Join",
            show=False,
            tooltip="Join the segment with the next one",
            priority=True,
        ),
        Binding(
            "alt+s",
            "split",
            "Split",
            show=False,
            tooltip="Split the segment at the source cursor",
            priority=True,
        ),
    ]
    """Editing keys; leaving an edited segment without confirming keeps it as a draft."""

    PALETTE: ClassVar[list[tuple[str, str, str]]] = [
        (f"Insert TM match {n}", "replace the target with it", f"insert_tm_match({n})")
        for n in (1, 2, 3)
    ]
    """Commands without a key of their own, offered in the command palette (ctrl+p)."""

    class Loaded(Message):
        """The document's translatable segments were read."""

        def __init__(
            self, source_lang: str, target_lang: str | None, segments: list[Segment], start: int
        ) -> None:
            super().__init__()
            self.source_lang = source_lang
            self.target_lang = target_lang
            self.segments = segments
            self.start = start

    class LoadFailed(Message):
        """The document could not be read."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class TermsLoaded(Message):
        """The term base was compiled into a recognition index."""

        def __init__(self, index: TermIndex) -> None:
            super().__init__()
            self.index = index

    class TmLoaded(Message):
        """The translation memory of the document's language pair was indexed."""

        def __init__(self, index: TmIndex) -> None:
            super().__init__()
            self.index = index

    class TmLoadFailed(Message):
        """The translation memory could not be read."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    class TmFound(Message):
        """The TM matches of the segment in row, whose source was source."""

        def __init__(self, row: int, source: str, matches: list[TmSuggestion]) -> None:
            super().__init__()
            self.row = row
            self.source = source
            self.matches = matches

    def __init__(self, db: Database, name: str) -> None:
        super().__init__()
        self.db = db
        self.document_name = name
        self.author = settings.author()
        self.segments: list[Segment] = []
        """The translatable segments, in document order; the grid's rows."""
        self.current: int | None = None
        """The row being edited."""
        self.source_lang = ""
        self.target_lang: str | None = None
        self.term_index: TermIndex | None = None
        self.entries: list[TermEntry] = []
        """The term hits of the current segment, as the side panel numbers them."""
        self.memory = SessionMemory()
        self.tm_matches: list[TmSuggestion] = []
        """The TM matches of the current segment, best first, as the side panel shows them."""
        self.source_area = SourceArea(id="editor-source")
        self.target_area = TargetArea((char for _, char in ALT_DIGIT_KEYS), id="editor-target")
        """The translator's text; kept here because quitting reads it after it is unmounted."""
        self._edits: dict[int, str] = {}
        """Texts typed but not (yet) stored, by row, so that coming back shows them."""
        self._queued: dict[int, str] = {}
        """The text of the last save asked for, by row, until its outcome is known."""
        self._suggestions: dict[int, Suggestion] = {}
        """The TM match last inserted, by row, measured against the target when confirmed."""
        self._conflicted: set[int] = set()
        """Rows whose save another translator beat: only an explicit confirm may overwrite."""
        self.shown_rows: list[int] = []
        """The rows the grid shows (all, or those a filter lets through), in order."""
        self._grid_index: dict[int, int] = {}
        """Where each shown row is in the grid."""
        self.saves = SaveQueue(db, self.author, self.post_message)
        self._pause_timer: Timer | None = None
        self._position_timer: Timer | None = None
        self.pause_seconds = PAUSE_SECONDS

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("loading…", id="editor-summary")
        with Horizontal(id="editor-body"):
            with Vertical(id="editor-main"):
                yield SegmentGrid(id="segments")
                yield self.source_area
                yield self.target_area
            with VerticalScroll(id="editor-side"):
                yield from self.side_panels()
        yield Footer()

    def side_panels(self) -> ComposeResult:
        """The panels beside the segment: term hits, then TM matches."""
        yield TermPanel(id="editor-terms")
        yield TmPanel(id="editor-tm")

    def on_mount(self) -> None:
        """Read the document and the term base off the UI thread."""
        self.title = f"Editor · {self.document_name}"
        self.query_one(TermPanel).show_loading()
        self.query_one(TmPanel).show_loading()
        self.target_area.border_title = "target"
        self._load()
        self._load_terms()

    # --- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def _load(self, at_position: int | None = None) -> None:
        try:
            document, segments = services.document_segments(self.db, self.document_name)
            last = at_position or services.last_position(self.db, self.document_name)
        except Exception as error:  # the worker must report, not die silently
            self.post_message(self.LoadFailed(str(error)))
            return
        shown = [segment for segment in segments if is_translatable(segment)]
        start = next((row for row, s in enumerate(shown) if s.position >= last), 0)
        self.post_message(self.Loaded(document.source_lang, document.target_lang, shown, start))

    @work(thread=True, exclusive=True, group="terms")
    def _load_terms(self) -> None:
        try:
            index = services.load_term_index(self.db)
        except Exception as error:  # the editor works without terms
            self.post_message(self.LoadFailed(f"terms not loaded: {error}"))
            return
        self.post_message(self.TermsLoaded(index))

    def on_segment_editor_loaded(self, message: Loaded) -> None:
        """Fill the grid and open the segment the translator was last at."""
        self.source_lang, self.target_lang = message.source_lang, message.target_lang
        self.segments = message.segments
        if not self.segments:
            self.query_one("#editor-summary", Static).update(
                f"{self.document_name} has nothing to translate."
            )
            return
        self.current = None  # a reload (after a join or split) starts afresh
        self._edits.clear()
        self.shown_rows = list(range(len(self.segments)))
        self._fill_grid(message.start)
        self._go_to(message.start)
        self.target_area.focus()
        if self.target_lang is None:
            self.query_one(TmPanel).show_unavailable("the document has no target language")
        else:
            self._load_tm(self.source_lang, self.target_lang)

    def on_segment_editor_load_failed(self, message: LoadFailed) -> None:
        """Say what could not be read."""
        self.notify(message.reason, severity="error", timeout=10)
        if self.term_index is None:
            self.query_one(TermPanel).update(Text("terms not available", style="dim"))

    def on_segment_editor_terms_loaded(self, message: TermsLoaded) -> None:
        """Show the term hits of the current segment."""
        self.term_index = message.index
        self._show_terms()
        self.terms_ready()

    @work(thread=True, exclusive=True, group="tm")
    def _load_tm(self, source_lang: str, target_lang: str) -> None:
        try:
            index = services.load_tm_index(self.db, source_lang, target_lang)
        except Exception as error:  # the editor works without a TM
            self.post_message(self.TmLoadFailed(str(error)))
            return
        self.post_message(self.TmLoaded(index))

    def on_segment_editor_tm_loaded(self, message: TmLoaded) -> None:
        """Keep the index (with what was confirmed meanwhile) and look up the current segment."""
        self.memory.attach(message.index)
        self._look_up_tm()

    def on_segment_editor_tm_load_failed(self, message: TmLoadFailed) -> None:
        """Say that there are no TM matches, and why."""
        self.query_one(TmPanel).show_unavailable(f"not available ({message.reason})")

    def on_segment_editor_tm_found(self, message: TmFound) -> None:
        """Show the matches, if they are still those of the current segment."""
        if message.row != self.current or self.segments[message.row].source != message.source:
            return
        self.tm_matches = message.matches
        self.query_one(TmPanel).show_matches(message.matches)

    # --- the grid ----------------------------------------------------------------------------

    @property
    def grid(self) -> SegmentGrid:
        """The segment grid."""
        return self.query_one(SegmentGrid)

    def _fill_grid(self, at_row: int | None = None) -> None:
        """Show the shown rows in the grid, the cursor on at_row (or the current row)."""
        self._grid_index = {row: index for index, row in enumerate(self.shown_rows)}
        grid = self.grid
        grid.set_labels(f"source · {self.source_lang}", f"target · {self.target_lang or '?'}")
        at_row = self.current if at_row is None else at_row
        cursor = self._grid_index.get(at_row if at_row is not None else -1, 0)
        grid.set_rows([self._grid_row(row) for row in self.shown_rows], cursor)

    def _grid_row(self, row: int) -> GridRow:
        segment = self.segments[row]
        return GridRow(
            segment.position,
            STATUS_MARK[segment.status],
            self.flag_of(row),
            shown_text(segment.source, segment.codes),
            shown_text(segment.target, segment.codes),
        )

    def _update_row(self, row: int, summary: bool = True) -> None:
        """Redraw a row; summary=False when its status did not change (a QA flag)."""
        index = self._grid_index.get(row)
        if index is not None:
            self.grid.update_row(index, self._grid_row(row))
        if summary:
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

    def _show_summary(self) -> None:
        if self.current is None:
            return
        counts = Counter(segment.status for segment in self.segments)
        done = ", ".join(f"{n} {status}" for status, n in counts.items())
        langs = f"{self.source_lang}→{self.target_lang or '?'}"
        shown = (
            f" · {len(self.shown_rows)} shown" if len(self.shown_rows) < len(self.segments) else ""
        )
        self.query_one("#editor-summary", Static).update(
            f"{self.document_name} · {langs} · segment {self.current + 1} of "
            f"{len(self.segments)}{shown} · {done}"
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
        self.reload_target()
        self._show_terms()
        self._show_summary()
        self._look_up_tm()
        if self._position_timer is not None:
            self._position_timer.stop()
        # stored once the translator stays a moment: scrolling through is not a position
        self._position_timer = self.set_timer(
            POSITION_DELAY, lambda: self._remember_position(segment.position)
        )
        self.segment_shown(row)

    def flag_of(self, row: int) -> tuple[str, str]:
        """The grid's QA mark of a row and its style (none here; a subclass adds QA)."""
        return ("", "")

    def reload_target(self) -> None:
        """Show the current segment's stored target in the target box (after a change elsewhere)."""
        if self.current is None:
            return
        segment = self.segments[self.current]
        target = self.target_area
        target.load_text(shown_text(self._edits.get(self.current, segment.target), segment.codes))
        target.move_cursor(target.document.end)

    def segment_shown(self, row: int) -> None:
        """Called when row became the current segment (for the panels a subclass adds)."""

    def target_edited(self) -> None:
        """Called on every change of the target text (for the panels a subclass adds)."""

    def segment_stored(self, row: int) -> None:
        """Called when a save of row was stored (for the panels a subclass adds)."""

    def terms_ready(self) -> None:
        """Called when the term index is there (for the panels a subclass adds)."""

    @work(thread=True, group="position")
    def _remember_position(self, position: int) -> None:
        """Store where the translator is now, so that even a killed session reopens here."""
        # losing the position is no reason to interrupt the translator
        with contextlib.suppress(Exception):
            services.set_last_position(self.db, self.document_name, position)

    def _typed(self) -> str:
        assert self.current is not None
        return stored_text(self.target_area.text, self.segments[self.current].codes)

    @on(TargetArea.Changed, "#editor-target")
    def _target_changed(self) -> None:
        """Keep a draft once the translator pauses, not only when they leave the segment."""
        if self._pause_timer is not None:
            self._pause_timer.stop()
        self._pause_timer = self.set_timer(self.pause_seconds, self._keep_draft)
        self.target_edited()

    def _draft_request(self) -> SaveRequest | None:
        """A draft save of the current segment when its text differs from the stored one."""
        if self.current is None:
            return None
        segment = self.segments[self.current]
        typed = self._typed()
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

    def _show_terms(self) -> None:
        if self.current is None:
            return
        segment = self.segments[self.current]
        hits = (
            self.term_index.find(segment.source, self.source_lang)
            if self.term_index is not None
            else []
        )
        self.entries = self._entries(hits)
        self.source_area.show(*self._source_marks(segment, hits))
        panel = self.query_one(TermPanel)
        if self.term_index is None:
            panel.show_loading()
        else:
            panel.show_entries(self.entries, show_lang=self.target_lang is None)

    def _context_key(self, row: int) -> str:
        """The context key of a row: the sources around it (a unit stored with it scores 101)."""
        previous = self.segments[row - 1].source if row > 0 else None
        following = self.segments[row + 1].source if row + 1 < len(self.segments) else None
        return context_key(previous, following)

    def _look_up_tm(self) -> None:
        """Ask for the current segment's TM matches, once the index is there."""
        self.tm_matches = []
        if self.current is None or not self.memory.ready or self.target_lang is None:
            return
        segment = self.segments[self.current]
        self._find_tm(self.current, segment, self.target_lang, self._context_key(self.current))

    @work(thread=True, exclusive=True, group="tm-lookup")
    def _find_tm(self, row: int, segment: Segment, target_lang: str, context: str) -> None:
        try:
            found = self.memory.lookup(segment.source, self.source_lang, target_lang, context)
        except Exception as error:  # the worker must report, not die silently
            self.post_message(self.TmLoadFailed(f"lookup failed: {error}"))
            return
        matches = [
            TmSuggestion(
                match.score,
                shown_text(match.unit.target, list(match.unit.codes)),
                tuple((op, shown_text(text, list(match.unit.codes))) for op, text in match.diff),
                match.unit.origin,
            )
            for match in found
        ]
        self.post_message(self.TmFound(row, segment.source, matches))

    def _remember_confirmed(self, row: int, segment: Segment) -> None:
        """Add a confirmed segment to the in-memory TM, so that repetitions find it now."""
        if self.target_lang is None or segment.id is None or not segment.target.strip():
            return
        unit = TmUnit(
            id=0,
            source_lang=self.source_lang,
            target_lang=self.target_lang,
            source=segment.source,
            target=segment.target,
            codes=tuple(segment.codes),
            origin=self.document_name,
            context=self._context_key(row),
            author=self.author,
        )
        self.memory.remember(segment.id, unit)

    @staticmethod
    def _source_marks(segment: Segment, hits: list[Hit]) -> tuple[str, list[Mark]]:
        """The source as shown (codes as labels) with its term hits and codes marked."""
        offsets = shown_offsets(segment.source, segment.codes)
        marks: list[Mark] = [(offsets[hit.start], offsets[hit.end], "term") for hit in hits]
        marks += [
            (offsets[at], offsets[at + 1], "code")
            for at, char in enumerate(segment.source)
            if code_index(char) is not None
        ]
        return shown_text(segment.source, segment.codes), marks

    def _entries(self, hits: list[Hit]) -> list[TermEntry]:
        """One entry per concept, in order of first appearance, renderings preferred first."""
        entries: dict[int, TermEntry] = {}
        for hit in hits:
            if hit.concept in entries:
                continue
            targets = [
                TargetTerm(term.text, lang, term.status.value)
                for lang, terms in hit.targets.items()
                if self._wanted(lang)
                for term in terms
            ]
            targets.sort(key=lambda t: (t.lang != self.target_lang, TermStatus(t.status).rank))
            entries[hit.concept] = TermEntry(hit.term, hit.text, tuple(targets))
        return list(entries.values())

    def _wanted(self, lang: str) -> bool:
        if self.target_lang is None:
            return primary_language(lang) != primary_language(self.source_lang)
        return primary_language(lang) == primary_language(self.target_lang)

    # --- actions -----------------------------------------------------------------------------

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
        """Store the target as translated, then go on to the next segment."""
        if self.current is None:
            return
        segment = self.segments[self.current]
        typed = self._typed()
        if not typed.strip():
            self.notify("The target is empty: type a translation first.", severity="warning")
            return
        assert segment.id is not None
        self._edits[self.current] = typed
        self._conflicted.discard(self.current)  # confirming after a conflict is a decision
        self._enqueue(
            SaveRequest(
                self.current,
                segment.id,
                typed,
                SegmentStatus.TRANSLATED,
                segment.version,
                advance=True,
                suggestion=self._suggestions.pop(self.current, None),
            )
        )
        # move on at once: what is typed next belongs to the next segment, not this one
        following = self._next_row(1)
        if following is not None:
            self._go_to(following)

    def action_copy_source(self) -> None:
        """Replace the target with the source (ctrl+z takes it back)."""
        if self.current is None:
            return
        segment = self.segments[self.current]
        target = self.target_area
        target.replace(shown_text(segment.source, segment.codes), (0, 0), target.document.end)
        target.focus()

    def action_insert_tm(self) -> None:
        """Put the best TM match in the target; pressed again, the next one (ctrl+z undoes)."""
        if self.current is None or not self.tm_matches:
            self.notify("No TM match for this segment.", severity="warning")
            return
        shown = [match.target for match in self.tm_matches]
        typed = self.target_area.text
        number = shown.index(typed) + 2 if typed in shown else 1
        self.action_insert_tm_match(1 + (number - 1) % len(shown))

    def action_insert_tm_match(self, number: int) -> None:
        """Replace the target with TM match number (1 = best)."""
        if self.current is None or not 1 <= number <= len(self.tm_matches):
            self.notify(f"No TM match {number} for this segment.", severity="warning")
            return
        match = self.tm_matches[number - 1]
        target = self.target_area
        target.replace(match.target, (0, 0), target.document.end)
        target.focus()
        codes = self.segments[self.current].codes
        origin = f"tm:{match.score} {match.origin}".strip()
        self._suggestions[self.current] = Suggestion(stored_text(match.target, codes), origin)

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
        segment = self.segments[self.current]
        source = self.source_area
        at = stored_offset(
            shown_offsets(segment.source, segment.codes),
            cursor_index(source),
        )
        target = self.target_area
        typed = self._typed()
        target_at = stored_offset(
            shown_offsets(typed, segment.codes),
            cursor_index(target),
        )
        self._keep_draft()
        self._restructure(segment.position, (at, target_at if 0 < target_at < len(typed) else None))

    @work(thread=True, exclusive=True, group="restructure")
    def _restructure(self, position: int, split_at: tuple[int, int | None] | None) -> None:
        self.saves.drain_all()  # the draft of the segment goes in first
        try:
            if split_at is None:
                services.join_segments(self.db, self.document_name, position)
            else:
                services.split_segment(self.db, self.document_name, position, *split_at)
        except Exception as error:  # a refusal (other paragraph, XLIFF unit) is said, not raised
            self.app.call_from_thread(self.notify, str(error), severity="warning", timeout=8)
            return
        self._load(position)

    def action_insert_term(self, number: int, typed: str = "") -> None:
        """Insert the preferred rendering of term hit number at the cursor.

        typed is the character the key also stands for (ESC 3 arrives as £). Without a term
        number nothing is typed: on Linux terminals and over SSH the key was alt+3, and a stray
        £ in a translation is an error no one asked for.
        """
        target = self.target_area
        if self.current is None or not 1 <= number <= len(self.entries):
            self.notify(f"No term {number} in this segment.", severity="warning")
            return
        rendering = self.entries[number - 1].insertable
        if rendering is None:
            self.notify(f"Term {number} has no rendering to insert.", severity="warning")
            return
        self._type(rendering)
        target.focus()

    def _type(self, text: str) -> None:
        """Put text where the cursor is (over the selection) and the cursor after it."""
        target = self.target_area
        edit = target.replace(text, *target.selection, maintain_selection_offset=False)
        target.move_cursor(edit.end_location)

    # --- saving ------------------------------------------------------------------------------

    def _enqueue(self, request: SaveRequest) -> None:
        """Queue a save; saves run one after another, in the order they were asked for."""
        self._queued[request.row] = request.target
        if self.saves.put(request):
            self._drain()

    @work(thread=True, group="save")
    def _drain(self) -> None:
        self.saves.drain_all()

    def on_segment_saved(self, message: SegmentSaved) -> None:
        """Show the stored state; after a confirmation, go on."""
        row = message.row
        self.segments[row] = message.segment
        if self._edits.get(row) == message.segment.target:
            del self._edits[row]
        if self._queued.get(row) == message.segment.target:
            del self._queued[row]
        self._update_row(row)
        if message.segment.status.confirmed:
            self._remember_confirmed(row, message.segment)
        self.segment_stored(row)
        if message.advance and row == len(self.segments) - 1:
            self.notify("Confirmed the last segment.")

    def on_save_refused(self, message: SaveRefused) -> None:
        """Say who came first; the translator's text stays, and ctrl+s stores it over theirs."""
        self._queued.pop(message.row, None)
        self._conflicted.add(message.row)
        if message.current is not None:
            self.segments[message.row] = message.current
            self._update_row(message.row)
        if message.advance and message.row != self.current:
            self._go_to(message.row)  # a refused confirmation needs the translator's decision
        self.notify(
            f"{message.reason}. The grid shows the stored text; ctrl+s stores yours over it.",
            severity="error",
            timeout=15,
        )

    def on_save_failed(self, message: SaveFailed) -> None:
        """Say why the text was not stored; it stays in the editor."""
        self._queued.pop(message.row, None)
        self.notify(f"Not saved: {message.reason}", severity="error", timeout=15)

    def on_unmount(self) -> None:
        """Store what is typed in the current segment and where the translator was."""
        request = self._draft_request()
        if request is not None:
            self.saves.append(request)
        # at quit the UI can wait: finish every queued save here, in order
        self.saves.drain_all()
        if self.current is not None:
            services.set_last_position(
                self.db, self.document_name, self.segments[self.current].position
            )
