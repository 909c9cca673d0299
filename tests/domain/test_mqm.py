"""MQM categories, severities, profiles and the raw scoring model, against hand-computed sums."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.mqm import (
    MQM_CORE,
    MqmError,
    MqmSeverity,
    ScoringProfile,
    category,
    mqm_score,
    parse_scoring_profile,
)

MINOR, MAJOR, CRITICAL = MqmSeverity.MINOR, MqmSeverity.MAJOR, MqmSeverity.CRITICAL


def test_categories_are_mqm_core_with_the_names_people_use() -> None:
    assert category("Accuracy") == "accuracy"
    assert category("accuracy/Mistranslation") == "accuracy/mistranslation"
    assert category("fluency") == "linguistic-conventions"  # MQM 1's name
    assert category("locale convention") == "locale-conventions"
    assert category("fluency/spelling") == "linguistic-conventions/spelling"
    with pytest.raises(MqmError, match="dimensions: terminology, accuracy"):
        category("beauty")
    with pytest.raises(MqmError, match="accuracy has no error type 'spelling'"):
        category("accuracy/spelling")
    assert len(MQM_CORE) == 7


def test_a_score_computed_by_hand() -> None:
    # 2 minor (2 points) + 1 major (5) + 1 critical (25) = 32 points over 1,600 words
    errors = [
        ("accuracy/omission", MINOR),
        ("terminology", MINOR),
        ("style", MAJOR),
        ("accuracy/mistranslation", CRITICAL),
    ]
    score = mqm_score(errors, 1600, ScoringProfile())
    assert score.penalty == 32
    assert score.per_word == pytest.approx(0.02)
    assert score.normed == pytest.approx(20.0)  # per 1,000 words
    assert score.quality == pytest.approx(98.0)
    assert not score.passed  # the default threshold is 99
    assert score.counts == {
        "accuracy": {"minor": 1, "critical": 1},
        "terminology": {"minor": 1},
        "style": {"major": 1},
    }
    lenient = parse_scoring_profile("threshold = 97.5\n[weights]\nstyle = 0.5\n")
    score = mqm_score(errors, 1600, lenient)
    assert score.penalty == 29.5 and score.passed


def test_profiles_are_checked_and_bad_ones_name_the_line() -> None:
    profile = parse_scoring_profile(
        "threshold = 95\nreference_words = 500\n[severities]\nmajor = 10\n"
        '[weights]\n"accuracy/omission" = 2\n'
    )
    assert profile.threshold == 95 and profile.multipliers[MAJOR] == 10
    assert profile.weight("accuracy/omission") == 2 and profile.weight("accuracy") == 1
    for text, line in (
        ("threshold = 95\ncolour = 1\n", 2),
        ("[severities]\nhuge = 3\n", 2),
        ("threshold = -1\n", 1),
        ("[weights]\nbeauty = 1\n", 2),
        ("threshold = \n", 1),
    ):
        with pytest.raises(MqmError) as raised:
            parse_scoring_profile(text)
        assert raised.value.line == line, text


@given(
    st.lists(st.tuples(st.sampled_from(list(MQM_CORE)), st.sampled_from(list(MqmSeverity)))),
    st.integers(min_value=0, max_value=100_000),
)
def test_more_errors_never_raise_the_score(
    errors: list[tuple[str, MqmSeverity]], words: int
) -> None:
    profile = ScoringProfile()
    whole = mqm_score(errors, words, profile)
    fewer = mqm_score(errors[:-1], words, profile)
    assert whole.quality <= fewer.quality <= profile.maximum_score
    assert whole.errors == len(errors)
