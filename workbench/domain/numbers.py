"""Numbers, dates and times in ko/zh/ja/en text as exact values, and where a translation's differ.

The rules for the ambiguous cases, which the QA check `number_mismatch` relies on:

- Separators. With both `.` and `,` in one number the last one, written once, is the decimal
  point (`1,000.5`, `1.000,5`). One mark written several times groups (`1,000,000`,
  `1.000.000`). One mark written once is the language's decimal mark (`.` in en/ko/zh/ja, `,`
  in de/fr/ru ...) unless it is the other mark followed by exactly three digits, which groups:
  `1,000` is a thousand in English and `1.000` a thousand in German; `3.5` is three and a half
  everywhere; `3,5` in English is two numbers. Anything else (`1.2.3`) is several numbers.
  No-break and thin spaces group digits in every language, a plain space only in languages that
  group with spaces (fr, ru, pl ...), as `2024 100` in English is more likely two numbers.
- 兆 is 10^12 (Japanese, Taiwan, and the traditional reading; mainland text writes 万亿) except
  before an SI unit (兆瓦 MW, 兆赫 MHz, 兆字节 MB), where it is the prefix mega, part of the unit.
- `3억 5천` is 3억 5천만 and `3亿5千` 3亿5千万 (a last section ending in 천/千 counts in the
  next lower large unit); `三百五` is 350 and `一万五` 15,000 (a lone digit after a unit is the
  next place down); `3~5억` and `3-5 million` are ranges whose first end takes the second's unit.
- Hangul numerals (`삼천`, `오십`, `세`) count only before a counter (`삼천 명`, `세 명`), and a
  single Sino-Korean digit syllable never (`이 개` is "this dog"). A Chinese or Japanese numeral
  of one character needs a counter (`一个`, `三人`); 千万, 万一 and 十分 alone are words.
- A date is one mention with its parts; its `value` is YYYYMMDD with missing parts 0.
  `3/1/2024` is month first in English and day first elsewhere, and marked ambiguous.
- A time's `value` is HHMM; without 오후/下午/午後/p.m. an hour up to 12 is ambiguous.
- `5년`/`5年` is the number 5 with unit "year"; from 1000 to 2999 it is the YEAR itself.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal
from enum import StrEnum
from functools import cache

from workbench.domain.korean import is_particle_sequence

# Values are exact; this context only keeps huge inputs from rounding early or overflowing.
_CTX = Context(prec=60, Emax=MAX_EMAX, Emin=MIN_EMIN)
_ZERO, _ONE, _TEN = Decimal(0), Decimal(1), Decimal(10)


def _mul(a: Decimal, b: Decimal) -> Decimal:
    return _CTX.multiply(a, b)


def _add(a: Decimal, b: Decimal) -> Decimal:
    return _CTX.add(a, b)


class NumberKind(StrEnum):
    """What a number mention denotes: values are compared, the kind shapes the pairing."""

    CARDINAL = "cardinal"
    ORDINAL = "ordinal"
    PERCENT = "percent"
    MONEY = "money"
    YEAR = "year"
    DATE = "date"
    TIME = "time"


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number, date or time in a text; `text` is what was written at [start, end)."""

    start: int
    end: int
    text: str
    value: Decimal
    """The number; YYYYMMDD for a date (missing parts 0); HHMM for a time."""
    kind: NumberKind = NumberKind.CARDINAL
    spelled: bool = False
    """Written without digits (five, 五, 삼천, 세 명): small ones may be dropped or added."""
    unit: str | None = None
    """The counter or unit, normalised where known: year, person, KRW, USD, %."""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    ambiguous: bool = False
    """Day and month may be swapped (1/3/2024), or the hour is on an unknown 12-hour clock."""


class DifferenceKind(StrEnum):
    """How a source number and its translation disagree."""

    MISSING = "missing"
    EXTRA = "extra"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class NumberDifference:
    """One disagreement between a segment and its translation, with a message for people."""

    kind: DifferenceKind
    source: NumberMention | None
    target: NumberMention | None
    message: str


# ---------------------------------------------------------------------------------------------
# Languages and character folding

_DECIMAL_COMMA = frozenset(
    "af az be bg bs ca cs da de el es et eu fi fo fr gl hr hu hy id is it ka kk ky lt lv mk mn "
    "nb nl nn no pl pt ro ru sk sl sq sr sv tr uk uz vi".split()
)
_SPACE_GROUPING = frozenset("be bg cs et fi fr hu kk lt lv nb nn no pl ru sk sv uk".split())


@dataclass(frozen=True, slots=True)
class _Lang:
    family: str
    """ko, zh, ja, en, or other (digits only)."""
    decimal_comma: bool
    spaced: bool
    """A plain space groups digits (1 000 000)."""


@cache
def _language(lang: str) -> _Lang:
    primary = lang.strip().replace("_", "-").split("-", 1)[0].lower()
    family = primary if primary in ("ko", "zh", "ja", "en") else "other"
    return _Lang(family, primary in _DECIMAL_COMMA, primary in _SPACE_GROUPING)


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


def _fold(text: str) -> str:
    """The text with number-shaping characters folded to ASCII, one character for one."""
    return _FOLDABLE.sub(_fold_char, text)


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD[match.group()]


def _alternation(words: str | list[str]) -> str:
    """A regex alternation of words, longest first so that 개월 wins over 개."""
    items = words.split() if isinstance(words, str) else words
    return "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))


# ---------------------------------------------------------------------------------------------
# Digits with separators


def _core(spaced: bool) -> str:
    space = "[\u00a0 ]" if spaced else "\u00a0"
    return rf"\d+(?:(?:[.,]|{space}(?=\d{{3}}(?!\d)))\d+)*"


_CORE = _core(False)
# A number does not start inside a word or a dotted code (A4, v1.2).
_START = r"(?<![A-Za-z_\d])(?<![A-Za-z_\d][.,])"
_SEPARATOR = re.compile(r"([.,\u00a0 ])")
# The shapes that need no deciding, by whether the language writes a decimal comma.
_USUAL_DIGITS = {
    False: re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"),
    True: re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"),
}
_DIGIT_RUN = re.compile(r"\d+")


def _read_digits(raw: str, decimal_comma: bool) -> Decimal | None:
    """The value of digits with separators, or None when the separators make no one number."""
    if _USUAL_DIGITS[decimal_comma].fullmatch(raw):  # 1,000 or 3.5 (1.000 or 3,5)
        if decimal_comma:
            return Decimal(raw.replace(".", "").replace(",", "."))
        return Decimal(raw.replace(",", ""))
    pieces = _SEPARATOR.split(raw)
    if len(pieces) == 1:
        return Decimal(raw)
    digits, marks = pieces[0::2], pieces[1::2]
    hard = [mark for mark in marks if mark in ".,"]
    decimal = False
    if "." in hard and "," in hard:
        if marks[-1] not in ".," or hard.count(marks[-1]) != 1:
            return None
        decimal = True
    elif len(hard) == 1 and marks[-1] == hard[0]:
        native = "," if decimal_comma else "."
        if hard[0] == native:
            decimal = True
        elif len(digits[-1]) != 3:
            if hard[0] == ",":
                return None  # 3,5 in English: a list, not a number
            decimal = True  # 3.5 is three and a half even where the comma is the decimal mark
    whole, whole_marks = (digits[:-1], marks[:-1]) if decimal else (digits, marks)
    if whole_marks and not _grouped(whole, whole_marks):
        return None
    return Decimal("".join(whole) + ("." + digits[-1] if decimal else ""))


def _grouped(digits: list[str], marks: list[str]) -> bool:
    """Thousands grouping (1,000,000) or Indian lakh grouping (1,00,000), one mark throughout."""
    if len({"space" if mark in "\u00a0 " else mark for mark in marks}) != 1:
        return False
    if 1 <= len(digits[0]) <= 3 and all(len(group) == 3 for group in digits[1:]):
        return True
    return (
        marks[0] == ","
        and len(digits[0]) <= 2
        and all(len(group) == 2 for group in digits[1:-1])
        and len(digits[-1]) == 3
    )


def _plain(value: Decimal) -> str:
    """A value as plain digits: 320000000000, 1.5, -3."""
    if not value:
        return "0"
    return format(value.normalize(_CTX), "f")


# ---------------------------------------------------------------------------------------------
# Numerals with units: 3천200억, 三千二百亿, 3万2千, 1.5億, 삼천

