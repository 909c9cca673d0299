"""The folded keys of one language's terms, compiled into Aho-Corasick automata.

Hangul, Han and kana terms are looked for in the text with its spaces removed (their spacing
varies), every other term as it is written, with the English plural of a final -y as an extra
key. Terms added after the automata were compiled go into a small delta automaton until there
are enough of them to recompile. A main automaton can be kept in an AutomatonStore, under the
digest of its keys, so that the next start reads it instead of compiling it.
"""

from __future__ import annotations

import hashlib
import itertools
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import daachorse
import numpy as np
import numpy.typing as npt

from workbench.domain.inflection import plural_keys

DELTA_LIMIT = 2000  # keys added since the last compile before the automata are rebuilt
I64 = npt.NDArray[np.int64]
_NONE: I64 = np.zeros(0, dtype=np.int64)
_PROBES = 16
"""Keys a kept automaton must find as themselves before it is trusted (a damaged or foreign
file deserialises into some automaton; these catch it)."""


class AutomatonStore(Protocol):
    """Where compiled automata are kept between processes (storage.automaton_file)."""

    def load(self, name: str, digest: bytes) -> bytes | None:
        """The automaton kept under name if it was made from keys of this digest, else None."""

    def save(self, name: str, digest: bytes, data: bytes) -> None:
        """Keep data, the automaton made from keys of this digest, under name."""


class Automaton:
    """Keys compiled into leftmost-longest and (on request) overlapping automata.

    daachorse's character-wise double array: it compiles without holding the interpreter (a
    key pressed in the editor while a term base loads is not kept waiting), saves to bytes,
    and stays linear on keys nested under a shared prefix (Name 1 ... Name 99999), which took
    ahocorasick-rs time quadratic in their number. Its matches are ahocorasick-rs's, in the
    same order (tests/domain/test_term_keys.py compares them).
    """

    def __init__(
        self,
        keys: Sequence[str],
        entries: Mapping[str, list[int]],
        store: AutomatonStore | None = None,
        name: str = "",
    ) -> None:
        self.keys = list(keys)
        self.longest = self._longest(store, name)
        self._overlapping: daachorse.CharwiseDoubleArrayAhoCorasick | None = None
        self.single: npt.NDArray[np.int64] = np.array(
            [found[0] if len(found) == 1 else -1 for found in map(entries.__getitem__, keys)],
            dtype=np.int64,
        )
        """The entry of each key that has exactly one, else -1 (the entries are looked up)."""

    def _longest(
        self, store: AutomatonStore | None, name: str
    ) -> daachorse.CharwiseDoubleArrayAhoCorasick | None:
        """The leftmost-longest automaton: the store's if it holds one of these keys, else
        compiled (and then kept in the store)."""
        if not self.keys:
            return None
        if store is None:
            return _compile(self.keys, daachorse.MATCH_KIND_LEFTMOST_LONGEST)
        digest = keys_digest(self.keys)
        kept = store.load(name, digest)
        if kept is not None:
            automaton = _trusted(kept, self.keys)
            if automaton is not None:
                return automaton
        automaton = _compile(self.keys, daachorse.MATCH_KIND_LEFTMOST_LONGEST)
        store.save(name, digest, automaton.serialize())
        return automaton

    def find(self, text: str, overlapping: bool) -> tuple[I64, I64, I64]:
        """The key index, start and end of the keys in text (leftmost-longest, or all
        overlapping ones), in the order ahocorasick-rs reports them."""
        if self.longest is None:
            return _NONE, _NONE, _NONE
        if not overlapping:
            found = self.longest.find(text)
        else:
            if self._overlapping is None:
                self._overlapping = _compile(self.keys, daachorse.MATCH_KIND_STANDARD)
            found = self._overlapping.find_overlapping(text)
        if not found:
            return _NONE, _NONE, _NONE
        flat = itertools.chain.from_iterable(found)
        table = np.fromiter(flat, dtype=np.int64, count=3 * len(found)).reshape(-1, 3)
        return table[:, 2], table[:, 0], table[:, 1]  # daachorse gives (start, end, key)

    def forget_single(self, key: str) -> None:
        """The entries of key changed: look them up from now on."""
        position = bisect_left(self.keys, key)
        if position < len(self.keys) and self.keys[position] == key:
            self.single[position] = -1


def _compile(keys: list[str], match_kind: int) -> daachorse.CharwiseDoubleArrayAhoCorasick:
    return daachorse.CharwiseDoubleArrayAhoCorasick(keys, match_kind=match_kind)


def keys_digest(keys: Sequence[str]) -> bytes:
    """What identifies a list of keys (in order): a kept automaton is of these keys or not."""
    joined = "\x00".join(keys).encode("utf-8", "surrogatepass")
    return hashlib.sha256(joined).digest()


