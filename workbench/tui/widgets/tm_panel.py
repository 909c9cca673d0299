"""The translation-memory matches of the current segment: score, target and source diff."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text

from workbench import services
from workbench.domain.memory import TmMatch, TmUnit
from workbench.services import Database
from workbench.tui.background import CollectorPause, CostGauge, background, in_thread
from workbench.tui.codes import shown_text
from workbench.tui.session_memory import SessionMemory
from workbench.tui.widgets.editor_panel import (
    DocumentInfo,
    DocumentOpened,
    EditorPanel,
    SegmentFocus,
    SegmentFocused,
    SegmentStored,
)


@dataclass(frozen=True, slots=True)
class TmSuggestion:
    """One TM match as the panel shows it (plain data, made in the lookup worker)."""

    score: int
    """101 in context, 100 exact, 99 same text but for codes/case/spacing, else fuzzy."""
    target: str
    """The unit's target, codes shown as labels."""
    diff: tuple[tuple[str, str], ...]
    """("equal" | "delete" | "insert", text) runs turning the unit's source into this one."""
    origin: str = ""


LOOKUP_AT_ONCE = 0.004
"""Seconds a lookup may take and still be made on the UI thread (else in a thread)."""

_DIFF_STYLE = {"equal": "", "delete": "red strike", "insert": "green"}


def score_style(score: int) -> str:
    """Green for exact and in-context matches, yellow for near ones, plain for the rest."""
    if score >= 100:
        return "bold green"
    if score >= 90:
        return "bold yellow"
    return "bold"


def suggestion(match: TmMatch) -> TmSuggestion:
    """A match as the panel shows it, codes as labels."""
    codes = list(match.unit.codes)
    return TmSuggestion(
        match.score,
        shown_text(match.unit.target, codes),
        tuple((op, shown_text(text, codes)) for op, text in match.diff),
        match.unit.origin,
    )


class TmPanel(EditorPanel):
    """The best TM matches, best first; alt+t puts the first one's target in the target.

    It reads the memory of the document's language pair, looks up each segment that becomes
    current, and adds each confirmed segment, so that a repetition finds it at once.
    """

    def __init__(self, db: Database, author: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db = db
        self.author = author
        self.memory = SessionMemory()
        self.document: DocumentInfo | None = None
        self.focused_segment: SegmentFocus | None = None
        """The segment looked up last."""
        self.matches: list[TmSuggestion] = []
        """Its matches, best first, once found."""
        self.gauge = CostGauge(LOOKUP_AT_ONCE)

    def matches_for(self, row: int) -> list[TmSuggestion]:
        """The matches of row, or none while they are not (yet) those of row."""
        return (
            self.matches
            if self.focused_segment is not None and self.focused_segment.row == row
            else []
        )

    def on_mount(self) -> None:
        """Say that the memory is being read."""
        self.show_loading()

    def on_document_opened(self, message: DocumentOpened) -> None:
        """Read the memory of the document's language pair, unless it has no target language."""
        self.document = message.document
        target_lang = message.document.target_lang
        if target_lang is None:
            self.show_unavailable("the document has no target language")
            return
        self._load(message.document.source_lang, target_lang)

    @background("Reading the translation memory", group="tm")
    async def _load(self, source_lang: str, target_lang: str) -> None:
        with CollectorPause.held():  # what is read is long-lived: frozen after, never walked
            index = await in_thread(services.load_tm_index, self.db, source_lang, target_lang)
        self.memory.attach(index)
        if self.focused_segment is not None:
            self._look_up(self.focused_segment)

    def show_failure(self, what: str, error: Exception) -> None:
        """Say that there are no matches, and why."""
        self.show_unavailable(f"not available ({error})")

    def on_segment_focused(self, message: SegmentFocused) -> None:
        """Look up a segment that became current."""
        focus = message.focus
        known = self.focused_segment
        if known is not None and (known.row, known.segment.source) == (
            focus.row,
            focus.segment.source,
        ):
            return  # the same segment, with other term hits: the matches stay
        self.focused_segment = focus
        self.matches = []
        if not self.memory.ready:
            return
        if self.gauge.cheap:  # at once: drawn with the key's other changes
            self._show_found(focus, self.gauge.timed(self._matches_of, focus))
        else:
            self._look_up(focus)

    @background("Looking up the translation memory", group="tm-lookup")
    async def _look_up(self, focus: SegmentFocus) -> None:
        self._show_found(focus, await in_thread(self.gauge.timed, self._matches_of, focus))

    def _matches_of(self, focus: SegmentFocus) -> list[TmMatch]:
        document = self.document
        if document is None or document.target_lang is None:
            return []
        context = services.segment_context(focus.segments, focus.row)
        own = None if focus.segment.id is None else (document.name, focus.segment.id)
        return self.memory.lookup(
            focus.segment.source, document.source_lang, document.target_lang, context, own
        )

    def _show_found(self, focus: SegmentFocus, found: list[TmMatch]) -> None:
        if focus is self.focused_segment:
            self.matches = [suggestion(match) for match in found]
            self.show_matches(self.matches)

    def on_segment_stored(self, message: SegmentStored) -> None:
        """Add a confirmed segment to the memory, so that its repetitions find it now."""
        segment, document = message.segment, self.document
        if document is None or not segment.status.confirmed:
            return
        context = services.segment_context(message.segments, message.row)
        unit = services.tm_unit_for(segment, document, context, self.author)
        if unit is not None:
            self.memory.remember(unit)

    def units_changed(self, changed: dict[int, TmUnit | None]) -> None:
        """Stored units were edited or deleted (concordance): match them as they now are."""
        document = self.document
        if document is None or document.target_lang is None:
            return
        for unit_id, unit in changed.items():
            if unit is not None:  # filed under the document's pair, as load_tm_index files it
                unit = replace(
                    unit, source_lang=document.source_lang, target_lang=document.target_lang
                )
            self.memory.replace_stored(unit_id, unit)
        if self.focused_segment is not None and self.memory.ready:
            self._look_up(self.focused_segment)

    def show_loading(self) -> None:
        """Say that the memory is still being read."""
        self.update(Text("TM: loading…", style="italic dim"))

    def show_unavailable(self, reason: str) -> None:
        """Say why there are no matches to show at all."""
        self.update(Text(f"TM: {reason}", style="dim"))

    def show_matches(self, matches: list[TmSuggestion]) -> None:
        """List the matches: score (and origin), target, then the diff of the sources."""
        if not matches:
            self.update(Text("TM: no match", style="dim"))
            return
        parts: list[Text] = [Text("TM", style="bold")]
        for number, match in enumerate(matches):
            heading = Text(f"{match.score}%", style=score_style(match.score))
            if number == 0:
                heading.append(" alt+t", style="dim")
            if match.origin:
                heading.append(f" {match.origin}", style="dim italic")
            parts.append(heading)
            parts.append(Text(f"  {match.target}"))
            diff = Text("  ", style="dim")
            for op, text in match.diff:
                diff.append(text, style=_DIFF_STYLE.get(op, ""))
            parts.append(diff)
        self.show_lines(parts)
