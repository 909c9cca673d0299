"""Folding: the faster paths give what the folding of 2026-11-26 gave, and joined texts fold
each as if it were alone."""

from __future__ import annotations

import reference_normalize
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.normalize import SEPARATOR, fold, fold_joined

PIECES = [
    *"abcAZ ß İ 가나다 中國聞闻乾隆萬 の ア ＡＢ１",
    *("\u1100\u1161", "e\u0301", "ﬁ", "𝐀", "①", "㈜", "  ", "\n", "\t", "\u3000", "\xa0"),
    *("‘", "’", "“", "”", "`", "´", "\u2028", "\u1680", "🙂", "乾燥", "頭髮", "髮型"),
]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
any_texts = st.one_of(texts, st.text(max_size=40))


def mapping(folded: object, length: int) -> list[tuple[int, int]]:
    """Every span of the folded text mapped back to the original."""
    return [
        folded.span(start, end)  # type: ignore[attr-defined]
        for start in range(length + 1)
        for end in range(start, length + 1)
    ]


@settings(max_examples=300, deadline=None)
@given(any_texts)
def test_fold_equals_the_reference(text: str) -> None:
    new, old = fold(text), reference_normalize.fold(text)
    assert new.text == old.text
    assert mapping(new, len(new.text)) == mapping(old, len(old.text))


@settings(max_examples=200, deadline=None)
@given(st.lists(any_texts.filter(lambda t: SEPARATOR not in t), max_size=6))
def test_joined_texts_fold_each_as_if_alone(parts: list[str]) -> None:
    joined = fold_joined(parts)
    assert joined.original == SEPARATOR.join(parts)
    assert joined.text == SEPARATOR.join(fold(part).text for part in parts)
    original_at = folded_at = 0
    for part in parts:
        alone = fold(part)
        for start in range(len(alone.text)):  # spans that start inside the text
            for end in range(start, len(alone.text) + 1):
                local = alone.span(start, end)
                shifted = joined.span(folded_at + start, folded_at + end)
                assert shifted == (original_at + local[0], original_at + local[1])
        original_at += len(part) + 1
        folded_at += len(alone.text) + 1


ascii_texts = st.lists(
    st.sampled_from([*"abcAZ '`\"\t\n\r\x0b\x0c.-09", "  ", "Ab", "IT"]), max_size=20
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(ascii_texts, max_size=8))
def test_ascii_texts_joined_fold_each_as_if_alone(parts: list[str]) -> None:
    """English is folded on its own path (no separator among the texts): the same text."""
    joined = fold_joined(parts)
    assert joined.original == SEPARATOR.join(parts)
    assert joined.text == SEPARATOR.join(fold(part).text for part in parts)
    assert joined.text == SEPARATOR.join(reference_normalize.fold(part).text for part in parts)
    if not any("  " in part for part in parts):
        assert joined.pieces == ()


def test_a_phrase_that_changes_length_falls_back_in_its_own_text_only() -> None:
    # OpenCC converts some phrases to a different length; such a text is folded by single
    # characters, and the text beside it keeps OpenCC's phrase conversion.
    texts = ["乾隆皇帝", "頭髮", "中國"]
    assert fold_joined(texts).text == SEPARATOR.join(fold(t).text for t in texts)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.sampled_from(["가나다 abc", "한국어", "a" * 7]))
def test_the_quick_test_for_chinese_agrees_with_the_pattern(tail: str, filler: str) -> None:
    """A long text's high bytes settle most texts; the answer is the pattern's."""
    from workbench.domain.normalize import _MAY_CONVERT, _may_convert

    for edge in ("\u2e80", "\u9fff", "\ua000", "\uabff", "\uac00", "\ud7a3", "\uf900", "\ufe30"):
        for text in (filler * 1000 + tail, filler * 1000 + edge + tail, tail + filler * 1000):
            assert _may_convert(text) == (_MAY_CONVERT.search(text) is not None)
    for text in ("\U00020000" + filler * 1000, "\U0001f642" + filler * 1000, "\ud800" * 5000):
        assert _may_convert(text) == (_MAY_CONVERT.search(text) is not None)
