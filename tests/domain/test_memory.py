"""Translation-memory index: scores, fuzzy ranking in Korean and Chinese, and brute-force parity."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from workbench.domain import memory
from workbench.domain.document import code_char
from workbench.domain.memory import (
    EXACT,
    IN_CONTEXT,
    SAME_TEXT,
    TmIndex,
    TmMatch,
    TmUnit,
    char_diff,
    context_key,
    length_window,
    normalise_for_match,
    ratio_bound,
)

WENGE = "원거테크놀러지는 대형 모델을 발표했다"
WENGE_NEW = "원거테크놀러지가 새 대형 모델을 발표했다"
WENGE_ZH = "中科闻歌发布了大模型"
WENGE_ZH_NEW = "中科闻歌发布了新的大模型"


def unit(
    unit_id: int,
    source: str,
    source_lang: str = "ko",
    target_lang: str = "en",
    context: str | None = None,
) -> TmUnit:
    """A unit whose target says which unit it is."""
    return TmUnit(
        id=unit_id,
        source_lang=source_lang,
        target_lang=target_lang,
        source=source,
        target=f"target {unit_id}",
        context=context,
    )


def index_of(*sources: str, source_lang: str = "ko") -> TmIndex:
    """An index of units into English, numbered from 1."""
    index = TmIndex()
    for number, source in enumerate(sources, start=1):
        index.add(unit(number, source, source_lang))
    return index


def ids(matches: list[TmMatch]) -> list[int]:
    """The unit ids of matches, in order."""
    return [match.unit.id for match in matches]


def brute_force(
    texts: dict[int, str], query: str, minimum: float, limit: int
) -> list[tuple[float, int]]:
    """The limit best (ratio, id) of all texts, as a scan with rapidfuzz would find them."""
    wanted = normalise_for_match(query)
    scored = [(fuzz.ratio(wanted, normalise_for_match(text)), i) for i, text in texts.items()]
    return sorted((s for s in scored if s[0] >= minimum), reverse=True)[:limit]


# Scores


def test_exact_match_scores_100() -> None:
    index = index_of(WENGE, WENGE_NEW)
    best = index.lookup(WENGE, "ko", "en")[0]
    assert (best.unit.id, best.score, best.similarity) == (1, EXACT, 100.0)
    assert best.diff == [("equal", WENGE)]


def test_in_context_exact_match_scores_101() -> None:
    here = context_key("앞 문장입니다.", "뒤 문장입니다.")
    elsewhere = context_key("다른 문장입니다.", None)
    index = TmIndex()
    index.add(unit(1, WENGE, context=elsewhere))
    index.add(unit(2, WENGE, context=here))
    index.add(unit(3, WENGE))
    matches = index.lookup(WENGE, "ko", "en", context=here)
    assert [(m.unit.id, m.score) for m in matches][:1] == [(2, IN_CONTEXT)]
    assert sorted(m.score for m in matches[1:]) == [EXACT, EXACT]
    assert {m.score for m in index.lookup(WENGE, "ko", "en")} == {EXACT}


def test_context_key_ignores_case_width_and_spacing() -> None:
    assert context_key("Ａ  b", None) == context_key("a b", "")
    assert context_key("a", "b") != context_key("b", "a")


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        (f"{code_char(0)}원거테크놀러지는{code_char(1)} 대형 모델을 발표했다", WENGE),
        ("원거테크놀러지는  대형 모델을\t발표했다 ", WENGE),
        ("The Cat sat on the MAT.", "the cat sat on the mat."),
        ("ＣＥＯ said ２０２５", "CEO said 2025"),
    ],
    ids=["codes", "whitespace", "case", "width"],
)
def test_only_codes_case_width_or_whitespace_differ_scores_99(stored: str, query: str) -> None:
    (match,) = index_of(stored).lookup(query, "ko", "en")
    assert (match.score, match.similarity) == (SAME_TEXT, 100.0)


def test_punctuation_and_spacing_changes_are_fuzzy() -> None:
    """A changed full stop or a space added between Korean words must be edited: at most 98."""
    index = index_of("세계인공지능대회", "Save the file?")
    (spacing,) = index.lookup("세계 인공지능 대회", "ko", "en")
    assert spacing.score == int(200 * 8 / 18) == 88
    (question,) = index.lookup("Save the file.", "ko", "en")
    assert 70 <= question.score <= 98 and question.similarity < 100


def test_fuzzy_scores_never_reach_the_exact_ones() -> None:
    long_text = "가" * 300
    (match,) = index_of(long_text).lookup(long_text + "나", "ko", "en")
    assert match.similarity > 99 and match.score == 98


# Fuzzy matches


def test_korean_fuzzy_match() -> None:
    index = index_of(WENGE, "센스타임은 새 모델을 공개했다", "퍼스트 팜은 오늘 실적을 발표했다")
    matches = index.lookup(WENGE_NEW, "ko", "en")
    assert ids(matches) == [1]
    assert matches[0].similarity == pytest.approx(fuzz.ratio(WENGE, WENGE_NEW))
    assert 80 <= matches[0].score < 99


def test_chinese_fuzzy_match() -> None:
    index = index_of(WENGE_ZH, "商汤科技发布了新产品", source_lang="zh")
    (match,) = index.lookup(WENGE_ZH_NEW, "zh", "en")
    assert match.unit.id == 1
    assert match.score == int(200 * 10 / 22) == 90
    assert match.diff == [("equal", "中科闻歌发布了"), ("insert", "新的"), ("equal", "大模型")]


def test_fuzzy_matches_are_ordered_best_first() -> None:
    query = "원거테크놀러지가 8월 15일 새 대형 모델을 발표했다"
    stored = [
        "원거테크놀러지가 8월 15일 대형 모델을 발표했다",
        "원거테크놀러지가 새 대형 모델을 발표했다",
        "원거테크놀러지는 대형 모델을 공개했다",
        "원거테크놀러지가 8월 15일 새 대형 모델을 발표했다.",
    ]
    matches = index_of(*stored).lookup(query, "ko", "en", minimum=50)
    expected = sorted(stored, key=lambda text: fuzz.ratio(query, text), reverse=True)
    assert [m.unit.source for m in matches] == expected
    scores = [m.similarity for m in matches]
    assert scores == sorted(scores, reverse=True)


def test_limit() -> None:
    index = index_of(*(f"{WENGE} {number}" for number in range(20)))
    assert len(index.lookup(WENGE, "ko", "en", limit=3)) == 3
    assert index.lookup(WENGE, "ko", "en", limit=0) == []


def test_minimum_threshold() -> None:
    index = index_of(WENGE_NEW)
    similarity = fuzz.ratio(WENGE, WENGE_NEW)
    assert ids(index.lookup(WENGE, "ko", "en", minimum=similarity)) == [1]
    assert index.lookup(WENGE, "ko", "en", minimum=similarity + 0.01) == []
    assert index.lookup(WENGE, "ko", "en", minimum=101) == []
    unrelated = index_of("센스타임은 새 모델을 공개했다")
    assert unrelated.lookup(WENGE, "ko", "en") == []


def test_language_pairs_are_separate_and_tags_ignore_case() -> None:
    index = TmIndex()
    index.add(unit(1, WENGE_ZH, "zh-Hans", "ko"))
    index.add(unit(2, WENGE_ZH, "zh-Hans", "en"))
    assert ids(index.lookup(WENGE_ZH, "zh-hans", "KO")) == [1]
    assert index.lookup(WENGE_ZH, "zh-Hant", "ko") == []


def test_empty_texts() -> None:
    index = index_of("", code_char(0), "가")
    assert sorted(m.score for m in index.lookup("", "ko", "en")) == [SAME_TEXT, EXACT]


# Storage


def test_remove_get_and_replace() -> None:
    index = index_of(WENGE, WENGE_NEW)
    assert len(index) == 2 and 1 in index and index.get(1) is not None
    index.remove(1)
    assert 1 not in index and index.get(1) is None
    assert ids(index.lookup(WENGE, "ko", "en")) == [2]
    with pytest.raises(KeyError):
        index.remove(1)
    index.add(unit(2, WENGE))  # the same id again replaces the unit
    assert len(index) == 1
    assert [(m.unit.id, m.score) for m in index.lookup(WENGE, "ko", "en")] == [(2, EXACT)]


def test_add_many_and_units_added_between_lookups() -> None:
    index = TmIndex()
    assert index.add_many(unit(n, f"{WENGE} {n}") for n in range(1, 4)) == 3
    assert len(index.lookup(WENGE, "ko", "en")) == 3
    index.add(unit(4, WENGE))
    assert index.lookup(WENGE, "ko", "en")[0].unit.id == 4


def test_many_segments_merges_and_compaction(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small segments (as interactive adds make them) merge, removals compact, results hold."""
    monkeypatch.setattr(memory, "_SEGMENT_UNITS", 16)
    index = TmIndex()
    texts: dict[int, str] = {}
    for number in range(1, 301):
        texts[number] = f"{WENGE} {number % 37} {'새' * (number % 5)}"
        index.add(unit(number, texts[number]))
        if number % 7 == 0:
            index.lookup(WENGE, "ko", "en")
    for number in range(1, 301, 3):
        index.remove(number)
        del texts[number]
    for query in (WENGE, f"{WENGE} 5 새새", WENGE_NEW):
        expected = brute_force(texts, query, 70, 10)
        got = index.lookup(query, "ko", "en", limit=10)
        assert [m.similarity for m in got] == [score for score, _ in expected]
    pair = next(iter(index._pairs.values()))
    assert all(segment.end - segment.first <= 16 for segment in pair.segments)
    assert pair.removed < 0.2 * pair.indexed


