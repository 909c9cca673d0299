"""The harvest review screen driven as a terminologist would, with Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from workbench import services
from workbench.domain.harvest import harvest
from workbench.storage import termbase
from workbench.storage.engine import Database, open_database
from workbench.tui.app import make_app
from workbench.tui.screens.harvest import Decision, HarvestScreen

NEWS = (
    "세계인공지능대회(WAIC)에서 스쥔(史軍) CEO와 센스타임(SenseTime)이 만났다. "
    "라이예테크(來也科技)도 참가했다. 참가자(120명)가 모였다."
)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return open_database(f"sqlite:///{tmp_path / 'tb.sqlite'}")


def terms_in(db: Database) -> set[tuple[str, str]]:
    with db.sessions() as session:
        return {(t.lang, t.text) for c in termbase.iter_concepts(session) for t in c.terms}


async def test_accept_reject_bulk_and_save(db: Database) -> None:
    screen = HarvestScreen(db, harvest(NEWS), "news.txt")
    messages: list[object] = []
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40), message_hook=messages.append) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 4  # the count in parentheses is not a candidate
        await pilot.press("a")  # WAIC
        await pilot.press("r")  # 스쥔: rejected for the test's sake
        assert [r.decision for r in screen.reviews[:2]] == [Decision.ACCEPTED, Decision.REJECTED]
        await pilot.press("b")  # bulk: 센스타임 (0.85) yes, 라이예테크 (0.60) no
        assert screen.reviews[2].decision is Decision.ACCEPTED
        assert screen.reviews[3].decision is Decision.PENDING
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert any(isinstance(m, HarvestScreen.Saved) and m.created == 2 for m in messages)
    stored = terms_in(db)
    assert {
        ("ko", "세계인공지능대회"),
        ("en", "WAIC"),
        ("ko", "센스타임"),
        ("en", "SenseTime"),
    } <= stored
    assert ("ko", "스쥔") not in stored and ("ko", "라이예테크") not in stored


async def test_threshold_keys_change_what_bulk_accept_takes(db: Database) -> None:
    screen = HarvestScreen(db, harvest(NEWS), "news.txt")
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(5):
            await pilot.press("minus")
        assert screen.threshold == pytest.approx(0.55)
        await pilot.press("b")
        assert all(r.decision is Decision.ACCEPTED for r in screen.reviews)


async def test_edit_a_candidate_then_save(db: Database) -> None:
    screen = HarvestScreen(db, harvest("라이예테크(來也科技)가 왔다."), "news.txt")
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        source = app.screen.query_one("#edit-source", Input)
        source.value = "라이예 테크"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.reviews[0].candidate.source == "라이예 테크"
        assert screen.reviews[0].decision is Decision.ACCEPTED
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert {("ko", "라이예 테크"), ("zh-Hant", "來也科技"), ("zh-Hans", "来也科技")} <= terms_in(db)


async def test_known_pairs_are_shown_and_not_bulk_accepted(db: Database) -> None:
    services.import_glossary(db, services.SHIPPED_GLOSSARY)
    candidates = harvest("센스타임(SenseTime)과 원거테크놀러지(Wenge Tech)")
    with db.sessions() as session:
        for candidate in candidates:
            from workbench.domain.harvest import mark_known

            mark_known(candidate, termbase.find_concepts_by_term(session, candidate.source))
    screen = HarvestScreen(db, candidates, "news.txt")
    app = make_app(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(DataTable)
        states = [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]
        assert states == ["known", "has Beijing Wenge Technology"]
        await pilot.press("minus", "minus", "minus", "minus", "b")
        assert [r.decision for r in screen.reviews] == [Decision.PENDING, Decision.ACCEPTED]
