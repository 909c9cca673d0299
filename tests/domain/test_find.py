"""Segment filters and planned replacements: Korean, Chinese and English, codes kept whole."""

from __future__ import annotations

import threading
import time

import pytest

from workbench.domain.document import Segment, SegmentStatus, code_char
from workbench.domain.find import (
    CROSSES_CODE,
    UNTRANSLATED,
    Replacement,
    SearchTooSlow,
    SegmentFilter,
    plan_replacements,
)

C0, C1, C2 = code_char(0), code_char(1), code_char(2)


def seg(
    source: str,
    target: str = "",
    status: SegmentStatus = SegmentStatus.NEW,
    position: int = 1,
    **structure: str,
) -> Segment:
    return Segment(
        source,
        target,
        status=status,
        position=position,
        id=position * 10,
        version=position,
        structure=dict(structure),
    )


# --- filters -----------------------------------------------------------------------------------

TEXT_FILTERS = [
    # (source, target, filter, shown)
    ("원거테크놀러지의 왕레이", "", SegmentFilter(text="왕레이"), True),
    ("퍼스트 팜은 말했다", "", SegmentFilter(text="팜"), True),
    ("中科聞歌", "", SegmentFilter(text="聞歌"), True),
    ("中科聞歌", "", SegmentFilter(text="闻歌"), False),  # script folding is the TM's job
    ("", "Beijing Wenge Technology", SegmentFilter(text="wenge tech"), True),
    ("", "Beijing Wenge Technology", SegmentFilter(text="wenge", case_sensitive=True), False),
    ("", "STRASSE", SegmentFilter(text="straße"), True),  # casefold, not lower
    ("", "ＷＡＩＣ opened", SegmentFilter(text="waic"), True),  # full-width folds
    ("ＷＡＩＣ", "", SegmentFilter(text="WAIC", case_sensitive=True), True),
    ("WAIC", "", SegmentFilter(text="ＷＡＩＣ"), True),
    ("ｾﾝｽﾀｲﾑ", "", SegmentFilter(text="センスタイム"), True),  # half-width kana
    (f"{C0}원거{C1}테크놀러지", "", SegmentFilter(text="원거테크"), True),  # codes invisible
    ("8월 15일", "August 15", SegmentFilter(text="15", where="source"), True),
    ("8월 15일", "August 16", SegmentFilter(text="16", where="source"), False),
    ("8월 15일", "August 16", SegmentFilter(text="16", where="target"), True),
    ("8월 15일", "August 16", SegmentFilter(text="16"), True),
    ("", "in 2025 and 2026", SegmentFilter(text=r"20\d\d", regex=True), True),
    ("", "Wenge", SegmentFilter(text=r"^wenge$", regex=True), True),
    ("", "Wenge", SegmentFilter(text=r"^wenge$", regex=True, case_sensitive=True), False),
    ("", "ＷＡＩＣ", SegmentFilter(text="WAIC", regex=True), False),  # a regex sees the text as is
    ("스쥔(史軍)", "", SegmentFilter(text=r"\(\w+\)", regex=True), True),
]


@pytest.mark.parametrize(("source", "target", "query", "shown"), TEXT_FILTERS)
def test_text_filter(source: str, target: str, query: SegmentFilter, shown: bool) -> None:
    assert query.matches(seg(source, target)) is shown


STATUS_FILTERS = [
    (SegmentStatus.NEW, True),
    (SegmentStatus.DRAFT, True),
    (SegmentStatus.TRANSLATED, False),
    (SegmentStatus.REVIEWED, False),
    (SegmentStatus.APPROVED, False),
    (SegmentStatus.REJECTED, False),
]


@pytest.mark.parametrize(("status", "shown"), STATUS_FILTERS)
def test_untranslated_means_new_or_draft(status: SegmentStatus, shown: bool) -> None:
    assert SegmentFilter(statuses=UNTRANSLATED).matches(seg("가", status=status)) is shown


