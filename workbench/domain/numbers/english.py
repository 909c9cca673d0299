"""English numbers: 320 billion, three hundred and twenty, 1.5bn, March 1, 2024, 3 p.m., in 2025."""

from __future__ import annotations

import re
from decimal import Decimal

from workbench.domain.numbers.cjk import Units
from workbench.domain.numbers.counters import counted, currency, read_number, signed
from workbench.domain.numbers.dates import date, time
from workbench.domain.numbers.digits import CORE, mul, read_digits
from workbench.domain.numbers.english_words import (
    ABBREVIATIONS,
    SCALE_WORDS,
    WORDS,
    read_phrases,
)
from workbench.domain.numbers.mention import NumberKind, NumberMention, replaced
from workbench.domain.numbers.patterns import CURRENCY_CODES, alternation, amount
from workbench.domain.numbers.scan import Found, Handler, Scan

_COUNTERS = (
    r"\s?%|\s?(?i:per\s?cent|percent|pct)\b|\s+(?i:percentage\s+points?|years?|months?|weeks?|"
    r"days?|hours?|minutes?|seconds?|people|persons?|times|won|dollars?|yuan|yen|euros?|"
    r"pounds?)\b"
)
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTH = rf"(?:{alternation([n.capitalize() for n in _MONTHS])})\b\.?"
_FULL_MONTH = rf"(?:{alternation(MONTH_NAMES)})\b"
_MAY_BEFORE = re.compile(
    r"(?i:\b(?:in|of|since|until|till|by|from|to|early|late|mid|last|next|this|during|before|"
    r"after|and)[\s-]+)$"
)
_YEAR_BEFORE = re.compile(
    r"(?i:\b(?:in|since|by|until|till|from|of|during|before|after|year|between|and|to|"
    r"through|circa|around|early|late|mid|fy)[\s-]+)$"
)
_PLAIN_NUMBER = re.compile(CORE)
# digits and one scale word, the usual way big sums are written: 320 billion, 1.5 million, 320bn
_SCALES = {
    word: Decimal(value)
    for word, (role, value, ordinal) in WORDS.items()
    if role == "scale" and not ordinal
}
_SCALES.update({word: Decimal(value) for word, value in ABBREVIATIONS.items() if len(word) > 1})
_DIGITS_AND_SCALE = re.compile(rf"({CORE})\s?(?i:(bn|mn|tn|trn|thousand|million|billion|trillion))")


