"""Finding one language's terms in a batch of texts: candidates, the edge rules, the choice.

The texts are joined (normalize.SEPARATOR between them) and folded together, the language's
automata run once over the whole batch, and the candidates are judged with array operations.
Only what needs the text itself is looked at one candidate at a time: the ending of a Korean
word, the suffix of an English word, a case-sensitive term's case, spacing across spaces, and
several terms that share a key. Every text gets exactly the hits it would get on its own.

Each step costs time linear in the text and in the candidates: the look-ahead after a term is
bounded (an ending longer than any particle sequence is not one), and a refused match tries
only the shorter key lengths that exist.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from workbench.domain import korean
from workbench.domain.inflection import ENGLISH_PLURAL_SUFFIXES
from workbench.domain.normalize import SEPARATOR, FoldedText, fold_joined
from workbench.domain.scripts import is_word_char
from workbench.domain.term_entries import Edge, EntryArrays, EntryTable
from workbench.domain.term_keys import Automaton, LanguageIndex

FULL, ANALYSED, SPACING, PARTIAL = 1.0, 0.9, 0.9, 0.5
SENTENCE_ENDS = ".!?。！？\n"
_SENTENCE_OPENERS = " \t\"'“‘(「『"
_MAX_ENDING = korean.MAX_PARTICLES * max(map(len, korean.PARTICLES))
"""The longest run of particles after a name; NFC makes at most three characters into one."""
_REACH = 3 * _MAX_ENDING + 1
"""How far after a term the rules read a Hangul run: no further than an ending can reach."""
_HANGUL_RUN = re.compile(f"[\uac00-\ud7a3\u1100-\u11ff]{{0,{_REACH}}}")
"""A Hangul run, read no further than an ending can reach."""
_MAX_WORD_BEFORE = 256
"""Hangul characters before a term that the analyser reads with it; a longer run is no word."""

I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
_WORD, _HANGUL_EDGE = int(Edge.WORD), int(Edge.HANGUL)
"""The edge rules as plain numbers: an enum's attribute costs microseconds per read."""
_NO_LENGTH = int(np.iinfo(np.int64).max)
_FEW = 16
"""Korean candidates that korean_right reads faster than _particles_follow's forty array
operations settle them (a segment in the editor has a few)."""


def _positions_of(mask: Mask) -> I64:
    """np.flatnonzero of a 1-D mask, without its Python-level wrappers (a short text's scan
    makes a dozen such calls, and each wrapper costs more than the work)."""
    found: I64 = mask.nonzero()[0]
    return found


class Chosen(NamedTuple):
    """A hit as the scan found it: offsets in its own text, confidence and entry."""

    start: int
    end: int
    confidence: float
    entry: int


F64 = npt.NDArray[np.float64]


class Found(NamedTuple):
    """The hits scan() gives, column by column: each text's together, in the texts' order
    and, within a text, in order of start and end (so that no Python object is made per hit)."""

    number: I64
    start: I64
    end: I64
    confidence: F64
    entry: I64

    @staticmethod
    def joined(parts: Sequence[Found]) -> Found:
        """Found of several scans, one after the other."""
        if len(parts) == 1:
            return parts[0]
        if not parts:
            empty = np.zeros(0, dtype=np.int64)
            return Found(empty, empty, empty, np.zeros(0), empty)
        return Found(
            np.concatenate([part.number for part in parts]),
            np.concatenate([part.start for part in parts]),
            np.concatenate([part.end for part in parts]),
            np.concatenate([part.confidence for part in parts]),
            np.concatenate([part.entry for part in parts]),
        )


@cache
def _class_tables() -> tuple[Mask, Mask]:
    """is_word_char and str.isspace for every BMP character (neither holds beyond it)."""
    word = np.zeros(0x10000, dtype=np.bool_)
    for low, high in ((0, 0x1100), (0x1E00, 0x2000), (0xFF10, 0xFF5B)):
        word[low:high] = [is_word_char(chr(code)) for code in range(low, high)]
    space = np.array([chr(code).isspace() for code in range(0x10000)], dtype=np.bool_)
    return word, space


def _hangul(codes: I64) -> Mask:
    """Hangul syllables and jamo, as the matching rules count them (not compatibility jamo)."""
    return ((codes >= 0xAC00) & (codes <= 0xD7A3)) | ((codes >= 0x1100) & (codes <= 0x11FF))


@dataclass
class _Matches:
    """Candidate keys found by one automaton: key index, folded and original spans."""

    automaton: Automaton
    spaced: bool
    order: I64
    index: I64
    folded_start: I64
    folded_end: I64
    start: I64
    end: I64