def test_with_issues_uses_the_positions_the_caller_gives() -> None:
    query = SegmentFilter(with_issues=True)
    assert query.matches(seg("가", position=3), {1, 3})
    assert not query.matches(seg("가", position=2), {1, 3})
    assert not query.matches(seg("가", position=2))


def test_parts_of_a_filter_all_apply() -> None:
    query = SegmentFilter(statuses=UNTRANSLATED, with_issues=True, text="왕레이")
    assert query.matches(seg("왕레이", status=SegmentStatus.DRAFT, position=2), {2})
    assert not query.matches(seg("왕레이", status=SegmentStatus.TRANSLATED, position=2), {2})
    assert not query.matches(seg("스쥔", status=SegmentStatus.DRAFT, position=2), {2})


def test_the_default_filter_shows_everything_and_says_so() -> None:
    query = SegmentFilter()
    assert not query.active
    assert query.describe() == "all segments"
    assert all(query.matches(seg("가", status=status)) for status in SegmentStatus)


def test_describe() -> None:
    query = SegmentFilter(
        statuses=UNTRANSLATED, with_issues=True, text="Wenge", where="target", regex=True
    )
    assert query.active
    assert query.describe() == "untranslated · with QA issues · “Wenge” in target (regex)"


def test_filters_are_values() -> None:
    assert SegmentFilter(text="a") == SegmentFilter(text="a")
    assert len({SegmentFilter(text="a"), SegmentFilter(text="a")}) == 1


@pytest.mark.parametrize("pattern", ["(", "[가-", "*x", "(?P<a>x)(?P<a>y)"])
def test_an_invalid_regex_filter_says_so(pattern: str) -> None:
    with pytest.raises(ValueError, match="invalid regular expression"):
        SegmentFilter(text=pattern, regex=True)


def test_an_invalid_regex_is_fine_as_plain_text() -> None:
    assert SegmentFilter(text="(").matches(seg("스쥔(史軍)"))


# --- replacements ------------------------------------------------------------------------------

REPLACEMENTS = [
    # (target, find, replace, options, after)
    (
        "Wenge Tech said",
        "Wenge Tech",
        "Beijing Wenge Technology",
        {},
        "Beijing Wenge Technology said",
    ),
    ("wenge tech and WENGE TECH", "Wenge Tech", "WT", {}, "WT and WT"),
    (
        "wenge tech and Wenge Tech",
        "Wenge Tech",
        "WT",
        {"case_sensitive": True},
        "wenge tech and WT",
    ),
    ("ＷＡＩＣ opened", "WAIC", "the WAIC", {}, "the WAIC opened"),
    ("주광상 총괄", "주광상", "주광샹", {}, "주광샹 총괄"),
    ("퍼스트 팜은 팜을 샀다", "팜", "농장", {"whole_word": True}, "퍼스트 농장은 농장을 샀다"),
    ("中科聞歌和中科聞歌", "聞歌", "闻歌", {}, "中科闻歌和中科闻歌"),
    ("Farm and Farms", "Farm", "Ranch", {"whole_word": True}, "Ranch and Farms"),
    ("Farm and Farms", "Farm", "Ranch", {}, "Ranch and Ranchs"),
    (
        "the 2025 and 2026 fairs",
        r"(\d{2})(\d{2})",
        r"'\2",
        {"regex": True},
        "the '25 and '26 fairs",
    ),
    (
        "Wang Lei",
        r"(?P<given>\w+) (?P<family>\w+)",
        r"\g<family> \g<given>",
        {"regex": True},
        "Lei Wang",
    ),
    ("왕레이(王磊)", r"\((.+?)\)", r" [\1]", {"regex": True}, "왕레이 [王磊]"),
    ("costs $5", r"\$(\d)", r"USD \1", {"regex": True}, "costs USD 5"),
    ("a  b   c", r" +", " ", {"regex": True}, "a b c"),
    ("Wenge Tech", "Tech", "", {}, "Wenge "),
    ("STRASSE", "straße", "Street", {}, "Street"),
]


