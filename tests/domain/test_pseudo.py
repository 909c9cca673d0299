"""Pseudo-translation: visibly changed, longer, bracketed text that keeps what must not change."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.checks.markup import links, placeholders
from workbench.domain.document import CODE_BASE, code_indexes, plain_text
from workbench.domain.pseudo import CLOSE, OPEN, SCRIPTS, is_pseudo, pseudo_text
from workbench.domain.scripts import Script, script_of


def test_latin_pseudo_text_is_accented_bracketed_and_longer() -> None:
    result = pseudo_text("Save the file", 30, "latin")
    assert result.startswith(OPEN) and result.endswith(CLOSE)
    body = result[1:-1]
    assert "Save" not in body and "Šåṽé" in body
    assert len(body) >= len("Save the file") * 1.3


@pytest.mark.parametrize(("script", "expected"), [("hangul", Script.HANGUL), ("han", Script.HAN)])
def test_cjk_scripts_turn_every_letter_into_that_script(script: str, expected: Script) -> None:
    result = pseudo_text("Open settings", 0, script)  # type: ignore[arg-type]
    letters = [c for c in result[1:-1] if c.isalpha()]
    assert letters and all(script_of(c) is expected for c in letters)


def test_placeholders_urls_codes_and_escapes_stay_as_they_are() -> None:
    code = chr(CODE_BASE)
    text = (
        f"{code}Hello{chr(CODE_BASE + 1)} %1$s and %d in {{folder}} ${{user}} {{{{ name }}}} "
        "see https://example.org/a?b=1 or help@example.org <br/> &amp; \\n \\N"
    )
    result = pseudo_text(text, 50, "latin")
    for kept in (
        "%1$s",
        "%d",
        "{folder}",
        "${user}",
        "{{ name }}",
        "https://example.org/a?b=1",
        "help@example.org",
        "<br/>",
        "&amp;",
        "\\n",
        "\\N",
    ):
        assert kept in result
    assert code_indexes(result) == [0, 1]
    assert "Hello" not in result and "see" not in result


def test_icu_plural_keeps_its_syntax_and_translates_its_branches() -> None:
    text = "{count, plural, =0 {No files} one {# file} other {# files in {dir}}}"
    result = pseudo_text(text, 0, "latin")
    assert result.startswith(OPEN + "{count, plural, =0 {")
    assert "one {# ƒîļé}" in result and "other {# ƒîļéš îñ {dir}}}" in result
    assert "No files" not in result


def test_icu_number_argument_is_kept_whole() -> None:
    assert "{price, number, currency}" in pseudo_text("Pay {price, number, currency} now")


def test_blank_text_stays_blank_and_outer_whitespace_is_kept() -> None:
    assert pseudo_text("") == ""
    assert pseudo_text("  \n") == "  \n"
    result = pseudo_text("  Title \n")
    assert result.startswith("  " + OPEN) and result.endswith(CLOSE + " \n")


def test_digits_are_kept_so_numbers_still_match() -> None:
    assert "2025" in pseudo_text("In 2025 we shipped 3.5 times more")


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="script"):
        pseudo_text("x", 30, "klingon")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expand"):
        pseudo_text("x", -5)


_PROTECTABLE = st.sampled_from(
    ["%s", "%2$d", "{name}", "{0}", "https://a.example/x", "me@mail.example", "<b>", "\\t"]
)
_CODES = st.integers(0, 5).map(lambda i: chr(CODE_BASE + i))
_WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Co")), max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_WORDS, _PROTECTABLE, _CODES), max_size=10).map(" ".join),
    st.integers(0, 200),
    st.sampled_from(SCRIPTS),
)
def test_what_must_survive_survives_any_text(text: str, expand: int, script: str) -> None:
    result = pseudo_text(text, expand, script)  # type: ignore[arg-type]
    if not text.strip():
        assert result == text
        return
    assert is_pseudo(result)
    assert code_indexes(result) == code_indexes(text)
    assert placeholders(result) == placeholders(text)
    assert links(result) == links(text)
    assert len(plain_text(result)) >= len(plain_text(text.strip())) * (1 + expand / 100)
    assert pseudo_text(text, expand, script) == result  # the same text always gives the same  # type: ignore[arg-type]
