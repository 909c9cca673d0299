"""A segment's undo history: the states undo and redo walk through, read from its revisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.domain.document import Revision, SegmentStatus

STATES = frozenset({"imported", "saved", "join", "split"})
"""Kinds of revision that are a new state of the segment (an edit undo can take back)."""


@dataclass(frozen=True, slots=True)
class History:
    """The states a segment went through, as undo and redo see them."""

    done: tuple[Revision, ...]
    """The states undo can go back through, the current one last."""
    undone: tuple[Revision, ...]
    """The states undone since the last edit, the one redo puts back last."""

    @property
    def current(self) -> Revision | None:
        """The state the segment is in (None when it was never saved)."""
        return self.done[-1] if self.done else None

    @property
    def previous(self) -> Revision | None:
        """The state undo goes back to (None at the imported state)."""
        return self.done[-2] if len(self.done) > 1 else None

    @property
    def next(self) -> Revision | None:
        """The state redo puts back (None when nothing was undone since the last edit)."""
        return self.undone[-1] if self.undone else None


def history(revisions: Iterable[Revision]) -> History:
    """Replay a segment's revisions, oldest first, as an undo stack and a redo stack.

    A save (or a join or split) pushes a state and forgets what was undone, as in any editor;
    an undo moves the current state to the redo stack, a redo moves it back. Refused saves
    are kept in the history but are no state of the segment.
    """
    done: list[Revision] = []
    undone: list[Revision] = []
    for revision in revisions:
        if revision.kind in STATES:
            done.append(revision)
            undone.clear()
        elif revision.kind == "undo" and len(done) > 1:
            undone.append(done.pop())
        elif revision.kind == "redo" and undone:
            done.append(undone.pop())
    return History(tuple(done), tuple(undone))


def translator_state(revisions: Iterable[Revision]) -> Revision | None:
    """The translator's confirmed version: the latest translated state undo has not taken back.

    Only a save or the file's own target counts (an undo or redo puts back one of those), and
    only since the segment's source last changed: a state before a join or split had another
    source, so it is no version of this segment's translation.
    """
    for state in reversed(history(revisions).done):
        if state.kind in ("join", "split"):
            return None
        if state.status is SegmentStatus.TRANSLATED:
            return state
    return None
