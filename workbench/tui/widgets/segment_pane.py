"""The segment being edited: its source (read-only, term hits and codes marked) and its target."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Vertical

from workbench.domain.document import Segment, code_index
from workbench.domain.matching import Hit
from workbench.tui.codes import shown_offsets, shown_text, stored_offset, stored_text
from workbench.tui.widgets.code_area import CodeTextArea, Mark
from workbench.tui.widgets.source_area import SourceArea
from workbench.tui.widgets.target_area import TargetArea


def cursor_index(area: CodeTextArea) -> int:
    """The cursor's offset in the area's text."""
    row, column = area.cursor_location
    return sum(len(line) + 1 for line in area.text.split("\n")[:row]) + column


def location_at(text: str, index: int) -> tuple[int, int]:
    """The (row, column) of an offset in a text (the inverse of cursor_index)."""
    row = text.count("\n", 0, index)
    return row, index - (text.rfind("\n", 0, index) + 1)


def source_marks(segment: Segment, hits: list[Hit]) -> list[Mark]:
    """The term hits and codes of a source, as spans of its shown text (codes as labels)."""
    offsets = shown_offsets(segment.source, segment.codes)
    marks: list[Mark] = [(offsets[hit.start], offsets[hit.end], "term") for hit in hits]
    marks += [
        (offsets[at], offsets[at + 1], "code")
        for at, char in enumerate(segment.source)
        if code_index(char) is not None
    ]
    return marks


class SegmentPane(Vertical):
    """Source above target; texts go in and come out with codes as code characters."""

    DEFAULT_CSS = """
    SegmentPane {
        height: auto;
    }
    """

    def __init__(self, commands: Mapping[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.segment: Segment | None = None
        self.source_area = SourceArea(id="editor-source")
        self.target_area = TargetArea(commands, id="editor-target")

    def compose(self) -> ComposeResult:
        yield self.source_area
        yield self.target_area

    def on_mount(self) -> None:
        """Title the target box."""
        self.target_area.border_title = "target"

    def show(self, segment: Segment, target: str, hits: list[Hit]) -> None:
        """Show a segment with target (stored form) in the box, the cursor at its end."""
        self.segment = segment
        self.source_area.set_codes(segment.codes)
        self.target_area.set_codes(segment.codes)
        self.mark_source(hits)
        area = self.target_area
        area.load_text(shown_text(target, segment.codes))
        area.move_cursor(area.document.end)

    def mark_source(self, hits: list[Hit]) -> None:
        """Show the source with these term hits marked."""
        if self.segment is not None:
            segment = self.segment
            self.source_area.show(
                shown_text(segment.source, segment.codes), source_marks(segment, hits)
            )

    def typed(self) -> str:
        """The target as typed, codes as code characters."""
        codes = self.segment.codes if self.segment is not None else []
        return stored_text(self.target_area.text, codes)

    def replace_target(self, text: str) -> None:
        """Put text (stored form) in place of the whole target, as one undoable edit."""
        area = self.target_area
        area.replace(text, (0, 0), area.document.end)
        area.focus()

    def type(self, text: str) -> None:
        """Put text (stored form) where the cursor is, over any selection, the cursor after it."""
        area = self.target_area
        edit = area.replace(text, *area.selection, maintain_selection_offset=False)
        area.move_cursor(edit.end_location)
        area.focus()

    def split_offsets(self) -> tuple[int, int | None]:
        """Where to split: the source cursor, and the target cursor unless at either end."""
        assert self.segment is not None
        codes = self.segment.codes
        source_at = stored_offset(
            shown_offsets(self.segment.source, codes), cursor_index(self.source_area)
        )
        typed = self.typed()
        target_at = stored_offset(shown_offsets(typed, codes), cursor_index(self.target_area))
        return source_at, target_at if 0 < target_at < len(typed) else None
