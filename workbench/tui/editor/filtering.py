"""The filter of the grid: untranslated segments, those with issues, those holding a text."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding

from workbench.domain.find import SearchTooSlow, SegmentFilter
from workbench.tui.background import background, in_thread
from workbench.tui.editor.tool import EditorTool
from workbench.tui.modals.filter import FilterModal

FILTER_TIME_LIMIT = 2.0
"""Seconds a filter's search may take (a regular expression that backtracks is stopped)."""


class Filtering(EditorTool):
    """Show only the segments a filter lets through; the current one stays current."""

    NAME = "filter"
    KEYS: ClassVar[list[Binding]] = [
        Binding(
            "ctrl+f",
            "filter",
            "Filter",
            tooltip="Filter: untranslated, any statuses, with QA issues, containing a text "
            "(source/target, regex)",
        ),
    ]

    _filtering: object = None
    """The latest filter asked for (an older one's result is stale)."""

    def action_filter(self) -> None:
        """Ask for a filter (the one in force filled in)."""
        self.app.push_screen(FilterModal(self.editor.segment_filter), self._chosen)

    def _chosen(self, chosen: SegmentFilter | None) -> None:
        if chosen is not None:
            self.apply(chosen)

    def apply(self, chosen: SegmentFilter) -> None:
        """Show the segments a filter lets through (what is typed is kept as a draft first)."""
        self.editor.saving.keep_draft()
        self._filter(chosen)

    @background("Filtering the segments", group="filter")
    async def _filter(self, chosen: SegmentFilter) -> None:
        editor = self.editor
        filtering = self._filtering = object()
        flagged = {editor.segments[row].position for row in editor.flags}
        try:  # in a thread and time-limited: a regular expression may backtrack for minutes
            rows = await in_thread(
                chosen.passing, list(editor.segments), flagged, FILTER_TIME_LIMIT
            )
        except SearchTooSlow as stopped:
            self.notify(f"Not filtered: {stopped}", severity="warning", timeout=10)
            return
        if filtering is not self._filtering:
            return  # another filter was chosen meanwhile
        if not rows:
            self.notify(f"No segment is {chosen.describe()}.", severity="warning")
            return
        editor.segment_filter = chosen
        editor.show_rows(rows)
        editor.sub_title = chosen.describe() if chosen.active else ""