def patterns(num: str) -> dict[str, list[str]]:
    """The alternatives by what they start with: a digit, a sign or currency, or a word."""
    words = alternation(list(WORDS))
    word = rf"(?i:\b(?:{words})\b)"
    a = rf"\b[Aa](?=\s+(?i:{SCALE_WORDS})\b)"
    item = rf"{num}(?:(?:st|nd|rd|th|s)\b)?(?:\s?(?:bn|mn|tn|trn)\b|[kmbKMB]\b)?"
    joint = r"(?:\s+(?i:and)\s+|\s*-\s*|\s+)"
    day = r"(?<![\d.,])\d{1,2}(?:st|nd|rd|th)?"
    year = r"(?P<{}>\d{{4}})(?![\d])"
    number = amount(
        "ex",
        rf"(?:{item}|{word}|{a})(?:{joint}(?:{word}|{CORE}(?=\s+(?i:{SCALE_WORDS})\b)))*",
        _COUNTERS,
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


DATE_DIGITS = 2
"""The digits that begin a date or time of patterns, at most (15 August, 3 p.m., 7 o'clock)."""


def word_starts() -> str:
    """What a word-led mention begins with, as branches led by a character class."""
    folded: dict[str, list[str]] = {}
    exact: dict[str, list[str]] = {}
    for word in WORDS:
        folded.setdefault(word[0], []).append(re.escape(word[1:]))
    for word in _MONTHS:
        exact.setdefault(word[0].upper(), []).append(re.escape(word[1:]))
    for code in CURRENCY_CODES:
        exact.setdefault(code[0], []).append(re.escape(code[1:]))
    branches = [rf"[Aa]\s+(?i:{SCALE_WORDS})\b"]
    branches += [
        rf"[{first}{first.upper()}](?i:{'|'.join(rests)})\b" for first, rests in folded.items()
    ]
    branches += [rf"{first}(?:{'|'.join(rests)})" for first, rests in exact.items()]
    return "|".join(branches)


def first_letters() -> str:
    """The letters a word-led mention begins with: a number word's (any case), a month's, a
    currency code's, or the a of "a million"."""
    letters = {"A", "a"}
    letters.update(char for word in WORDS for char in (word[0], word[0].upper()))
    letters.update(month[0].upper() for month in _MONTHS)
    letters.update(code[0] for code in CURRENCY_CODES)
    return "".join(sorted(letters))


def word_first_letters() -> str:
    """The letters word_starts' branches begin with, as the body of a character class."""
    return re.escape(first_letters())


def _date(scan: Scan, m: re.Match[str]) -> list[Found]:
    name = m.lastgroup or "emd"
    month = _MONTHS[m.group(f"{name}_m").rstrip(".").lower()]
    day_text = m.group(f"{name}_d") if name != "emy" else None
    day = int(day_text.rstrip("stndrh")) if day_text else None
    year_text = m.group(f"{name}_y")
    return date(scan, m.start(), m.end(), int(year_text) if year_text else None, month, day)


def _month(scan: Scan, m: re.Match[str]) -> list[Found]:
    if m.group() == "May" and not scan.before(_MAY_BEFORE, m.start(), 12):
        return []  # "May I" is no date
    return date(scan, m.start(), m.end(), None, _MONTHS[m.group().lower()], None)


def _clock(scan: Scan, m: re.Match[str]) -> list[Found]:
    if m.lastgroup == "eap":
        period = m.group("eap_p").lower()
        return time(scan, m.start(), m.end(), int(m.group("eap_h")), None, period)
    hour_text = m.group("eoc_h")
    hour = int(hour_text) if hour_text.isdecimal() else WORDS[hour_text.lower()][1]
    return time(scan, m.start(), m.end(), hour, None, None)


def _year(scan: Scan, mention: NumberMention) -> NumberMention:
    """In 2025, since 1998: four plain digits after a word that takes a year are the year."""
    if (
        len(mention.text) == 4
        and mention.text.isdecimal()
        and 1000 <= mention.value <= 2999
        and scan.before(_YEAR_BEFORE, mention.start, 10)
    ):
        return replaced(mention, kind=NumberKind.YEAR, unit="year")
    return mention


def _number(scan: Scan, m: re.Match[str]) -> list[Found]:
    start, end = m.span("ex_n")
    if scan.folded[start:end].isdecimal() or _PLAIN_NUMBER.fullmatch(scan.folded, start, end):
        plain = read_number(scan, m, "ex")  # 1,000 or 48: digits alone need no reading of words
        if len(plain) == 1 and plain[0].mention.kind is NumberKind.CARDINAL:
            plain[0].mention = _year(scan, plain[0].mention)
        return plain
    scaled = _DIGITS_AND_SCALE.fullmatch(scan.folded, start, end)
    digits = None if scaled is None else read_digits(scaled.group(1), False)
    if scaled is not None and digits is not None:  # 320 billion, 1.5 million, 320bn
        scale = _SCALES[scaled.group(2).lower()]
        return read_number(scan, m, "ex", read=Units(mul(digits, scale), scale, True, scale))
    key = scan.folded[start:end].lower()
    role, number, ordinal = WORDS.get(key, ("", 0, False))
    if role in ("unit", "teen", "tens") and start == m.start() and key != "second":
        kind = NumberKind.ORDINAL if ordinal else NumberKind.CARDINAL  # five, third: one word
        mention = counted(scan, m, "ex", start, end, Decimal(number), spelled=True, kind=kind)
        return [Found(mention)]
    phrases = read_phrases(scan, start, end, m.group("ex_cur") is not None)
    found: list[Found] = []
    currency_start, money = currency(m, "ex")
    for index, phrase in enumerate(phrases):
        start, value = phrase.start, phrase.value
        kind = NumberKind.ORDINAL if phrase.ordinal else NumberKind.CARDINAL
        unit: str | None = None
        if index == 0:
            sign_start, value = signed(m, "ex", value)
            start = min(start, sign_start)
            if currency_start >= 0:
                start, kind, unit = currency_start, NumberKind.MONEY, money
        if index == len(phrases) - 1:
            mention = counted(
                scan, m, "ex", start, phrase.end, value, spelled=phrase.spelled, kind=kind,
                unit=unit,
            )  # fmt: skip
        else:
            mention = scan.mention(
                start, phrase.end, value, kind=kind, spelled=phrase.spelled, unit=unit
            )
        if mention.kind is NumberKind.CARDINAL and mention.unit is None and phrase.digits:
            mention = _year(scan, mention)
        found.append(Found(mention, phrase.lead_scale, phrase.has_units, phrase.large))
    return found


HANDLERS: dict[str, Handler] = {
    "emd": _date, "edm": _date, "emy": _date, "emo": _month, "eap": _clock, "eoc": _clock,
    "ex": _number,
}  # fmt: skip
