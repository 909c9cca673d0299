"""The side panels of the editor and what the editor tells them.

The editor screen posts these messages to every `EditorPanel` it composed, in the order things
happen; a panel handles those it cares about (`on_segment_focused`, `on_target_edited`, ...)
and ignores the rest. A panel reports back by posting its own messages, which bubble up to the
screen. To add a panel: subclass EditorPanel, handle the messages, and add it to
`tui/editor/panels.py`; nothing else in the editor changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.content import Content
from textual.message import Message
from textual.visual import VisualType
from textual.widgets import Static

from workbench.domain.document import Segment
from workbench.domain.matching import TermIndex
from workbench.tui.term_entries import TermEntry


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The document open in the editor."""

    name: str
    source_lang: str
    target_lang: str | None


@dataclass(frozen=True, slots=True)
class SegmentFocus:
    """The segment being edited, with what the editor found for it."""

    row: int
    """Its index among the editor's segments (its grid row when nothing is filtered)."""
    segment: Segment
    """As stored when it became current (the target being typed comes with TargetEdited)."""
    typed: str
    """The target in the editor now, codes as code characters."""
    entries: tuple[TermEntry, ...]
    """The term hits of its source, numbered as alt+1…9 insert them."""
    segments: list[Segment]
    """The editor's segments (segment is segments[row]), for its place in the document."""


class DocumentOpened(Message, bubble=False):
    """The document's first segments are shown; the rest may still be read."""

    def __init__(self, document: DocumentInfo) -> None:
        super().__init__()
        self.document = document


class DocumentLoaded(Message, bubble=False):
    """Every segment of the document is read (also again after a join or split)."""

    def __init__(self, document: DocumentInfo, segments: list[Segment]) -> None:
        super().__init__()
        self.document = document
        self.segments = segments


class TermIndexReady(Message, bubble=False):
    """The term base was read into a recognition index (changed in place later on).

    index is None when the term base could not be read (the editor works on without terms).
    """

    def __init__(self, index: TermIndex | None) -> None:
        super().__init__()
        self.index = index


class SegmentFocused(Message, bubble=False):
    """A segment became current, or what the editor found for the current one changed."""

    def __init__(self, focus: SegmentFocus) -> None:
        super().__init__()
        self.focus = focus


class TargetEdited(Message, bubble=False):
    """The translator changed the current segment's target."""

    def __init__(self, row: int, typed: str) -> None:
        super().__init__()
        self.row = row
        self.typed = typed


class SegmentStored(Message, bubble=False):
    """A segment's new text or status was stored (a save, a replace, an undo)."""

    def __init__(self, row: int, segment: Segment, segments: list[Segment]) -> None:
        super().__init__()
        self.row = row
        self.segment = segment
        self.segments = segments
        """The editor's segments (segment is segments[row]), for its place in the document."""


class EditorPanel(Static):
    """A panel beside the segment that follows the editor's messages.

    Rows of a label and a text (`show_rows`) are laid out as Content lines, which Textual
    draws several times faster than a Rich table: the panels are drawn again at every segment.
    """

    DEFAULT_CSS = """
    EditorPanel {
        height: auto;
        padding: 0 1;
    }
    """

    _rows: list[tuple[Content, Content]] | None = None
    _heading: Content | None = None

    def show_rows(self, rows: list[tuple[Text, Text]], heading: Text | None = None) -> None:
        """Show rows of a label and a text, the text wrapped beside the labels (two columns)."""
        laid = [(as_content(label), as_content(text)) for label, text in rows]
        title = None if heading is None else as_content(heading)
        super().update(self._laid_out(laid, title, self.size.width))
        self._rows, self._heading = laid, title

    def show_lines(self, lines: list[Text]) -> None:
        """Show lines, each wrapped at the panel's width."""
        self.update(Content("\n").join(map(as_content, lines)))

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Show content instead of rows."""
        self._rows = None
        super().update(content, layout=layout)

    def on_resize(self, event: events.Resize) -> None:
        """Wrap the rows again at the new width."""
        if self._rows is not None:
            super().update(self._laid_out(self._rows, self._heading, event.size.width))

    @staticmethod
    def _laid_out(
        rows: list[tuple[Content, Content]], heading: Content | None, width: int
    ) -> Content:
        lines = [] if heading is None else [heading]
        return Content("\n").join([*lines, *two_columns(rows, width or 40)])


def as_content(text: Text) -> Content:
    """Rich text as Textual content, colours as the app's theme has them.

    (Content.from_rich_text leaves a text's own style unthemed: "cyan" would be #00ffff.)
    """
    if text.style:
        text = text.copy()
        base, text.style = text.style, ""
        text.stylize_before(base)
    return Content.from_rich_text(text)


def two_columns(rows: list[tuple[Content, Content]], width: int) -> list[Content]:
    """Each label, a space, then its text wrapped within the rest of width, under itself."""
    if not rows:
        return []
    first = max(label.cell_length for label, _ in rows)
    room = max(1, width - first - 1)
    indent = Content(" " * (first + 1))
    lines: list[Content] = []
    for label, text in rows:
        wrapped = text.wrap(room) if text.cell_length > room else [text]
        lines.append(label.pad_right(first + 1 - label.cell_length) + wrapped[0])
        lines.extend(indent + line for line in wrapped[1:])
    return lines
