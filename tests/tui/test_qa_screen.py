"""The QA screen and the QA panel, driven with Textual's Pilot on a real SQLite file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from screen_apps import qa_app
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import ProgressBar, Static, Tree

from workbench import services
from workbench.domain.checks import Issue, Severity
from workbench.domain.checks.profile import check_title
from workbench.domain.document import SegmentStatus
from workbench.storage.engine import Database, open_database
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.qa import QaScreen, grouped, marked
from workbench.tui.widgets.qa_panel import QaPanel

NAME = "news.txt"
SOURCES = [
    "매출은 3천200억 원이었다.",
    "센스타임은 상하이에 있다.",
    "직원은 20만 명이다.",
    "행사는 8월 15일까지 이어진다.",
]
TARGETS = [
    "Sales were 32 billion won.",  # number_mismatch
    "SenseTime is in  Shanghai.",  # double_space (info)
    "It has 200,000 staff.",
    "The event runs until August 16.",  # number_mismatch (a date)
]


@pytest.fixture
def db(tmp_path: Path) -> Database:
    db = open_database(f"sqlite:///{tmp_path / 'qa.sqlite'}")
    source = tmp_path / NAME
    source.write_text("\n\n".join(SOURCES) + "\n", encoding="utf-8")
    services.import_document(db, source, source_lang="ko", target_lang="en")
    _, segments = services.document_segments(db, NAME)
    for segment, target in zip(segments, TARGETS, strict=True):
        assert segment.id is not None
        services.save_segment(db, segment.id, target, SegmentStatus.TRANSLATED, 0, "mina")
    return db


def shown(widget: Static) -> str:
    """What a Static shows, as plain text at its width."""
    console = Console(width=widget.size.width, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def tree_lines(screen: QaScreen) -> list[str]:
    tree = screen.query_one(Tree)
    lines = []
    for group in tree.root.children:
        lines.append(str(group.label))
        lines.extend(f"  {child.label}" for child in group.children)
    return lines


async def open_qa(
    db: Database, pilot: Pilot[None], results: list[int | None] | None = None
) -> QaScreen:
    screen = QaScreen(db, NAME)
    await pilot.app.push_screen(screen, callback=None if results is None else results.append)
    await settle(pilot)
    return screen


async def settle(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_issues_are_grouped_by_check_with_counts_and_enter_jumps(db: Database) -> None:
    results: list[int | None] = []
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_qa(db, pilot, results)
        assert tree_lines(screen) == [
            f"✗ number_mismatch 2  {check_title('number_mismatch')}",
            "  #1  number 320000000000 (3천200억) in source, 32000000000 (32 billion) in target",
            "  #4  date 8월 15일 (August 15) in source, August 16 in target",
            f"i double_space 1  {check_title('double_space')}",
            '  #2  2 spaces in target between "in" and "Shanghai."',
        ]
        summary = shown(screen.query_one("#qa-summary", Static))
        assert "4 segments · 3 issues in 2 checks" in summary
        assert not screen.query_one(ProgressBar).display
        detail = shown(screen.query_one("#qa-detail", Static))
        assert "source 매출은 3천200억 원이었다." in detail  # the first issue is highlighted
        await pilot.press("down", "enter")
    assert results == [4]


async def test_i_ignores_the_issue_and_the_database_keeps_it(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_qa(db, pilot)
        await pilot.press("i")  # the first issue: segment 1's number
        await settle(pilot)
        assert tree_lines(screen)[0].startswith("✗ number_mismatch 1 ")
        assert "#1" not in "".join(tree_lines(screen))
        assert screen.report is not None and screen.report.ignored == 1
        assert "1 ignored" in shown(screen.query_one("#qa-summary", Static))
        await pilot.press("r")
        await settle(pilot)
        assert screen.report.ignored == 1 and len(screen.report.issues) == 2
    report = services.run_qa(db, NAME)
    assert report.ignored == 1
    assert [(i.position, i.check) for i in report.issues] == [
        (2, "double_space"),
        (4, "number_mismatch"),
    ]


async def test_escape_closes_without_a_position(db: Database) -> None:
    results: list[int | None] = []
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_qa(db, pilot, results)
        await pilot.press("escape")
        await pilot.pause()
    assert results == [None]


async def test_the_progress_bar_follows_the_run(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services.qa, "PROGRESS_EVERY", 1)
    messages: list[object] = []
    app = make_app(db)
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        screen = await open_qa(db, pilot)
        assert screen.query_one(ProgressBar).progress == 4
    progress = [(m.done, m.total) for m in messages if isinstance(m, QaScreen.Progressed)]
    assert progress == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


async def test_a_document_without_issues_says_so(db: Database) -> None:
    _, segments = services.document_segments(db, NAME)
    for segment, target in zip(
        segments,
        ["Sales were 320 billion won.", "SenseTime is in Shanghai."],
        strict=False,
    ):
        assert segment.id is not None
        services.save_segment(
            db, segment.id, target, SegmentStatus.TRANSLATED, segment.version, None
        )
    services.ignore_issue(db, NAME, services.run_qa(db, NAME).issues[0])
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_qa(db, pilot)
        assert tree_lines(screen) == []
        assert "No issues" in shown(screen.query_one("#qa-detail", Static))


class PanelApp(App[None]):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db

    def compose(self) -> ComposeResult:
        yield QaPanel(self.db, NAME)


async def test_the_qa_panel_shows_issues_worst_first_loading_and_clean(db: Database) -> None:
    app = PanelApp(db)
    async with app.run_test(size=(60, 10)) as pilot:
        panel = app.query_one(QaPanel)
        panel.show_loading()
        await pilot.pause()
        assert "checking" in shown(panel)
        panel.show_issues(
            [
                Issue("double_space", Severity.INFO, "2 spaces in target", 1),
                Issue("number_mismatch", Severity.ERROR, "number 48 in source, 84 in target", 1),
                Issue("wrong_language", Severity.WARNING, "target is in Korean", 1),
            ]
        )
        await pilot.pause()
        lines = shown(panel).splitlines()
        assert lines[0].strip() == "QA 3"
        assert lines[1].strip().startswith("✗ number_mismatch number 48")
        assert lines[2].strip().startswith("! wrong_language")
        assert lines[3].strip().startswith("i double_space")
        panel.show_issues([])
        await pilot.pause()
        assert "no issues" in shown(panel)


def test_grouping_puts_errors_first_and_marking_finds_each_piece_once() -> None:
    info = Issue("double_space", Severity.INFO, "x", 1)
    error = Issue("number_mismatch", Severity.ERROR, "y", 2)
    groups = grouped([info, error, error])
    assert [(check, len(issues)) for check, issues in groups] == [
        ("number_mismatch", 2),
        ("double_space", 1),
    ]
    text = marked("3천200억 원, 3일", ["3천200억", "3"])
    assert [text.plain[span.start : span.end] for span in text.spans] == ["3천200억", "3"]


def test_qa_screen_snapshot(snap_compare: Any, tmp_path: Path) -> None:
    """The QA screen at 80x24 on the translated sample: term_forbidden (Wenge Tech, twice),
    number_mismatch (a date and 800 → 80) and untranslated, each group with its count and
    title; the first issue highlighted with its source and target below; the footer's keys."""
    db = open_database(f"sqlite:///{tmp_path / 'snap.sqlite'}")
    services.import_glossary(db, services.SHIPPED_GLOSSARY)

    async def settled(pilot: Any) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app: WorkbenchApp = qa_app(db, tmp_path)
    assert snap_compare(app, run_before=settled, terminal_size=(80, 24))
