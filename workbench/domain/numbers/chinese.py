"""Chinese and Japanese numbers: 三千二百亿, 2024年8月15日, 下午3点半, 百分之五, 第三, 令和6年."""

from __future__ import annotations

import re
from decimal import Decimal

from workbench.domain.numbers.cjk import (
    ZH_DIGITS,
    Units,
    cjk_units,
    cjk_value,
    digit_string,
    parse_units,
)
from workbench.domain.numbers.counters import (
    APPROX,
    UNIT_NAMES,
    counted,
    digit_number,
    prefixed_ordinal,
    with_units,
)
from workbench.domain.numbers.dates import ERA_NAMES, date, era_year, period_before, time
from workbench.domain.numbers.digits import CORE, ONE, START
from workbench.domain.numbers.mention import NumberKind
from workbench.domain.numbers.patterns import alternation, amount, counter
from workbench.domain.numbers.scan import Found, Handler, Scan

_COUNTER_WORDS = (
    "个百分点 個百分點 百分点 百分點 个月 個月 か月 カ月 ヶ月 ヵ月 ケ月 箇月 か国 カ国 ヶ国 か所 "
    "カ所 ヶ所 个 個 人次 人 名 位 家 次 回 年代 年度 年 天 日 号 號 元 美元 欧元 歐元 日元 "
    "韩元 韓元 英镑 英鎊 人民币 人民幣 円 ドル ユーロ ウォン 件 项 項 条 條 种 種 倍 岁 歲 歳 才 "
    "台 座 所 层 "
    "層 款 辆 輛 艘 枚 本 张 張 只 隻 场 場 届 屆 期 季度 季 周年 週年 周 週 星期 小时 小時 時間 "
    "分钟 分鐘 秒 % パーセント ポイント 割 成 つ 社 国 國 公里 千米 公斤 吨 噸 兆瓦 兆赫 兆字节 "
    "兆位 番目 度 点 分"
)
_COUNTERS = alternation(_COUNTER_WORDS)
# What may follow one numeral character for it to count (三人, 一个): not 点, 分, 度, 周, 国,
# which make words (一点 a little, 十分 very, 一度 once, 四周 around, 三国).
_STRICT = frozenset(_COUNTER_WORDS.split()) - frozenset("点 分 度 周 週 国 國 成".split())
_WORDS = frozenset(("千万", "万一", "万万", "一一"))
_ZHAO = r"兆(?![瓦赫字帕焦欧歐比位伏安])"
_SMALL = "〇零一二三四五六七八九十两兩"
_NOT_BEFORE = r"(?<![\d〇零一二三四五六七八九十百千万])"
STARTERS = ZH_DIGITS + "十拾百佰千仟万萬亿億兆第元"


def patterns(num: str) -> dict[str, list[str]]:
    """The alternatives by what they start with: a digit, a sign or currency, or a word."""
    unit = rf"(?:[十拾百佰千仟万萬亿億]|{_ZHAO})"
    counters = rf"\s?(?:[多余餘]\s?)?(?:{_COUNTERS})"
    # after an era name (all two characters) a year is short: 令和6年, 平成元年
    era = rf"(?<={ERA_NAMES})"
    year = rf"\d{{4}}|[〇零一二三四五六七八九]{{4}}|{era}(?:元|\d{{1,3}}|[{_SMALL}]{{1,3}})"
    month = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
    day = (
        r"3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
        r"|[一二三四五六七八九]"
    )
    hour = rf"\d{{1,2}}|[{_SMALL}]{{1,3}}"
    minutes = rf"\s?(?:{hour})\s?分(?![钟鐘])"
    number = amount(
        "zx",
        rf"{num}(?:{unit}+(?:(?:{CORE}|[{ZH_DIGITS}]){unit}+)*"
        rf"(?:(?:{CORE}|[{ZH_DIGITS}])(?![\d十拾百佰千仟万萬亿億兆]))?)?",
        counters,
    )
    dates = [
        rf"(?P<cd>{_NOT_BEFORE}(?:(?P<cd_y>{year})\s?年\s?)?{_NOT_BEFORE}(?P<cd_m>{month})"
        rf"\s?月(?:\s?(?P<cd_d>{day})\s?[日号號])?)",
        # 点 is the hour only with minutes, 半 or 钟 after it or 下午 before it: 三点五 is 3.5
        rf"(?P<ct>{_NOT_BEFORE}(?P<ct_h>{hour})\s?(?P<ct_u>[点點](?={minutes}|半|钟|鐘"
        rf"|(?![\d{ZH_DIGITS}]))|[时時](?![间間代候期刻]))(?:\s?(?P<ct_m>{hour})\s?分(?![钟鐘])"
        r"|(?P<ct_x>半))?(?P<ct_z>钟|鐘)?)",
    ]
    word = [
        *dates,
        r"(?P<gan>元\s?年)",
        rf"(?P<zp>百分之\s?(?P<zp_n>{START}{CORE}|[{ZH_DIGITS}十百千点點]+))",
        rf"(?P<zo>第\s?(?P<zo_n>{START}{CORE}|[{ZH_DIGITS}十百千万]+){counter('zo', counters)})",
        rf"(?P<zs>(?<![数數几幾])(?P<zs_n>(?:[{ZH_DIGITS}十拾百佰千仟万萬亿億]|{_ZHAO})+"
        rf"(?:[点點][{ZH_DIGITS}]+(?:[万萬亿億]|{_ZHAO})*)?){counter('zs', counters)})",
    ]
    return {"digit": [*dates, number], "number": [number], "word": word}


