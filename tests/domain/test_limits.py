"""Limits: defaults, overrides from the environment, and errors that name the limit."""

from __future__ import annotations

import pytest

from workbench.domain.limits import LimitError, Limits, parse_size


def test_the_environment_overrides_limits_by_name_with_size_suffixes() -> None:
    limits = Limits.from_environment(
        {"WORKBENCH_LIMIT_TERM": "2000", "WORKBENCH_LIMIT_ZIP_MEMBER": "512M", "OTHER": "1"}
    )
    assert limits.term == 2000
    assert limits.zip_member == 512 * 1024 * 1024
    assert limits.segment == Limits().segment
    assert Limits.from_environment({"WORKBENCH_LIMIT_ZIP_TOTAL": " 2 GiB "}).zip_total == 2 << 30


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_variable_keeps_the_default(value: str) -> None:
    assert Limits.from_environment({"WORKBENCH_LIMIT_TERM": value}) == Limits()


@pytest.mark.parametrize("value", ["lots", "-5", "0", "12X", "1.5M"])
def test_a_bad_value_says_which_variable_and_what_is_expected(value: str) -> None:
    with pytest.raises(ValueError, match=f"WORKBENCH_LIMIT_LINE={value!r} is not a positive"):
        Limits.from_environment({"WORKBENCH_LIMIT_LINE": value})


def test_check_passes_text_within_the_limit_and_names_the_limit_when_over() -> None:
    limits = Limits(term=5)
    assert limits.check("term", "12345") == "12345"
    with pytest.raises(LimitError) as caught:
        limits.check("term", "123456")
    assert str(caught.value) == (
        "a term of 6 characters is over the limit of 5 "
        "(limit term; set WORKBENCH_LIMIT_TERM to raise it)"
    )
    assert (caught.value.name, caught.value.limit, caught.value.actual) == ("term", 5, 6)


def test_sizes_are_counted_in_binary_units() -> None:
    assert [parse_size(text, "x") for text in ("1k", "1K", "3M", "1g")] == [
        1024,
        1024,
        3 << 20,
        1 << 30,
    ]
