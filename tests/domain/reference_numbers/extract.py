"""Reading every number, date and time in a text."""

from __future__ import annotations

import itertools

from reference_numbers.grammar import HANDLERS, SEPARATORS, grammar
from reference_numbers.mention import NumberMention
from reference_numbers.ranges import join_ranges
from reference_numbers.scan import Found, Scan, fold, language


def extract_numbers(text: str, lang: str) -> list[NumberMention]:
    """Numbers, dates and times in text, in order, with exact values (rules in the package doc)."""
    if not text:
        return []
    scan = Scan(text, fold(text), language(lang))
    folded = scan.folded
    trigger, grammars = grammar(scan.lang.family, scan.lang.spaced)
    found: list[Found] = []
    reached = 0
    starts = (
        hit.end() if hit.group() in SEPARATORS else hit.start() for hit in trigger.finditer(folded)
    )
    for start in itertools.chain((0,), starts):
        if start < reached:
            continue
        pattern = grammars.get(folded[start])
        match = None if pattern is None else pattern.match(folded, start)
        if match is None and folded[start] in "+-" and folded[start + 1 : start + 2].isdecimal():
            start += 1  # 3-5: no sign, the 5 is read on its own
            pattern = grammars.get(folded[start])
            match = None if pattern is None else pattern.match(folded, start)
        if match is not None and match.end() > start:
            found.extend(HANDLERS[match.lastgroup or ""](scan, match))
            reached = match.end()
    if len(found) > 1:
        join_ranges(scan, found)
    return [f.mention for f in found if f.mention.start < f.mention.end]
