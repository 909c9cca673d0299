"""Choose which segments the editor shows: by status, with QA issues, containing a text."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from workbench.domain.document import SegmentStatus
from workbench.domain.find import UNTRANSLATED, SegmentFilter, Where

STYLES = Path(__file__).resolve().parents[1] / "styles" / "overview.tcss"
"""The stylesheet the filter shares with the overview and the find/replace dialog."""

_WHERE: dict[str, Where] = {
    "filter-both": "both",
    "filter-source": "source",
    "filter-target": "target",
}
"""The radio buttons of where the text is looked for, by id."""


class FilterModal(ModalScreen[SegmentFilter | None]):
    """The filter's parts as checkboxes, a text and its options; dismisses with a new filter.

    Apply (or enter in the text) gives the filter, Show all gives the empty one, Escape None.
    """

    CSS_PATH = STYLES
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    """Escape keeps the filter as it was."""

    def __init__(self, current: SegmentFilter | None = None) -> None:
        super().__init__()
        self.current = current or SegmentFilter()

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical(id="filter-dialog"):
            with Horizontal(classes="dialog-row"):
                yield Checkbox(
                    "Untranslated (new, draft)",
                    current.statuses == UNTRANSLATED,
                    id="filter-untranslated",
                    compact=True,
                )
                yield Checkbox(
                    "With QA issues", current.with_issues, id="filter-issues", compact=True
                )
            chosen = current.statuses if current.statuses != UNTRANSLATED else frozenset()
            statuses = list(SegmentStatus)
            for label, row in (("Status", statuses[:3]), ("", statuses[3:])):
                with Horizontal(classes="dialog-row"):
                    yield Label(label)
                    for status in row:
                        yield Checkbox(
                            status.value,
                            status in chosen,
                            id=f"filter-status-{status.value}",
                            compact=True,
                        )
            with Horizontal(classes="dialog-row"):
                yield Label("Text")
                yield Input(
                    current.text,
                    placeholder="shown only when found (empty: any text)",
                    id="filter-text",
                    compact=True,
                )
            with Horizontal(classes="dialog-row"):
                yield Label("In")
                with RadioSet(id="filter-where", classes="-inline", compact=True):
                    for button_id, where in _WHERE.items():
                        label = "source or target" if where == "both" else where
                        yield RadioButton(label, current.where == where, id=button_id)
            with Horizontal(classes="dialog-row"):
                yield Label("")
                yield Checkbox("Match case", current.case_sensitive, id="filter-case", compact=True)
                yield Checkbox("Regex", current.regex, id="filter-regex", compact=True)
            yield Static(id="filter-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", variant="primary", id="filter-apply", compact=True)
                yield Button("Show all", id="filter-clear", compact=True)
                yield Button("Cancel", id="filter-cancel", compact=True)

    def on_mount(self) -> None:
        """Title the dialog and start in the text."""
        self.query_one("#filter-dialog").border_title = "Filter segments"
        self.query_one("#filter-text", Input).focus()

    def chosen(self) -> SegmentFilter:
        """The filter the dialog shows now; ValueError when its regular expression is invalid."""
        pressed = self.query_one(RadioSet).pressed_button
        where = _WHERE.get(pressed.id or "", "both") if pressed is not None else "both"
        untranslated = self.query_one("#filter-untranslated", Checkbox).value
        statuses = {
            status
            for status in SegmentStatus
            if self.query_one(f"#filter-status-{status.value}", Checkbox).value
        }
        return SegmentFilter(
            statuses=frozenset(statuses | (UNTRANSLATED if untranslated else set())),
            with_issues=self.query_one("#filter-issues", Checkbox).value,
            text=self.query_one("#filter-text", Input).value,
            where=where,
            case_sensitive=self.query_one("#filter-case", Checkbox).value,
            regex=self.query_one("#filter-regex", Checkbox).value,
        )

    @on(Button.Pressed, "#filter-apply")
    @on(Input.Submitted)
    def _apply(self) -> None:
        try:
            chosen = self.chosen()
        except ValueError as error:
            self.query_one("#filter-error", Static).update(str(error))
            return
        self.dismiss(chosen)

    @on(Input.Changed)
    @on(Checkbox.Changed, "#filter-regex")
    def _clear_error(self) -> None:
        self.query_one("#filter-error", Static).update("")

    @on(Button.Pressed, "#filter-clear")
    def _show_all(self) -> None:
        self.dismiss(SegmentFilter())

    @on(Button.Pressed, "#filter-cancel")
    def action_cancel(self) -> None:
        """Close without changing the filter."""
        self.dismiss(None)
