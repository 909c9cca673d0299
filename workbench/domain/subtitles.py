"""Subtitle rules shared by the subtitle formats and the QA checks: timing, limits, line breaks.

A cue's lines are one segment (joined by a space, or by nothing between Chinese or Japanese
characters); export breaks the target into lines again with `wrap_lines`, and the subtitle
checks measure exactly those lines, so QA judges what the viewer will see.

Defaults follow common broadcaster and streaming guidelines: 42 characters per line for
Latin and other alphabetic scripts, 16 for Korean, Chinese and Japanese; 2 lines per cue;
a reading speed of at most 17 characters per second, 9 for Korean and Chinese and 7 for
Japanese. The QA profile can change each (docs/qa-profile.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from workbench.domain.document import code_index
from workbench.domain.langtags import CJK_LANGS, primary_lang
from workbench.domain.scripts import Script, script_of

START_MS, END_MS = "start_ms", "end_ms"
"""`Segment.structure` keys of a subtitle cue's start and end, in milliseconds."""
CUE = "cue"
"""`Segment.structure` key present on every subtitle segment (its cue's 0-based index)."""

LINE_LENGTH = 42
LINE_LENGTH_CJK = 16
MAX_LINES = 2
READING_SPEED = 17.0
READING_SPEEDS_CJK = {"ko": 9.0, "zh": 9.0, "ja": 7.0}

# Kinsoku: no line starts with a closing mark or small kana, none ends with an opening mark.
_NO_LINE_START = frozenset(
    "、。，．,.!?！？：；:;)）」』】〉》〕］｝…‥ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ・"
)
_NO_LINE_END = frozenset("(（「『【〈《〔［｛")
_DIALOGUE_DASHES = ("-", "–", "—", "‐")


@dataclass(frozen=True, slots=True)
class CueTiming:
    """When a cue is shown, in milliseconds from the start of the video."""

    start_ms: int
    end_ms: int

    @property
    def seconds(self) -> float:
        """How long the cue is shown (0 or less for a cue that never shows)."""
        return (self.end_ms - self.start_ms) / 1000


def cue_timing(structure: Mapping[str, str]) -> CueTiming | None:
    """The timing a subtitle segment's structure records, None when it has none."""
    start, end = structure.get(START_MS), structure.get(END_MS)
    if start is None or end is None or not start.isdigit() or not end.isdigit():
        return None
    return CueTiming(int(start), int(end))


def line_length(lang: str | None) -> int:
    """The default most characters per line for a language."""
    return LINE_LENGTH_CJK if primary_lang(lang or "") in CJK_LANGS else LINE_LENGTH


def reading_speed(lang: str | None) -> float:
    """The default most characters per second for a language."""
    return READING_SPEEDS_CJK.get(primary_lang(lang or ""), READING_SPEED)


def visible_length(text: str) -> int:
    """Characters a viewer sees: code characters and line breaks are not counted."""
    return sum(1 for char in text if char != "\n" and code_index(char) is None)


def reading_length(text: str) -> int:
    """Characters read for the reading speed: the visible ones, outer whitespace left out."""
    return visible_length(text.strip())


def _wide(char: str) -> bool:
    """Han, kana and full-width punctuation: written without spaces between words."""
    return (
        script_of(char) in (Script.HAN, Script.KANA)
        or 0x3000 <= ord(char) <= 0x303F
        or (0xFF01 <= ord(char) <= 0xFF60)
    )


def _last_visible(text: str) -> str:
    return next((c for c in reversed(text) if code_index(c) is None and not c.isspace()), "")


def _first_visible(text: str) -> str:
    return next((c for c in text if code_index(c) is None and not c.isspace()), "")


def starts_turn(line: str) -> bool:
    """A line that starts a new speaker's turn: a dialogue dash."""
    return _first_visible(line) in _DIALOGUE_DASHES


def joiner(before: str, after: str) -> str:
    """What joins two lines of a cue into one text: nothing between Chinese or Japanese, a
    line break before a dialogue turn (kept when re-wrapped), else a space."""
    if starts_turn(after):
        return "\n"
    if _wide(_last_visible(before) or " ") and _wide(_first_visible(after) or " "):
        return ""
    return " "


def wrap_lines(text: str, limit: int) -> list[str]:
    """Text broken into as few lines as fit limit, as even in length as can be.

    A line break in text is kept (a dialogue turn or the translator's choice); each piece is
    wrapped alone, at spaces (dropped) or between Chinese and Japanese characters, never
    before a closing mark or after an opening one. A break at a space or after punctuation
    wins over one inside a Chinese or Japanese word, then the wrap whose longest line is
    shortest (see _best_split). A word longer than limit gets a line of its own.
    """
    lines: list[str] = []
    for piece in text.split("\n"):
        lines.extend(_wrap_piece(piece.strip(), limit))
    return [line for line in lines if line] or [""]


