"""The current segment's source: read-only but selectable, with term hits and codes marked."""

from __future__ import annotations

from rich.style import Style
from textual.widgets.text_area import TextAreaTheme

from workbench.tui.widgets.code_area import CodeTextArea

Mark = tuple[int, int, str]
"""A span of the shown text (start, end, in characters) and what it is: "term" or "code"."""

SOURCE_THEME = TextAreaTheme(
    name="workbench-source",
    syntax_styles={
        "term": Style(color="cyan", bold=True, underline=True),
        "code": Style(color="magenta", bold=True),
    },
)
"""Term hits underlined, inline codes in magenta; everything else as the app's theme has it."""


class SourceArea(CodeTextArea):
    """Read-only, but the translator can select a term to quick-add or place a split point.

    Codes are kept whole here too, so that a code copied from the source pastes as a code.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, read_only=True)
        self.register_theme(SOURCE_THEME)
        self.theme = SOURCE_THEME.name
        self._marks: list[Mark] = []

    def show(self, text: str, marks: list[Mark]) -> None:
        """Show text with its marks, the cursor at the start."""
        self._marks = marks
        self.load_text(text)

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