class _Batch:
    """The joined texts of one scan and what the rules read in them."""

    def __init__(self, texts: Sequence[str], table: EntryTable, partial: bool) -> None:
        self.folded: FoldedText = fold_joined(texts)
        self.original = self.folded.original
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        self.text_starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])).astype(np.int64)
        self.text_ends = self.text_starts + lengths
        self.table = table
        self.entries: EntryArrays = table.arrays()
        self.partial = partial
        self._codes: I64 | None = None
        self._spaces: I64 | None = None
        self._breaks: I64 | None = None
        self._not_hangul: I64 | None = None
        self._pieces: tuple[I64, I64, I64, Mask] | None = None

    # --- the text as numbers -------------------------------------------------------------

    def codes(self) -> I64:
        """The code point of every character of the joined original."""
        if self._codes is None:
            raw = self.original.encode("utf-32-le", "surrogatepass")
            self._codes = np.frombuffer(raw, dtype="<u4").astype(np.int64)
        return self._codes

    def at(self, positions: I64) -> I64:
        """Code points at positions (clipped into the text)."""
        codes = self.codes()
        if not len(codes):
            return np.zeros(len(positions), dtype=np.int64)
        found: I64 = codes[np.minimum(np.maximum(positions, 0), len(codes) - 1)]
        return found

    def _positions(self, cached: I64 | None, wanted: Mask) -> I64:
        return cached if cached is not None else _positions_of(wanted).astype(np.int64)

    def spaces(self) -> I64:
        """Where the whitespace characters (str.isspace) of the joined original are."""
        if self._spaces is None:
            codes = self.codes()
            space = _class_tables()[1]
            self._spaces = self._positions(None, (codes < 0x10000) & space[codes & 0xFFFF])
        return self._spaces

    def count_spaces(self, start: I64, end: I64) -> I64:
        """Whitespace characters (str.isspace) in each span."""
        return _count_in(self.spaces(), start, end)

    def count_breaks(self, start: I64, end: I64) -> I64:
        """Spaces, tabs and line feeds in each span (what spacing across spaces means)."""
        if self._breaks is None:
            codes = self.codes()
            wanted = (codes == 0x20) | (codes == 0x09) | (codes == 0x0A)
            self._breaks = self._positions(None, wanted)
        return _count_in(self._breaks, start, end)

    def not_hangul(self) -> I64:
        """Where the characters that are not Hangul (syllables or jamo) are."""
        if self._not_hangul is None:
            self._not_hangul = self._positions(None, ~_hangul(self.codes()))
        return self._not_hangul

    def text_of(self, positions: I64) -> I64:
        """The number of the text each position of the joined original is in."""
        return np.searchsorted(self.text_starts, positions, side="right").astype(np.int64) - 1

    # --- folded offsets to original ones --------------------------------------------------

    def original_spans(self, start: I64, end: I64) -> tuple[I64, I64]:
        """FoldedText.span of many spans at once."""
        if not self.folded.pieces:
            return start, end
        if self._pieces is None:
            table = np.array(self.folded.pieces, dtype=np.int64).reshape(-1, 4)
            self._pieces = (table[:, 0], table[:, 1], table[:, 2], table[:, 3].astype(np.bool_))
        piece_start, original, length, linear = self._pieces
        first = np.maximum(np.searchsorted(piece_start, start, side="right") - 1, 0)
        spanned = np.where(linear[first], start - piece_start[first], 0)
        new_start = original[first] + spanned
        last = np.maximum(np.searchsorted(piece_start, end - 1, side="right") - 1, 0)
        tail = np.where(linear[last], end - piece_start[last], length[last])
        new_end = np.where(end <= 0, 0, original[last] + tail)
        return new_start.astype(np.int64), new_end.astype(np.int64)


def _count_in(positions: I64, start: I64, end: I64) -> I64:
    counted: I64 = np.searchsorted(positions, end) - np.searchsorted(positions, start)
    return counted


class _Rows(NamedTuple):
    """(candidate, entry) pairs: each entry a candidate's key stands for, in the key's order."""

    candidate: I64
    entry: I64
    start: I64
    end: I64


