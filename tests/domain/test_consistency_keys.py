"""The consistency keys of many texts at once are each text's own keys (consistency_key and
singular_key, unchanged since 2026-12-07, one text at a time).

Texts are drawn from pieces that normalisation, case folding and the plural folding change, or
that could join across the edge of two texts: combining marks, Hangul jamo, full-width and
compatibility forms, final sigma, German sharp s, code characters, NULs and plural words.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.checks import Pair
from workbench.domain.checks.consistency import (
    _keys,
    _languages,
    consistency_key,
    consistency_keys,
    singular_key,
    singular_keys,
)
from workbench.domain.document import CODE_BASE

PIECES = [
    *("Updates ", "there are ", "files", "an ", "a ", "These ", "class", "ΣΊΣΥΦΟΣ ", "Straße "),
    *("e", "\u0301", "\u1100", "\u1161", "\u11a8", "ｆｕｌｌ", "ﬁ", "①", "㎏", "Å", "\u212b"),
    *("다운로드", "中國", " ", "\t", "\n", "\u3000", "\0", chr(CODE_BASE), chr(CODE_BASE + 3)),
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=10))
def test_keys_of_many_texts_are_their_own_keys(texts: list[str]) -> None:
    keys = consistency_keys(texts)
    assert keys == [consistency_key(text) for text in texts]
    assert singular_keys(keys) == [singular_key(key) for key in keys]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT, st.sampled_from(["en", "ko", "zh-Hans"])), max_size=10))
def test_pair_keys_are_read_one_pair_at_a_time(rows: list[tuple[str, str, str]]) -> None:
    pairs = [Pair(source, target, "en", lang) for source, target, lang in rows]
    expected = []
    for pair in pairs:
        if not (pair.target.strip() and pair.source.strip()):
            expected.append(None)
            continue
        source = consistency_key(pair.source)
        languages, plural = _languages(pair.source_lang, pair.target_lang)
        folded = source if plural else singular_key(source)
        expected.append((languages, source, consistency_key(pair.target), folded))
    assert [None if k is None else tuple(k) for k in _keys(pairs)] == expected
