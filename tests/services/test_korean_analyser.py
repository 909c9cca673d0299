"""The Korean analyser in its own process answers as the one in this process does."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from workbench import services
from workbench.domain import korean
from workbench.services.korean_analyser import AnalyserProcess

# (word, where the name ends): endings the particle rules do not know, particles, a word
# the name does not end, and words with nothing after the name
QUESTIONS = [
    ("센스타임스럽다", 4),
    ("센스타임답게", 4),
    ("원거테크놀러지적인", 7),
    ("딥시크롭다", 3),
    ("디지털은행에서는", 5),
    ("센스타임은", 4),
    ("서울시민", 2),
    ("한국어", 2),
    ("딥시크", 3),
    ("삼성전자하게", 4),
]


@pytest.fixture
def analyser() -> Iterator[AnalyserProcess]:
    process = AnalyserProcess()
    yield process
    process.close()


def test_the_process_answers_as_this_process_does(analyser: AnalyserProcess) -> None:
    assert not analyser.running  # started by the first question only
    answers = [analyser.splits_after(word, position) for word, position in QUESTIONS]
    assert analyser.running
    assert answers == [korean.splits_after(word, position) for word, position in QUESTIONS]
    assert set(answers) == {True, False}  # the questions reach both answers: not vacuous


def test_a_process_that_stops_costs_time_not_answers(analyser: AnalyserProcess) -> None:
    first_word, first_position = QUESTIONS[0]
    assert analyser.splits_after(first_word, first_position) == korean.splits_after(
        first_word, first_position
    )
    assert analyser._process is not None
    analyser._process.kill()  # it crashed, or was killed from outside
    analyser._process.wait()
    answers = [analyser.splits_after(word, position) for word, position in QUESTIONS]
    assert answers == [korean.splits_after(word, position) for word, position in QUESTIONS]
    assert not analyser.running


def test_while_started_the_analysers_questions_go_to_the_process() -> None:
    korean.analyser_splits_after.cache_clear()
    started = services.start_korean_analyser()
    try:
        word, position = QUESTIONS[0]
        assert korean.analyser_splits_after(word, position) == korean.splits_after(word, position)
        assert started.running
    finally:
        services.stop_korean_analyser(started)
    assert not started.running
    korean.analyser_splits_after.cache_clear()
    word, position = QUESTIONS[1]
    assert korean.analyser_splits_after(word, position) == korean.splits_after(word, position)
    assert not started.running  # answered here again


def test_a_thread_that_does_not_wait_is_told_so_and_answered_once_loaded(
    analyser: AnalyserProcess,
) -> None:
    """The editor's screen thread asks without waiting: while the process loads it hears
    AnalyserBusy at once (and the process starts), then it gets the same answers."""
    word, position = QUESTIONS[0]
    started = time.monotonic()
    with services.analyser_without_waiting(), pytest.raises(services.AnalyserBusy):
        analyser.splits_after(word, position)
    assert time.monotonic() - started < 1.0  # loading takes seconds
    analyser.wait_ready()
    assert analyser.running
    with services.analyser_without_waiting():
        answers = [analyser.splits_after(w, p) for w, p in QUESTIONS]
    assert answers == [korean.splits_after(w, p) for w, p in QUESTIONS]
