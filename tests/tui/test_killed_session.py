"""A translator's work survives the editor being killed: run in a real terminal, then SIGKILL."""

from __future__ import annotations

from pathlib import Path

from terminal_support import Terminal, wait_for

from workbench import services
from workbench.domain.document import Segment, SegmentStatus
from workbench.storage.engine import open_database
from workbench.tui.app import make_app
from workbench.tui.screens.editor import EditorScreen

NEWS = "첫 번째 문장이다.\n\n두 번째 문장이다.\n\n세 번째 문장이다.\n"
NAME = "news.txt"


def test_confirmed_work_and_a_paused_draft_survive_sigkill(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'work.sqlite'}"
    db = open_database(url)
    source = tmp_path / NAME
    source.write_text(NEWS, encoding="utf-8")
    services.import_document(db, source, source_lang="ko", target_lang="en")

    def segments() -> list[Segment]:
        return services.document_segments(db, NAME)[1]

    terminal = Terminal(url, tmp_path, "open", NAME)
    try:
        wait_for(lambda: b"of 3" in terminal.screen, terminal)
        terminal.type("The first sentence.")
        terminal.read(0.5)
        terminal.type("\x13")  # ctrl+s: confirm and go on
        wait_for(lambda: segments()[0].status is SegmentStatus.TRANSLATED, terminal)
        terminal.type("The second")
        # no key after this: the pause alone must keep it
        wait_for(lambda: segments()[1].status is SegmentStatus.DRAFT, terminal, seconds=20)
    finally:
        terminal.kill()
    first, second, third = segments()
    assert (first.status, first.target) == (SegmentStatus.TRANSLATED, "The first sentence.")
    assert (second.status, second.target) == (SegmentStatus.DRAFT, "The second")
    assert third.status is SegmentStatus.NEW
    assert services.last_position(db, NAME) == second.position
    db.dispose()


async def test_reopening_after_a_kill_returns_to_the_last_segment(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'work.sqlite'}"
    db = open_database(url)
    source = tmp_path / NAME
    source.write_text(NEWS, encoding="utf-8")
    services.import_document(db, source, source_lang="ko", target_lang="en")
    terminal = Terminal(url, tmp_path, "open", NAME)
    try:
        wait_for(lambda: b"of 3" in terminal.screen, terminal)
        terminal.type("\x1b[1;5B\x1b[1;5B")  # ctrl+down twice
        wait_for(lambda: services.last_position(db, NAME) == 3, terminal)
    finally:
        terminal.kill()
    screen = EditorScreen(db, NAME)
    app = make_app(db, screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.current == 2
    db.dispose()
