"""Translation memory: units, and an in-memory fuzzy index over their sources.

Similarity is rapidfuzz's `fuzz.ratio` (Indel distance, i.e. the longest common subsequence)
on `normalise_for_match` forms, character by character, so Korean and Chinese need no word
splitting. Candidates come from character bigrams of the text between a start and an end
mark; for a query of length Q, a unit of length L, a wanted ratio t and lcs their longest
common subsequence:

- ratio = 200 * lcs / (Q + L) and lcs <= min(Q, L), so only units with
  Q * t / (200 - t) <= L <= Q * (200 - t) / t can match (the length filter);
- an Indel alignment destroys at most two padded bigrams per deleted character and one per
  inserted one, so the two texts share at least 3 * lcs - (Q + L - 1) bigrams, counted with
  multiplicity; hence lcs <= (shared + Q + L - 1) / 3 (the count filter). A unit that shares
  no bigram scores below 200 / 3, so for t >= 67 the posting lists reach every possible match.

A lookup counts, per unit, the query's bigrams it has (numpy bincount over the posting lists),
takes the units sharing most bigrams per character as candidates and scores them with
rapidfuzz in that order, until no candidate left can reach the current limit-th best ratio.
Two budgets keep this fast on a large memory, and they are the only ways a match can be
missed: the posting lists of the query's most frequent bigrams (`e `, `th`, `다.`) are not read
once the rarer ones have used up `posting_budget` (each such bigram then counts as shared by
every unit, which keeps the bound sound but ranks units that share only common bigrams low),
and only the `verify_budget` best candidates are scored. When neither budget is reached, and
minimum >= 67, a lookup returns exactly what scoring every unit of the language pair would.

Posting lists live in segments of at most 65,536 units, each three numpy arrays (sorted
bigram keys, offsets, slots; about 4 bytes per distinct bigram of a unit). Units added since
the last lookup are indexed by it as a new segment, and small segments merge like a binary
counter; removed units are masked at once and their postings dropped when a fifth of the
units have gone.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from workbench.domain.document import InlineCode, Segment, is_translatable

DiffOp = Literal["equal", "insert", "delete"]

IN_CONTEXT = 101
"""Score of an exact match whose neighbouring segments are the query's too."""
EXACT = 100
"""Score of a unit whose source is the query, character for character."""
SAME_TEXT = 99
"""Score of a unit whose source differs only in codes, case, width or amount of whitespace."""
FUZZY_CEILING = 98
"""The highest score of any other match, so that the three above always rank first."""

_Ints = npt.NDArray[np.int64]
_Floats = npt.NDArray[np.float64]
_Slots = npt.NDArray[np.intp]

# Inline codes (the private-use area) and control characters; dropping the controls also
# keeps the start and end marks below out of normalised text.
_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f\ue000-\uf8ff]+")
_START, _END = 0x02, 0x03
_CODE_BITS = 21  # a code point fits in 21 bits, so a bigram fits in 42
_SLOT_BITS = 16  # with a segment's local slot, a (bigram, slot) pair still fits in 63 bits
_SLOT_MASK = (1 << _SLOT_BITS) - 1
_SEGMENT_UNITS = 1 << _SLOT_BITS  # units per segment at most
_BATCH = 256  # candidates scored per rapidfuzz call between two checks of the bound
_EPSILON = 1e-9  # float slack, so that a ratio exactly at a bound is never cut off
_COMPACT_SHARE = 0.2  # rebuild segments once this share of their slots has been removed
_LOW_32 = (1 << 32) - 1


