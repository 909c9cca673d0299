"""The grammar of each language family: where mentions may start, what to read there, and how."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from workbench.domain.numbers import chinese, dates, english, korean
from workbench.domain.numbers.counters import digit_number
from workbench.domain.numbers.digits import START, core
from workbench.domain.numbers.patterns import CURRENCY_CODES, amount
from workbench.domain.numbers.scan import Handler

# A word-led mention starts after one of these; the trigger finds the separator, so that re
# can skip every other character in C instead of trying each letter.
SEPARATORS = frozenset(" \t\n\r\f\v\u00a0\u3000([{<\"'“‘「『《〈,.;:!?·/~-—_…")
_PERCENT_SIGN = r"\s?%"


def _other(num: str) -> dict[str, list[str]]:
    """Digits with a currency or percent sign, for languages read as digits only."""
    number = amount("ox", num, _PERCENT_SIGN)
    return {"digit": [number], "number": [number], "word": [number]}


_PATTERNS: dict[str, Callable[[str], dict[str, list[str]]]] = {
    "ko": korean.patterns, "zh": chinese.patterns, "ja": chinese.patterns, "en": english.patterns,
}  # fmt: skip
_STARTERS = {"ko": korean.STARTERS, "zh": chinese.STARTERS, "ja": chinese.STARTERS}
HANDLERS: dict[str, Handler] = {
    **dates.HANDLERS, **korean.HANDLERS, **chinese.HANDLERS, **english.HANDLERS,
    "ox": digit_number,
}  # fmt: skip
"""What reads each named alternative of every grammar."""


def _word_starts(family: str) -> str:
    """What a word-led mention begins with, as branches led by a character class."""
    if family == "ko":
        return rf"[{korean.STARTERS}]"
    if family == "en":
        return english.word_starts()
    return ""


def _trigger(family: str) -> str:
    """Where a mention may start: one leading character class, so re skips the rest in C."""
    firsts = r"\d$€£¥₩+\-"
    branches = [r"(?<=\d)\d*", r"(?<=[+\-])\d", r"(?<=[$€£¥₩])"]
    words = _word_starts(family)
    if words:
        separators = re.escape("".join(sorted(SEPARATORS)))
        firsts += separators
        # one class before the dozens of branches: most words after a space end there
        ahead = rf"(?=[{english.word_first_letters()}])" if family == "en" else ""
        branches.append(rf"(?<=[{separators}]){ahead}(?={words})")
    if family in ("zh", "ja"):
        firsts += chinese.STARTERS
        branches.append(rf"(?<=[{chinese.STARTERS}])")
    return rf"[{firsts}](?:{'|'.join(branches)})"


@cache
def _grammars(family: str, spaced: bool) -> dict[str, re.Pattern[str]]:
    """The alternatives led by a digit, by a sign or currency, and by a word, compiled."""
    num = START + core(spaced)
    parts = _PATTERNS.get(family, _other)(num)
    # the digit-led alternatives are dates and times, then the number of the "number" ones
    assert parts["digit"][-1:] == parts["number"]
    return {
        "digit": re.compile("|".join(dates.PATTERNS + parts["digit"])),
        "number": re.compile("|".join(parts["number"])),
        "word": re.compile("|".join(parts["word"])),
    }


@cache
def grammar(family: str, spaced: bool) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """The trigger that finds where mentions may start, and by first character what to read.

    Each first character gets only the alternatives that can start with it, as failing
    alternatives cost more than the match itself.
    """
    grammars = _grammars(family, spaced)
    table = dict.fromkeys("0123456789", grammars["digit"])
    table.update(dict.fromkeys("-+$€£¥₩", grammars["number"]))
    letters = "".join(code[0] for code in CURRENCY_CODES)
    if family == "en":
        letters = english.first_letters()  # no word-led mention starts with another letter
    table.update(dict.fromkeys(letters, grammars["word" if family == "en" else "number"]))
    table.update(dict.fromkeys(_STARTERS.get(family, ""), grammars["word"]))
    return re.compile(_trigger(family)), table


class Digits(NamedTuple):
    """What to read at a run of digits: the digit-led grammar, or only its last alternative,
    the number, where what follows the run rules out every date and time (most numbers:
    1173명, 1173 people). The same match, as the others would all fail; trying them took half
    a number's reading.

    A date or time may begin with a run of at most `short` digits, whatever follows, or of at
    most four followed by one of `leads`, or by a space and one of `units`.
    """

    everything: re.Pattern[str]
    number: re.Pattern[str]
    short: int
    leads: frozenset[str]
    units: frozenset[str]

    def at(self, folded: str, start: int, end: int) -> re.Pattern[str]:
        """The pattern to match at the run of digits [start, end) of the folded text."""
        run, after = end - start, folded[end : end + 1]
        if run <= self.short:
            return self.everything
        if run <= 4 and (
            after in self.leads or (after.isspace() and folded[end + 1 : end + 2] in self.units)
        ):
            return self.everything
        return self.number


_DATE_UNITS = {"ko": korean.DATE_UNITS, "zh": chinese.DATE_UNITS, "ja": chinese.DATE_UNITS}


@cache
def digit_grammar(family: str, spaced: bool) -> Digits:
    """What to read at a run of digits in a language family's text (see Digits)."""
    grammars = _grammars(family, spaced)
    units = _DATE_UNITS.get(family, frozenset())
    short = english.DATE_DIGITS if family == "en" else 0
    return Digits(grammars["digit"], grammars["number"], short, dates.DATE_MARKS | units, units)
