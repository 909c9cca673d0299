"""Every key of a screen with a sentence each, read from its bindings: the help screen (F1)
and the README's key tables are both made here, so they cannot disagree."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType

_KEY_NAMES = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "slash": "/",
    "question_mark": "?",
    "escape": "escape",
    "enter": "enter",
}
_NUMBERED = re.compile(r"\(\d+[^()]*\)")
"""A first argument that numbers one of a family of keys (insert_term(2) of alt+1…9)."""


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One line of help: the key as typed, and what it does."""

    keys: str
    does: str


def key_name(key: str) -> str:
    """A key as people write it: ctrl+↓, alt+1, F9, ?."""
    parts = key.strip().split("+")
    last = parts[-1]
    if re.fullmatch(r"f\d+", last):
        last = last.upper()
    return "+".join([*parts[:-1], _KEY_NAMES.get(last, last)])


def shown_keys(binding: Binding) -> str:
    """The binding's keys: a family as its display (alt+1…9), else each alternative."""
    if binding.key_display and "…" in binding.key_display:
        return binding.key_display
    return " / ".join(key_name(key) for key in binding.key.split(","))


def key_help(bindings: Iterable[BindingType]) -> list[KeyHelp]:
    """The help lines of bindings, in order: each with a tooltip or description, once per
    action (a hidden key of a numbered family, alt+2 … alt+9, goes under the first)."""
    lines: list[KeyHelp] = []
    families: set[str] = set()
    for binding in bindings:
        if not isinstance(binding, Binding) or binding.system:
            continue
        does = binding.tooltip or binding.description
        if not does:
            continue  # another spelling of a key listed (ESC 1 arriving as ¡)
        family = _NUMBERED.sub("()", binding.action)
        if not binding.show and family in families:
            continue
        families.add(family)
        lines.append(KeyHelp(shown_keys(binding), _sentence(does)))
    return lines


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


APP_KEYS: tuple[KeyHelp, ...] = (
    KeyHelp("F1 / ?", "This help: every key of the screen (? where no text is being typed)."),
    KeyHelp("ctrl+p", "The command palette: every command of the screen, by name."),
    KeyHelp("ctrl+q", "Quit."),
)
"""Keys that work on every screen."""


def screen_help(screen_bindings: Iterable[BindingType]) -> list[KeyHelp]:
    """The help of a screen: its own keys, then those of every screen."""
    return [*key_help(screen_bindings), *APP_KEYS]


def markdown_table(lines: Sequence[KeyHelp]) -> str:
    """The lines as a Markdown table (the README's key tables)."""
    rows = ["| key | does |", "|---|---|"]
    for line in lines:
        keys = " / ".join(f"`{key.strip()}`" for key in line.keys.split(" / "))
        does = line.does.replace("|", "\\|")
        rows.append(f"| {keys} | {does} |")
    return "\n".join(rows)


README_MARK = "<!-- keys:{name} (made by scripts/readme_keys.py from the bindings) -->"
README_END = "<!-- /keys:{name} -->"


def readme_tables() -> dict[str, str]:
    """The README's key tables by name, each made from its screen's bindings."""
    from workbench.tui.screens.concordance import ConcordanceScreen
    from workbench.tui.screens.editor import EditorScreen

    return {
        "editor": markdown_table(screen_help(EditorScreen.BINDINGS)),
        "concordance": markdown_table(key_help(ConcordanceScreen.BINDINGS)),
    }


def with_key_tables(readme: str) -> str:
    """The README with each marked key table replaced by the one the bindings make."""
    for name, table in readme_tables().items():
        start, end = README_MARK.format(name=name), README_END.format(name=name)
        found = re.search(f"{re.escape(start)}\n.*?{re.escape(end)}", readme, re.DOTALL)
        if found is None:
            raise ValueError(f"README has no {start!r} … {end!r} block")
        block = f"{start}\n{table}\n{end}"
        readme = readme[: found.start()] + block + readme[found.end() :]
    return readme
