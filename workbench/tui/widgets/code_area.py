"""A TextArea in which inline-code labels (⟨1⟩, ⟨INTERPOLATION/⟩) behave as single characters.

The editor shows each code as a label of several characters, so that a translator can read
it; a TextArea would let the cursor into a label and an edit take part of one, and the code
would be lost. Here the cursor and both ends of a selection stop only at a label's edges, an
edit that touches a label takes the whole label, and text put in (typed, pasted, inserted)
with code characters shows them as labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Location, Selection

from workbench.domain.document import InlineCode
from workbench.tui.codes import code_labels, shown_text

Mark = tuple[int, int, str]
"""A span of the shown text (start, end, in characters) and its style's name in the area's
theme: "term" or "code" in the source, "misspelled" in the target."""


class CodeTextArea(TextArea):
    """A soft-wrapping TextArea that keeps the labels of the current segment's codes whole."""

    def __init__(self, *, read_only: bool = False, id: str | None = None) -> None:
        self._codes: list[InlineCode] = []
        self._labels: list[str] = []
        self._label_pattern: re.Pattern[str] | None = None
        self._marks: list[Mark] = []
        super().__init__(id=id, read_only=read_only, soft_wrap=True, tab_behavior="focus")

    @property
    def marks(self) -> list[Mark]:
        """The spans styled in the text shown (set before load_text, or at any time)."""
        return self._marks

    @marks.setter
    def marks(self, marks: list[Mark]) -> None:
        self._marks = marks
        if self.is_mounted:
            self._build_highlight_map()
            self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """Draw every line again at the new width.

        TextArea wraps the text again on a resize but repaints only when the wrapped height
        changes: lines drawn at the old width stayed on screen, with words doubled or missing.
        """
        self.refresh()

    def without_labels(self) -> str:
        """The text with each code label blanked by as many spaces (offsets kept)."""
        if self._label_pattern is None:
            return self.text
        return self._label_pattern.sub(lambda found: " " * len(found.group()), self.text)

    def _build_highlight_map(self) -> None:
        """Highlight the marks (TextArea wants them per line, in UTF-8 byte columns)."""
        self._line_cache.clear()
        self._highlights.clear()
        lines = self.text.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        for start, end, name in getattr(self, "_marks", []):
            for row, line_start in enumerate(starts):
                line = lines[row]
                first, last = max(start, line_start), min(end, line_start + len(line))
                if first >= last:
                    continue
                begin = len(line[: first - line_start].encode("utf-8"))
                finish = len(line[: last - line_start].encode("utf-8"))
                self._highlights[row].append((begin, finish, name))

    @property
    def codes(self) -> list[InlineCode]:
        """The codes of the segment shown, whose labels are kept whole."""
        return self._codes

    @property
    def labels(self) -> list[str]:
        """The label of each code, as shown."""
        return self._labels

    def set_codes(self, codes: Sequence[InlineCode]) -> None:
        """Keep the labels of these codes whole from now on (call before load_text)."""
        self._codes = list(codes)
        self._labels = code_labels(self._codes) if codes else []
        longest_first = sorted(set(self._labels), key=len, reverse=True)
        self._label_pattern = (
            re.compile("|".join(map(re.escape, longest_first))) if longest_first else None
        )

    def label_spans(self, row: int) -> list[tuple[int, int]]:
        """The columns (start, end) of every label on a line of the document."""
        if self._label_pattern is None or not 0 <= row < self.document.line_count:
            return []
        return [found.span() for found in self._label_pattern.finditer(self.document[row])]

    def snapped(self, location: Location, forward: bool) -> Location:
        """The location moved out of any label it is inside: to its end, or to its start."""
        row, column = location
        for start, end in self.label_spans(row):
            if start < column < end:
                return (row, end if forward else start)
            if start >= column:
                break
        return location

    def _validate_selection(self, selection: Selection) -> Selection:
        """Stop the cursor and the selection's ends at label edges, in the way they move."""
        selection = super()._validate_selection(selection)
        if self._label_pattern is None:
            return selection
        previous = self.selection
        start, end = selection
        if start != previous.start:  # an anchor set anew takes in any label it falls in
            start = self.snapped(start, forward=start > end)
        if end != previous.end:  # the cursor: over the label, in the direction it went
            end = self.snapped(end, forward=end > previous.end)
        if selection.is_empty and start != end:
            start = end  # a cursor set inside a label lands on one edge, not a selection
        return Selection(start, end)

    def edit(self, edit: Edit) -> EditResult:
        """Widen the edit to whole labels; code characters in its text are shown as labels."""
        if self._label_pattern is None and not self._codes:
            return super().edit(edit)
        top, bottom = sorted((edit.from_location, edit.to_location))
        if top == bottom:
            top = bottom = self.snapped(top, forward=True)
        else:
            top, bottom = self.snapped(top, forward=False), self.snapped(bottom, forward=True)
        text = shown_text(edit.text, self._codes)
        if (top, bottom, text) == (edit.top, edit.bottom, edit.text):
            return super().edit(edit)
        return super().edit(Edit(text, top, bottom, edit.maintain_selection_offset))
