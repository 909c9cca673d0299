"""The editor's saves: stored one after another, in the order asked for, off the UI thread."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from workbench import services
from workbench.domain.document import Segment, SegmentStatus
from workbench.services import ConflictError, Database, Suggestion


@dataclass(frozen=True, slots=True)
class SaveRequest:
    """A target to store; advance marks a confirmation (the editor has moved on already)."""

    row: int
    segment_id: int
    target: str
    status: SegmentStatus
    version: int
    advance: bool = False
    suggestion: Suggestion | None = None
    """The TM match the translator inserted, for the post-edit distance."""


@dataclass(frozen=True, slots=True)
class SegmentSaved:
    """A target was stored; segment is the stored state."""

    row: int
    segment: Segment
    advance: bool


@dataclass(frozen=True, slots=True)
class SaveRefused:
    """Someone saved the segment first; current is what is stored now."""

    row: int
    reason: str
    current: Segment | None
    advance: bool


@dataclass(frozen=True, slots=True)
class SaveFailed:
    """Storing a target failed for another reason."""

    row: int
    reason: str


SaveOutcome = SegmentSaved | SaveRefused | SaveFailed
"""What became of one save."""


class SaveQueue:
    """Queued saves of one editor, stored in a thread one at a time; each gives an outcome."""

    def __init__(self, db: Database, author: str) -> None:
        self.db = db
        self.author = author
        self._pending: deque[SaveRequest] = deque()
        self._queue_lock = threading.Lock()
        self._save_lock = threading.Lock()
        self._draining = False
        self._advanced: dict[tuple[int, int], int] = {}
        """Versions this editor's own saves moved a segment from and to."""

    def put(self, request: SaveRequest) -> bool:
        """Queue a save; True when the caller must start draining (no drain runs yet)."""
        with self._queue_lock:
            self._pending.append(request)
            if self._draining:
                return False
            self._draining = True
            return True

    def append(self, request: SaveRequest) -> None:
        """Queue a save that a later drain_all will store (at quit)."""
        with self._queue_lock:
            self._pending.append(request)

    def drain_all(self) -> list[SaveOutcome]:
        """Store every queued save, oldest first; returns when the queue is empty."""
        outcomes = []
        while (outcome := self.save_next()) is not None:
            outcomes.append(outcome)
        return outcomes

    def save_next(self) -> SaveOutcome | None:
        """Store the oldest queued save; None when there is none (draining stops)."""
        with self._save_lock:
            with self._queue_lock:
                if not self._pending:
                    self._draining = False
                    return None
                request = self._pending.popleft()
            return self._save(request)

    def _save(self, request: SaveRequest) -> SaveOutcome:
        version = request.version
        # a save of ours that the UI has not heard about yet is no conflict
        while (request.segment_id, version) in self._advanced:
            version = self._advanced[(request.segment_id, version)]
        try:
            saved = services.save_segment(
                self.db,
                request.segment_id,
                request.target,
                request.status,
                version,
                self.author,
                suggestion=request.suggestion,
            )
        except ConflictError as error:
            return SaveRefused(
                request.row, str(error), self._stored(request.segment_id), request.advance
            )
        except Exception as error:  # a failed save is an outcome: the text stays in the editor
            return SaveFailed(request.row, str(error))
        self._advanced[(request.segment_id, version)] = saved.version
        return SegmentSaved(request.row, saved, request.advance)

    def _stored(self, segment_id: int) -> Segment | None:
        try:
            return services.stored_segment(self.db, segment_id)
        except Exception:  # the conflict is reported all the same
            return None
