"""The QA issues of the current segment, checked again as the translator types."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message

from workbench import services
from workbench.domain.checks import CheckContext, Issue, Pair, Severity
from workbench.domain.matching import TermIndex
from workbench.services import Database
from workbench.tui.background import CostGauge, background, in_thread
from workbench.tui.widgets.editor_panel import (
    DocumentInfo,
    DocumentLoaded,
    DocumentOpened,
    EditorPanel,
    SegmentFocus,
    SegmentFocused,
    TargetEdited,
    TermIndexReady,
)

SEVERITY_MARK: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("✗", "bold red"),
    Severity.WARNING: ("!", "bold yellow"),
    Severity.INFO: ("i", "dim"),
}
"""The mark and style of each severity, shared with the QA screen."""

CHECK_AT_ONCE = 0.004
"""Seconds a check may take and still be made on the UI thread (else in a thread)."""

QUIET_CHECKS = frozenset({"untranslated"})
"""Checks whose finding the grid already shows (an empty target is a new segment)."""


@dataclass(frozen=True, slots=True)
class _Checking:
    """One check to make: the segment, the text typed, and what the check needs."""

    focus: SegmentFocus
    typed: str
    pair: Pair
    context: CheckContext
    ignored: frozenset[str]


def severity_mark(severity: Severity) -> Text:
    """The one-cell mark of a severity in its colour."""
    mark, style = SEVERITY_MARK[severity]
    return Text(mark, style=style)


def worst(issues: list[Issue]) -> Severity | None:
    """The most severe of the issues, or None when there are none."""
    return min((issue.severity for issue in issues), key=lambda s: s.rank, default=None)


def shown_issues(issues: list[Issue]) -> list[Issue]:
    """The issues worth a mark: what the status column already says is left out."""
    return [issue for issue in issues if issue.check not in QUIET_CHECKS]


class QaPanel(EditorPanel):
    """The current segment's issues, worst first: severity mark, check id and message.

    It checks the segment that becomes current and again after each pause in typing, and the
    whole document once it is read; each result is also posted up as Checked or
    DocumentChecked, for the grid's flags.
    """

    class Checked(Message):
        """The issues of the segment in row with the target typed there (none: clean)."""

        def __init__(self, row: int, issues: list[Issue]) -> None:
            super().__init__()
            self.row = row
            self.issues = issues

    class DocumentChecked(Message):
        """The issues of every stored segment of the document, by segment position."""

        def __init__(self, by_position: dict[int, list[Issue]]) -> None:
            super().__init__()
            self.by_position = by_position

    def __init__(self, db: Database, document_name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db = db
        self.document_name = document_name
        self.terms: TermIndex | None = None
        self.context: CheckContext | None = None
        self.ignored: dict[int, frozenset[str]] = {}
        """Stored ignore keys by segment id."""
        self.document: DocumentInfo | None = None
        self.complete = False
        """Whether every segment is read: then the whole document is checked."""
        self.focused_segment: SegmentFocus | None = None
        self.typed = ""
        self.issues: list[Issue] = []
        """The current segment's issues, as shown."""
        self._wanted = False
        """Whether the text changed since the last check began."""
        self._checking = False
        self.gauge = CostGauge(CHECK_AT_ONCE)

    # --- what the editor says ----------------------------------------------------------------

    def on_term_index_ready(self, message: TermIndexReady) -> None:
        """Build the checks' context around the term index."""
        if message.index is not None:
            self.terms = message.index
            self.prepare()

    def on_document_opened(self, message: DocumentOpened) -> None:
        """Check in the document's languages."""
        self.document = message.document

    def on_document_loaded(self, message: DocumentLoaded) -> None:
        """Check the whole document once the checks are ready."""
        self.document, self.complete = message.document, True
        if self.context is not None:
            self._check_document()

    def on_segment_focused(self, message: SegmentFocused) -> None:
        """Check the segment that became current."""
        self.focused_segment, self.typed = message.focus, message.focus.typed
        self._schedule()

    def on_target_edited(self, message: TargetEdited) -> None:
        """Check again once typing pauses."""
        if self.focused_segment is not None and message.row == self.focused_segment.row:
            self.typed = message.typed
            self._schedule()

    # --- checking ----------------------------------------------------------------------------

    @background("Preparing QA", group="qa-context")
    async def prepare(self) -> None:
        """Read the stored ignores and build the context; then check (again)."""
        context = await in_thread(services.qa_context, self.db, terms=self.terms)
        self.ignored = await in_thread(services.ignore_keys, self.db, self.document_name)
        self.context = context
        self._schedule()
        if self.complete:
            self._check_document()

    def _schedule(self) -> None:
        """Check the current text now, or as soon as the check under way is done."""
        self._wanted = True
        if self._checking:
            return
        if self.gauge.cheap:  # at once: drawn with the key's other changes
            checking = self._to_check()
            try:
                with services.analyser_without_waiting():
                    issues = None if checking is None else self._issues_of(checking)
            except services.AnalyserBusy:  # in a thread, which waits for the analyser
                issues = None
            else:
                self._wanted = False
                if checking is not None and issues is not None:
                    self._report(checking, issues)
                return
        self._checking = True
        self._check()

    @background("Checking the segment", group="qa-live")
    async def _check(self) -> None:
        try:
            while self._wanted:  # typing on during a check: one more, with the latest text
                self._wanted = False
                checking = self._to_check()
                if checking is not None:
                    self._report(checking, await in_thread(self._issues_of, checking))
        finally:
            self._checking = False

    def _to_check(self) -> _Checking | None:
        """The current segment as typed, as the checks see it; None before QA is ready."""
        focus, document, context = self.focused_segment, self.document, self.context
        if focus is None or context is None or document is None or document.target_lang is None:
            return None
        pair = services.segment_pair(
            focus.segment, document.source_lang, document.target_lang, self.typed
        )
        ignored = self.ignored.get(focus.segment.id or 0, frozenset())
        return _Checking(focus, self.typed, pair, context, ignored)

    def _issues_of(self, checking: _Checking) -> list[Issue]:
        found = self.gauge.timed(
            services.check_segment, checking.context, checking.pair, checking.ignored
        )
        return shown_issues(found)

    def _report(self, checking: _Checking, issues: list[Issue]) -> None:
        """Post the row's issues; show them if they are still those of the current text."""
        self.post_message(self.Checked(checking.focus.row, issues))
        if checking.focus is self.focused_segment and checking.typed == self.typed:
            self.show_issues(issues)

    @background("Checking the document", group="qa-document")
    async def _check_document(self) -> None:
        report = await in_thread(
            services.run_document_qa, self.db, self.document_name, terms=self.terms
        )
        by_position: dict[int, list[Issue]] = {}
        for issue in shown_issues(report.issues):
            by_position.setdefault(issue.position, []).append(issue)
        self.post_message(self.DocumentChecked(by_position))

    # --- showing -----------------------------------------------------------------------------

    def show_loading(self) -> None:
        """Say that the segment is being checked."""
        self.update(Text("QA: checking…", style="italic dim"))

    def show_clean(self) -> None:
        """Say that the checks found nothing."""
        self.update(Text.assemble(("QA ", "bold"), ("✓ no issues", "green")))

    def show_issues(self, issues: list[Issue]) -> None:
        """List the issues, errors first; an empty list shows the segment as clean."""
        self.issues = issues
        if not issues:
            self.show_clean()
            return
        rows = [
            (
                severity_mark(issue.severity),
                Text.assemble((issue.check, "bold"), " ", issue.message),
            )
            for issue in services.worst_first(issues)
        ]
        self.show_rows(rows, Text(f"QA {len(issues)}", style="bold"))
