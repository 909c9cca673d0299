"""Words that may stand for a small number in a translation: both, a pair, twice, 세, 一."""

from __future__ import annotations

import re
from functools import cache

_LOOSE_FORMS: dict[str, dict[int, str]] = {
    "en": {
        0: r"zero|no|none|nil", 1: r"one|an?|once|single|first|sole",
        2: r"two|both|twice|pair|couple|doubled?|doubling|second|twin|dual",
        3: r"three|third|thrice|tripled?|tripling", 4: r"four|fourth|quadrupled?",
        5: r"five|fifth", 6: r"six|sixth", 7: r"seven|seventh", 8: r"eight|eighth",
        9: r"nine|ninth", 10: r"ten|tenth|decade",
    },
    "ko": {
        1: r"한|하나|첫", 2: r"두|둘", 3: r"세|셋", 4: r"네|넷",
        5: r"다섯", 6: r"여섯", 7: r"일곱", 8: r"여덟", 9: r"아홉", 10: r"열",
    },
    "zh": {
        0: "零|〇", 1: "一|壹|首|单|單", 2: "二|两|兩|俩|倆|双|雙", 3: "三|叁|參", 4: "四|肆",
        5: "五|伍", 6: "六|陆|陸", 7: "七|柒", 8: "八|捌", 9: "九|玖", 10: "十|拾",
    },
}  # fmt: skip
_LOOSE_FORMS["ja"] = dict(_LOOSE_FORMS["zh"])
_LOOSE_FORMS["ja"].update({1: "一|ひと|単", 2: "二|ふた|両|双"})


@cache
def loose(family: str, value: int) -> re.Pattern[str] | None:
    """The words that may stand for a small number in a language (two: both, pair, twice)."""
    forms = _LOOSE_FORMS.get(family, {}).get(value)
    if forms is None:
        return None
    if family == "en":
        return re.compile(rf"(?i:\b(?:{forms})\b)")
    if family == "ko":
        # native numerals stand before a counter or noun (두 회사), or alone with a particle
        both = r"|양(?=국|사|측|자|쪽|당)" if value == 2 else ""
        return re.compile(rf"(?<![가-힣])(?:(?:{forms})(?=\s|$|[은는이가을를도의와과째]){both})")
    return re.compile(forms)


# --- numbers a translation writes as words of another kind ---------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
_ONES += "fifteen sixteen seventeen eighteen nineteen"
_ONE_WORDS = _ONES.split()
_TEN_WORDS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}


def _english(number: int) -> str:
    """0-59 in English words, hyphenated: twenty-five."""
    if number < 20:
        return _ONE_WORDS[number]
    tens, ones = divmod(number, 10)
    return _TEN_WORDS[tens] + (f"-{_ONE_WORDS[ones]}" if ones else "")


@cache
def clock_words(hour: int, minute: int) -> re.Pattern[str]:
    """An English time in words: 7:30 as half past seven or seven-thirty, 8:45 quarter to nine."""
    this, following = _english(hour % 12 or 12), _english((hour + 1) % 12 or 12)
    forms = [rf"{this}[\s-]{_english(minute)}"] if minute else [rf"{this}\s+o'?clock"]
    past, to = (r"(?:past|after)", r"(?:to|of|before)")
    if minute == 30:
        forms.append(rf"half\s+past\s+{this}")
    elif minute in (15, 45):
        forms.append(rf"(?:a\s+)?quarter\s+{past}\s+{this}" if minute == 15 else "")
        forms.append(rf"(?:a\s+)?quarter\s+{to}\s+{following}" if minute == 45 else "")
    elif 0 < minute < 30:
        forms.append(rf"{_english(minute)}(?:\s+minutes)?\s+{past}\s+{this}")
    elif minute > 30:
        forms.append(rf"{_english(60 - minute)}(?:\s+minutes)?\s+{to}\s+{following}")
    return re.compile(rf"(?i:\b(?:{'|'.join(f for f in forms if f)})\b)")


_DURATIONS: dict[tuple[int, str], str] = {
    (15, "minute"): r"(?:a\s+)?quarter(?:\s+of\s+an|-)\s*hour|15분|一刻钟|一刻鐘|15分",
    (30, "minute"): (
        r"half\s+an\s+hour|half-hour|half\s+hour|반\s?시간|半小时|半小時|半個鐘|30분|30分"
    ),
    (45, "minute"): r"three\s+quarters\s+of\s+an\s+hour|45분|45分",
    (6, "month"): r"half\s+a\s+year|half-year|반년|半年",
    (12, "month"): r"a\s+year|one\s+year|1년|일\s?년|一年|1年",
    (50, "%"): r"half|절반|반절|一半|半数|半數|過半|半分",
}
"""Amounts that are said without their number: 30분 is half an hour, 50% is half."""


@cache
def duration_words(value: int, unit: str) -> re.Pattern[str] | None:
    """What may stand for an amount with its unit in a translation: half an hour for 30 minutes."""
    forms = _DURATIONS.get((value, unit))
    return None if forms is None else re.compile(rf"(?i:(?<![A-Za-z])(?:{forms})(?![A-Za-z]))")


_ROMAN = (
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


@cache
def roman_numeral(value: int) -> re.Pattern[str] | None:
    """A number up to 39 as an upper-case Roman numeral word (Louis XIV, World War II)."""
    if not 1 <= value <= 39:
        return None
    written = ""
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        written += letters * count
    return re.compile(rf"(?<![\w.]){written}(?![\w.])")
