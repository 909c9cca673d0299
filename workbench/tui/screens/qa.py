"""A document's QA issues grouped by check: read each in context, jump to it, or ignore it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static, Tree
from textual.widgets.tree import TreeNode

from workbench import services, settings
from workbench.domain.checks import Issue, Pair
from workbench.domain.checks.profile import check_title
from workbench.domain.matching import TermIndex
from workbench.services import Database
from workbench.tui.background import background, in_thread
from workbench.tui.widgets.qa_panel import severity_mark

RUNNING_QA = "Running QA"
"""The QA run, by the name its failure is told with."""


class IssueTree(Tree[Issue | str]):
    """Issues under their check: groups hold the check id, leaves the issue."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Go to segment"),
    ]
    """Enter on an issue closes the screen on its segment (on a check, folds it)."""


def styled(shown: str, marks: list[tuple[int, int]]) -> Text:
    """shown with each marked span in reverse video."""
    text = Text(shown)
    for start, end in marks:
        text.stylize("reverse", start, end)
    return text


def marked(text: str, pieces: list[str]) -> Text:
    """text with each piece (longest first) in reverse video where it first stands alone."""
    return styled(text, services.mark_spans(text, pieces))


def grouped(issues: list[Issue]) -> list[tuple[str, list[Issue]]]:
    """Issues by check, the most severe checks first, then in the order they were found."""
    return services.grouped_by_check(issues)


