"""Korean numbers: 3천200억, 8월 15일, 3시 반, 제3회, 첫째, 세 명, 삼천 명."""

from __future__ import annotations

import re
from decimal import Decimal

from workbench.domain.korean import is_particle_sequence
from workbench.domain.numbers.cjk import parse_units
from workbench.domain.numbers.counters import counted, digit_number, prefixed_ordinal, with_units
from workbench.domain.numbers.dates import date, time
from workbench.domain.numbers.digits import CORE, START
from workbench.domain.numbers.mention import NumberKind
from workbench.domain.numbers.patterns import alternation, amount, counter
from workbench.domain.numbers.scan import Found, Handler, Scan

_COUNTERS = alternation(
    "퍼센트포인트 %포인트 퍼센트 포인트 번째 개국 개사 개월 주년 분기 시간 달러 위안 유로 "
    "파운드 가지 마리 사람 차례 %p % 프로 명 개 건 원 엔 년 월 일 주 시 분 초 회 차 번 째 위 "
    "등 곳 살 세 배 권 대 채 톤 층 호 달 해 장"
)
_NATIVE_COUNTERS = alternation(
    "명 개 번째 번 살 가지 마리 권 대 곳 시간 시 달 해 차례 사람 채 척 벌 잔 병 그루 송이 "
    "장 군데 주 분 배"
)
_SINO_COUNTERS = alternation(
    "명 개 건 원 달러 위안 엔 유로 년 개월 일 주 시간 분 초 회 차 번 배 곳 개국 살 세 퍼센트 %"
)
_HANGUL_RUN = re.compile(r"[가-힣]*")
_AFTER = ("씩", "쯤", "가량", "정도", "째", "간", "여")
_TENS = "열|스물|서른|마흔|쉰|예순|일흔|여든|아흔"
_ONES = "한|두|세|네|다섯|여섯|일곱|여덟|아홉"
_ADNOMINAL = rf"(?:(?:{_TENS})(?:{_ONES})?|스무|{_ONES})"
_NATIVE = {
    "한": 1, "하나": 1, "첫": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4,
    "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스무": 20, "스물": 20,
    "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90,
}  # fmt: skip
STARTERS = "제첫둘셋넷다여일아열한두세네스서마쉰예이삼사오육칠팔구십백천만억조"
_GLUED_WORDS = frozenset({"세대", "열대", "한대", "세배"})
"""Nouns spelled like a native numeral glued to its counter: 세대 is a generation, 열대 the
tropics, 한대 the frigid zone, 세배 a New Year's bow (three cars, three times: 세 대, 세 배)."""


def patterns(num: str) -> dict[str, list[str]]:
    """The alternatives by what they start with: a digit, a sign or currency, or a word."""
    unit = r"(?:[십백천억조]|만(?!큼))"
    counters = rf"\s?(?:여\s?)?(?:{_COUNTERS})"
    number = amount(
        "kx",
        rf"{num}(?:{unit}+(?:(?:(?<=[만억조])\s)?(?:{CORE}|[일이삼사오육칠팔구]){unit}+)*"
        rf"(?:{CORE}(?![\d십백천만억조]))?)?",
        counters,
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
        rf"(?P<kord>(?<![가-힣])제\s?(?P<kord_n>{START}{CORE}){counter('kord', counters)})",
        rf"(?P<kno>(?<![가-힣])(?:(?P<kno_a>첫|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|열)째"
        rf"|(?P<kno_b>{_ADNOMINAL}|첫)\s?번째))",
        rf"(?P<kn>(?<![가-힣])(?P<kn_n>{_ADNOMINAL})(?P<kn_cnt>\s?(?:{_NATIVE_COUNTERS})))",
        rf"(?P<ks>(?<![가-힣])(?P<ks_n>[일이삼사오육칠팔구십백천만억조]+)"
        rf"(?P<ks_cnt>\s?(?:여\s?)?(?:{_SINO_COUNTERS})))",
    ]
    return {"digit": digit, "number": [number], "word": word}


DATE_UNITS = frozenset("년월시")
"""What follows the digits that begin a date or time of patterns, perhaps after one space (at
most four digits: 2024년, 8 월, 3시)."""


def _date(scan: Scan, m: re.Match[str]) -> list[Found]:
    year, day = m.group("kd_y"), m.group("kd_d")
    return date(
        scan, m.start(), m.end(), int(year) if year else None, int(m.group("kd_m")),
        int(day) if day else None,
    )  # fmt: skip


def _time(scan: Scan, m: re.Match[str]) -> list[Found]:
    minute = 30 if m.group("kt_x") else (int(m.group("kt_m")) if m.group("kt_m") else None)
    return time(scan, m.start(), m.end(), int(m.group("kt_h")), minute, None)


def _native_value(word: str) -> int:
    """열두 = 12, 스물다섯 = 25: tens word then ones word."""
    for size in (2, 1):
        head, rest = word[:size], word[size:]
        if rest and head in _NATIVE and rest in _NATIVE:
            return _NATIVE[head] + _NATIVE[rest]
    return _NATIVE[word]


def _native_ordinal(scan: Scan, m: re.Match[str]) -> list[Found]:
    word = m.group("kno_a") or m.group("kno_b")
    value = Decimal(_native_value(word))
    return [Found(scan.mention(m.start(), m.end(), value, kind=NumberKind.ORDINAL, spelled=True))]


def _word_ends(scan: Scan, position: int) -> bool:
    """True when a Korean word ends at position, or only particles and endings follow."""
    rest = _HANGUL_RUN.match(scan.folded, position)
    tail = rest.group() if rest is not None else ""
    for suffix in _AFTER:
        if tail.startswith(suffix):
            tail = tail[len(suffix) :]
            break
    return not tail or is_particle_sequence(tail)


def _native(scan: Scan, m: re.Match[str]) -> list[Found]:
    if not _word_ends(scan, m.end("kn_cnt")):
        return []
    if m.group("kn_n") + m.group("kn_cnt") in _GLUED_WORDS:
        return []
    start, end = m.span("kn_n")
    value = Decimal(_native_value(m.group("kn_n")))
    return [Found(counted(scan, m, "kn", start, end, value, spelled=True))]


def _spelled(scan: Scan, m: re.Match[str]) -> list[Found]:
    text = m.group("ks_n")
    if len(text) == 1 and (text not in "십백천만억조" or not m.group("ks_cnt")[0].isspace()):
        return []  # 이 개 is "this dog", 만세 "hurrah"; 천 명 and 만 원 are numbers
    parsed = parse_units(text)
    if parsed is None or not parsed.has_units or not _word_ends(scan, m.end("ks_cnt")):
        return []
    start, end = m.span("ks_n")
    return [with_units(counted(scan, m, "ks", start, end, parsed.value, spelled=True), parsed)]


HANDLERS: dict[str, Handler] = {
    "kd": _date, "kt": _time, "kord": prefixed_ordinal, "kno": _native_ordinal, "kn": _native,
    "ks": _spelled, "kx": digit_number,
}  # fmt: skip
