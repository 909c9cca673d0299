"""The editor's tools driven with Pilot: QA as you type, quick-add, term base, QA jump, replace."""

from __future__ import annotations

import asyncio
import io
import time
from pathlib import Path

import pytest
from rich.console import Console
from tests_support import document_db
from textual import events
from textual.pilot import Pilot

from workbench import services
from workbench.domain.checks import Severity
from workbench.domain.document import Segment, SegmentStatus
from workbench.domain.scoring import post_edit_distance
from workbench.storage.engine import Database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.editor import filtering
from workbench.tui.modals.concept_form import ConceptForm
from workbench.tui.modals.same_term import SameTermModal
from workbench.tui.screens.editor import EditorScreen
from workbench.tui.screens.qa import QaScreen
from workbench.tui.screens.termbase import TermbaseScreen
from workbench.tui.widgets.qa_panel import QaPanel

NEWS = (
    "원거테크놀러지는 상하이에서 새 모델을 발표했다.\n\n"
    "매출은 3천200억 원에 이르렀다.\n\n"
    "행사는 8월 15일까지 이어진다.\n"
)
NAME = "news.txt"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return document_db(tmp_path, NEWS, NAME)


def active(app: WorkbenchApp) -> object:
    """The screen on top (a function, so that an earlier isinstance does not narrow it)."""
    return app.screen


def stored(db: Database) -> list[Segment]:
    return services.document_segments(db, NAME)[1]


async def settle(app: WorkbenchApp, pilot: Pilot[None], rounds: int = 3) -> None:
    """Let workers started by handlers (terms, then QA context, then checks) finish."""
    for _ in range(rounds):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)


def panel_text(screen: EditorScreen) -> str:
    """What the QA panel shows, as plain text."""
    panel = screen.query_one(QaPanel)
    console = Console(width=panel.size.width, file=io.StringIO(), record=True)
    console.print(panel.content)
    return console.export_text()


async def open_editor(
    db: Database, pilot_size: tuple[int, int] = (120, 40)
) -> tuple[WorkbenchApp, EditorScreen]:
    screen = EditorScreen(db, NAME)
    return make_app(db, screen), screen


async def test_qa_panel_follows_typing_and_the_grid_flags_the_segment(db: Database) -> None:
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+down")  # 3천200억 원
        await settle(app, pilot)
        assert screen.issues == []  # an empty target is not flagged: the status says it
        screen.target_area.insert("Sales reached 32 billion won.")
        await settle(app, pilot)
        assert [issue.check for issue in screen.issues] == ["number_mismatch"]
        assert "number_mismatch" in panel_text(screen)
        assert screen.flags[1] is Severity.ERROR
        assert screen.grid.get_row(1).flag[0] == "✗"
        screen.target_area.load_text("Sales reached 320 billion won.")
        await settle(app, pilot)
        assert screen.issues == []
        assert "no issues" in panel_text(screen)
        assert 1 not in screen.flags


async def test_document_flags_appear_on_open(db: Database) -> None:
    first = stored(db)[2]
    assert first.id is not None
    services.save_segment(
        db, first.id, "The show runs until 15 July.", SegmentStatus.TRANSLATED, first.version
    )
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert screen.flags == {2: Severity.ERROR}  # 8월 15일 is August, not July


async def test_quick_add_in_two_keystrokes(db: Database) -> None:
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+down", "ctrl+down")  # 행사는 8월 15일까지 이어진다.
        await settle(app, pilot)
        screen.target_area.insert("The fair runs until 15 August.")
        screen.source_area.focus()
        await pilot.press("shift+right", "shift+right")  # 행사
        await pilot.press("alt+a")  # keystroke 1: the source term
        assert screen.target_area.has_focus
        await pilot.press("home", *["shift+right"] * 8)  # "The fair"
        await pilot.press("alt+a")  # keystroke 2: the rendering; the concept is stored
        await settle(app, pilot)
        found = services.search_glossary(db, "행사")
        assert [(t.lang, t.text) for c in found for t in c.terms] == [
            ("ko", "행사"),
            ("en", "The fair"),
        ]
        assert any(entry.source == "행사" for entry in screen.entries)  # recognised at once


async def test_quick_add_asks_for_a_source_selection_first(db: Database) -> None:
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("alt+a")
        assert screen.source_area.has_focus
        assert any("Select the term in the source" in n.message for n in app._notifications)


