"""What several checks derive from the same pairs, worked out once while the checks run."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from workbench.domain.document import CODE_BASE, MAX_CODES
from workbench.domain.langid import LanguageVerdict, looks_like_many
from workbench.domain.numbers import NumberMention, extract_numbers

if TYPE_CHECKING:
    from workbench.domain.checks.registry import Pair
    from workbench.domain.matching import Hit, TermIndex

Side = Literal["source", "target"]
T = TypeVar("T")

CODE_RANGE = f"{chr(CODE_BASE)}-{chr(CODE_BASE + MAX_CODES - 1)}"
"""The code characters, for a regex character class."""
# One character class, so that removing and listing codes runs in C (plain_text and
# code_indexes test each character in Python).
_CODE_CHAR = re.compile(f"[{CODE_RANGE}]")


def without_codes(text: str) -> str:
    """Text without its code characters: document.plain_text, faster."""
    return _CODE_CHAR.sub("", text)


def code_positions(text: str) -> list[int]:
    """The code indexes in text, in order: document.code_indexes, faster."""
    return [ord(char) - CODE_BASE for char in _CODE_CHAR.findall(text)]


def _text(pair: Pair, side: Side) -> str:
    return pair.source if side == "source" else pair.target


def _lang(pair: Pair, side: Side) -> str:
    return pair.source_lang if side == "source" else pair.target_lang


class PairBatch:
    """Pairs checked together, and what checks derive from them, for all pairs at once.

    Terms and numbers are read in every pair's source, then in every target, rather than in
    source and target by turns: one language's automaton or grammar at a time stays in the
    processor's cache.
    """

    __slots__ = (
        "_blank", "_codes", "_derived", "_ends", "_hits", "_numbers", "_plain", "_texts",
        "_verdicts", "pairs",
    )  # fmt: skip

    def __init__(self, pairs: Sequence[Pair]) -> None:
        self.pairs = pairs
        self._texts: dict[Side, list[str]] = {}
        self._ends: dict[Side, tuple[str, list[int]]] = {}
        self._blank: list[bool] | None = None
        self._derived: dict[Callable[..., Any], Any] = {}
        self._plain: dict[Side, list[str]] = {}
        self._codes: dict[Side, list[list[int]]] = {}
        self._hits: dict[tuple[Side, TermIndex], list[list[Hit]]] = {}
        self._numbers: dict[Side, list[list[NumberMention]]] = {}
        self._verdicts: list[LanguageVerdict | None] | None = None

    def texts(self, side: Side) -> list[str]:
        """Each pair's side as written (with code characters)."""
        texts = self._texts.get(side)
        if texts is None:
            texts = self._texts[side] = [_text(p, side) for p in self.pairs]
        return texts

    def blank(self) -> list[bool]:
        """Whether each pair's target is empty or only whitespace."""
        if self._blank is None:
            self._blank = [not text.strip() for text in self.texts("target")]
        return self._blank

    def holding(self, pattern: re.Pattern[str], side: Side) -> list[int]:
        """The positions of the pairs whose side pattern finds something in, in order.

        One search in C over the batch's texts, each after a NUL (which a pattern may match to
        find the start of a text: \\0\\s finds texts that start with a space), instead of a
        call per text. A match belongs to the text it starts in, or whose NUL it starts at.
        """
        joined, ends = self._joined(side)
        found: list[int] = []
        match = pattern.search(joined)
        while match is not None:
            position = bisect_right(ends, match.start())
            found.append(position)
            if position >= len(ends) - 1:
                break
            match = pattern.search(joined, ends[position])  # from the next text on
        return found

    def ascii(self, side: Side) -> bool:
        """True when every text of the side is ASCII (patterns with re.ASCII then read it alike)."""
        return self._joined(side)[0].isascii()

    def _joined(self, side: Side) -> tuple[str, list[int]]:
        """The side's texts each after a NUL, and the offset of the NUL after each text."""
        joined = self._ends.get(side)
        if joined is None:
            texts = self.texts(side)
            ends = list(accumulate(len(text) + 1 for text in texts))
            joined = self._ends[side] = ("\0" + "\0".join(texts), ends)
        return joined

    def derived(self, compute: Callable[[PairBatch], T]) -> T:
        """compute(batch), worked out for the first check that asks and kept for the others."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return cast(T, self._derived[compute])

    def plain(self, side: Side) -> list[str]:
        """Each pair's side without code characters."""
        texts = self._plain.get(side)
        if texts is None:
            if self._coded(side):
                texts = [without_codes(text) for text in self.texts(side)]
            else:
                texts = self.texts(side)  # most batches (plain text files) have no code
            texts = self._plain[side] = texts
        return texts

    def codes(self, side: Side) -> list[list[int]]:
        """The code indexes in each pair's side, in order."""
        codes = self._codes.get(side)
        if codes is None:
            if self._coded(side):
                codes = [code_positions(text) for text in self.texts(side)]
            else:
                codes = [[] for _ in self.pairs]
            self._codes[side] = codes
        return codes

    def _coded(self, side: Side) -> bool:
        """True when a text of the side holds a code character (one search over the batch)."""
        return _CODE_CHAR.search(self._joined(side)[0]) is not None

    def term_hits(self, index: TermIndex, side: Side) -> list[list[Hit]]:
        """The terms index finds in each pair's side; none where the target is blank."""
        hits = self._hits.get((side, index))  # a TermIndex hashes by identity
        if hits is None:
            hits = self._hits[side, index] = self._read_many(side, index.find_many)
        return hits

    def language_verdicts(self) -> list[LanguageVerdict | None]:
        """Whether each target (without codes) is in the target language; None where blank."""
        if self._verdicts is None:
            plain = self.plain("target")
            found: list[LanguageVerdict | None] = [None] * len(self.pairs)
            by_lang: dict[str, list[int]] = {}
            for position, (pair, text) in enumerate(zip(self.pairs, plain, strict=True)):
                if text.strip():
                    by_lang.setdefault(pair.target_lang, []).append(position)
            for lang, positions in by_lang.items():
                verdicts = looks_like_many([plain[p] for p in positions], lang)
                for position, verdict in zip(positions, verdicts, strict=True):
                    found[position] = verdict
            self._verdicts = found
        return self._verdicts

    def numbers(self, side: Side) -> list[list[NumberMention]]:
        """The numbers, dates and times in each pair's side; none where the target is blank."""
        found = self._numbers.get(side)
        if found is None:
            found = self._numbers[side] = self._read(side, _numbers_in)
        return found

    def _read_many(
        self, side: Side, read: Callable[[Sequence[str], str], list[list[T]]]
    ) -> list[list[T]]:
        """read(texts, lang) of the pairs' sides, a language at a time, skipping the pairs
        whose target is blank (as _read does)."""
        found: list[list[T]] = [[] for _ in self.pairs]
        by_lang: dict[str, list[int]] = {}
        for position, (pair, blank) in enumerate(zip(self.pairs, self.blank(), strict=True)):
            if not blank:
                by_lang.setdefault(_lang(pair, side), []).append(position)
        plain = self.plain(side)
        for lang, positions in by_lang.items():
            results = read([plain[p] for p in positions], lang)
            for position, result in zip(positions, results, strict=True):
                found[position] = result
        return found

    def _read(self, side: Side, read: Callable[[str, str], list[T]]) -> list[list[T]]:
        """read(text, lang) of each pair's side, skipped where the target is blank.

        The checks that read terms and numbers say nothing about a blank target, and between
        them read both sides of every other pair.
        """
        return [
            [] if blank else read(text, _lang(pair, side))
            for pair, text, blank in zip(self.pairs, self.plain(side), self.blank(), strict=True)
        ]


