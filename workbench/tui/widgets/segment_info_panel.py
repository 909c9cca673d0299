"""Where the current segment comes from: its context, the file's note, a lock, its codes."""

from __future__ import annotations

from rich.text import Text

from workbench.domain.document import Segment, is_locked
from workbench.domain.labels import code_labels
from workbench.tui.widgets.editor_panel import EditorPanel, SegmentFocused

CONTEXT_ROOM = 400
"""Characters of a context or note shown (a pasted comment can be a page long)."""


def segment_rows(segment: Segment) -> list[tuple[Text, Text]]:
    """What the translator should know about a segment besides its text, as labelled rows.

    The context is where the file says the text sits (a JSON key, a paragraph style, a cue's
    time, a msgctxt); the note is what the file's author wrote for the translator; each code is
    named by what it stands for (bold, link, page break…), which its label ⟨1⟩ does not say.
    """
    rows: list[tuple[Text, Text]] = []
    if is_locked(segment):
        rows.append((Text("locked", style="bold red"), Text("by the file's tool: read only")))
    if segment.context:
        rows.append((Text("where", style="dim"), Text(_clipped(segment.context))))
    if segment.note:
        rows.append((Text("note", style="dim"), Text(_clipped(segment.note), style="italic")))
    labels = code_labels(segment.codes)
    for label, code in zip(labels, segment.codes, strict=True):
        if code.kind == "close":
            continue  # its opening code already says what the pair is
        meaning = code.display or code.element
        rows.append((Text(label, style="bold magenta"), Text(meaning, style="dim")))
    return rows


def _clipped(text: str) -> str:
    return text if len(text) <= CONTEXT_ROOM else text[: CONTEXT_ROOM - 1] + "…"


class SegmentInfoPanel(EditorPanel):
    """The current segment's context, note, lock and codes; hidden when it has none."""

    def on_segment_focused(self, message: SegmentFocused) -> None:
        """Show what the file says about the segment that became current."""
        rows = segment_rows(message.focus.segment)
        self.display = bool(rows)
        if rows:
            self.show_rows(rows)
