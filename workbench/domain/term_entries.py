"""What the term index keeps about each term: its text and concept, and the rules at its edges.

Terms are kept column by column (one list per attribute, an entry being a position in them),
and the attributes that the scan reads for every candidate are also numpy arrays, so that a
batch of candidates is judged with a few array operations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from workbench.domain.model import TermStatus
from workbench.domain.scripts import Script, script_of

if TYPE_CHECKING:
    from workbench.domain.term_table import IndexData

_HANGUL = "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f"
_HAN = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f\u3007"
_KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d"
_CJK_ONLY = re.compile(
    rf"[\s{_HANGUL}{_HAN}{_KANA}]*[{_HANGUL}{_HAN}{_KANA}][\s{_HANGUL}{_HAN}{_KANA}]*"
)
"""Hangul, Han and kana (as scripts.script_of places them) and whitespace, with at least one
letter: the terms whose spacing varies in running text."""


class Edge(IntEnum):
    """The rule at one end of a term, from the script of its first or last character."""

    NONE = 0  # Han, kana, punctuation: substrings are fine
    WORD = 1  # Latin and other spaced scripts: whole words
    HANGUL = 2  # Korean: word start / name + particles


@lru_cache(maxsize=65536)
def edge(char: str) -> Edge:
    """The edge rule of a term that starts or ends with char."""
    script = script_of(char)
    if script in (Script.LATIN, Script.OTHER_LETTER, Script.DIGIT):
        return Edge.WORD
    if script is Script.HANGUL:
        return Edge.HANGUL
    return Edge.NONE


def is_acronym(text: str) -> bool:
    """Short all-capital words (IT, CEO, UAE) that mean something else in lower case."""
    if not 2 <= len(text) <= 5:
        return False
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(text) <= 5 and len(letters) >= 2 and all(c.isupper() for c in letters)


def space_insensitive(text: str) -> bool:
    """Hangul, Han and kana terms: spacing inside them varies and is matched loosely."""
    return _CJK_ONLY.fullmatch(text) is not None


def spacing(text: str) -> tuple[int, ...]:
    """Lengths of the space-separated words of text."""
    return tuple(map(len, text.split()))


@dataclass(frozen=True, slots=True)
class EntryArrays:
    """The per-entry attributes a scan reads for every candidate, as arrays by entry."""

    concept: npt.NDArray[np.int64]
    left: npt.NDArray[np.int8]
    right: npt.NDArray[np.int8]
    case_sensitive: npt.NDArray[np.bool_]
    loose: npt.NDArray[np.bool_]
    one_word: npt.NDArray[np.int64]
    """The length of a term of one word (as spacing() counts it), -1 for several words."""
    words_at: npt.NDArray[np.int64]
    """Where each entry's word lengths start in `words`; they run to the next entry's."""
    words: npt.NDArray[np.int64]
    """The word lengths of every entry, one after the other (spacing() of each text)."""
    alive: npt.NDArray[np.bool_]


class EntryTable:
    """Every term the index was given, by entry number (removed ones are marked, not dropped).

    What a hit reads of its entry (concept, language, text, status) is kept in lists; the
    columns only scans read are kept as the arrays each extend made, joined when asked for.
    """

    def __init__(self) -> None:
        self.concept: list[int] = []
        self.lang: list[str] = []
        self.text: list[str] = []
        self.status: list[TermStatus] = []
        self.alive: list[bool] = []
        self._pending: list[_Chunk] = []
        """The scan columns of the entries added since the arrays were last made."""
        self._arrays: EntryArrays | None = None

    def __len__(self) -> int:
        return len(self.text)

    def extend(self, data: IndexData, rows: Sequence[int]) -> range:
        """Keep the terms of some rows of index data (rows with a key, ascending); their entry
        numbers."""
        first = len(self.text)
        table = data.table
        take = _taker(rows, len(table))
        picked = np.array(rows, dtype=np.int64)
        self.concept += take(table.concept)
        self.lang += take(table.lang)
        self.text += take(data.entry_text)
        self.status += take(table.status)
        self.alive += [True] * len(rows)
        starts = data.words_at[picked]
        counts = data.words_at[picked + 1] - starts
        total = int(counts.sum())
        at = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)
        words = data.words[at] if total else np.zeros(0, dtype=np.int64)
        last = max(len(data.words) - 1, 0)
        padded = data.words if len(data.words) else np.zeros(1, dtype=np.int64)
        self._pending.append(
            _Chunk(
                np.array(self.concept[first:], dtype=np.int64),
                data.left[picked],
                data.right[picked],
                data.case_sensitive[picked],
                data.loose[picked],
                np.where(counts == 1, padded[np.minimum(starts, last)], -1),
                counts.astype(np.int64),
                words.astype(np.int64),
            )
        )
        return range(first, len(self.text))

    def remove(self, entry: int) -> None:
        """Mark an entry as removed: scans no longer find it."""
        self.alive[entry] = False
        if self._arrays is not None and entry < len(self._arrays.alive):
            self._arrays.alive[entry] = False

    def spacing(self, entry: int) -> tuple[int, ...]:
        """The word lengths of an entry's term."""
        arrays = self.arrays()
        start, end = arrays.words_at[entry], arrays.words_at[entry + 1]
        return tuple(arrays.words[start:end].tolist())

    def arrays(self) -> EntryArrays:
        """The per-entry arrays, extended with the entries added since they were last made."""
        old = self._arrays
        if old is not None and not self._pending:
            return old
        chunks, self._pending = self._pending, []
        if old is not None:
            counts = old.words_at[1:] - old.words_at[:-1]
            chunks.insert(
                0,
                _Chunk(
                    old.concept,
                    old.left,
                    old.right,
                    old.case_sensitive,
                    old.loose,
                    old.one_word,
                    counts,
                    old.words,
                ),
            )

        def joined(column: str, dtype: type) -> Any:
            parts = [getattr(chunk, column) for chunk in chunks]
            return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)

        counts = joined("counts", np.int64)
        self._arrays = EntryArrays(
            joined("concept", np.int64),
            joined("left", np.int8),
            joined("right", np.int8),
            joined("case_sensitive", np.bool_),
            joined("loose", np.bool_),
            joined("one_word", np.int64),
            np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
            joined("words", np.int64),
            np.array(self.alive, dtype=np.bool_),
        )
        return self._arrays


@dataclass(frozen=True, slots=True)
class _Chunk:
    """The scan columns of the entries one extend added (counts: words per entry)."""

    concept: npt.NDArray[np.int64]
    left: npt.NDArray[np.int8]
    right: npt.NDArray[np.int8]
    case_sensitive: npt.NDArray[np.bool_]
    loose: npt.NDArray[np.bool_]
    one_word: npt.NDArray[np.int64]
    counts: npt.NDArray[np.int64]
    words: npt.NDArray[np.int64]


def _taker(rows: Sequence[int], size: int) -> Callable[[Sequence[Any]], list[Any]]:
    """A function giving the values at rows of a column of size values, in C."""
    if len(rows) == size:  # rows are ascending and distinct: every row, as nearly always
        return list
    if len(rows) < 2:
        return lambda column: [column[row] for row in rows]
    pick = itemgetter(*rows)
    return lambda column: list(pick(column))
