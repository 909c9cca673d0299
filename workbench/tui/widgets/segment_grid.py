"""A virtualised grid of segments: source and target side by side, wrapped, drawn line by line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import methodcaller
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray
from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

MAX_ROW_LINES = 6
"""A row shows at most this many lines of each text; the last one ends in … when cut."""

MIN_TEXT_WIDTH = 8
"""Cells each text keeps however narrow the grid gets (the rest is cut off at the right)."""

_SEPARATOR = " │ "
_HEADER_LINES = 1


@dataclass(frozen=True, slots=True)
class GridRow:
    """One segment as the grid shows it; texts are ready for display (codes as ⟨1⟩ labels)."""

    position: int
    """The segment's position in the document, shown in the first column."""
    status: tuple[str, str]
    """The one-character status mark and its Rich style."""
    flag: tuple[str, str]
    """The QA mark ("!" error, "?" warning) and its style; ("", "") when there is none."""
    source: str
    target: str
    comment: tuple[str, str] = ("", "")
    """The comment mark and its style: in the QA mark's column, below it when both are set
    (a one-line row with both shows the QA mark)."""


@dataclass(frozen=True, slots=True)
class _Columns:
    """Cell widths of the grid's columns at one widget width."""

    position: int
    source: int
    target: int

    @property
    def total(self) -> int:
        """Cells of one whole line: #, space, status, flag, space, source, separator, target."""
        return self.position + 4 + self.source + len(_SEPARATOR) + self.target


