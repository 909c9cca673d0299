"""Screens: the pairs of a batch worth calling a check on (see registry.Screen).

A screen may let through pairs its check passes, never leave out one it reports on. Most
work in C over the batch's texts joined: one search instead of a Python call per pair.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.domain.checks.facts import PairBatch, Side

if TYPE_CHECKING:
    from workbench.domain.checks.registry import CheckContext, Screen


def holding(pattern: re.Pattern[str], *sides: Side) -> Screen:
    """A screen: the pairs where pattern finds something in one of sides (within one text)."""

    def screen(batch: PairBatch, context: CheckContext) -> list[int]:
        if len(sides) == 1:
            return batch.holding(pattern, sides[0])
        return sorted({position for side in sides for position in batch.holding(pattern, side)})

    return screen


def blank_targets(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose target is empty or only whitespace."""
    return [position for position, blank in enumerate(batch.blank()) if blank]


def filled_targets(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose target has more than whitespace (most checks say nothing of the rest)."""
    return [position for position, blank in enumerate(batch.blank()) if not blank]


def cues(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs that are subtitle cues."""
    return [position for position, pair in enumerate(batch.pairs) if pair.cue is not None]
