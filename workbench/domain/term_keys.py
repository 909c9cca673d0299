"""The folded keys of one language's terms, compiled into Aho-Corasick automata.

Hangul, Han and kana terms are looked for in the text with its spaces removed (their spacing
varies), every other term as it is written, with the English plural of a final -y as an extra
key. Terms added after the automata were compiled go into a small delta automaton until there
are enough of them to recompile.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import ahocorasick_rs
import numpy as np
import numpy.typing as npt

from workbench.domain.inflection import plural_keys

DELTA_LIMIT = 2000  # keys added since the last compile before the automata are rebuilt


class Automaton:
    """Keys compiled into leftmost-longest and (on request) overlapping automata.

    A contiguous NFA, whatever the number of keys: the DFA that ahocorasick-rs picks for a few
    keys takes time quadratic in a key's length to build (a 20,000-character term took 25 s).
    """

    def __init__(self, keys: Sequence[str], entries: Mapping[str, list[int]]) -> None:
        self.keys = list(keys)
        self.longest = self._compile(ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST)
        self._overlapping: ahocorasick_rs.AhoCorasick | None = None
        self.single: npt.NDArray[np.int64] = np.array(
            [found[0] if len(found) == 1 else -1 for found in map(entries.__getitem__, keys)],
            dtype=np.int64,
        )
        """The entry of each key that has exactly one, else -1 (the entries are looked up)."""

    def _compile(self, matchkind: ahocorasick_rs.MatchKind) -> ahocorasick_rs.AhoCorasick | None:
        if not self.keys:
            return None
        return ahocorasick_rs.AhoCorasick(
            self.keys,
            matchkind=matchkind,
            implementation=ahocorasick_rs.Implementation.ContiguousNFA,
        )

    def find(self, text: str, overlapping: bool) -> list[tuple[int, int, int]]:
        """(key index, start, end) of the keys in text, leftmost-longest or all overlapping."""
        if self.longest is None:
            return []
        if not overlapping:
            return self.longest.find_matches_as_indexes(text)
        if self._overlapping is None:
            self._overlapping = self._compile(ahocorasick_rs.MATCHKIND_STANDARD)
        assert self._overlapping is not None
        return self._overlapping.find_matches_as_indexes(text, overlapping=True)

    def forget_single(self, key: str) -> None:
        """The entries of key changed: look them up from now on."""
        position = bisect_left(self.keys, key)
        if position < len(self.keys) and self.keys[position] == key:
            self.single[position] = -1


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
                Automaton(sorted(self.compiled_spaced), self.entries),
                Automaton(sorted(self.compiled_spaceless), self.entries),
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