class Scanner:
    """Finds the terms of one language in texts: scan() gives each text's chosen hits."""

    def __init__(self, language: LanguageIndex, table: EntryTable) -> None:
        self.language = language
        self.table = table

    def scan(self, texts: Sequence[str], overlapping: bool = False, partial: bool = False) -> Found:
        """The hits in the texts (longest first, or all nested ones when overlapping), each
        text's in order of start and end."""
        joined = [n for n, text in enumerate(texts) if text and SEPARATOR not in text]
        alone = [n for n, text in enumerate(texts) if text and SEPARATOR in text]
        groups = [joined] if joined else []
        groups += [[n] for n in alone]  # a text that holds the separator is read on its own
        parts = []
        for group in groups:
            numbers = np.array(group, dtype=np.int64)
            parts.append(self._scan_batch([texts[n] for n in group], numbers, overlapping, partial))
        found = Found.joined(parts)
        if len(parts) > 1:  # texts read alone come after the others: put each in its place
            ordered = np.argsort(found.number, kind="stable")
            number, start, end, confidence, entry = found
            found = Found(
                number[ordered], start[ordered], end[ordered], confidence[ordered], entry[ordered]
            )
        return found

    # --- candidates ----------------------------------------------------------------------

    def _scan_batch(
        self, texts: Sequence[str], numbers: I64, overlapping: bool, partial: bool
    ) -> Found:
        """scan() of texts joined; numbers are the texts' numbers in the caller's list."""
        batch = _Batch(texts, self.table, partial or overlapping)
        candidates = self._candidates(batch, overlapping)
        if not candidates:
            return Found.joined([])
        starts, ends, confidences, entries, orders = [], [], [], [], []
        for matches in candidates:
            chosen = self._judge_matches(batch, matches)
            starts.append(chosen[0])
            ends.append(chosen[1])
            confidences.append(chosen[2])
            entries.append(chosen[3])
            orders.append(chosen[4])
        return _select(
            batch,
            np.concatenate(starts),
            np.concatenate(ends),
            np.concatenate(confidences),
            np.concatenate(entries),
            np.concatenate(orders),
            overlapping,
            partial,
            numbers,
        )

    def _candidates(self, batch: _Batch, overlapping: bool) -> list[_Matches]:
        """Every automaton's matches, in the order the rules take them (emission order)."""
        text = batch.folded.text
        found: list[_Matches] = []
        order = 0
        squeezed: tuple[str, I64 | None] | None = None
        for spaced, spaceless in self.language.automata():
            for automaton, is_spaced in ((spaced, True), (spaceless, False)):
                if automaton.longest is None:
                    continue
                if is_spaced:
                    index, start, end = automaton.find(text, overlapping)
                else:
                    if squeezed is None:
                        squeezed = _squeezed(text)
                    index, start, end = automaton.find(squeezed[0], overlapping)
                    positions = squeezed[1]
                    if len(start) and positions is not None:  # mapped back into the text
                        start, end = positions[start], positions[end - 1] + 1
                if not len(index):
                    continue
                original_start, original_end = batch.original_spans(start, end)
                orders = np.arange(order, order + len(index), dtype=np.int64)
                order += len(index)
                found.append(
                    _Matches(
                        automaton,
                        is_spaced,
                        orders,
                        index,
                        start,
                        end,
                        original_start,
                        original_end,
                    )
                )
        return found

    def _rows(self, single: I64, key_of: Callable[[int], str], start: I64, end: I64) -> _Rows:
        """Each candidate with each entry of its key (removed ones too: they are judged dead).

        single holds the entry of candidates whose key has one; the others' are looked up.
        """
        known = _positions_of(single >= 0)
        candidate = [known]
        entry = [single[known]]
        sub = [np.zeros(len(known), dtype=np.int64)]
        for position in _positions_of(single < 0).tolist():
            listed = self.language.entries.get(key_of(position), [])
            candidate.append(np.full(len(listed), position, dtype=np.int64))
            entry.append(np.array(listed, dtype=np.int64))
            sub.append(np.arange(len(listed), dtype=np.int64))
        all_candidates = np.concatenate(candidate)
        ordered = np.lexsort((np.concatenate(sub), all_candidates))
        rows_candidate = all_candidates[ordered]
        rows_entry = np.concatenate(entry)[ordered]
        return _Rows(rows_candidate, rows_entry, start[rows_candidate], end[rows_candidate])

    # --- judging -------------------------------------------------------------------------

    def _judge_matches(
        self, batch: _Batch, matches: _Matches
    ) -> tuple[I64, I64, npt.NDArray[np.float64], I64, I64]:
        """The chosen (start, end, confidence, entry, order) of one automaton's matches."""
        automaton, index = matches.automaton, matches.index
        single = automaton.single[index]
        rows = self._rows(
            single, lambda n: automaton.keys[int(index[n])], matches.start, matches.end
        )
        chosen = _best_per_concept(batch, rows, *_judge(batch, rows))
        candidate, start, end, confidence, entry = chosen
        if matches.spaced:
            refused_mask = np.ones(len(matches.index), dtype=np.bool_)
            refused_mask[candidate] = False
            refused = _positions_of(refused_mask)
            if len(refused):
                extra = self._shorter_keys(batch, matches, refused)
                candidate = np.concatenate([candidate, extra[0]])
                start = np.concatenate([start, extra[1]])
                end = np.concatenate([end, extra[2]])
                confidence = np.concatenate([confidence, extra[3]])
                entry = np.concatenate([entry, extra[4]])
        else:
            keep = _spacing_ok(batch, start, end, entry)
            candidate, start, end = candidate[keep], start[keep], end[keep]
            confidence, entry = confidence[keep], entry[keep]
        order = matches.order[candidate]
        return start, end, confidence, entry, order

    def _shorter_keys(
        self, batch: _Batch, matches: _Matches, refused: I64
    ) -> tuple[I64, I64, I64, npt.NDArray[np.float64], I64]:
        """For matches the rules refused, the longest shorter key at the same start that the
        rules accept: tried round by round, over the key lengths that exist."""
        text = batch.folded.text
        keys = self.language.spaced_keys
        lengths = self.language.spaced_lengths()
        pending = {int(c): 0 for c in refused}  # candidate -> next place in lengths
        done: list[tuple[I64, I64, I64, npt.NDArray[np.float64], I64]] = []
        while pending:
            tried: list[tuple[int, int, int]] = []  # candidate, folded start, folded end
            for candidate, at in list(pending.items()):
                folded_start = int(matches.folded_start[candidate])
                width = int(matches.folded_end[candidate]) - folded_start
                while at < len(lengths) and (
                    lengths[at] >= width
                    or text[folded_start : folded_start + lengths[at]] not in keys
                ):
                    at += 1
                if at == len(lengths):
                    del pending[candidate]
                else:
                    pending[candidate] = at + 1
                    tried.append((candidate, folded_start, folded_start + lengths[at]))
            if not tried:
                break
            spans = np.array(tried, dtype=np.int64).reshape(-1, 3)
            shorter = [text[start:end] for _, start, end in tried]
            start, end = batch.original_spans(spans[:, 1], spans[:, 2])
            single = np.full(len(tried), -1, dtype=np.int64)
            rows = self._rows(single, shorter.__getitem__, start, end)
            found, *chosen = _best_per_concept(batch, rows, *_judge(batch, rows))
            accepted = spans[found, 0]
            done.append((accepted, *chosen))
            for candidate in set(accepted.tolist()):
                del pending[candidate]
        if not done:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, np.zeros(0), empty
        return (
            np.concatenate([d[0] for d in done]),
            np.concatenate([d[1] for d in done]),
            np.concatenate([d[2] for d in done]),
            np.concatenate([d[3] for d in done]),
            np.concatenate([d[4] for d in done]),
        )


