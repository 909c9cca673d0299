"""The term base screen driven as a terminologist would, with Textual's Pilot."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from screen_apps import SIZE, termbase_app, termbase_steps
from sqlalchemy import update
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from workbench import services
from workbench.domain.model import Concept, Term, TermStatus
from workbench.storage import termbase
from workbench.storage.engine import Database, open_database
from workbench.storage.schema import ConceptRow
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.modals.concept_form import ConceptForm, TermFields
from workbench.tui.modals.confirm import ConfirmModal
from workbench.tui.modals.same_term import SameTermModal
from workbench.tui.screens.termbase import (
    PAGE_SIZE,
    SEARCH_DELAY,
    TermbaseChange,
    TermbaseScreen,
)

D = TermStatus.DEPRECATED


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = open_database(f"sqlite:///{tmp_path / 'tb.sqlite'}")
    services.add_concept(
        database,
        [Term("ko", "원거테크놀러지"), Term("en", "Beijing Wenge Technology")],
        subject_field="organisation",
    )
    services.add_concept(database, [Term("ko", "센스타임"), Term("en", "SenseTime")])
    return database


def stored(db: Database) -> list[Concept]:
    with db.sessions() as session:
        return list(termbase.iter_concepts(session))


def app_with(db: Database, screen: TermbaseScreen) -> WorkbenchApp:
    return make_app(db, screen)  # type: ignore[arg-type]


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and their messages arrive (twice: opening posts, then loads)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def shown(screen: TermbaseScreen) -> list[str]:
    """The first cell of each row, as plain text."""
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


async def test_browse_shows_a_column_per_language_and_the_detail(db: Database) -> None:
    screen = TermbaseScreen(db, langs=("en",))
    async with app_with(db, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()] == ["en", "ko"]
        assert shown(screen) == ["Beijing Wenge Technology", "SenseTime"]
        detail = str(screen.query_one("#termbase-detail-text", Static).render())
        assert "organisation" in detail and "원거테크놀러지" in detail
        await pilot.press("down")
        assert "센스타임" in str(screen.query_one("#termbase-detail-text", Static).render())


async def test_search_finds_a_concept_by_a_korean_and_by_an_english_term(db: Database) -> None:
    screen = TermbaseScreen(db, langs=("ko",))
    async with app_with(db, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert screen.focused is screen.query_one("#termbase-search", Input)
        await pilot.press(*"원거")  # typing searches once it pauses
        await pilot.pause(SEARCH_DELAY * 2)
        await settle(pilot)
        assert shown(screen) == ["원거테크놀러지"]
        await pilot.press(*["backspace"] * 2, *"sense", "enter")  # enter searches at once
        await settle(pilot)
        assert shown(screen) == ["센스타임"]
        assert screen.focused is screen.query_one(DataTable)
        await pilot.press("slash", *["backspace"] * 5, *"nothing like it", "enter")
        await settle(pilot)
        assert shown(screen) == []


async def test_a_concept_added_through_the_form_is_stored(db: Database) -> None:
    screen = TermbaseScreen(db, langs=("ko", "en"))
    async with app_with(db, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = pilot.app.screen
        assert isinstance(form, ConceptForm)
        rows = list(form.query(TermFields))
        assert [r.query_one(".term-lang", Input).value for r in rows] == ["ko", "en"]
        await pilot.press(*"스쥔", "tab")  # the Korean text first, then to the English row
        rows[1].text_input.focus()
        await pilot.press(*"Shi Jun")
        form.query_one("#concept-form-subject", Input).value = "person"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert shown(screen)[-1] == "스쥔"
    added = [c for c in stored(db) if c.subject_field == "person"]
    assert len(added) == 1
    assert [(t.lang, t.text) for t in added[0].terms] == [("ko", "스쥔"), ("en", "Shi Jun")]


async def test_the_form_shows_what_is_wrong_and_saves_nothing(db: Database) -> None:
    screen = TermbaseScreen(db)
    async with app_with(db, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "ctrl+s")
        form = pilot.app.screen
        assert isinstance(form, ConceptForm)
        error = form.query_one("#concept-form-error", Static)
        assert "at least one term" in str(error.render())
        row = form.query(TermFields).first()
        row.query_one(".term-lang", Input).value = "not a language"
        row.text_input.value = "스쥔"
        await pilot.press("ctrl+s")
        assert "unknown language" in str(error.render())
        assert row.query_one(".term-lang", Input).has_class("-invalid")
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen
    assert len(stored(db)) == 2


async def test_a_term_marked_deprecated_is_stored(db: Database) -> None:
    screen = TermbaseScreen(db)
    async with app_with(db, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # enter edits, like e
        form = pilot.app.screen
        assert isinstance(form, ConceptForm)
        english = next(r for r in form.query(TermFields) if r.text_input.value == "SenseTime")
        english.query_one(".term-status", Select).focus()
        await pilot.press("enter", "down", "down", "enter")  # preferred -> deprecated
        assert english.query_one(".term-status", Select).value is D
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Concept saved." in [n.message for n in pilot.app._notifications]
    sensetime = next(c for c in stored(db) if c.terms_in("en")[0].text == "SenseTime")
    assert sensetime.terms_in("en")[0].status is D
    assert sensetime.terms_in("ko")[0].status is TermStatus.PREFERRED


async def test_delete_asks_first_and_removes_the_concept(db: Database) -> None:
    screen = TermbaseScreen(db, langs=("ko",))
    async with app_with(db, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        assert isinstance(pilot.app.screen, ConfirmModal)
        await pilot.press("n")  # kept
        await settle(pilot)
        assert len(stored(db)) == 2
        await pilot.press("d", "y")
        await settle(pilot)
        assert shown(screen) == ["센스타임"]
    assert [c.terms[0].text for c in stored(db)] == ["센스타임"]


async def test_dismissing_hands_back_the_changes(db: Database) -> None:
    dismissed: list[list[TermbaseChange] | None] = []
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = TermbaseScreen(db)
        app.push_screen(screen, callback=dismissed.append)
        await settle(pilot)
        wenge_id, sensetime_id = (c.id for c in stored(db))
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ConceptForm)
        form.query_one("#concept-form-note", Input).value = "Beijing AI company"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("down", "d", "y")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
    [changes] = dismissed
    assert changes is not None
    assert [(c.concept_id, c.concept is None) for c in changes] == [
        (wenge_id, False),
        (sensetime_id, True),
    ]
    assert changes[0].concept is not None and changes[0].concept.note == "Beijing AI company"


async def test_everything_fits_at_80_by_24(db: Database) -> None:
    screen = TermbaseScreen(db, langs=("ko", "en"))
    async with app_with(db, screen).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert shown(screen) == ["원거테크놀러지", "센스타임"]
        await pilot.press("n")
        form = pilot.app.screen
        assert isinstance(form, ConceptForm)
        await pilot.press(*"딥시크")
        form.query(TermFields)[1].text_input.focus()
        await pilot.press(*"DeepSeek")
        for _ in range(4):
            await pilot.press("ctrl+n")  # six rows: the dialog still fits
        await pilot.pause()
        save = form.query_one("#concept-form-save")
        assert pilot.app.screen.region.contains_region(save.region)
        assert await pilot.click("#concept-form-save")
        await settle(pilot)
        assert pilot.app.screen is screen
    assert any(c.terms_in("en")[0].text == "DeepSeek" for c in stored(db))


async def test_browsing_loads_pages_as_the_cursor_nears_the_end(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'big.sqlite'}")
    with db.sessions.begin() as session:
        termbase.import_concepts(
            session, (Concept(terms=[Term("en", f"term {n:04}")]) for n in range(PAGE_SIZE * 2 + 5))
        )
    screen = TermbaseScreen(db)
    async with app_with(db, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == PAGE_SIZE
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == PAGE_SIZE * 2
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.row_count == PAGE_SIZE * 2 + 5
        assert "405 concepts" in str(screen.query_one("#termbase-summary", Static).render())


def test_the_screen_with_the_shipped_glossary(snap_compare: Any, tmp_path: Path) -> None:
    """The shipped glossary with ko and en first, then zh-Hans and zh-Hant; Beijing Wenge
    Technology selected, its deprecated Wenge Tech struck through in the table and the detail
    pane, which shows every term with its status, the subject field and the note."""
    db = open_database(f"sqlite:///{tmp_path / 'tb.sqlite'}")
    services.import_glossary(db, services.SHIPPED_GLOSSARY, author="mina")
    with db.sessions.begin() as session:  # the picture must not change with the clock
        moment = datetime(2025, 8, 1, 9, 30, tzinfo=UTC)
        session.execute(update(ConceptRow).values(created_at=moment, updated_at=moment))
    assert snap_compare(termbase_app(db), run_before=termbase_steps, terminal_size=SIZE)


async def test_the_first_concept_of_an_empty_term_base_gets_its_columns(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    screen = TermbaseScreen(db)
    async with app_with(db, screen).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "0 concepts" in str(screen.query_one("#termbase-summary", Static).render())
        await pilot.press("e")  # nothing to edit: a notice, no form
        assert pilot.app.screen is screen
        await pilot.press("n")
        row = pilot.app.screen.query(TermFields).first()
        row.query_one(".term-lang", Input).value = "zh_Hans"
        await pilot.press(*"深度求索", "enter")
        await settle(pilot)
        assert screen.columns == ["zh-Hans"] and shown(screen) == ["深度求索"]
    assert [t.lang for c in stored(db) for t in c.terms] == ["zh-Hans"]


async def test_a_new_concept_with_a_known_term_asks_where_it_belongs(db: Database) -> None:
    """Issue 11 item 3: the form's 센스타임 is there already; 1 adds the new term to it."""
    (sensetime,) = [c.id for c in stored(db) if c.terms[0].text == "센스타임"]
    screen = TermbaseScreen(db, langs=("ko", "en"))
    async with app_with(db, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        form = pilot.app.screen
        assert isinstance(form, ConceptForm)
        rows = list(form.query(TermFields))
        rows[0].text_input.focus()
        await pilot.press(*"센스타임")
        rows[1].text_input.focus()
        await pilot.press(*"SenseTime Group")
        await pilot.press("ctrl+s")
        await settle(pilot)
        modal = pilot.app.screen
        assert isinstance(modal, SameTermModal)
        assert [c.id for c in modal.concepts] == [sensetime]
        await pilot.press("1")
        await settle(pilot)
        assert pilot.app.screen is screen
    assert len(stored(db)) == 2
    concept = services.get_concept(db, sensetime or 0)
    assert concept is not None
    assert {t.text for t in concept.terms_in("en")} == {"SenseTime", "SenseTime Group"}


async def test_a_save_over_someone_elses_newer_save_gives_the_edit_back(db: Database) -> None:
    screen = TermbaseScreen(db)
    async with app_with(db, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        form = pilot.app.screen
        assert isinstance(form, ConceptForm) and form.concept is not None
        opened = form.concept
        assert opened.id is not None
        # meanwhile a colleague saves the same concept with another term
        theirs = Concept(terms=[*opened.terms, Term("zh", "商汤")])
        services.update_concept(db, replace(opened, terms=theirs.terms), author="jun")
        form.query_one("#concept-form-note", Input).value = "Hong Kong AI company"
        await pilot.press("ctrl+s")
        await settle(pilot)
        notices = [n.message for n in pilot.app._notifications]
        assert any(
            m.startswith(f"Not saved: concept {opened.id} was changed by jun") for m in notices
        )
        again = pilot.app.screen
        assert isinstance(again, ConceptForm) and again is not form
        assert again.query_one("#concept-form-note", Input).value == "Hong Kong AI company"
        assert "Saved by jun after you opened it" in str(
            again.query_one("#concept-form-error", Static).render()
        )
        kept = services.get_concept(db, opened.id)
        assert kept is not None and (kept.note, kept.version) == (None, 1)
        assert "商汤" in [str(cell) for cell in screen.query_one(DataTable).get_row(str(opened.id))]
        await pilot.press("ctrl+s")  # saved knowingly over theirs
        await settle(pilot)
        assert pilot.app.screen is screen
    final = services.get_concept(db, opened.id)
    assert final is not None and (final.note, final.version) == ("Hong Kong AI company", 2)


async def test_deleting_a_concept_someone_changed_meanwhile_is_refused(db: Database) -> None:
    screen = TermbaseScreen(db, langs=("ko",))
    async with app_with(db, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = stored(db)[0]
        services.update_concept(db, replace(first, note="keep it"), author="jun")
        await pilot.press("d", "y")
        await settle(pilot)
        notices = [n.message for n in pilot.app._notifications]
        assert any("was changed by jun" in m for m in notices), notices
    assert len(stored(db)) == 2
