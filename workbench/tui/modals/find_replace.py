"""Find and replace in targets, with a live preview of every change before anything is saved."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Checkbox, DataTable, Input, Label, Static

from workbench.domain.document import InlineCode, Segment, code_index
from workbench.domain.find import Replacement, plan_replacements

STYLES = Path(__file__).resolve().parents[1] / "styles" / "overview.tcss"
"""The stylesheet the dialog shares with the overview and the filter."""

CodeLabels = Callable[[list[InlineCode]], list[str]]
"""How the editor labels a segment's codes (⟨1⟩ ⟨/1⟩ ⟨2/⟩), one label per code."""

DEBOUNCE = 0.3
"""Seconds of no typing before the preview is worked out again."""

_CONTEXT = 12
"""Characters of context kept before the first change when a text is cut to fit."""

_KEYS = Text("⏎ preview · ^r replace all", style="dim")
"""The keys the dialog adds, as Textual's footer would show them (a modal has no footer)."""

_DOLLAR_GROUP = re.compile(r"\$\d")


def numbered_labels(codes: list[InlineCode]) -> list[str]:
    """Labels by position (⟨1⟩ ⟨/2⟩ ⟨3/⟩), when the caller has no labels of its own."""
    marks = {"open": "⟨{}⟩", "close": "⟨/{}⟩", "standalone": "⟨{}/⟩"}
    return [marks[code.kind].format(number) for number, code in enumerate(codes, 1)]


def marked_text(
    text: str, spans: list[tuple[int, int]], style: str, labels: list[str], width: int = 0
) -> Text:
    """Text with spans in style, codes as dim labels, cut to width around the first span."""
    shown = Text()
    first = None
    for start, end, inside in _runs(text, spans):
        if inside and first is None:
            first = len(shown)
        for piece, code in _pieces(text[start:end]):
            if code is None:
                shown.append(piece.replace("\n", "⏎"), style=style if inside else "")
            else:
                label = labels[code] if code < len(labels) else f"⟨{code + 1}⟩"
                shown.append(label, style=f"dim {style}" if inside else "dim")
    if first is None and spans:
        first = len(shown)  # an insertion at the very end
    if width and first is not None and first > _CONTEXT and len(shown) > width:
        shown = Text("…").append_text(shown[first - _CONTEXT :])
    return shown


def _pieces(text: str) -> list[tuple[str, int | None]]:
    """The text as runs of plain characters (code None) and single codes (their index)."""
    pieces: list[tuple[str, int | None]] = []
    plain: list[str] = []
    for char in text:
        code = code_index(char)
        if code is None:
            plain.append(char)
            continue
        if plain:
            pieces.append(("".join(plain), None))
            plain = []
        pieces.append((char, code))
    if plain:
        pieces.append(("".join(plain), None))
    return pieces


