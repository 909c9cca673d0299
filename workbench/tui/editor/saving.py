"""The editor's saves: drafts kept when the translator pauses or leaves, confirmations, conflicts.

Saves run one after another in a thread (`save_queue.SaveQueue`); this part remembers what is
typed but not yet stored, what is on its way, and which rows another translator saved first,
and shows each outcome in the editor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workbench.domain.document import Segment, SegmentStatus
from workbench.services import Suggestion
from workbench.tui.background import background, in_thread
from workbench.tui.editor.save_queue import (
    SaveFailed,
    SaveOutcome,
    SaveQueue,
    SaveRefused,
    SaveRequest,
    SegmentSaved,
)
from workbench.tui.editor.tool import EditorPart

if TYPE_CHECKING:
    from workbench.tui.screens.editor import EditorScreen


class Saving(EditorPart):
    """Store what the translator typed, in the order asked for, and show what became of it."""

    NAME = "saving"

    def __init__(self, editor: EditorScreen) -> None:
        super().__init__(editor)
        self.queue = SaveQueue(editor.db, editor.author)
        self.edits: dict[int, str] = {}
        """Texts typed but not (yet) stored, by row, so that coming back shows them."""
        self.queued: dict[int, str] = {}
        """The text of the last save asked for, by row, until its outcome is known."""
        self.suggestions: dict[int, Suggestion] = {}
        """The TM match last inserted, by row, measured against the target when confirmed."""
        self.conflicted: set[int] = set()
        """Rows whose save another translator beat: only an explicit confirm may overwrite."""

    def target_of(self, row: int, segment: Segment) -> str:
        """The target to show for a row: what was typed there, else the stored one."""
        return self.edits.get(row, segment.target)

    def forget_edits(self, row: int | None = None) -> None:
        """Drop what was typed in a row (its stored text changed), or in every row."""
        if row is None:
            self.edits.clear()
        else:
            self.edits.pop(row, None)

    def forget_rows(self) -> None:
        """Drop everything kept by row: the document was read again and rows may have moved."""
        # a refused row stays refused only while it is the same segment (a join shifts rows)
        self.edits.clear()
        self.queued.clear()
        self.suggestions.clear()
        self.conflicted.clear()

    def draft_request(self) -> SaveRequest | None:
        """A draft save of the current segment when its text differs from the stored one."""
        editor = self.editor
        row = editor.current
        if row is None:
            return None
        segment = editor.segments[row]
        typed = editor.typed()
        if typed == segment.target:
            self.edits.pop(row, None)
            return None
        if typed == self.queued.get(row):
            return None  # already on its way (a confirmation, say): a draft would undo it
        if row in self.conflicted:
            # never overwrite the other translator just by leaving: both texts are in history
            return None
        assert segment.id is not None
        self.edits[row] = typed
        return SaveRequest(row, segment.id, typed, SegmentStatus.DRAFT, segment.version)

    def keep_draft(self) -> None:
        """Store what is typed in the current segment as a draft, if it changed."""
        request = self.draft_request()
        if request is not None:
            self.enqueue(request)

    def confirm(
        self, row: int, typed: str, status: SegmentStatus = SegmentStatus.TRANSLATED
    ) -> None:
        """Store typed as the row's target with status: a decision, also over a conflict."""
        segment = self.editor.segments[row]
        assert segment.id is not None
        self.edits[row] = typed
        self.conflicted.discard(row)  # confirming after a conflict is a decision
        self.enqueue(
            SaveRequest(
                row,
                segment.id,
                typed,
                status,
                segment.version,
                advance=True,
                suggestion=self.suggestions.pop(row, None),
            )
        )

    def enqueue(self, request: SaveRequest) -> None:
        """Queue a save; saves run one after another, in the order they were asked for."""
        self.queued[request.row] = request.target
        if self.queue.put(request):
            self._drain()

    @background("Saving", group="save")
    async def _drain(self) -> None:
        while (outcome := await in_thread(self.queue.save_next)) is not None:
            self._saved(outcome)

    async def store_queued(self) -> None:
        """Wait until every queued save is stored (their outcomes shown)."""
        for outcome in await in_thread(self.queue.drain_all):
            self._saved(outcome)

    def after_saves(self, then: Callable[[], object]) -> None:
        """Keep the current edit, wait until every save is stored, then go on."""
        self.keep_draft()
        self._then_after_saves(then)

    @background("Saving", group="wait-saves")
    async def _then_after_saves(self, then: Callable[[], object]) -> None:
        await self.store_queued()
        then()

    def finish(self) -> None:
        """Store the current edit and every queued save now (the editor is closing)."""
        request = self.draft_request()
        if request is not None:
            self.queue.append(request)
        # at quit the UI can wait: finish every queued save here, in order
        self.queue.drain_all()

    def _saved(self, outcome: SaveOutcome) -> None:
        """Show what became of a save."""
        if isinstance(outcome, SegmentSaved):
            self._stored(outcome)
        elif isinstance(outcome, SaveRefused):
            self._refused(outcome)
        elif isinstance(outcome, SaveFailed):
            self.queued.pop(outcome.row, None)
            self.notify(f"Not saved: {outcome.reason}", severity="error", timeout=15)

    def _stored(self, outcome: SegmentSaved) -> None:
        """Show the stored state; after a confirmation of the last segment, say so."""
        editor, row = self.editor, outcome.row
        if row >= len(editor.segments) or editor.segments[row].id != outcome.segment.id:
            return  # the document was read again meanwhile (a join or split)
        editor.segments[row] = outcome.segment
        if self.edits.get(row) == outcome.segment.target:
            del self.edits[row]
        if self.queued.get(row) == outcome.segment.target:
            del self.queued[row]
        editor.update_row(row)
        editor.tell_stored(row, outcome.segment)
        if outcome.advance and row == len(editor.segments) - 1:
            self.notify("Confirmed the last segment.")

    def _refused(self, outcome: SaveRefused) -> None:
        """Say who came first; the translator's text stays, and ctrl+s stores it over theirs."""
        editor = self.editor
        self.queued.pop(outcome.row, None)
        self.conflicted.add(outcome.row)
        if outcome.current is not None:
            editor.segments[outcome.row] = outcome.current
            editor.update_row(outcome.row)
        if outcome.advance and outcome.row != editor.current:
            editor.go_to(outcome.row)  # a refused confirmation needs the translator's decision
        self.notify(
            f"{outcome.reason}. The grid shows the stored text; ctrl+s stores yours over it.",
            severity="error",
            timeout=15,
        )