class QaScreen(Screen[int | None]):
    """A stored document's issues grouped by check; dismissed with a segment position or None."""

    CSS_PATH = Path(__file__).parent.parent / "styles" / "qa.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "ignore", "Ignore"),
        Binding("r", "rerun", "Re-run"),
        Binding("escape", "close", "Close"),
    ]
    """i marks the highlighted issue a false alarm until its segment's text changes."""

    class Progressed(Message):
        """The checks got through done of total segments."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    def __init__(
        self,
        db: Database,
        document_name: str,
        profile: Path | None = None,
        terms: TermIndex | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.document_name = document_name
        self.profile = profile
        self.terms = terms
        """The editor's term index, if it has one; else each run reads the term base."""
        self.author = settings.author()
        self.report: services.QaReport | None = None
        """The last QA run, with the issues ignored here set aside; None until one finished."""
        self.running = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="qa-summary")
        yield ProgressBar(id="qa-progress", show_eta=False)
        tree = IssueTree("issues", id="qa-issues")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree
        yield Static(id="qa-detail")
        yield Footer()

    def on_mount(self) -> None:
        """Start the first run."""
        self.title = f"QA · {self.document_name}"
        self.query_one(IssueTree).focus()
        self.action_rerun()

    # --- running QA ---------------------------------------------------------------------------

    def action_rerun(self) -> None:
        """Check the document again, off the UI thread, with a progress bar."""
        if self.running:
            return
        self.running = True
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.query_one("#qa-summary", Static).update(f"Checking {self.document_name}…")
        self._run()

    @background(RUNNING_QA, group="qa")
    async def _run(self) -> None:
        def progressed(done: int, total: int) -> None:  # in the thread
            self.post_message(self.Progressed(done, total))

        report = await in_thread(
            services.run_document_qa,
            self.db,
            self.document_name,
            profile_path=self.profile,
            on_progress=progressed,
            terms=self.terms,
        )
        self._finished(report)

    def on_qa_screen_progressed(self, message: Progressed) -> None:
        """Move the bar."""
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    def _finished(self, report: services.QaReport) -> None:
        """Show what was found."""
        self.running = False
        self.query_one(ProgressBar).display = False
        self.report = report
        self._fill()

    def show_failure(self, what: str, error: Exception) -> None:
        """Say here too why there is nothing to show (QA did not run, or an ignore failed)."""
        if what == RUNNING_QA:
            self.running = False
            self.query_one(ProgressBar).display = False
            self.query_one("#qa-summary", Static).update(Text(f"QA failed: {error}"))

    # --- the issue tree -----------------------------------------------------------------------

    def _fill(self, line: int = 1) -> None:
        """Rebuild the tree from the report, with the cursor near line (the first issue)."""
        report = self.report
        assert report is not None
        tree = self.query_one(IssueTree)
        tree.clear()
        for check_id, issues in grouped(report.issues):
            label = Text.assemble(
                severity_mark(issues[0].severity),
                " ",
                (check_id, "bold"),
                (f" {len(issues)}", "bold cyan"),
                (f"  {check_title(check_id)}", "dim"),
            )
            group = tree.root.add(label, data=check_id, expand=True)
            for issue in issues:
                group.add_leaf(Text.assemble((f"#{issue.position}  ", "dim"), issue.message), issue)
        self._show_summary()
        if report.issues:
            tree.cursor_line = min(line, tree.last_line)
        self._show_detail(tree.cursor_node)

    def _show_summary(self) -> None:
        report = self.report
        assert report is not None
        checks = len({issue.check for issue in report.issues})
        ignored = f" · {report.ignored} ignored" if report.ignored else ""
        self.query_one("#qa-summary", Static).update(
            f"{self.document_name} · {len(report.pairs)} segments · "
            f"{len(report.issues)} issues in {checks} checks{ignored}"
        )

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Issue | str]) -> None:
        self._show_detail(event.node)

    def _show_detail(self, node: TreeNode[Issue | str] | None) -> None:
        detail = self.query_one("#qa-detail", Static)
        report = self.report
        if report is None:
            return
        if not report.issues:
            detail.update(Text("No issues: nothing to fix.", style="green"))
            return
        if node is None or not isinstance(node.data, Issue):
            check_id = node.data if node is not None and isinstance(node.data, str) else ""
            detail.update(Text(check_title(check_id), style="dim") if check_id else "")
            return
        issue = node.data
        pair = report.pair_at(issue.position)
        where = f"#{issue.position}" + (f" ({issue.unit_id})" if issue.unit_id else "")
        detail.update(
            Text.assemble(
                (f"{where} ", "bold"),
                severity_mark(issue.severity),
                f" {issue.check}: {issue.message}\n",
                ("source ", "dim"),
                styled(*services.issue_text(pair.source, pair.codes, issue)),
                "\n",
                ("target ", "dim"),
                styled(*services.issue_text(pair.target, pair.codes, issue)),
            )
        )

    def _current_issue(self) -> Issue | None:
        node = self.query_one(IssueTree).cursor_node
        return node.data if node is not None and isinstance(node.data, Issue) else None

    # --- actions ------------------------------------------------------------------------------

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Issue | str]) -> None:
        if isinstance(event.node.data, Issue):
            self.dismiss(event.node.data.position)

    def action_ignore(self) -> None:
        """Mark the highlighted issue a false alarm, stored until the segment's text changes."""
        issue = self._current_issue()
        if issue is None or self.report is None or self.running:
            return
        self._ignore(issue, self.report.pair_at(issue.position))

    @background("Ignoring the issue", group="qa-ignore")
    async def _ignore(self, issue: Issue, pair: Pair) -> None:
        await in_thread(
            services.ignore_issue, self.db, self.document_name, issue, self.author, pair
        )
        self._ignored(issue)

    def _ignored(self, issue: Issue) -> None:
        """Take the issue out, with any other of its check in that segment (one mark covers all)."""
        report = self.report
        if report is None:
            return
        gone = [i for i in report.issues if (i.position, i.check) == (issue.position, issue.check)]
        if not gone:
            return
        self.report = replace(
            report,
            issues=[i for i in report.issues if i not in gone],
            ignored=report.ignored + len(gone),
            ignored_issues=[*report.ignored_issues, *gone],
        )
        self._fill(self.query_one(IssueTree).cursor_line)
        self.notify(f"Ignored {issue.check} in segment {issue.position} until its text changes.")

    def action_close(self) -> None:
        """Leave without moving."""
        self.dismiss(None)