def _trusted(data: bytes, keys: list[str]) -> daachorse.CharwiseDoubleArrayAhoCorasick | None:
    """The kept automaton in data, if it reads and finds a spread of its keys as themselves."""
    try:
        automaton = daachorse.CharwiseDoubleArrayAhoCorasick.deserialize(data)
    except ValueError:
        return None
    step = max(1, len(keys) // _PROBES)
    probes = {*range(0, len(keys), step), len(keys) - 1}
    for index in probes:
        if automaton.find(keys[index]) != [(0, len(keys[index]), index)]:
            return None
    return automaton


@dataclass
class LanguageIndex:
    """The keys of one language, split into spaced keys and space-insensitive ones.

    The keys of the main automata are fixed when the index is sealed (at the end of the term
    index's construction, or at the first search of a language added later); the automata are
    built from them when first needed, so that a command pays only for the languages it reads.
    Keys added after sealing go into the delta automata until there are DELTA_LIMIT of them.
    """

    entries: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    spaced_keys: set[str] = field(default_factory=set)
    spaceless_keys: set[str] = field(default_factory=set)
    sealed: bool = False
    compiled_spaced: frozenset[str] = frozenset()
    compiled_spaceless: frozenset[str] = frozenset()
    delta: tuple[Automaton, Automaton] | None = None
    dirty: bool = True
    changed: set[str] = field(default_factory=set)
    """Keys whose entries changed since the automata that hold them were made."""
    store: AutomatonStore | None = None
    """Where the main automata are kept between processes, if anywhere."""
    name: str = ""
    """The language, naming its automata in the store."""
    _main: tuple[Automaton, Automaton] | None = None
    _spaced_lengths: list[int] | None = None

    def add(self, entry: int, loose_spacing: bool, key: str) -> None:
        """Index an entry under its folded key (and the keys derived from it)."""
        self._append(key, entry)
        if loose_spacing:
            squeezed = key.replace(" ", "")
            self.spaceless_keys.add(squeezed)
            self.entries.setdefault(squeezed, [])
            if squeezed != key:
                self._append(squeezed, entry)
        else:
            self.spaced_keys.add(key)
            self._spaced_lengths = None
            for plural in plural_keys(key):
                self.spaced_keys.add(plural)
                self._append(plural, entry)
        self.dirty = True

    def add_many(self, entries: Sequence[int], loose: Sequence[bool], keys: Sequence[str]) -> None:
        """add() of each entry with its loose flag and key, in order: the same index, made
        with less Python per term (a term base's keys go in at a language's first search)."""
        by_key, changed, sealed = self.entries, self.changed, self.sealed
        add_spaced, add_spaceless = self.spaced_keys.add, self.spaceless_keys.add
        spaced = False
        for entry, loose_spacing, key in zip(entries, loose, keys, strict=True):
            by_key[key].append(entry)
            if sealed:
                changed.add(key)
            if loose_spacing:
                squeezed = key.replace(" ", "")
                add_spaceless(squeezed)
                if squeezed != key:
                    by_key[squeezed].append(entry)
                    if sealed:
                        changed.add(squeezed)
            else:
                spaced = True
                add_spaced(key)
                for plural in plural_keys(key):
                    add_spaced(plural)
                    by_key[plural].append(entry)
                    if sealed:
                        changed.add(plural)
        if spaced:
            self._spaced_lengths = None
        if entries:
            self.dirty = True

    def _append(self, key: str, entry: int) -> None:
        self.entries[key].append(entry)
        if self.sealed:  # before sealing no automaton holds the key yet
            self.changed.add(key)

    def automata(self) -> list[tuple[Automaton, Automaton]]:
        """The main automata and, when terms were added since sealing, a small delta pair."""
        if not self.sealed:
            self.seal()
        elif self.dirty:
            new_spaced = sorted(self.spaced_keys - self.compiled_spaced)
            new_spaceless = sorted(self.spaceless_keys - self.compiled_spaceless)
            if len(new_spaced) + len(new_spaceless) > DELTA_LIMIT:
                self.seal()
            else:
                self.delta = (
                    Automaton(new_spaced, self.entries),
                    Automaton(new_spaceless, self.entries),
                )
                if self._main is not None:
                    for key in self.changed:
                        self._main[0].forget_single(key)
                        self._main[1].forget_single(key)
                self.changed.clear()
            self.dirty = False
        if self._main is None:
            self._main = (
                Automaton(
                    sorted(self.compiled_spaced), self.entries, self.store, f"{self.name}.spaced"
                ),
                Automaton(
                    sorted(self.compiled_spaceless),
                    self.entries,
                    self.store,
                    f"{self.name}.spaceless",
                ),
            )
            self.changed.clear()
        return [self._main] + ([self.delta] if self.delta else [])

    def seal(self) -> None:
        """Fix the keys of the main automata (every key so far) and drop the delta."""
        self.sealed = True
        self.compiled_spaced = frozenset(self.spaced_keys)
        self.compiled_spaceless = frozenset(self.spaceless_keys)
        self._main = None
        self.delta = None
        self.dirty = False
        self.changed.clear()

    def spaced_lengths(self) -> list[int]:
        """The distinct lengths of the spaced keys, longest first."""
        if self._spaced_lengths is None:
            self._spaced_lengths = sorted({len(key) for key in self.spaced_keys}, reverse=True)
        return self._spaced_lengths
