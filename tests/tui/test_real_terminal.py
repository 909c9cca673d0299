"""Keys as real terminals send them: alt+letter arrives as ESC and the letter."""

from __future__ import annotations

from pathlib import Path

from terminal_support import Terminal, wait_for

from workbench import services
from workbench.domain.document import Segment, SegmentStatus
from workbench.storage.engine import open_database

NEWS = (
    "원거테크놀러지는 상하이에서 새 모델을 발표했다.\n\n"
    "행사는 8월 15일까지 이어진다.\n\n"
    "원거테크놀러지는 전시관을 열었다.\n"
)
NAME = "news.txt"
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
o-tmf="none" adminlang="en" srclang="ko" datatype="plaintext"/><body>
<tu><tuv xml:lang="ko"><seg>원거테크놀러지는 상하이에서 새 모델을 공개했다.</seg></tuv>
<tuv xml:lang="en"><seg>Wenge presented a new model in Shanghai.</seg></tuv></tu>
</body></tmx>"""


def test_alt_t_and_alt_1_in_a_real_terminal_insert_and_do_not_type(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'work.sqlite'}"
    db = open_database(url)
    services.import_glossary(db, services.SHIPPED_GLOSSARY)
    (tmp_path / NAME).write_text(NEWS, encoding="utf-8")
    services.import_document(db, tmp_path / NAME, source_lang="ko", target_lang="en")
    (tmp_path / "memory.tmx").write_text(TMX, encoding="utf-8")
    services.tm_import(db, tmp_path / "memory.tmx")

    def stored(position: int) -> Segment:
        return services.document_segments(db, NAME)[1][position - 1]

    terminal = Terminal(url, tmp_path, "open", NAME)
    try:
        wait_for(lambda: b"of 3" in terminal.screen and b"alt+t" in terminal.screen, terminal)
        terminal.read(2.0)  # the TM index loads after the grid
        terminal.type("\x1bt")  # alt+t as xterm, tmux and ssh send it: ESC t
        terminal.read(0.5)
        terminal.type("\x13")  # ctrl+s
        wait_for(lambda: stored(1).status is SegmentStatus.TRANSLATED, terminal)
        assert stored(1).target == "Wenge presented a new model in Shanghai."
        terminal.type("The fair runs until 15 August.")
        terminal.type("\x1b1")  # alt+1 where there is no term: nothing is typed
        terminal.read(0.5)
        terminal.type("\x13")
        wait_for(lambda: stored(2).status is SegmentStatus.TRANSLATED, terminal)
        assert stored(2).target == "The fair runs until 15 August."
        terminal.type("\x1b1")  # alt+1: the approved rendering of the first term
        terminal.read(0.5)
        terminal.type(" opened a pavilion.\x13")
        wait_for(lambda: stored(3).status is SegmentStatus.TRANSLATED, terminal)
        assert stored(3).target == "Beijing Wenge Technology opened a pavilion."
    finally:
        terminal.kill()
    db.dispose()


def test_a_burst_keeps_its_order_and_alt_r_opens_find_and_replace(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'work.sqlite'}"
    db = open_database(url)
    services.import_glossary(db, services.SHIPPED_GLOSSARY)
    (tmp_path / NAME).write_text(NEWS, encoding="utf-8")
    services.import_document(db, tmp_path / NAME, source_lang="ko", target_lang="en")

    def stored(position: int) -> Segment:
        return services.document_segments(db, NAME)[1][position - 1]

    terminal = Terminal(url, tmp_path, "open", NAME)
    try:
        wait_for(lambda: b"of 3" in terminal.screen and b"alt+1" in terminal.screen, terminal)
        terminal.read(1.0)  # the term index
        # one write, as a fast typist or a paste arrives: text, alt+1 (ESC 1), text, ctrl+s
        terminal.type("the media firm \x1b1 opened\x13")
        wait_for(lambda: stored(1).status is SegmentStatus.TRANSLATED, terminal)
        assert stored(1).target == "the media firm Beijing Wenge Technology opened"
        terminal.screen = b""
        terminal.type("\x1br")  # alt+r: find and replace (tmux reads ESC f as ctrl+right)
        wait_for(lambda: b"Find and replace" in terminal.screen, terminal)
    finally:
        terminal.kill()
    db.dispose()


def test_codes_stay_whole_under_the_keys_of_a_real_terminal(tmp_path: Path, shared: Path) -> None:
    url = f"sqlite:///{tmp_path / 'work.sqlite'}"
    db = open_database(url)
    xliff = shared / "corpus/xliff/deepin_angular_i18n/messages.ko.xlf"
    services.import_document(db, xliff)
    name = xliff.name
    services.set_last_position(db, name, 7)  # `<x id="INTERPOLATION"/> applications`

    def stored() -> Segment:
        return services.document_segments(db, name)[1][6]

    code = stored().source[0]
    terminal = Terminal(url, tmp_path, "open", name)
    try:
        wait_for(lambda: b"segment 7 of" in terminal.screen, terminal)
        terminal.read(1.0)
        terminal.type("\x1b[H\x1b[1;2C\x18")  # home, shift+right, ctrl+x: the whole code goes
        terminal.type("\x1b[F" + "\x7f" * 7)  # end, backspace x7: " 응용프로그램" goes
        terminal.type("\x1b[200~⟨INTERPOLATION/⟩\x1b[201~")  # the terminal pastes the label
        terminal.type(" 개의 앱\x13")  # and ctrl+s: the codes agree, no question
        wait_for(lambda: stored().target == f"{code} 개의 앱", terminal)
        assert stored().status is SegmentStatus.TRANSLATED
        terminal.type("\x1b[A")  # back up to segment 7 (the grid's row above)
    finally:
        terminal.kill()
    db.dispose()
