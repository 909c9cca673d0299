"""A document at a glance: progress by status in segments and words, QA issues by check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from workbench import services
from workbench.domain.analysis import BandTable, report_rows
from workbench.domain.checks import Severity
from workbench.services import CheckCount, Database, Overview
from workbench.tui.background import background, in_thread
from workbench.tui.marks import STATUS_MARK

STYLES = Path(__file__).resolve().parents[1] / "styles" / "overview.tcss"
"""The stylesheet of the overview screen and of the filter and find/replace dialogs."""


COUNTING = "Counting the progress"
CHECKING = "Running QA"
ANALYSING = "Analysing against the TM"
"""The overview's background tasks, by the name their failure is told with."""

SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, scale: int, width: int) -> str:
    """A horizontal bar of value out of scale in width cells, to an eighth of a cell."""
    if scale <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(value, scale) / scale * width * 8))  # never hide a non-zero
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


@dataclass(frozen=True, slots=True)
class BarRow:
    """One line of a bar chart: a label and one number per column."""

    label: str
    style: str
    values: tuple[int, ...]
    note: str = ""
    """Said after the numbers, dim (e.g. how many segments the issues are in)."""


@dataclass(frozen=True, slots=True)
class BarColumn:
    """A column of bars: its unit, and what its bars are scaled to (None: the largest value)."""

    unit: str
    scale: int | None = None


