"""The editor's saves: stored one after another, in the order asked for, off the UI thread."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message

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


class SegmentSaved(Message):
    """A target was stored; segment is the stored state."""

    def __init__(self, row: int, segment: Segment, advance: bool) -> None:
        super().__init__()
        self.row = row
        self.segment = segment
        self.advance = advance


class SaveRefused(Message):
    """Someone saved the segment first; current is what is stored now."""

    def __init__(self, row: int, reason: str, current: Segment | None, advance: bool) -> None:
        super().__init__()
        self.row = row
        self.reason = reason
        self.current = current
        self.advance = advance


class SaveFailed(Message):
    """Storing a target failed for another reason."""

    def __init__(self, row: int, reason: str) -> None:
        super().__init__()
        self.row = row
        self.reason = reason


class SaveQueue:
    """Queued saves of one editor; report posts each outcome back to the screen."""

    def __init__(self, db: Database, author: str, report: Callable[[Message], object]) -> None:
        self.db = db
        self.author = author
        self.report = report
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

    def drain_all(self) -> None:
        """Store every queued save, oldest first; returns when the queue is empty."""
        while self._save_next():
            pass

    def _save_next(self) -> bool:
        with self._save_lock:
            with self._queue_lock:
                if not self._pending:
                    self._draining = False
                    return False
                request = self._pending.popleft()
            self._save(request)
        return True

    def _save(self, request: SaveRequest) -> None:
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
            self.report(
                SaveRefused(
                    request.row, str(error), self._stored(request.segment_id), request.advance
                )
            )
        except Exception as error:  # the worker must report, not die silently
            self.report(SaveFailed(request.row, str(error)))
        else:
            self._advanced[(request.segment_id, version)] = saved.version
            self.report(SegmentSaved(request.row, saved, request.advance))

    def _stored(self, segment_id: int) -> Segment | None:
        try:
            return services.stored_segment(self.db, segment_id)
        except Exception:  # the conflict is reported all the same
            return None
