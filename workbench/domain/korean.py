"""Korean: particles and endings that may follow a name inside one word (eojeol)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

# Case particles, auxiliary particles, the copula and its common endings, and the suffixes
# that attach to names (들, 측). A word is "name + particles" when the rest of it splits
# into a sequence of these.
PARTICLES = frozenset(
    " ".join(
        (
            "이 가 은 는 을 를 의 에 에서 에게 에게서 께 께서 한테 한테서 로",
            "으로 로서 으로서 로써 으로써 와 과 랑 이랑 하고 도 만 까지 부터",
            "보다 처럼 같이 마다 조차 밖에 뿐 대로 나 이나 든지 이든지 며 이며",
            "고 이고 라고 이라고 라는 이라는 란 이란 야 이야 요 이요 여 이여 아",
            "야말로 이야말로 들 측 님 씨 쪽 간 내 외 상 등 및 이다 다 입니다",
            "니다 였다 이었다 었다 인 이자 였던 이던 던 일 임 이었고 였고 이지만",
            "지만 이라며 라며 이라면 라면 으로는 로는 으로도 로도 에는 에도 에서는",
            "에서도 에게는 에게도 와의 과의 의해 에의 에로 로의 으로의 만큼 만의",
            "까지의 부터의 보다는 하며 했다 한 할 해 된 되는 이라 라 이라서 라서",
            "인데 이다가 다가 이었으며 였으며 이었던",
        )
    ).split()
)
MAX_PARTICLES = 4


@lru_cache(maxsize=65536)
def is_particle_sequence(rest: str) -> bool:
    """True when rest (the word after a name) is a sequence of particles and endings."""
    if not rest:
        return True
    return _split(rest, MAX_PARTICLES)


def _split(rest: str, budget: int) -> bool:
    if not rest:
        return True
    if budget == 0:
        return False
    return any(
        rest[:size] in PARTICLES and _split(rest[size:], budget - 1)
        for size in range(min(len(rest), 5), 0, -1)
    )


@cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi  # its model ships in kiwipiepy_model; loading takes a second

    return Kiwi()


_FUNCTIONAL_TAGS = ("J", "E", "VCP", "XSN", "XSV", "XSA")


# A miss costs the analyser 0.05-0.1 ms: 16,384 words were thrashed by a few MB of Korean text
# whose candidates have endings that are not particles (each word read again on every scan).
@lru_cache(maxsize=65536)
def analyser_splits_after(word: str, position: int) -> bool:
    """True when the morphological analyser puts a boundary at position and only particles,
    endings or suffixes after it (the rules did not know the ending)."""
    return _analyser(word, position)


def splits_after(word: str, position: int) -> bool:
    """analyser_splits_after's answer from the analyser in this process (not remembered)."""
    tokens = _kiwi().tokenize(word)
    if not any(token.start == position for token in tokens):
        return False
    return all(
        str(token.tag).startswith(_FUNCTIONAL_TAGS) for token in tokens if token.start >= position
    )


_analyser: Callable[[str, int], bool] = splits_after


def use_analyser(analyser: Callable[[str, int], bool]) -> None:
    """Answer analyser_splits_after with analyser from now on: one in another process, whose
    model loads there (Kiwi holds the interpreter for seconds while it loads and warms up).
    It must give splits_after's answers."""
    global _analyser
    _analyser = analyser