@dataclass(frozen=True, slots=True, kw_only=True)
class TmUnitData:
    """A translation unit as read from a file or confirmed in the editor, not yet stored."""

    source_lang: str
    target_lang: str
    source: str
    """Source text; inline codes stand in it as code characters (workbench.domain.document)."""
    target: str
    codes: tuple[InlineCode, ...] = ()
    """The code table that the code characters of source and target index."""
    origin: str = ""
    """Where the unit comes from: a document name, a TMX file, "editor"."""
    context: str | None = None
    """The unit's surroundings (see context_key), for in-context matches."""
    author: str | None = None
    created_at: datetime | None = None
    changed_at: datetime | None = None
    note: str | None = None
    properties: tuple[tuple[str, str], ...] = ()
    """Other (type, value) facts kept from the file, such as TMX <prop> elements."""
    segment_id: int | None = None
    """The stored segment it was last confirmed from (origin names its document), if any."""
    use_count: int = 1
    """How many times it was confirmed (or imported as new)."""

    @property
    def key(self) -> str:
        """Its identity in the memory (see unit_key): one unit per key."""
        return unit_key(self.source_lang, self.target_lang, self.source, self.target, self.context)

    def stored_as(self, unit_id: int) -> TmUnit:
        """This unit with the id it is stored under."""
        values = {name: getattr(self, name) for name in TmUnitData.__dataclass_fields__}
        return TmUnit(id=unit_id, **values)

    @property
    def provenance(self) -> tuple[str, int] | None:
        """(document, segment id) of the segment it was last confirmed from, if any."""
        return None if self.segment_id is None else (self.origin, self.segment_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class TmUnit(TmUnitData):
    """A stored translation unit."""

    id: int


@dataclass(frozen=True, slots=True)
class TmMatch:
    """A unit found for a query, with its score and how its source differs from the query."""

    unit: TmUnit
    score: int
    """101 in context, 100 exact, 99 same text but for codes/case/width/whitespace, else <= 98."""
    similarity: float
    """rapidfuzz ratio of the normalised texts (0-100); orders matches of equal score."""
    diff: list[tuple[DiffOp, str]] = field(default_factory=list)
    """The unit's source turned into the query: equal, delete (source only), insert (query only)."""


def normalise_for_match(text: str) -> str:
    """The form sources are compared in: codes dropped, NFKC, case-folded, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", _DROPPED.sub("", text)).casefold()
    return " ".join(text.split())


def context_key(previous: str | None, following: str | None) -> str:
    """A short key for a segment's surroundings: the sources before and after it."""
    joined = "\n".join(normalise_for_match(text or "") for text in (previous, following))
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=12).hexdigest()


def context_around(before: Iterable[Segment], after: Iterable[Segment]) -> str:
    """The context key of a segment from its neighbours, each side nearest first.

    The neighbours are the nearest segments to translate (what the editor lists): a
    translate="no" unit or an obsolete entry between two sentences is not their context.
    """
    previous = next((s.source for s in before if is_translatable(s)), None)
    following = next((s.source for s in after if is_translatable(s)), None)
    return context_key(previous, following)


def segment_context(segments: Sequence[Segment], index: int) -> str:
    """The context key of segments[index] among the document's segments, in order."""
    before = (segments[i] for i in range(index - 1, -1, -1))
    after = (segments[i] for i in range(index + 1, len(segments)))
    return context_around(before, after)


def unit_key(
    source_lang: str, target_lang: str, source: str, target: str, context: str | None
) -> str:
    """The identity of a TM unit: languages (any case), source, target and context, hashed.

    Stored (unique) with each unit; changing it needs a migration that recomputes the keys.
    """
    parts = (source_lang.casefold(), target_lang.casefold(), source, target, context or "")
    joined = "\x00".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(joined, digest_size=16).hexdigest()


class DocumentHeader(Protocol):
    """What a unit takes from its document (a Document, or what an editor knows of it)."""

    @property
    def name(self) -> str: ...
    @property
    def source_lang(self) -> str: ...
    @property
    def target_lang(self) -> str | None: ...


def copy_key(unit: TmUnitData) -> str:
    """The key under which `tm dedupe` takes units for copies of one another: the unit key
    with source and target in Unicode NFC, trimmed, and runs of whitespace made one space
    (what tools differ in and a translator does not see); case and codes still count."""
    source, target = (
        " ".join(unicodedata.normalize("NFC", t).split()) for t in (unit.source, unit.target)
    )
    return unit_key(unit.source_lang, unit.target_lang, source, target, unit.context)


def tm_unit_for(
    segment: Segment, document: DocumentHeader, context: str | None, author: str | None = None
) -> TmUnitData | None:
    """The TM unit a translated segment makes, or None (no target, not to translate, or a
    document without a target language). The one place a segment becomes a unit."""
    if not document.target_lang or not segment.target.strip() or not is_translatable(segment):
        return None
    return TmUnitData(
        source_lang=document.source_lang,
        target_lang=document.target_lang,
        source=segment.source,
        target=segment.target,
        codes=tuple(segment.codes),
        origin=document.name,
        context=context,
        author=author,
        segment_id=segment.id,
    )


