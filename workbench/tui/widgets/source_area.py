"""The current segment's source: read-only but selectable, with term hits and codes marked."""

from __future__ import annotations

from rich.style import Style
from textual.widgets.text_area import TextAreaTheme

from workbench.tui.widgets.code_area import CodeTextArea, Mark

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

    def show(self, text: str, marks: list[Mark]) -> None:
        """Show text with its marks, the cursor at the start."""
        self.marks = marks
        self.load_text(text)
