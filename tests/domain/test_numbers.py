"""Numbers, dates and times as values, and the differences the QA check reports between them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.numbers import (
    DifferenceKind,
    NumberKind,
    NumberMention,
    compare_numbers,
    extract_numbers,
)

CARD, ORD, PCT, MONEY, YEAR, DATE, TIME = (
    NumberKind.CARDINAL,
    NumberKind.ORDINAL,
    NumberKind.PERCENT,
    NumberKind.MONEY,
    NumberKind.YEAR,
    NumberKind.DATE,
    NumberKind.TIME,
)


def found(text: str, lang: str) -> list[NumberMention]:
    """Mentions in text, checking every span against the input."""
    mentions = extract_numbers(text, lang)
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start : mention.end]
    return mentions


def values(text: str, lang: str) -> list[tuple[str, Decimal]]:
    """(text as written, value) of every mention."""
    return [(m.text, m.value) for m in found(text, lang)]


# --- extraction -------------------------------------------------------------------------------

SEPARATORS = [
    ("English comma groups thousands", "en", "about 1,000 firms", [("1,000", 1000)]),
    ("no separator", "en", "about 1000 firms", [("1000", 1000)]),
    ("no-break space groups", "en", "about 1\u00a0000 firms", [("1\u00a0000", 1000)]),
    ("thin spaces group", "en", "1\u202f000\u202f000 people", [("1\u202f000\u202f000", 10**6)]),
    ("English point is decimal", "en", "grew 3.5 times", [("3.5", Decimal("3.5"))]),
    ("English 1.000 is one, not a thousand", "en", "ratio 1.000", [("1.000", 1)]),
    (
        "comma and point: last is the decimal",
        "en",
        "1,000.5 tonnes",
        [("1,000.5", Decimal("1000.5"))],
    ),
    ("German point groups thousands", "de", "1.000 Gäste", [("1.000", 1000)]),
    ("German comma is decimal", "de", "1,5 Liter", [("1,5", Decimal("1.5"))]),
    ("German both marks", "de", "1.000,5 Euro", [("1.000,5", Decimal("1000.5"))]),
    ("German 3.5 is still three and a half", "de", "3.5 Punkte", [("3.5", Decimal("3.5"))]),
    ("French plain space groups", "fr", "1 000 000 habitants", [("1 000 000", 10**6)]),
    ("English 3,5 is two numbers", "en", "items 3,5 and 7", [("3", 3), ("5", 5), ("7", 7)]),
    ("a version number is several", "en", "release 1.2.3", [("1", 1), ("2", 2), ("3", 3)]),
    ("Indian lakh grouping", "en", "Rs 1,00,000 fine", [("1,00,000", 100000)]),
    ("full-width digits", "ja", "１２３件", [("１２３", 123)]),
    ("full-width comma between full-width digits", "ja", "１，０００円", [("１，０００", 1000)]),
    ("negative number", "en", "fell to -3.2 points", [("-3.2", Decimal("-3.2"))]),
    ("minus sign", "en", "at −5 degrees", [("−5", -5)]),
    ("a hyphen in a name is no sign", "en", "COVID-19 cases", [("19", 19)]),
    ("digits glued to letters are a code", "en", "the H100 chip and A4 paper", []),
]


@pytest.mark.parametrize(
    ("rule", "lang", "text", "expected"), SEPARATORS, ids=[r[0] for r in SEPARATORS]
)
def test_separators(rule: str, lang: str, text: str, expected: list[tuple[str, int]]) -> None:
    assert values(text, lang) == expected


RANGES = [
    ("hyphen range", "en", "3-5 days", [("3", 3), ("5", 5)]),
    ("tilde range", "ko", "3~5명", [("3", 3), ("5", 5)]),
    ("full-width tilde range", "ko", "3～5명", [("3", 3), ("5", 5)]),
    ("en dash range", "en", "pages 3–5", [("3", 3), ("5", 5)]),
    ("range takes the unit of its end", "ko", "3~5억 원", [("3", 3 * 10**8), ("5억", 5 * 10**8)]),
    (
        "range takes the units after its end's first number",
        "ko",
        "3~5천억",
        [("3", 3 * 10**11), ("5천억", 5 * 10**11)],
    ),
    (
        "English range takes the scale",
        "en",
        "3-5 million",
        [("3", 3 * 10**6), ("5 million", 5 * 10**6)],
    ),
    (
        "between ... and",
        "en",
        "between 2 and 3 billion",
        [("2", 2 * 10**9), ("3 billion", 3 * 10**9)],
    ),
    ("Chinese range with 至", "zh", "3至5亿元", [("3", 3 * 10**8), ("5亿", 5 * 10**8)]),
    (
        "a dash aside is no range",
        "en",
        "In 2019 - 5 million people",
        [("2019", 2019), ("5 million", 5 * 10**6)],
    ),
]


@pytest.mark.parametrize(("rule", "lang", "text", "expected"), RANGES, ids=[r[0] for r in RANGES])
def test_ranges(rule: str, lang: str, text: str, expected: list[tuple[str, int]]) -> None:
    assert values(text, lang) == expected


def test_range_end_kind_and_unit_reach_its_start() -> None:
    low, high = found("10~15% 증가", "ko")
    assert (low.kind, low.unit, high.kind) == (PCT, "%", PCT)
    first, last = found("1~3월", "ko")
    assert (first.kind, first.month, last.month) == (DATE, 1, 3)


KOREAN = [
    ("digits and 천 and 억", "3천200억 원", [("3천200억", 320_000_000_000)]),
    ("grouped digits and 억", "5,000억 원", [("5,000억", 500_000_000_000)]),
    ("만", "20만 명", [("20만", 200_000)]),
    ("decimal and 억", "1.5억 달러", [("1.5억", 150_000_000)]),
    ("two sections with a space", "3억 5천만 원", [("3억 5천만", 350_000_000)]),
    ("조 and 억", "1조 2천억 원", [("1조 2천억", 1_200_000_000_000)]),
    ("3억 5천 means 3억 5천만", "집값은 3억 5천", [("3억 5천", 350_000_000)]),
    ("digits after 만", "3만5000명", [("3만5000", 35_000)]),
    ("천만", "3천만 원", [("3천만", 30_000_000)]),
    ("Hangul numerals before a counter", "삼천 명", [("삼천", 3000)]),
    ("Hangul 오십 before a counter", "오십 개", [("오십", 50)]),
    ("Hangul 이백만 before a counter", "이백만 원을", [("이백만", 2_000_000)]),
    ("천 alone before a counter", "천 명이", [("천", 1000)]),
    ("native numeral before a counter", "세 명이 다쳤다", [("세", 3)]),
    ("native tens", "스무 살", [("스무", 20)]),
    ("about, before the counter", "2천여 명", [("2천", 2000)]),
    ("Hangul numerals, about, before the counter", "이백여 년 전", [("이백", 200)]),
    ("native numeral before 대, spaced", "세 대의 차", [("세", 3)]),
    ("만큼 is a particle", "5만큼", [("5", 5)]),
]


@pytest.mark.parametrize(("rule", "text", "expected"), KOREAN, ids=[r[0] for r in KOREAN])
def test_korean(rule: str, text: str, expected: list[tuple[str, int]]) -> None:
    assert values(text, "ko") == expected


KOREAN_WORDS = [
    ("Sichuan is no 4000", "사천성에서 열렸다"),
    ("slowly is no number", "천천히 걸었다"),
    ("investigation is no trillion", "조사 결과"),
    ("this dog is no two", "이 개는 짖었다"),
    ("hurrah is no ten thousand", "만세를 불렀다"),
    ("angel is no 1004", "천사가 나타났다"),
    ("Icheon is no 2000", "이천에서 만났다"),
    ("thousands is no number", "수천 명이 모였다"),
    ("a Sino digit alone is not enough", "일 년 뒤"),
    ("세 in 세계 is no three", "세계 시장"),
    ("a counter glued to a noun", "이 명령을 따랐다"),
    ("a generation is no three cars", "미래 세대의 어린이들"),
    ("the tropics are no ten cars", "아마존 열대 우림"),
    ("a New Year's bow is no threefold", "세배를 드렸다"),
]


@pytest.mark.parametrize(("rule", "text"), KOREAN_WORDS, ids=[r[0] for r in KOREAN_WORDS])
def test_korean_words_that_look_like_numerals(rule: str, text: str) -> None:
    assert found(text, "ko") == []


CHINESE_JAPANESE = [
    ("zh", "spelled with units", "三千二百亿元", [("三千二百亿", 320_000_000_000)]),
    ("zh", "一万", "一万人", [("一万", 10_000)]),
    ("zh", "两 is two", "两百人", [("两百", 200)]),
    ("zh", "十五", "十五个", [("十五", 15)]),
    ("zh", "零 marks an empty place", "一百零八将", [("一百零八", 108)]),
    ("zh", "三百五 is 350", "三百五十块", [("三百五十", 350)]),
    ("zh", "一万五 is 15,000", "一万五", [("一万五", 15_000)]),
    ("zh", "digits and 亿", "1.5亿元", [("1.5亿", 150_000_000)]),
    ("zh", "万亿 is 10^12", "1万亿元", [("1万亿", 10**12)]),
    ("zh", "spelled decimal", "三点五亿", [("三点五亿", 350_000_000)]),
    ("zh", "traditional units", "三千萬", [("三千萬", 30_000_000)]),
    ("zh", "兆 is 10^12", "3兆日元", [("3兆", 3 * 10**12)]),
    ("zh", "兆 before an SI unit is mega", "5兆瓦", [("5", 5)]),
    ("zh", "one numeral and a counter", "一个人", [("一", 1)]),
    ("ja", "万 and 千", "3万2千人", [("3万2千", 32_000)]),
    ("ja", "億", "3200億ウォン", [("3200億", 320_000_000_000)]),
    ("ja", "割 is tens of per cent", "3割増", [("3割", 30)]),
    ("ja", "one person", "一人で", [("一", 1)]),
]


@pytest.mark.parametrize(
    ("lang", "rule", "text", "expected"), CHINESE_JAPANESE, ids=[r[1] for r in CHINESE_JAPANESE]
)
def test_chinese_and_japanese(
    lang: str, rule: str, text: str, expected: list[tuple[str, int]]
) -> None:
    assert values(text, lang) == expected


CHINESE_WORDS = [
    ("zh", "十分 is very", "十分重要"),
    ("zh", "千万 is by all means", "千万不要"),
    ("zh", "万一 is in case", "万一下雨"),
    ("zh", "一起 is together", "一起去"),
    ("zh", "统一 is unify", "统一市场"),
    ("zh", "百度 is a name", "百度公司"),
    ("zh", "三四 is an estimate", "三四个人"),
    ("zh", "数万 is tens of thousands", "数万人"),
    ("zh", "三点 as points", "三点建议"),
    ("ja", "一番 is most", "一番大きい"),
    ("ja", "一緒 is together", "一緒に行く"),
]


@pytest.mark.parametrize(("lang", "rule", "text"), CHINESE_WORDS, ids=[r[1] for r in CHINESE_WORDS])
def test_chinese_words_that_look_like_numerals(lang: str, rule: str, text: str) -> None:
    assert found(text, lang) == []


ENGLISH = [
    ("number word", "five years", [("five", 5)]),
    ("hyphenated", "twenty-five", [("twenty-five", 25)]),
    (
        "hundred and billion",
        "three hundred and twenty billion",
        [("three hundred and twenty billion", 320_000_000_000)],
    ),
    ("a hundred", "a hundred days", [("a hundred", 100)]),
    ("a dozen", "a dozen eggs", [("a dozen", 12)]),
    ("nineteen hundred", "nineteen hundred", [("nineteen hundred", 1900)]),
    ("digits and scale word", "1.5 million", [("1.5 million", 1_500_000)]),
    ("bn", "320bn", [("320bn", 320_000_000_000)]),
    ("$ and m", "$3m", [("$3m", 3_000_000)]),
    ("m without a currency is metres", "5m tall", [("5m", 5)]),
    ("two numbers in a row", "one two", [("one", 1), ("two", 2)]),
    ("one of the", "one of the firms", [("one", 1)]),
    ("a decade", "a decade ago", [("a decade", 10)]),
    ("two decades", "two decades later", [("two decades", 20)]),
    ("millions is no number", "millions of people", []),
    ("someone is no one", "someone else", []),
]


@pytest.mark.parametrize(("rule", "text", "expected"), ENGLISH, ids=[r[0] for r in ENGLISH])
def test_english(rule: str, text: str, expected: list[tuple[str, int]]) -> None:
    assert values(text, "en") == expected


ORDINALS = [
    ("en", "1st", "the 1st round", "1st", 1),
    ("en", "third", "the third edition", "third", 3),
    ("en", "twenty-first", "the twenty-first century", "twenty-first", 21),
    ("en", "second with a determiner", "the second time", "second", 2),
    ("en", "second place", "second place", "second", 2),
    ("ko", "제3회", "제3회 대회", "제3", 3),
    ("ko", "첫째", "첫째, 가격", "첫째", 1),
    ("ko", "두 번째", "두 번째 회의", "두 번째", 2),
    ("ko", "3번째", "3번째 시도", "3번째", 3),
    ("zh", "第三", "第三届", "第三", 3),
    ("ja", "第3回", "第3回大会", "第3", 3),
]


@pytest.mark.parametrize(
    ("lang", "rule", "text", "written", "value"), ORDINALS, ids=[r[1] for r in ORDINALS]
)
def test_ordinals(lang: str, rule: str, text: str, written: str, value: int) -> None:
    (mention,) = found(text, lang)
    assert (mention.text, mention.value, mention.kind) == (written, value, ORD)


@pytest.mark.parametrize(
    "text", ["a second later", "one second", "Second, prices rose"], ids=["a", "one", "enumerator"]
)
def test_second_as_time_or_enumerator_is_no_ordinal(text: str) -> None:
    assert [m.text for m in found(text, "en") if m.kind is ORD] == []


PERCENTS = [
    ("ko", "48%", "48%"),
    ("en", "48 per cent", "48 per cent"),
    ("en", "48 percent", "48 percent"),
    ("en", "48 %", "48 %"),
    ("ko", "48퍼센트", "48퍼센트"),
    ("zh", "百分之四十八", "百分之四十八"),
    ("zh", "48个百分点", "48个百分点"),
    ("ja", "48パーセント", "48パーセント"),
]


@pytest.mark.parametrize(("lang", "text", "written"), PERCENTS, ids=[r[1] for r in PERCENTS])
def test_percent(lang: str, text: str, written: str) -> None:
    (mention,) = found(text, lang)
    assert (mention.text, mention.value, mention.kind) == (written, 48, PCT)


DATES = [
    ("ko", "8월 15일에", "8월 15일", (None, 8, 15)),
    ("en", "on August 15", "August 15", (None, 8, 15)),
    ("en", "on 15 August", "15 August", (None, 8, 15)),
    ("en", "on Aug. 15", "Aug. 15", (None, 8, 15)),
    ("en", "the 15th of August", "15th of August", (None, 8, 15)),
    ("zh", "8月15日", "8月15日", (None, 8, 15)),
    ("zh", "八月十五日", "八月十五日", (None, 8, 15)),
    ("zh", "8月15号", "8月15号", (None, 8, 15)),
    ("ko", "2024년 3월 1일", "2024년 3월 1일", (2024, 3, 1)),
    ("en", "1 March 2024", "1 March 2024", (2024, 3, 1)),
    ("en", "March 1, 2024", "March 1, 2024", (2024, 3, 1)),
    ("en", "on 2024-03-01", "2024-03-01", (2024, 3, 1)),
    ("ko", "2024. 3. 1. 발표", "2024. 3. 1", (2024, 3, 1)),
    ("ja", "２０２４年３月１日", "２０２４年３月１日", (2024, 3, 1)),
    ("zh", "二〇二四年三月一日", "二〇二四年三月一日", (2024, 3, 1)),
    ("ja", "令和6年3月1日", "令和6年3月1日", (2024, 3, 1)),
    ("ja", "平成元年1月8日", "平成元年1月8日", (1989, 1, 8)),
    ("en", "in March 2024", "March 2024", (2024, 3, None)),
    ("ko", "3월에", "3월", (None, 3, None)),
    ("en", "in May", "May", (None, 5, None)),
    ("en", "25/12/2024", "25/12/2024", (2024, 12, 25)),
]


@pytest.mark.parametrize(
    ("lang", "text", "written", "parts"), DATES, ids=[f"{r[0]} {r[1]}" for r in DATES]
)
def test_dates_are_one_mention_with_parts(
    lang: str, text: str, written: str, parts: tuple[int | None, int | None, int | None]
) -> None:
    (mention,) = found(text, lang)
    assert mention.kind is DATE
    assert (mention.text, (mention.year, mention.month, mention.day)) == (written, parts)


def test_date_value_is_yyyymmdd_with_missing_parts_zero() -> None:
    assert [m.value for m in found("2024년 3월 1일, 8월 15일", "ko")] == [20240301, 815]


def test_slash_date_reads_month_first_in_english_and_is_marked_ambiguous() -> None:
    (us,) = found("3/1/2024", "en")
    (other,) = found("3/1/2024", "de")
    assert (us.month, us.day, us.ambiguous) == (3, 1, True)
    assert (other.month, other.day) == (1, 3)


@pytest.mark.parametrize("text", ["May I help?", "13월 45일", "the march began"])
def test_not_dates(text: str) -> None:
    assert all(m.kind is not DATE for m in found(text, "ko" if "월" in text else "en"))


YEARS = [
    ("ko", "2025년에", "2025년"),
    ("zh", "2025年", "2025年"),
    ("zh", "二〇二五年", "二〇二五年"),
    ("en", "in 2025", "2025"),
    ("ja", "令和7年", "令和7年"),
]


@pytest.mark.parametrize(("lang", "text", "written"), YEARS, ids=[r[1] for r in YEARS])
def test_years(lang: str, text: str, written: str) -> None:
    (mention,) = found(text, lang)
    assert (mention.text, mention.value, mention.kind) == (written, 2025, YEAR)


def test_counter_sets_unit_not_value() -> None:
    (years,) = found("5년 동안", "ko")
    assert (years.text, years.value, years.kind, years.unit) == ("5", 5, CARD, "year")
    (money,) = found("3천200억 원", "ko")
    assert (money.kind, money.unit) == (MONEY, "KRW")
    (people,) = found("20만 명", "ko")
    assert people.unit == "person"


TIMES = [
    ("ko", "오후 3시 30분에", "오후 3시 30분", 15, 30),
    ("ko", "저녁 7시 반에", "저녁 7시 반", 19, 30),
    ("en", "at 3:30 p.m.", "3:30 p.m.", 15, 30),
    ("en", "at 10 am", "10 am", 10, None),
    ("zh", "下午3点", "下午3点", 15, None),
    ("zh", "3点半", "3点半", 3, 30),
    ("ja", "午後3時", "午後3時", 15, None),
]


@pytest.mark.parametrize(
    ("lang", "text", "written", "hour", "minute"), TIMES, ids=[r[1] for r in TIMES]
)
def test_times(lang: str, text: str, written: str, hour: int, minute: int | None) -> None:
    (mention,) = found(text, lang)
    assert (mention.text, mention.kind, mention.hour, mention.minute) == (
        written,
        TIME,
        hour,
        minute,
    )


def test_hours_of_duration_are_no_time() -> None:
    assert [(m.value, m.kind, m.unit) for m in found("3시간", "ko")] == [(3, CARD, "hour")]
    assert [(m.kind, m.unit) for m in found("3小时", "zh")] == [(CARD, "hour")]


SPELLED = [
    ("en", "five", True),
    ("en", "5", False),
    ("zh", "三千", True),
    ("ko", "3천 명", False),
    ("ko", "삼천 명", True),
    ("ko", "세 명", True),
]


@pytest.mark.parametrize(("lang", "text", "spelled"), SPELLED, ids=[r[1] for r in SPELLED])
def test_spelled_flag(lang: str, text: str, spelled: bool) -> None:
    (mention,) = found(text, lang)
    assert mention.spelled is spelled


def test_values_are_exact_decimals() -> None:
    (mention,) = found("1.5亿", "zh")
    assert isinstance(mention.value, Decimal) and mention.value == Decimal("150000000")


def test_language_tags_pick_the_rules() -> None:
    assert values("1.000", "de-AT") == values("1.000", "de") == [("1.000", 1000)]
    assert values("三千", "zh-Hant-TW") == [("三千", 3000)]
    assert values("3.5", "pt_BR") == [("3.5", Decimal("3.5"))]


# --- comparison -------------------------------------------------------------------------------

CLEAN = [
    # ko -> en
    ("ko", "매출은 3천200억 원이었다.", "en", "Revenue was 320 billion won."),
    ("ko", "5,000억 원 규모의 투자", "en", "an investment of 500 billion won"),
    ("ko", "20만 명이 참가했다.", "en", "200,000 people took part."),
    ("ko", "행사는 8월 15일에 열린다.", "en", "The event opens on August 15."),
    ("ko", "행사는 8월 15일에 열린다.", "en", "The event opens on 15 August."),
    ("ko", "2024년 3월 1일 출범했다.", "en", "It was launched on 1 March 2024."),
    ("ko", "5년 동안 근무했다.", "en", "She worked there for five years."),
    ("ko", "제3회 대회가 열렸다.", "en", "The third contest was held."),
    ("ko", "수출이 48% 늘었다.", "en", "Exports rose 48 per cent."),
    ("ko", "3개 회사가 참여했다.", "en", "Three companies took part."),
    ("ko", "회의는 오후 3시에 시작한다.", "en", "The meeting starts at 3 p.m."),
    ("ko", "3~5억 원", "en", "300-500 million won"),
    ("ko", "매출은 2조5천억 원(약 19억 달러)", "en", "sales of 2.5 trillion won ($1.9 billion)"),
    ("ko", "수익률이 -5%를 기록했다.", "en", "Returns fell 5%."),
    ("ko", "세 명이 다쳤다.", "en", "Three people were hurt."),
    ("ko", "1위에 올랐다.", "en", "It came first."),
    ("ko", "15일 발표했다.", "en", "It said on the 15th."),
    ("ko", "10년 만에 처음", "en", "the first time in a decade"),
    ("ko", "매출이 2배 늘었다.", "en", "Sales doubled."),
    # zh -> en
    ("zh", "投资1.5亿元。", "en", "an investment of 150 million yuan."),
    ("zh", "三千二百亿元", "en", "320 billion yuan"),
    ("zh", "八月十五日开幕。", "en", "It opens on August 15."),
    ("zh", "2024年3月1日成立。", "en", "It was founded on March 1, 2024."),
    ("zh", "百分之四十八的用户", "en", "48% of users"),
    ("zh", "第三届大会", "en", "the third conference"),
    ("zh", "两百人参加", "en", "two hundred people attended"),
    ("zh", "一个人", "en", "a person"),
    ("zh", "下午3点", "en", "3 pm"),
    # en -> ko
    (
        "en",
        "On March 1, 2024, the firm hired 200 people.",
        "ko",
        "2024년 3월 1일 회사는 200명을 고용했다.",
    ),
    ("en", "Both firms signed a five-year deal.", "ko", "양사는 5년 계약을 체결했다."),
    ("en", "two companies", "ko", "두 회사"),
    ("en", "one of the largest firms", "ko", "가장 큰 기업 중 하나"),
    ("en", "Sales fell 5% to 1.2 trillion won.", "ko", "매출은 5% 감소한 1조 2천억 원이었다."),
    ("en", "In 2024 it moved. It opened on March 1.", "ko", "2024년 3월 1일 문을 열었다."),
    ("en", "1,000 units", "ko", "1000개"),
    # en -> zh
    ("en", "Revenue rose 48 per cent to 320 billion yuan.", "zh", "收入增长48%，达到3200亿元。"),
    ("en", "It has 3,400 employees and three plants.", "zh", "公司有3400名员工和三家工厂。"),
    ("en", "1.5 million users", "zh", "150万用户"),
    ("en", "one of the two largest", "zh", "两大之一"),
    ("en", "for five years", "zh", "五年来"),
    # ja -> en
    ("ja", "2024年3月1日、3万2千人が参加した。", "en", "On 1 March 2024, 32,000 people took part."),
    ("ja", "１２３件", "en", "123 cases"),
    ("ja", "第3回大会", "en", "the third conference"),
    ("ja", "2025年に3割増えた。", "en", "It rose 30% in 2025."),
    ("ja", "8月8日午前10時30分", "en", "at 10:30 a.m. on Aug. 8"),
    ("ja", "令和6年", "en", "2024"),
]


@pytest.mark.parametrize(
    ("source_lang", "source", "target_lang", "target"),
    CLEAN,
    ids=[f"{r[0]}>{r[2]} {r[1]} | {r[3]}" for r in CLEAN],
)
def test_clean_translations_report_nothing(
    source_lang: str, source: str, target_lang: str, target: str
) -> None:
    assert compare_numbers(source, source_lang, target, target_lang) == []


LANGS_OF = {"ko>en": ("ko", "en"), "zh>en": ("zh", "en"), "ja>en": ("ja", "en")}
LANGS_OF |= {"en>ko": ("en", "ko"), "en>zh": ("en", "zh")}

CHANGED = [
    ("ko>en", "48% 늘었다", "rose 84%", "number 48 (48%) in source, 84 (84%) in target"),
    (
        "ko>en",
        "3천200억 원",
        "32 billion won",
        "number 320000000000 (3천200억) in source, 32000000000 (32 billion) in target",
    ),
    ("ko>en", "2024년에", "in 2023", "number 2024 (2024년) in source, 2023 in target"),
    ("ko>en", "8월 15일", "August 16", "date 8월 15일 (August 15) in source, August 16 in target"),
    ("ko>en", "세 명이 다쳤다", "Four were hurt", "number 3 (세) in source, 4 (Four) in target"),
    ("ko>en", "오후 3시", "3 a.m.", "time 오후 3시 (15:00) in source, 3 a.m. (03:00) in target"),
    (
        "zh>en",
        "投资1.5亿元",
        "15 million yuan",
        "number 150000000 (1.5亿) in source, 15000000 (15 million) in target",
    ),
    (
        "ja>en",
        "3万2千人",
        "23,000 people",
        "number 32000 (3万2千) in source, 23000 (23,000) in target",
    ),
    (
        "en>ko",
        "It employs 1,200 people.",
        "직원은 1,300명이다.",
        "number 1200 (1,200) in source, 1300 (1,300) in target",
    ),
    (
        "en>ko",
        "worth $2 billion",
        "2억 달러 규모",
        "number 2000000000 ($2 billion) in source, 200000000 (2억) in target",
    ),
    ("en>zh", "48 engineers", "84名工程师", "number 48 in source, 84 in target"),
    ("en>zh", "three plants", "两家工厂", "number 3 (three) in source, 2 (两) in target"),
]
MISSING = [
    (
        "ko>en",
        "3천200억 원과 5명",
        "five people",
        "320000000000 (3천200억) in source not found in target",
    ),
    ("ko>en", "8월 15일 행사", "the event", "date 8월 15일 (August 15) missing in target"),
    (
        "ko>en",
        "2024년 3월 1일 출범",
        "launched on March 1",
        "year 2024 of date 2024년 3월 1일 (March 1, 2024) missing in target",
    ),
    ("en>ko", "It opened on March 1.", "문을 열었다.", "date March 1 missing in target"),
    ("zh>en", "增长48%", "it grew", "48 (48%) in source not found in target"),
]
EXTRA = [
    ("ko>en", "3명", "3 people and 7 cars", "7 in target not found in source"),
    (
        "ja>en",
        "売上高",
        "sales of 3 billion yen",
        "3000000000 (3 billion) in target not found in source",
    ),
    (
        "ko>en",
        "8월 15일",
        "August 15, 2024",
        "year 2024 of date August 15, 2024 in target not in source",
    ),
]
REPORTED = [(*row, DifferenceKind.CHANGED) for row in CHANGED]
REPORTED += [(*row, DifferenceKind.MISSING) for row in MISSING]
REPORTED += [(*row, DifferenceKind.EXTRA) for row in EXTRA]


@pytest.mark.parametrize(
    ("direction", "source", "target", "message", "kind"),
    REPORTED,
    ids=[f"{r[4]} {r[0]} {r[1]} | {r[2]}" for r in REPORTED],
)
def test_errors_are_reported_with_what_differs(
    direction: str, source: str, target: str, message: str, kind: DifferenceKind
) -> None:
    source_lang, target_lang = LANGS_OF[direction]
    (difference,) = compare_numbers(source, source_lang, target, target_lang)
    assert (difference.message, difference.kind) == (message, kind)


@pytest.mark.parametrize(
    ("direction", "source", "target", "message"),
    [
        (
            "en>zh",
            "It was the fourth time this year.",
            "这是今年超过三次了。",
            "number 4th (fourth) in source, more than 3 times (超过三次) in target",
        ),
        (
            "en>ko",
            "the second largest city",
            "세 번째로 큰 도시",
            "number 2nd (second) in source, 3rd (세 번째) in target",
        ),
        (
            "ko>en",
            "10여 명이 다쳤다.",
            "Nine people were hurt.",
            "number more than 10 people (10여 명) in source, 9 people (Nine people) in target",
        ),
        (
            "en>ko",
            "3 or more files",
            "파일 2개 이상",
            "number at least 3 (3 or more) in source, at least 2 items (2개 이상) in target",
        ),
    ],
)
def test_an_ordinal_or_qualified_number_is_named_as_it_reads(
    direction: str, source: str, target: str, message: str
) -> None:
    source_lang, target_lang = LANGS_OF[direction]
    (difference,) = compare_numbers(source, source_lang, target, target_lang)
    assert difference.message == message


PARAPHRASED = [
    ("ko>en", "7시 30분에 아침을 먹었다.", "He had breakfast at seven-thirty."),
    ("ko>en", "8시 15분에 출발했다.", "He left at a quarter past eight."),
    ("ko>en", "8시 40분에 도착했다.", "He arrived at twenty to nine."),
    ("ko>en", "집에 3시 반에 왔다.", "I came home at half past three."),
    ("ko>en", "서울에서 차로 30분 거리다.", "It is half an hour's drive from Seoul."),
    ("ko>en", "인구의 절반을 차지한다.", "They make up 50 percent of the population."),
    ("en>ko", "Half of the staff left.", "직원의 50%가 떠났다."),
    ("ko>en", "루이 14세는 키가 작았다.", "Louis XIV was short."),
    ("en>zh", "It took 6 months.", "用了半年。"),
]


@pytest.mark.parametrize(("direction", "source", "target"), PARAPHRASED)
def test_numbers_said_in_other_words_match(direction: str, source: str, target: str) -> None:
    source_lang, target_lang = LANGS_OF[direction]
    assert compare_numbers(source, source_lang, target, target_lang) == []


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        (
            "7시 30분에 왔다.",
            "He came at half past eight.",
            "time 7시 30분 (07:30) missing in target",
        ),
        ("30분 걸렸다.", "It took half a day.", "30 in source not found in target"),
        ("루이 14세", "Louis XV", "14 in source not found in target"),
    ],
)
def test_other_words_for_another_number_do_not_match(
    source: str, target: str, message: str
) -> None:
    assert [d.message for d in compare_numbers(source, "ko", target, "en")] == [message]


def test_difference_carries_both_mentions() -> None:
    (difference,) = compare_numbers("48%", "ko", "84%", "en")
    assert difference.source is not None and difference.source.text == "48%"
    assert difference.target is not None and difference.target.text == "84%"


def test_a_year_written_apart_from_its_date_still_matches() -> None:
    assert compare_numbers("2024년 3월 1일", "ko", "In 2024, on March 1, ...", "en") == []


def test_several_differences_come_in_source_order() -> None:
    messages = [d.message for d in compare_numbers("1명, 2명, 30명", "ko", "one, 20 and 31", "en")]
    assert messages == ["number 2 in source, 20 in target", "number 30 in source, 31 in target"]


# --- properties -------------------------------------------------------------------------------

FRAGMENTS = [
    "0", "1", "5", "9", "12", "2024", "1,000", "3.5", "1.000,5", "-", "~", "～", "%", "$", "₩",
    " ", "\u00a0", ".", ",", "년", "월", "일", "시", "분", "억", "만", "천", "조", "명", "원",
    "삼", "이", "세", "한", "제", "번째", "오후", "万", "亿", "兆", "千", "百", "十", "一", "两",
    "三", "第", "百分之", "年", "月", "日", "点", "半", "元", "个", "令和", "元年", "１", "２",
    "，", "one", "twenty", "-", "hundred", "and", "a", "million", "first", "second", "May",
    "August", "Aug.", "of", "the", "per cent", "bn", "m", "st", "th", ":", "30", "am", "p.m.",
    "/", "o'clock", "between", "to", "ＵＳ", "US$",
]  # fmt: skip
LANGS = ["ko", "zh", "ja", "en", "de", "fr"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join), st.sampled_from(LANGS))
def test_any_mix_of_number_pieces_never_crashes_and_spans_hold(text: str, lang: str) -> None:
    found(text, lang)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.sampled_from(LANGS))
def test_any_text_never_crashes_and_spans_hold(text: str, lang: str) -> None:
    found(text, lang)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join), st.sampled_from(LANGS))
def test_a_text_against_itself_has_no_differences(text: str, lang: str) -> None:
    assert compare_numbers(text, lang, text, lang) == []


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*FRAGMENTS, "Jane", "USDA", "Octopus", "won't"]), max_size=14))
def test_the_english_trigger_finds_what_it_found_without_its_first_letter_class(
    pieces: list[str],
) -> None:
    """The class of first letters before the word branches only spares them their work."""
    import re

    from workbench.domain.numbers import english
    from workbench.domain.numbers.grammar import grammar

    trigger = grammar("en", False)[0]
    first_letters = f"(?=[{english.word_first_letters()}])"
    assert first_letters in trigger.pattern
    before = re.compile(trigger.pattern.replace(first_letters, ""))
    text = " ".join(pieces)
    assert [m.span() for m in trigger.finditer(text)] == [m.span() for m in before.finditer(text)]
