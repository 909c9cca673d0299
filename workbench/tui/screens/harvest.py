"""Review harvested name pairs: accept, edit or reject each, bulk-accept, then save."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workbench import services
from workbench.domain.harvest import Candidate
from workbench.services import Database
from workbench.tui.modals.edit_candidate import EditCandidateModal


class Decision(StrEnum):
    """What the terminologist decided about a candidate."""

    PENDING = "·"
    ACCEPTED = "✓"
    REJECTED = "✗"


@dataclass(slots=True)
class Review:
    """A candidate and the decision on it."""

    candidate: Candidate
    decision: Decision = Decision.PENDING


_DECISION_STYLE = {Decision.PENDING: "", Decision.ACCEPTED: "bold green", Decision.REJECTED: "red"}


class HarvestScreen(Screen[None]):
    """The candidates of one text, one row each, with the context of the selected one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "decide('accepted')", "Accept"),
        Binding("r", "decide('rejected')", "Reject"),
        Binding("u", "decide('pending')", "Undecide"),
        Binding("e", "edit", "Edit"),
        Binding("b", "bulk_accept", "Accept ≥ threshold"),
        Binding("plus,equals_sign", "threshold(0.05)", "Threshold +", show=False),
        Binding("minus", "threshold(-0.05)", "Threshold −", show=False),
        Binding("ctrl+s", "save", "Save accepted"),
        Binding("escape", "close", "Close"),
    ]
    """Keys of the review; + and - move the bulk-accept threshold."""

    threshold: reactive[float] = reactive(0.8)
    """Bulk accept takes candidates at least this confident."""

    class Saved(Message):
        """The accepted candidates were written to the term base."""

        def __init__(self, created: int, merged: int, terms: int) -> None:
            super().__init__()
            self.created = created
            self.merged = merged
            self.terms = terms

    class SaveFailed(Message):
        """Writing to the term base failed; nothing was written."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, db: Database, candidates: list[Candidate], title: str) -> None:
        super().__init__()
        self.db = db
        self.reviews = [Review(candidate) for candidate in candidates]
        self.source_title = title

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="harvest-summary")
        yield DataTable(id="candidates", cursor_type="row", zebra_stripes=True)
        yield Static(id="harvest-context")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the table and show the first context."""
        self.title = f"Harvest · {self.source_title}"
        table = self.query_one(DataTable)
        table.add_column("", key="decision", width=2)
        table.add_column("conf", key="confidence", width=5)
        table.add_column("term", key="source")
        table.add_column("lang", key="source_lang", width=7)
        table.add_column("gloss", key="gloss")
        table.add_column("lang", key="gloss_lang", width=7)
        table.add_column("n", key="count", width=3)
        table.add_column("term base", key="state")
        for index, review in enumerate(self.reviews):
            table.add_row(*self._cells(review), key=str(index))
        self._refresh_summary()
        self._show_context()
        table.focus()

    def _cells(self, review: Review) -> list[Text | str]:
        candidate = review.candidate
        style = _DECISION_STYLE[review.decision]
        state = "known" if candidate.known else ""
        if candidate.conflict:
            state = "has " + " | ".join(candidate.conflict)
        return [
            Text(review.decision.value, style=style),
            f"{candidate.confidence:.2f}",
            Text(candidate.source, style=style),
            candidate.source_lang,
            Text(candidate.gloss, style=style),
            candidate.gloss_lang,
            str(candidate.count),
            Text(state, style="yellow" if candidate.conflict else "dim"),
        ]

    def _update_row(self, index: int) -> None:
        table = self.query_one(DataTable)
        for column, value in zip(table.columns, self._cells(self.reviews[index]), strict=True):
            table.update_cell(str(index), column, value)
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        counts = {decision: 0 for decision in Decision}
        for review in self.reviews:
            counts[review.decision] += 1
        self.query_one("#harvest-summary", Static).update(
            f"{len(self.reviews)} candidates · {counts[Decision.ACCEPTED]} accepted · "
            f"{counts[Decision.REJECTED]} rejected · bulk threshold {self.threshold:.2f} (+/−)"
        )

    def _current(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.reviews:
            return None
        return table.cursor_row

    @on(DataTable.RowHighlighted)
    def _show_context(self) -> None:
        index = self._current()
        context = self.query_one("#harvest-context", Static)
        if index is None:
            context.update("No names glossed in parentheses were found.")
            return
        candidate = self.reviews[index].candidate
        shown = Text(candidate.context)
        shown.highlight_words([candidate.source, candidate.gloss], style="reverse")
        evidence = f"span decided by {candidate.evidence}" if candidate.evidence else ""
        context.update(Text.assemble(shown, "\n", (evidence, "dim")))

    def watch_threshold(self) -> None:
        """Show the new threshold."""
        if self.is_mounted:
            self._refresh_summary()

    def action_decide(self, decision: str) -> None:
        """Mark the current candidate and move to the next."""
        index = self._current()
        if index is None:
            return
        self.reviews[index].decision = Decision(Decision[decision.upper()])
        self._update_row(index)
        self.query_one(DataTable).action_cursor_down()

    def action_threshold(self, step: float) -> None:
        """Move the bulk-accept threshold."""
        self.threshold = round(min(1.0, max(0.0, self.threshold + step)), 2)

    def action_bulk_accept(self) -> None:
        """Accept every undecided candidate at or above the threshold that is not known."""
        for index, review in enumerate(self.reviews):
            candidate = review.candidate
            if (
                review.decision is Decision.PENDING
                and candidate.confidence >= self.threshold
                and not candidate.known
            ):
                review.decision = Decision.ACCEPTED
                self._update_row(index)

    def action_edit(self) -> None:
        """Correct the term or the gloss of the current candidate."""
        index = self._current()
        if index is None:
            return
        candidate = self.reviews[index].candidate

        def edited(pair: tuple[str, str] | None) -> None:
            if pair is None:
                return
            review = self.reviews[index]
            review.candidate = replace(review.candidate, source=pair[0], gloss=pair[1])
            review.decision = Decision.ACCEPTED
            self._update_row(index)
            self._show_context()

        self.app.push_screen(EditCandidateModal(candidate.source, candidate.gloss), edited)

    def action_save(self) -> None:
        """Write the accepted candidates to the term base, off the UI thread."""
        accepted = [r.candidate for r in self.reviews if r.decision is Decision.ACCEPTED]
        if not accepted:
            self.notify("Nothing accepted yet: press a on a row, or b to bulk-accept.")
            return
        self._save(accepted)

    @work(thread=True, exclusive=True)
    def _save(self, accepted: list[Candidate]) -> None:
        try:
            result = services.accept_candidates(self.db, accepted, min_confidence=0.0)
        except Exception as error:  # the worker must report, not die silently
            self.post_message(self.SaveFailed(str(error)))
            return
        self.post_message(
            self.Saved(result.concepts_created, result.concepts_merged, result.terms_added)
        )

    def on_harvest_screen_saved(self, message: Saved) -> None:
        """Tell what was written and clear the saved decisions."""
        self.notify(
            f"Saved: {message.created} new concepts, {message.merged} merged, "
            f"{message.terms} terms added."
        )
        for index, review in enumerate(self.reviews):
            if review.decision is Decision.ACCEPTED:
                review.candidate.known = True
                review.decision = Decision.PENDING
                self._update_row(index)

    def on_harvest_screen_save_failed(self, message: SaveFailed) -> None:
        """Say why nothing was saved."""
        self.notify(f"Not saved: {message.reason}", severity="error", timeout=10)

    def action_close(self) -> None:
        """Leave the review (unsaved decisions are dropped, as the footer says)."""
        self.dismiss(None)