class BarChart(Widget):
    """Labelled horizontal bars, one row a line, a bar and a number per column."""

    rows: reactive[tuple[BarRow, ...]] = reactive((), layout=True)
    """The rows to draw; setting them redraws the chart."""

    def __init__(self, columns: tuple[BarColumn, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = columns

    def render(self) -> Text:
        """The bars, fitted to the widget's width."""
        if not self.rows:
            return Text()
        width = self.size.width
        label_width = min(max(cell_len(row.label) for row in self.rows), max(8, width // 3))
        numbers = [self._number_width(index) for index in range(len(self.columns))]
        notes = max(cell_len(row.note) for row in self.rows)
        spare = width - label_width - sum(n + 2 for n in numbers) - (notes + 1 if notes else 0) - 1
        bar_width = max(1, spare // len(self.columns))
        lines = [self._line(row, label_width, bar_width, numbers) for row in self.rows]
        return Text("\n").join(lines)

    def _number_width(self, index: int) -> int:
        unit = self.columns[index].unit
        widest = max(len(str(row.values[index])) for row in self.rows)
        return widest + (len(unit) + 1 if unit else 0)

    def _scale(self, index: int) -> int:
        scale = self.columns[index].scale
        return scale if scale is not None else max(row.values[index] for row in self.rows)

    def _line(self, row: BarRow, label_width: int, bar_width: int, numbers: list[int]) -> Text:
        label = Text(row.label, style=row.style)
        label.truncate(label_width, overflow="ellipsis", pad=True)
        line = Text.assemble(label, " ")
        for index, column in enumerate(self.columns):
            value = row.values[index]
            drawn = bar(value, self._scale(index), bar_width).ljust(bar_width)
            number = f"{value} {column.unit}" if column.unit else str(value)
            line.append_text(Text.assemble(" ", (drawn, row.style), " "))
            line.append(number.rjust(numbers[index]), style="dim" if value == 0 else "")
        if row.note:
            line.append(f" {row.note}", style="dim")
        return line

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line a row."""
        return max(1, len(self.rows))


class StackedBar(Widget):
    """One line split between the statuses in proportion to their source words."""

    overview: reactive[Overview | None] = reactive(None)
    """The overview whose words are drawn."""

    def render(self) -> Text:
        """Each status's share of the words in its colour, widest shares first to round."""
        overview = self.overview
        if overview is None or overview.words == 0:
            return Text("no words to translate", style="dim")
        width = self.size.width
        cells = _shares([count.words for count in overview.by_status], width)
        line = Text()
        for count, share in zip(overview.by_status, cells, strict=True):
            line.append("█" * share, style=STATUS_MARK[count.status][1])
        return line


def _shares(values: list[int], width: int) -> list[int]:
    """Whole cells for each value, adding up to width (largest remainders get the rest)."""
    total = sum(values)
    exact = [value * width / total for value in values]
    cells = [int(share) for share in exact]
    by_remainder = sorted(range(len(values)), key=lambda i: exact[i] - cells[i], reverse=True)
    for index in by_remainder[: width - sum(cells)]:
        cells[index] += 1
    return cells


class OverviewScreen(Screen[None]):
    """Progress of one document by status, in segments and words, and its QA issues by check."""

    CSS_PATH = STYLES
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("r", "reload", "Reload"),
    ]
    """Escape goes back; r counts again (after editing in another window, say)."""

    def __init__(self, db: Database, document_name: str) -> None:
        super().__init__()
        self.db = db
        self.document_name = document_name
        self.overview: Overview | None = None
        self.checks: tuple[CheckCount, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("counting…", id="overview-summary")
        with Vertical(id="overview-progress"):
            yield StackedBar(id="overview-stacked")
            yield BarChart(
                (BarColumn("seg"), BarColumn("words")),
                id="overview-statuses",
            )
        with Horizontal(id="overview-bottom"):
            with VerticalScroll(id="overview-analysis"):
                yield Static("analysing…", id="overview-bands")
            with VerticalScroll(id="overview-qa"):
                yield Static("running QA…", id="overview-qa-note")
                yield BarChart((BarColumn(""),), id="overview-checks")
        yield Footer()

    def on_mount(self) -> None:
        """Count progress and run QA, each off the UI thread; progress comes first."""
        self.title = f"Overview · {self.document_name}"
        self.query_one("#overview-progress").border_title = "Progress by status"
        self.query_one("#overview-analysis").border_title = "Analysis against the TM"
        self.query_one("#overview-qa").border_title = "QA issues by check"
        self.action_reload()

    def action_reload(self) -> None:
        """Count again."""
        self._load()
        self._load_analysis()
        self._load_qa()

    @background(COUNTING, group="overview")
    async def _load(self) -> None:
        self._show_progress(
            await in_thread(services.document_overview, self.db, self.document_name, qa=False)
        )

    @background(ANALYSING, group="overview-analysis")
    async def _load_analysis(self) -> None:
        found = await in_thread(services.analyze, self.db, [self.document_name])
        self.query_one("#overview-bands", Static).update(band_table(found.total))

    @background(CHECKING, group="overview-qa")
    async def _load_qa(self) -> None:
        self._show_checks(await in_thread(services.qa_by_check, self.db, self.document_name))

    def _show_progress(self, overview: Overview) -> None:
        """Draw the progress bars."""
        self.overview = overview
        self.query_one(StackedBar).overview = overview
        segments = BarColumn("seg", overview.segments)
        words = BarColumn("words", overview.words)
        chart = self.query_one("#overview-statuses", BarChart)
        chart.columns = (segments, words)
        chart.rows = tuple(
            BarRow(
                f"{STATUS_MARK[count.status][0]} {count.status.value}",
                STATUS_MARK[count.status][1],
                (count.segments, count.words),
                f"{count.words / overview.words:4.0%}" if overview.words else "",
            )
            for count in overview.by_status
        )
        self._show_summary()

    def _show_checks(self, checks: tuple[CheckCount, ...]) -> None:
        """Draw the issues by check."""
        self.checks = checks
        note = self.query_one("#overview-qa-note", Static)
        note.update(_legend() if checks else Text("No QA issues.", style="green"))
        self.query_one("#overview-checks", BarChart).rows = tuple(
            BarRow(
                count.check,
                SEVERITY_STYLE[count.severity],
                (count.issues,),
                f"in {count.segments} seg",
            )
            for count in checks
        )
        self._show_summary()

    def show_failure(self, what: str, error: Exception) -> None:
        """Say what could not be counted, where it would have been shown."""
        if what == ANALYSING:
            self.query_one("#overview-bands", Static).update(
                Text(f"Not analysed: {error}", style="red")
            )
        elif what == CHECKING:
            self.query_one("#overview-qa-note", Static).update(
                Text(f"QA not run: {error}", style="red")
            )
        else:
            self.query_one("#overview-summary", Static).update(
                Text(f"Not counted: {error}", style="red")
            )

    def _show_summary(self) -> None:
        overview = self.overview
        if overview is None:
            return
        share = overview.confirmed_words / overview.words if overview.words else 0.0
        parts = [
            overview.name,
            f"{overview.source_lang}→{overview.target_lang or '?'}",
            f"{overview.segments} seg",
            f"{overview.words} words",
            f"{share:.0%} confirmed",
        ]
        if self.checks is not None:
            parts.append(f"{sum(count.issues for count in self.checks)} QA issues")
        self.query_one("#overview-summary", Static).update(" · ".join(parts))

    def action_close(self) -> None:
        """Go back to where the overview was opened from."""
        self.dismiss(None)


def band_table(table: BandTable) -> Table:
    """The analysis of a document as `workbench analyze` prints it: counts per match band."""
    shown = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    shown.add_column("band", no_wrap=True)
    for heading in ("seg", "words", "chars", "CJK"):
        shown.add_column(heading, justify="right")
    for row in report_rows(table, None):
        counts = row.counts
        style = "bold" if row.band == "total" else ("dim" if not counts.segments else "")
        cells = (counts.segments, counts.words, counts.characters, counts.cjk)
        shown.add_row(row.band, *(f"{cell:,}" for cell in cells), style=style)
    return shown


def _legend() -> Text:
    """What the colours of the issue bars stand for."""
    legend = Text("issues by check, coloured by their worst severity: ", style="dim")
    for severity in Severity:
        legend.append("■ ", style=SEVERITY_STYLE[severity])
        legend.append(f"{severity.value} ", style="dim")
    return legend
