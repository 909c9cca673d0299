"""Control characters stored in data never act on the terminal the TUI draws on."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from terminal_support import Terminal, wait_for
from textual.color import Color

from workbench.domain.model import Concept, Term
from workbench.services import open_database
from workbench.tui.app import ControlFilter

HOSTILE = "evil\x1b]0;PWNED\x07term\x1b[2J\x9b31m\x00end"


def _store_hostile_concept(url: str) -> None:
    """A term with control characters, stored as an older workbench (before imports refused
    them) or another client writing to a shared database may have stored it."""
    from workbench.storage import termbase  # the test plants data below the services on purpose

    db = open_database(url)
    with db.sessions.begin() as session:
        termbase.add_concept(
            session, Concept(terms=[Term("en", HOSTILE), Term("ko", "악성\x1b[31m")])
        )
    db.dispose()


def test_the_term_base_screen_in_a_real_terminal_writes_no_control_sequence_of_the_data(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'hostile.sqlite'}"
    _store_hostile_concept(url)
    terminal = Terminal(url, tmp_path, "glossary", "browse")
    try:
        wait_for(lambda: b"PWNED" in terminal.screen, terminal)
        terminal.read(1.0)
    finally:
        terminal.kill()
    # the text is shown, but the OSC that would set the window title, the screen clear and the
    # one-byte CSI of the data are not written
    assert b"PWNED" in terminal.screen
    assert b"\x1b]0;PWNED" not in terminal.screen
    assert b"\x07term" not in terminal.screen
    assert b"\x1b[2J" not in terminal.screen.split(b"PWNED", 1)[1]
    assert "\x9b".encode() not in terminal.screen
    assert b"\x00" not in terminal.screen


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), max_size=5))
def test_filtered_lines_hold_no_control_character_and_keep_their_width(texts: list[str]) -> None:
    segments = [Segment(text) for text in texts]
    filtered = ControlFilter().apply(segments, Color(0, 0, 0))
    shown = "".join(segment.text for segment in filtered)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown if c not in "\t\n")
    assert not any(0xD800 <= ord(c) < 0xE000 for c in shown)
    assert sum(s.cell_length for s in filtered) == sum(s.cell_length for s in segments)
    shown.encode("utf-8")  # the driver can write it
