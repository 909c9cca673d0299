"""Strings as msgcat writes them: escaped, and wrapped at 79 columns by Unicode's rules."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

PAGE_WIDTH = 79
"""Columns a written line may take, quotes included (msgcat's default)."""

_ESCAPED = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}


def _escaped_pieces(text: str) -> list[str]:
    """Each character as it is written between quotes."""
    return [_ESCAPED.get(char, char) for char in text]


@cache
def _char_width(char: str) -> int:
    """Columns a character takes in a terminal."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# Line-breaking classes of Unicode's UAX #14 that decide where msgcat may wrap a line.
_OPENING = frozenset("([{")
_WIDE_OPENING = frozenset("（［｛「『【〈《〔〖〘〚")
_CLOSING_PAREN = frozenset(")]")
_CLOSING = frozenset("}）］｝」』】〉》〕〗〙〛、。，．｡､")
_EXCLAMATION = frozenset("!?！？")
_INFIX = frozenset(",.:;")
_NON_STARTER = frozenset("ー・ゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ：；")
_QUOTE = frozenset("\"'«»‘’“”")
_PREFIX = frozenset("$+\\#")
_CLASSES = (
    (_OPENING, "OP"),
    (_WIDE_OPENING, "OW"),
    (_CLOSING_PAREN, "CP"),
    (_CLOSING, "CL"),
    (_EXCLAMATION, "EX"),
    (_INFIX, "IS"),
    (_NON_STARTER, "NS"),
    (_QUOTE, "QU"),
    (_PREFIX, "PR"),
    (frozenset("%"), "PO"),
    (frozenset("/"), "SY"),
    (frozenset("-"), "HY"),
    (frozenset(" "), "SP"),
    (frozenset("…"), "IN"),
)
_NO_BREAK_BEFORE = frozenset({"CL", "CP", "EX", "IS", "SY", "SP", "CM"})
_WORD = frozenset({"AL", "NU"})
_AFFIX = frozenset({"PR", "PO"})
_OPENERS = frozenset({"OP", "OW"})  # OW: East Asian wide openers, which letters may break before


@cache
def _break_class(char: str) -> str:
    """The UAX #14 class of a character, reduced to the classes that matter here."""
    for chars, name in _CLASSES:
        if char in chars:
            return name
    if "0" <= char <= "9":
        return "NU"
    if _char_width(char) == 0:
        return "CM"
    return "ID" if unicodedata.east_asian_width(char) in ("W", "F") else "AL"


@cache
def _may_break(before: str, prev: str, cur: str) -> bool:
    """Whether a line may break between classes prev and cur (before: class ahead of spaces)."""
    if cur in _NO_BREAK_BEFORE:
        return False
    if prev == "SP":
        return not (
            before in _OPENERS
            or (before == "QU" and cur in _OPENERS)
            or (before in ("CL", "CP") and cur == "NS")
        )
    if prev in _OPENERS or prev == "QU" or cur in ("QU", "HY", "NS", "IN"):
        return False
    if prev == "HY":
        return cur != "NU"
    if (prev == "ID" and cur == "PO") or (prev == "PR" and cur == "ID"):
        return False
    if prev in _WORD | _AFFIX and cur in _WORD | _AFFIX:
        return False
    if cur == "OP" and prev in _WORD | _AFFIX:
        return False
    if prev == "CP" and cur in _WORD:
        return False
    return not (prev in ("IS", "SY") and cur == "NU")


@cache
def _char_info(char: str) -> tuple[str, int]:
    """A character's line-breaking class and width, looked up once."""
    return _break_class(char), _char_width(char)


def _wrapped(pieces: Sequence[str], chars: str, first_column: int) -> list[int]:
    """Where to break a run of escaped pieces so that lines end by PAGE_WIDTH (closing quote
    included); the first line starts at first_column, the others after one quote."""
    breaks: list[int] = []
    column = first_column
    if chars.isascii() and column + sum(map(len, pieces)) < PAGE_WIDTH:
        return breaks
    last_break = column_at_break = -1
    before = prev = ""
    for index, (piece, char) in enumerate(zip(pieces, chars, strict=True)):
        cls, width = _char_info(char)
        if index and _may_break(before, prev, cls):
            last_break, column_at_break = index, column
        column += width if piece == char else len(piece)
        # The closing quote needs a column too, hence >= rather than >.
        if column >= PAGE_WIDTH and last_break > (breaks[-1] if breaks else 0):
            breaks.append(last_break)
            column = 1 + column - column_at_break
        if cls != "SP":
            before = cls
        prev = cls
    return breaks


def string_lines(keyword: str, text: str) -> list[str]:
    """A keyword and its string as msgcat writes them: one line if it fits, else `keyword ""`
    followed by lines that break after each newline and wherever the page width demands."""
    portions = re.findall(r"[^\n]*\n|[^\n]+", text) or [""]
    if len(portions) == 1:
        pieces = _escaped_pieces(portions[0])
        if not _wrapped(pieces, portions[0], len(keyword) + 2):
            return [f'{keyword} "{"".join(pieces)}"']
    lines = [f'{keyword} ""']
    for portion in portions:
        pieces = _escaped_pieces(portion)
        start = 0
        for end in [*_wrapped(pieces, portion, 1), len(pieces)]:
            lines.append(f'"{"".join(pieces[start:end])}"')
            start = end
    return lines
