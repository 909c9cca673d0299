"""The editor's translation memory: the stored units plus those confirmed in this session."""

from __future__ import annotations

import threading
from dataclasses import replace

from workbench.domain.memory import TmIndex, TmMatch, TmUnit


class SessionMemory:
    """A TmIndex shared by the UI thread (adds) and workers (lookups), which take turns."""

    def __init__(self) -> None:
        self.index: TmIndex | None = None
        self._lock = threading.Lock()
        self._units: dict[int, TmUnit] = {}
        """Units confirmed here by segment id, also while the stored index is still loading."""
        self._next_id = -1
        """Ids for units confirmed here: negative, as the stored unit's id is not known."""

    @property
    def ready(self) -> bool:
        """Whether the stored units have been indexed."""
        return self.index is not None

    def attach(self, index: TmIndex) -> None:
        """Use the stored units' index, adding what was confirmed while it loaded."""
        with self._lock:
            index.add_many(self._units.values())
            self.index = index

    def remember(self, segment_id: int, unit: TmUnit) -> None:
        """Add a confirmed segment; confirming it again replaces its earlier target."""
        known = self._units.get(segment_id)
        if known is None:
            unit = replace(unit, id=self._next_id)
            self._next_id -= 1
        else:
            unit = replace(unit, id=known.id)
        with self._lock:
            self._units[segment_id] = unit
            if self.index is not None:
                self.index.add(unit)

    def replace_stored(self, unit_id: int, unit: TmUnit | None) -> None:
        """A stored unit changed (or, None, was deleted) elsewhere: match it as it now is."""
        with self._lock:
            if self.index is None:
                return
            if unit_id in self.index:
                self.index.remove(unit_id)
            if unit is not None:
                self.index.add(unit)

    def lookup(
        self, source: str, source_lang: str, target_lang: str, context: str, limit: int = 3
    ) -> list[TmMatch]:
        """The best matches of source, in context; none before the index is there."""
        with self._lock:
            if self.index is None:
                return []
            return self.index.lookup(source, source_lang, target_lang, limit=limit, context=context)
