"""The grammar of each language family: where mentions may start, what to read there, and how."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from reference_numbers import chinese, dates, english, korean
from reference_numbers.counters import digit_number
from reference_numbers.digits import START, core
from reference_numbers.patterns import CURRENCY_CODES, amount
from reference_numbers.scan import Handler

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
def grammar(family: str, spaced: bool) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """The trigger that finds where mentions may start, and by first character what to read.

    Each first character gets only the alternatives that can start with it, as failing
    alternatives cost more than the match itself.
    """
    num = START + core(spaced)
    parts = _PATTERNS.get(family, _other)(num)
    grammars = {
        "digit": re.compile("|".join(dates.PATTERNS + parts["digit"])),
        "number": re.compile("|".join(parts["number"])),
        "word": re.compile("|".join(parts["word"])),
    }
    table = dict.fromkeys("0123456789", grammars["digit"])
    table.update(dict.fromkeys("-+$€£¥₩", grammars["number"]))
    letters = "".join(code[0] for code in CURRENCY_CODES)
    if family == "en":
        letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    table.update(dict.fromkeys(letters, grammars["word" if family == "en" else "number"]))
    table.update(dict.fromkeys(_STARTERS.get(family, ""), grammars["word"]))
    return re.compile(_trigger(family)), table
