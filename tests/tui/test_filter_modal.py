"""The segment filter dialog driven with Textual's Pilot: what it dismisses with."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Checkbox, Input, RadioButton, Static

from workbench.domain.find import UNTRANSLATED, SegmentFilter
from workbench.tui.modals.filter import FilterModal

SIZE = (80, 24)


class FilterHost(App[None]):
    """Opens the dialog at once and keeps what it dismisses with."""

    def __init__(self, current: SegmentFilter | None = None) -> None:
        super().__init__()
        self.current = current
        self.results: list[SegmentFilter | None] = []

    def on_mount(self) -> None:
        self.push_screen(FilterModal(self.current), self.results.append)


async def test_choices_become_a_filter() -> None:
    app = FilterHost()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#filter-untranslated")
        await pilot.click("#filter-issues")
        await pilot.click("#filter-target")
        await pilot.click("#filter-case")
        app.screen.query_one("#filter-text", Input).focus()
        await pilot.press(*"Wenge Tech", "enter")
        await pilot.pause()
    assert app.results == [
        SegmentFilter(
            statuses=UNTRANSLATED,
            with_issues=True,
            text="Wenge Tech",
            where="target",
            case_sensitive=True,
        )
    ]


async def test_the_dialog_shows_the_current_filter_and_keeps_it() -> None:
    current = SegmentFilter(statuses=UNTRANSLATED, text="왕레이", where="source", regex=True)
    app = FilterHost(current)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#filter-untranslated", Checkbox).value
        assert not screen.query_one("#filter-issues", Checkbox).value
        assert screen.query_one("#filter-text", Input).value == "왕레이"
        assert screen.query_one("#filter-source", RadioButton).value
        assert screen.query_one("#filter-regex", Checkbox).value
        await pilot.click("#filter-apply")
        await pilot.pause()
    assert app.results == [current]


async def test_show_all_clears_and_escape_cancels() -> None:
    app = FilterHost(SegmentFilter(with_issues=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#filter-clear")
        await pilot.pause()
        app.push_screen(FilterModal(SegmentFilter(text="x")), app.results.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [SegmentFilter(), None]


async def test_an_invalid_regex_is_explained_and_the_dialog_stays() -> None:
    app = FilterHost(SegmentFilter(regex=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"(WAIC", "enter")
        await pilot.pause()
        assert app.results == []
        error = app.screen.query_one("#filter-error", Static)
        assert "invalid regular expression" in str(error.render())
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        assert str(error.render()) == ""
        await pilot.press(*"WAIC|WAIC", "enter")
        await pilot.pause()
    assert app.results == [SegmentFilter(text="WAIC|WAIC", regex=True)]


async def test_any_status_can_be_chosen() -> None:
    from workbench.domain.document import SegmentStatus

    app = FilterHost(SegmentFilter(statuses=frozenset({SegmentStatus.REVIEWED})))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#filter-status-reviewed", Checkbox).value
        assert not screen.query_one("#filter-untranslated", Checkbox).value
        await pilot.click("#filter-status-rejected")
        await pilot.click("#filter-apply")
        await pilot.pause()
    assert app.results == [
        SegmentFilter(statuses=frozenset({SegmentStatus.REVIEWED, SegmentStatus.REJECTED}))
    ]
