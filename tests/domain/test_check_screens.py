"""Screens (registry.Screen) never keep a check from a pair it reports on.

run_checks calls a segment check only on the pairs its screen picks; these tests run every
check with and without the screens on generated pairs built to break them (edge spaces,
brackets, quotes, codes, placeholders, numbers of every language, terms, blank targets) and
compare every issue.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.domain.checks import CHECKS, CheckContext, Pair, Profile, run_checks
from workbench.domain.checks.facts import PairBatch
from workbench.domain.document import InlineCode, code_char
from workbench.domain.matching import TermIndex
from workbench.domain.model import Concept, Term, TermStatus
from workbench.domain.subtitles import CueTiming

CODES = (
    InlineCode("open", "g", "1", '<g id="1">'),
    InlineCode("close", "g", "1", "</g>"),
    InlineCode("standalone", "x", "2", '<x id="2"/>'),
)
FRAGMENTS = [
    # words and names of each script, lower- and upper-case starts
    "The ", "the ", "model ", "Model", "iPhone ", "zorvex ", "Save", "save", "회사는 ",
    "새로운 ", "모델을 ", "公司", "表示", "發佈", "发布", "服务", "la société ", "est ",
    "Beijing Wenge Technology", "Wenge Tech", "원거테크놀러지", "中科闻歌", "中科聞歌", "주광샹",
    # numbers, dates and times of every language read
    "3천200억", "三千二百亿", "twenty-one ", "1.5M", "①", "１２", "삼천 명", "세 명", "2024년 ",
    "3월 1일", "2024年3月1日", "March 1, 2024", "3/1/2024", "7시 30분", "3 p.m.", "48%",
    "$5", "1,000", "1.000,5", "5", "5 ", "6", " 12 ", "one ", "first ", "May ", "제3회",
    # punctuation, brackets, quotes, spaces
    ".", "。", "?", "!", "?!", "…", "...", ",", ":", "Co.", "No.", " ", "  ", "\t", "\n",
    "\u3000", "(", ")", "（", "）", "[", "]", "{", "}", "【", "】", '"', "“", "”", "'", "’",
    "「", "」", "«", "»", "the the ", "word word ", "Word word ",
    # markup
    "%s", "%d", "%1$s", "%2$s", "%%", "{0}", "{name}", "${var}", "{{ x }}", "<b>", "</b>",
    "<br/>", "https://example.com/a", "www.example.org", "user@example.com",
    code_char(0), code_char(1), code_char(2),
]  # fmt: skip
LANG_PAIRS = [
    ("ko", "en"),
    ("en", "ko"),
    ("ko", "zh-Hans"),
    ("en", "zh-Hant"),
    ("en", "fr"),
    ("zh", "ja"),
]
TEXT = st.lists(st.sampled_from(FRAGMENTS), max_size=10).map("".join)


@st.composite
def pairs(draw: st.DrawFn) -> list[Pair]:
    """A few pairs, some with the same text on both sides, some blank, some subtitle cues."""
    found = []
    for position in range(1, draw(st.integers(1, 6)) + 1):
        source = draw(TEXT)
        target = draw(st.one_of(TEXT, st.just(source), st.sampled_from(["", " ", "\t"])))
        if draw(st.booleans()):
            target = draw(st.sampled_from(["", " ", "\u3000"])) + target + draw(TEXT)
        source_lang, target_lang = draw(st.sampled_from(LANG_PAIRS))
        cue = CueTiming(0, draw(st.sampled_from([0, 500, 3000]))) if draw(st.booleans()) else None
        found.append(Pair(source, target, source_lang, target_lang, position, codes=CODES, cue=cue))
    return found


def _index() -> TermIndex:
    deprecated = TermStatus.DEPRECATED
    return TermIndex(
        [
            Concept(
                id=1,
                terms=[
                    Term("ko", "원거테크놀러지"),
                    Term("en", "Beijing Wenge Technology"),
                    Term("en", "Wenge Tech", deprecated),
                    Term("zh-Hans", "中科闻歌"),
                    Term("zh-Hant", "中科聞歌"),
                ],
            ),
            Concept(id=2, terms=[Term("ko", "모델"), Term("en", "model"), Term("zh-Hans", "模型")]),
            Concept(
                id=3,
                terms=[Term("ko", "주광샹"), Term("en", "Zhu"), Term("en", "zorvex", deprecated)],
            ),
        ]
    )


INDEX = _index()


def _issues(found: list[Pair], context: CheckContext) -> list[tuple[str, str, int]]:
    return [(i.check, i.message, i.position) for i in run_checks(found, context)]


def _unscreened(monkeypatch: pytest.MonkeyPatch) -> None:
    for check_id, registered in list(CHECKS.items()):
        monkeypatch.setitem(CHECKS, check_id, dataclasses.replace(registered, screen=None))


B1, E1, X2 = (code_char(index) for index in range(3))


@settings(max_examples=300, deadline=None)
@given(pairs())
@example([Pair(f"{B1}a{E1} b{X2}", f"{X2}b {B1}a{E1}", "en", "ko", codes=CODES)])
def test_screens_change_no_issue(found: list[Pair]) -> None:
    context = CheckContext(resources={"terms": INDEX})
    screened = _issues(found, context)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _unscreened(monkeypatch)
        assert _issues(found, context) == screened


@settings(max_examples=100, deadline=None)
@given(pairs())
def test_screens_change_no_issue_with_a_strict_profile(found: list[Pair]) -> None:
    settings_ = {"length_ratio.ko-en": "0.9,1.1", "subtitle_lines.max": 1}
    context = CheckContext(Profile(settings=settings_), resources={"terms": INDEX})
    screened = _issues(found, context)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _unscreened(monkeypatch)
        assert _issues(found, context) == screened


@pytest.mark.parametrize(
    ("texts", "pattern", "expected"),
    [
        (["a(", "b", ")c", ""], r"[()]", [0, 2]),
        (["", "", "x"], r"x", [2]),
        (["xx", "x"], r"x", [0, 1]),
        (["a", "b"], r"z", []),
    ],
)
def test_holding_names_the_texts_a_pattern_finds_something_in(
    texts: list[str], pattern: str, expected: list[int]
) -> None:
    batch = PairBatch([Pair("", text, "en", "ko") for text in texts])
    assert batch.holding(re.compile(pattern), "target") == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "The", "THE", "then", "a", "ab", "abab", "b", "1", "_", "é", "É"])
        | st.sampled_from([" ", "  ", "\t", "\n", "\x1c", "\u3000", ".", "-", "\0"]),
        max_size=12,
    ).map("".join)
)
def test_a_repeated_word_is_found_alike_without_backtracking(text: str) -> None:
    from workbench.domain.checks import form

    def spans(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [match.span() for match in pattern.finditer(text)]

    assert spans(form._REPEATED_WHOLE) == spans(form._REPEATED)
    if text.isascii():
        assert spans(form._REPEATED_WHOLE_ASCII) == spans(form._REPEATED_ASCII)