@pytest.mark.parametrize(("target", "find", "replace", "options", "after"), REPLACEMENTS)
def test_replacement(
    target: str, find: str, replace: str, options: dict[str, bool], after: str
) -> None:
    [planned] = plan_replacements([seg("원문", target)], find, replace, **options)
    assert planned.after == after
    assert planned.changed and not planned.skipped


def test_spans_locate_each_change_before_and_after() -> None:
    [planned] = plan_replacements([seg("원문", "WT and WT")], "WT", "Wenge Tech")
    assert planned.after == "Wenge Tech and Wenge Tech"
    for span in planned.spans:
        assert planned.before[span.before_start : span.before_end] == "WT"
        assert planned.after[span.after_start : span.after_end] == "Wenge Tech"


def test_a_replacement_carries_what_a_safe_save_needs() -> None:
    [planned] = plan_replacements([seg("원문", "Wenge Tech", position=4)], "Tech", "Technology")
    assert (planned.position, planned.segment_id, planned.version) == (4, 40, 4)
    assert planned.before == "Wenge Tech"


CODES = [
    # (target, find, replace, regex, after, skipped texts)
    (f"{C0}Wenge{C1} Tech", "Wenge Tech", "WT", False, f"{C0}Wenge{C1} Tech", [f"Wenge{C1} Tech"]),
    (f"{C0}Wenge Tech{C1}", "Wenge Tech", "WT", False, f"{C0}WT{C1}", []),
    (f"Wenge{C2}Tech", "WengeTech", "WT", False, f"Wenge{C2}Tech", [f"Wenge{C2}Tech"]),
    (
        f"{C0}Wenge{C1} Tech, Wenge Tech",
        "Wenge Tech",
        "WT",
        False,
        f"{C0}Wenge{C1} Tech, WT",
        [f"Wenge{C1} Tech"],
    ),
    (
        f"{C0}왕레이{C1}(王磊)",
        r"왕레이.*",
        "",
        True,
        f"{C0}왕레이{C1}(王磊)",
        [f"왕레이{C1}(王磊)"],
    ),
    (f"a{C2}b", r"a.b", "x", True, f"a{C2}b", []),  # a regex never matches a code itself
    (f"{C0}bold{C1}", r"\w+", "BOLD", True, f"{C0}BOLD{C1}", []),
]


@pytest.mark.parametrize(("target", "find", "replace", "regex", "after", "skipped"), CODES)
def test_codes_are_never_broken(
    target: str, find: str, replace: str, regex: bool, after: str, skipped: list[str]
) -> None:
    plans = plan_replacements([seg("원문", target)], find, replace, regex=regex)
    planned = plans[0] if plans else None
    assert (planned.after if planned else target) == after
    assert sorted(after.count(c) for c in (C0, C1, C2)) == sorted(
        target.count(c) for c in (C0, C1, C2)
    )
    found = [target[s.start : s.end] for s in planned.skipped] if planned else []
    assert found == skipped
    assert planned is None or all(s.reason == CROSSES_CODE and s.codes for s in planned.skipped)


def test_a_segment_with_only_skipped_matches_is_listed_unchanged() -> None:
    [planned] = plan_replacements([seg("원문", f"Wenge{C1} Tech")], "Wenge Tech", "WT")
    assert not planned.changed
    assert planned.skipped[0].codes == (1,)


def test_only_translated_targets_that_match_are_planned() -> None:
    segments = [
        seg("원문", "Wenge Tech", position=1),
        seg("원문", "", position=2),  # nothing to replace in
        seg("Wenge Tech", "SenseTime", position=3),  # sources are never touched
        seg("원문", "Wenge Tech", position=4, translate="no"),
        seg("원문", "Wenge Tech", position=5),
    ]
    plans = plan_replacements(segments, "Wenge Tech", "WT")
    assert [p.position for p in plans] == [1, 5]


