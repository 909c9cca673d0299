"""The number reader of 2026-12-07 (commit 73b56cd, workbench/domain/numbers), kept unchanged as
the reference that tests/domain/test_numbers_equivalence.py compares the current reader with.
Do not edit: it defines "the same results". Only its imports were renamed.

Numbers, dates and times in ko/zh/ja/en text as exact values, and where a translation's differ.

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

from reference_numbers.compare import (
    DifferenceKind,
    NumberDifference,
    compare_mentions,
    compare_numbers,
    same_numbers,
)
from reference_numbers.extract import extract_numbers
from reference_numbers.mention import NumberKind, NumberMention

__all__ = [
    "DifferenceKind",
    "NumberDifference",
    "NumberKind",
    "NumberMention",
    "compare_mentions",
    "compare_numbers",
    "extract_numbers",
    "same_numbers",
]
