"""Match bands, counting and rate grids of the analysis."""

from __future__ import annotations

import pytest

from workbench.domain.analysis import Band, Counts, band_of, count_characters, grid_from


@pytest.mark.parametrize(
    ("score", "repeated", "band"),
    [
        (101, Band.REPETITION, Band.CONTEXT),  # in context beats a repetition
        (100, Band.REPETITION, Band.REPETITION),  # a repetition beats an exact match
        (100, Band.CROSS_REPETITION, Band.CROSS_REPETITION),
        (100, None, Band.EXACT),
        (99, None, Band.HIGH),
        (95, None, Band.HIGH),
        (94, None, Band.MIDDLE),
        (85, None, Band.MIDDLE),
        (84, None, Band.LOW),
        (75, None, Band.LOW),
        (74, None, Band.FUZZY),
        (50, None, Band.FUZZY),
        (49, None, Band.NO_MATCH),
        (None, None, Band.NO_MATCH),
        (None, Band.REPETITION, Band.REPETITION),
    ],
)
def test_band_of(score: int | None, repeated: Band | None, band: Band) -> None:
    assert band_of(score, repeated) is band


def test_characters_leave_out_spaces_and_codes_and_count_cjk() -> None:
    assert count_characters("AI 모델 \ue000中文") == (6, 4)
    counts = Counts()
    counts.add_text("퍼스트 팜은 3천200억")
    assert (counts.segments, counts.words, counts.characters, counts.cjk) == (1, 3, 11, 7)


def test_a_grid_takes_known_bands_and_percentages_only() -> None:
    grid = grid_from({"101": 0, "repetitions": 10.5, "no_match": 100})
    assert grid.rate(Band.CONTEXT) == 0 and grid.rate(Band.REPETITION) == 10.5
    assert grid.rate(Band.HIGH) == 100  # not given: the full rate
    assert grid.weighted(20, Band.REPETITION) == pytest.approx(2.1)
    for bad in ({"perfect": 1}, {"100": -1}, {"100": True}, {"100": "25"}):
        with pytest.raises(ValueError):
            grid_from(bad)
