"""Text normalisation shared by storage lookups and term recognition, with offsets kept."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
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


def prepare_folding() -> None:
    """Build the folding tables now rather than at the first fold (a pass over every
    character: 0.2 s once per process, which the editor's screen thread should not pay)."""
    _fold_tables()


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

    @property
    def pieces(self) -> tuple[tuple[int, int, int, bool], ...]:
        """(folded start, original start, original length, linear) of each stretch of the text
        that is not folded 1:1 or follows one; empty when the whole text folds 1:1."""
        return self._pieces

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


def _plain_casefold(chunk: str) -> str | None:
    """chunk.casefold() when that keeps every character 1:1 and nothing else needs folding."""
    if chunk.isascii():  # ASCII is NFKC already, and casefolds as it lowers
        return None if "  " in chunk else chunk.lower()
    if "  " in chunk or not unicodedata.is_normalized("NFKC", chunk):
        return None
    folded = chunk.casefold()
    return folded if len(folded) == len(chunk) else None


def fold(text: str) -> FoldedText:
    """Fold text for matching (NFKC, case, quotes, spaces, traditional Chinese) keeping offsets.

    Most lines need only case folding, which keeps every offset; only lines with compatibility
    forms, decomposed Hangul, combining marks or runs of spaces take the slower mapped path.
    """
    plain = _plain_casefold(text)
    if plain is not None:
        return FoldedText(text, _fold_plain(plain), (), ())
    parts: list[str] = []
    pieces: list[tuple[int, int, int, bool]] = []
    folded_at = 0
    for line_start, line in _lines(text):
        plain_line = _plain_casefold(line)
        if plain_line is not None:
            line_parts, line_pieces = [plain_line], [(0, 0, len(line), True)]
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


_MAY_CONVERT = re.compile(
    "[\u2e80-\u9fff\ua000-\uabff\uf900-\ufaff\ufe30-\ufe4f\U00020000-\U0003ffff]"
)
"""Where OpenCC's t2s tables can change a text: the CJK blocks (it changes nothing below U+3400,
and Hangul syllables, which most Korean and all English text is made of, lie outside)."""
_MAY_CONVERT_HIGH_BYTES = bytes([*range(0x2E, 0xAC), 0xF9, 0xFA, 0xFE, *range(0xD8, 0xE0)])
"""The high bytes (UTF-16) of every character in _MAY_CONVERT's blocks, surrogates included."""


def _may_convert(text: str) -> bool:
    """Whether text has a character in _MAY_CONVERT's blocks.

    A long text is first read as the high bytes of its UTF-16 form, in C: a text none of whose
    characters has one of those high bytes (Korean, English) has none; the pattern, which
    reads a few nanoseconds a character, settles the others.
    """
    if len(text) > 4096:
        high = text.encode("utf-16-le", "surrogatepass")[1::2]
        if len(high.translate(None, _MAY_CONVERT_HIGH_BYTES)) == len(high):
            return False
    return _MAY_CONVERT.search(text) is not None


def _fold_quotes_and_spaces(text: str) -> str:
    """The 1:1 folds of quotes and space characters, done on the whole text in C."""
    for char in _SPACE_LIKE:
        if char in text:
            text = text.replace(char, " ")
    for char, replacement in QUOTES.items():
        if char in text:
            text = text.replace(char, replacement)
    return text


SEPARATOR = "\uffff"
"""What fold_joined puts between texts: a noncharacter, which folding leaves as it is and no
term contains (callers keep texts that contain it apart)."""


def fold_joined(texts: Sequence[str]) -> FoldedText:
    """fold(SEPARATOR.join(texts)) as if each text were folded on its own: the same folded text,
    and the same offsets for every span that starts inside a text, whatever the neighbours.
    The texts must not contain SEPARATOR.

    Texts that fold 1:1 are folded together in a few passes over the joined text, which is
    what makes reading a whole document's segments at once cheap.
    """
    joined = SEPARATOR.join(texts)
    ascii_folded = _fold_ascii_joined(texts)
    if ascii_folded is not None:
        return FoldedText(joined, ascii_folded, (), ())
    casefolded = _plain_casefold(joined)
    if casefolded is not None:  # then every text folds 1:1 (the usual case)
        return FoldedText(joined, _fold_plain_joined(casefolded, texts), (), ())
    plain: list[str] = []
    alone: dict[int, FoldedText] = {}
    for position, text in enumerate(texts):
        folded = _plain_casefold(text)
        if folded is None:
            folded = _mapped_one_to_one(text)
        if folded is None:
            alone[position] = fold(text)
        else:
            plain.append(folded)
    simplified = iter(_fold_plain_each(plain))
    parts: list[str] = []
    pieces: list[tuple[int, int, int, bool]] = []
    original_at = folded_at = 0
    for position, text in enumerate(texts):
        if position:
            _add_piece(pieces, (folded_at, original_at, 1, True))
            parts.append(SEPARATOR)
            original_at, folded_at = original_at + 1, folded_at + 1
        own = alone.get(position)
        if own is None:
            part = next(simplified)
            _add_piece(pieces, (folded_at, original_at, len(text), True))
        else:
            part = own.text
            for start, original_start, length, linear in own.pieces:
                _add_piece(
                    pieces, (folded_at + start, original_at + original_start, length, linear)
                )
        parts.append(part)
        original_at, folded_at = original_at + len(text), folded_at + len(part)
    folded_text = "".join(parts)
    if not alone:  # every text folded 1:1: no map needed
        return FoldedText(SEPARATOR.join(texts), folded_text, (), ())
    return FoldedText(
        SEPARATOR.join(texts), folded_text, tuple(p[0] for p in pieces), tuple(pieces)
    )


def _fold_ascii_joined(texts: Sequence[str]) -> str | None:
    """fold_joined's folded text when every text is ASCII and has no run of spaces, else None.

    Joined by SEPARATOR the texts are no longer ASCII, and casefold and the pattern of
    _MAY_CONVERT cost as much again as the rest of an English scan; one after the other they
    fold 1:1 as ASCII (lower case, and quotes and space characters), then are cut apart.
    """
    whole = "".join(texts)
    if not whole.isascii() or "  " in whole:
        return None
    folded = _fold_quotes_and_spaces(whole.lower())
    parts = []
    at = 0
    for text in texts:
        parts.append(folded[at : at + len(text)])
        at += len(text)
    return SEPARATOR.join(parts)


_LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""What str.splitlines breaks at."""


def _mapped_one_to_one(text: str) -> str | None:
    """What the mapped path of fold makes of a one-line text in which every character folds
    1:1 (full-width punctuation in Chinese, most often), before _fold_plain; else None."""
    if _LINE_BREAK.search(text):
        return None
    table, special = _fold_tables()
    if special.search(text):
        return None
    return text.translate(table)


def _add_piece(pieces: list[tuple[int, int, int, bool]], piece: tuple[int, int, int, bool]) -> None:
    """Append a piece of the offset map, merged into the previous one when both are 1:1."""
    previous = pieces[-1] if pieces else None
    if (
        piece[3]
        and previous is not None
        and previous[3]
        and previous[1] + previous[2] == piece[1]
        and previous[0] + previous[2] == piece[0]
    ):
        pieces[-1] = (previous[0], previous[1], previous[2] + piece[2], True)
    elif piece[2] or not piece[3]:
        pieces.append(piece)


def _fold_plain_each(texts: list[str]) -> list[str]:
    """_fold_plain of each text, done on all of them joined where that gives the same result."""
    if len(texts) < 2:
        return [_fold_plain(text) for text in texts]
    joined = _fold_plain_joined(SEPARATOR.join(texts), texts)
    parts = []
    at = 0
    for text in texts:
        parts.append(joined[at : at + len(text)])
        at += len(text) + 1
    return parts


def _fold_plain_joined(joined: str, texts: Sequence[str]) -> str:
    """_fold_plain of each part of joined (the texts, each folded 1:1 as far as it is), joined."""
    joined = _fold_quotes_and_spaces(joined)
    if joined.isascii() or not _may_convert(joined):
        return joined
    simplified = _t2s()(joined)
    if len(simplified) == len(joined):
        return simplified
    # some text's phrases change its length, and only that text falls back to single
    # characters: convert them one by one
    parts = []
    at = 0
    for text in texts:
        parts.append(_simplify(joined[at : at + len(text)]))
        at += len(text) + 1
    return SEPARATOR.join(parts)


def _fold_plain(text: str) -> str:
    """The 1:1 folds done on whole texts in C: quotes, space characters, traditional script."""
    return _simplify(_fold_quotes_and_spaces(text))


def _simplify(text: str) -> str:
    """Traditional Chinese to simplified, by OpenCC's phrases where they keep the length."""
    if text.isascii() or not _may_convert(text):
        return text
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