def test_budgets_keep_precision_and_find_the_rare_bigrams() -> None:
    """With tiny budgets a lookup may miss matches, but what it returns is right."""
    query = "the Wenge report was made today"
    common = [f"the report was made by the team today {number}" for number in range(300)]
    index = index_of(*common, query, source_lang="en")
    index.posting_budget, index.verify_budget = 40, 5
    matches = index.lookup(query, "en", "en", limit=3)
    assert matches[0].score == EXACT and matches[0].unit.source == query
    for match in matches:
        expected = fuzz.ratio(normalise_for_match(query), normalise_for_match(match.unit.source))
        assert match.similarity == expected


# Normalisation and bounds


def test_normalise_for_match() -> None:
    assert normalise_for_match(f" Ｔｈｅ{code_char(3)}  CAT\n sat ") == "the cat sat"
    assert normalise_for_match("세계 인공지능\u3000대회") == "세계 인공지능 대회"
    assert normalise_for_match("a\x02b\x03c") == "abc"


def test_length_window() -> None:
    assert length_window(70, 70) == (38, 130)
    assert length_window(10, 100) == (10, 10)
    assert length_window(10, 0)[0] == 0


@settings(max_examples=300, deadline=None)
@given(st.text("abc 가나", max_size=30), st.text("abc 가나", max_size=30))
def test_bounds_hold(query: str, text: str) -> None:
    """The length window and the bigram bound never cut off a unit that reaches the ratio."""
    score = fuzz.ratio(query, text)
    low, high = length_window(len(query), score)
    assert low <= len(text) <= high or score == 0
    shared = Counter(memory._padded_bigrams(query)) & Counter(memory._padded_bigrams(text))
    bound = ratio_bound(
        np.array([float(shared.total())]), len(query), np.array([len(text)], dtype=np.int64)
    )
    assert bound[0] >= score - 1e-9


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_diff_rebuilds_both_texts(source: str, query: str) -> None:
    diff = char_diff(source, query)
    assert "".join(text for op, text in diff if op != "insert") == source
    assert "".join(text for op, text in diff if op != "delete") == query
    assert all(text for _op, text in diff)
    assert all(a[0] != b[0] for a, b in pairwise(diff))