def tm_units_of_document(
    document: DocumentHeader, segments: Sequence[Segment], *, confirmed_only: bool = False
) -> Iterator[TmUnitData]:
    """The units of a document's translated (or only its confirmed) segments, each with its
    context among all of them."""
    for index, segment in enumerate(segments):
        if segment.target.strip() and (segment.status.confirmed or not confirmed_only):
            unit = tm_unit_for(segment, document, segment_context(segments, index))
            if unit is not None:
                yield unit


def char_diff(source: str, query: str) -> list[tuple[DiffOp, str]]:
    """Runs of equal, delete (source only) and insert (query only) that turn source into query."""
    runs: list[tuple[DiffOp, str]] = []
    for step in Indel.opcodes(source, query):
        op: DiffOp
        if step.tag == "insert":
            op, text = "insert", query[step.dest_start : step.dest_end]
        else:
            op = "equal" if step.tag == "equal" else "delete"
            text = source[step.src_start : step.src_end]
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        elif text:
            runs.append((op, text))
    return runs


def length_window(query_length: int, minimum: float) -> tuple[int, int]:
    """The unit lengths that can reach a ratio of minimum against a query of this length."""
    if minimum <= 0:
        return 0, np.iinfo(np.int32).max
    low = math.ceil(query_length * minimum / (200 - minimum) - _EPSILON)
    high = math.floor(query_length * (200 - minimum) / minimum + _EPSILON)
    return low, high


def ratio_bound(shared: _Floats, query_length: int, lengths: _Ints) -> _Floats:
    """The best ratio units of these lengths can reach while sharing this many padded bigrams."""
    both = lengths + query_length
    common = np.minimum(np.minimum(lengths, query_length), (shared + both - 1) / 3)
    # Two empty texts are equal: rapidfuzz rates them 100.
    return np.where(both > 0, 200 * common / np.maximum(both, 1), 100.0).astype(np.float64)