def _columns(width: int, position_digits: int) -> _Columns:
    """Share what the fixed columns leave between the texts, source first."""
    position = max(2, position_digits)
    free = width - position - 4 - len(_SEPARATOR)
    source = max(MIN_TEXT_WIDTH, free // 2)
    return _Columns(position, source, max(MIN_TEXT_WIDTH, free - source))


def _clean(text: str) -> str:
    """Text without the control characters that would upset cell counting."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")


def measure(text: str) -> int:
    """Rough cell length of text, fast enough for 100,000 texts.

    UTF-8 gives 1 byte for ASCII (1 cell) and 3 for Hangul and CJK (2 cells), so (bytes +
    characters) / 2 is exact for those and a slight overestimate for other scripts.
    """
    return (len(text.encode(errors="surrogatepass")) + len(text)) // 2


def _room(width: int) -> int:
    # word wrapping leaves on average a couple of cells unused at the end of each line
    return max(1, width - min(2, width // 8))


def estimated_lines(text: str, width: int) -> int:
    """How many lines text is likely to wrap onto at width, without wrapping it."""
    room = _room(width)
    sizes = (measure(line) for line in text.split("\n"))
    return sum(1 if size <= width else -(-size // room) for size in sizes)


class _Sizes:
    """Rough cell lengths of one column's texts, to estimate row heights all at once."""

    def __init__(self, texts: list[str]) -> None:
        count = len(texts)
        chars = np.fromiter(map(len, texts), dtype=np.int64, count=count)
        encoded = map(methodcaller("encode", errors="surrogatepass"), texts)
        octets = np.fromiter(map(len, encoded), dtype=np.int64, count=count)
        self.cells: NDArray[np.int64] = (chars + octets) // 2
        self.broken: dict[int, str] = {}
        """The texts with line breaks, whose lines are estimated one by one."""
        if any("\n" in text for text in texts):  # most documents have none: skip the loop
            self.broken = {index: text for index, text in enumerate(texts) if "\n" in text}

    def extend(self, texts: list[str]) -> None:
        """Take the sizes of texts added after the last one."""
        more = _Sizes(texts)
        offset = len(self.cells)
        self.cells = np.concatenate((self.cells, more.cells))
        self.broken.update((offset + index, text) for index, text in more.broken.items())

    def set(self, index: int, text: str) -> None:
        """Take the size of a changed text."""
        self.cells[index] = measure(text)
        self.broken.pop(index, None)
        if "\n" in text:
            self.broken[index] = text

    def lines(self, width: int) -> NDArray[np.int64]:
        """The estimated lines of every text at width."""
        cells = self.cells
        lines: NDArray[np.int64] = np.where(cells <= width, 1, -(-cells // _room(width)))
        for index, text in self.broken.items():
            lines[index] = estimated_lines(text, width)
        return lines


@lru_cache(maxsize=8192)
def wrap_cells(text: str, width: int) -> tuple[str, ...]:
    """Text in lines of at most width cells: broken at spaces where it can, in words if it must."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in _clean(text).split("\n"):
        if cell_len(paragraph) <= width:
            lines.append(paragraph)
        else:
            lines.extend(_wrap_paragraph(paragraph, width))
    return tuple(lines)


def _wrap_paragraph(paragraph: str, width: int) -> list[str]:
    lines: list[str] = []
    current, used = "", 0
    for number, word in enumerate(paragraph.split(" ")):
        size = cell_len(word)
        joined = used + 1 + size if number else size
        if joined <= width:
            current, used = (f"{current} {word}" if number else word), joined
            continue
        if used:
            lines.append(current)
        if size <= width:
            current, used = word, size
            continue
        # a word wider than the column (Chinese has no spaces, URLs run on): cut it by cells
        *whole, current = _fold(word, width)
        lines.extend(whole)
        used = cell_len(current)
    lines.append(current)
    return lines


_FOLD_UNIT = re.compile(r"⟨[^⟨⟩\s]{1,24}⟩|.", re.DOTALL)
"""What folding a long word never cuts: a code's label (⟨/1⟩) or one character."""


def _fold_units(word: str, width: int) -> list[str]:
    """The word's labels and characters; a label wider than the column goes by characters."""
    units: list[str] = []
    for unit in _FOLD_UNIT.findall(word):
        units.extend(unit if len(unit) > 1 and cell_len(unit) > width else [unit])
    return units


def _fold(word: str, width: int) -> list[str]:
    pieces: list[str] = []
    piece: list[str] = []
    used = 0
    for unit in _fold_units(word, width):
        size = cell_len(unit) if len(unit) > 1 else get_character_cell_size(unit)
        if used + size > width and piece:
            pieces.append("".join(piece))
            piece, used = [], 0
        piece.append(unit)
        used += size
    pieces.append("".join(piece))
    return pieces


def _fit(text: str, width: int) -> str:
    """Text padded with spaces, or cut, to exactly width cells."""
    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    kept: list[str] = []
    used = 0
    for char in text:
        used += get_character_cell_size(char)
        if used > width:
            break
        kept.append(char)
    return _fit("".join(kept), width)


def _ellipsised(line: str, width: int) -> str:
    """The line with … at its end, within width cells."""
    return _fit(line, max(0, width - 1)).rstrip() + "…"


def row_lines(text: str, width: int) -> tuple[str, ...]:
    """The lines a text takes in its column: wrapped, at most MAX_ROW_LINES, … when cut."""
    lines = wrap_cells(text, width)
    if len(lines) <= MAX_ROW_LINES:
        return lines
    return (*lines[: MAX_ROW_LINES - 1], _ellipsised(lines[MAX_ROW_LINES - 1], width))


class SegmentGrid(ScrollView, can_focus=True):
    """Segments as rows of # · status · QA flag · source · target; only what is seen is drawn.

    Row heights start as estimates from the texts' lengths and become exact as rows are drawn
    (or the cursor reaches them), so that 50,000 rows open without wrapping every text.
    """

    DEFAULT_CSS = """
    SegmentGrid {
        height: 1fr;
        min-height: 3;
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        &:focus {
            background-tint: $foreground 5%;
            & > .segment-grid--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .segment-grid--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .segment-grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .segment-grid--stripe {
            background: $surface-lighten-1 50%;
        }
        &:dark > .segment-grid--stripe {
            background: $surface-darken-1 40%;
        }
        & > .segment-grid--position {
            color: $text-muted;
        }
        & > .segment-grid--separator {
            color: $text-muted;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "segment-grid--header",
        "segment-grid--cursor",
        "segment-grid--stripe",
        "segment-grid--position",
        "segment-grid--separator",
    }
    """The header line, the cursor row, every other row, the # column, the │ between texts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "cursor_page_up", "Page up", show=False),
        Binding("pagedown", "cursor_page_down", "Page down", show=False),
        Binding("home", "cursor_first", "First", show=False),
        Binding("end", "cursor_last", "Last", show=False),
        Binding("enter", "activate", "Open", show=False),
    ]
    """Cursor keys move the cursor row; enter opens it (RowActivated)."""

    class RowHighlighted(Message):
        """The cursor moved to the row at index."""

        def __init__(self, grid: SegmentGrid, index: int) -> None:
            super().__init__()
            self.grid = grid
            self.index = index

        @property
        def control(self) -> SegmentGrid:
            """The grid whose cursor moved (for @on)."""
            return self.grid

    class RowActivated(Message):
        """The row at index was opened with enter or a double click."""

        def __init__(self, grid: SegmentGrid, index: int) -> None:
            super().__init__()
            self.grid = grid
            self.index = index

        @property
        def control(self) -> SegmentGrid:
            """The grid whose row was opened (for @on)."""
            return self.grid

    def __init__(
        self,
        *,
        labels: tuple[str, str] = ("source", "target"),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._labels = labels
        self._rows: list[GridRow] = []
        self._sources = _Sizes([])
        self._targets = _Sizes([])
        self._heights: NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self._exact = bytearray()
        """1 where a row's height comes from wrapping its texts, 0 where it is an estimate."""
        self._starts: NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        """The first line of each row, and the total after the last."""
        self._cursor = 0
        self._strips: LRUCache[tuple[int, int, Style], Strip] = LRUCache(1024)
        """Drawn lines by row, line and row style: scrolling redraws mostly the same lines."""
        self._layout_width = 0
        """The width the rows were laid out at; 0 before the grid has a size."""
        self._view_height = 1
        self._styles: dict[str, Style] = {}
        """Row styles by component class, until the CSS or focus changes them."""
        self._columns = _columns(0, 1)
        self._position_digits = 1

    # --- public interface --------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows the grid holds."""
        return len(self._rows)

    @property
    def cursor_row(self) -> int:
        """The index of the cursor row (0 when the grid is empty)."""
        return self._cursor

    @cursor_row.setter
    def cursor_row(self, index: int) -> None:
        self.move_cursor(index)

    def get_row(self, index: int) -> GridRow:
        """The row at index, as last set."""
        return self._rows[index]

    def set_labels(self, source: str, target: str) -> None:
        """Name the two text columns in the header (e.g. with their languages)."""
        self._labels = (source, target)
        self.refresh(Region(0, 0, self.size.width, _HEADER_LINES))

    def set_rows(self, rows: list[GridRow], cursor: int = 0) -> None:
        """Show rows instead of the current ones, the cursor on row cursor (RowHighlighted)."""
        self._rows = list(rows)
        self._sources = _Sizes([row.source for row in self._rows])
        self._targets = _Sizes([row.target for row in self._rows])
        self._position_digits = len(str(max((row.position for row in self._rows), default=0)))
        self._cursor = max(0, min(cursor, len(self._rows) - 1))
        self._layout_width = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self._ensure_layout(new_rows=True)
        if self._rows:
            self.post_message(self.RowHighlighted(self, self._cursor))

    def append_rows(self, rows: list[GridRow]) -> None:
        """Add rows after the last one; the cursor and what is on screen stay where they are."""
        if not rows:
            return
        if not self._rows:
            self.set_rows(rows)
            return
        first = len(self._rows)
        self._rows.extend(rows)
        self._sources.extend([row.source for row in rows])
        self._targets.extend([row.target for row in rows])
        digits = len(str(max(row.position for row in rows)))
        if digits > self._position_digits or self._layout_width <= 0:
            self._position_digits = max(digits, self._position_digits)
            self._ensure_layout(new_rows=True)  # the texts' columns got narrower: all again
            return
        columns = self._columns
        lines = np.maximum(
            self._sources.lines(columns.source)[first:], self._targets.lines(columns.target)[first:]
        )
        self._heights = np.concatenate((self._heights, np.clip(lines, 1, MAX_ROW_LINES)))
        self._exact.extend(bytearray(len(rows)))
        self._restart()
        self.refresh()

    def update_row(self, index: int, row: GridRow) -> None:
        """Show row at index instead of what was there (a new status, target or flag)."""
        self._rows[index] = row
        self._sources.set(index, row.source)
        self._targets.set(index, row.target)
        old = self._height(index)
        new = self._exact_height(index)
        self._heights[index], self._exact[index] = new, 1
        self._strips.clear()
        if new != old:
            above = self._start(index) < self.scroll_offset.y
            self._starts[index + 1 :] += new - old
            self._resize_virtual()
            if above:  # keep the rows on screen where they were
                self.scroll_to(y=self.scroll_y + new - old, animate=False, immediate=True)
            self.refresh()
        else:
            self._refresh_row(index)

    def move_cursor(self, index: int) -> None:
        """Put the cursor on row index and scroll it into view (RowHighlighted if it moved)."""
        if not self._rows:
            return
        index = max(0, min(index, len(self._rows) - 1))
        previous, self._cursor = self._cursor, index
        self._ensure_layout()
        self._show_cursor()
        if index != previous:
            self._refresh_row(previous)
            self._refresh_row(index)
            self.post_message(self.RowHighlighted(self, index))

    # --- actions -----------------------------------------------------------------------------

    def action_cursor_up(self) -> None:
        """Move the cursor to the row above."""
        self.move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        """Move the cursor to the row below."""
        self.move_cursor(self._cursor + 1)

    def action_cursor_page_up(self) -> None:
        """Move the cursor a screenful up."""
        self.move_cursor(
            min(self._row_at(self._start(self._cursor) - self._page()), self._cursor - 1)
        )

    def action_cursor_page_down(self) -> None:
        """Move the cursor a screenful down."""
        self.move_cursor(
            max(self._row_at(self._start(self._cursor) + self._page()), self._cursor + 1)
        )

    def action_cursor_first(self) -> None:
        """Move the cursor to the first row."""
        self.move_cursor(0)

    def action_cursor_last(self) -> None:
        """Move the cursor to the last row."""
        self.move_cursor(len(self._rows) - 1)

    def action_activate(self) -> None:
        """Open the cursor row (RowActivated)."""
        if self._rows:
            self.post_message(self.RowActivated(self, self._cursor))

    # --- events ------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """Put the cursor on the clicked row; a double click opens it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < _HEADER_LINES or not self._rows:
            return
        line = offset.y - _HEADER_LINES + self.scroll_offset.y
        if line >= self._line_count:
            return
        index = self._row_at(line)
        self.move_cursor(index)
        if event.chain == 2:
            self.post_message(self.RowActivated(self, index))

    def on_resize(self, event: events.Resize) -> None:
        """Wrap the texts again at the new width; keep the cursor row whole in a new height."""
        self._ensure_layout()
        self._show_cursor()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Wrap the rows that come into view before they are drawn."""
        if self._settle_window(round(new_value)):
            self.refresh()
        super().watch_scroll_y(old_value, new_value)

    # --- layout ------------------------------------------------------------------------------

    def _ensure_layout(self, new_rows: bool = False) -> None:
        """Lay the rows out again when they or the width the texts get have changed."""
        region = self.scrollable_content_region
        self._view_height = max(1, region.height - _HEADER_LINES)
        if new_rows or (region.width > 0 and region.width != self._layout_width):
            self._lay_out(region.width)

    def _lay_out(self, width: int) -> None:
        """Estimate every row's height at width (0 before the grid has a size)."""
        self._layout_width = width
        self._strips.clear()
        self._columns = columns = _columns(width, self._position_digits)
        lines = np.maximum(self._sources.lines(columns.source), self._targets.lines(columns.target))
        self._heights = np.clip(lines, 1, MAX_ROW_LINES)
        self._exact = bytearray(len(self._rows))
        self._restart()
        self._show_cursor()
        self.refresh()

    def _restart(self) -> None:
        """Recompute where each row starts, and the scrollable size."""
        self._starts = np.concatenate((np.zeros(1, dtype=np.int64), np.cumsum(self._heights)))
        self._resize_virtual()

    def _resize_virtual(self) -> None:
        size = Size(self._columns.total, self._line_count + _HEADER_LINES)
        if size != self.virtual_size:
            self.virtual_size = size
            self._scroll_update(size)

    def _exact_height(self, index: int) -> int:
        row = self._rows[index]
        source = row_lines(row.source, self._columns.source)
        target = row_lines(row.target, self._columns.target)
        return max(len(source), len(target), 1)

    def _make_exact(self, indexes: range) -> bool:
        """Wrap the rows at indexes; True if any height changed."""
        changed = False
        heights, exact = self._heights, self._exact
        for index in indexes:
            if exact[index]:
                continue
            height = self._exact_height(index)
            exact[index] = 1
            if height != heights[index]:
                heights[index] = height
                changed = True
        if changed:
            self._restart()
        return changed

    def _settle_window(self, top: int) -> bool:
        """Make exact the heights of the rows between line top and a screenful below it."""
        if self._layout_width <= 0 or not self._rows:
            return False
        changed = False
        # wrapping may shorten rows and pull more into view: repeat until nothing changes
        for _ in range(MAX_ROW_LINES * 2):
            first = self._row_at(top)
            last = self._row_at(top + self._page())
            if not self._make_exact(range(first, last + 1)):
                break
            changed = True
        return changed

    def _show_cursor(self) -> None:
        """Scroll so that the cursor row is in view, its neighbours' heights made exact first."""
        if self._layout_width <= 0 or not self._rows:
            return
        index = self._cursor
        page = self._page()
        # rows above the cursor would shift it when they are wrapped after the scroll
        self._settle_window(max(0, self._start(index) - page))
        self._settle_window(self._start(index))
        region = Region(0, self._start(index) + _HEADER_LINES, 1, self._height(index))
        self.scroll_to_region(
            region,
            spacing=Spacing(top=_HEADER_LINES),
            animate=False,
            force=True,
            immediate=True,
            x_axis=False,
        )

    def _start(self, index: int) -> int:
        """The first line of the row at index."""
        return int(self._starts[index])

    def _height(self, index: int) -> int:
        return int(self._heights[index])

    @property
    def _line_count(self) -> int:
        """Lines of all rows together."""
        return int(self._starts[-1])

    def _page(self) -> int:
        """Lines of rows that fit on screen (as of the last layout check: asking is slow)."""
        return self._view_height

    def _row_at(self, line: int) -> int:
        """The row that line (counted from the first row) belongs to, clamped to the rows."""
        line = max(0, min(line, self._line_count - 1))
        row = int(np.searchsorted(self._starts, line, side="right")) - 1
        return max(0, min(row, len(self._rows) - 1))

    def _refresh_row(self, index: int) -> None:
        if self._layout_width <= 0 or not 0 <= index < len(self._rows):
            return
        y = self._start(index) + _HEADER_LINES - self.scroll_offset.y
        self.refresh(Region(0, y, self.size.width, self._height(index)))

    # --- drawing -----------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the lines in crop, once the rows on screen are wrapped."""
        self._ensure_layout()
        if self._settle_window(self.scroll_offset.y):
            self.refresh()  # lines kept from an earlier frame may belong to shifted rows
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """One line on screen: the header, a line of a row, or blank below the last row."""
        width = self._layout_width or self.scrollable_content_region.width
        if y < _HEADER_LINES:
            return self._header_strip(width)
        line = y - _HEADER_LINES + self.scroll_offset.y
        if not self._rows or self._layout_width <= 0 or line >= self._line_count:
            return Strip.blank(width, self._style(""))
        index = self._row_at(line)
        return self._row_strip(index, line - self._start(index), width)

    def _header_strip(self, width: int) -> Strip:
        columns = self._columns
        style = self._style("segment-grid--header")
        source, target = self._labels
        text = (
            f"{'#':>{columns.position}}    {_fit(source, columns.source)}{_SEPARATOR}"
            f"{_fit(target, columns.target)}"
        )
        return Strip([Segment(text, style)], columns.total).adjust_cell_length(width, style)

    def _row_style(self, index: int) -> Style:
        if index == self._cursor:
            return self._style("segment-grid--cursor")
        return self._style("segment-grid--stripe" if index % 2 else "")

    def _style(self, component: str) -> Style:
        """A component's style, or the grid's own for ""; kept as computing them is slow."""
        style = self._styles.get(component)
        if style is None:
            style = self.get_component_rich_style(component) if component else self.rich_style
            self._styles[component] = style
        return style

    def notify_style_update(self) -> None:
        """Forget the styles kept: the theme, the CSS or the focus changed."""
        self._styles.clear()
        super().notify_style_update()

    def on_focus(self, event: events.Focus) -> None:
        """Draw the cursor row in its focused style."""
        self._styles.clear()

    def on_blur(self, event: events.Blur) -> None:
        """Draw the cursor row in its unfocused style."""
        self._styles.clear()

    def _row_strip(self, index: int, line: int, width: int) -> Strip:
        base = self._row_style(index)
        key = (index, line, base)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw_row_line(index, line, base)
        return strip.adjust_cell_length(width, base)

    def _draw_row_line(self, index: int, line: int, base: Style) -> Strip:
        row = self._rows[index]
        columns = self._columns
        first = line == 0
        source = row_lines(row.source, columns.source)
        target = row_lines(row.target, columns.target)
        # only the colour: the row's own background (cursor, stripe) stays under the muted text
        muted = Style(color=self._style("segment-grid--position").color)
        separator = Style(color=self._style("segment-grid--separator").color)
        position = str(row.position) if first else ""
        segments = [
            Segment(f"{position:>{columns.position}} ", base + muted),
            _mark(row.status if first else ("", ""), base),
            _mark(_flag_column(row, line), base),
            Segment(" " + _fit(source[line] if line < len(source) else "", columns.source), base),
            Segment(_SEPARATOR, base + separator),
            Segment(_fit(target[line] if line < len(target) else "", columns.target), base),
        ]
        return Strip(segments, columns.total)


def _flag_column(row: GridRow, line: int) -> tuple[str, str]:
    """The QA mark on a row's first line, the comment mark below it (or first, alone)."""
    if not row.comment[0]:
        return row.flag if line == 0 else ("", "")
    if not row.flag[0]:
        return row.comment if line == 0 else ("", "")
    if line == 0:
        return row.flag
    return row.comment if line == 1 else ("", "")


def _mark(mark: tuple[str, str], base: Style) -> Segment:
    """A one-cell status or QA mark in its own style over the row's."""
    text, style = mark
    return Segment(_fit(text, 1), base + Style.parse(style) if style else base)
