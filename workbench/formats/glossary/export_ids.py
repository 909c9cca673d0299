"""The ids our glossary exports write, so that importing an export again finds every concept."""

from __future__ import annotations

from collections.abc import Callable

from workbench.domain.model import Concept


class ExportIds:
    """One id per concept, unique in the file: its own id (uid) when usable, else its stable id.

    A uid means something within the concept's origin, which the export writes beside it; a
    stable id is the term base's own and found on import in any origin. Two origins can both
    have `c1`: the second gets its stable id. A concept stored without a stable id (rows
    written by something other than workbench) gets `c<database id>`; one never stored gets
    a counter where the format requires an id (TBX), else none.
    """

    def __init__(self, usable: Callable[[str], bool] = bool, required: bool = False) -> None:
        self._usable = usable
        self._required = required
        self._used: set[str] = set()
        self._next = 1

    def make(self, concept: Concept) -> str:
        """An id for the concept, never one already given out."""
        database = None if concept.id is None else f"c{concept.id}"
        for wanted in (concept.uid, concept.stable_id, database):
            if wanted and self._usable(wanted) and wanted not in self._used:
                self._used.add(wanted)
                return wanted
        if not self._required:
            return ""
        while f"c{self._next}" in self._used:
            self._next += 1
        made = f"c{self._next}"
        self._used.add(made)
        return made
