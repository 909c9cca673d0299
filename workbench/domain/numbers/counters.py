"""How what is written around a number reads: its sign, currency, and counter or unit."""

from __future__ import annotations

import re
from decimal import Decimal

from workbench.domain.numbers.cjk import UNIT_CHAR, Units, cjk_value, parse_units
from workbench.domain.numbers.dates import era_before, era_year
from workbench.domain.numbers.digits import ONE, TEN, mul, read_digits
from workbench.domain.numbers.mention import NumberKind, NumberMention, new_mention
from workbench.domain.numbers.scan import Found, Scan

UNIT_NAMES: dict[str, str] = {}
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
        UNIT_NAMES[_surface] = _name
UNIT_NAMES.update({"per cent": "%", "percentage point": "point", "percentage points": "point"})
_CURRENCIES = frozenset("KRW USD CNY JPY EUR GBP ¥ ₩ HKD".split())
_PERCENTS = frozenset(("%", "point"))
_ORDINAL_COUNTERS = frozenset("번째 째 番目".split())
_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₩": "KRW", "¥": "¥"}
_CURRENCY_SIGNS.update({"hk$": "HKD", "nt$": "TWD", "a$": "AUD", "c$": "CAD", "s$": "SGD"})
_CURRENCY_SIGNS["rmb"] = "CNY"
# 여, 多, 余: "more than" between a number and its counter (10여 명, 十多个)
APPROX = re.compile(r"^\s*(?:여|多|余|餘)?\s*")


def counted(
    scan: Scan,
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
    counter_start, counter_end = match.span(_groups(name)[3])
    if counter_start < 0:
        return scan.mention(start, end, value, kind=kind, spelled=spelled, unit=unit)
    surface = scan.folded[counter_start:counter_end].lstrip()
    if surface not in UNIT_NAMES:
        surface = " ".join(APPROX.sub("", surface).lower().split())
    named = UNIT_NAMES.get(surface, surface)
    unit = unit or named
    if named in _PERCENTS:
        kind, end = NumberKind.PERCENT, counter_end
    elif surface in ("割", "成") and 0 < value <= 10:  # 3割 and 三成 are 30%
        kind, end, unit, value = NumberKind.PERCENT, counter_end, "%", mul(value, TEN)
    elif (
        named == "year" and scan.lang.family in ("zh", "ja") and era_before(scan, start) is not None
    ):
        start, year = era_year(scan, start, int(value))
        kind, end, value = NumberKind.YEAR, counter_end, Decimal(year)
    elif (
        named == "year"
        and scan.lang.family in ("ko", "zh", "ja")
        and kind is NumberKind.CARDINAL
        and value == value.to_integral_value()
        and 1000 <= value <= 2999
    ):
        kind, end = NumberKind.YEAR, counter_end
    elif surface in _ORDINAL_COUNTERS:
        kind, end = NumberKind.ORDINAL, counter_end
    elif named in _CURRENCIES and kind is NumberKind.CARDINAL:
        kind = NumberKind.MONEY
    return scan.mention(start, end, value, kind=kind, spelled=spelled, unit=unit)


_GROUPS: dict[str, tuple[str, str, str, str]] = {}


def _groups(name: str) -> tuple[str, str, str, str]:
    """The names of an alternative's number, currency, sign and counter groups (patterns.py),
    made once: each mention asks for them."""
    groups = _GROUPS.get(name)
    if groups is None:
        groups = _GROUPS[name] = (f"{name}_n", f"{name}_cur", f"{name}_sign", f"{name}_cnt")
    return groups


def signed(match: re.Match[str], name: str, value: Decimal) -> tuple[int, Decimal]:
    """The start of a number with its sign, and its signed value."""
    number, _, sign, _ = _groups(name)
    sign_start = match.start(sign)
    if sign_start < 0:
        return match.start(number), value
    return sign_start, -value if match.group(sign) == "-" else value


def currency(match: re.Match[str], name: str) -> tuple[int, str | None]:
    """Where a number with its currency sign starts, and the currency."""
    group = _groups(name)[1]
    sign = match.group(group)
    if sign is None:
        return -1, None
    key = sign.strip().lower()
    return match.start(group), _CURRENCY_SIGNS.get(key, key.upper())


def with_units(mention: NumberMention, units: Units) -> Found:
    """A mention found with the units of its number."""
    return Found(mention, units.lead_scale, units.has_units, units.large)


def read_number(
    scan: Scan,
    match: re.Match[str],
    name: str,
    *,
    kind: NumberKind = NumberKind.CARDINAL,
    read: Units | None = None,
) -> list[Found]:
    """A digit-led number (with units such as 억 or 万 for ko/zh/ja) and what is around it."""
    number, cur, sign, cnt = _groups(name)
    start, end = match.span(number)
    raw = scan.folded[start:end]
    if read is None and raw.isdecimal() and match.start(cur) < 0 and match.start(sign) < 0:
        # most numbers: digits alone, perhaps with a counter, which need none of what follows
        plain = Decimal(raw)
        if match.start(cnt) < 0:
            return [Found(new_mention(start, end, scan.text[start:end], plain, kind))]
        return [Found(counted(scan, match, name, start, end, plain, spelled=False, kind=kind))]
    if read is not None:
        units: Units | None = read
    elif raw.isdecimal():  # the common case: no separators, no units
        units = Units(Decimal(raw), ONE, False, None)
    elif scan.lang.family in ("ko", "zh", "ja") and UNIT_CHAR.search(raw):
        units = parse_units(raw)
    else:
        value = read_digits(raw, scan.lang.decimal_comma)
        units = None if value is None else Units(value, ONE, False, None)
    if units is None:
        return scan.fallback(start, end)
    first, value = signed(match, name, units.value)
    currency_start, unit = currency(match, name)
    if currency_start >= 0:
        first, kind = currency_start, NumberKind.MONEY
    mention = counted(scan, match, name, first, end, value, spelled=False, kind=kind, unit=unit)
    return [with_units(mention, units)]


def digit_number(scan: Scan, m: re.Match[str]) -> list[Found]:
    """The handler of a digit-led number alternative: 3천200억, 1,000 people, -5%."""
    return read_number(scan, m, m.lastgroup or "")


def prefixed_ordinal(scan: Scan, m: re.Match[str]) -> list[Found]:
    """The handler of a number after 제 or 第: 제3회, 第三届, 第2."""
    name = m.lastgroup or ""
    raw = m.group(f"{name}_n")
    value = cjk_value(raw, scan.lang.decimal_comma)
    if value is None:
        return scan.fallback(m.start(), m.end())
    spelled = not any(char.isdecimal() for char in raw)
    end, kind = m.end(f"{name}_n"), NumberKind.ORDINAL
    return [Found(counted(scan, m, name, m.start(), end, value, spelled=spelled, kind=kind))]
