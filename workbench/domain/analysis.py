"""Analysis for quoting: what a text counts (words, characters), match bands and rate grids.

Words are counted as CAT tools count them (`count_words`): by spaces, a Korean eojeol as one
word, each Han or kana character as one word. A segment falls in one band, first that applies:
a context match (101), a repetition of an earlier segment of the same document, or of an
earlier document of the analysis, an exact TM match (100), then the fuzzy bands by the best TM
score, else no match, as Trados orders them (the first of repeated segments takes its own band;
the later ones are repetitions, unless the TM has them in context).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.domain.document import plain_text
from workbench.domain.scripts import Script, script_of


class Band(StrEnum):
    """The match bands of an analysis, in the order a segment is put in the first that applies."""

    CONTEXT = "101"
    REPETITION = "repetition"
    CROSS_REPETITION = "cross-file repetition"
    EXACT = "100"
    HIGH = "95-99"
    MIDDLE = "85-94"
    LOW = "75-84"
    FUZZY = "50-74"
    NO_MATCH = "no match"


FUZZY_BANDS = ((95, Band.HIGH), (85, Band.MIDDLE), (75, Band.LOW), (50, Band.FUZZY))
"""The lowest TM score of each fuzzy band."""
LOWEST_SCORE = 50
"""TM matches below this score count as no match."""


def band_of(score: int | None, repeated: Band | None) -> Band:
    """The band of a segment: its best TM score (None: no match of 50 or more) and whether it
    repeats an earlier segment (Band.REPETITION, Band.CROSS_REPETITION or None)."""
    if score is not None and score > 100:
        return Band.CONTEXT
    if repeated is not None:
        return repeated
    if score is not None and score >= 100:
        return Band.EXACT
    for lowest, band in FUZZY_BANDS:
        if score is not None and score >= lowest:
            return band
    return Band.NO_MATCH


def repetition_key(source: str) -> str:
    """What makes two segments repetitions of each other: the same text, codes included, but
    for spacing at the ends."""
    return source.strip()


_JOINERS = frozenset("'’-.,")
"""Characters that keep a word together between two letters or digits: don't, 3,200, 3.5."""


def count_words(text: str) -> int:
    """Source words as CAT tools count them: by spaces, but each Han or kana character alone.

    Korean is written with spaces between eojeol, and an eojeol (a word with its particles,
    퍼스트 팜은 = 2) counts as one word, as Trados and memoQ count it; Chinese and Japanese
    are written without spaces, so each Han or kana character counts as a word (中科聞歌 = 4).
    Numbers count as words (3천200억 = 1); punctuation, symbols and inline codes count for
    nothing, and a code inside a word does not split it.
    """
    chars = plain_text(text)
    words = 0
    in_word = False
    for index, char in enumerate(chars):
        if _is_counted_alone(char):
            words += 1
            in_word = False
        elif char.isalnum():
            if not in_word:
                words += 1
            in_word = True
        elif in_word and _continues_word(char, chars[index + 1 : index + 2]):
            continue
        else:
            in_word = False
    return words


def _continues_word(char: str, following: str) -> bool:
    """A combining mark, or a joiner before another letter or digit of the same word."""
    if unicodedata.category(char).startswith("M"):
        return True
    return char in _JOINERS and following.isalnum() and not _is_counted_alone(following)


def _is_counted_alone(char: str) -> bool:
    return script_of(char) in (Script.HAN, Script.KANA)


def count_characters(text: str) -> tuple[int, int]:
    """(characters, CJK characters) of a text: every character but spaces and inline codes;
    of them, the Hangul, Han and kana ones."""
    chars = [char for char in plain_text(text) if not char.isspace()]
    cjk = sum(1 for char in chars if script_of(char) in (Script.HANGUL, Script.HAN, Script.KANA))
    return len(chars), cjk


@dataclass(slots=True)
class Counts:
    """Segments, words and characters of one band (or of several, added up)."""

    segments: int = 0
    words: int = 0
    characters: int = 0
    cjk: int = 0
    """Of the characters, those of Hangul, Han and kana."""

    def add_text(self, text: str) -> None:
        """Count one more segment with this source."""
        characters, cjk = count_characters(text)
        self.segments += 1
        self.words += count_words(text)
        self.characters += characters
        self.cjk += cjk

    def add(self, other: Counts) -> None:
        """Add another count to this one."""
        self.segments += other.segments
        self.words += other.words
        self.characters += other.characters
        self.cjk += other.cjk


@dataclass(frozen=True, slots=True)
class RateGrid:
    """The share of the full rate paid per band, in percent (100 for a band not given)."""

    percent: Mapping[Band, float] = field(default_factory=dict)

    def rate(self, band: Band) -> float:
        """The band's percentage of the full rate."""
        return self.percent.get(band, 100.0)

    def weighted(self, words: int, band: Band) -> float:
        """Words of a band as words at the full rate."""
        return words * self.rate(band) / 100


GRID_KEYS: dict[str, Band] = {
    "context": Band.CONTEXT,
    "101": Band.CONTEXT,
    "repetitions": Band.REPETITION,
    "cross_file_repetitions": Band.CROSS_REPETITION,
    "100": Band.EXACT,
    "95-99": Band.HIGH,
    "85-94": Band.MIDDLE,
    "75-84": Band.LOW,
    "50-74": Band.FUZZY,
    "no_match": Band.NO_MATCH,
}
"""The keys a grid file's [rates] table may use, and their bands."""


def grid_from(table: Mapping[str, object]) -> RateGrid:
    """A grid from a parsed [rates] table; ValueError naming the key that is wrong."""
    percent: dict[Band, float] = {}
    for key, value in table.items():
        band = GRID_KEYS.get(key)
        if band is None:
            raise ValueError(f"unknown band {key!r} (known: {', '.join(GRID_KEYS)})")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise ValueError(f"{key}: the rate is a percentage from 0 to 100, not {value!r}")
        percent[band] = float(value)
    return RateGrid(percent)


@dataclass(slots=True)
class BandTable:
    """The counts of each band, for one document or the total."""

    name: str
    bands: dict[Band, Counts] = field(default_factory=lambda: {band: Counts() for band in Band})

    def total(self) -> Counts:
        """Every band added up."""
        total = Counts()
        for counts in self.bands.values():
            total.add(counts)
        return total

    def weighted_words(self, grid: RateGrid) -> float:
        """The words of every band as words at the full rate."""
        return sum(grid.weighted(counts.words, band) for band, counts in self.bands.items())


@dataclass(frozen=True, slots=True)
class ReportRow:
    """One line of an analysis as shown: a band (or "total") with its counts and weighting."""

    band: str
    counts: Counts
    rate: float | None
    """The band's percentage of the full rate (None without a grid, and for the total)."""
    weighted: float | None
    """Words at the full rate (None without a grid)."""


def report_rows(table: BandTable, grid: RateGrid | None) -> list[ReportRow]:
    """The lines of a band table, in band order, then its total: what every report shows."""
    rows = [
        ReportRow(
            band.value,
            counts,
            grid.rate(band) if grid else None,
            grid.weighted(counts.words, band) if grid else None,
        )
        for band, counts in table.bands.items()
    ]
    weighted = table.weighted_words(grid) if grid else None
    return [*rows, ReportRow("total", table.total(), None, weighted)]
