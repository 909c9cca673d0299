"""Putting text into the target: the source, a TM match, a term, a code of the source."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from textual.binding import Binding

from workbench.domain.document import code_char
from workbench.services import Suggestion
from workbench.tui.codes import code_labels, missing_codes
from workbench.tui.editor.tool import EditorTool
from workbench.tui.widgets.editor_panel import SegmentFocused

ALT_DIGIT_KEYS = [
    ("inverted_exclamation_mark", "¡"),
    ("trade_mark_sign", "™"),
    ("pound_sign", "£"),
    ("cent_sign", "¢"),
    ("infinity", "∞"),
    ("section_sign", "§"),
    ("pilcrow_sign", "¶"),
    ("bullet", "•"),
    ("ª", "ª"),
]
"""What Textual makes of alt+1 … alt+9 from most terminals (ESC and a digit, as macOS types)."""


class Inserting(EditorTool):
    """Insert the source, TM matches, term renderings and the source's codes into the target."""

    NAME = "insert"
    LISTENS = True  # the code key is offered only where the segment has codes
    KEYS: ClassVar[list[Binding]] = [
        Binding("ctrl+g", "copy_source", "Copy src", tooltip="Copy the source into the target"),
        Binding(
            "alt+t",
            "insert_tm",
            "TM",
            tooltip="Insert the best TM match (again: the next one; match N from the palette)",
        ),
        Binding(
            "alt+1",
            "insert_term(1)",
            "Term",
            key_display="alt+1…9",
            tooltip="Insert term hit 1…9 of the term panel (its preferred rendering)",
        ),
        *(
            Binding(
                f"alt+{n}",
                f"insert_term({n})",
                f"Term {n}",
                show=False,
                tooltip=f"Insert term {n}",
            )
            for n in range(2, 10)
        ),
        *(
            Binding(key, f"insert_term({n}, {char!r})", show=False)
            for n, (key, char) in enumerate(ALT_DIGIT_KEYS, 1)
        ),
        Binding(
            "f9",
            "insert_missing_code",
            "Code",
            tooltip="Insert the next inline code of the source that the target lacks (the "
            "palette lists each code)",
        ),
    ]

    _codes_shown = False
    """Whether the footer offers the code key (the current segment has codes)."""

    def on_segment_focused(self, message: SegmentFocused) -> None:
        """Offer the code key in the footer where the segment has codes, and only there."""
        if bool(message.focus.segment.codes) != self._codes_shown:
            self._codes_shown = not self._codes_shown
            self.editor.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The code key works where the current segment has codes."""
        if action == "insert_missing_code":
            segment = self.editor.current_segment
            return segment is not None and bool(segment.codes)
        return True

    def action_copy_source(self) -> None:
        """Replace the target with the source (ctrl+z takes it back)."""
        segment = self.editor.current_segment
        if segment is not None:
            self.editor.pane.replace_target(segment.source)

    def action_insert_tm(self) -> None:
        """Put the best TM match in the target; pressed again, the next one (ctrl+z undoes)."""
        matches = self.editor.tm_matches
        if not matches:
            self.notify("No TM match for this segment.", severity="warning")
            return
        shown = [match.target for match in matches]
        typed = self.editor.target_area.text
        number = shown.index(typed) + 2 if typed in shown else 1
        self.action_insert_tm_match(1 + (number - 1) % len(shown))

    def action_insert_tm_match(self, number: int) -> None:
        """Replace the target with TM match number (1 = best)."""
        editor = self.editor
        matches = editor.tm_matches
        if editor.current is None or not 1 <= number <= len(matches):
            self.notify(f"No TM match {number} for this segment.", severity="warning")
            return
        match = matches[number - 1]
        editor.pane.replace_target(match.target)
        origin = f"tm:{match.score} {match.origin}".strip()
        editor.saving.suggestions[editor.current] = Suggestion(editor.typed(), origin)

    def action_insert_term(self, number: int, typed: str = "") -> None:
        """Insert the preferred rendering of term hit number at the cursor.

        typed is the character the key also stands for (ESC 3 arrives as £). Without a term
        number nothing is typed: on Linux terminals and over SSH the key was alt+3, and a stray
        £ in a translation is an error no one asked for.
        """
        entries = self.editor.entries
        if self.editor.current is None or not 1 <= number <= len(entries):
            self.notify(f"No term {number} in this segment.", severity="warning")
            return
        rendering = entries[number - 1].insertable
        if rendering is None:
            self.notify(f"Term {number} has no rendering to insert.", severity="warning")
            return
        self.editor.pane.type(rendering)

    def action_insert_missing_code(self) -> None:
        """Insert, at the cursor, the first code of the source that the target does not have."""
        segment = self.editor.current_segment
        if segment is None:
            return
        missing = missing_codes(segment.source, self.editor.typed())
        if not missing:
            self.notify("The target has every code of the source.", severity="warning")
            return
        self.editor.pane.type(code_char(missing[0]))

    def action_insert_code(self, index: int) -> None:
        """Insert code number index (from 0) of the segment at the cursor."""
        segment = self.editor.current_segment
        if segment is not None and 0 <= index < len(segment.codes):
            self.editor.pane.type(code_char(index))

    def palette_commands(self) -> Iterator[tuple[str, str, str]]:
        """TM match 1-3, the term hits past the ninth, and each code of the segment."""
        for number in (1, 2, 3):
            yield (
                f"Insert TM match {number}",
                "replace the target with it",
                f"insert_tm_match({number})",
            )
        for number, entry in enumerate(self.editor.entries, 1):
            if number > 9 and entry.insertable:  # past alt+9: from the palette
                yield (
                    f"Insert term {number}: {entry.insertable}",
                    "at the cursor",
                    (f"insert_term({number})"),
                )
        segment = self.editor.current_segment
        if segment is not None:
            for index, label in enumerate(code_labels(segment.codes)):
                yield f"Insert code {label}", "at the cursor", f"insert_code({index})"
