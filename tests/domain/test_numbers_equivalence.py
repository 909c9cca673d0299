"""The number reader finds exactly what the reader of 2026-12-07 found (reference_numbers).

Texts are drawn from pieces that meet on purpose: digits with every separator and width,
signs, currencies, counters, Korean and Chinese units, spelled numbers in four languages,
dates, times, ranges and placeholders, glued together or apart. Every mention is compared by
its repr (each field, the Decimal's exponent too), and compare_numbers's differences with
their messages; then the texts of every QA data shape and of the shared corpus.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import FrozenInstanceError
from decimal import Decimal
from pathlib import Path

import pytest
import reference_numbers
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.numbers import (
    NumberDifference,
    NumberKind,
    NumberMention,
    compare_numbers,
    extract_numbers,
)
from workbench.domain.numbers.grammar import digit_grammar, grammar
from workbench.domain.numbers.scan import fold, language

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
LANGS = ["ko", "zh-Hans", "zh-Hant", "ja", "en", "de", "fr"]

DIGITS = [
    "0", "3", "5", "12", "31", "321", "2024", "1999", "45000", "1,000", "1.000", "1 000",
    "1\u00a0000", "1\u202f000", "3.5", "3,5", "1,000.5", "1.000,5", "1.2.3", "1,00,000",
    "１２３", "３，０００", "１．５", "０", "007", "12345678901234567890",
]  # fmt: skip
SIGNS = ["-", "+", "−", "–", "~", "〜", "～", "－", "＋"]
CURRENCIES = ["$", "US$", "HK$", "€", "£", "¥", "₩", "USD ", "KRW", "RMB", "￥", "￦", "＄"]
COUNTERS = [
    "명", "개", "개월", "개국", "년", "월", "일", "시", "분", "초", "억", "만", "천", "조", "백",
    "십", "%", "%p", "퍼센트", "번째", "째", "회", "원", "달러", "배", "살", "세", "여", "여 명",
    "个", "個", "人", "年", "月", "日", "号", "点", "點", "时", "時", "分", "万", "萬", "亿",
    "億", "兆", "兆瓦", "倍", "成", "割", "次", "多", "余", "元", "岁", "年代", "周年",
    "か月", "ヶ月", "番目", "つ", "円", "件", "％",
    " people", " years", " year", " million", " billion", " thousand", "bn", "k", "m",
    " percent", " per cent", "pct", "st", "th", "nd", " times", " dollars", " won",
]  # fmt: skip
WORDS = [
    # Korean
    "제", "첫째", "둘째", "세 명", "삼천", "삼천 명", "이 개", "한", "두 번째", "스무", "열두",
    "스물다섯 살", "오후", "오전", "새벽", "반", "가량", "부터", "까지", "에서", "내지", "이상",
    "미만", "약", "만세", "천 명", "세대", "는", "을", "에게", "의", "회사", "만큼",
    # Chinese and Japanese
    "三千二百亿", "一万五", "三百五", "第", "百分之", "下午", "上午", "中午", "令和", "平成",
    "元年", "民國", "二〇二四", "十分", "千万", "万一", "一", "两", "零", "半", "三点五",
    "超过", "以上", "左右", "至", "到", "或", "几", "数", "一个", "三人", "十二月", "から",
    "午後", "約",
    # English and others
    "one", "two", "three hundred and twenty", "a thousand", "a", "and", "second", "fourth",
    "twenty-one", "March", "May", "Jan.", "in", "since", "between", "to", "or", "o'clock",
    "p.m.", "a.m.", "AM", "PM", "XIV", "half past seven", "half an hour", "dozen", "decade",
    "percentage points", "about", "more than", "the", "model", "Mio.", "le", "und",
]  # fmt: skip
DATES = [
    "2024-03-01", "2024/3/1", "1.3.2024", "3/1/2024", "13/1/2024", "12:30", "7:05 p.m.",
    "23:59:59", "2024년 3월 1일", "2024年8月15日", "8월 15일", "2월 30일", "3시 30분",
    "3시 반", "下午3点半", "三点五", "March 1, 2024", "15 August 2024", "8月", "令和6年",
    "3~5억", "3-5 million", "1~2~3억", "between 3 and 5", "3 to 5 years",
]  # fmt: skip
SPELLED = [
    "삼천", "세", "열두", "스무", "첫", "이", "만", "三千二百亿", "一万五", "三百五", "二〇二四",
    "一", "两", "十", "三点五", "one", "two", "three hundred and twenty", "a thousand",
    "twenty-one", "fourth", "second", "a",
]  # fmt: skip
PLACEHOLDERS = ["%s", "%d", "%2$@", "%.2f", "{0}", "{count}", "%1$s", "<b>", "</b>"]
GLUE = ["", " ", "  ", ", ", ". ", ",", ".", "\u3000", "\u00a0", "-", "/", "(", ")", "\n", "·"]
ALPHABET = "0123456789 ,.-~%$억만천명개년월일시분万亿年月日点个人第제abcAB０１２，．"

PIECES = DIGITS + SIGNS + CURRENCIES + COUNTERS + WORDS + DATES + PLACEHOLDERS
# a number with what may stand around it: -$3.5억 명, US$ 1,000 million, 三千二百亿元
amount = st.tuples(
    st.sampled_from(["", "", *CURRENCIES]),
    st.sampled_from(["", "", *SIGNS]),
    st.sampled_from(DIGITS + SPELLED),
    st.sampled_from(["", " ", " "]),
    st.sampled_from(["", *COUNTERS]),
    st.sampled_from(["", *COUNTERS]),
).map("".join)
piece = st.one_of(
    st.sampled_from(PIECES),
    amount,
    amount,
    st.sampled_from(GLUE),
    st.text(alphabet=ALPHABET, max_size=4),
)
texts = st.lists(piece, max_size=14).map("".join)
langs = st.sampled_from(LANGS)


def mentions(found: list[object]) -> list[str]:
    """Mentions as their reprs: every field, the Decimal's exponent and the kind's class too."""
    return [repr(mention) for mention in found]


def differences(found: list[NumberDifference] | list[object]) -> list[tuple[object, ...]]:
    """Differences as plain tuples (reference objects are of other classes)."""
    return [
        (d.kind.value, repr(d.source), repr(d.target), d.message)  # type: ignore[attr-defined]
        for d in found
    ]


def assert_same_reading(text: str, lang: str) -> None:
    assert mentions(extract_numbers(text, lang)) == mentions(
        reference_numbers.extract_numbers(text, lang)
    ), (text, lang)


def assert_same_differences(source: str, source_lang: str, target: str, target_lang: str) -> None:
    ours = compare_numbers(source, source_lang, target, target_lang)
    theirs = reference_numbers.compare_numbers(source, source_lang, target, target_lang)
    assert differences(ours) == differences(theirs), (source, source_lang, target, target_lang)


@settings(max_examples=1500, deadline=None)
@given(texts, langs)
def test_extract_numbers_as_reference(text: str, lang: str) -> None:
    assert_same_reading(text, lang)


@settings(max_examples=600, deadline=None)
@given(texts, langs, texts, langs)
def test_compare_numbers_as_reference(
    source: str, source_lang: str, target: str, target_lang: str
) -> None:
    assert_same_differences(source, source_lang, target, target_lang)


@settings(max_examples=300, deadline=None)
@given(texts, langs, st.randoms(use_true_random=False))
def test_a_translation_with_numbers_changed_compares_as_reference(
    source: str, lang: str, rng: random.Random
) -> None:
    """The target is the source with digits changed or dropped: most pairs differ a little."""
    target = "".join(
        str(rng.randrange(10)) if char.isdigit() and rng.random() < 0.3 else char
        for char in source
        if not (char.isdigit() and rng.random() < 0.1)
    )
    assert_same_differences(source, lang, target, rng.choice(LANGS))


@pytest.mark.parametrize("shape", ["sentences", "names", "ui", "long", "zh", "ko"])
def test_qa_shapes_read_as_reference(shape: str) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from qa_shapes import SHAPES, make_concepts, make_pairs
    finally:
        sys.path.remove(str(BENCHMARKS))
    assert shape in SHAPES
    pairs = make_pairs(shape, 1500, make_concepts(300, random.Random(7)), seed=23)
    for pair in pairs:
        assert_same_reading(pair.source, pair.source_lang)
        assert_same_reading(pair.target, pair.target_lang)
        assert_same_differences(pair.source, pair.source_lang, pair.target, pair.target_lang)


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return []
    return [line for line in text.splitlines() if any(char.isdigit() for char in line)]


def test_corpus_reads_as_reference(shared: Path) -> None:
    """Every line with a digit of every UTF-8 text file of the corpus, in each language, and
    the aligned Korean-English dev sets compared both ways."""
    corpus = shared / "corpus"
    files = [p for p in sorted(corpus.rglob("*")) if p.is_file() and p.stat().st_size < 2**20]
    lines = sorted({line[:2000] for path in files for line in _lines(path)})
    assert len(lines) > 1000
    for line in lines:
        for lang in ("ko", "zh-Hans", "ja", "en", "de"):
            assert_same_reading(line, lang)
    for folder, stem in (
        ("korean-english-jhe", "jhe-koen-dev"),
        ("korean-english-news-v1", "korean-english-park.dev"),
    ):
        base = corpus / "parallel" / folder
        ko = (base / f"{stem}.ko").read_text(encoding="utf-8").splitlines()
        en = (base / f"{stem}.en").read_text(encoding="utf-8").splitlines()
        for korean, english in zip(ko, en, strict=False):
            assert_same_differences(korean, "ko", english, "en")
            assert_same_differences(english, "en", korean, "ko")


def test_mentions_read_are_plain_frozen_mentions() -> None:
    """What the reader builds is a NumberMention like any other: equal, hashed and shown alike,
    and immutable."""
    mention = extract_numbers("2,000명", "ko")[0]
    built = NumberMention(0, 5, "2,000", Decimal(2000), NumberKind.CARDINAL, False, "person")
    assert type(mention) is NumberMention
    assert mention == built
    assert hash(mention) == hash(built)
    assert repr(mention) == repr(built)
    with pytest.raises(FrozenInstanceError):
        mention.value = Decimal(3)  # type: ignore[misc]


@settings(max_examples=800, deadline=None)
@given(texts, langs)
def test_where_only_the_number_is_tried_at_digits_the_whole_grammar_reads_the_same(
    text: str, lang: str
) -> None:
    """digit_grammar skips the date and time alternatives where what follows the digits rules
    them out: the whole grammar then matches the same, at every run of digits and inside it."""
    spec = language(lang)
    folded = fold(text)
    everything = grammar(spec.family, spec.spaced)[1]["0"]
    digits = digit_grammar(spec.family, spec.spaced)
    for run in re.finditer(r"\d+", folded):
        for start in range(run.start(), run.end()):
            chosen = digits.at(folded, start, run.end()).match(folded, start)
            whole = everything.match(folded, start)
            assert (chosen is None) == (whole is None), (folded, start)
            if chosen is not None and whole is not None:
                assert chosen.lastgroup == whole.lastgroup
                assert {name: chosen.span(name) for name in chosen.re.groupindex} == {
                    name: whole.span(name) for name in chosen.re.groupindex
                }


def test_what_the_fold_changes_is_outside_ascii() -> None:
    """fold hands ASCII text back as it is, which holds while every character it folds is
    outside ASCII."""
    from workbench.domain.numbers import scan

    assert not any(char.isascii() for char in scan._FOLD)
    assert fold("1,000 $5 -3% ~ a.b/c") == "1,000 $5 -3% ~ a.b/c"
