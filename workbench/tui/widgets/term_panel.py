"""The term hits of the current segment: each source term with its target renderings."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


@dataclass(frozen=True, slots=True)
class TargetTerm:
    """One rendering of a term in the target language."""

    text: str
    lang: str
    status: str
    """preferred, admitted or deprecated."""


@dataclass(frozen=True, slots=True)
class TermEntry:
    """A term found in the source, with its renderings, preferred first."""

    source: str
    """The term as the term base has it."""
    found: str
    """The text as it stands in the source (with any particle cut off)."""
    targets: tuple[TargetTerm, ...]

    @property
    def insertable(self) -> str | None:
        """The rendering to insert: the first one that is not deprecated."""
        return next((t.text for t in self.targets if t.status != "deprecated"), None)


_STATUS_STYLE = {"preferred": "bold", "admitted": "", "deprecated": "red strike"}
_MARK_STYLE = {"deprecated": "red"}


class TermPanel(Static):
    """Numbered term hits; alt+N inserts the rendering of hit N."""

    DEFAULT_CSS = """
    TermPanel {
        padding: 0 1;
    }
    """

    def show_loading(self) -> None:
        """Say that the term base is still being read."""
        self.update(Text("loading terms…", style="italic dim"))

    def show_entries(self, entries: list[TermEntry], show_lang: bool = False) -> None:
        """List the entries, numbered from 1 (the alt+N keys); long renderings wrap indented."""
        if not entries:
            self.update(Text("no terms in this segment", style="dim"))
            return
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for number, entry in enumerate(entries, 1):
            found = Text(entry.found, style="bold cyan")
            if entry.found != entry.source:
                found.append(f" ({entry.source})", style="dim")
            grid.add_row(Text(f"alt+{number}" if number <= 9 else "", style="dim"), found)
            if not entry.targets:
                grid.add_row(Text("  →"), Text("(no rendering)", style="dim"))
            for target in entry.targets:
                shown = Text(f"{target.lang} " if show_lang else "", style="dim")
                shown.append(target.text, style=_STATUS_STYLE.get(target.status, ""))
                if target.status != "preferred":
                    shown.append(f" {target.status}", style=_MARK_STYLE.get(target.status, "dim"))
                grid.add_row(Text("  →"), shown)
        self.update(grid)