def _squeezed(text: str) -> tuple[str, I64 | None]:
    """The text without its spaces, and the position in the text of each of its characters
    (None when the text has no spaces: each is where it was, as in most Chinese)."""
    if " " not in text:
        return text, None
    squeezed = text.replace(" ", "")
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return squeezed, _positions_of(codes != 0x20).astype(np.int64)


def _judge(batch: _Batch, rows: _Rows) -> tuple[Mask, I64, npt.NDArray[np.float64]]:
    """The edge rules on every row: accepted, end (a plural takes its -s) and confidence."""
    arrays = batch.entries
    entry, start, end = rows.entry, rows.start.copy(), rows.end.copy()
    text = batch.text_of(start)
    text_start, text_end = batch.text_starts[text], batch.text_ends[text]
    left, right = arrays.left[entry], arrays.right[entry]
    accepted = arrays.alive[entry].copy()
    confidence = np.full(len(entry), FULL)
    word, _space = _class_tables()
    before = batch.at(start - 1)
    has_before = start > text_start
    word_before = has_before & (before < 0x10000) & word[before & 0xFFFF]
    accepted &= ~((left == _WORD) & word_before)
    glued = (left == _HANGUL_EDGE) & has_before & _hangul(before)
    if not batch.partial:
        accepted &= ~glued
    confidence[glued] = PARTIAL
    after = batch.at(end)
    has_after = end < text_end
    word_after = has_after & (after < 0x10000) & word[after & 0xFFFF]
    rules = _Rules(batch)
    for row in _positions_of(accepted & (right == _WORD) & word_after).tolist():
        new_end = rules.english_end(int(end[row]))
        if new_end < 0:
            accepted[row] = False
        else:
            end[row] = new_end
    korean = _positions_of(accepted & (right == _HANGUL_EDGE) & has_after & _hangul(after))
    if len(korean) > _FEW:  # few are read faster one by one, by the rule it shortcuts
        korean = korean[~_particles_follow(batch, end[korean])]
        inside = _inside_longer_word(batch, end[korean])
        confidence[korean[inside]] = PARTIAL
        korean = korean[~inside]
        endings = rules.korean_right_many(start[korean], end[korean])
        confidence[korean] = np.minimum(confidence[korean], endings)
    else:
        for row in korean.tolist():
            ending = rules.korean_right(int(start[row]), int(end[row]))
            confidence[row] = min(confidence[row], ending)
    if not batch.partial:
        accepted &= confidence > PARTIAL
    table = batch.table
    for row in _positions_of(accepted & arrays.case_sensitive[entry]).tolist():
        term = table.text[int(entry[row])]
        if not rules.case_matches(term, int(start[row]), int(end[row]), int(text_start[row])):
            accepted[row] = False
    loose = _positions_of(accepted & arrays.loose[entry])
    if len(loose):
        confidence[loose] = np.minimum(
            confidence[loose], _spacing_confidence(batch, start[loose], end[loose], entry[loose])
        )
    return accepted, end, confidence


