"""Review: mark a segment reviewed, approved or rejected by a key, and a pass over the
translated segments nobody has reviewed yet (F8), moving on after each decision."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench.domain.document import SegmentStatus
from workbench.domain.find import SegmentFilter
from workbench.tui.editor.filtering import Filtering
from workbench.tui.editor.tool import EditorTool

REVIEW_PASS = SegmentFilter(statuses=frozenset({SegmentStatus.TRANSLATED}))
"""The segments a review pass walks: translated, and not yet reviewed, approved or rejected."""


class ReviewTool(EditorTool):
    """A reviewer's decisions on the current segment, stored with the target as it stands."""

    NAME = "review"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "alt+v",
            "mark('reviewed')",
            "Reviewed",
            show=False,
            tooltip="Mark the segment reviewed (the target as it stands) and go to the next",
        ),
        Binding(
            "alt+p",
            "mark('approved')",
            "Approve",
            show=False,
            tooltip="Mark the segment approved and go to the next",
        ),
        Binding(
            "alt+x",
            "mark('rejected')",
            "Reject",
            show=False,
            tooltip="Reject the segment's translation (back to the translator; not into the TM) "
            "and go to the next",
        ),
        Binding(
            "f8",
            "review_pass",
            "Review pass",
            show=False,
            tooltip="Review pass: show only translated segments not yet reviewed (again: show all)",
        ),
    ]

    def action_mark(self, status: str) -> None:
        """Store the target with a review status, then go to the next segment shown."""
        editor = self.editor
        if editor.current is None:
            return
        decided = SegmentStatus(status)
        if decided is not SegmentStatus.REJECTED:
            editor.action_confirm(decided.value)  # codes unlike the source's ask first
            return
        row, typed = editor.current, editor.typed()
        if not typed.strip():
            self.notify("The target is empty: there is nothing to reject.", severity="warning")
            return
        editor.saving.confirm(row, typed, decided)  # a rejected translation stays out of the TM
        following = editor.next_row(1)
        if following is not None:
            editor.go_to(following)

    def action_review_pass(self) -> None:
        """Walk the translated segments not yet reviewed; again, show every segment."""
        editor = self.editor
        chosen = SegmentFilter() if editor.segment_filter == REVIEW_PASS else REVIEW_PASS
        editor.tool(Filtering).apply(chosen)
        if chosen is REVIEW_PASS:
            self.notify("Review pass: alt+v reviewed, alt+p approved, alt+x rejected; F8 ends it.")
