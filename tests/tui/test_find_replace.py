"""The find and replace dialog driven with Textual's Pilot: preview, skips, and its result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from screen_apps import SIZE, find_replace_app, find_replace_steps
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Static

from workbench import services
from workbench.domain.document import InlineCode, Segment, SegmentStatus, code_char
from workbench.domain.find import Replacement
from workbench.services import SHIPPED_GLOSSARY, import_glossary
from workbench.storage.engine import Database, open_database
from workbench.tui.codes import code_labels
from workbench.tui.modals.find_replace import DEBOUNCE, FindReplaceModal, marked_text

BOLD = [
    InlineCode("open", "md-strong", "1", "**", "**"),
    InlineCode("close", "md-strong", "1", "**", "**"),
]


def segments() -> list[Segment]:
    return [
        Segment(
            "원거테크놀러지의 왕레이",
            f"{code_char(0)}Wenge{code_char(1)} Tech's Wang Lei",
            codes=BOLD,
            status=SegmentStatus.TRANSLATED,
            id=10,
            position=1,
            version=2,
        ),
        Segment("원거테크놀러지는", "Wenge Tech is in Beijing.", id=20, position=2, version=1),
        Segment("센스타임", "SenseTime", id=30, position=3, version=1),
        Segment("원거테크놀러지", "wenge tech", id=40, position=4, version=5),
    ]


class ReplaceHost(App[None]):
    """Opens the dialog at once and keeps what it dismisses with."""

    def __init__(self, modal: FindReplaceModal) -> None:
        super().__init__()
        self.modal = modal
        self.results: list[list[Replacement] | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)


async def type_find_and_replace(pilot: Pilot[None], find: str, replace: str) -> None:
    await pilot.press(*find, "tab", *replace, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(app: App[None]) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def count_line(app: App[None]) -> str:
    return str(app.screen.query_one("#replace-count", Static).render())


async def test_preview_then_replace_all_gives_the_changed_targets() -> None:
    app = ReplaceHost(FindReplaceModal(segments(), code_labels))
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        await type_find_and_replace(pilot, "Wenge Tech", "Beijing Wenge Technology")
        assert count_line(app).startswith("2 replacements in 2 segments · 1 skipped")
        shown = rows(app)
        assert shown[0][0] == "1" and shown[0][2].startswith("skipped: it would break ⟨/1⟩")
        assert "⟨1⟩Wenge⟨/1⟩ Tech" in shown[0][1]
        assert shown[1][1:] == [
            "Wenge Tech is in Beijing.",
            "Beijing Wenge Technology is in Beijing.",
        ]
        assert not app.screen.query_one("#replace-all", Button).disabled
        await pilot.press("ctrl+r")
        await pilot.pause()
    [result] = app.results
    assert result is not None
    assert [(r.position, r.segment_id, r.version, r.after) for r in result] == [
        (2, 20, 1, "Beijing Wenge Technology is in Beijing."),
        (4, 40, 5, "Beijing Wenge Technology"),
    ]


async def test_the_preview_follows_typing_after_a_pause() -> None:
    app = ReplaceHost(FindReplaceModal(segments()))
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*"SenseTime")
        assert rows(app) == []  # not yet: the dialog waits for the typing to pause
        await pilot.pause(DEBOUNCE * 2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [row[0] for row in rows(app)] == ["3"]
        await pilot.click("#replace-case")
        app.screen.query_one("#replace-with").focus()
        await pilot.press(*"Shang")
        await pilot.press("ctrl+r")  # typed since the preview: nothing is replaced yet
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.results == []
        assert rows(app)[0][2] == "Shang"


async def test_regex_groups_and_case() -> None:
    app = ReplaceHost(FindReplaceModal(segments()))
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        await pilot.click("#replace-regex")
        await pilot.click("#replace-case")
        await pilot.click("#replace-find")
        await type_find_and_replace(pilot, r"(\w+) Tech\b", r"\1 Technology")
        assert [row[0] for row in rows(app)] == ["1", "2"]  # not "wenge tech": case counts
        assert rows(app)[1][2] == "Wenge Technology is in Beijing."


async def test_an_invalid_regex_is_explained_and_nothing_can_be_replaced() -> None:
    app = ReplaceHost(FindReplaceModal(segments(), find="Wenge"))
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [row[0] for row in rows(app)] == ["1", "2", "4"]  # previewed at once
        await pilot.click("#replace-regex")
        await pilot.click("#replace-find")
        await pilot.press("end", "(", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert count_line(app).startswith("invalid regular expression")
        assert rows(app) == []
        assert app.screen.query_one("#replace-all", Button).disabled
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_a_dollar_group_gets_a_hint() -> None:
    app = ReplaceHost(FindReplaceModal(segments()))
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        await pilot.click("#replace-regex")
        await pilot.click("#replace-find")
        await type_find_and_replace(pilot, r"(Sense)(Time)", "$2$1")
        assert "groups are written \\1, not $1" in count_line(app)


def test_marked_text_shows_codes_as_labels_and_cuts_before_the_change() -> None:
    text = "a" * 40 + code_char(0) + "Wenge"
    shown = marked_text(text, [(41, 46)], "bold red", ["⟨1⟩"], width=20)
    assert shown.plain == "…" + "a" * 9 + "⟨1⟩Wenge"
    assert [shown.plain[s.start : s.end] for s in shown.spans if "red" in str(s.style)] == ["Wenge"]


async def test_replace_all_result_saved_by_the_service(tmp_path: Path) -> None:
    """What the dialog gives is what replace_in_targets stores (the editor's wiring)."""
    db = open_database(f"sqlite:///{tmp_path / 'wb.sqlite'}")
    path = tmp_path / "short.txt"
    path.write_text("원거테크놀러지가 왔다.\n", encoding="utf-8")
    services.import_document(db, path, source_lang="ko", target_lang="en")
    [segment] = services.document_segments(db, "short.txt")[1]
    assert segment.id is not None
    segment = services.save_segment(
        db, segment.id, "Wenge Tech came.", SegmentStatus.TRANSLATED, segment.version
    )
    app = ReplaceHost(FindReplaceModal([segment]))
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause()
        await type_find_and_replace(pilot, "Wenge Tech", "Beijing Wenge Technology")
        await pilot.click("#replace-all")
        await pilot.pause()
    [result] = app.results
    assert result is not None
    outcome = services.replace_in_targets(db, "short.txt", result, "alice")
    assert [s.target for s in outcome.replaced] == ["Beijing Wenge Technology came."]
    assert outcome.replaced[0].status is SegmentStatus.TRANSLATED
    db.dispose()


@pytest.fixture
def glossary_db(tmp_path: Path) -> Database:
    db = open_database(f"sqlite:///{tmp_path / 'tb.sqlite'}")
    import_glossary(db, SHIPPED_GLOSSARY)
    return db


def test_find_replace_snapshot(snap_compare: Any, glossary_db: Database, tmp_path: Path) -> None:
    """The dialog over the editor previewing Wenge Tech → Beijing Wenge Technology: a count
    line, segment 1 skipped in yellow because the bold code ends inside the match, segment 2's
    change struck in red before and green after; Replace all enabled."""
    app = find_replace_app(glossary_db, tmp_path)
    assert snap_compare(app, run_before=find_replace_steps, terminal_size=SIZE)
