"""The term automata find what ahocorasick-rs finds, and a kept automaton is used only when
it is the one its keys would compile to."""

from __future__ import annotations

import ahocorasick_rs
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.term_keys import Automaton, keys_digest

# few characters, so that keys nest, overlap and share prefixes and suffixes
ALPHABETS = st.sampled_from(["ab", "abc", "가나다", "ab 가", "aé中", "센스타임 은"])


@st.composite
def keys_and_text(draw: st.DrawFn) -> tuple[list[str], str]:
    alphabet = draw(ALPHABETS)
    word = st.text(alphabet, min_size=1, max_size=6)
    keys = sorted(set(draw(st.lists(word, min_size=1, max_size=25))))
    text = draw(st.text(alphabet + "x", max_size=80))
    return keys, text


def _reference(keys: list[str], text: str, overlapping: bool) -> list[tuple[int, int, int]]:
    kind = (
        ahocorasick_rs.MATCHKIND_STANDARD
        if overlapping
        else ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST
    )
    automaton = ahocorasick_rs.AhoCorasick(keys, matchkind=kind)
    return [tuple(m) for m in automaton.find_matches_as_indexes(text, overlapping=overlapping)]


def _found(automaton: Automaton, text: str, overlapping: bool) -> list[tuple[int, int, int]]:
    index, start, end = automaton.find(text, overlapping)
    return list(zip(index.tolist(), start.tolist(), end.tolist(), strict=True))


class MemoryStore:
    """An AutomatonStore in a dict, counting what it is asked."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[bytes, bytes]] = {}
        self.saved = 0

    def load(self, name: str, digest: bytes) -> bytes | None:
        found = self.kept.get(name)
        return found[1] if found is not None and found[0] == digest else None

    def save(self, name: str, digest: bytes, data: bytes) -> None:
        self.kept[name] = (digest, data)
        self.saved += 1


@settings(max_examples=400)
@given(keys_and_text(), st.booleans())
def test_matches_are_ahocorasick_rs_matches_in_its_order(
    case: tuple[list[str], str], overlapping: bool
) -> None:
    keys, text = case
    automaton = Automaton(keys, {key: [n] for n, key in enumerate(keys)})
    assert _found(automaton, text, overlapping) == _reference(keys, text, overlapping)


@settings(max_examples=100)
@given(keys_and_text())
def test_a_kept_automaton_finds_what_a_compiled_one_finds(case: tuple[list[str], str]) -> None:
    keys, text = case
    entries = {key: [n] for n, key in enumerate(keys)}
    store = MemoryStore()
    compiled = Automaton(keys, entries, store, "ko.spaceless")
    assert store.saved == 1
    kept = Automaton(keys, entries, store, "ko.spaceless")
    assert store.saved == 1  # read, not compiled and saved again
    assert _found(kept, text, False) == _found(compiled, text, False)


def test_an_automaton_of_other_keys_is_not_used() -> None:
    store = MemoryStore()
    entries = {"센스타임": [0], "딥시크": [1], "원거": [2]}
    Automaton(["딥시크", "센스타임"], entries, store, "ko.spaceless")
    digest = keys_digest(["딥시크", "센스타임", "원거"])
    # a file left by other keys under the digest of these (copied, or written by a bug)
    store.kept["ko.spaceless"] = (digest, store.kept["ko.spaceless"][1])
    automaton = Automaton(["딥시크", "센스타임", "원거"], entries, store, "ko.spaceless")
    assert _found(automaton, "원거와 센스타임", False) == [(2, 0, 2), (1, 4, 8)]
    assert store.saved == 2  # compiled again and kept in its place


def test_damaged_data_is_compiled_again() -> None:
    keys = sorted(f"이름{n}" for n in range(200))
    entries = {key: [n] for n, key in enumerate(keys)}
    store = MemoryStore()
    Automaton(keys, entries, store, "ko.spaceless")
    digest, data = store.kept["ko.spaceless"]
    rng = np.random.default_rng(7)
    for _ in range(30):
        damaged = bytearray(data)
        for at in rng.integers(0, len(damaged), size=4).tolist():
            damaged[at] = int(rng.integers(0, 256))
        store.kept["ko.spaceless"] = (digest, bytes(damaged))
        automaton = Automaton(keys, entries, store, "ko.spaceless")
        assert _found(automaton, "이름17 이름5", False) == [
            (keys.index("이름17"), 0, 4),
            (keys.index("이름5"), 5, 8),
        ]


def test_keys_nested_under_a_shared_prefix_are_found() -> None:
    # a catalogue of numbered names (ahocorasick-rs took 6 s to compile these 40,000;
    # benchmarks/terms.py --nested measures it)
    keys = sorted(f"n{n}" for n in range(1, 40_000))
    automaton = Automaton(keys, {key: [n] for n, key in enumerate(keys)})
    assert _found(automaton, "n39999 n7", False) == [
        (keys.index("n39999"), 0, 6),
        (keys.index("n7"), 7, 9),
    ]
