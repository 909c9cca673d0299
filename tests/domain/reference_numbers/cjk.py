"""Numerals with units, shared by Korean, Chinese and Japanese: 3천200억, 三千二百亿, 1.5億."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from reference_numbers.digits import CORE, ONE, TEN, ZERO, add, div, mul, read_digits

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
ZH_DIGITS = "〇零一二三四五六七八九两兩壹贰貳叁參肆伍陆陸柒捌玖"
_ZEROS = "〇零영"
_LOWER = {Decimal(10**4): ONE, Decimal(10**8): Decimal(10**4), Decimal(10**12): Decimal(10**8)}
UNIT_VALUES = {char: Decimal(value) for char, value in (_SMALL_UNITS | _LARGE_UNITS).items()}
_NUMERAL_VALUES = {char: Decimal(value) for char, value in _NUMERALS.items()}
_DIGITS_AND_UNIT = re.compile(rf"({CORE})([{''.join(UNIT_VALUES)}])")
_UNIT_TOKEN = re.compile(rf"(?P<digits>{CORE})|(?P<space>\s+)|(?P<char>.)", re.DOTALL)
UNIT_CHAR = re.compile(
    r"[십백천만억조十拾百佰千仟万萬亿億兆一二三四五六七八九〇零两兩일이삼사오육칠팔구]"
)


@dataclass(frozen=True, slots=True)
class Units:
    """A number's value and the units it was written with."""

    value: Decimal
    lead_scale: Decimal
    """The units right after the first number (5천억: 10^11), which a range's bare start takes."""
    has_units: bool
    large: Decimal | None
    """The last large unit (만/万 and up)."""


def parse_units(text: str) -> Units | None:
    """The value of a numeral with units (3천200억, 三千二百亿), or None if it is not one."""
    simple = _DIGITS_AND_UNIT.fullmatch(text)
    if simple is not None:  # 20만, 5,000억, 1.5亿: most numerals are one number and one unit
        number = read_digits(simple.group(1), False)
        if number is None:
            return None
        scale = UNIT_VALUES[simple.group(2)]
        top = scale if simple.group(2) in _LARGE_UNITS else None
        return Units(mul(number, scale), scale, True, top)
    total = section = last_add = ZERO
    pending: Decimal | None = None
    single = zero = ends_small = previous_large = has_units = stacked = False
    small: Decimal | None = None  # units fall within a section: 千百十
    large: Decimal | None = None  # and large units fall across sections: 亿万
    after: Decimal | None = None  # the unit written just before, for 三百五 = 350
    lead: Decimal | None = None
    lead_scale, lead_open = ONE, True
    for token in _UNIT_TOKEN.finditer(text):
        kind, piece = token.lastgroup, token.group()
        if kind == "space":
            after = None
            continue
        if kind == "digits" or piece in _NUMERAL_VALUES:
            if kind == "digits":
                value = read_digits(piece, False)
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
        unit = UNIT_VALUES.get(piece)
        if unit is None:
            return None
        if piece in _SMALL_UNITS:
            if small is not None and unit >= small:
                return None
            section = add(section, mul(pending if pending is not None else ONE, unit))
            pending, small, ends_small, previous_large = None, unit, True, False
        else:
            if previous_large and large is not None and not stacked and unit > large:
                # 万亿: a large unit right after a smaller one multiplies it (10^12)
                total = add(add(total, -last_add), mul(last_add, unit))
                last_add, large, stacked = mul(last_add, unit), mul(large, unit), True
            else:
                if large is not None and unit >= large:
                    return None
                amount = add(section, pending if pending is not None else ZERO)
                if not amount and pending is None:
                    if large is not None:
                        return None  # 亿万: a bare large unit after another is a word
                    amount = ONE  # 万 alone is ten thousand
                last_add = mul(amount, unit)
                total = add(total, last_add)
                section, pending, small, large = ZERO, None, None, unit
            ends_small, previous_large = False, True
        has_units, after = True, unit
        if lead is None:
            lead = ONE
        if lead_open:
            lead_scale = mul(lead_scale, unit)
    if lead is None:
        return None
    if pending is not None:
        if single and not zero and after is not None and after >= TEN:
            pending = mul(pending, div(after, TEN))  # 三百五 is 350, 一万五 15,000
        section = add(section, pending)
    elif ends_small and large is not None:
        section = mul(section, _LOWER.get(large, ONE))  # 3억 5천 is 3억 5천만
    return Units(add(total, section), lead_scale if has_units else ONE, has_units, large)


def digit_string(text: str) -> Decimal | None:
    """二〇二四 read digit by digit, as years are written."""
    if len(text) < 2 or any(char not in _NUMERALS for char in text):
        return None
    return Decimal("".join(str(_NUMERALS[char]) for char in text))


def cjk_value(raw: str, decimal_comma: bool) -> Decimal | None:
    """Digits, or Chinese numerals with units and one decimal point (三点五亿)."""
    if raw[:1].isdecimal():
        return read_digits(raw, decimal_comma)
    units = cjk_units(raw)
    return None if units is None else units.value


def cjk_units(raw: str) -> Units | None:
    """Chinese numerals with units and at most one decimal point (三点五亿 = 350,000,000)."""
    point = max(raw.find("点"), raw.find("點"))
    if point < 0:
        return parse_units(raw)
    whole = parse_units(raw[:point])
    fraction = raw[point + 1 :]
    scale = fraction.lstrip(ZH_DIGITS)
    digits = fraction[: len(fraction) - len(scale)]
    if whole is None or whole.large is not None or not digits or any(c in "两兩" for c in digits):
        return None
    value = add(whole.value, Decimal("0." + "".join(str(_NUMERALS[c]) for c in digits)))
    large: Decimal | None = None
    for char in scale:
        large = UNIT_VALUES.get(char, ONE)
        value = mul(value, large)
    return Units(value, large or ONE, True, large)
