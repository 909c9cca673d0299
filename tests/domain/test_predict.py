"""Predictive typing: the word typed, the phrases of targets, completions best first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.predict import (
    Origin,
    PhraseBook,
    completions,
    learned_phrases,
    phrases_of,
    segment_book,
    typed_prefix,
)


def test_the_word_being_typed() -> None:
    assert typed_prefix("The langu") == "langu"
    assert typed_prefix("The ") == ""
    assert typed_prefix("Wenge's mod") == "mod"
    assert typed_prefix("发布了模型中科闻") == "型中科闻"  # Chinese: the last four characters
    assert typed_prefix("") == ""


def test_phrases_of_a_target() -> None:
    found = phrases_of("Wenge released a model.")
    assert {"Wenge", "released", "model", "Wenge released", "a model", "released a model"} <= set(
        found
    )
    assert "a" not in found  # words shorter than three characters alone are no phrase
    assert {"模型", "发布了", "中科闻歌"} <= set(phrases_of("中科闻歌发布了模型"))


def test_terms_come_first_then_tm_then_learned_phrases() -> None:
    segment = segment_book(["language model"], ["Large language models learn."])
    learned = PhraseBook([("languid", Origin.LEARNED, 9), ("language", Origin.LEARNED, 5)])
    found = completions("lan", [segment, learned], limit=4)
    assert [(c.text, c.origin) for c in found] == [
        ("language model", Origin.TERM),
        ("language models learn", Origin.TM),
        ("language models", Origin.TM),
        ("language", Origin.TM),
    ]
    assert completions("langui", [segment, learned])[0].text == "languid"
    assert completions("l", [segment, learned]) == []  # two characters first
    assert completions("language model", [segment]) == [
        c for c in completions("language model", [segment]) if c.text != "language model"
    ]


def test_learned_phrases_are_those_seen_twice() -> None:
    counts = learned_phrases(["The model works.", "A model works.", "Nothing else."])
    assert counts["model works"] == 2 and counts["model"] == 2
    assert "Nothing" not in counts


@given(st.lists(st.text(alphabet="abcdeé 모델", min_size=2, max_size=12), max_size=30))
def test_every_completion_begins_with_the_prefix(texts: list[str]) -> None:
    book = PhraseBook((text, Origin.LEARNED, 1) for text in texts)
    for text in texts:
        prefix = text.strip()[:2]
        for completion in book.complete(prefix, limit=10):
            assert completion.text.casefold().startswith(prefix.casefold())
            assert len(completion.text) > len(prefix)