class TmIndex:
    """Translation units by language pair, searchable by fuzzy similarity of their sources.

    Not thread-safe: callers serialise adds, removes and lookups (a lookup indexes what was
    added since the last one).
    """

    def __init__(self, *, posting_budget: int = 600_000, verify_budget: int = 3_000) -> None:
        self.posting_budget = posting_budget
        """Posting-list entries a lookup reads at most, the rarest bigrams' first."""
        self.verify_budget = verify_budget
        """Candidates a lookup scores at most, those sharing most bigrams per character first."""
        self._pairs: dict[tuple[str, str], _PairIndex] = {}
        self._pair_list: list[_PairIndex] = []
        # unit id -> pair number << 32 | slot: one small int per unit rather than a tuple
        self._where: dict[int, int] = {}
        # segment id -> ids of the units confirmed from a segment with that id (of any
        # document: the lookup compares origins); small tuples, as most hold one unit
        self._made_from: dict[int, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._where

    def get(self, unit_id: int) -> TmUnit | None:
        """The stored unit with this id, if any."""
        where = self._where.get(unit_id)
        return None if where is None else self._pair_list[where >> 32].units[where & _LOW_32]

    def add(self, unit: TmUnit) -> None:
        """Store a unit, replacing any stored unit with the same id."""
        if unit.id in self._where:
            self.remove(unit.id)
        key = _pair_key(unit.source_lang, unit.target_lang)
        pair = self._pairs.get(key)
        if pair is None:
            pair = self._pairs[key] = _PairIndex(len(self._pair_list))
            self._pair_list.append(pair)
        self._where[unit.id] = pair.number << 32 | pair.add(unit)
        if unit.segment_id is not None:
            self._made_from[unit.segment_id] = (*self._made_from.get(unit.segment_id, ()), unit.id)

    def put(self, unit: TmUnit) -> None:
        """Store a unit in place of any stored unit with the same key (or the same id)."""
        pair = self._pairs.get(_pair_key(unit.source_lang, unit.target_lang))
        if pair is not None:
            budgets = (self.posting_budget, self.verify_budget)
            same_text = pair.search(normalise_for_match(unit.source), 1, 100.0, budgets)
            key = unit.key
            for slot, _ratio in same_text:
                known = pair.unit(slot)
                if known.id != unit.id and known.key == key:
                    self.remove(known.id)
        self.add(unit)

    def add_many(self, units: Iterable[TmUnit]) -> int:
        """Store many units and return how many."""
        count = 0
        for unit in units:
            self.add(unit)
            count += 1
        return count

    def remove(self, unit_id: int) -> None:
        """Forget a unit; KeyError if no unit has this id."""
        where = self._where.pop(unit_id)
        pair = self._pair_list[where >> 32]
        segment_id = pair.unit(where & _LOW_32).segment_id
        if segment_id is not None:
            made = tuple(i for i in self._made_from[segment_id] if i != unit_id)
            if made:
                self._made_from[segment_id] = made
            else:
                del self._made_from[segment_id]
        pair.remove(where & _LOW_32)

    def lookup(
        self,
        text: str,
        source_lang: str,
        target_lang: str,
        *,
        limit: int = 5,
        minimum: float = 70,
        context: str | None = None,
        exclude: tuple[str, int] | None = None,
    ) -> list[TmMatch]:
        """The best units for text whose similarity reaches minimum, best first, at most limit.

        exclude is the (document, segment id) looked up: the units confirmed from that very
        segment are not matches of it. A translation found under several contexts is
        listed once, with its best score.
        """
        pair = self._pairs.get(_pair_key(source_lang, target_lang))
        if pair is None or limit <= 0 or minimum > 100:
            return []
        budgets = (self.posting_budget, self.verify_budget)
        own = self._made_from.get(exclude[1], ()) if exclude is not None else ()
        slots = [self._where[i] & _LOW_32 for i in own if self._where[i] >> 32 == pair.number]
        skip = [slot for slot in slots if pair.unit(slot).provenance == exclude]
        norm = normalise_for_match(text)
        wanted = limit
        while True:
            found = pair.search(norm, wanted, max(minimum, 0.0), budgets, skip)
            matches, dropped = _listed_once(pair, found, text, context, limit)
            # A translation stored in several contexts took places: look further, rarely.
            if not dropped or len(matches) >= limit or wanted >= 8 * limit:
                return matches
            wanted *= 2


def _listed_once(
    pair: _PairIndex, found: list[tuple[int, float]], text: str, context: str | None, limit: int
) -> tuple[list[TmMatch], int]:
    """The best matches, each translation (source and target) once; and how many were not."""
    scored = [(_score(pair.unit(slot), ratio, text, context), ratio, slot) for slot, ratio in found]
    # Of equal scores, the more similar first, then the more recently added.
    scored.sort(reverse=True)
    matches: list[TmMatch] = []
    shown: set[tuple[str, str]] = set()
    dropped = 0
    for score, ratio, slot in scored:
        unit = pair.unit(slot)
        if (unit.source, unit.target) in shown:
            dropped += 1
        elif len(matches) < limit:
            shown.add((unit.source, unit.target))
            matches.append(_match(unit, score, ratio, text))
    return matches, dropped


def _pair_key(source_lang: str, target_lang: str) -> tuple[str, str]:
    """Language tags compared regardless of case (zh-Hans, zh-hans)."""
    return source_lang.casefold(), target_lang.casefold()


def _match(unit: TmUnit, score: int, similarity: float, text: str) -> TmMatch:
    """A match with the diff of the unit's source against the query."""
    return TmMatch(unit, score, similarity, char_diff(unit.source, text))


def _score(unit: TmUnit, similarity: float, text: str, context: str | None) -> int:
    """The score shown to the translator (see TmMatch.score)."""
    if similarity < 100:
        return min(int(similarity), FUZZY_CEILING)
    if unit.source != text:
        return SAME_TEXT
    if context is not None and unit.context == context:
        return IN_CONTEXT
    return EXACT


@dataclass(slots=True)
class _Segment:
    """Posting lists of the slots first..end-1: sorted bigram keys, offsets into slots."""

    first: int
    end: int
    keys: _Ints
    offsets: _Ints
    slots: npt.NDArray[np.int32]


class _PairIndex:
    """The units of one language pair and their bigram posting lists."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.units: list[TmUnit | None] = []
        self.norms: list[str] = []
        # For the slots already indexed: normalised length, and whether not removed.
        self.lengths: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self.alive: npt.NDArray[np.bool_] = np.zeros(0, dtype=np.bool_)
        self.segments: list[_Segment] = []
        self.indexed = 0
        self.removed = 0  # indexed slots removed since the segments were last compacted

    def unit(self, slot: int) -> TmUnit:
        """The live unit in a slot."""
        unit = self.units[slot]
        if unit is None:
            raise KeyError(slot)
        return unit

    def add(self, unit: TmUnit) -> int:
        """Append a unit and return its slot; it is indexed by the next lookup (or batch)."""
        norm = normalise_for_match(unit.source)
        self.units.append(unit)
        # One string instead of two equal ones, as for most Korean and Chinese sources.
        self.norms.append(unit.source if norm == unit.source else norm)
        if len(self.units) - self.indexed >= _SEGMENT_UNITS:
            self._index_pending()
        return len(self.units) - 1

    def remove(self, slot: int) -> None:
        """Empty a slot; its postings stay until its segment is next rebuilt."""
        self.units[slot] = None
        self.norms[slot] = ""
        if slot < self.indexed:
            self.alive[slot] = False
            self.removed += 1

    def search(
        self,
        query: str,
        limit: int,
        minimum: float,
        budgets: tuple[int, int],
        skip: Sequence[int] = (),
    ) -> list[tuple[int, float]]:
        """(slot, ratio) of units that may be among the limit best, all with ratio >= minimum;
        never the slots in skip."""
        self._index_pending()
        posting_budget, verify_budget = budgets
        size = len(query)
        tokens = Counter(_padded_bigrams(query))
        keys = np.fromiter(tokens.keys(), dtype=np.int64, count=len(tokens))
        weights = np.fromiter(tokens.values(), dtype=np.int64, count=len(tokens))
        shared, assumed = self._shared(keys, weights, posting_budget)
        low, high = length_window(size, minimum)
        lengths = self.lengths
        estimate = shared / (lengths + (size + 2))
        estimate[(lengths < low) | (lengths > high) | ~self.alive] = 0
        estimate[[slot for slot in skip if slot < self.indexed]] = 0
        candidates = _best(estimate, verify_budget)
        bound = ratio_bound(
            shared[candidates] + assumed, size, lengths[candidates].astype(np.int64)
        )
        possible = bound >= minimum - _EPSILON
        return self._verify(query, candidates[possible], bound[possible], limit, minimum)

    def _shared(self, keys: _Ints, weights: _Ints, budget: int) -> tuple[_Floats, int]:
        """Per slot, the query's bigrams it has (with the query's multiplicity), and how many
        of the query's bigrams were not read but counted as shared by every slot."""
        found = [_postings(segment, keys) for segment in self.segments]
        frequency = np.zeros(len(keys), dtype=np.int64)
        for _start, length in found:
            frequency += length
        rarest_first = np.argsort(frequency, kind="stable")
        read = np.zeros(len(keys), dtype=np.bool_)
        read[rarest_first[np.cumsum(frequency[rarest_first]) <= budget]] = True
        slots, repeats = [], []
        for segment, (start, length) in zip(self.segments, found, strict=True):
            length = np.where(read, length, 0)
            slots.append(segment.slots[_ranges(start, length)])
            repeats.append(np.repeat(weights, length))
        shared = np.zeros(len(self.units), dtype=np.float64)
        if slots:
            counts = np.bincount(
                np.concatenate(slots), np.concatenate(repeats), minlength=len(self.units)
            )
            shared = np.asarray(counts, dtype=np.float64)
        return shared, int(weights[~read].sum())

    def _verify(
        self, query: str, candidates: _Slots, bound: _Floats, limit: int, minimum: float
    ) -> list[tuple[int, float]]:
        """Score candidates in order until none left can reach the limit-th best ratio."""
        # The best bound among the candidates not scored yet, from each position on.
        remaining = np.maximum.accumulate(bound[::-1])[::-1]
        found: list[tuple[int, float]] = []
        threshold = minimum
        for start in range(0, len(candidates), _BATCH):
            if remaining[start] < threshold - _EPSILON:
                break
            batch = candidates[start : start + _BATCH].tolist()
            texts = [self.norms[slot] for slot in batch]
            ratios = process.cdist(
                [query], texts, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float64
            )[0].tolist()
            found += [(s, r) for s, r in zip(batch, ratios, strict=True) if r >= threshold]
            if len(found) >= limit:
                threshold = max(threshold, heapq.nlargest(limit, (r for _s, r in found))[-1])
        return found

    def _index_pending(self) -> None:
        """Index the slots added since the last time; rebuild segments after many removals."""
        first, end = self.indexed, len(self.units)
        if first < end:
            count = end - first
            lengths = np.fromiter(map(len, self.norms[first:end]), dtype=np.int32, count=count)
            alive = np.fromiter((u is not None for u in self.units[first:end]), np.bool_, count)
            self.lengths = np.concatenate([self.lengths, lengths])
            self.alive = np.concatenate([self.alive, alive])
            self.segments.append(self._build(first, end))
            self.indexed = end
            self._merge_small()
        if self.removed > _COMPACT_SHARE * self.indexed:
            self.segments = [self._rebuilt(segment) for segment in self.segments]
            self.removed = 0

    def _merge_small(self) -> None:
        """Merge the newest segment into the one before while they are of similar size."""
        while len(self.segments) >= 2:
            older, newer = self.segments[-2], self.segments[-1]
            too_big = newer.end - older.first > _SEGMENT_UNITS
            if too_big or older.end - older.first > 2 * (newer.end - newer.first):
                return
            self.segments[-2:] = [self._rebuilt(older, newer)]

    def _build(self, first: int, end: int) -> _Segment:
        """A segment for the slots first..end-1, from their normalised texts."""
        norms = self.norms[first:end]
        text = "".join(f"\x02{norm}\x03" for norm in norms)
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        points = points.astype(np.int64)
        keys = (points[:-1] << _CODE_BITS) | points[1:]
        bigrams = np.fromiter(map(len, norms), dtype=np.int64, count=len(norms)) + 1
        local = np.repeat(np.arange(len(norms), dtype=np.int64), bigrams + 1)[:-1]
        # The last bigram of each unit but the last pairs its end mark with the next start mark.
        keep = self.alive[first:end][local]
        keep[np.cumsum(bigrams + 1)[:-1] - 1] = False
        return _segment(first, end, keys[keep], local[keep])

    def _rebuilt(self, *segments: _Segment) -> _Segment:
        """One segment with the live postings of adjacent segments."""
        first = segments[0].first
        all_keys, all_local = [], []
        for segment in segments:
            keys = np.repeat(segment.keys, np.diff(segment.offsets))
            slots = segment.slots.astype(np.int64)
            live = self.alive[slots]
            all_keys.append(keys[live])
            all_local.append(slots[live] - first)
        keys, local = np.concatenate(all_keys), np.concatenate(all_local)
        return _segment(first, segments[-1].end, keys, local)