def _spacing_confidence(batch: _Batch, start: I64, end: I64, entry: I64) -> npt.NDArray[np.float64]:
    """FULL where a loose term is spaced in the text as in the term base, else SPACING."""
    one_word = batch.entries.one_word[entry]
    same = one_word == end - start
    spaced = _positions_of(batch.count_spaces(start, end) > 0)
    if len(spaced):
        lengths, row, count = _span_words(batch, start[spaced], end[spaced])
        same[spaced] = _same_words(batch, entry[spaced], lengths, row, count)
    return np.where(same, FULL, SPACING)


def _spacing_ok(batch: _Batch, start: I64, end: I64, entry: I64) -> Mask:
    """A match across spaces must not glue single syllables (이 사회 is not 이사회)."""
    keep: Mask = batch.count_breaks(start, end) == 0
    spaced = _positions_of(~keep)
    if len(spaced):
        lengths, row, count = _span_words(batch, start[spaced], end[spaced])
        same = _same_words(batch, entry[spaced], lengths, row, count)
        shortest = np.full(len(spaced), _NO_LENGTH, dtype=np.int64)
        worded = count > 0  # always: a match has letters
        shortest[worded] = np.minimum.reduceat(lengths, (np.cumsum(count) - count)[worded])
        keep[spaced] = same | (count == 1) | (shortest >= 2)
    return keep


