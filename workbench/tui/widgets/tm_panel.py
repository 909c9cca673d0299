"""The translation-memory matches of the current segment: score, target and source diff."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.widgets import Static


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


_DIFF_STYLE = {"equal": "", "delete": "red strike", "insert": "green"}


def score_style(score: int) -> str:
    """Green for exact and in-context matches, yellow for near ones, plain for the rest."""
    if score >= 100:
        return "bold green"
    if score >= 90:
        return "bold yellow"
    return "bold"


class TmPanel(Static):
    """The best TM matches, best first; alt+t puts the first one's target in the target."""

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
        self.update(Group(*parts))