async def test_the_term_base_opens_and_its_edits_reach_the_term_panel(db: Database) -> None:
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert isinstance(app.screen, TermbaseScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, ConceptForm)
        await pilot.press(*"모델", "tab")  # the Korean row first, then the English one
        await pilot.press(*"model", "ctrl+s")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert active(app) is screen
        assert "모델" in [c.terms[0].text for c in services.search_glossary(db, "모델")]
        assert any(entry.source == "모델" for entry in screen.entries)


async def test_qa_screen_jumps_to_the_segment(db: Database) -> None:
    targets = (
        "Beijing Wenge Technology unveiled a new model in Shanghai.",
        "Sales reached 32 billion won.",  # 3천200억 is 320 billion
        "The fair runs until 15 August.",
    )
    for segment, target in zip(stored(db), targets, strict=True):
        assert segment.id is not None
        services.save_segment(db, segment.id, target, SegmentStatus.TRANSLATED, segment.version)
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert screen.current == 0
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert isinstance(app.screen, QaScreen)
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert active(app) is screen
        assert screen.current == 1


async def test_replace_all_changes_the_targets_and_the_grid(db: Database) -> None:
    segments = stored(db)
    for segment, target in zip(
        segments, ("Wenge made a model.", "Wenge sold a lot."), strict=False
    ):
        assert segment.id is not None
        services.save_segment(db, segment.id, target, SegmentStatus.TRANSLATED, segment.version)
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("alt+f")
        await settle(app, pilot)
        await pilot.press(*"Wenge", "tab", *"Zhongke Wenge", "enter")
        await settle(app, pilot)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert active(app) is screen
        assert [s.target for s in stored(db)[:2]] == [
            "Zhongke Wenge made a model.",
            "Zhongke Wenge sold a lot.",
        ]
        assert screen.target_area.text == "Zhongke Wenge made a model."
        assert "Zhongke" in screen.grid.get_row(1).target


async def test_undo_puts_back_the_previous_save(db: Database) -> None:
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen.target_area.insert("First try.")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+up")
        screen.target_area.load_text("Second try.")
        await pilot.press("ctrl+s", "ctrl+up")
        await settle(app, pilot)
        assert stored(db)[0].target == "Second try."
        await pilot.press("alt+z")
        await settle(app, pilot)
        assert stored(db)[0].target == "First try."
        assert screen.target_area.text == "First try."


async def test_a_confirmed_tm_suggestion_stores_its_post_edit_distance(
    db: Database, tmp_path: Path
) -> None:
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
o-tmf="none" adminlang="en" srclang="ko" datatype="plaintext"/><body>
<tu><tuv xml:lang="ko"><seg>원거테크놀러지는 상하이에서 새 모델을 공개했다.</seg></tuv>
<tuv xml:lang="en"><seg>Wenge presented a new model in Shanghai.</seg></tuv></tu>
</body></tmx>""",
        encoding="utf-8",
    )
    services.tm_import(db, tmx)
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot, rounds=4)
        await pilot.press("alt+t")
        assert screen.target_area.text == "Wenge presented a new model in Shanghai."
        await pilot.press("home", *["ctrl+right"] * 1, *["shift+right"] * 10)  # " presented"
        await pilot.press(*" unveiled")
        assert screen.target_area.text == "Wenge unveiled a new model in Shanghai."
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    report = services.post_edit_report(db, NAME)
    assert len(report.rows) == 1
    row = report.rows[0]
    expected = post_edit_distance(
        "Wenge presented a new model in Shanghai.", "Wenge unveiled a new model in Shanghai.", "en"
    )
    assert (row.score, row.signature) == (expected.value, expected.signature)
    assert 0 < row.score < 20  # one word of eight changed
    assert row.origin.startswith("tm:")


async def test_filter_shows_only_untranslated_then_all(db: Database) -> None:
    first = stored(db)[0]
    assert first.id is not None
    services.save_segment(db, first.id, "Done.", SegmentStatus.TRANSLATED, first.version)
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+f")
        await settle(app, pilot)
        await pilot.click("#filter-untranslated")
        await pilot.click("#filter-apply")
        await settle(app, pilot)
        assert active(app) is screen
        assert [row.position for row in map(screen.grid.get_row, range(2))] == [2, 3]
        assert screen.grid.row_count == 2 and screen.current == 1
        await pilot.press("ctrl+down")
        assert screen.current == 2
        await pilot.press("ctrl+up", "ctrl+up")  # segment 1 is filtered out: stays on 2
        assert screen.current == 1
        await pilot.press("ctrl+f")
        await settle(app, pilot)
        await pilot.click("#filter-clear")
        await settle(app, pilot)
        assert screen.grid.row_count == 3 and screen.current == 1


async def test_filter_by_text_in_the_source(db: Database) -> None:
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+f")
        await settle(app, pilot)
        await pilot.press(*"8월", "enter")
        await settle(app, pilot)
        assert screen.grid.row_count == 1
        assert screen.current == 2


async def test_a_filter_regex_that_backtracks_is_stopped_and_the_editor_keeps_working(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12 item 9: (a|aa)+$ on a long run of a's used to hold the UI thread for minutes."""
    monkeypatch.setattr(filtering, "FILTER_TIME_LIMIT", 0.5)
    first = stored(db)[0]
    assert first.id is not None
    services.save_segment(db, first.id, "a" * 60 + "b", SegmentStatus.DRAFT, first.version)
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.click("#filter-regex")
        app.screen.query_one("#filter-text").focus()
        await pilot.press(*"(a|aa)+$")
        driver = app._driver
        assert driver is not None
        driver.send_message(events.Key("enter", None))  # not pilot.press: it waits for idle
        while not any(worker.group == "filter" for worker in app.workers):
            await asyncio.sleep(0.01)
        driver.send_message(events.Key("ctrl+down", None))  # while the filter runs
        started = time.monotonic()
        while screen.current != 1 and time.monotonic() - started < 2:
            await asyncio.sleep(0.01)
        assert screen.current == 1 and time.monotonic() - started < 1
        assert any(worker.group == "filter" and worker.is_running for worker in app.workers)
        await settle(app, pilot)
        assert any("longer than" in n.message for n in app._notifications)
        assert screen.grid.row_count == 3  # nothing filtered away