def _span_words(batch: _Batch, start: I64, end: I64) -> tuple[I64, I64, I64]:
    """The word lengths of each span as str.split() cuts it: the lengths one span after the
    other, the span of each, and each span's number of words."""
    spaces = batch.spaces()
    spans = len(start)
    first = np.searchsorted(spaces, start)
    inner = np.searchsorted(spaces, end) - first  # whitespace characters inside each span
    pieces = inner + 1
    row = np.repeat(np.arange(spans), pieces)
    place = np.arange(len(row)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    last_space = max(len(spaces) - 1, 0)
    padded = spaces if len(spaces) else np.zeros(1, dtype=np.int64)
    before = np.where(
        place == 0,
        start[row] - 1,
        padded[np.minimum(np.maximum(first[row] + place - 1, 0), last_space)],
    )
    after = np.where(
        place == inner[row],
        end[row],
        padded[np.minimum(np.maximum(first[row] + place, 0), last_space)],
    )
    length = after - before - 1
    word = length > 0
    return length[word], row[word], np.bincount(row[word], minlength=spans).astype(np.int64)


def _same_words(batch: _Batch, entry: I64, lengths: I64, row: I64, count: I64) -> Mask:
    """Whether each span's word lengths (from _span_words) are its entry's term's."""
    arrays = batch.entries
    first = arrays.words_at[entry]
    expected_count = arrays.words_at[entry + 1] - first
    same: Mask = count == expected_count
    place = np.arange(len(lengths)) - np.repeat(np.cumsum(count) - count, count)
    expected = arrays.words[first[row] + np.minimum(place, expected_count[row] - 1)]
    same[row[(lengths != expected) & same[row]]] = False
    return same


def _best_per_concept(
    batch: _Batch, rows: _Rows, accepted: Mask, end: I64, confidence: npt.NDArray[np.float64]
) -> tuple[I64, I64, I64, npt.NDArray[np.float64], I64]:
    """For each candidate, the best accepted entry of each concept, in the order of the
    concepts' first accepted entries: (candidate, start, end, confidence, entry)."""
    kept = _positions_of(accepted)
    candidate = rows.candidate[kept]
    if len(kept) > 1 and (candidate[1:] == candidate[:-1]).any():
        concept = batch.entries.concept[rows.entry[kept]]
        pairs = candidate * (int(concept.max()) + 1) + concept
        _, inverse, counts = np.unique(pairs, return_inverse=True, return_counts=True)
        shared = counts[inverse.reshape(-1)] > 1
        if shared.any():
            kept = kept[_best_of_groups(batch, rows, end, kept, shared)]
            candidate = rows.candidate[kept]
    return candidate, rows.start[kept], end[kept], confidence[kept], rows.entry[kept]


def _best_of_groups(batch: _Batch, rows: _Rows, end: I64, kept: I64, shared: Mask) -> I64:
    """Positions into kept: one per concept of a candidate, the best of the concept's rows
    (the exact text first, then the better status, then the first) at its first row's place."""
    pick = np.arange(len(kept))
    dropped = np.zeros(len(kept), dtype=np.bool_)
    groups: dict[tuple[int, int], list[int]] = {}
    for position in _positions_of(shared).tolist():
        row = int(kept[position])
        concept = int(batch.entries.concept[rows.entry[row]])
        groups.setdefault((int(rows.candidate[row]), concept), []).append(position)
    table, original = batch.table, batch.original

    def exact_and_rank(position: int) -> tuple[bool, int]:
        row = int(kept[position])
        entry = int(rows.entry[row])
        span = original[int(rows.start[row]) : int(end[row])]
        return table.text[entry] == span, table.status[entry].rank

    for members in groups.values():
        best = members[0]
        best_exact, best_rank = exact_and_rank(best)
        for position in members[1:]:
            dropped[position] = True
            exact, rank = exact_and_rank(position)
            if (exact and not best_exact) or (exact == best_exact and rank < best_rank):
                best, best_exact, best_rank = position, exact, rank
        pick[members[0]] = best
    return pick[~dropped]


SYLLABLES = 11172
"""Precomposed Hangul syllables, U+AC00 to U+D7A3."""


@cache
def _particle_keys() -> tuple[Mask, I64, I64]:
    """The particles of one syllable (a table by syllable), two and three (sorted keys)."""
    one = np.zeros(SYLLABLES, dtype=np.bool_)
    two, three = [], []
    for particle in korean.PARTICLES:
        codes = [ord(char) - 0xAC00 for char in particle]
        if not all(0 <= code < SYLLABLES for code in codes):
            continue
        if len(codes) == 1:
            one[codes[0]] = True
        elif len(codes) == 2:
            two.append(codes[0] * SYLLABLES + codes[1])
        elif len(codes) == 3:
            three.append((codes[0] * SYLLABLES + codes[1]) * SYLLABLES + codes[2])
    return one, np.array(sorted(two), dtype=np.int64), np.array(sorted(three), dtype=np.int64)


@cache
def _particle_initials() -> Mask:
    """The syllables that some particle starts with, as a table by syllable."""
    initials = np.zeros(SYLLABLES, dtype=np.bool_)
    for particle in korean.PARTICLES:
        code = ord(particle[0]) - 0xAC00
        if 0 <= code < SYLLABLES:
            initials[code] = True
    return initials


def _inside_longer_word(batch: _Batch, end: I64) -> Mask:
    """Where five syllables or more follow, the first of which starts no particle: the term is
    inside a longer word, which _Rules.korean_right would find PARTIAL (no particle sequence,
    longer than four), settled here for the many such candidates of Korean text."""
    size = len(batch.codes())
    syllables = np.ones(len(end), dtype=np.bool_)
    for step in range(5):  # precomposed syllables: NFC keeps them, and the first, as they are
        code = batch.at(end + step)
        syllables &= (end + step < size) & (code >= 0xAC00) & (code <= 0xD7A3)
    first = np.where(syllables, batch.at(end) - 0xAC00, 0)
    inside: Mask = syllables & ~_particle_initials()[first]
    return inside


def _member(values: I64, keys: I64) -> Mask:
    """Which values are among keys (sorted): np.isin costs more for a few values."""
    if not len(keys) or not len(values):
        return np.zeros(len(values), dtype=np.bool_)
    place = np.minimum(np.searchsorted(keys, values), len(keys) - 1)
    found: Mask = keys[place] == values
    return found


def _particles_follow(batch: _Batch, end: I64) -> Mask:
    """Where the Hangul after end is one to three syllables that split into particles (the
    common case, settled here); False leaves it to _Rules.korean_right."""
    one, two, three = _particle_keys()
    size = len(batch.codes())
    codes = [batch.at(end + step) for step in range(4)]
    inside = [end + step < size for step in range(4)]
    syllable = [
        inside[step] & (codes[step] >= 0xAC00) & (codes[step] <= 0xD7A3) for step in range(4)
    ]
    hangul = [inside[step] & _hangul(codes[step]) for step in range(4)]
    c = [np.where(syllable[step], codes[step] - 0xAC00, 0) for step in range(3)]
    p1 = [one[c[step]] & syllable[step] for step in range(3)]
    pair01, pair12 = c[0] * SYLLABLES + c[1], c[1] * SYLLABLES + c[2]
    in_two01, in_two12 = _member(pair01, two), _member(pair12, two)
    in_three = _member(pair01 * SYLLABLES + c[2], three)
    run1 = syllable[0] & ~hangul[1]
    run2 = syllable[0] & syllable[1] & ~hangul[2]
    run3 = syllable[0] & syllable[1] & syllable[2] & ~hangul[3]
    follow: Mask = (
        (run1 & p1[0])
        | (run2 & (in_two01 | (p1[0] & p1[1])))
        | (run3 & (in_three | (p1[0] & in_two12) | (in_two01 & p1[2]) | (p1[0] & p1[1] & p1[2])))
    )
    return follow


class _Rules:
    """The rules that read the text around one candidate (original offsets, joined text)."""

    def __init__(self, batch: _Batch) -> None:
        self.batch = batch
        self.original = batch.original

    def english_end(self, end: int) -> int:
        """End of the word form (term + plural), or -1 when the term is inside a longer word.

        Called where a word character follows; a rest of three characters or more is no suffix.
        """
        original = self.original
        rest_end = end
        limit = min(end + 3, len(original))
        while rest_end < limit and is_word_char(original[rest_end]):
            rest_end += 1
        if original[end:rest_end].lower() in ENGLISH_PLURAL_SUFFIXES:
            return rest_end
        return -1

    def korean_right(self, start: int, end: int) -> float:
        """FULL when the word ends with the term or goes on with particles; else ANALYSED when
        the analyser splits the word after the term, PARTIAL when it does not."""
        original = self.original
        run = _HANGUL_RUN.match(original, end)
        rest_end = run.end() if run else end
        rest = unicodedata.normalize("NFC", original[end:rest_end])  # decomposed Hangul too
        settled = _settled_by_rest(rest)
        if settled is not None:
            return settled
        word_start = start
        while word_start > 0 and _is_hangul(original[word_start - 1]):
            word_start -= 1
            if start - word_start > _MAX_WORD_BEFORE:
                return PARTIAL
        word = unicodedata.normalize("NFC", original[word_start:rest_end])
        name = unicodedata.normalize("NFC", original[word_start:end])
        return _analysed(word, len(name))

    def korean_right_many(self, start: I64, end: I64) -> F64:
        """korean_right of many candidates: the bounds of their words found with array
        operations, the words read as they are where NFC keeps them (else by korean_right)."""
        size, breaks = len(self.original), self.batch.not_hangul()
        after = np.minimum(np.searchsorted(breaks, end), len(breaks))
        rest_end = np.minimum(np.append(breaks, size)[after], end + _REACH)
        word_start = np.append(-1, breaks)[np.searchsorted(breaks, start)] + 1
        far = (start - word_start > _MAX_WORD_BEFORE).tolist()
        bounds = zip(
            start.tolist(), end.tolist(), rest_end.tolist(), word_start.tolist(), far, strict=True
        )
        original, normal = self.original, functools.partial(unicodedata.is_normalized, "NFC")
        found = []
        for term_start, term_end, stop, word_at, too_far in bounds:
            rest = original[term_end:stop]
            if not normal(rest):  # NFC would change it: read as korean_right reads it
                found.append(self.korean_right(term_start, term_end))
                continue
            settled = _settled_by_rest(rest)
            if settled is None and too_far:
                settled = PARTIAL
            elif settled is None:
                word, name = original[word_at:stop], original[word_at:term_end]
                if normal(word) and normal(name):
                    settled = _analysed(word, len(name))
                else:
                    settled = self.korean_right(term_start, term_end)
            found.append(settled)
        return np.array(found, dtype=np.float64)

    def case_matches(self, term: str, start: int, end: int, text_start: int) -> bool:
        """Case-sensitive terms match in their own case (or capitalised to start a sentence)."""
        found = " ".join(unicodedata.normalize("NFKC", self.original[start:end]).split())
        wanted = unicodedata.normalize("NFKC", term)
        if found.startswith(wanted):
            return True
        at_sentence_start = self._sentence_start(start, text_start)
        return at_sentence_start and found.startswith(wanted[:1].upper() + wanted[1:])

    def _sentence_start(self, start: int, text_start: int) -> bool:
        original = self.original
        position = start
        while position > text_start and original[position - 1] in _SENTENCE_OPENERS:
            position -= 1
        return position == text_start or original[position - 1] in SENTENCE_ENDS


def _settled_by_rest(rest: str) -> float | None:
    """What the rest of a word after a Korean term (in NFC) settles: FULL for particles,
    PARTIAL for a rest longer than four; None leaves it to the analyser."""
    if korean.is_particle_sequence(rest):
        return FULL
    return PARTIAL if len(rest) > 4 else None


def _analysed(word: str, name_length: int) -> float:
    """ANALYSED where the analyser splits the word (in NFC) after the name, else PARTIAL."""
    return ANALYSED if korean.analyser_splits_after(word, name_length) else PARTIAL


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff"


# --- choosing among the accepted candidates ---------------------------------------------------


def _select(
    batch: _Batch,
    start: I64,
    end: I64,
    confidence: F64,
    entry: I64,
    order: I64,
    overlapping: bool,
    partial: bool,
    numbers: I64,
) -> Found:
    """Per text: the longest non-overlapping hits (or all nested ones), by start and end.

    Sorted by start, longest and surest first, a text whose candidates do not overlap keeps them all
    (most texts); only the candidates of texts with overlaps go through the choice one by one,
    in one pass over the joined text (a text's hits never reach into the next one).
    """
    if not len(start):
        return Found.joined([])
    found_at = np.empty(len(order), dtype=np.int64)  # the order the rules found them in
    found_at[np.argsort(order, kind="stable")] = np.arange(len(order))
    # by text and start (a position in the joined text is both), longest and surest first
    ranked = np.lexsort((found_at, -confidence, start - end, start))
    start, end = start[ranked], end[ranked]
    confidence, entry, found_at = confidence[ranked], entry[ranked], found_at[ranked]
    text = batch.text_of(start)
    if overlapping:
        chosen = (start, end, confidence, entry, found_at, text)
        return _select_nested(batch, *chosen, partial, numbers)
    same_span = (start[1:] == start[:-1]) & (end[1:] == end[:-1])
    clash = (text[1:] == text[:-1]) & (start[1:] < end[:-1]) & ~same_span
    fine = np.ones(len(numbers), dtype=np.bool_)
    fine[text[1:][clash]] = False
    keep = np.ones(len(start), dtype=np.bool_)
    crowded = _positions_of(~fine[text])
    if len(crowded):
        keep[crowded] = _longest_kept(start[crowded].tolist(), end[crowded].tolist())
    final = _positions_of(keep)  # one span per start (and its homonyms): by start already
    if same_span.any():  # homonyms: the same span in several concepts, surest last
        final = final[np.lexsort((final, confidence[final], end[final], start[final]))]
    text = text[final]
    offset = batch.text_starts[text]
    return Found(
        numbers[text], start[final] - offset, end[final] - offset, confidence[final], entry[final]
    )


def _longest_kept(starts: list[int], ends: list[int]) -> list[bool]:
    """Whether each span is kept: the longest at each position, none overlapping one kept
    before, the spans in _select's order (several texts' spans in one pass)."""
    kept = []
    taken_until = -1
    taken_start = taken_end = -1
    for start, end in zip(starts, ends, strict=True):
        if start == taken_start and end == taken_end:
            kept.append(True)  # the same span in another concept: a homonym, keep both
        elif start >= taken_until:
            kept.append(True)
            taken_until = taken_end = end
            taken_start = start
        else:
            kept.append(False)
    return kept


def _select_nested(
    batch: _Batch,
    start: I64,
    end: I64,
    confidence: F64,
    entry: I64,
    found_at: I64,
    text: I64,
    partial: bool,
    numbers: I64,
) -> Found:
    """_select of an overlapping scan: every text's nested hits, chosen one text at a time."""
    offset = batch.text_starts[text]
    start, end = start - offset, end - offset
    bounds = np.searchsorted(text, np.arange(len(numbers) + 1))  # text is sorted
    rows: list[tuple[int, int, int, float, int]] = []
    for number in range(len(numbers)):
        own = np.arange(bounds[number], bounds[number + 1])
        if not len(own):
            continue
        own = own[np.argsort(found_at[own])]  # as found: the choice below sorts them itself
        candidates = [
            Chosen(int(start[r]), int(end[r]), float(confidence[r]), int(entry[r]))
            for r in own.tolist()
        ]
        picked = _nested(candidates, partial)
        if len(picked) > 1:
            picked.sort(key=_order)
        caller_number = int(numbers[number])
        rows += [(caller_number, *hit) for hit in picked]
    if not rows:
        return Found.joined([])
    table = np.array(rows, dtype=np.float64).reshape(-1, 5)
    whole = table[:, [0, 1, 2, 4]].astype(np.int64)
    return Found(whole[:, 0], whole[:, 1], whole[:, 2], table[:, 3], whole[:, 3])


def _order(candidate: Chosen) -> tuple[int, int, float]:
    """The order of find's hits: by start, then end, then confidence."""
    return candidate.start, candidate.end, candidate.confidence


def _nested(candidates: list[Chosen], partial: bool) -> list[Chosen]:
    """All candidates; one glued inside a longer full hit counts as nested, not partial."""
    full = [c for c in candidates if c.confidence > PARTIAL]
    kept = []
    for candidate in candidates:
        if candidate.confidence > PARTIAL or partial:
            kept.append(candidate)
        elif any(f.start <= candidate.start and candidate.end <= f.end for f in full):
            kept.append(Chosen(candidate.start, candidate.end, FULL, candidate.entry))
    return kept
