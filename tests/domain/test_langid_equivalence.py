"""The QA language verdicts and Chinese script spans are exactly those of 2026-12-07
(tests/domain/reference_langid, reference_chinese), one text at a time and in batches.

Batches of texts are drawn from pieces that take every route: English, French and invented
catalogue words (the model), function words, names and connectors, Hangul, Simplified and
Traditional Han, kana, Cyrillic, links, lone surrogates, NULs, digits and placeholders. Each
batch is checked against every kind of expected language, and compared field by field.
"""

from __future__ import annotations

import reference_chinese
import reference_langid
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain import langid
from workbench.domain.chinese import (
    ChineseScript,
    han_variant,
    han_variants,
    other_script_spans,
    other_script_spans_many,
)

PIECES = [
    *("the ", "of ", "and ", "la ", "le ", "est ", "de ", "der ", "und "),
    *("compatible ", "pack ", "cartridge ", "released ", "model ", "people ", "société "),
    *("Zorkaquan ", "Norboly ", "Cycy954 ", "SenseTime ", "FDA ", "Bank ", "McDonald's "),
    *("pad %s, ", "321 ", "<b>", "</b>", ". ", "!", "\n", "  ", "\0", "\ud800"),
    *(
        "센스타임",
        "는 ",
        "모델을 ",
        "공개했다",
        "中科聞歌",
        "发布了",
        "模型",
        "國家",
        "后",
        "の",
        "カタカナ",
    ),
    *("Привет ", "мир ", "Ελλάδα ", "ª", "ǅ", "ƻ", "¼", "・", "ー", "々", "é", "Ü"),
    *("http://x.org/a ", "me@x.org ", "www.x.org ", "WWW.X.ORG ", "@"),
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)
LANGS = ["en", "fr", "ko", "zh-Hans", "zh-Hant", "zh", "ja", "ru", "sr-Latn", "nb", "yue"]


def _fields(verdicts: list[object]) -> list[tuple[object, ...]]:
    return [
        (v.status.value, v.lang, v.probability, v.reason)  # type: ignore[attr-defined]
        for v in verdicts
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=12), st.sampled_from(LANGS))
def test_verdicts_are_the_reference_verdicts(texts: list[str], expected: str) -> None:
    langid._verdict_cache.clear()
    reference_langid._verdict_cache.clear()
    now = langid.looks_like_many(texts, expected)
    before = reference_langid.looks_like_many(texts, expected)
    assert _fields(now) == _fields(before)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(st.sampled_from("中科聞歌发布了模型國家后台灣干燥乾隆 \n髮发"), max_size=8))
)
def test_han_variants_of_a_batch_are_those_of_each_text(texts: list[str]) -> None:
    assert han_variants(texts) == [han_variant(text) for text in texts]


HAN_TEXT = st.text(
    st.sampled_from("中國日報社发布了模型國家后台灣干燥乾隆髮发裡着峰 a1\n"), max_size=16
)


@settings(max_examples=200, deadline=None)
@given(st.lists(HAN_TEXT, max_size=8), st.sampled_from(list(ChineseScript)))
def test_spans_in_the_other_script_are_the_reference_spans(
    texts: list[str], script: ChineseScript
) -> None:
    expected = [reference_chinese.other_script_spans(text, script) for text in texts]
    assert [other_script_spans(text, script) for text in texts] == expected
    assert other_script_spans_many(texts, script) == expected