async def quick_add_known_term(app: WorkbenchApp, screen: EditorScreen, pilot: Pilot[None]) -> None:
    """Select 원거테크놀러지 (in the shipped glossary) and "Wenge AI" in the target, alt+a twice."""
    await settle(app, pilot)
    screen.target_area.insert("Wenge AI released a new model in Shanghai.")
    screen.source_area.focus()
    await pilot.press("home", *["shift+right"] * 7, "alt+a")
    await pilot.press("home", *["shift+right"] * 8, "alt+a")
    await settle(app, pilot)


def concepts_with(db: Database, text: str, lang: str) -> list[int | None]:
    return [c.id for c in services.search_glossary(db, text, lang) if c.terms]


async def test_quick_add_of_a_known_term_offers_its_concept(db: Database) -> None:
    """Issue 11 item 3: the term is there already, so the editor asks instead of adding a twin."""
    (known,) = concepts_with(db, "원거테크놀러지", "ko")
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await quick_add_known_term(app, screen, pilot)
        modal = active(app)
        assert isinstance(modal, SameTermModal)
        assert modal.concepts[0].id == known
        await pilot.press("1")
        await settle(app, pilot)
        assert active(app) is screen
    assert concepts_with(db, "원거테크놀러지", "ko") == [known]
    concept = services.get_concept(db, known)
    assert concept is not None and "Wenge AI" in {t.text for t in concept.terms_in("en")}


async def test_quick_add_of_a_known_term_can_insist_or_cancel(db: Database) -> None:
    (known,) = concepts_with(db, "원거테크놀러지", "ko")
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await quick_add_known_term(app, screen, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert concepts_with(db, "원거테크놀러지", "ko") == [known]
        assert services.search_glossary(db, "Wenge AI", "en") == []
        await quick_add_known_term(app, screen, pilot)
        await pilot.press("n")  # a homonym: a concept of its own
        await settle(app, pilot)
    ids = concepts_with(db, "원거테크놀러지", "ko")
    assert len(ids) == 2 and known in ids


async def test_the_term_panel_shows_identical_concepts_once(db: Database) -> None:
    """Three identical concepts (re-imports by an older workbench) use one alt+N, not three."""
    (known,) = concepts_with(db, "원거테크놀러지", "ko")
    concept = services.get_concept(db, known)
    assert concept is not None
    for _ in range(2):
        services.add_concept(db, concept.terms, new=True)
    app, screen = await open_editor(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        sources = [entry.source for entry in screen.entries]
        assert sources.count("원거테크놀러지") == 1
