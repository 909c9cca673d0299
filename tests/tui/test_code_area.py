"""Random editing tries to break a code label in the target; a code goes whole or stays whole."""

from __future__ import annotations

import asyncio
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets.text_area import Selection

from workbench.domain.document import InlineCode, code_char
from workbench.tui.codes import code_labels, shown_text, stored_text
from workbench.tui.widgets.target_area import TargetArea

CODES = [
    InlineCode("open", "g", "1", "<b>"),
    InlineCode("close", "g", "1", "</b>"),
    InlineCode("standalone", "x", "INTERPOLATION", '<x id="INTERPOLATION"/>'),
]
LABELS = code_labels(CODES)
START = f"{code_char(2)} 응용 {code_char(0)}bold{code_char(1)} end"
"""⟨INTERPOLATION/⟩ 응용 ⟨1⟩bold⟨/1⟩ end"""

KEYS = [
    "left",
    "right",
    "shift+left",
    "shift+right",
    "ctrl+left",
    "ctrl+right",
    "ctrl+shift+left",
    "ctrl+shift+right",
    "home",
    "end",
    "shift+home",
    "shift+end",
    "backspace",
    "delete",
    "ctrl+w",
    "alt+delete",
    "ctrl+x",
    "ctrl+c",
    "ctrl+v",
    "ctrl+z",
    "ctrl+y",
    "a",
    "space",
    "가",
]
"""Keys as the target takes them: moves, selections, deletions, cut/copy/paste, undo, typing."""

operations = st.one_of(
    st.sampled_from(KEYS).map(lambda key: ("key", key)),
    st.tuples(st.integers(0, 40), st.integers(0, 40)).map(lambda ends: ("select", ends)),
    st.tuples(st.integers(0, len(START)), st.integers(0, len(START))).map(
        lambda span: ("paste", START[min(span) : max(span)])
    ),
)
"""A key, a selection dragged between two offsets (as a mouse would), or a paste of a piece
of the stored text (codes as code characters, as another program might hand them over)."""


class TargetApp(App[None]):
    def compose(self) -> ComposeResult:
        area = TargetArea(id="target")
        area.set_codes(CODES)
        yield area


def location(area: TargetArea, offset: int) -> tuple[int, int]:
    return (0, max(0, min(offset, len(area.text))))


def labels_whole(shown: str) -> bool:
    """No piece of a label is left once every whole label is taken out."""
    rest = re.sub("|".join(map(re.escape, LABELS)), "", shown)
    return "⟨" not in rest and "⟩" not in rest


async def run(steps: list[tuple[str, object]]) -> None:
    app = TargetApp()
    async with app.run_test() as pilot:
        area = app.query_one(TargetArea)
        area.load_text(shown_text(START, CODES))
        area.focus()
        await pilot.pause()
        for kind, value in steps:
            if kind == "key":
                await pilot.press(str(value))
            elif kind == "select":
                start, end = value  # type: ignore[misc]
                area.selection = Selection(location(area, start), location(area, end))
            else:
                area.replace(str(value), *area.selection)
            shown = area.text
            assert labels_whole(shown), (steps, shown)
            for row, column in area.selection:
                for start, end in area.label_spans(row):
                    assert not start < column < end, (steps, shown, area.selection)
            # stored, every label left is a code again: no ⟨ or ⟩ of a broken one remains
            stored = stored_text(shown, CODES)
            assert "⟨" not in stored and "⟩" not in stored, (steps, shown)


@settings(max_examples=25, deadline=None)
@given(st.lists(operations, min_size=1, max_size=14))
def test_no_edit_leaves_part_of_a_code(steps: list[tuple[str, object]]) -> None:
    asyncio.run(run(steps))
