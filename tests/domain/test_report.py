"""How issues are shown: worst first, grouped by check, what differs marked, never a space."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.checks import Issue, Severity
from workbench.domain.checks.report import grouped_by_check, mark_spans, visible_ends, worst_first

INFO = Issue("capitalization", Severity.INFO, "lower-case", 1)
ERROR = Issue("number_mismatch", Severity.ERROR, "number 3 in source, 4 in target", 2)
WARNING = Issue("quote_mismatch", Severity.WARNING, "1 quotation in source, 0 in target", 3)


def test_severity_ranks_errors_first() -> None:
    assert sorted(Severity, key=lambda s: s.rank) == [
        Severity.ERROR,
        Severity.WARNING,
        Severity.INFO,
    ]
    assert worst_first([INFO, WARNING, ERROR, INFO]) == [ERROR, WARNING, INFO, INFO]


def test_groups_by_check_worst_first_then_as_found() -> None:
    later_error = Issue("term_missing", Severity.ERROR, "x", 9)
    assert grouped_by_check([INFO, ERROR, WARNING, later_error, ERROR]) == [
        ("number_mismatch", [ERROR, ERROR]),
        ("term_missing", [later_error]),
        ("quote_mismatch", [WARNING]),
        ("capitalization", [INFO]),
    ]


@pytest.mark.parametrize(
    ("text", "pieces", "from_end", "marked"),
    [
        # the same number twice, for two pieces: the later occurrence too (was CLI: first only)
        ("3천200억 원, 3일", ["3천200억", "3"], False, ["3천200억", "3"]),
        ("3 and 3", ["3", "3"], False, ["3"]),
        # whitespace is never marked: around a piece or alone
        ("Amount: 5", [" 5 ", " "], False, ["5"]),
        ("Total", ["Total"], False, []),  # the whole text says nothing
        # a code inside the named words: the mark takes the code in
        ("⟨1⟩Wenge⟨/1⟩ Tech's chairman", ["Wenge Tech"], False, ["Wenge⟨/1⟩ Tech"]),
        # final punctuation is marked where it ends the text, or not at all
        ("Rose, and fell,", [",", "."], True, [","]),
        ("He said “good”.", ["."], True, ["."]),
        ("a.b c", ["."], True, []),
        ("ends⟨/1⟩.⟨2/⟩", ["."], True, ["."]),
    ],
)
def test_mark_spans(text: str, pieces: list[str], from_end: bool, marked: list[str]) -> None:
    spans = mark_spans(text, pieces, from_end=from_end)
    assert [text[start:end] for start, end in spans] == marked


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (" Announcement:", "␣Announcement:"),
        ("Amount: ", "Amount:␣"),
        ("\tTab\n", "⇥Tab↵"),
        ("  ", "␣␣"),
        ("in side", "in side"),
    ],
)
def test_visible_ends(text: str, shown: str) -> None:
    assert visible_ends(text) == shown


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=" ab3.,\n한", max_size=30),
    st.lists(st.text(alphabet=" ab3.,", max_size=4), max_size=4),
    st.booleans(),
)
def test_marks_never_land_on_a_space_nor_overlap(
    text: str, pieces: list[str], from_end: bool
) -> None:
    spans = mark_spans(text, pieces, from_end=from_end)
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
