"""The translator's editor: the segment editor plus QA as you type and the tools around it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer

from workbench import services
from workbench.domain.checks import CheckContext, Issue, Severity
from workbench.domain.document import Segment
from workbench.domain.find import Replacement, SegmentFilter
from workbench.domain.model import Concept
from workbench.services import Database
from workbench.tui.codes import code_labels
from workbench.tui.modals.filter import FilterModal
from workbench.tui.modals.find_replace import FindReplaceModal
from workbench.tui.screens.import_export import ExportDialog
from workbench.tui.screens.overview import OverviewScreen
from workbench.tui.screens.qa import QaScreen
from workbench.tui.screens.segment_editor import SegmentEditor
from workbench.tui.screens.termbase import TermbaseChange, TermbaseScreen
from workbench.tui.widgets.qa_panel import SEVERITY_MARK, SEVERITY_RANK, QaPanel

QA_DELAY = 0.03
"""Typing pause before the current segment is checked again (short: the check takes ~1 ms)."""

FLAGS_ONE_BY_ONE = 200
"""Above this many changed flags the grid is refilled at once rather than row by row."""

QUIET_CHECKS = frozenset({"untranslated"})
"""Checks whose finding the grid already shows (an empty target is a new segment)."""


class EditorScreen(SegmentEditor):
    """Translate a document: grid, source, target, term/TM/QA panels and the tools around them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "alt+a",
            "quick_add",
            "Add term",
            tooltip="Quick-add a term: select it in the "
            "source, alt+a, select its rendering in the target, alt+a",
            priority=True,
        ),
        Binding("ctrl+t", "termbase", "Terms", tooltip="Open the term base"),
        Binding("ctrl+r", "qa", "QA", tooltip="Run QA over the document"),
        Binding(
            "ctrl+f", "filter", "Filter", tooltip="Filter the segments (untranslated, issues, text)"
        ),
        Binding(
            "alt+f",
            "find_replace",
            "Replace",
            show=False,
            tooltip="Find and replace in targets",
            priority=True,
        ),
        Binding("ctrl+o", "overview", "Overview", show=False, tooltip="Progress and QA overview"),
        Binding(
            "alt+e", "export", "Export", show=False, tooltip="Export the document", priority=True
        ),
        Binding(
            "alt+z",
            "undo_segment",
            "Undo save",
            show=False,
            tooltip="Undo the segment's last save (its previous text and status)",
            priority=True,
        ),
    ]
    """The tools; the segment editor's own keys come first in the footer."""

    class QaReady(Message):
        """The check context (term index, profile) and the document's stored ignores."""

        def __init__(self, context: CheckContext, ignored: dict[int, frozenset[str]]) -> None:
            super().__init__()
            self.context = context
            self.ignored = ignored

    class Checked(Message):
        """The issues of row's segment with target as typed."""

        def __init__(self, row: int, target: str, issues: list[Issue]) -> None:
            super().__init__()
            self.row = row
            self.target = target
            self.issues = issues

    class DocumentChecked(Message):
        """The issues of the whole document, by segment position."""

        def __init__(self, issues: dict[int, list[Issue]]) -> None:
            super().__init__()
            self.issues = issues

    class TermAdded(Message):
        """A quick-added term was stored in concept."""

        def __init__(self, concept: Concept, source: str, target: str) -> None:
            super().__init__()
            self.concept = concept
            self.source = source
            self.target = target

    class SegmentsChanged(Message):
        """Segments were changed outside the save queue (replace all, undo)."""

        def __init__(self, segments: list[Segment], note: str) -> None:
            super().__init__()
            self.segments = segments
            self.note = note

    class SavesDone(Message):
        """Every queued save is stored; then is what was waiting for that."""

        def __init__(self, then: Callable[[], object]) -> None:
            super().__init__()
            self.then = then

    def __init__(self, db: Database, name: str) -> None:
        super().__init__(db, name)
        self.qa_context: CheckContext | None = None
        self.ignored: dict[int, frozenset[str]] = {}
        """Stored ignore keys by segment id."""
        self.flags: dict[int, Severity] = {}
        """The worst QA finding of each row that has one."""
        self.issues: list[Issue] = []
        """The current segment's issues, as the QA panel shows them."""
        self._qa_timer: Timer | None = None
        self.segment_filter = SegmentFilter()
        """The filter the grid shows the segments through (none at first)."""
        self._quick_source: str | None = None
        """The source term chosen by a first alt+a, waiting for its rendering."""

    def side_panels(self) -> ComposeResult:
        """Term hits, TM matches, then the current segment's QA issues."""
        yield from super().side_panels()
        yield QaPanel(id="editor-qa")

    # --- QA as the translator types ------------------------------------------------------------

    def terms_ready(self) -> None:
        """Build the QA context around the term index now that it is there."""
        self._prepare_qa()

    @work(thread=True, exclusive=True, group="qa-context")
    def _prepare_qa(self) -> None:
        try:
            context = services.qa_context(self.db, terms=self.term_index)
            ignored = services.ignore_keys(self.db, self.document_name)
        except Exception as error:  # the editor works without QA
            self.post_message(self.LoadFailed(f"QA not available: {error}"))
            return
        self.post_message(self.QaReady(context, ignored))

    def on_editor_screen_qa_ready(self, message: QaReady) -> None:
        """Check the current segment, then the whole document for the grid's flags."""
        self.qa_context, self.ignored = message.context, message.ignored
        self._schedule_check()
        self._check_document()

    def segment_shown(self, row: int) -> None:
        """Check the segment that became current."""
        self._schedule_check()

    def target_edited(self) -> None:
        """Check again once typing pauses."""
        self._schedule_check()

    def _schedule_check(self) -> None:
        if self._qa_timer is not None:
            self._qa_timer.stop()
        self._qa_timer = self.set_timer(QA_DELAY, self._check_current)

    def _check_current(self) -> None:
        if self.current is None or self.qa_context is None or self.target_lang is None:
            return
        segment = self.segments[self.current]
        self._check(self.qa_context, self.current, segment, self._typed())

    @work(thread=True, exclusive=True, group="qa-live")
    def _check(self, context: CheckContext, row: int, segment: Segment, typed: str) -> None:
        assert self.target_lang is not None
        pair = services.segment_pair(segment, self.source_lang, self.target_lang, typed)
        ignored = self.ignored.get(segment.id or 0, frozenset())
        try:
            issues = services.check_segment(context, pair, ignored)
        except Exception as error:  # a failing check must not take the editor down
            self.post_message(self.LoadFailed(f"QA failed: {error}"))
            return
        self.post_message(self.Checked(row, typed, issues))

    def on_editor_screen_checked(self, message: Checked) -> None:
        """Show the issues if they are still those of the text in the target."""
        issues = [issue for issue in message.issues if issue.check not in QUIET_CHECKS]
        self._set_flag(message.row, issues)
        if message.row != self.current or message.target != self._typed():
            return
        self.issues = issues
        self.query_one(QaPanel).show_issues(issues)

    @work(thread=True, exclusive=True, group="qa-document")
    def _check_document(self) -> None:
        try:
            report = services.run_document_qa(self.db, self.document_name, terms=self.term_index)
        except Exception as error:  # the flags are a help, not a must
            self.post_message(self.LoadFailed(f"QA of the document failed: {error}"))
            return
        self.post_message(self.DocumentChecked(_by_position(report.issues)))

    def on_editor_screen_document_checked(self, message: DocumentChecked) -> None:
        """Flag every segment with issues in the grid."""
        self._apply_report(message.issues)

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

    def _set_flag(self, row: int, issues: list[Issue]) -> None:
        if self._flag(row, issues):
            self._update_row(row, summary=False)

    def _flag(self, row: int, issues: list[Issue]) -> bool:
        """Keep the worst severity of a row's issues; True when its flag changed."""
        worst = min(
            (issue.severity for issue in issues if issue.check not in QUIET_CHECKS),
            key=SEVERITY_RANK.__getitem__,
            default=None,
        )
        if self.flags.get(row) == worst:
            return False
        if worst is None:
            del self.flags[row]
        else:
            self.flags[row] = worst
        return True

    def flag_of(self, row: int) -> tuple[str, str]:
        """The grid's QA mark of a row: the worst severity found there."""
        severity = self.flags.get(row)
        return SEVERITY_MARK[severity] if severity is not None else ("", "")

    # --- tools -----------------------------------------------------------------------------------

    def action_qa(self) -> None:
        """Check the whole document; choosing an issue goes to its segment."""
        self._after_saves(self._open_qa)

    def _open_qa(self) -> None:
        screen = QaScreen(self.db, self.document_name, terms=self.term_index)

        def closed(position: int | None) -> None:
            if screen.report is not None:
                self._apply_report(_by_position(screen.report.issues))
                self._prepare_qa()  # ignores may have changed
            if position is not None:
                self.go_to_position(position)

        self.app.push_screen(screen, closed)

    def go_to_position(self, position: int) -> None:
        """Make the segment at a document position current."""
        row = next((r for r, s in enumerate(self.segments) if s.position == position), None)
        if row is None:
            self.notify(f"Segment {position} is not shown.", severity="warning")
            return
        self._go_to(row)
        self.target_area.focus()

    def action_termbase(self) -> None:
        """Browse and edit the term base; the term panel follows its changes."""
        langs = tuple(lang for lang in (self.source_lang, self.target_lang) if lang)
        query = self.source_area.selected_text.strip()
        self.app.push_screen(TermbaseScreen(self.db, query, langs), self._termbase_closed)

    def _termbase_closed(self, changes: list[TermbaseChange] | None) -> None:
        if self.term_index is None or not changes:
            return
        for change in changes:
            self.term_index.remove(change.concept_id)
            if change.concept is not None:
                self.term_index.put(change.concept)
        self._show_terms()
        self._schedule_check()

    def action_quick_add(self) -> None:
        """Select a term in the source, alt+a, its rendering in the target, alt+a: one concept."""
        if self.current is None or self.target_lang is None:
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

    @work(thread=True, group="quick-add")
    def _add_term(self, source: str, target: str) -> None:
        assert self.target_lang is not None
        try:
            concept = services.quick_add_term(
                self.db, self.source_lang, source, self.target_lang, target, author=self.author
            )
        except Exception as error:  # said in the editor; nothing was stored
            self.app.call_from_thread(self.notify, f"Not added: {error}", severity="error")
            return
        self.post_message(self.TermAdded(concept, source, target))

    def on_editor_screen_term_added(self, message: TermAdded) -> None:
        """Recognise the new term at once."""
        if self.term_index is not None:
            self.term_index.put(message.concept)
        self._show_terms()
        self._schedule_check()
        self.notify(f"Added to the term base: {message.source} → {message.target}")

    def action_filter(self) -> None:
        """Show only the segments a filter lets through (untranslated, with issues, a text)."""
        self.app.push_screen(FilterModal(self.segment_filter), self._filter_chosen)

    def _filter_chosen(self, chosen: SegmentFilter | None) -> None:
        if chosen is None:
            return
        flagged = {self.segments[row].position for row in self.flags}
        self._keep_draft()
        rows = [
            row for row, segment in enumerate(self.segments) if chosen.matches(segment, flagged)
        ]
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

    @work(thread=True, group="replace")
    def _replace(self, replacements: list[Replacement]) -> None:
        try:
            result = services.replace_in_targets(
                self.db, self.document_name, replacements, self.author
            )
        except Exception as error:  # said in the editor; each segment is its own save
            self.app.call_from_thread(self.notify, f"Not replaced: {error}", severity="error")
            return
        note = f"Replaced in {len(result.replaced)} segments."
        if result.conflicts:
            note += f" {len(result.conflicts)} changed meanwhile and were left alone."
        self.post_message(self.SegmentsChanged(result.replaced, note))

    def action_undo_segment(self) -> None:
        """Put back the text and status the segment had before its last save."""
        if self.current is None:
            return
        segment_id = self.segments[self.current].id
        assert segment_id is not None
        self._undo(segment_id)

    @work(thread=True, group="undo")
    def _undo(self, segment_id: int) -> None:
        self.saves.drain_all()
        try:
            segment = services.undo_segment(self.db, segment_id, self.author)
        except Exception as error:  # nothing to undo, say
            self.app.call_from_thread(self.notify, str(error), severity="warning")
            return
        self.post_message(self.SegmentsChanged([segment], "Undone: the previous save is back."))

    def on_editor_screen_segments_changed(self, message: SegmentsChanged) -> None:
        """Show segments changed by replace or undo, the current one in the target too."""
        rows = {segment.id: row for row, segment in enumerate(self.segments)}
        for segment in message.segments:
            row = rows.get(segment.id)
            if row is None:
                continue
            self.segments[row] = segment
            self._edits.pop(row, None)
            self._update_row(row)
            if row == self.current:
                self.reload_target()
        self.notify(message.note)

    def _after_saves(self, then: Callable[[], object]) -> None:
        """Keep the current edit, wait until every save is stored, then go on."""
        self._keep_draft()
        self._wait_for_saves(then)

    @work(thread=True, group="wait-saves")
    def _wait_for_saves(self, then: Callable[[], object]) -> None:
        self.saves.drain_all()
        self.post_message(self.SavesDone(then))

    def on_editor_screen_saves_done(self, message: SavesDone) -> None:
        """Do what was waiting for the saves."""
        message.then()


def _by_position(issues: list[Issue]) -> dict[int, list[Issue]]:
    by_position: dict[int, list[Issue]] = {}
    for issue in issues:
        by_position.setdefault(issue.position, []).append(issue)
    return by_position
