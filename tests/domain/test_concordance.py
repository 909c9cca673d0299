"""Concordance tokens and hits: folding as term matching folds, spans in the original text."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.concordance import (
    hit_spans,
    index_text,
    parse_query,
    relevance,
    spellings,
    tokens,
)


def hits(query: str, text: str) -> list[str]:
    """The pieces of text that a concordance search for query highlights."""
    return [text[start:end] for start, end in hit_spans(parse_query(query), tokens(text))]


def test_a_korean_name_with_a_particle_finds_the_bare_name_and_others() -> None:
    text = "원거테크놀러지가 새 모델을 냈고 원거테크놀러지의 주가가 올랐다."
    assert hits("원거테크놀러지의", text) == ["원거테크놀러지의"]  # as typed comes first
    assert hits("원거테크놀러지의", "원거테크놀러지가 발표했다.") == ["원거테크놀러지"]
    assert hits("모델", "모델을 공개했다") == ["모델"]


def test_a_short_korean_word_keeps_what_looks_like_a_particle() -> None:
    # 회의 (meeting) is no 회 + 의: a stem keeps two characters at least
    assert hits("회의", "회사가 발표했다") == []
    assert hits("회의", "오늘 회의에서") == ["회의"]


def test_simplified_finds_traditional_and_back() -> None:
    assert hits("资料", "資料庫已更新") == ["資料"]
    assert hits("資料庫", "资料库已更新") == ["资料库"]


def test_english_plurals_and_case_fold() -> None:
    assert hits("models", "The Model and two models.") == ["Model", "models"]
    assert hits("companies", "a company") == ["company"]
    assert hits("language model", "Large Language Models are here") == ["Language Models"]
    assert hits("model", "a modeling tool") == []  # whole words in spaced scripts


def test_full_width_and_spacing_fold() -> None:
    assert hits("AI 모델", "ＡＩ모델을 만든다") == ["ＡＩ모델"]
    assert hits("ai", "An AI-based tool") == ["AI"]


def test_one_cjk_character_is_found_inside_a_run() -> None:
    assert hits("模", "原哥科技的模型") == ["模"]


def test_a_query_of_punctuation_only_is_empty() -> None:
    assert parse_query("!! …").empty
    assert not parse_query("a").empty


def test_index_text_is_the_tokens() -> None:
    assert index_text("새 모델을 Models") == "새 모델 델을 model"


def test_spellings_try_the_folded_forms_for_a_substring_search() -> None:
    assert spellings(parse_query("원거테크놀러지의")) == ["원거테크놀러지의", "원거테크놀러지"]
    assert "model" in spellings(parse_query("models"))
    assert {"資料", "资料"} <= set(spellings(parse_query("资料")))


def test_relevance_puts_the_typed_spelling_then_the_short_then_the_new_first() -> None:
    query = parse_query("models")
    old, new = datetime(2020, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)
    texts = {
        1: ("two models", old),
        2: ("one model", new),
        3: ("many models in a long sentence about models and data", new),
        4: ("six models", new),
    }
    order = sorted(
        texts,
        key=lambda i: relevance(
            query, texts[i][0], hit_spans(query, tokens(texts[i][0])), texts[i][1], i
        ),
    )
    assert order == [4, 1, 3, 2]


CJK = st.text(alphabet="원거테크놀러지모델데이터的模型資料库", min_size=2, max_size=12)


@given(CJK, st.integers(0, 10), st.integers(2, 6), st.text(alphabet=" ab.", max_size=4))
def test_any_piece_of_a_cjk_run_is_found_where_it_is(
    run: str, at: int, size: int, around: str
) -> None:
    at = min(at, len(run) - 2)
    piece = run[at : at + size]
    text = around + run + around
    found = hit_spans(parse_query(piece), tokens(text))
    assert any(text[start:end].find(piece) >= 0 or len(piece) < 2 for start, end in found)
    assert all(0 <= start < end <= len(text) for start, end in found)