# The index against brute force

ALPHABETS = ["ab", "abc ", "가나다 ", "中科闻歌", f"ab{code_char(0)} "]


@st.composite
def corpora(draw: st.DrawFn) -> tuple[list[str], list[int], str, float, int]:
    """Small corpora over a few characters (so that many units are similar), removals, a query."""
    alphabet = draw(st.sampled_from(ALPHABETS))
    texts = draw(st.lists(st.text(alphabet, max_size=14), max_size=60))
    removed = draw(st.lists(st.integers(0, max(len(texts) - 1, 0)), max_size=10))
    query = draw(st.text(alphabet, max_size=14))
    minimum = draw(st.sampled_from([67.0, 70.0, 75.0, 85.0, 100.0]))
    limit = draw(st.integers(1, 8))
    return texts, removed, query, minimum, limit


@settings(max_examples=300, deadline=None)
@given(corpora())
def test_index_returns_what_brute_force_returns(
    case: tuple[list[str], list[int], str, float, int],
) -> None:
    """Within its budgets the index is lossless: the same ratios as scoring every unit."""
    texts, removed, query, minimum, limit = case
    index = TmIndex()
    kept = dict(enumerate(texts))
    for number, text in kept.items():
        index.add(unit(number, text))
    for number in set(removed) & set(kept):
        index.remove(number)
        del kept[number]
    matches = index.lookup(query, "ko", "en", minimum=minimum, limit=limit)
    expected = brute_force(kept, query, minimum, limit)
    assert sorted((m.similarity for m in matches), reverse=True) == [s for s, _ in expected]
    for match in matches:
        assert match.similarity == fuzz.ratio(
            normalise_for_match(query), normalise_for_match(kept[match.unit.id])
        )