_AFTER_PUNCTUATION = frozenset(",.;:!?、。，．！？：；…‥)）」』】〉》")


@dataclass(frozen=True, slots=True)
class _Break:
    """A place a line may break: where the line ends, where the next starts, and its quality."""

    end: int
    start: int
    inside_word: bool
    """Between two Chinese or Japanese characters that are not after punctuation."""
    after_punctuation: bool


def _breaks(text: str) -> list[_Break]:
    """Every place a line may break, in order."""
    found: list[_Break] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace() and char != "\u00a0":
            end = index
            while index < len(text) and text[index].isspace() and text[index] != "\u00a0":
                index += 1
            if end > 0 and index < len(text):
                found.append(_Break(end, index, False, _punctuated(text, end)))
            continue
        if index > 0 and _wide_break(text, index):
            punctuated = _punctuated(text, index)
            found.append(_Break(index, index, not punctuated, punctuated))
        index += 1
    return found


def _punctuated(text: str, end: int) -> bool:
    return _last_visible(text[:end]) in _AFTER_PUNCTUATION


def _wide_break(text: str, index: int) -> bool:
    """Whether a line may break right before text[index], between wide characters."""
    before = _last_visible(text[:index])
    after = _first_visible(text[index:])
    if not before or not after or text[index - 1].isspace():
        return False
    if not (_wide(before) and _wide(after)):
        return False
    if code_index(text[index]) is not None and code_index(text[index - 1]) is not None:
        return False  # keep neighbouring codes together
    return after not in _NO_LINE_START and before not in _NO_LINE_END


Score = tuple[int, int, int, int]
"""What a wrap is judged by, smaller first (see _best_split)."""


def _wrap_piece(text: str, limit: int) -> list[str]:
    """One piece without line breaks, wrapped."""
    if not text or visible_length(text) <= limit:
        return [text]
    breaks = _breaks(text)
    widths = _Widths(text, breaks)
    for count in range(2, len(breaks) + 2):
        found = _best_split(widths, breaks, count, limit)
        if found is not None:
            return _cut(text, breaks, found)
    return [text]


class _Widths:
    """Visible lengths of the lines a set of breaks makes, each found in constant time."""

    def __init__(self, text: str, breaks: list[_Break]) -> None:
        self.points = [(0, 0), *((b.end, b.start) for b in breaks), (len(text), len(text))]
        self._before = [0]
        for char in text:
            self._before.append(self._before[-1] + (code_index(char) is None))

    def line(self, a: int, b: int) -> int:
        """The length of the line from point a to point b."""
        return self._before[self.points[b][0]] - self._before[self.points[a][1]]


def _cut(text: str, breaks: list[_Break], chosen: list[int]) -> list[str]:
    lines = []
    start = 0
    for index in chosen:
        lines.append(text[start : breaks[index].end])
        start = breaks[index].start
    lines.append(text[start:])
    return lines


def _best_split(widths: _Widths, breaks: list[_Break], count: int, limit: int) -> list[int] | None:
    """The breaks that make count lines none longer than limit (but a word that is longer
    alone), the best by: fewest breaks inside a Chinese or Japanese word, shortest longest
    line, most lines ending at punctuation, shortest first line (bottom-heavy rather than
    top-heavy); None if none fit.

    Dynamic programming over (lines so far, last break), looking back only as far as a line
    of limit characters reaches.
    """
    last = len(widths.points) - 1
    states: dict[int, tuple[Score, list[int]]] = {0: ((0, 0, 0, 0), [])}
    for lines_used in range(1, count + 1):
        following: dict[int, tuple[Score, list[int]]] = {}
        for b in [last] if lines_used == count else range(lines_used, last):
            quality = None if b == last else breaks[b - 1]
            for a in range(b - 1, -1, -1):
                size = widths.line(a, b)
                if size > limit and a < b - 1:
                    break
                if a not in states:
                    continue
                score, path = states[a]
                candidate = (
                    score[0] + (1 if quality is not None and quality.inside_word else 0),
                    max(score[1], size),
                    score[2] - (1 if quality is not None and quality.after_punctuation else 0),
                    size if lines_used == 1 else score[3],
                )
                if b not in following or candidate < following[b][0]:
                    following[b] = (candidate, path if quality is None else [*path, b - 1])
        states = following
        if not states:
            return None
    found = states.get(last)
    return None if found is None else found[1]
