"""How a number reads in its sentence: "fourth" is the 4th, 超过三次 more than 3 times.

A translation may say the same thing with another number: "for the fourth time" and 超过三次
("more than three times") agree, "the second largest" and 두 번째로 큰 too. The comparison
cannot know; it names both readings so that the reviewer can judge at a glance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reference_numbers.counters import APPROX, UNIT_NAMES
from reference_numbers.digits import plain
from reference_numbers.mention import NumberKind, NumberMention

# Qualifiers before a number (more than 3, 超过三, 약 3) and after it with its counter
# (3 or more, 三次以上, 3번 이상), each with its English reading.
_BEFORE: dict[str, str] = {}
_AFTER: dict[str, str] = {}
_QUALIFIERS = (
    (
        "more than",
        "more than|over|above|超过|超過|多于|多於|大于|大於|高于|高於|逾",
        "多|余|餘|여|넘게|넘는|넘은|남짓|plus",
    ),
    ("at least", "at least|不少于|不少於|至少|최소", "以上|이상|or more|and more|and over"),
    (
        "about",
        "about|around|roughly|approximately|some|nearly|almost|约|約|大约|大約|近|将近|將近"
        "|약|대략|거의",
        "左右|前后|前後|上下|가량|쯤|정도|안팎|내외|or so",
    ),
    (
        "less than",
        "less than|fewer than|under|below|不到|少于|少於|未满|未滿|不足",
        "未満|未满|未滿|미만|以下|이하|以内|以內|이내|or less|or fewer",
    ),
)
for _reading, _before, _after in _QUALIFIERS:
    for _word in _before.split("|"):
        _BEFORE[_word] = _reading
    for _word in _after.split("|"):
        _AFTER[_word] = _reading
_QUALIFIER_BEFORE = re.compile(
    rf"(?:{'|'.join(sorted(map(re.escape, _BEFORE), key=len, reverse=True))})\s*$", re.IGNORECASE
)
_QUALIFIER_AFTER = re.compile(
    rf"^\s*(?:{'|'.join(sorted(map(re.escape, _AFTER), key=len, reverse=True))})(?![A-Za-z])",
    re.IGNORECASE,
)
_SURFACES_OF: dict[str, list[str]] = {}
for _surface in sorted(UNIT_NAMES, key=len, reverse=True):
    _SURFACES_OF.setdefault(UNIT_NAMES[_surface], []).append(_surface)
_UNIT_NAMED = frozenset(UNIT_NAMES.values())
"""Units with an English name (person, times, KRW); others are read without one."""
_WINDOW = 16
"""Characters looked at on each side of a number for its counter and qualifier."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What a number says in its sentence, and the words that say it."""

    reading: str
    """In English: 4th, more than 3 times, 320000000000."""
    written: str
    """The text read: fourth, 超过三次."""
    qualified: bool
    """True when a qualifier (more than, 以上, 이상, about) goes with the number."""


def _ordinal(value: str) -> str:
    if not value.isdigit():
        return value
    number = int(value)
    suffixes = {1: "st", 2: "nd", 3: "rd"}
    suffix = "th" if 10 <= number % 100 <= 20 else suffixes.get(number % 10, "th")
    return f"{number}{suffix}"


def _with_unit(value: str, unit: str | None, one: bool) -> str:
    """3 people, 1 year, 5 times, 3%, 2000 USD."""
    if unit is None:
        return value
    if unit in ("%", "point"):
        return f"{value}{'%' if unit == '%' else ' points'}"
    if not unit.islower() or one or unit.endswith("s"):
        return f"{value} {unit}"
    return f"{value} {'people' if unit == 'person' else unit + 's'}"


def _counter_end(text: str, mention: NumberMention) -> int:
    """Where the counter after a number ends (三次 -> after 次), or the number's end."""
    if mention.unit is None:
        return mention.end
    rest = text[mention.end : mention.end + _WINDOW]
    skipped = APPROX.match(rest)
    start = skipped.end() if skipped else 0
    lowered = rest[start:].lower()
    for surface in _SURFACES_OF.get(mention.unit, ()):
        if lowered.startswith(surface):
            return mention.end + start + len(surface)
    if lowered.startswith(mention.unit):  # a counter with no English name: 800곳
        return mention.end + start + len(mention.unit)
    return mention.end


def reading(text: str, mention: NumberMention) -> Reading:
    """How a number (not a date or time) reads in text: ordinal, unit and qualifier."""
    start, end = mention.start, _counter_end(text, mention)
    qualifier = ""
    before = _QUALIFIER_BEFORE.search(text[max(0, start - _WINDOW) : start])
    if before is not None:
        qualifier = _BEFORE[before.group().strip().lower()]
        start -= len(before.group())
    after = _QUALIFIER_AFTER.match(text[end : end + _WINDOW])
    if after is not None:
        qualifier = qualifier or _AFTER[after.group().strip().lower()]
        end += after.end()
    between = APPROX.match(text[mention.end : mention.end + _WINDOW])
    if not qualifier and between is not None and between.group().strip():
        qualifier = "more than"  # 10여 명, 十多个: between the number and its counter
    value = plain(mention.value)
    said = _ordinal(value) if mention.kind is NumberKind.ORDINAL else value
    if mention.unit in _UNIT_NAMED and mention.kind is not NumberKind.ORDINAL:
        said = _with_unit(said, mention.unit, mention.value == 1)
    shown = f"{qualifier} {said}" if qualifier else said
    return Reading(shown, " ".join(text[start:end].split()), bool(qualifier))
