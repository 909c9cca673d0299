"""The segment grid: wrapped rows drawn line by line, its cursor, keys, clicks and messages."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from workbench.tui.widgets.segment_grid import (
    MAX_ROW_LINES,
    MIN_TEXT_WIDTH,
    GridRow,
    SegmentGrid,
    estimated_lines,
    row_lines,
    wrap_cells,
)

TRANSLATED = ("T", "green")
NEW = ("·", "dim")
ERROR = ("!", "bold red")
WARNING = ("?", "yellow")
NO_FLAG = ("", "")

KOREAN_ROWS = [
    GridRow(
        1,
        TRANSLATED,
        NO_FLAG,
        "세계인공지능대회(WAIC) 첫날, 원거테크놀러지의 왕레이 이사장이 대형 모델을 소개했다.",
        "On the first day of the World Artificial Intelligence Conference (WAIC), Wenge "
        "Technology chairman Wang Lei presented a large model.",
    ),
    GridRow(2, NEW, NO_FLAG, "센스타임은 상하이에서 새 서비스를 공개했다.", ""),
    GridRow(
        3,
        ("d", "yellow"),
        ERROR,
        '⟨1⟩주광샹⟨/1⟩ 총괄은 "인공지능은 도구일 뿐이다."라고 말했다.',
        'Zhu Guangshang said: "AI is only a tool."',
    ),
    GridRow(
        4,
        ("R", "cyan"),
        WARNING,
        "행사는 8월 15일까지 이어진다.\n참가 기업은 3천200억 원을 투자했다.",
        "The event runs until August 15.\nThe companies invested 320 billion won.",
    ),
    GridRow(
        5,
        ("A", "bold green"),
        NO_FLAG,
        "중커원거(中科聞歌)는 " * 12,
        "Beijing Wenge Technology " * 12,
    ),
]


def numbered_rows(count: int, long_every: int = 0) -> list[GridRow]:
    """Rows whose texts name their position; every long_every-th one wraps onto several lines."""
    rows = []
    for number in range(1, count + 1):
        filler = " 문장이 길게 이어진다" * 8 if long_every and number % long_every == 0 else ""
        rows.append(
            GridRow(number, TRANSLATED, NO_FLAG, f"원문 {number}{filler}", f"target {number}")
        )
    return rows


class GridApp(App[None]):
    """Just the grid, recording what it reports."""

    def __init__(self, rows: list[GridRow], cursor: int = 0) -> None:
        super().__init__()
        self.rows = rows
        self.cursor = cursor
        self.highlighted: list[int] = []
        self.activated: list[int] = []

    def compose(self) -> ComposeResult:
        yield SegmentGrid()

    def on_mount(self) -> None:
        grid = self.query_one(SegmentGrid)
        grid.set_rows(self.rows, cursor=self.cursor)
        grid.focus()

    def on_segment_grid_row_highlighted(self, message: SegmentGrid.RowHighlighted) -> None:
        self.highlighted.append(message.index)

    def on_segment_grid_row_activated(self, message: SegmentGrid.RowActivated) -> None:
        self.activated.append(message.index)


def screen_lines(grid: SegmentGrid) -> list[str]:
    """The grid's lines as drawn now (header first)."""
    return [grid.render_line(y).text for y in range(grid.scrollable_content_region.height)]


def text_widths(header: str) -> tuple[int, int]:
    """The cells of the source and target columns, read off the header line."""
    left, right = header.split("│")
    return cell_len(left) - len(left.split("source")[0]) - 1, cell_len(right) - 1


def line_of(lines: list[str], text: str) -> int:
    return next(y for y, line in enumerate(lines) if text in line)


async def started(app: GridApp, pilot: Pilot[None]) -> SegmentGrid:
    await pilot.pause()
    app.highlighted.clear()
    return app.query_one(SegmentGrid)


# --- wrapping --------------------------------------------------------------------------------


def test_short_text_is_one_line() -> None:
    assert wrap_cells("target 1", 20) == ("target 1",)


def test_wraps_at_spaces() -> None:
    assert wrap_cells("the new model was released today", 12) == (
        "the new",
        "model was",
        "released",
        "today",
    )


def test_korean_counts_two_cells_per_syllable() -> None:
    assert wrap_cells("센스타임은 상하이에서 공개했다", 12) == (
        "센스타임은",
        "상하이에서",
        "공개했다",
    )