def _runs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The text cut into (start, end, inside a span) runs, in order."""
    runs: list[tuple[int, int, bool]] = []
    done = 0
    for start, end in sorted(spans):
        if start > done:
            runs.append((done, start, False))
        runs.append((start, end, True))
        done = end
    if done < len(text):
        runs.append((done, len(text), False))
    return runs


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


@dataclass(frozen=True, slots=True)
class ReplaceQuery:
    """What the inputs of the dialog say: what a preview is worked out for."""

    find: str
    replace: str
    case_sensitive: bool
    regex: bool
    whole_word: bool


class FindReplaceModal(ModalScreen[list[Replacement] | None]):
    """Find and replace inputs, options and the preview; dismisses with the changed targets.

    The preview follows the typing after a short pause (enter shows it at once); Replace all
    gives the changed replacements to the caller, which saves them; Escape gives None.
    """

    CSS_PATH = STYLES
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+r", "replace_all", "Replace all"),
    ]
    """Escape changes nothing; ctrl+r replaces what the preview shows."""

    class PreviewReady(Message):
        """The replacements of one state of the inputs, or why there are none."""

        def __init__(
            self, query: ReplaceQuery, replacements: list[Replacement], error: str | None = None
        ) -> None:
            super().__init__()
            self.query = query
            self.replacements = replacements
            self.error = error

    def __init__(
        self, segments: list[Segment], code_labels: CodeLabels | None = None, find: str = ""
    ) -> None:
        super().__init__()
        self.segments = segments
        self.labels = code_labels or numbered_labels
        self._codes = {segment.position: segment.codes for segment in segments}
        self.initial_find = find
        self.replacements: list[Replacement] = []
        """The preview's replacements, changed and skipped-only ones alike."""
        self._shown: ReplaceQuery | None = None
        """The query the preview shows; Replace all waits until it is what the inputs say."""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="replace-dialog"):
            with Horizontal(classes="dialog-row"):
                yield Label("Find")
                yield Input(self.initial_find, id="replace-find", compact=True)
            with Horizontal(classes="dialog-row"):
                yield Label("Replace")
                yield Input(id="replace-with", placeholder="(nothing: delete)", compact=True)
            with Horizontal(classes="dialog-row"):
                yield Label("")
                yield Checkbox("Match case", id="replace-case", compact=True)
                yield Checkbox("Regex", id="replace-regex", compact=True)
                yield Checkbox("Whole word", id="replace-word", compact=True)
            yield Static("Type what to find.", id="replace-count")
            yield DataTable(id="replace-preview", cursor_type="row", zebra_stripes=True)
            with Horizontal(classes="dialog-buttons"):
                yield Static(_KEYS, id="replace-keys")
                yield Button(
                    "Replace all", variant="primary", id="replace-all", disabled=True, compact=True
                )
                yield Button("Cancel", id="replace-cancel", compact=True)

    def on_mount(self) -> None:
        """Title the dialog, lay out the preview and start in the find input."""
        self.query_one("#replace-dialog").border_title = "Find and replace in targets"
        table = self.query_one(DataTable)
        text_width = self._text_width()
        table.add_column("#", key="position", width=4)
        table.add_column("before", key="before", width=text_width)
        table.add_column("after", key="after", width=text_width)
        self.query_one("#replace-find", Input).focus()
        if self.initial_find:
            self._start_preview()

    def _text_width(self) -> int:
        """Cells for each of the two texts, from the dialog's width (90% of the screen, ≤ 110)."""
        dialog = min(110, self.app.size.width * 9 // 10) - 4
        return max(12, (dialog - 4 - 3 * 2 - 2) // 2)

    # --- the preview -------------------------------------------------------------------------

    def current_query(self) -> ReplaceQuery:
        """What the inputs say now."""
        return ReplaceQuery(
            self.query_one("#replace-find", Input).value,
            self.query_one("#replace-with", Input).value,
            self.query_one("#replace-case", Checkbox).value,
            self.query_one("#replace-regex", Checkbox).value,
            self.query_one("#replace-word", Checkbox).value,
        )

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _inputs_changed(self) -> None:
        """Work the preview out again once the typing pauses."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.current_query() == self._shown:
            return  # back to what the preview shows (or the inputs' first values arriving)
        self.query_one("#replace-all", Button).disabled = True
        self._timer = self.set_timer(DEBOUNCE, self._start_preview)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        """Enter shows the preview at once."""
        if self._timer is not None:
            self._timer.stop()
        self._start_preview()

    def _start_preview(self) -> None:
        self._timer = None
        query = self.current_query()
        if query.find:
            self._preview(query)
        else:
            self._show(query, [], None)

    @work(thread=True, exclusive=True, group="preview")
    def _preview(self, query: ReplaceQuery) -> None:
        # off the UI thread: a regular expression over a long document may take a while
        try:
            plan = plan_replacements(
                self.segments,
                query.find,
                query.replace,
                case_sensitive=query.case_sensitive,
                regex=query.regex,
                whole_word=query.whole_word,
            )
        except ValueError as error:
            self.post_message(self.PreviewReady(query, [], str(error)))
            return
        self.post_message(self.PreviewReady(query, plan))

    def on_find_replace_modal_preview_ready(self, message: PreviewReady) -> None:
        """Show the preview if it is still that of what the inputs say."""
        if message.query == self.current_query():
            self._show(message.query, message.replacements, message.error)

    def _show(
        self, query: ReplaceQuery, replacements: list[Replacement], error: str | None
    ) -> None:
        self.replacements = replacements
        self._shown = query
        self._fill_table()
        changed = [r for r in replacements if r.changed]
        self.query_one("#replace-all", Button).disabled = not changed
        self.query_one("#replace-count", Static).update(self._count_text(query, error))

    def _count_text(self, query: ReplaceQuery, error: str | None) -> Text:
        if error is not None:
            return Text(error, style="red")
        if not query.find:
            return Text("Type what to find.")
        changes = sum(len(r.spans) for r in self.replacements)
        segments = sum(1 for r in self.replacements if r.changed)
        skipped = sum(len(r.skipped) for r in self.replacements)
        text = Text(f"{_count(changes, 'replacement')} in {_count(segments, 'segment')}")
        if skipped:
            text.append(f" · {skipped} skipped: they would break inline codes", style="yellow")
        if query.regex and _DOLLAR_GROUP.search(query.replace):
            text.append(" · groups are written \\1, not $1", style="yellow")
        return text

    def _fill_table(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        width = self._text_width()
        for number, replacement in enumerate(self.replacements):
            segment_labels = self._labels_of(replacement)
            position = Text(str(replacement.position), style="dim", justify="right")
            if replacement.changed:
                before_spans = [(s.before_start, s.before_end) for s in replacement.spans]
                after_spans = [(s.after_start, s.after_end) for s in replacement.spans]
                table.add_row(
                    position,
                    marked_text(
                        replacement.before, before_spans, "bold red", segment_labels, width
                    ),
                    marked_text(
                        replacement.after, after_spans, "bold green", segment_labels, width
                    ),
                    key=f"{number}",
                )
            for skip_number, skipped in enumerate(replacement.skipped):
                codes = " ".join(
                    segment_labels[i] if i < len(segment_labels) else f"⟨{i + 1}⟩"
                    for i in skipped.codes
                )
                table.add_row(
                    position,
                    marked_text(
                        replacement.before,
                        [(skipped.start, skipped.end)],
                        "bold yellow",
                        segment_labels,
                        width,
                    ),
                    Text(f"skipped: it would break {codes}", style="yellow"),
                    key=f"{number}-skipped-{skip_number}",
                )

    def _labels_of(self, replacement: Replacement) -> list[str]:
        codes = self._codes.get(replacement.position)
        return self.labels(codes) if codes else []

    # --- the outcome -------------------------------------------------------------------------

    @on(Button.Pressed, "#replace-all")
    def action_replace_all(self) -> None:
        """Give the caller the replacements the preview shows, if it is up to date."""
        if self._shown != self.current_query():
            self._submitted()
            self.notify("The preview was not up to date: check it, then replace.")
            return
        changed = [r for r in self.replacements if r.changed]
        if not changed:
            self.notify("Nothing to replace.")
            return
        self.dismiss(changed)

    @on(Button.Pressed, "#replace-cancel")
    def action_cancel(self) -> None:
        """Close without replacing anything."""
        self.dismiss(None)
