"""Reading every number, date and time in a text."""

from __future__ import annotations

import re
from functools import cache

from workbench.domain.numbers.grammar import HANDLERS, SEPARATORS, Digits, digit_grammar, grammar
from workbench.domain.numbers.mention import NumberMention
from workbench.domain.numbers.ranges import join_ranges
from workbench.domain.numbers.scan import Found, Lang, Scan, fold, language


def extract_numbers(text: str, lang: str) -> list[NumberMention]:
    """Numbers, dates and times in text, in order, with exact values (rules in the package doc)."""
    if not text:
        return []
    spec, trigger, grammars, digits = _reading(lang)
    at_digits = digits.at
    folded = fold(text)
    scan = Scan(text, folded, spec)
    found: list[Found] = []
    reached = 0
    if not "0" <= folded[0] <= "9":  # digits there are the trigger's first hit too
        reached = _read_at(scan, grammars, 0, found, reached)
    for hit in trigger.finditer(folded):
        start, end = hit.span()
        first = folded[start]
        if "0" <= first <= "9":
            if start < reached:
                continue
            # the trigger took the whole run of digits: what follows it tells whether a date
            # may start here, or only a number
            match = at_digits(folded, start, end).match(folded, start)
            if match is not None and match.end() > start:
                found.extend(HANDLERS[match.lastgroup or ""](scan, match))
                reached = match.end()
            continue
        if end == start + 1 and first in SEPARATORS:
            start = end  # a word-led mention starts after the separator the trigger found
        if start >= reached:
            reached = _read_at(scan, grammars, start, found, reached)
    if len(found) > 1:
        join_ranges(scan, found)
    return [f.mention for f in found if f.mention.start < f.mention.end]


@cache
def _reading(lang: str) -> tuple[Lang, re.Pattern[str], dict[str, re.Pattern[str]], Digits]:
    """How text in a language is read: its rules, trigger, grammars and digit rule, found once."""
    spec = language(lang)
    trigger, grammars = grammar(spec.family, spec.spaced)
    return spec, trigger, grammars, digit_grammar(spec.family, spec.spaced)


def _read_at(
    scan: Scan, grammars: dict[str, re.Pattern[str]], start: int, found: list[Found], reached: int
) -> int:
    """Read what the grammar of the character at start finds there into found; where the
    reading got to."""
    folded = scan.folded
    pattern = grammars.get(folded[start])
    match = None if pattern is None else pattern.match(folded, start)
    if match is None and folded[start] in "+-" and folded[start + 1 : start + 2].isdecimal():
        start += 1  # 3-5: no sign, the 5 is read on its own
        pattern = grammars.get(folded[start])
        match = None if pattern is None else pattern.match(folded, start)
    if match is not None and match.end() > start:
        found.extend(HANDLERS[match.lastgroup or ""](scan, match))
        return match.end()
    return reached
