"""Dates and times: their mentions, 12-hour periods, era years, and the numeric forms."""

from __future__ import annotations

import re
from decimal import Decimal

from workbench.domain.numbers.mention import NumberKind, new_mention
from workbench.domain.numbers.scan import Found, Handler, Scan

_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_date(month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return 1 <= day <= (_MONTH_DAYS[month - 1] if month else 31)


def date(
    scan: Scan,
    start: int,
    end: int,
    year: int | None,
    month: int | None,
    day: int | None,
    *,
    ambiguous: bool = False,
) -> list[Found]:
    """A date at [start, end), or the integers in it when no month has such a day."""
    if not _valid_date(month, day):
        return scan.fallback(start, end)
    value = Decimal((year or 0) * 10000 + (month or 0) * 100 + (day or 0))
    mention = new_mention(
        start, end, scan.text[start:end], value, NumberKind.DATE, False, None, year, month, day,
        ambiguous=ambiguous,
    )  # fmt: skip
    return [Found(mention)]


_PM = frozenset("오후 저녁 밤 下午 晚上 傍晚 夜里 夜間 午後 p".split())
_AM = frozenset("오전 새벽 아침 上午 早上 早晨 凌晨 午前 a".split())
_NOON = frozenset(("낮", "中午"))
_PERIOD_BEFORE = re.compile(
    r"(오전|오후|새벽|아침|낮|저녁|밤|上午|下午|早上|早晨|晚上|凌晨|中午|傍晚|夜里|夜間|午前|午後)\s?$"
)


def period_before(scan: Scan, start: int) -> re.Match[str] | None:
    """The part of the day written right before a Korean, Chinese or Japanese time (오후 3시)."""
    return scan.before(_PERIOD_BEFORE, start, 4)


def time(
    scan: Scan, start: int, end: int, hour: int, minute: int | None, period: str | None
) -> list[Found]:
    """A time at [start, end) on a 24-hour clock, or the integers in it when it is none."""
    if period is None and scan.lang.family in ("ko", "zh", "ja"):
        before = period_before(scan, start)
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
        return scan.fallback(start, end)
    ambiguous = period is None and 1 <= hour <= 12
    mention = new_mention(
        start, end, scan.text[start:end], Decimal(hour * 100 + (minute or 0)), NumberKind.TIME,
        False, None, hour=hour, minute=minute, ambiguous=ambiguous,
    )  # fmt: skip
    return [Found(mention)]


_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
_ERAS.update({"民國": 1911, "民国": 1911})
ERA_NAMES = "|".join(_ERAS)
_ERA_BEFORE = re.compile(rf"({ERA_NAMES})\s?$")


def era_before(scan: Scan, start: int) -> re.Match[str] | None:
    """The era name written right before a year (令和6年, 民國113年)."""
    return scan.before(_ERA_BEFORE, start, 3)


def era_year(scan: Scan, start: int, year: int) -> tuple[int, int]:
    """令和6年 is 2024 and 民國113年 is 2024: the Western year and where the mention starts."""
    era = era_before(scan, start)
    if era is None:
        return start, year
    return era.start(), _ERAS[era.group(1)] + year


# Dates and times written with digits and punctuation, the same in every language.
PATTERNS = [
    r"(?P<iso>(?<![\d.])(?P<iso_y>\d{4})(?P<iso_s>[-/.])\s?(?P<iso_m>\d{1,2})"
    r"(?P=iso_s)\s?(?P<iso_d>\d{1,2})(?!\d))",
    r"(?P<dmy>(?<![\d.])(?P<dmy_d>\d{1,2})\.(?P<dmy_m>\d{1,2})\.(?P<dmy_y>\d{4})(?![\d]))",
    r"(?P<slash>(?<![\d/])(?P<slash_a>\d{1,2})/(?P<slash_b>\d{1,2})/(?P<slash_y>\d{4})(?!\d))",
    r"(?P<hm>(?<![\d:.])(?P<hm_h>\d{1,2}):(?P<hm_m>\d{2})(?::\d{2})?(?![\d:])"
    r"(?:\s?(?P<hm_p>[AaPp])\.?\s?[Mm](?![A-Za-z])\.?)?)",
]


DATE_MARKS = frozenset("-/.:")
"""What follows the digits that begin one of PATTERNS (at most four: 2024-03-01, 1.3.2024,
3/1/2024, 12:30)."""


def _numeric_date(scan: Scan, m: re.Match[str]) -> list[Found]:
    """2024-03-01 and 1.3.2024: year, month and day in a fixed order."""
    name = m.lastgroup
    y, mo, d = (int(m.group(f"{name}_{part}")) for part in "ymd")
    return date(scan, m.start(), m.end(), y, mo, d)


def _slash(scan: Scan, m: re.Match[str]) -> list[Found]:
    a, b, y = int(m.group("slash_a")), int(m.group("slash_b")), int(m.group("slash_y"))
    month_first = b > 12 or (a <= 12 and scan.lang.family == "en")
    month, day = (a, b) if month_first else (b, a)
    ambiguous = a != b and a <= 12 and b <= 12
    return date(scan, m.start(), m.end(), y, month, day, ambiguous=ambiguous)


def _hm(scan: Scan, m: re.Match[str]) -> list[Found]:
    period = m.group("hm_p")
    return time(scan, m.start(), m.end(), int(m.group("hm_h")), int(m.group("hm_m")), period)


HANDLERS: dict[str, Handler] = {
    "iso": _numeric_date,
    "dmy": _numeric_date,
    "slash": _slash,
    "hm": _hm,
}