@lru_cache(maxsize=8192)
def _numbers_in(text: str, lang: str) -> list[NumberMention]:
    """extract_numbers, remembered: a text repeated in a document (UI strings, catalogue
    lines, boilerplate) is read once. The list is shared; no check changes it."""
    return extract_numbers(text, lang)


class PairFacts:
    """What the checks share about one pair of a batch, each worked out when first asked."""

    __slots__ = ("batch", "pair", "position")

    def __init__(self, pair: Pair, batch: PairBatch | None = None, position: int = 0) -> None:
        self.pair = pair
        self.batch = batch if batch is not None else PairBatch([pair])
        self.position = position

    @property
    def source_plain(self) -> str:
        """The source without code characters."""
        return self.batch.plain("source")[self.position]

    @property
    def target_plain(self) -> str:
        """The target without code characters."""
        return self.batch.plain("target")[self.position]

    @property
    def source_codes(self) -> list[int]:
        """The code indexes in the source, in order."""
        return self.batch.codes("source")[self.position]

    @property
    def target_codes(self) -> list[int]:
        """The code indexes in the target, in order."""
        return self.batch.codes("target")[self.position]

    @property
    def target_blank(self) -> bool:
        """True when the target is empty or only whitespace (most checks then say nothing)."""
        return not self.pair.target.strip()

    def term_hits(self, index: TermIndex, side: Side) -> list[Hit]:
        """The terms index finds in one side (without codes); none when the target is blank."""
        return self.batch.term_hits(index, side)[self.position]

    def numbers(self, side: Side) -> list[NumberMention]:
        """The numbers, dates and times in one side (without codes)."""
        return self.batch.numbers(side)[self.position]

    def language_verdict(self) -> LanguageVerdict | None:
        """Whether the target is in the target language; None when it is blank."""
        return self.batch.language_verdicts()[self.position]


class DocumentFacts:
    """What several document checks derive from the same pairs, worked out once per run."""

    __slots__ = ("_derived", "pairs")

    def __init__(self, pairs: Sequence[Pair]) -> None:
        self.pairs = pairs
        self._derived: dict[Callable[..., Any], Any] = {}

    def derived(self, compute: Callable[[Sequence[Pair]], T]) -> T:
        """compute(pairs), computed for the first check that asks and kept for the others."""
        if compute not in self._derived:
            self._derived[compute] = compute(self.pairs)
        return cast(T, self._derived[compute])
