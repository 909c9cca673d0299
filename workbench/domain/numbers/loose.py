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
