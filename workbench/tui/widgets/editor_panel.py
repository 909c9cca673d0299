"""The side panels of the editor and what the editor tells them.

The editor screen posts these messages to every `EditorPanel` it composed, in the order things
happen; a panel handles those it cares about (`on_segment_focused`, `on_target_edited`, ...)
and ignores the rest. A panel reports back by posting its own messages, which bubble up to the
screen. To add a panel: subclass EditorPanel, handle the messages, and add it to
`EditorScreen.side_panels()`; nothing else in the editor changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
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
    context: str
    """The translation-memory context key of its place in the document."""


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
    """A panel beside the segment that follows the editor's messages."""

    DEFAULT_CSS = """
    EditorPanel {
        height: auto;
        padding: 0 1;
    }
    """
