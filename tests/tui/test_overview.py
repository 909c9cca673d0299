"""The overview screen: progress bars by status and QA issues by check, at 80x24."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from screen_apps import SIZE, overview_app, translated_sample
from textual.widgets import Static

from workbench.domain.document import SegmentStatus
from workbench.services import SHIPPED_GLOSSARY, import_glossary
from workbench.storage.engine import Database, open_database
from workbench.tui.app import make_app
from workbench.tui.screens.overview import BarChart, OverviewScreen, bar


@pytest.fixture
def glossary_db(tmp_path: Path) -> Database:
    db = open_database(f"sqlite:///{tmp_path / 'tb.sqlite'}")
    import_glossary(db, SHIPPED_GLOSSARY)
    return db


@pytest.mark.parametrize(
    ("value", "scale", "width", "drawn"),
    [
        (0, 10, 10, ""),
        (10, 10, 10, "██████████"),
        (5, 10, 10, "█████"),
        (1, 2, 2, "█"),
        (3, 16, 2, "▍"),
        (1, 1000, 10, "▏"),  # a non-zero value always shows
        (20, 10, 4, "████"),  # never past the scale
        (3, 0, 10, ""),
    ],
)
def test_bar(value: int, scale: int, width: int, drawn: str) -> None:
    assert bar(value, scale, width) == drawn


async def test_overview_shows_counts_words_and_issues(
    glossary_db: Database, tmp_path: Path
) -> None:
    name = translated_sample(glossary_db, tmp_path)
    screen = OverviewScreen(glossary_db, name)
    app = make_app(glossary_db, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        statuses = screen.query_one("#overview-statuses", BarChart)
        counts = {row.label: row.values for row in statuses.rows}
        assert counts == {
            "· new": (1, 6),
            "d draft": (1, 7),
            "T translated": (3, 20),
            "R reviewed": (1, 5),
            "A approved": (1, 5),
            "X rejected": (1, 4),
        }
        summary = str(screen.query_one("#overview-summary", Static).render())
        assert summary == "waic.md · ko→en · 8 seg · 47 words · 64% confirmed · 5 QA issues"
        checks = {
            row.label: row.values[0] for row in screen.query_one("#overview-checks", BarChart).rows
        }
        assert checks == {"number_mismatch": 2, "term_forbidden": 2, "untranslated": 1}
        assert screen.checks is not None
        assert screen.overview is not None
        assert screen.overview.confirmed_words == 30
        bands = screen.query_one("#overview-bands", Static).content
        lines = plain(bands, statuses.size.width)
        assert lines[0].split() == ["band", "seg", "words", "chars", "CJK"]
        assert [line.split()[0] for line in lines[1:]] == [
            "101", "repetition", "cross-file", "100", "95-99", "85-94", "75-84", "50-74", "no",
            "total",
        ]  # fmt: skip
        assert lines[-1].split()[:3] == ["total", "8", "47"]  # as the progress counts them
        chart_line = statuses.render().plain.splitlines()[2]
        assert chart_line.startswith("T translated") and chart_line.endswith("20 words  43%")
        assert len(chart_line) <= statuses.size.width  # fits at 80 columns
        await pilot.press("escape")
        await pilot.pause()
    assert screen.overview.by_status[0].status is SegmentStatus.NEW


def plain(renderable: object, width: int) -> list[str]:
    """A rich renderable as lines of text."""
    console = Console(width=width, file=io.StringIO(), record=True)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


async def test_an_unknown_document_is_reported(glossary_db: Database) -> None:
    screen = OverviewScreen(glossary_db, "nowhere.md")
    app = make_app(glossary_db, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(screen.query_one("#overview-summary", Static).render())
        assert summary.startswith("Not counted: no document named 'nowhere.md'")
        note = str(screen.query_one("#overview-qa-note", Static).render())
        assert note.startswith("QA not run")


def test_overview_snapshot(snap_compare: Any, glossary_db: Database, tmp_path: Path) -> None:
    """The translated sample: a one-line bar of words by status in their colours, a bar per
    status for segments and words scaled to the document, and below it the QA issues by check
    (number_mismatch and term_forbidden in red, untranslated); the summary line says 64%
    of the words are confirmed."""
    assert snap_compare(overview_app(glossary_db, tmp_path), terminal_size=SIZE)
