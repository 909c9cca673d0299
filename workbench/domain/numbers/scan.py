"""The text being read: its language, its characters folded, and what the reading found."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from workbench.domain.numbers.digits import DIGIT_RUN, ONE
from workbench.domain.numbers.mention import NumberKind, NumberMention, new_mention

_DECIMAL_COMMA = frozenset(
    "af az be bg bs ca cs da de el es et eu fi fo fr gl hr hu hy id is it ka kk ky lt lv mk mn "
    "nb nl nn no pl pt ro ru sk sl sq sr sv tr uk uz vi".split()
)
_SPACE_GROUPING = frozenset("be bg cs et fi fr hu kk lt lv nb nn no pl ru sk sv uk".split())


@dataclass(frozen=True, slots=True)
class Lang:
    """How a language writes numbers."""

    family: str
    """ko, zh, ja, en, or other (digits only)."""
    decimal_comma: bool
    spaced: bool
    """A plain space groups digits (1 000 000)."""


@cache
def language(lang: str) -> Lang:
    """How the language with this BCP-47 tag writes numbers."""
    primary = lang.strip().replace("_", "-").split("-", 1)[0].lower()
    family = primary if primary in ("ko", "zh", "ja", "en") else "other"
    return Lang(family, primary in _DECIMAL_COMMA, primary in _SPACE_GROUPING)


# One character for one, so offsets in the folded text are offsets in the original. Only what
# shapes a number is folded: full-width digits and signs, dashes, tildes, thin spaces.
_FOLD = {chr(code): chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1B)}
_FOLD.update({chr(ord(char) + 0xFEE0): char for char in "$%+-./~,"})
_FOLD.update(
    {
        "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
        "\ufe63": "-", "\u301c": "~", "\u223c": "~", "\u2009": "\u00a0", "\u202f": "\u00a0",
        "\u2007": "\u00a0", "\u2008": "\u00a0", "\u200a": "\u00a0", "\ufe6a": "%",
        "\uffe5": "¥", "\uffe6": "₩", "\uffe1": "£",
    }
)  # fmt: skip
# Literal-led branches let re skip everything else in C; ， and ． are Chinese punctuation
# unless a full-width digit follows.
_FOLDABLE = re.compile(
    "|".join(re.escape(char) + ("(?=[０-９])" if char in "，．" else "") for char in _FOLD)
)


def fold(text: str) -> str:
    """The text with number-shaping characters folded to ASCII, one character for one."""
    if text.isascii():
        return text  # every character folded is outside ASCII (isascii reads a flag)
    return _FOLDABLE.sub(_fold_char, text)


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD[match.group()]


@dataclass(slots=True)
class Scan:
    """A text, its folded form (which the patterns read) and its language."""

    text: str
    folded: str
    lang: Lang

    def before(self, pattern: re.Pattern[str], start: int, width: int) -> re.Match[str] | None:
        """What pattern, anchored with $, finds within width characters before start."""
        return pattern.search(self.folded, max(0, start - width), start)

    def mention(
        self,
        start: int,
        end: int,
        value: Decimal,
        *,
        kind: NumberKind = NumberKind.CARDINAL,
        spelled: bool = False,
        unit: str | None = None,
    ) -> NumberMention:
        """The mention of a number written at [start, end)."""
        return new_mention(start, end, self.text[start:end], value, kind, spelled, unit)

    def fallback(self, start: int, end: int) -> list[Found]:
        """Plain integers inside a span that did not read as what its pattern promised."""
        return [
            Found(self.mention(m.start(), m.end(), Decimal(m.group())))
            for m in DIGIT_RUN.finditer(self.folded, start, end)
        ]


@dataclass(slots=True)
class Found:
    """A mention with the units it was written with, which a range's first end may take."""

    mention: NumberMention
    lead_scale: Decimal = ONE
    has_units: bool = False
    large: Decimal | None = None


Handler = Callable[[Scan, re.Match[str]], list[Found]]
"""Reads the mentions in what one named alternative of a grammar matched."""
