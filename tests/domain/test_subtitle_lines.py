"""Subtitle line breaking and the subtitle checks (characters per line, lines, reading speed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.checks import CheckContext, Pair, Profile, run_checks
from workbench.domain.document import CODE_BASE
from workbench.domain.subtitles import (
    CueTiming,
    cue_timing,
    joiner,
    line_length,
    reading_speed,
    visible_length,
    wrap_lines,
)

SUBTITLE_CHECKS = {"subtitle_line_length", "subtitle_lines", "subtitle_reading_speed"}


def test_a_long_line_is_split_in_two_even_halves() -> None:
    text = "The women of our time were something like ornaments for parties"
    lines = wrap_lines(text, 42)
    assert lines == ["The women of our time were", "something like ornaments for parties"]


def test_short_text_stays_on_one_line_and_breaks_typed_are_kept() -> None:
    assert wrap_lines("Where are you?", 42) == ["Where are you?"]
    assert wrap_lines("- Where?\n- Here.", 42) == ["- Where?", "- Here."]


def test_ties_go_to_a_break_after_punctuation_then_to_a_shorter_top_line() -> None:
    assert wrap_lines("abc de, fgh", 8) == ["abc de,", "fgh"]
    assert wrap_lines("abc de fgh", 8) == ["abc", "de fgh"]
    assert wrap_lines("I know, and you know it all, right now", 30) == [
        "I know, and you know",  # evenness first: "...it all," / "right now" is 28 / 9
        "it all, right now",
    ]


def test_chinese_and_japanese_break_between_characters_but_not_before_closing_marks() -> None:
    lines = wrap_lines("这是一个很长的中文字幕句子，需要分成两行才能显示。", 16)
    assert len(lines) == 2 and all(visible_length(line) <= 16 for line in lines)
    assert lines[0].endswith("，")  # the natural break wins
    japanese = wrap_lines("あいうえおかきくけこさしすせそたちつ。", 16)
    assert not japanese[1].startswith("。")


def test_korean_breaks_only_at_spaces() -> None:
    lines = wrap_lines("한국어 자막은 띄어쓰기 단위로 줄을 나누어야 합니다", 16)
    assert lines == ["한국어 자막은 띄어쓰기", "단위로 줄을 나누어야 합니다"]


def test_codes_have_no_width() -> None:
    bold, end = chr(CODE_BASE), chr(CODE_BASE + 1)
    text = f"{bold}Twelve chars{end} " * 3
    assert wrap_lines(text.strip(), 40) == [text.strip()]


def test_lines_join_by_space_except_between_chinese_or_japanese() -> None:
    assert joiner("日本語の", "字幕です") == ""
    assert joiner("한국어", "자막") == " "
    assert joiner("Hello", "world") == " "
    assert joiner("Hello", "- Bye") == "\n"


def test_limits_by_language() -> None:
    assert (line_length("en"), line_length("ko"), line_length("zh-Hant")) == (42, 16, 16)
    assert (reading_speed("fr"), reading_speed("ja")) == (17, 7)


def _greedy(words: list[str], limit: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(st.sampled_from("abcdefghij"), min_size=1, max_size=12), max_size=25),
    st.integers(8, 50),
)
def test_wrapping_loses_no_word_takes_fewest_lines_and_is_balanced(
    words: list[str], limit: int
) -> None:
    text = " ".join(words)
    lines = wrap_lines(text, limit)
    assert " ".join(lines) == text
    greedy = _greedy(words, limit) or [""]
    assert len(lines) == len(greedy)  # greedy filling is the fewest lines possible
    assert max(map(len, lines)) <= max(map(len, greedy))
    assert all(len(line) <= limit or " " not in line for line in lines)


def _pair(target: str, lang: str = "en", seconds: float | None = 3.0) -> Pair:
    cue = None if seconds is None else CueTiming(1000, 1000 + int(seconds * 1000))
    return Pair("Source text.", target, "ko" if lang != "ko" else "en", lang, cue=cue)


def _issues(pair: Pair, profile_settings: dict[str, object] | None = None) -> list[str]:
    profile = Profile(enabled=SUBTITLE_CHECKS, settings=dict(profile_settings or {}))
    return [f"{i.check}: {i.message}" for i in run_checks([pair], CheckContext(profile))]


def test_a_cue_that_fits_has_no_issue() -> None:
    assert _issues(_pair("A short line.")) == []


def test_too_many_lines_and_too_fast_to_read() -> None:
    long = "word " * 30
    found = _issues(_pair(long.strip(), seconds=2.0))
    assert "subtitle_lines: 4 lines in the cue, more than 2" in found
    assert any(
        m.startswith("subtitle_reading_speed: reading speed 74.5 characters per second")
        for m in found
    )


def test_a_word_longer_than_a_line_is_flagged_and_gets_a_line_of_its_own() -> None:
    target = "See https://example.org/a/rather/long/path/to/the/page now"
    assert wrap_lines(target, 42) == [
        "See",
        "https://example.org/a/rather/long/path/to/the/page",
        "now",
    ]
    assert _issues(_pair(target, seconds=10)) == [
        "subtitle_line_length: line 2 has 50 characters, more than 42",
        "subtitle_lines: 3 lines in the cue, more than 2",
    ]


def test_korean_limits_are_stricter_and_the_profile_can_change_them() -> None:
    korean = "한국어 자막은 한 줄에 열여섯 자"  # 18 characters, wrapped onto two lines
    assert _issues(_pair(korean, "ko", seconds=3.0)) == []
    assert _issues(_pair(korean, "ko", seconds=1.5)) == [
        "subtitle_reading_speed: reading speed 12.0 characters per second, more than 9 "
        "(18 characters in 1.5 s)"
    ]
    assert _issues(_pair(korean, "ko", seconds=1.5), {"subtitle_reading_speed.ko": 12}) == []
    assert _issues(_pair(korean, "ko"), {"subtitle_lines.max": 1}) == [
        "subtitle_lines: 2 lines in the cue, more than 1"
    ]


def test_the_general_limit_leaves_cjk_languages_their_own() -> None:
    line = "Twelve chars and more"
    assert _issues(_pair(line), {"subtitle_line_length.max": 12}) == [
        "subtitle_line_length: line 1 has 21 characters, more than 12"
    ]
    assert _issues(_pair("열두 글자", "ko"), {"subtitle_line_length.max": 2}) == []


def test_only_subtitle_cues_are_checked() -> None:
    assert _issues(_pair("word " * 40, seconds=None)) == []
    assert _issues(_pair("Never shown.", seconds=0)) == []


def test_cue_timing_comes_from_the_segment_structure() -> None:
    assert cue_timing({"start_ms": "1500", "end_ms": "4000"}) == CueTiming(1500, 4000)
    assert cue_timing({"start_ms": "1500"}) is None
    assert cue_timing({}) is None
