"""The QA issues of the current segment, checked again as the translator types."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from workbench.domain.checks import Issue, Severity

SEVERITY_MARK: dict[Severity, tuple[str, str]] = {
    Severity.ERROR: ("✗", "bold red"),
    Severity.WARNING: ("!", "bold yellow"),
    Severity.INFO: ("i", "dim"),
}
"""The mark and style of each severity, shared with the QA screen."""

SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
"""Errors first."""


def severity_mark(severity: Severity) -> Text:
    """The one-cell mark of a severity in its colour."""
    mark, style = SEVERITY_MARK[severity]
    return Text(mark, style=style)


class QaPanel(Static):
    """The current segment's issues, worst first: severity mark, check id and message."""

    DEFAULT_CSS = """
    QaPanel {
        height: auto;
        padding: 0 1;
    }
    """

    def show_loading(self) -> None:
        """Say that the segment is being checked."""
        self.update(Text("QA: checking…", style="italic dim"))

    def show_clean(self) -> None:
        """Say that the checks found nothing."""
        self.update(Text.assemble(("QA ", "bold"), ("✓ no issues", "green")))

    def show_issues(self, issues: list[Issue]) -> None:
        """List the issues, errors first; an empty list shows the segment as clean."""
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
