"""Text shown on a terminal: controls become visible escapes, JSON stays exact."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.display import one_line, visible

ACTING = {chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)]} - {"\t", "\n"}
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
"""Every code point, lone surrogates and controls included."""


def test_escape_sequences_and_undecodable_bytes_become_visible() -> None:
    assert visible("title\x1b]0;pwned\x07 clear\x1b[2J") == (
        "title\\u001b]0;pwned\\u0007 clear\\u001b[2J"
    )
    assert visible("over\rwrite\x9b31m\x7f") == "over\\u000dwrite\\u009b31m\\u007f"
    assert visible("bad-\udcff.csv") == "bad-\\udcff.csv"  # the byte 0xFF of a file name
    plain = "원거테크놀러지\t中科聞歌\nŞanghay ｃｅｏ"
    assert visible(plain) == plain


def test_one_line_folds_line_breaks_and_cuts_long_messages() -> None:
    assert one_line("x.xlf:3: CDATA not finished\r\n<seg>a\nb</seg>\n") == (
        "x.xlf:3: CDATA not finished\\n<seg>a\\nb</seg>"
    )
    long = one_line("가" * 1_000, limit=100)
    assert long == "가" * 100 + "… (900 more characters)"


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_nothing_shown_acts_on_a_terminal_or_fails_to_encode(text: str) -> None:
    shown = visible(text)
    assert not ACTING & set(shown)
    shown.encode("utf-8")  # no lone surrogate left: strict UTF-8 output cannot fail
    assert visible(shown) == shown
    folded = one_line(text, limit=10_000)
    assert "\n" not in folded and not ACTING & set(folded)


@settings(max_examples=300, deadline=None)
@given(st.lists(any_text, max_size=4))
def test_json_through_visible_parses_back_to_the_same_strings(texts: list[str]) -> None:
    printed = visible(json.dumps(texts, ensure_ascii=False, indent=2))
    assert json.loads(printed) == texts


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=60))
def test_text_without_controls_is_shown_unchanged(text: str) -> None:
    assert visible(text) == text


def test_counts_name_their_noun_in_the_right_number() -> None:
    from workbench.domain.display import counted

    assert counted(1, "concept") == "1 concept"
    assert counted(0, "concept") == "0 concepts"
    assert counted(1200, "TM unit") == "1200 TM units"
    assert counted(2, "entry", "entries") == "2 entries"