_NUMERALS = {
    "〇": 0, "零": 0, "영": 0, "一": 1, "壹": 1, "일": 1, "二": 2, "贰": 2, "貳": 2, "两": 2,
    "兩": 2, "이": 2, "三": 3, "叁": 3, "參": 3, "삼": 3, "四": 4, "肆": 4, "사": 4, "五": 5,
    "伍": 5, "오": 5, "六": 6, "陆": 6, "陸": 6, "육": 6, "륙": 6, "七": 7, "柒": 7, "칠": 7,
    "八": 8, "捌": 8, "팔": 8, "九": 9, "玖": 9, "구": 9,
}  # fmt: skip
_SMALL_UNITS = {
    "十": 10, "拾": 10, "십": 10, "百": 100, "佰": 100, "백": 100, "千": 1000, "仟": 1000,
    "천": 1000,
}  # fmt: skip
_LARGE_UNITS = {"万": 10**4, "萬": 10**4, "만": 10**4, "亿": 10**8, "億": 10**8, "억": 10**8}
_LARGE_UNITS.update({"兆": 10**12, "조": 10**12})
_ZEROS = "〇零영"
_LOWER = {Decimal(10**4): _ONE, Decimal(10**8): Decimal(10**4), Decimal(10**12): Decimal(10**8)}
_UNIT_VALUES = {char: Decimal(value) for char, value in (_SMALL_UNITS | _LARGE_UNITS).items()}
_NUMERAL_VALUES = {char: Decimal(value) for char, value in _NUMERALS.items()}
_DIGITS_AND_UNIT = re.compile(rf"({_CORE})([{''.join(_UNIT_VALUES)}])")
_UNIT_TOKEN = re.compile(rf"(?P<digits>{_CORE})|(?P<space>\s+)|(?P<char>.)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class _Units:
    value: Decimal
    lead_scale: Decimal
    """The units right after the first number (5천억: 10^11), which a range's bare start takes."""
    has_units: bool
    large: Decimal | None
    """The last large unit (만/万 and up)."""


def _parse_units(text: str) -> _Units | None:
    """The value of a numeral with units (3천200억, 三千二百亿), or None if it is not one."""
    simple = _DIGITS_AND_UNIT.fullmatch(text)
    if simple is not None:  # 20만, 5,000억, 1.5亿: most numerals are one number and one unit
        number = _read_digits(simple.group(1), False)
        if number is None:
            return None
        scale = _UNIT_VALUES[simple.group(2)]
        top = scale if simple.group(2) in _LARGE_UNITS else None
        return _Units(_CTX.multiply(number, scale), scale, True, top)
    add, mul = _CTX.add, _CTX.multiply
    total = section = last_add = _ZERO
    pending: Decimal | None = None
    single = zero = ends_small = previous_large = has_units = stacked = False
    small: Decimal | None = None  # units fall within a section: 千百十
    large: Decimal | None = None  # and large units fall across sections: 亿万
    after: Decimal | None = None  # the unit written just before, for 三百五 = 350
    lead: Decimal | None = None
    lead_scale, lead_open = _ONE, True
    for token in _UNIT_TOKEN.finditer(text):
        kind, piece = token.lastgroup, token.group()
        if kind == "space":
            after = None
            continue
        if kind == "digits" or piece in _NUMERAL_VALUES:
            if kind == "digits":
                value = _read_digits(piece, False)
                if value is None:
                    return None
                single = len(piece) == 1
            elif piece in _ZEROS and (section or total):
                zero, after = True, None  # 一百零八: the zero only marks an empty place
                continue
            else:
                value, single = _NUMERAL_VALUES[piece], True
            if pending is not None:
                return None  # 三四: two digits side by side are no number
            pending = value
            if lead is None:
                lead = value
            else:
                lead_open = False
            ends_small = previous_large = False
            continue
        unit = _UNIT_VALUES.get(piece)
        if unit is None:
            return None
        if piece in _SMALL_UNITS:
            if small is not None and unit >= small:
                return None
            section = add(section, mul(pending if pending is not None else _ONE, unit))
            pending, small, ends_small, previous_large = None, unit, True, False
        else:
            if previous_large and large is not None and not stacked and unit > large:
                # 万亿: a large unit right after a smaller one multiplies it (10^12)
                total = add(add(total, -last_add), mul(last_add, unit))
                last_add, large, stacked = mul(last_add, unit), mul(large, unit), True
            else:
                if large is not None and unit >= large:
                    return None
                amount = add(section, pending if pending is not None else _ZERO)
                if not amount and pending is None:
                    if large is not None:
                        return None  # 亿万: a bare large unit after another is a word
                    amount = _ONE  # 万 alone is ten thousand
                last_add = mul(amount, unit)
                total = add(total, last_add)
                section, pending, small, large = _ZERO, None, None, unit
            ends_small, previous_large = False, True
        has_units, after = True, unit
        if lead is None:
            lead = _ONE
        if lead_open:
            lead_scale = mul(lead_scale, unit)
    if lead is None:
        return None
    if pending is not None:
        if single and not zero and after is not None and after >= _TEN:
            pending = mul(pending, _CTX.divide(after, _TEN))  # 三百五 is 350, 一万五 15,000
        section = add(section, pending)
    elif ends_small and large is not None:
        section = mul(section, _LOWER.get(large, _ONE))  # 3억 5천 is 3억 5천만
    return _Units(add(total, section), lead_scale if has_units else _ONE, has_units, large)


def _digit_string(text: str) -> Decimal | None:
    """二〇二四 read digit by digit, as years are written."""
    if len(text) < 2 or any(char not in _NUMERALS for char in text):
        return None
    return Decimal("".join(str(_NUMERALS[char]) for char in text))


# ---------------------------------------------------------------------------------------------
# Counters and units after a number

_UNIT_NAMES: dict[str, str] = {}
for _name, _surfaces in {
    "year": "년 年 year years yr yrs",
    "month": "개월 달 个月 個月 か月 カ月 ヶ月 ヵ月 ケ月 箇月 month months",
    "week": "주 周 週 星期 week weeks",
    "day": "일 日 天 号 號 day days",
    "hour": "시간 小时 小時 時間 hour hours",
    "minute": "분 分 分钟 分鐘 minute minutes",
    "second": "초 秒 second seconds",
    "person": "명 사람 人 名 位 人次 people person persons",
    "times": "회 번 차례 次 回 times",
    "fold": "배 倍",
    "item": "개 个 個 つ",
    "country": "개국 か国 カ国 ヶ国 国 國",
    "quarter": "분기 季度",
    "age": "살 세 岁 歲 歳 才",
    "KRW": "원 韩元 韓元 ウォン won",
    "USD": "달러 美元 ドル dollar dollars $ us$ usd",
    "CNY": "위안 元 人民币 人民幣 yuan rmb cny",
    "JPY": "엔 円 日元 yen jpy",
    "EUR": "유로 欧元 歐元 ユーロ euro euros € eur",
    "GBP": "파운드 英镑 英鎊 pound pounds £ gbp",
    "%": "% 퍼센트 프로 パーセント percent pct",
    "point": "%p %포인트 퍼센트포인트 포인트 个百分点 個百分點 百分点 百分點 ポイント",
}.items():
    for _surface in _surfaces.split():
        _UNIT_NAMES[_surface] = _name
_UNIT_NAMES.update({"per cent": "%", "percentage point": "point", "percentage points": "point"})
_CURRENCIES = frozenset("KRW USD CNY JPY EUR GBP ¥ ₩ HKD".split())
_PERCENTS = frozenset(("%", "point"))
_ORDINAL_COUNTERS = frozenset("번째 째 番目".split())
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₩": "KRW", "¥": "¥"}
_CURRENCY_SIGNS.update({"hk$": "HKD", "nt$": "TWD", "a$": "AUD", "c$": "CAD", "s$": "SGD"})
_CURRENCY_SIGNS["rmb"] = "CNY"

_KO_COUNTERS = _alternation(
    "퍼센트포인트 %포인트 퍼센트 포인트 번째 개국 개사 개월 주년 분기 시간 달러 위안 유로 "
    "파운드 가지 마리 사람 차례 %p % 프로 명 개 건 원 엔 년 월 일 주 시 분 초 회 차 번 째 위 "
    "등 곳 살 세 배 권 대 채 톤 층 호 달 해 장"
)
_KO_NATIVE_COUNTERS = _alternation(
    "명 개 번째 번 살 가지 마리 권 대 곳 시간 시 달 해 차례 사람 채 척 벌 잔 병 그루 송이 "
    "장 군데 주 분 배"
)
_KO_SINO_COUNTERS = _alternation(
    "명 개 건 원 달러 위안 엔 유로 년 개월 일 주 시간 분 초 회 차 번 배 곳 개국 살 세 퍼센트 %"
)
_CJK_COUNTER_WORDS = (
    "个百分点 個百分點 百分点 百分點 个月 個月 か月 カ月 ヶ月 ヵ月 ケ月 箇月 か国 カ国 ヶ国 か所 "
    "カ所 ヶ所 个 個 人次 人 名 位 家 次 回 年代 年度 年 天 日 号 號 元 美元 欧元 歐元 日元 "
    "韩元 韓元 英镑 英鎊 人民币 人民幣 円 ドル ユーロ ウォン 件 项 項 条 條 种 種 倍 岁 歲 歳 才 "
    "台 座 所 层 "
    "層 款 辆 輛 艘 枚 本 张 張 只 隻 场 場 届 屆 期 季度 季 周年 週年 周 週 星期 小时 小時 時間 "
    "分钟 分鐘 秒 % パーセント ポイント 割 成 つ 社 国 國 公里 千米 公斤 吨 噸 兆瓦 兆赫 兆字节 "
    "兆位 番目 度 点 分"
)
_CJK_COUNTERS = _alternation(_CJK_COUNTER_WORDS)
# What may follow one numeral character for it to count (三人, 一个): not 点, 分, 度, 周, 国,
# which make words (一点 a little, 十分 very, 一度 once, 四周 around, 三国).
_CJK_STRICT = frozenset(_CJK_COUNTER_WORDS.split()) - frozenset("点 分 度 周 週 国 國 成".split())
_EN_COUNTERS = (
    r"\s?%|\s?(?i:per\s?cent|percent|pct)\b|\s+(?i:percentage\s+points?|years?|months?|weeks?|"
    r"days?|hours?|minutes?|seconds?|people|persons?|times|won|dollars?|yuan|yen|euros?|"
    r"pounds?)\b"
)
_APPROX = re.compile(r"^\s*(?:여|多|余|餘)?\s*")
_HANGUL_RUN = re.compile(r"[가-힣]*")
_KO_AFTER = ("씩", "쯤", "가량", "정도", "째", "간", "여")


# ---------------------------------------------------------------------------------------------
# English words

# word: (role in the grammar of English numbers, value, ordinal)
_EN_WORDS: dict[str, tuple[str, int, bool]] = {}
_EN_CARDINALS = "zero one two three four five six seven eight nine ten eleven twelve thirteen "
_EN_CARDINALS += "fourteen fifteen sixteen seventeen eighteen nineteen"
_EN_ORDINALS = "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
_EN_ORDINALS += (
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
for _value, (_cardinal, _ordinal) in enumerate(
    zip(_EN_CARDINALS.split(), _EN_ORDINALS.split(), strict=True)
):
    _role = "unit" if _value < 10 else "teen"
    _EN_WORDS[_cardinal] = (_role, _value, False)
    _EN_WORDS[_ordinal] = (_role, _value, True)
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_TENTHS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
for _value, (_cardinal, _ordinal) in enumerate(
    zip(_EN_TENS, _EN_TENTHS.split(), strict=True), start=2
):
    _EN_WORDS[_cardinal] = ("tens", _value * 10, False)
    _EN_WORDS[_ordinal] = ("tens", _value * 10, True)
del _EN_WORDS["_"]
_EN_WORDS.update(
    {
        "hundred": ("hundred", 100, False), "hundredth": ("hundred", 100, True),
        "thousand": ("scale", 10**3, False), "thousandth": ("scale", 10**3, True),
        "million": ("scale", 10**6, False), "millionth": ("scale", 10**6, True),
        "billion": ("scale", 10**9, False), "billionth": ("scale", 10**9, True),
        "trillion": ("scale", 10**12, False),
        # multipliers that follow a number like dozen: a decade, two decades, a century
        "dozen": ("dozen", 12, False), "decade": ("dozen", 10, False),
        "decades": ("dozen", 10, False), "century": ("dozen", 100, False),
    }
)  # fmt: skip
_EN_SCALE_WORDS = r"hundred|thousand|million|billion|trillion|dozen|decade|century"
_EN_ABBREVIATIONS = {"bn": 10**9, "b": 10**9, "mn": 10**6, "m": 10**6, "k": 10**3}
_EN_WORDS_SCALES = {
    word: value
    for word, (role, value, ordinal) in _EN_WORDS.items()
    if role == "scale" and not ordinal
}
_EN_ABBREVIATIONS.update({"tn": 10**12, "trn": 10**12})
_EN_TOKEN = re.compile(
    rf"(?P<num>{_CORE})(?:(?P<suffix>st|nd|rd|th|s)\b)?"
    r"(?:\s?(?P<abbr>bn|mn|tn|trn)\b|(?P<letter>[kmbKMB])\b)?|(?P<word>[A-Za-z]+)"
)
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTH = rf"(?:{_alternation([n.capitalize() for n in _MONTHS])})\b\.?"
_FULL_MONTH = rf"(?:{_alternation(_MONTH_NAMES)})\b"
# "a second", "per second": the unit of time; "Second, ...": an enumerator, not a count
_SECOND_BEFORE = re.compile(r"(?i:\b(?:a|one|per|every|each|split|that)\s+)$")
_MAY_BEFORE = re.compile(
    r"(?i:\b(?:in|of|since|until|till|by|from|to|early|late|mid|last|next|this|during|before|"
    r"after|and)[\s-]+)$"
)
_YEAR_BEFORE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|from|of|during|before|after|year|between|and|to|"
    r"through|circa|around|early|late|mid|fy)[\s-]+)$"
)
_BETWEEN_BEFORE = re.compile(r"(?i:\bbetween\s+)$")


# ---------------------------------------------------------------------------------------------
# The grammar: per language family and first character, each alternative a named group


def _counter(name: str, counters: str) -> str:
    return rf"(?P<{name}_cnt>{counters})?"


def _sign(name: str) -> str:
    return rf"(?P<{name}_sign>(?<![\w)\].,%+\-])[-+])?"


_CURRENCY = r"US\$|HK\$|NT\$|A\$|C\$|S\$|\$|€|£|¥|₩|(?:USD|EUR|GBP|JPY|CNY|RMB|KRW|HKD)\s?"


def _common() -> list[str]:
    """Dates and times written with digits and punctuation, the same in every language."""
    return [
        r"(?P<iso>(?<![\d.])(?P<iso_y>\d{4})(?P<iso_s>[-/.])\s?(?P<iso_m>\d{1,2})"
        r"(?P=iso_s)\s?(?P<iso_d>\d{1,2})(?!\d))",
        r"(?P<dmy>(?<![\d.])(?P<dmy_d>\d{1,2})\.(?P<dmy_m>\d{1,2})\.(?P<dmy_y>\d{4})(?![\d]))",
        r"(?P<slash>(?<![\d/])(?P<slash_a>\d{1,2})/(?P<slash_b>\d{1,2})/(?P<slash_y>\d{4})(?!\d))",
        r"(?P<hm>(?<![\d:.])(?P<hm_h>\d{1,2}):(?P<hm_m>\d{2})(?::\d{2})?(?![\d:])"
        r"(?:\s?(?P<hm_p>[AaPp])\.?\s?[Mm](?![A-Za-z])\.?)?)",
    ]


_KO_TENS = "열|스물|서른|마흔|쉰|예순|일흔|여든|아흔"
_KO_ONES = "한|두|세|네|다섯|여섯|일곱|여덟|아홉"
_KO_ADNOMINAL = rf"(?:(?:{_KO_TENS})(?:{_KO_ONES})?|스무|{_KO_ONES})"
_KO_NATIVE = {
    "한": 1, "하나": 1, "첫": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4,
    "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스무": 20, "스물": 20,
    "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90,
}  # fmt: skip


def _korean(num: str) -> dict[str, list[str]]:
    unit = r"(?:[십백천억조]|만(?!큼))"
    counters = rf"\s?(?:여\s?)?(?:{_KO_COUNTERS})"
    number = (
        rf"(?P<kx>(?P<kx_cur>{_CURRENCY})?{_sign('kx')}(?P<kx_n>{num}(?:{unit}+"
        rf"(?:(?:(?<=[만억조])\s)?(?:{_CORE}|[일이삼사오육칠팔구]){unit}+)*"
        rf"(?:{_CORE}(?![\d십백천만억조]))?)?){_counter('kx', counters)})"
    )
    digit = [
        r"(?P<kd>(?<!\d)(?:(?P<kd_y>\d{4})\s?년\s?)?(?<!\d)(?P<kd_m>\d{1,2})\s?월"
        r"(?:\s?(?P<kd_d>\d{1,2})\s?일)?)",
        r"(?P<kt>(?<!\d)(?P<kt_h>\d{1,2})\s?시"
        r"(?![간대즌리작장계스행점험청민])(?:\s?(?P<kt_m>\d{1,2})\s?분(?!기)"
        r"|\s?(?P<kt_x>반)(?=[^가-힣]|$|[에쯤부까경]))?)",
        number,
    ]
    word = [
        rf"(?P<kord>(?<![가-힣])제\s?(?P<kord_n>{_START}{_CORE}){_counter('kord', counters)})",
        rf"(?P<kno>(?<![가-힣])(?:(?P<kno_a>첫|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|열)째"
        rf"|(?P<kno_b>{_KO_ADNOMINAL}|첫)\s?번째))",
        rf"(?P<kn>(?<![가-힣])(?P<kn_n>{_KO_ADNOMINAL})(?P<kn_cnt>\s?(?:{_KO_NATIVE_COUNTERS})))",
        rf"(?P<ks>(?<![가-힣])(?P<ks_n>[일이삼사오육칠팔구십백천만억조]+)"
        rf"(?P<ks_cnt>\s?(?:{_KO_SINO_COUNTERS})))",
    ]
    return {"digit": digit, "number": [number], "word": word}


_ZHAO = r"兆(?![瓦赫字帕焦欧歐比位伏安])"
_ZH_DIGIT = "〇零一二三四五六七八九两兩壹贰貳叁參肆伍陆陸柒捌玖"
_ZH_SMALL = "〇零一二三四五六七八九十两兩"
_ZH_NOT_BEFORE = r"(?<![\d〇零一二三四五六七八九十百千万])"


def _chinese(num: str) -> dict[str, list[str]]:
    unit = rf"(?:[十拾百佰千仟万萬亿億]|{_ZHAO})"
    counters = rf"\s?(?:[多余餘]\s?)?(?:{_CJK_COUNTERS})"
    # after an era name (all two characters) a year is short: 令和6年, 平成元年
    era = "(?<=令和|平成|昭和|大正|明治|民國|民国)"
    year = rf"\d{{4}}|[〇零一二三四五六七八九]{{4}}|{era}(?:元|\d{{1,3}}|[{_ZH_SMALL}]{{1,3}})"
    month = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
    day = (
        r"3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
        r"|[一二三四五六七八九]"
    )
    hour = rf"\d{{1,2}}|[{_ZH_SMALL}]{{1,3}}"
    minutes = rf"\s?(?:{hour})\s?分(?![钟鐘])"
    number = (
        rf"(?P<zx>(?P<zx_cur>{_CURRENCY})?{_sign('zx')}(?P<zx_n>{num}(?:{unit}+"
        rf"(?:(?:{_CORE}|[{_ZH_DIGIT}]){unit}+)*"
        rf"(?:(?:{_CORE}|[{_ZH_DIGIT}])(?![\d十拾百佰千仟万萬亿億兆]))?)?)"
        rf"{_counter('zx', counters)})"
    )
    dates = [
        rf"(?P<cd>{_ZH_NOT_BEFORE}(?:(?P<cd_y>{year})\s?年\s?)?{_ZH_NOT_BEFORE}(?P<cd_m>{month})"
        rf"\s?月(?:\s?(?P<cd_d>{day})\s?[日号號])?)",
        # 点 is the hour only with minutes, 半 or 钟 after it or 下午 before it: 三点五 is 3.5
        rf"(?P<ct>{_ZH_NOT_BEFORE}(?P<ct_h>{hour})\s?(?P<ct_u>[点點](?={minutes}|半|钟|鐘"
        rf"|(?![\d{_ZH_DIGIT}]))|[时時](?![间間代候期刻]))(?:\s?(?P<ct_m>{hour})\s?分(?![钟鐘])"
        r"|(?P<ct_x>半))?(?P<ct_z>钟|鐘)?)",
    ]
    word = [
        *dates,
        r"(?P<gan>元\s?年)",
        rf"(?P<zp>百分之\s?(?P<zp_n>{_START}{_CORE}|[{_ZH_DIGIT}十百千点點]+))",
        rf"(?P<zo>第\s?(?P<zo_n>{_START}{_CORE}|[{_ZH_DIGIT}十百千万]+){_counter('zo', counters)})",
        rf"(?P<zs>(?<![数數几幾])(?P<zs_n>(?:[{_ZH_DIGIT}十拾百佰千仟万萬亿億]|{_ZHAO})+"
        rf"(?:[点點][{_ZH_DIGIT}]+(?:[万萬亿億]|{_ZHAO})*)?){_counter('zs', counters)})",
    ]
    return {"digit": [*dates, number], "number": [number], "word": word}


def _english(num: str) -> dict[str, list[str]]:
    words = _alternation(list(_EN_WORDS))
    word = rf"(?i:\b(?:{words})\b)"
    a = rf"\b[Aa](?=\s+(?i:{_EN_SCALE_WORDS})\b)"
    item = rf"{num}(?:(?:st|nd|rd|th|s)\b)?(?:\s?(?:bn|mn|tn|trn)\b|[kmbKMB]\b)?"
    joint = r"(?:\s+(?i:and)\s+|\s*-\s*|\s+)"
    day = r"(?<![\d.,])\d{1,2}(?:st|nd|rd|th)?"
    year = r"(?P<{}>\d{{4}})(?![\d])"
    number = (
        rf"(?P<ex>(?P<ex_cur>{_CURRENCY})?{_sign('ex')}(?P<ex_n>(?:{item}|{word}|{a})"
        rf"(?:{joint}(?:{word}|{_CORE}(?=\s+(?i:{_EN_SCALE_WORDS})\b)))*)"
        rf"{_counter('ex', _EN_COUNTERS)})"
    )
    clock = (
        r"(?P<eoc>(?<![\d:.])(?P<eoc_h>\d{1,2}|(?i:one|two|three|four|five|six|seven|eight|nine|"
        r"ten|eleven|twelve))\s?o'clock)"
    )
    digit = [
        rf"(?P<edm>(?P<edm_d>{day})\s+(?:of\s+)?(?P<edm_m>{_MONTH})"
        rf"(?:,?\s+{year.format('edm_y')})?)",
        r"(?P<eap>(?<![\d:.])(?P<eap_h>\d{1,2})\s?(?P<eap_p>[AaPp])\.?[Mm]\b\.?)",
        clock,
        number,
    ]
    led_by_word = [
        rf"(?P<emd>(?P<emd_m>{_MONTH})\s+(?P<emd_d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.,]\d|\w)"
        rf"(?:,?\s+{year.format('emd_y')})?)",
        rf"(?P<emy>(?P<emy_m>{_MONTH}),?\s+(?:of\s+)?{year.format('emy_y')})",
        rf"(?P<emo>{_FULL_MONTH})",
        clock,
        number,
    ]
    return {"digit": digit, "number": [number], "word": led_by_word}


_PERCENT_SIGN = r"\s?%"


def _other(num: str) -> dict[str, list[str]]:
    number = (
        rf"(?P<ox>(?P<ox_cur>{_CURRENCY})?{_sign('ox')}(?P<ox_n>{num})"
        rf"{_counter('ox', _PERCENT_SIGN)})"
    )
    return {"digit": [number], "number": [number], "word": [number]}


_CURRENCY_CODES = "US$ HK$ NT$ A$ C$ S$ USD EUR GBP JPY CNY RMB KRW HKD".split()
_KO_STARTERS = "제첫둘셋넷다여일아열한두세네스서마쉰예이삼사오육칠팔구십백천만억조"
_ZH_STARTERS = _ZH_DIGIT + "十拾百佰千仟万萬亿億兆第元"


# A word-led mention starts after one of these; the trigger finds the separator, so that re
# can skip every other character in C instead of trying each letter.
_SEPARATORS = frozenset(" \t\n\r\f\v\u00a0\u3000([{<\"'“‘「『《〈,.;:!?·/~-—_…")


def _word_starts(family: str) -> str:
    """What a word-led mention begins with, as branches led by a character class."""
    if family == "ko":
        return rf"[{_KO_STARTERS}]"
    if family != "en":
        return ""
    folded: dict[str, list[str]] = {}
    exact: dict[str, list[str]] = {}
    for word in _EN_WORDS:
        folded.setdefault(word[0], []).append(re.escape(word[1:]))
    for word in _MONTHS:
        exact.setdefault(word[0].upper(), []).append(re.escape(word[1:]))
    for code in _CURRENCY_CODES:
        exact.setdefault(code[0], []).append(re.escape(code[1:]))
    branches = [rf"[Aa]\s+(?i:{_EN_SCALE_WORDS})\b"]
    branches += [
        rf"[{first}{first.upper()}](?i:{'|'.join(rests)})\b" for first, rests in folded.items()
    ]
    branches += [rf"{first}(?:{'|'.join(rests)})" for first, rests in exact.items()]
    return "|".join(branches)


def _trigger(family: str) -> str:
    """Where a mention may start: one leading character class, so re skips the rest in C."""
    firsts = r"\d$€£¥₩+\-"
    branches = [r"(?<=\d)\d*", r"(?<=[+\-])\d", r"(?<=[$€£¥₩])"]
    words = _word_starts(family)
    if words:
        separators = re.escape("".join(sorted(_SEPARATORS)))
        firsts += separators
        branches.append(rf"(?<=[{separators}])(?={words})")
    if family in ("zh", "ja"):
        firsts += _ZH_STARTERS
        branches.append(rf"(?<=[{_ZH_STARTERS}])")
    return rf"[{firsts}](?:{'|'.join(branches)})"


@cache
def _grammar(family: str, spaced: bool) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
    """The trigger that finds where mentions may start, and by first character what to read.

    Each first character gets only the alternatives that can start with it, as failing
    alternatives cost more than the match itself.
    """
    num = _START + _core(spaced)
    parts = {"ko": _korean, "zh": _chinese, "ja": _chinese, "en": _english}.get(family, _other)(num)
    grammars = {
        "digit": re.compile("|".join(_common() + parts["digit"])),
        "number": re.compile("|".join(parts["number"])),
        "word": re.compile("|".join(parts["word"])),
    }
    table = dict.fromkeys("0123456789", grammars["digit"])
    table.update(dict.fromkeys("-+$€£¥₩", grammars["number"]))
    letters = "".join(code[0] for code in _CURRENCY_CODES)
    if family == "en":
        letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    table.update(dict.fromkeys(letters, grammars["word" if family == "en" else "number"]))
    starters = {"ko": _KO_STARTERS, "zh": _ZH_STARTERS, "ja": _ZH_STARTERS}.get(family, "")
    table.update(dict.fromkeys(starters, grammars["word"]))
    return re.compile(_trigger(family)), table


# ---------------------------------------------------------------------------------------------
# Building mentions


@dataclass(slots=True)
class _Scan:
    text: str
    folded: str
    lang: _Lang


@dataclass(slots=True)
class _Found:
    mention: NumberMention
    lead_scale: Decimal = _ONE
    has_units: bool = False
    large: Decimal | None = None


def _number(
    scan: _Scan,
    start: int,
    end: int,
    value: Decimal,
    *,
    kind: NumberKind = NumberKind.CARDINAL,
    spelled: bool = False,
    unit: str | None = None,
) -> NumberMention:
    return NumberMention(start, end, scan.text[start:end], value, kind, spelled, unit)


def _counted(
    scan: _Scan,
    match: re.Match[str],
    name: str,
    start: int,
    end: int,
    value: Decimal,
    *,
    spelled: bool,
    kind: NumberKind = NumberKind.CARDINAL,
    unit: str | None = None,
) -> NumberMention:
    """A number with the counter after it, which sets its unit and sometimes its kind."""
    counter_start, counter_end = match.span(f"{name}_cnt")
    if counter_start < 0:
        return _number(scan, start, end, value, kind=kind, spelled=spelled, unit=unit)
    surface = scan.folded[counter_start:counter_end].lstrip()
    if surface not in _UNIT_NAMES:
        surface = " ".join(_APPROX.sub("", surface).lower().split())
    counted = _UNIT_NAMES.get(surface, surface)
    unit = unit or counted
    if counted in _PERCENTS:
        kind, end = NumberKind.PERCENT, counter_end
    elif surface in ("割", "成") and 0 < value <= 10:  # 3割 and 三成 are 30%
        kind, end, unit, value = NumberKind.PERCENT, counter_end, "%", _mul(value, _TEN)
    elif (
        counted == "year"
        and scan.lang.family in ("zh", "ja")
        and _ERA_BEFORE.search(scan.folded, max(0, start - 3), start)
    ):
        start, year = _era_year(scan, start, int(value))
        kind, end, value = NumberKind.YEAR, counter_end, Decimal(year)
    elif (
        counted == "year"
        and scan.lang.family in ("ko", "zh", "ja")
        and kind is NumberKind.CARDINAL
        and value == value.to_integral_value()
        and 1000 <= value <= 2999
    ):
        kind, end = NumberKind.YEAR, counter_end
    elif surface in _ORDINAL_COUNTERS:
        kind, end = NumberKind.ORDINAL, counter_end
    elif counted in _CURRENCIES and kind is NumberKind.CARDINAL:
        kind = NumberKind.MONEY
    return _number(scan, start, end, value, kind=kind, spelled=spelled, unit=unit)


def _fallback(scan: _Scan, start: int, end: int) -> list[_Found]:
    """Plain integers inside a span that did not read as what its pattern promised."""
    return [
        _Found(_number(scan, m.start(), m.end(), Decimal(m.group())))
        for m in _DIGIT_RUN.finditer(scan.folded, start, end)
    ]


def _signed(match: re.Match[str], name: str, value: Decimal) -> tuple[int, Decimal]:
    """The start of a number with its sign, and its signed value."""
    sign_start = match.start(f"{name}_sign")
    if sign_start < 0:
        return match.start(f"{name}_n"), value
    return sign_start, -value if match.group(f"{name}_sign") == "-" else value


def _currency(match: re.Match[str], name: str) -> tuple[int, str | None]:
    """Where a number with its currency sign starts, and the currency."""
    sign = match.group(f"{name}_cur")
    if sign is None:
        return -1, None
    key = sign.strip().lower()
    return match.start(f"{name}_cur"), _CURRENCY_SIGNS.get(key, key.upper())


def _valid_date(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return True
    limit = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1] if month else 31
    return 1 <= day <= limit


def _date(
    scan: _Scan,
    start: int,
    end: int,
    year: int | None,
    month: int | None,
    day: int | None,
    *,
    ambiguous: bool = False,
) -> list[_Found]:
    if not _valid_date(year, month, day):
        return _fallback(scan, start, end)
    value = Decimal((year or 0) * 10000 + (month or 0) * 100 + (day or 0))
    mention = NumberMention(
        start, end, scan.text[start:end], value, NumberKind.DATE, False, None, year, month, day,
        ambiguous=ambiguous,
    )  # fmt: skip
    return [_Found(mention)]


_PM = frozenset("오후 저녁 밤 下午 晚上 傍晚 夜里 夜間 午後 p".split())
_AM = frozenset("오전 새벽 아침 上午 早上 早晨 凌晨 午前 a".split())
_NOON = frozenset(("낮", "中午"))
_PERIOD_BEFORE = re.compile(
    r"(오전|오후|새벽|아침|낮|저녁|밤|上午|下午|早上|早晨|晚上|凌晨|中午|傍晚|夜里|夜間|午前|午後)\s?$"
)


def _time(
    scan: _Scan, start: int, end: int, hour: int, minute: int | None, period: str | None
) -> list[_Found]:
    if period is None and scan.lang.family in ("ko", "zh", "ja"):
        before = _PERIOD_BEFORE.search(scan.folded, max(0, start - 4), start)
        if before is not None:
            period, start = before.group(1), before.start()
    if period is not None:
        period = period.lower()
        if period in _PM and hour < 12:
            hour += 12
        elif period in _AM and hour == 12:
            hour = 0
        elif period in _NOON and hour < 6:
            hour += 12  # 中午1点 is 13:00
    if hour > 24 or (minute is not None and minute > 59):
        return _fallback(scan, start, end)
    ambiguous = period is None and 1 <= hour <= 12
    mention = NumberMention(
        start, end, scan.text[start:end], Decimal(hour * 100 + (minute or 0)), NumberKind.TIME,
        False, None, hour=hour, minute=minute, ambiguous=ambiguous,
    )  # fmt: skip
    return [_Found(mention)]


def _small(text: str | None) -> int | None:
    """A small number written with digits or Chinese numerals (月, 日, 時)."""
    if text is None:
        return None
    if text.isdecimal():
        return int(text) if len(text) <= 4 else None
    if text == "元":
        return 1
    digits = _digit_string(text)
    if digits is not None and len(text) == 4:
        return int(digits)
    parsed = _parse_units(text)
    return int(parsed.value) if parsed is not None and parsed.value < 10000 else None


_UNIT_CHAR = re.compile(
    r"[십백천만억조十拾百佰千仟万萬亿億兆一二三四五六七八九〇零两兩일이삼사오육칠팔구]"
)


def _digits(
    scan: _Scan,
    match: re.Match[str],
    name: str,
    *,
    kind: NumberKind = NumberKind.CARDINAL,
    read: _Units | None = None,
) -> list[_Found]:
    """A digit-led number (with units such as 억 or 万 for ko/zh/ja) and what follows it."""
    start, end = match.span(f"{name}_n")
    raw = scan.folded[start:end]
    if read is not None:
        units: _Units | None = read
    elif raw.isdecimal():  # the common case: no separators, no units
        units = _Units(Decimal(raw), _ONE, False, None)
    elif scan.lang.family in ("ko", "zh", "ja") and _UNIT_CHAR.search(raw):
        units = _parse_units(raw)
    else:
        value = _read_digits(raw, scan.lang.decimal_comma)
        units = None if value is None else _Units(value, _ONE, False, None)
    if units is None:
        return _fallback(scan, start, end)
    first, value = _signed(match, name, units.value)
    currency_start, currency = _currency(match, name)
    if currency_start >= 0:
        first, kind = currency_start, NumberKind.MONEY
    mention = _counted(
        scan, match, name, first, end, value, spelled=False, kind=kind, unit=currency
    )
    return [_Found(mention, units.lead_scale, units.has_units, units.large)]


# ---------------------------------------------------------------------------------------------
# Handlers, one per grammar alternative


def _iso(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    y, mo, d = int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d"))
    return _date(scan, m.start(), m.end(), y, mo, d)


def _dmy(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    y, mo, d = int(m.group("dmy_y")), int(m.group("dmy_m")), int(m.group("dmy_d"))
    return _date(scan, m.start(), m.end(), y, mo, d)


def _slash(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    a, b, y = int(m.group("slash_a")), int(m.group("slash_b")), int(m.group("slash_y"))
    month_first = b > 12 or (a <= 12 and scan.lang.family == "en")
    month, day = (a, b) if month_first else (b, a)
    ambiguous = a != b and a <= 12 and b <= 12
    return _date(scan, m.start(), m.end(), y, month, day, ambiguous=ambiguous)


def _hm(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    period = m.group("hm_p")
    return _time(scan, m.start(), m.end(), int(m.group("hm_h")), int(m.group("hm_m")), period)


def _korean_date(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    year, day = m.group("kd_y"), m.group("kd_d")
    return _date(
        scan, m.start(), m.end(), int(year) if year else None, int(m.group("kd_m")),
        int(day) if day else None,
    )  # fmt: skip


def _korean_time(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    minute = 30 if m.group("kt_x") else (int(m.group("kt_m")) if m.group("kt_m") else None)
    return _time(scan, m.start(), m.end(), int(m.group("kt_h")), minute, None)


def _korean_ordinal(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    raw = m.group("kord_n")
    value = _read_digits(raw, False)
    if value is None:
        return _fallback(scan, m.start(), m.end())
    end = m.end("kord_n")
    ordinal = NumberKind.ORDINAL
    return [_Found(_counted(scan, m, "kord", m.start(), end, value, spelled=False, kind=ordinal))]


def _native_value(word: str) -> int:
    """열두 = 12, 스물다섯 = 25: tens word then ones word."""
    for size in (2, 1):
        head, rest = word[:size], word[size:]
        if rest and head in _KO_NATIVE and rest in _KO_NATIVE:
            return _KO_NATIVE[head] + _KO_NATIVE[rest]
    return _KO_NATIVE[word]


def _korean_native_ordinal(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    word = m.group("kno_a") or m.group("kno_b")
    value = Decimal(_native_value(word))
    mention = _number(scan, m.start(), m.end(), value, kind=NumberKind.ORDINAL, spelled=True)
    return [_Found(mention)]


def _word_ends(scan: _Scan, position: int) -> bool:
    """True when a Korean word ends at position, or only particles and endings follow."""
    rest = _HANGUL_RUN.match(scan.folded, position)
    tail = rest.group() if rest is not None else ""
    for suffix in _KO_AFTER:
        if tail.startswith(suffix):
            tail = tail[len(suffix) :]
            break
    return not tail or is_particle_sequence(tail)


def _korean_native(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    if not _word_ends(scan, m.end("kn_cnt")):
        return []
    start, end = m.span("kn_n")
    value = Decimal(_native_value(m.group("kn_n")))
    return [_Found(_counted(scan, m, "kn", start, end, value, spelled=True))]


def _korean_spelled(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    text = m.group("ks_n")
    if len(text) == 1 and (text not in "십백천만억조" or not m.group("ks_cnt")[0].isspace()):
        return []  # 이 개 is "this dog", 만세 "hurrah"; 천 명 and 만 원 are numbers
    parsed = _parse_units(text)
    if parsed is None or not parsed.has_units or not _word_ends(scan, m.end("ks_cnt")):
        return []
    start, end = m.span("ks_n")
    mention = _counted(scan, m, "ks", start, end, parsed.value, spelled=True)
    return [_Found(mention, parsed.lead_scale, True, parsed.large)]


def _korean_number(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    return _digits(scan, m, "kx")


_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
_ERAS.update({"民國": 1911, "民国": 1911})


_ERA_BEFORE = re.compile(r"(令和|平成|昭和|大正|明治|民國|民国)\s?$")


def _era_year(scan: _Scan, start: int, year: int) -> tuple[int, int]:
    """令和6年 is 2024 and 民國113年 is 2024: the Western year and where the mention starts."""
    era = _ERA_BEFORE.search(scan.folded, max(0, start - 3), start)
    if era is None:
        return start, year
    return era.start(), _ERAS[era.group(1)] + year


def _first_year(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    start, year = _era_year(scan, m.start(), 1)
    if start == m.start():
        return []  # 元年 without an era name
    mention = _number(scan, start, m.end(), Decimal(year), kind=NumberKind.YEAR, unit="year")
    return [_Found(mention)]


def _chinese_date(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    year, month, day = _small(m.group("cd_y")), _small(m.group("cd_m")), _small(m.group("cd_d"))
    if month is None or (m.group("cd_y") and year is None) or (m.group("cd_d") and day is None):
        return _fallback(scan, m.start(), m.end())
    start = m.start()
    if year is not None:
        start, year = _era_year(scan, start, year)
    return _date(scan, start, m.end(), year, month, day)


def _chinese_time(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    hour_text = m.group("ct_h")
    hour = _small(hour_text)
    minute = 30 if m.group("ct_x") else _small(m.group("ct_m"))
    start = m.start()
    before = _PERIOD_BEFORE.search(scan.folded, max(0, start - 4), start)
    clear = minute is not None or m.group("ct_z") or before is not None
    if hour is None or (not clear and (m.group("ct_u") in "点點" or not hour_text.isdecimal())):
        return _fallback(scan, m.start(), m.end())  # 三点建议 are three points, 一時 a while
    return _time(scan, start, m.end(), hour, minute, None)


def _chinese_percent(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    value = _cjk_value(m.group("zp_n"), scan.lang.decimal_comma)
    if value is None:
        return _fallback(scan, m.start(), m.end())
    spelled = not any(char.isdecimal() for char in m.group("zp_n"))
    mention = _number(
        scan, m.start(), m.end(), value, kind=NumberKind.PERCENT, spelled=spelled, unit="%"
    )
    return [_Found(mention)]


def _chinese_ordinal(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    raw = m.group("zo_n")
    value = _cjk_value(raw, scan.lang.decimal_comma)
    if value is None:
        return _fallback(scan, m.start(), m.end())
    spelled = not any(char.isdecimal() for char in raw)
    ordinal = NumberKind.ORDINAL
    end = m.end("zo_n")
    return [_Found(_counted(scan, m, "zo", m.start(), end, value, spelled=spelled, kind=ordinal))]


def _cjk_value(raw: str, decimal_comma: bool) -> Decimal | None:
    """Digits, or Chinese numerals with units and one decimal point (三点五亿)."""
    if raw[:1].isdecimal():
        return _read_digits(raw, decimal_comma)
    units = _cjk_units(raw)
    return None if units is None else units.value


def _cjk_units(raw: str) -> _Units | None:
    """Chinese numerals with units and at most one decimal point (三点五亿 = 350,000,000)."""
    point = max(raw.find("点"), raw.find("點"))
    if point < 0:
        return _parse_units(raw)
    whole = _parse_units(raw[:point])
    fraction = raw[point + 1 :]
    scale = fraction.lstrip(_ZH_DIGIT)
    digits = fraction[: len(fraction) - len(scale)]
    if whole is None or whole.large is not None or not digits or any(c in "两兩" for c in digits):
        return None
    value = _add(whole.value, Decimal("0." + "".join(str(_NUMERALS[c]) for c in digits)))
    large: Decimal | None = None
    for char in scale:
        large = _UNIT_VALUES.get(char, _ONE)
        value = _mul(value, large)
    return _Units(value, large or _ONE, True, large)


def _chinese_number(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    return _digits(scan, m, "zx")


_CJK_WORDS = frozenset(("千万", "万一", "万万", "一一"))


def _chinese_spelled(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    raw = m.group("zs_n")
    counter = m.group("zs_cnt")
    surface = _APPROX.sub("", counter).strip() if counter else ""
    start, end = m.span("zs_n")
    tenths = surface == "成" and len(raw) == 1 and raw in "二三四五六七八九"  # 三成 is 30%
    counted = surface in _CJK_STRICT or tenths
    if (len(raw) == 1 or raw in _CJK_WORDS) and not counted:
        return []  # 一起, 十分, 千万不要: words, not numbers
    digits = _digit_string(raw)
    if digits is not None:
        if _UNIT_NAMES.get(surface) != "year":
            return []  # 三四, 九一八: approximations and names, not numbers
        value, units = digits, _Units(digits, _ONE, False, None)
    else:
        parsed = _cjk_units(raw)
        if parsed is None:
            return []
        value, units = parsed.value, parsed
    mention = _counted(scan, m, "zs", start, end, value, spelled=True)
    return [_Found(mention, units.lead_scale, units.has_units, units.large)]


def _english_date(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    name = m.lastgroup or "emd"
    month = _MONTHS[m.group(f"{name}_m").rstrip(".").lower()]
    day_text = m.group(f"{name}_d") if name != "emy" else None
    day = int(day_text.rstrip("stndrh")) if day_text else None
    year_text = m.group(f"{name}_y")
    return _date(scan, m.start(), m.end(), int(year_text) if year_text else None, month, day)


def _english_month(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    if m.group() == "May" and not _MAY_BEFORE.search(
        scan.folded, max(0, m.start() - 12), m.start()
    ):
        return []  # "May I" is no date
    return _date(scan, m.start(), m.end(), None, _MONTHS[m.group().lower()], None)


def _english_clock(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    if m.lastgroup == "eap":
        period = m.group("eap_p").lower()
        return _time(scan, m.start(), m.end(), int(m.group("eap_h")), None, period)
    hour_text = m.group("eoc_h")
    hour = int(hour_text) if hour_text.isdecimal() else _EN_WORDS[hour_text.lower()][1]
    return _time(scan, m.start(), m.end(), hour, None, None)


@dataclass(slots=True)
class _Phrase:
    """An English number being read word by word: three hundred and twenty billion."""

    start: int
    end: int
    total: Decimal = _ZERO
    current: Decimal = _ZERO
    last: str = ""
    spelled: bool = True
    ordinal: bool = False
    closed: bool = False
    hundred: bool = False
    large: Decimal | None = None
    lead_scale: Decimal = _ONE
    lead_open: bool = True
    has_units: bool = False
    digits: str = ""

    def accepts(self, role: str, value: Decimal, joined_by_and: bool) -> bool:
        """True when a word or number with this role can continue the phrase."""
        if self.closed:
            return False
        if joined_by_and:
            return self.last in ("hundred", "scale") and role in ("unit", "teen", "tens", "num")
        if role in ("scale", "dozen"):
            fits = self.large is None or value < self.large
            return self.last in ("a", "num", "unit", "teen", "tens", "hundred") and fits
        if role == "hundred":
            return self.last in ("a", "num", "unit", "teen") and not self.hundred
        if role == "unit":
            return self.last in ("tens", "hundred", "scale") and value > 0
        if role in ("teen", "tens"):
            return self.last in ("hundred", "scale")
        if role == "num":
            return self.last == "scale" and self.large is not None and value < self.large
        return False

    def add(self, role: str, value: Decimal, end: int) -> None:
        """Take one more word or number into the phrase."""
        if role in ("scale", "dozen", "hundred"):
            amount = self.current or _ONE
            self.has_units = True
            if self.lead_open:
                self.lead_scale = _mul(self.lead_scale, value)
            if role == "scale":
                self.total = _add(self.total, _mul(amount, value))
                self.current, self.large, self.hundred = _ZERO, value, False
            else:
                self.current = _mul(amount, value)
                self.hundred = self.hundred or role == "hundred"
        else:
            if self.last:
                self.lead_open = False
            self.current = _add(self.current, value)
        self.last, self.end = role, end

    @property
    def value(self) -> Decimal:
        return _add(self.total, self.current)


def _english_phrases(scan: _Scan, m: re.Match[str]) -> list[_Phrase]:
    """The numbers in a run of English number words and digits, split where grammar breaks."""
    phrases: list[_Phrase] = []
    phrase: _Phrase | None = None
    joined_by_and = False
    has_currency = m.group("ex_cur") is not None
    for token in _EN_TOKEN.finditer(scan.folded, *m.span("ex_n")):
        word = token.group("word")
        ordinal = False
        if word is not None:
            key = word.lower()
            if key == "and":
                joined_by_and = phrase is not None and phrase.last in ("hundred", "scale")
                if not joined_by_and:
                    phrase = None
                continue
            if key == "a":
                role, value = "a", _ONE
            elif key in _EN_WORDS:
                role, number, ordinal = _EN_WORDS[key]
                value = Decimal(number)
                if key == "second" and (phrase is None or not phrase.accepts(role, value, False)):
                    window = scan.folded[max(0, token.start() - 8) : token.start()]
                    after = scan.folded[token.end() : token.end() + 1]
                    if after == "," or _SECOND_BEFORE.search(window):
                        phrase, joined_by_and = None, False
                        continue
            else:
                phrase, joined_by_and = None, False
                continue
        else:
            raw = token.group("num")
            read = _read_digits(raw, False)
            if read is None:
                phrase, joined_by_and = None, False
                for piece in _DIGIT_RUN.finditer(scan.folded, *token.span("num")):
                    part = _Phrase(piece.start(), piece.end(), current=Decimal(piece.group()))
                    part.spelled, part.closed, part.last = False, True, "num"
                    phrases.append(part)
                continue
            role, value = "num", read
            ordinal = token.group("suffix") in ("st", "nd", "rd", "th")
        if phrase is None or not phrase.accepts(role, value, joined_by_and):
            if role in ("scale", "dozen", "hundred"):
                phrase, joined_by_and = None, False
                continue  # "million" alone is no number
            phrase = _Phrase(token.start(), token.end())
            phrases.append(phrase)
        joined_by_and = False
        phrase.add(role, value, token.end())
        if role == "num":
            phrase.spelled = False
            phrase.digits = token.group("num")
            scale = token.group("abbr") or (token.group("letter") if has_currency else None)
            if scale:
                phrase.add("scale", Decimal(_EN_ABBREVIATIONS[scale.lower()]), token.end())
                phrase.closed = True
        if ordinal:
            phrase.ordinal = phrase.closed = True
    return phrases


_PLAIN_NUMBER = re.compile(_CORE)
# digits and one scale word, the usual way big sums are written: 320 billion, 1.5 million, 320bn
_EN_SCALES = {
    word: Decimal(value)
    for word, value in _EN_ABBREVIATIONS.items() | _EN_WORDS_SCALES.items()
    if len(word) > 1
}
_DIGITS_AND_SCALE = re.compile(
    rf"({_CORE})\s?(?i:(bn|mn|tn|trn|thousand|million|billion|trillion))"
)


def _english_year(scan: _Scan, mention: NumberMention) -> NumberMention:
    """In 2025, since 1998: four plain digits after a word that takes a year are the year."""
    if (
        len(mention.text) == 4
        and mention.text.isdecimal()
        and 1000 <= mention.value <= 2999
        and _YEAR_BEFORE.search(scan.folded, max(0, mention.start - 10), mention.start)
    ):
        return replace(mention, kind=NumberKind.YEAR, unit="year")
    return mention


def _english_number(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    if _PLAIN_NUMBER.fullmatch(scan.folded, *m.span("ex_n")):
        plain = _digits(scan, m, "ex")  # 1,000 or 48: digits alone need no reading of words
        if len(plain) == 1 and plain[0].mention.kind is NumberKind.CARDINAL:
            plain[0].mention = _english_year(scan, plain[0].mention)
        return plain
    start, end = m.span("ex_n")
    scaled = _DIGITS_AND_SCALE.fullmatch(scan.folded, start, end)
    digits = None if scaled is None else _read_digits(scaled.group(1), False)
    if scaled is not None and digits is not None:  # 320 billion, 1.5 million, 320bn
        scale = _EN_SCALES[scaled.group(2).lower()]
        read = _Units(_mul(digits, scale), scale, True, scale)
        return _digits(scan, m, "ex", read=read)
    key = scan.folded[start:end].lower()
    role, number, ordinal = _EN_WORDS.get(key, ("", 0, False))
    if role in ("unit", "teen", "tens") and start == m.start() and key != "second":
        kind = NumberKind.ORDINAL if ordinal else NumberKind.CARDINAL  # five, third: one word
        mention = _counted(scan, m, "ex", start, end, Decimal(number), spelled=True, kind=kind)
        return [_Found(mention)]
    phrases = _english_phrases(scan, m)
    found: list[_Found] = []
    currency_start, currency = _currency(m, "ex")
    for index, phrase in enumerate(phrases):
        start, value = phrase.start, phrase.value
        kind = NumberKind.ORDINAL if phrase.ordinal else NumberKind.CARDINAL
        unit: str | None = None
        if index == 0:
            sign_start, value = _signed(m, "ex", value)
            start = min(start, sign_start)
            if currency_start >= 0:
                start, kind, unit = currency_start, NumberKind.MONEY, currency
        if index == len(phrases) - 1:
            mention = _counted(
                scan, m, "ex", start, phrase.end, value, spelled=phrase.spelled, kind=kind,
                unit=unit,
            )  # fmt: skip
        else:
            mention = _number(
                scan, start, phrase.end, value, kind=kind, spelled=phrase.spelled, unit=unit
            )
        if mention.kind is NumberKind.CARDINAL and mention.unit is None and phrase.digits:
            mention = _english_year(scan, mention)
        found.append(_Found(mention, phrase.lead_scale, phrase.has_units, phrase.large))
    return found


def _other_number(scan: _Scan, m: re.Match[str]) -> list[_Found]:
    return _digits(scan, m, "ox")


_Handler = Callable[[_Scan, re.Match[str]], list[_Found]]
_HANDLERS: dict[str, _Handler] = {
    "iso": _iso, "dmy": _dmy, "slash": _slash, "hm": _hm,
    "kd": _korean_date, "kt": _korean_time, "kord": _korean_ordinal,
    "kno": _korean_native_ordinal, "kn": _korean_native, "ks": _korean_spelled,
    "kx": _korean_number,
    "gan": _first_year, "cd": _chinese_date, "ct": _chinese_time,
    "zp": _chinese_percent, "zo": _chinese_ordinal, "zx": _chinese_number,
    "zs": _chinese_spelled,
    "emd": _english_date, "edm": _english_date, "emy": _english_date, "emo": _english_month,
    "eap": _english_clock, "eoc": _english_clock, "ex": _english_number,
    "ox": _other_number,
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Ranges: 3~5억, 3-5 million, 10~15%, 1~3월

_RANGE_GAP = {
    "en": re.compile(r"\s*[-~]\s*|\s+(?i:to|or|and)\s+"),
    "ko": re.compile(r"\s*(?:[-~]|내지|에서)\s*"),
    "zh": re.compile(r"\s*[-~至到或]\s*"),
    "ja": re.compile(r"\s*(?:[-~]|から|至)\s*"),
    "other": re.compile(r"\s*[-~]\s*"),
}


_MONTH_NUMBERS = frozenset(Decimal(month) for month in range(1, 13))


def _join_ranges(scan: _Scan, found: list[_Found]) -> None:
    """Let a range's bare first end take the unit, scale and kind written after its second."""
    gap = _RANGE_GAP[scan.lang.family]
    for index in range(len(found) - 2, -1, -1):  # right to left, so 1~2~3억 reaches the 1
        left, right = found[index], found[index + 1]
        a, b = left.mention, right.mention
        joint = gap.fullmatch(scan.folded, a.end, b.start)
        if joint is None or a.kind is not NumberKind.CARDINAL or a.unit is not None:
            continue
        if joint.group().strip().lower() == "and" and not _BETWEEN_BEFORE.search(
            scan.folded, max(0, a.start - 10), a.start
        ):
            continue
        if b.kind is NumberKind.DATE and b.month and not b.day and not b.year:
            if a.value in _MONTH_NUMBERS and not left.has_units:
                month = int(a.value)
                left.mention = replace(
                    a, kind=NumberKind.DATE, value=Decimal(month * 100), month=month
                )
            continue
        if b.kind in (NumberKind.DATE, NumberKind.TIME):
            continue
        value, scale = a.value, _ONE
        if not left.has_units and right.has_units:
            scale = right.lead_scale
        elif left.has_units and left.large is None and right.large is not None:
            scale = right.large
        if scale != _ONE:
            if not a.value < _CTX.divide(b.value, scale):
                continue  # "in 2019 - 5 million people" is no range
            value = _mul(value, scale)
            left.has_units, left.lead_scale, left.large = True, right.lead_scale, right.large
        kind = b.kind if b.kind is not NumberKind.YEAR or 1000 <= value <= 2999 else a.kind
        left.mention = replace(a, value=value, kind=kind, unit=b.unit)


# ---------------------------------------------------------------------------------------------
# Extraction


def extract_numbers(text: str, lang: str) -> list[NumberMention]:
    """Numbers, dates and times in text, in order, with exact values (rules in the module doc)."""
    if not text:
        return []
    language = _language(lang)
    folded = _fold(text)
    scan = _Scan(text, folded, language)
    trigger, grammars = _grammar(language.family, language.spaced)
    found: list[_Found] = []
    reached = 0
    starts = (
        hit.end() if hit.group() in _SEPARATORS else hit.start() for hit in trigger.finditer(folded)
    )
    for start in itertools.chain((0,), starts):
        if start < reached:
            continue
        grammar = grammars.get(folded[start])
        match = None if grammar is None else grammar.match(folded, start)
        if match is None and folded[start] in "+-" and folded[start + 1 : start + 2].isdecimal():
            start += 1  # 3-5: no sign, the 5 is read on its own
            grammar = grammars.get(folded[start])
            match = None if grammar is None else grammar.match(folded, start)
        if match is not None and match.end() > start:
            found.extend(_HANDLERS[match.lastgroup or ""](scan, match))
            reached = match.end()
    if len(found) > 1:
        _join_ranges(scan, found)
    return [f.mention for f in found if f.mention.start < f.mention.end]


# ---------------------------------------------------------------------------------------------
# Comparison

_NUMBER_KINDS = frozenset(
    (NumberKind.CARDINAL, NumberKind.ORDINAL, NumberKind.PERCENT, NumberKind.MONEY, NumberKind.YEAR)
)
_COUNTABLE = frozenset((NumberKind.CARDINAL, NumberKind.ORDINAL))
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
def _loose(family: str, value: int) -> re.Pattern[str] | None:
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


def _date_words(mention: NumberMention) -> str:
    """A date in English words: March 1, 2024; August 15; March 2024."""
    month = _MONTH_NAMES[mention.month - 1] if mention.month else None
    if month and mention.day:
        text = f"{month} {mention.day}"
        return f"{text}, {mention.year}" if mention.year else text
    parts = [part for part in (month, str(mention.year) if mention.year else None) if part]
    return " ".join(parts) if parts else f"day {mention.day}"


def _describe(mention: NumberMention) -> str:
    """How a mention is named in a message: 320000000000 (3천200억), 8월 15일 (August 15)."""
    written = " ".join(mention.text.split())
    if mention.kind is NumberKind.DATE:
        normal = _date_words(mention)
    elif mention.kind is NumberKind.TIME:
        normal = f"{mention.hour or 0:02d}:{mention.minute or 0:02d}"
    else:
        normal = _plain(mention.value)
        # a number leads with its value, a date or time with what the translator wrote
        return normal if written == normal else f"{normal} ({written})"
    return written if written == normal else f"{written} ({normal})"


def _class(mention: NumberMention) -> str:
    return {NumberKind.DATE: "date", NumberKind.TIME: "time"}.get(mention.kind, "number")


def _same_day(a: NumberMention, b: NumberMention) -> bool:
    if (a.month, a.day) == (b.month, b.day):
        return a.month is not None or a.day is not None
    swapped = (a.ambiguous or b.ambiguous) and (a.month, a.day) == (b.day, b.month)
    return swapped and a.day is not None


def _same_time(a: NumberMention, b: NumberMention) -> bool:
    if (a.minute or 0) != (b.minute or 0) or a.hour is None or b.hour is None:
        return False
    if a.hour == b.hour:
        return True
    return (a.ambiguous or b.ambiguous) and a.hour % 12 == b.hour % 12


class _Pairing:
    """Source and target mentions not yet explained, and the differences found so far."""

    def __init__(self, source: list[NumberMention], target: list[NumberMention]) -> None:
        self.source, self.target = source, target
        self.source_open = [True] * len(source)
        self.target_open = [True] * len(target)
        self.differences: list[NumberDifference] = []

    def open_source(self, kinds: frozenset[NumberKind] | None = None) -> Iterator[int]:
        for index, mention in enumerate(self.source):
            if self.source_open[index] and (kinds is None or mention.kind in kinds):
                yield index

    def open_target(self, kinds: frozenset[NumberKind] | None = None) -> Iterator[int]:
        for index, mention in enumerate(self.target):
            if self.target_open[index] and (kinds is None or mention.kind in kinds):
                yield index

    def close(self, source: int | None, target: int | None) -> None:
        if source is not None:
            self.source_open[source] = False
        if target is not None:
            self.target_open[target] = False

    def note(
        self, kind: DifferenceKind, source: int | None, target: int | None, message: str
    ) -> None:
        self.differences.append(
            NumberDifference(
                kind,
                None if source is None else self.source[source],
                None if target is None else self.target[target],
                message,
            )
        )

    def dates(self) -> None:
        """Dates match on all their parts; a year written elsewhere in the other text will do."""
        dates = frozenset((NumberKind.DATE,))
        for i in list(self.open_source(dates)):
            for j in self.open_target(dates):
                s, t = self.source[i], self.target[j]
                if _same_day(s, t) and s.year == t.year:
                    self.close(i, j)
                    break
        for i in list(self.open_source(dates)):
            s = self.source[i]
            for j in self.open_target(dates):
                t = self.target[j]
                if not _same_day(s, t) or (s.year is None) == (t.year is None):
                    continue
                self.close(i, j)
                if s.year is not None:
                    k = self.find_target(Decimal(s.year))
                    if k is None:
                        message = f"year {s.year} of date {_describe(s)} missing in target"
                        self.note(DifferenceKind.MISSING, i, j, message)
                    self.close(None, k)
                elif t.year is not None:
                    k = self.find_source(Decimal(t.year))
                    if k is None:
                        message = f"year {t.year} of date {_describe(t)} in target not in source"
                        self.note(DifferenceKind.EXTRA, i, j, message)
                    self.close(k, None)
                break

    def find_target(self, value: Decimal) -> int | None:
        found = (j for j in self.open_target(_NUMBER_KINDS) if self.target[j].value == value)
        return next(found, None)

    def find_source(self, value: Decimal) -> int | None:
        found = (i for i in self.open_source(_NUMBER_KINDS) if self.source[i].value == value)
        return next(found, None)

    def times(self) -> None:
        times = frozenset((NumberKind.TIME,))
        for i in list(self.open_source(times)):
            for j in self.open_target(times):
                if _same_time(self.source[i], self.target[j]):
                    self.close(i, j)
                    break

    def values(self, absolute: bool = False) -> None:
        """Numbers match on value, whatever their kind or unit (5년 = five years = 5 years)."""
        index: dict[Decimal, list[int]] = {}
        for j in self.open_target(_NUMBER_KINDS):
            value = self.target[j].value
            index.setdefault(abs(value) if absolute else value, []).append(j)
        for i in list(self.open_source(_NUMBER_KINDS)):
            value = self.source[i].value
            candidates = index.get(abs(value) if absolute else value)
            if candidates:
                self.close(i, candidates.pop(0))

    def parts(self) -> None:
        """A lone month or hour matches the plain number (8월 = the eighth month, 3시 = three)."""
        partial = frozenset((NumberKind.DATE, NumberKind.TIME))
        for i in list(self.open_source(partial)):
            for value in _lone_part(self.source[i]):
                match = self.find_target(value)
                if match is not None:
                    self.close(i, match)
                    break
        for j in list(self.open_target(partial)):
            for value in _lone_part(self.target[j]):
                match = self.find_source(value)
                if match is not None:
                    self.close(match, j)
                    break

    def forgive(self, target_folded: str, family: str) -> None:
        """Small numbers in words come and go in translation: one of, a, both, 一个, 세 명."""
        for i in list(self.open_source(_COUNTABLE)):
            s = self.source[i]
            if s.spelled and abs(s.value) <= 1:
                self.close(i, None)
            elif s.value == s.value.to_integral_value() and 0 <= s.value <= 10:
                pattern = _loose(family, int(s.value))
                if pattern is not None and pattern.search(target_folded):
                    self.close(i, None)
        for j in list(self.open_target(_COUNTABLE)):
            t = self.target[j]
            if not t.spelled or abs(t.value) > 10:
                continue
            # kept when a source number it may stand for is still unexplained (3 and "four")
            counterpart = any(
                (t.unit and s.unit == t.unit) or (abs(t.value) > 1 and abs(s.value) <= 10)
                for s in map(self.source.__getitem__, self.open_source(_COUNTABLE))
            )
            if not counterpart:
                self.close(None, j)

    def report(self) -> list[NumberDifference]:
        """Pair what is left as changed numbers, then name the missing and the extra ones."""
        for cls in ("date", "time"):
            sources = [i for i in self.open_source() if _class(self.source[i]) == cls]
            targets = [j for j in self.open_target() if _class(self.target[j]) == cls]
            for i, j in zip(sources, targets, strict=False):
                self.changed(i, j)
        for same in (_same_kind_and_unit, _same_kind, _any):
            for i in list(self.open_source(_NUMBER_KINDS)):
                s = self.source[i]
                candidates = self.open_target(_NUMBER_KINDS)
                partner = next((j for j in candidates if same(s, self.target[j])), None)
                if partner is not None:
                    self.changed(i, partner)
        for i in list(self.open_source()):
            s = self.source[i]
            if _class(s) == "number":
                message = f"{_describe(s)} in source not found in target"
            else:
                message = f"{_class(s)} {_describe(s)} missing in target"
            self.note(DifferenceKind.MISSING, i, None, message)
        for j in list(self.open_target()):
            t = self.target[j]
            prefix = "" if _class(t) == "number" else f"{_class(t)} "
            self.note(
                DifferenceKind.EXTRA,
                None,
                j,
                f"{prefix}{_describe(t)} in target not found in source",
            )
        return sorted(self.differences, key=_position)

    def changed(self, i: int, j: int) -> None:
        s, t = self.source[i], self.target[j]
        message = f"{_class(s)} {_describe(s)} in source, {_describe(t)} in target"
        self.note(DifferenceKind.CHANGED, i, j, message)
        self.close(i, j)


def _same_kind_and_unit(a: NumberMention, b: NumberMention) -> bool:
    return a.kind == b.kind and a.unit == b.unit


def _same_kind(a: NumberMention, b: NumberMention) -> bool:
    return a.kind == b.kind


def _any(a: NumberMention, b: NumberMention) -> bool:
    return True


def _lone_part(mention: NumberMention) -> list[Decimal]:
    """The plain numbers a date or time with one part may be written as."""
    if mention.kind is NumberKind.TIME and not mention.minute and mention.hour is not None:
        hours = {mention.hour}
        if mention.ambiguous or mention.hour > 12:
            hours.add(mention.hour % 12 or 12)
        return [Decimal(hour) for hour in sorted(hours)]
    if mention.kind is NumberKind.DATE:
        parts = [part for part in (mention.year, mention.month, mention.day) if part is not None]
        if len(parts) == 1:
            return [Decimal(parts[0])]
    return []


def _position(difference: NumberDifference) -> tuple[int, int]:
    source, target = difference.source, difference.target
    return (source.start if source else 1 << 62, target.start if target else -1)


def compare_numbers(
    source: str, source_lang: str, target: str, target_lang: str
) -> list[NumberDifference]:
    """Numbers, dates and times that differ between a segment and its translation.

    Mentions pair up by value, whatever the script or wording (3천200억 = 320 billion,
    8월 15일 = 15 August). A date pairs with a date on the same month and day; when only one
    side writes the year, the year must appear elsewhere on the other side (`2024년 3월 1일`
    against `In 2024 ... on March 1`), or the missing year is reported. Opposite signs pair
    (`-5%` against "down 5%"). Small numbers in words are forgiven: a spelled number up to ten
    extra in the target, a spelled one in the source, and a source number up to ten whose word
    appears in the target (2 and "both", 3 and 세). What is left pairs as changed, date with
    date, number with number of the same kind first; the rest is missing or extra.
    """
    pairing = _Pairing(extract_numbers(source, source_lang), extract_numbers(target, target_lang))
    if not pairing.source and not pairing.target:
        return []
    pairing.dates()
    pairing.times()
    pairing.values()
    pairing.values(absolute=True)
    pairing.parts()
    pairing.forgive(_fold(target), _language(target_lang).family)
    return pairing.report()