def test_nothing_changes_when_the_replacement_is_the_match() -> None:
    assert plan_replacements([seg("원문", "Wenge Tech")], "Wenge Tech", "Wenge Tech") == []


def test_an_empty_find_plans_nothing() -> None:
    assert plan_replacements([seg("원문", "Wenge")], "", "x") == []


@pytest.mark.parametrize(
    ("find", "replace", "message"),
    [
        ("(", "x", "invalid regular expression: missing \\)"),
        ("(a)", r"\2", r"invalid replacement '\\\\2': invalid group reference 2"),
        ("(a)", r"\g<name>", "invalid replacement"),
    ],
)
def test_invalid_regex_or_replacement_says_which(find: str, replace: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plan_replacements([seg("원문", "a")], find, replace, regex=True)


def test_a_replacement_cannot_bring_codes() -> None:
    with pytest.raises(ValueError, match="cannot contain inline codes"):
        plan_replacements([seg("원문", "a")], "a", f"{C0}b")


def test_dollar_groups_are_literal() -> None:
    [planned] = plan_replacements([seg("원문", "Wang Lei")], r"(\w+) (\w+)", "$2 $1", regex=True)
    assert planned.after == "$2 $1"


def test_zero_width_matches_insert() -> None:
    [planned] = plan_replacements(
        [seg("원문", f"{C0}Wenge Tech{C1}")], r"(?=Wenge)", "Beijing ", regex=True
    )
    assert planned.after == f"{C0}Beijing Wenge Tech{C1}"


def test_replacement_is_a_plain_value() -> None:
    replacement = Replacement(1, 10, 1, "a", "b", ())
    assert replacement.changed and replacement.skipped == ()


# --- regular expressions that backtrack (issue 12 item 9) ----------------------------------------

BACKTRACKING = "(a|aa)+$"
"""Exponential in a backtracking engine on a long run of a's that does not end the text."""


def test_the_reported_regex_runs_in_no_time() -> None:
    segments = [
        seg("첫 문장", "word " * 30 + "!", position=1),
        seg("둘째", "two words", position=2),
    ]
    started = time.monotonic()
    shown = SegmentFilter(text=r"(\w+\s?)+$", regex=True, where="target").passing(segments)
    assert shown == [1]  # "two words" ends in a word; the first ends in "!"
    assert time.monotonic() - started < 1


def test_a_filter_that_backtracks_is_stopped_at_its_time_limit() -> None:
    segments = [seg("문장", "a" * 60 + "b", position=n) for n in range(1, 4)]
    chosen = SegmentFilter(text=BACKTRACKING, regex=True)
    started = time.monotonic()
    with pytest.raises(SearchTooSlow, match=r"longer than 0\.3 s"):
        chosen.passing(segments, time_limit=0.3)
    assert time.monotonic() - started < 3


def test_a_replacement_that_backtracks_is_stopped_too() -> None:
    with pytest.raises(ValueError, match="simplify the regular expression"):
        plan_replacements(
            [seg("문장", "a" * 60 + "b")], BACKTRACKING, "x", regex=True, time_limit=0.3
        )


def test_other_threads_run_while_a_regex_backtracks() -> None:
    """The search lets the interpreter go: an editor searching in a worker keeps drawing."""
    chosen = SegmentFilter(text=BACKTRACKING, regex=True)
    segment = seg("문장", "a" * 60 + "b")
    stopped: list[SearchTooSlow] = []

    def search() -> None:
        try:
            chosen.passing([segment], time_limit=0.3)
        except SearchTooSlow as error:
            stopped.append(error)

    worker = threading.Thread(target=search)
    ticks = 0
    started = time.monotonic()
    worker.start()
    while worker.is_alive():
        time.sleep(0.01)
        ticks += 1
    elapsed = time.monotonic() - started
    assert stopped and elapsed >= 0.2
    assert ticks >= elapsed * 100 / 4  # most of the 10 ms ticks came