def test_put_replaces_the_unit_with_the_same_key_only() -> None:
    index = TmIndex()
    stored = TmUnit(id=7, source_lang="ko", target_lang="en", source=WENGE, target="W", context="k")
    other_context = TmUnit(
        id=8, source_lang="ko", target_lang="en", source=WENGE, target="W", context="j"
    )
    index.add(stored)
    index.add(other_context)
    index.put(
        TmUnit(id=-1, source_lang="KO", target_lang="en", source=WENGE, target="W", context="k")
    )
    assert 7 not in index and 8 in index and -1 in index
    assert len(index) == 2


def test_a_segments_own_units_are_no_match_of_it() -> None:
    index = TmIndex()
    own = TmUnit(
        id=1, source_lang="ko", target_lang="en", source=WENGE, target="A",
        origin="news.txt", segment_id=5,
    )  # fmt: skip
    elsewhere = TmUnit(
        id=2, source_lang="ko", target_lang="en", source=WENGE, target="B",
        origin="other.txt", segment_id=5,
    )  # fmt: skip
    index.add_many([own, elsewhere])
    found = index.lookup(WENGE, "ko", "en", exclude=("news.txt", 5))
    assert [m.unit.id for m in found] == [2]
    index.remove(2)
    assert index.lookup(WENGE, "ko", "en", exclude=("news.txt", 5)) == []
    assert [m.unit.id for m in index.lookup(WENGE, "ko", "en")] == [1]


def test_a_translation_stored_in_several_contexts_is_listed_once_with_its_best_score() -> None:
    index = TmIndex()
    for number, context in enumerate(["a", "b", "c"], start=1):
        index.add(
            TmUnit(id=number, source_lang="ko", target_lang="en", source=WENGE, target="W",
                   context=context)
        )  # fmt: skip
    index.add(TmUnit(id=9, source_lang="ko", target_lang="en", source=WENGE, target="V"))
    found = index.lookup(WENGE, "ko", "en", context="b", limit=2)
    assert [(m.unit.target, m.score) for m in found] == [("W", IN_CONTEXT), ("V", EXACT)]


_ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["add", "put", "remove"]),
        st.integers(1, 6),  # unit id
        st.sampled_from([WENGE, WENGE_NEW, WENGE + "!"]),
        st.sampled_from(["A", "B"]),
        st.sampled_from([None, "k"]),
        st.sampled_from([None, ("a.txt", 1), ("b.txt", 1), ("a.txt", 2)]),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(actions=_ACTIONS, exclude=st.sampled_from([("a.txt", 1), ("b.txt", 1), ("a.txt", 2)]))
def test_lookups_never_return_the_segments_own_units_nor_a_translation_twice(
    actions: list[tuple[str, int, str, str, str | None, tuple[str, int] | None]],
    exclude: tuple[str, int],
) -> None:
    index = TmIndex()
    model: dict[int, TmUnit] = {}
    for action, unit_id, source, target, context, made in actions:
        if action == "remove":
            if unit_id in model:
                index.remove(unit_id)
                del model[unit_id]
            continue
        origin, segment_id = made if made is not None else ("", None)
        new = TmUnit(
            id=unit_id, source_lang="ko", target_lang="en", source=source, target=target,
            context=context, origin=origin, segment_id=segment_id,
        )  # fmt: skip
        if action == "put":
            for known in list(model.values()):
                if known.key == new.key and known.id != unit_id:
                    del model[known.id]
        model[unit_id] = new
        getattr(index, action)(new)
    assert len(index) == len(model)
    found = index.lookup(WENGE, "ko", "en", minimum=50, limit=10, exclude=exclude)
    assert all(match.unit.provenance != exclude for match in found)
    shown = [(match.unit.source, match.unit.target) for match in found]
    assert len(shown) == len(set(shown))
    expected = {(u.source, u.target) for u in model.values() if u.provenance != exclude}
    assert set(shown) == expected
