"""Building blocks of the grammars' regular expressions."""

from __future__ import annotations

import re

CURRENCY_CODES = "US$ HK$ NT$ A$ C$ S$ USD EUR GBP JPY CNY RMB KRW HKD".split()
_DOLLARS = "|".join(re.escape(code) for code in CURRENCY_CODES if code.endswith("$"))
_LETTERS = "|".join(code for code in CURRENCY_CODES if code.isalpha())
# US$ is tried before $ alone; a code in letters may stand apart from its number (USD 5)
_CURRENCY = rf"{_DOLLARS}|\$|€|£|¥|₩|(?:{_LETTERS})\s?"


def alternation(words: str | list[str]) -> str:
    """A regex alternation of words, longest first so that 개월 wins over 개."""
    items = words.split() if isinstance(words, str) else words
    return "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))


# Each alternative of a grammar names its number {name}_n, and the pieces around it
# {name}_cur, {name}_sign and {name}_cnt, which the readers in counters.py look up by name.


def counter(name: str, counters: str) -> str:
    """The optional counter group after a number."""
    return rf"(?P<{name}_cnt>{counters})?"


def amount(name: str, number: str, counters: str) -> str:
    """A number with an optional currency, sign and counter, each group named after name."""
    return (
        rf"(?P<{name}>(?P<{name}_cur>{_CURRENCY})?(?P<{name}_sign>(?<![\w)\].,%+\-])[-+])?"
        rf"(?P<{name}_n>{number}){counter(name, counters)})"
    )
