"""LanguageIndex.add_many is add() of each key in turn: the same keys, entries and changes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.term_keys import LanguageIndex

KEYS = st.sampled_from(
    [
        "센스타임",
        "센스 타임",
        "디지털 은행",
        "디지털은행",
        "city",
        "cities",
        "company",
        "key",
        "policy",
        "data",
        "商汤 科技",
        "商汤科技",
        "3천200억",
        "a b c",
        " ",
    ]
)
TERMS = st.lists(st.tuples(KEYS, st.booleans()), max_size=30)


def _state(index: LanguageIndex) -> tuple[object, ...]:
    return (
        dict(index.entries),
        index.spaced_keys,
        index.spaceless_keys,
        index.changed,
        index.dirty,
        index.spaced_lengths(),
    )


@settings(max_examples=200)
@given(TERMS, TERMS)
def test_add_many_is_add_in_turn(
    before_seal: list[tuple[str, bool]], after: list[tuple[str, bool]]
) -> None:
    one, many = LanguageIndex(), LanguageIndex()
    for entry, (key, loose) in enumerate(before_seal):
        one.add(entry, loose, key)
    many.add_many(
        range(len(before_seal)), [loose for _, loose in before_seal], [k for k, _ in before_seal]
    )
    assert _state(one) == _state(many)
    one.seal()
    many.seal()
    start = len(before_seal)  # sealed: the keys added now are changes the delta automata take
    for entry, (key, loose) in enumerate(after, start):
        one.add(entry, loose, key)
    many.add_many(
        range(start, start + len(after)), [loose for _, loose in after], [k for k, _ in after]
    )
    assert _state(one) == _state(many)