DATE_UNITS = frozenset("年月点點时時")
"""What follows the digits that begin a date or time of patterns, perhaps after one space (at
most four digits: 2024年, 8月, 3点)."""


def _small(text: str | None) -> int | None:
    """A small number written with digits or Chinese numerals (月, 日, 時)."""
    if text is None:
        return None
    if text.isdecimal():
        return int(text) if len(text) <= 4 else None
    if text == "元":
        return 1
    digits = digit_string(text)
    if digits is not None and len(text) == 4:
        return int(digits)
    units = parse_units(text)
    return int(units.value) if units is not None and units.value < 10000 else None


def _first_year(scan: Scan, m: re.Match[str]) -> list[Found]:
    start, year = era_year(scan, m.start(), 1)
    if start == m.start():
        return []  # 元年 without an era name
    mention = scan.mention(start, m.end(), Decimal(year), kind=NumberKind.YEAR, unit="year")
    return [Found(mention)]


def _date(scan: Scan, m: re.Match[str]) -> list[Found]:
    year, month, day = _small(m.group("cd_y")), _small(m.group("cd_m")), _small(m.group("cd_d"))
    if month is None or (m.group("cd_y") and year is None) or (m.group("cd_d") and day is None):
        return scan.fallback(m.start(), m.end())
    start = m.start()
    if year is not None:
        start, year = era_year(scan, start, year)
    return date(scan, start, m.end(), year, month, day)


def _time(scan: Scan, m: re.Match[str]) -> list[Found]:
    hour_text = m.group("ct_h")
    hour = _small(hour_text)
    minute = 30 if m.group("ct_x") else _small(m.group("ct_m"))
    clear = minute is not None or m.group("ct_z") or period_before(scan, m.start()) is not None
    if hour is None or (not clear and (m.group("ct_u") in "点點" or not hour_text.isdecimal())):
        return scan.fallback(m.start(), m.end())  # 三点建议 are three points, 一時 a while
    return time(scan, m.start(), m.end(), hour, minute, None)


def _percent(scan: Scan, m: re.Match[str]) -> list[Found]:
    value = cjk_value(m.group("zp_n"), scan.lang.decimal_comma)
    if value is None:
        return scan.fallback(m.start(), m.end())
    spelled = not any(char.isdecimal() for char in m.group("zp_n"))
    mention = scan.mention(
        m.start(), m.end(), value, kind=NumberKind.PERCENT, spelled=spelled, unit="%"
    )
    return [Found(mention)]


def _spelled(scan: Scan, m: re.Match[str]) -> list[Found]:
    raw = m.group("zs_n")
    written = m.group("zs_cnt")
    surface = APPROX.sub("", written).strip() if written else ""
    start, end = m.span("zs_n")
    tenths = surface == "成" and len(raw) == 1 and raw in "二三四五六七八九"  # 三成 is 30%
    is_counted = surface in _STRICT or tenths
    if (len(raw) == 1 or raw in _WORDS) and not is_counted:
        return []  # 一起, 十分, 千万不要: words, not numbers
    digits = digit_string(raw)
    if digits is not None:
        if UNIT_NAMES.get(surface) != "year":
            return []  # 三四, 九一八: approximations and names, not numbers
        units = Units(digits, ONE, False, None)
    else:
        parsed = cjk_units(raw)
        if parsed is None:
            return []
        units = parsed
    return [with_units(counted(scan, m, "zs", start, end, units.value, spelled=True), units)]


HANDLERS: dict[str, Handler] = {
    "gan": _first_year, "cd": _date, "ct": _time, "zp": _percent, "zo": prefixed_ordinal,
    "zx": digit_number, "zs": _spelled,
}  # fmt: skip