def _segment(first: int, end: int, keys: _Ints, local: _Ints) -> _Segment:
    """Sort (bigram, slot) pairs into posting lists, keeping each pair once."""
    packed = np.sort((keys << _SLOT_BITS) | local)
    if len(packed):
        packed = packed[np.concatenate([[True], packed[1:] != packed[:-1]])]
    keys = packed >> _SLOT_BITS
    slots = ((packed & _SLOT_MASK) + first).astype(np.int32)
    heads = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]])) if len(keys) else keys
    offsets = np.concatenate([heads, [len(keys)]]).astype(np.int64)
    return _Segment(first, end, keys[heads], offsets, slots)


def _postings(segment: _Segment, keys: _Ints) -> tuple[_Ints, _Ints]:
    """Where each key's posting list starts in a segment, and its length (0 when absent)."""
    if len(segment.keys) == 0:
        return np.zeros(len(keys), dtype=np.int64), np.zeros(len(keys), dtype=np.int64)
    position = np.minimum(np.searchsorted(segment.keys, keys), len(segment.keys) - 1)
    start = segment.offsets[position]
    length = np.where(segment.keys[position] == keys, segment.offsets[position + 1] - start, 0)
    return start, length


def _ranges(start: _Ints, length: _Ints) -> _Ints:
    """The concatenation of range(start[i], start[i] + length[i]) for every i."""
    total = int(length.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    return np.repeat(start - (np.cumsum(length) - length), length) + np.arange(total)


def _best(estimate: _Floats, budget: int) -> _Slots:
    """Slots of the budget highest positive estimates, highest first (newest first on ties)."""
    if budget <= 0:
        return np.zeros(0, dtype=np.intp)
    if len(estimate) > budget:
        slots = np.argpartition(estimate, len(estimate) - budget)[-budget:]
    else:
        slots = np.arange(len(estimate))
    slots = slots[estimate[slots] > 0]
    return slots[np.lexsort((-slots, -estimate[slots]))]


def _padded_bigrams(text: str) -> list[int]:
    """The bigrams of text between a start and an end mark, as integers."""
    points = [_START, *map(ord, text), _END]
    return [(a << _CODE_BITS) | b for a, b in pairwise(points)]
