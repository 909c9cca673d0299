"""The folding of 2026-11-26 (commit 466b767), the reference for tests/domain/reference_matching.py.

Text normalisation shared by storage lookups and term recognition, with offsets kept."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

_SPACES = re.compile(r"\s+")

QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\uff07": "'",
    "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\uff02": '"',
}  # fmt: skip


def clean_term(text: str) -> str:
    """The stored form of a term: NFC, trimmed, inner whitespace collapsed to one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def lookup_key(text: str) -> str:
    """A search key that ignores case, width forms and spacing (ＣＥＯ, ceo and CEO agree)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


@cache
def _simplified() -> dict[str, str]:
    """Traditional -> simplified Chinese, one character for one (OpenCC's t2s tables)."""
    import opencc  # imported here: loading OpenCC is needless for most commands

    chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    return {c: s for c, s in zip(chars, converted, strict=True) if c != s and len(s) == 1}


def _fold_char(char: str) -> str:
    """Fold one character: compatibility forms, case, quotes, spaces, traditional script."""
    if char in QUOTES:
        return QUOTES[char]
    if char.isspace():
        return " "
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", char).casefold())
    return "".join(_simplified().get(c, c) for c in folded)


@cache
def _fold_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """A str.translate table for 1:1 folds and a pattern of what cannot fold 1:1."""
    table: dict[int, str] = {}
    wider: list[str] = []
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        folded = _fold_char(char)
        if folded == char:
            continue
        if len(folded) == 1:
            table[code] = folded
        else:
            wider.append(char)
    marks = "".join(
        chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000 and unicodedata.combining(chr(c))
    )
    special = (
        r"[\u1100-\u115f][\u1160-\u11ff]+"  # decomposed (NFD) Hangul syllables
        rf"|.[{re.escape(marks)}\u1160-\u11ff]+"  # a base letter with combining marks
        rf"|[{re.escape(''.join(wider))}]"  # one character that folds to several
        r"|[\U00010000-\U0010ffff]"  # beyond the BMP (mathematical letters, emoji)
        r"|\s{2,}"  # a run of spaces folds to one
    )
    return table, re.compile(special, re.DOTALL)


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A folded copy of a text and the map from its positions back to the original."""

    original: str
    text: str
    _piece_starts: tuple[int, ...]
    _pieces: tuple[tuple[int, int, int, bool], ...]
    """(folded start, original start, original length, linear) per piece."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end)."""
        if not self._pieces:
            return start, end
        return self._original_start(start), self._original_end(end)

    def _piece(self, position: int) -> tuple[int, int, int, bool]:
        return self._pieces[max(bisect_right(self._piece_starts, position) - 1, 0)]

    def _original_start(self, position: int) -> int:
        folded_start, original_start, _length, linear = self._piece(position)
        return original_start + (position - folded_start if linear else 0)

    def _original_end(self, position: int) -> int:
        if position <= 0:
            return 0
        folded_start, original_start, length, linear = self._piece(position - 1)
        return original_start + (position - folded_start if linear else length)


_SPACE_LIKE = ("\t", "\n", "\r", "\x0b", "\x0c", "\xa0", "\u3000", "\u2028", "\u2029")


@cache
def _t2s() -> Callable[[str], str]:
    import opencc

    converter: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return converter


def _is_plain(chunk: str) -> bool:
    """True when case folding keeps every character 1:1 and nothing else needs folding."""
    return (
        unicodedata.is_normalized("NFKC", chunk)
        and "  " not in chunk
        and len(chunk.casefold()) == len(chunk)
    )


def fold(text: str) -> FoldedText:
    """Fold text for matching (NFKC, case, quotes, spaces, traditional Chinese) keeping offsets.

    Most lines need only case folding, which keeps every offset; only lines with compatibility
    forms, decomposed Hangul, combining marks or runs of spaces take the slower mapped path.
    """
    if _is_plain(text):
        return FoldedText(text, _fold_plain(text.casefold()), (), ())
    parts: list[str] = []
    pieces: list[tuple[int, int, int, bool]] = []
    folded_at = 0
    for line_start, line in _lines(text):
        if _is_plain(line):
            line_parts, line_pieces = [line.casefold()], [(0, 0, len(line), True)]
        else:
            line_parts, line_pieces = _fold_mapped(line)
        for (_, original_at, length, linear), part in zip(line_pieces, line_parts, strict=True):
            previous = pieces[-1] if pieces else None
            if (
                linear
                and previous is not None
                and previous[3]
                and previous[1] + previous[2] == line_start + original_at
            ):
                # continue the previous linear piece: the map stays one entry per odd spot
                pieces[-1] = (previous[0], previous[1], previous[2] + length, True)
            else:
                pieces.append((folded_at, line_start + original_at, length, linear))
            parts.append(part)
            folded_at += len(part)
    folded = _fold_plain("".join(parts))
    return FoldedText(text, folded, tuple(p[0] for p in pieces), tuple(pieces))


def _fold_plain(text: str) -> str:
    """The 1:1 folds done on whole texts in C: quotes, space characters, traditional script."""
    for char in _SPACE_LIKE:
        if char in text:
            text = text.replace(char, " ")
    for char, replacement in QUOTES.items():
        if char in text:
            text = text.replace(char, replacement)
    simplified = _t2s()(text)
    if len(simplified) != len(text):  # a phrase changed length: fall back to characters
        table = _simplified()
        return "".join(table.get(c, c) for c in text)
    return simplified


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines of text with their start offsets, line ends kept."""
    start = 0
    for line in text.splitlines(keepends=True):
        yield start, line
        start += len(line)


def _fold_mapped(line: str) -> tuple[list[str], list[tuple[int, int, int, bool]]]:
    """Fold one line piece by piece: (folded parts, (0, original start, length, linear))."""
    table, special = _fold_tables()
    parts: list[str] = []
    pieces: list[tuple[int, int, int, bool]] = []
    original_at = 0

    def add(chunk: str, original_start: int, original_length: int, linear: bool) -> None:
        if chunk:
            pieces.append((0, original_start, original_length, linear))
            parts.append(chunk)

    for match in special.finditer(line):
        plain = line[original_at : match.start()]
        add(plain.translate(table), original_at, len(plain), True)
        chunk = match.group()
        folded = " " if chunk.isspace() else _fold_chunk(chunk, table)
        add(folded, match.start(), len(chunk), len(folded) == len(chunk) == 1)
        original_at = match.end()
    rest = line[original_at:]
    add(rest.translate(table), original_at, len(rest), True)
    return parts, pieces


def _fold_chunk(chunk: str, table: dict[int, str]) -> str:
    composed = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", chunk).casefold())
    return "".join(_fold_char(c) for c in composed).translate(table)


def fold_key(text: str) -> str:
    """The folded key of a term (same folding as the text it is looked for in)."""
    return fold(clean_term(text)).text
