"""When the editor reads what: the first screen before the rest, keys answered while loading."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests_support import document_db
from textual.pilot import Pilot

from workbench import services
from workbench.domain import korean
from workbench.domain.matching import TermIndex
from workbench.storage import documents
from workbench.storage.engine import Database
from workbench.tui import background
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens import editor as editor_module
from workbench.tui.screens.editor import HEAD_SEGMENTS, EditorScreen
from workbench.tui.widgets.editor_panel import TermIndexReady
from workbench.tui.widgets.term_panel import TermPanel

NAME = "long.txt"
COUNT = HEAD_SEGMENTS + 40
WAIT = 10.0


def paragraph(number: int) -> str:
    """A segment's source; every one names a term of the shipped glossary."""
    return f"센스타임은 {number}번째 모델을 발표했다."


@pytest.fixture
def db(tmp_path: Path) -> Database:
    text = "\n\n".join(paragraph(number) for number in range(1, COUNT + 1)) + "\n"
    return document_db(tmp_path, text, NAME)


def editor(db: Database) -> tuple[WorkbenchApp, EditorScreen]:
    screen = EditorScreen(db, NAME)
    return make_app(db, screen), screen


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Let the app run until condition holds (a few seconds at most)."""
    for _ in range(int(WAIT / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the editor did not get there in time")


def held(release: threading.Event, call: Callable[..., Any]) -> Callable[..., Any]:
    """call, made to wait (in its thread) until release is set."""

    def waiting(*args: Any, **kwargs: Any) -> Any:
        release.wait(WAIT)
        return call(*args, **kwargs)

    return waiting


async def test_the_first_screen_shows_before_the_rest_is_read(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    rest = threading.Event()
    reading = documents.iter_segments
    asked: list[int] = []

    def held_after_the_head(session: Any, document_id: int, first: int = 2000) -> Iterator[Any]:
        asked.append(first)
        for number, segment in enumerate(reading(session, document_id, first), 1):
            yield segment
            if number == first:
                rest.wait(WAIT)

    monkeypatch.setattr(documents, "iter_segments", held_after_the_head)
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await until(pilot, lambda: screen.current is not None)
            assert asked == [HEAD_SEGMENTS]  # one screenful asked of the database first
            assert screen.grid.row_count == HEAD_SEGMENTS
            assert screen.current_position == 1
            assert "1번째" in screen.source_area.text
        finally:
            rest.set()
        await until(pilot, lambda: screen.grid.row_count == COUNT)
        await app.workers.wait_for_complete()
        assert len(screen.segments) == COUNT and screen.current == 0


async def test_keys_are_answered_while_the_term_base_loads(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = threading.Event()
    monkeypatch.setattr(services, "load_term_index", held(loaded, services.load_term_index))
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await until(pilot, lambda: screen.current is not None)
            await pilot.press("ctrl+down", "ctrl+down")
            await until(pilot, lambda: screen.current == 2)
            assert "3번째" in screen.source_area.text
            assert screen.term_index is None and screen.entries == []
            assert "loading terms" in str(screen.query_one(TermPanel).render())
        finally:
            loaded.set()
        await until(pilot, lambda: screen.entries != [])
        assert [entry.found for entry in screen.entries] == ["센스타임"]


async def test_the_languages_read_are_compiled_off_the_ui_thread_before_the_panels_hear(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first search on the UI thread would compile a language's automata there (0.3 s a
    language at 100,000 terms, the editor frozen meanwhile)."""
    prepared: list[tuple[str, bool]] = []
    prepare = TermIndex.prepare

    def recorded(index: TermIndex, lang: str) -> None:
        prepared.append((lang, threading.current_thread() is threading.main_thread()))
        prepare(index, lang)

    monkeypatch.setattr(TermIndex, "prepare", recorded)
    heard: list[list[tuple[str, bool]]] = []

    def told(index: TermIndex | None) -> TermIndexReady:
        heard.append(list(prepared))
        return TermIndexReady(index)

    monkeypatch.setattr(editor_module, "TermIndexReady", told)
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: screen.entries != [])
        await app.workers.wait_for_complete()
    # once for each panel that listens, each time after both languages were compiled
    assert heard and all(seen == [("ko", False), ("en", False)] for seen in heard)


async def test_the_spelling_dictionary_is_read_off_the_ui_thread(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking whether a language has a dictionary reads it (0.2-0.5 s of a word list's JSON),
    which once held up the first paint."""
    asked: list[bool] = []
    missing = services.missing_dictionary

    def recorded(lang: str, unspaced: bool = True) -> str | None:
        asked.append(threading.current_thread() is threading.main_thread())
        return missing(lang, unspaced)

    monkeypatch.setattr(services, "missing_dictionary", recorded)
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: screen.current is not None)
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert asked == [False]


async def test_the_term_base_is_ready_while_the_keys_still_come(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The automata compile (or are read) without holding the interpreter, so they are made
    under a run of keys, not after the translator pauses: the terms come while they move on."""
    monkeypatch.setattr(background, "KEYS_QUIET", 60.0)  # a pause that never comes
    monkeypatch.setattr(background, "KEYS_WAIT", 60.0)
    loaded = threading.Event()
    monkeypatch.setattr(services, "load_term_index", held(loaded, services.load_term_index))
    app, screen = editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: screen.current is not None)
        for number, key in enumerate(["ctrl+down", "ctrl+up"] * 40):
            await pilot.press(key)
            if number == 0:
                loaded.set()  # the term base is read while the keys come
            await pilot.pause(0.1)
            if screen.term_index is not None and screen.entries:
                break
        assert screen.term_index is not None and screen.entries != []
        assert number < 79  # before the keys stopped


async def test_a_korean_document_asks_the_analyser_in_its_own_process(tmp_path: Path) -> None:
    """센스타임스럽다: an ending the particle rules do not know, which the analyser decides; its
    questions go to a process of its own while the document is open (loading the analyser in
    the editor's process would hold the screen for seconds), and the hit is the same."""
    korean.analyser_splits_after.cache_clear()  # so that this document's word is asked
    db = document_db(tmp_path, "센스타임스럽다고 그는 말했다.\n", "analysed.txt")
    screen = EditorScreen(db, "analysed.txt")
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: screen.term_index is not None and screen.entries != [])
        analyser = screen._korean_analyser
        assert analyser is not None and analyser.running
        shown = [entry.source for entry in screen.entries]
        assert "센스타임" in shown
    assert not analyser.running  # stopped with the editor
    korean.analyser_splits_after.cache_clear()
    index = services.load_term_index(db)
    assert [h.text for h in index.find("센스타임스럽다고 그는 말했다.", "ko")] == ["센스타임"]
    db.dispose()
