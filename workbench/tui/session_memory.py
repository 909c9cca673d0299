"""The editor's translation memory: the stored units plus those confirmed in this session."""

from __future__ import annotations

import threading

from workbench.domain.memory import TmIndex, TmMatch, TmUnit, TmUnitData


class SessionMemory:
    """A TmIndex shared by the UI thread (adds) and workers (lookups), which take turns."""

    def __init__(self) -> None:
        self.index: TmIndex | None = None
        self._lock = threading.Lock()
        self._units: list[TmUnit] = []
        """Units confirmed here, also while the stored index is still loading."""

    @property
    def ready(self) -> bool:
        """Whether the stored units have been indexed."""
        return self.index is not None

    def attach(self, index: TmIndex) -> None:
        """Use the stored units' index, adding what was confirmed while it loaded."""
        with self._lock:
            for unit in self._units:
                index.put(unit)
            self.index = index

    def remember(self, unit: TmUnitData) -> None:
        """Add a confirmed unit in place of the stored one with the same key, as the database
        does (ids of units confirmed here are negative: the stored unit's id is not known)."""
        with self._lock:
            stored = unit.stored_as(-1 - len(self._units))
            self._units.append(stored)
            if self.index is not None:
                self.index.put(stored)

    def replace_stored(self, unit_id: int, unit: TmUnit | None) -> None:
        """A stored unit changed (or, None, was deleted) elsewhere: match it as it now is."""
        with self._lock:
            if self.index is None:
                return
            if unit_id in self.index:
                self.index.remove(unit_id)
            if unit is not None:  # edited into another unit's key: merged into it, as stored
                self.index.put(unit)

    def lookup(
        self,
        source: str,
        source_lang: str,
        target_lang: str,
        context: str,
        exclude: tuple[str, int] | None = None,
        limit: int = 3,
    ) -> list[TmMatch]:
        """The best matches of source, in context, but for the units of the segment exclude
        (document, segment id); none before the index is there."""
        with self._lock:
            if self.index is None:
                return []
            return self.index.lookup(
                source, source_lang, target_lang, limit=limit, context=context, exclude=exclude
            )
