"""The QA issues of the current segment, checked again as the translator types."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.timer import Timer

from workbench import services
from workbench.domain.checks import CheckContext, Issue, Pair, Severity
from workbench.domain.matching import TermIndex
from workbench.services import Database
from workbench.tui.background import background, in_thread
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

SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
"""Errors first."""

QA_DELAY = 0.03
"""Typing pause before the current segment is checked again (short: the check takes ~1 ms)."""

QUIET_CHECKS = frozenset({"untranslated"})
"""Checks whose finding the grid already shows (an empty target is a new segment)."""


def severity_mark(severity: Severity) -> Text:
    """The one-cell mark of a severity in its colour."""
    mark, style = SEVERITY_MARK[severity]
    return Text(mark, style=style)


def worst(issues: list[Issue]) -> Severity | None:
    """The most severe of the issues, or None when there are none."""
    return min((issue.severity for issue in issues), key=SEVERITY_RANK.__getitem__, default=None)


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
        self._timer: Timer | None = None

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
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(QA_DELAY, self._check_current)

    def _check_current(self) -> None:
        focus, document, context = self.focused_segment, self.document, self.context
        if focus is None or context is None or document is None or document.target_lang is None:
            return
        segment, typed = focus.segment, self.typed
        pair = services.segment_pair(segment, document.source_lang, document.target_lang, typed)
        self._check(context, pair, self.ignored.get(segment.id or 0, frozenset()), focus, typed)

    @background("Checking the segment", group="qa-live")
    async def _check(
        self,
        context: CheckContext,
        pair: Pair,
        ignored: frozenset[str],
        focus: SegmentFocus,
        typed: str,
    ) -> None:
        issues = shown_issues(await in_thread(services.check_segment, context, pair, ignored))
        self.post_message(self.Checked(focus.row, issues))
        if focus is self.focused_segment and typed == self.typed:
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
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for issue in sorted(issues, key=lambda issue: SEVERITY_RANK[issue.severity]):
            grid.add_row(
                severity_mark(issue.severity),
                Text.assemble((issue.check, "bold"), " ", issue.message),
            )
        self.update(Group(Text(f"QA {len(issues)}", style="bold"), grid))
