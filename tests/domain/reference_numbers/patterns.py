"""Building blocks of the grammars' regular expressions."""

from __future__ import annotations

import re

CURRENCY_CODES = "US$ HK$ NT$ A$ C$ S$ USD EUR GBP JPY CNY RMB KRW HKD".split()
_DOLLARS = "|".join(re.escape(code) for code in CURRENCY_CODES if code.endswith("$"))
_LETTERS = "|".join(code for code in CURRENCY_CODES if code.isalpha())
# US$ is tried before $ alone; a code in letters may stand apart from its number (USD 5)
_CURRENCY = rf"{_DOLLARS}|\$|€|£|¥|₩|(?:{_LETTERS})\s?"


def alternation(words: str | list[str]) -> str:
    """A regex alternation of words that tries longer words first, so that 개월 wins over 개.

    Written as a trie (개(?:월|국)?) where that keeps the order: re then reads each character
    once instead of trying every word in turn, which matters most where no word matches.
    """
    items = sorted(set(words.split() if isinstance(words, str) else words))
    trie = _trie(items)
    if trie is not None:
        return trie
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


def _trie(words: list[str]) -> str | None:
    """Distinct words (none empty) as a trie, or None where two branches could both match.

    At one position the words that match are prefixes of one another, and the greedy ? tries
    the longer ones first, as the longest-first alternation does; that holds while no two
    branches of a node can match the same character, even ignoring case.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    firsts = list(groups)
    for index, first in enumerate(firsts):
        if any(re.fullmatch(f"(?i:{re.escape(first)})", other) for other in firsts[index + 1 :]):
            return None
    branches = []
    for first, rests in groups.items():
        tails = [rest for rest in rests if rest]
        ends_here = len(tails) < len(rests)
        if not tails:
            branches.append(re.escape(first))
            continue
        inner = re.escape(tails[0]) if len(tails) == 1 else _trie(tails)
        if inner is None:
            return None
        if ends_here:
            branches.append(f"{re.escape(first)}(?:{inner})?")
        elif len(tails) == 1:
            branches.append(re.escape(first) + inner)
        else:
            branches.append(f"{re.escape(first)}(?:{inner})")
    return "|".join(branches)


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