def test_words_wider_than_the_column_are_cut() -> None:
    assert wrap_cells("中科聞歌中科聞歌", 6) == ("中科聞", "歌中科", "聞歌")
    assert wrap_cells("see https://example.com/a/long/path", 10) == (
        "see",
        "https://ex",
        "ample.com/",
        "a/long/pat",
        "h",
    )


def test_a_code_label_is_never_cut_by_folding() -> None:
    """A narrow column once showed `⟨1⟩세계인공지능대회⟨/1` then `⟩는` on the next line."""
    assert wrap_cells("올해 ⟨1⟩세계인공지능대회⟨/1⟩는 7월", 22) == (
        "올해",
        "⟨1⟩세계인공지능대회",
        "⟨/1⟩는 7월",
    )


@given(
    st.lists(
        st.sampled_from(["가", "a", " ", "⟨1⟩", "⟨/1⟩", "⟨INTERPOLATION/⟩", "中"]), max_size=40
    ),
    st.integers(min_value=2, max_value=30),
)
def test_folding_keeps_labels_whole_where_they_fit(pieces: list[str], width: int) -> None:
    text = "".join(pieces)
    lines = wrap_cells(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        # a line may only start or end inside a label that is wider than the column
        if line.count("⟨") != line.count("⟩"):
            assert any(piece.startswith("⟨") and cell_len(piece) > width for piece in pieces)


def test_line_breaks_start_new_lines() -> None:
    assert wrap_cells("first\nsecond\n\nfourth", 20) == ("first", "second", "", "fourth")


def test_rows_are_capped_with_an_ellipsis() -> None:
    lines = row_lines("word " * 100, 10)
    assert len(lines) == MAX_ROW_LINES
    assert lines[-1].endswith("…")
    assert all(cell_len(line) <= 10 for line in lines)


@given(st.text(alphabet="ab 가나中 \n", max_size=120), st.integers(min_value=2, max_value=30))
def test_wrapping_fits_and_loses_nothing(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")


@pytest.mark.parametrize("width", [10, 24, 40])
def test_estimates_are_near_the_wrapped_height(width: int) -> None:
    text = KOREAN_ROWS[0].source + " " + KOREAN_ROWS[0].target
    assert abs(estimated_lines(text, width) - len(wrap_cells(text, width))) <= 2


# --- drawing ---------------------------------------------------------------------------------


async def test_rows_show_position_status_flag_and_both_texts() -> None:
    app = GridApp(KOREAN_ROWS)
    async with app.run_test(size=(100, 30)) as pilot:
        grid = await started(app, pilot)
        lines = screen_lines(grid)
        assert "source" in lines[0] and "target" in lines[0]
        assert lines[1].startswith(" 1 T  세계인공지능대회(WAIC)")
        assert "│ On the first day" in lines[1]
        third = lines[line_of(lines, "⟨1⟩주광샹")]
        assert third.startswith(" 3 d! ⟨1⟩주광샹⟨/1⟩")
        assert "│ Zhu Guangshang" in third


async def test_long_texts_wrap_and_rows_take_the_height_of_the_longer() -> None:
    app = GridApp(KOREAN_ROWS)
    async with app.run_test(size=(80, 30)) as pilot:
        grid = await started(app, pilot)
        lines = screen_lines(grid)
        first, second = line_of(lines, " 1 T "), line_of(lines, " 2 · ")
        wrapped = row_lines(KOREAN_ROWS[0].target, text_widths(lines[0])[1])
        assert second - first == len(wrapped) > 1
        assert all(line.startswith("    ") for line in lines[first + 1 : second])
        assert "센스타임은" in lines[second]


async def test_line_breaks_in_a_segment_break_its_lines() -> None:
    app = GridApp(KOREAN_ROWS)
    async with app.run_test(size=(100, 30)) as pilot:
        grid = await started(app, pilot)
        lines = screen_lines(grid)
        fourth = line_of(lines, " 4 R?")
        assert "행사는 8월 15일까지" in lines[fourth]
        assert "The event runs until August 15." in lines[fourth]
        assert "참가 기업은" in lines[fourth + 1]
        assert "The companies invested" in lines[fourth + 1]


async def test_very_long_rows_are_cut_at_six_lines() -> None:
    app = GridApp(KOREAN_ROWS)
    async with app.run_test(size=(80, 30)) as pilot:
        grid = await started(app, pilot)
        grid.move_cursor(4)
        await pilot.pause()
        lines = screen_lines(grid)
        fifth = line_of(lines, " 5 A ")
        row = lines[fifth : fifth + MAX_ROW_LINES + 1]
        assert "…" in row[MAX_ROW_LINES - 1]
        assert row[MAX_ROW_LINES].strip() == ""


async def test_narrow_grid_keeps_eight_cells_for_each_text() -> None:
    app = GridApp(KOREAN_ROWS)
    async with app.run_test(size=(30, 12)) as pilot:
        grid = await started(app, pilot)
        lines = screen_lines(grid)
        assert all(cell_len(line) == grid.scrollable_content_region.width for line in lines)
        assert lines[1].startswith(" 1 T  세계인공")
        assert grid.virtual_size.width >= 2 * MIN_TEXT_WIDTH


async def test_eighty_columns_share_the_width_between_the_texts() -> None:
    app = GridApp(KOREAN_ROWS)
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await started(app, pilot)
        source, target = text_widths(screen_lines(grid)[0])
        assert source >= 30 and target >= 30 and abs(source - target) <= 1


async def test_update_row_shows_the_new_target_status_and_flag() -> None:
    app = GridApp(KOREAN_ROWS)
    async with app.run_test(size=(100, 30)) as pilot:
        grid = await started(app, pilot)
        before = line_of(screen_lines(grid), " 3 d!")
        grid.update_row(1, GridRow(2, TRANSLATED, WARNING, KOREAN_ROWS[1].source, "SenseTime " * 8))
        await pilot.pause()
        lines = screen_lines(grid)
        second = line_of(lines, " 2 T?")
        assert "│ SenseTime SenseTime" in lines[second]
        assert line_of(lines, " 3 d!") == before + 1  # the new target takes two lines
        assert grid.get_row(1).target.startswith("SenseTime")


async def test_resizing_rewraps() -> None:
    app = GridApp(KOREAN_ROWS)
    async with app.run_test(size=(60, 30)) as pilot:
        grid = await started(app, pilot)
        narrow = grid.virtual_size.height
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        assert grid.virtual_size.height < narrow
        lines = screen_lines(grid)
        source, target = text_widths(lines[0])
        assert source > 50
        height = max(len(row_lines(KOREAN_ROWS[0].source, source)), 1)
        height = max(height, len(row_lines(KOREAN_ROWS[0].target, target)))
        assert line_of(lines, " 2 · ") == 1 + height


# --- cursor, keys, mouse ---------------------------------------------------------------------


async def test_keys_move_the_cursor_and_report_it() -> None:
    app = GridApp(numbered_rows(200, long_every=3))
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await started(app, pilot)
        await pilot.press("down", "down", "up")
        assert grid.cursor_row == 1
        assert app.highlighted == [1, 2, 1]
        await pilot.press("end")
        assert grid.cursor_row == 199
        assert "원문 200" in "".join(screen_lines(grid))
        await pilot.press("home")
        assert grid.cursor_row == 0
        await pilot.press("pagedown")
        assert 3 <= grid.cursor_row <= 22
        down = grid.cursor_row
        await pilot.press("pageup")
        assert grid.cursor_row == 0
        assert app.highlighted[-4:] == [199, 0, down, 0]
        await pilot.press("up")
        assert app.highlighted[-1] == 0 and grid.cursor_row == 0  # nothing above the first


async def test_the_cursor_row_is_drawn_in_the_cursor_style() -> None:
    app = GridApp(numbered_rows(20))
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await started(app, pilot)
        await pilot.press("down")
        await pilot.pause()
        cursor = grid.get_component_rich_style("segment-grid--cursor")
        lines = [grid.render_line(y) for y in range(4)]
        row_two = lines[2]
        assert "원문 2" in row_two.text
        assert any(segment.style == cursor for segment in row_two)
        assert not any(segment.style == cursor for segment in lines[1])


async def test_enter_activates_the_cursor_row() -> None:
    app = GridApp(numbered_rows(20))
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("down", "enter")
        assert app.activated == [1]


async def test_click_selects_and_double_click_activates() -> None:
    app = GridApp(numbered_rows(20))
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await started(app, pilot)
        y = line_of(screen_lines(grid), "원문 5 ")
        await pilot.click(SegmentGrid, offset=(20, y))
        assert grid.cursor_row == 4
        assert app.highlighted == [4]
        await pilot.double_click(SegmentGrid, offset=(20, y + 1))
        assert grid.cursor_row == 5
        assert app.activated == [5]
        await pilot.click(SegmentGrid, offset=(20, 0))  # the header selects nothing
        assert grid.cursor_row == 5


async def test_mouse_wheel_scrolls_without_moving_the_cursor() -> None:
    app = GridApp(numbered_rows(200))
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await started(app, pilot)
        for _ in range(5):  # Pilot has no wheel: post what the driver would
            grid.post_message(events.MouseScrollDown(grid, 20, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert grid.scroll_offset.y > 0
        assert grid.cursor_row == 0
        assert "원문 1 " not in "".join(screen_lines(grid)[1:])


async def test_move_cursor_scrolls_the_row_into_view_and_reports_it() -> None:
    app = GridApp(numbered_rows(1_000, long_every=2))
    async with app.run_test(size=(80, 24)) as pilot:
        grid = await started(app, pilot)
        grid.move_cursor(700)
        await pilot.pause()
        assert app.highlighted == [700]
        assert "원문 701 " in "".join(screen_lines(grid))
        grid.move_cursor(700)  # where it is already: no message
        grid.move_cursor(5_000)  # past the end: the last row
        await pilot.pause()
        assert app.highlighted == [700, 999]
        assert grid.cursor_row == 999


async def test_set_rows_starts_at_the_given_cursor() -> None:
    app = GridApp(numbered_rows(500), cursor=321)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        grid = app.query_one(SegmentGrid)
        assert grid.cursor_row == 321
        assert app.highlighted == [321]
        assert "원문 322 " in "".join(screen_lines(grid))
        grid.set_rows([])
        await pilot.pause()
        assert grid.row_count == 0
        assert all(not line.strip() for line in screen_lines(grid)[1:])


async def test_fifty_thousand_rows_open_and_reach_the_end() -> None:
    rows = numbered_rows(50_000, long_every=7)
    app = GridApp(rows)
    async with app.run_test(size=(120, 40)) as pilot:
        grid = await started(app, pilot)
        assert grid.row_count == 50_000
        assert "원문 1 " in screen_lines(grid)[1]
        await pilot.press("end")
        lines = screen_lines(grid)
        assert "원문 50000" in "".join(lines)
        last = line_of(lines, "원문 50000")
        assert all(not line.strip() for line in lines[last + 1 :])
        grid.move_cursor(25_000)
        await pilot.pause()
        assert "원문 25001 " in "".join(screen_lines(grid))


# --- snapshot --------------------------------------------------------------------------------


def test_snapshot_wrapped_korean_and_english(snap_compare: Any) -> None:
    """Five rows at 80x20: the header, # right-aligned and dim, status marks in colour, the
    red ! and yellow ? QA flags, Korean and English wrapped side by side, the line break of
    row 4 kept, row 5 cut at six lines with …, the cursor on row 3."""
    assert snap_compare(GridApp(KOREAN_ROWS, cursor=2), terminal_size=(80, 20))


async def test_odd_characters_do_not_break_the_grid() -> None:
    odd = GridRow(1, NEW, NO_FLAG, "tab\there\r\nnext \ud800 line", "emoji 👍🏽 and e\u0301")
    app = GridApp([odd])
    async with app.run_test(size=(60, 10)) as pilot:
        grid = await started(app, pilot)
        lines = screen_lines(grid)
        assert "tab here" in lines[1] and "next" in lines[2]
        assert all(cell_len(line) == grid.scrollable_content_region.width for line in lines)


async def test_the_cursor_row_stays_whole_when_the_grid_gets_shorter() -> None:
    rows = numbered_rows(40, long_every=1)  # every row wraps onto several lines
    app = GridApp(rows, cursor=20)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(80, 12)
        await pilot.pause()
        grid = app.query_one(SegmentGrid)
        last_line = grid._start(20) + grid._height(20)  # header line included below
        assert grid.scroll_y + grid.scrollable_content_region.height >= last_line + 1
        assert grid._start(20) + 1 >= grid.scroll_y + 1  # and its first line too
        assert any(line.strip().startswith("21") for line in screen_lines(grid))
