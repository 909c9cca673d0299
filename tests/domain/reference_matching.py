"""The term recognition of 2026-11-26 (commit 466b767), kept unchanged as the reference that the
property tests compare the current matcher with. Do not edit: it defines "the same results".

Term recognition: a compiled index over the term base that finds terms in text.

Terms and text are folded alike (see normalize.fold); an Aho-Corasick automaton per language
finds candidate keys in one pass, and each candidate is checked against the rules of the script
at its edges: whole words with inflections for Latin and other spaced scripts, name + particle
for Hangul, plain substrings for Han and kana. Hangul and Han terms are also looked for with
spaces removed, so that spacing variants match.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from itertools import count
from typing import NamedTuple

import ahocorasick_rs
from reference_normalize import FoldedText, clean_term, fold

from workbench.domain import korean
from workbench.domain.model import Concept, Term, TermStatus
from workbench.domain.scripts import Script, is_word_char, script_of

FULL, ANALYSED, SPACING, PARTIAL = 1.0, 0.9, 0.9, 0.5
ENGLISH_SUFFIXES = ("s", "es")
SENTENCE_ENDS = ".!?。！？\n"
DELTA_LIMIT = 2000  # terms added since the last compile before the automata are rebuilt


@dataclass(frozen=True, slots=True)
class IndexedTerm:
    """A term as the index knows it."""

    entry_id: int
    concept_id: int
    lang: str
    text: str
    status: TermStatus
    case_sensitive: bool
    left: Edge
    right: Edge
    loose_spacing: bool
    """Hangul/Han/kana term: its spacing varies in running text."""
    spacing: tuple[int, ...]


class Edge(IntEnum):
    """The rule at one end of a term, from the script of its first or last character."""

    NONE = 0  # Han, kana, punctuation: substrings are fine
    WORD = 1  # Latin and other spaced scripts: whole words
    HANGUL = 2  # Korean: word start / name + particles


def _edge(char: str) -> Edge:
    script = script_of(char)
    if script in (Script.LATIN, Script.OTHER_LETTER, Script.DIGIT):
        return Edge.WORD
    if script is Script.HANGUL:
        return Edge.HANGUL
    return Edge.NONE


def _is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3" or "\u1100" <= char <= "\u11ff"


_HANGUL_RUN = re.compile("[\uac00-\ud7a3\u1100-\u11ff]*")
"""Characters _is_hangul takes, as a run (read in C)."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in a text; start/end index the text as given."""

    start: int
    end: int
    text: str
    lang: str
    term: str
    status: TermStatus
    concept: int
    targets: dict[str, list[Term]]
    confidence: float = FULL
    partial: bool = False


def is_acronym(text: str) -> bool:
    """Short all-capital words (IT, CEO, UAE) that mean something else in lower case."""
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(text) <= 5 and len(letters) >= 2 and all(c.isupper() for c in letters)


def primary_language(tag: str) -> str:
    """The language subtag that groups a tag's terms (zh-Hant and zh-Hans are both zh)."""
    return tag.split("-", 1)[0].lower()


@lru_cache(maxsize=256)
def _primary(tag: str) -> str:
    """primary_language, remembered: every find asks it for one of a few tags."""
    return primary_language(tag)


def _space_insensitive(text: str) -> bool:
    """Hangul, Han and kana terms: spacing inside them varies and is matched loosely."""
    scripts = {script_of(c) for c in text if not c.isspace()}
    return bool(scripts) and scripts <= {Script.HANGUL, Script.HAN, Script.KANA}


def _spacing(text: str) -> tuple[int, ...]:
    """Lengths of the space-separated words of text."""
    return tuple(map(len, text.split()))


def _plural_keys(key: str) -> list[str]:
    """Extra keys for English plurals that change the stem (company -> companies)."""
    if len(key) > 2 and key.endswith("y") and key[-2] not in "aeiou" and key[-2].isalpha():
        return [key[:-1] + "ies"]
    return []


class _Automaton:
    """Keys compiled into leftmost-longest and (on request) overlapping automata."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.longest = (
            ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST)
            if keys
            else None
        )
        self._overlapping: ahocorasick_rs.AhoCorasick | None = None

    def find(self, text: str, overlapping: bool) -> list[tuple[str, int, int]]:
        if self.longest is None:
            return []
        if overlapping:
            if self._overlapping is None:
                self._overlapping = ahocorasick_rs.AhoCorasick(self.keys)
            found = self._overlapping.find_matches_as_indexes(text, overlapping=True)
        else:
            found = self.longest.find_matches_as_indexes(text)
        keys = self.keys
        return [(keys[index], start, end) for index, start, end in found]


@dataclass
class _LanguageIndex:
    """The keys of one language, split into spaced keys and space-insensitive ones."""

    entries: dict[str, list[IndexedTerm]] = field(default_factory=lambda: defaultdict(list))
    spaced_keys: set[str] = field(default_factory=set)
    spaceless_keys: set[str] = field(default_factory=set)
    compiled: tuple[_Automaton, _Automaton] | None = None
    delta: tuple[_Automaton, _Automaton] | None = None
    compiled_spaced: frozenset[str] = frozenset()
    compiled_spaceless: frozenset[str] = frozenset()
    dirty: bool = True

    def add(self, entry: IndexedTerm, key: str) -> None:
        self.entries[key].append(entry)
        if entry.loose_spacing:
            self.spaceless_keys.add(key.replace(" ", ""))
            self.entries.setdefault(key.replace(" ", ""), [])
            if key.replace(" ", "") != key:
                self.entries[key.replace(" ", "")].append(entry)
        else:
            self.spaced_keys.add(key)
            for plural in _plural_keys(key):
                self.spaced_keys.add(plural)
                self.entries[plural].append(entry)
        self.dirty = True

    def automata(self) -> list[tuple[_Automaton, _Automaton]]:
        """The compiled automata and, when terms were added since, a small delta pair."""
        if self.compiled is None:
            self.compile()
        elif self.dirty:
            new_spaced = sorted(self.spaced_keys - self.compiled_spaced)
            new_spaceless = sorted(self.spaceless_keys - self.compiled_spaceless)
            if len(new_spaced) + len(new_spaceless) > DELTA_LIMIT:
                self.compile()
            else:
                self.delta = (_Automaton(new_spaced), _Automaton(new_spaceless))
            self.dirty = False
        assert self.compiled is not None
        return [self.compiled] + ([self.delta] if self.delta else [])

    def compile(self) -> None:
        self.compiled_spaced = frozenset(self.spaced_keys)
        self.compiled_spaceless = frozenset(self.spaceless_keys)
        self.compiled = (
            _Automaton(sorted(self.compiled_spaced)),
            _Automaton(sorted(self.compiled_spaceless)),
        )
        self.delta = None
        self.dirty = False


class TermIndex:
    """A compiled, incrementally updated index of a term base for term recognition."""

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self._ids = count(1)
        self._languages: dict[str, _LanguageIndex] = defaultdict(_LanguageIndex)
        self._concepts: dict[int, list[Term]] = {}
        self._entry_ids: dict[int, set[int]] = defaultdict(set)
        self._removed: set[int] = set()
        self._target_cache: dict[tuple[int, str, frozenset[str] | None], dict[str, list[Term]]] = {}
        for concept in concepts:
            self._add(concept)
        for language in self._languages.values():
            language.compile()

    def __len__(self) -> int:
        return sum(len(ids) for ids in self._entry_ids.values())

    def languages(self) -> list[str]:
        """Primary language subtags that have terms."""
        return sorted(self._languages)

    def _add(self, concept: Concept) -> None:
        assert concept.id is not None, "index stored concepts only"
        self._target_cache.clear()
        self._concepts[concept.id] = sorted(concept.terms, key=lambda t: t.status.rank)
        for term in concept.terms:
            text = clean_term(term.text)
            key = fold(text).text
            if not key.strip():
                continue
            entry = IndexedTerm(
                entry_id=next(self._ids),
                concept_id=concept.id,
                lang=term.lang,
                text=text,
                status=term.status,
                case_sensitive=term.case_sensitive or is_acronym(text),
                left=_edge(text[0]),
                right=_edge(text[-1]),
                loose_spacing=_space_insensitive(text),
                spacing=_spacing(text),
            )
            self._entry_ids[concept.id].add(entry.entry_id)
            self._languages[primary_language(term.lang)].add(entry, key)

    def put(self, concept: Concept) -> None:
        """Add a concept, or replace it after an edit, without rebuilding the index."""
        if concept.id in self._concepts:
            self.remove(concept.id)
        self._add(concept)

    def remove(self, concept_id: int) -> None:
        """Forget a deleted concept."""
        self._removed |= self._entry_ids.pop(concept_id, set())
        self._target_cache.clear()
        self._concepts.pop(concept_id, None)

    def find(
        self,
        text: str,
        lang: str,
        *,
        overlapping: bool = False,
        partial: bool = False,
        target_langs: Iterable[str] | None = None,
    ) -> list[Hit]:
        """Terms of language lang in text; longest match wins unless overlapping is asked."""
        language = self._languages.get(_primary(lang))
        if language is None or not text:
            return []
        folded = fold(text)
        context = _Context(folded, language, self._removed, lang, partial or overlapping)
        candidates: list[_Candidate] = []
        for spaced, spaceless in language.automata():
            if spaced.longest is not None:
                for key, start, end in spaced.find(folded.text, overlapping):
                    context.check(candidates, key, start, end)
            if spaceless.longest is not None:
                context.check_spaceless(candidates, spaceless, overlapping)
        if not candidates:
            return []
        chosen = _nested(candidates, partial) if overlapping else _longest_first(candidates)
        if len(chosen) > 1:
            chosen.sort(key=_order)
        wanted = frozenset(target_langs) if target_langs else None
        return [self._hit(candidate, text, wanted) for candidate in chosen]

    def _targets(self, entry: IndexedTerm, wanted: frozenset[str] | None) -> dict[str, list[Term]]:
        """The other languages' terms of the entry's concept, preferred first (cached)."""
        cache_key = (entry.concept_id, entry.lang, wanted)
        cached = self._target_cache.get(cache_key)
        if cached is None:
            grouped: dict[str, list[Term]] = defaultdict(list)
            for term in self._concepts.get(entry.concept_id, ()):
                if term.lang != entry.lang and (wanted is None or term.lang in wanted):
                    grouped[term.lang].append(term)
            cached = self._target_cache[cache_key] = dict(grouped)
        return cached

    def _hit(self, candidate: _Candidate, text: str, wanted: frozenset[str] | None) -> Hit:
        entry = candidate.entry
        start, end, confidence = candidate.start, candidate.end, candidate.confidence
        return Hit(
            start,
            end,
            text[start:end],
            entry.lang,
            entry.text,
            entry.status,
            entry.concept_id,
            self._targets(entry, wanted),
            confidence,
            confidence <= PARTIAL,
        )


class _Candidate(NamedTuple):
    """A span that passed the edge rules (a tuple: find makes many, and tuples are cheapest)."""

    start: int
    end: int
    confidence: float
    entry: IndexedTerm


def _order(candidate: _Candidate) -> tuple[int, int, float]:
    """The order of find's hits: by start, then end, then confidence."""
    return candidate.start, candidate.end, candidate.confidence


def _longest_key(candidate: _Candidate) -> tuple[int, int, float]:
    """By start; at one start the longest first, and the surest among equally long ones."""
    return candidate.start, candidate.start - candidate.end, -candidate.confidence


def _nested(candidates: list[_Candidate], partial: bool) -> list[_Candidate]:
    """All candidates; one glued inside a longer full hit counts as nested, not partial."""
    full = [c for c in candidates if c.confidence > PARTIAL]
    kept = []
    for candidate in candidates:
        if candidate.confidence > PARTIAL or partial:
            kept.append(candidate)
        elif any(f.start <= candidate.start and candidate.end <= f.end for f in full):
            kept.append(_Candidate(candidate.start, candidate.end, FULL, candidate.entry))
    return kept


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping candidates, longest first at each position (per concept)."""
    if len(candidates) == 1:
        return candidates
    kept: list[_Candidate] = []
    taken_until = -1
    taken_span: tuple[int, int] | None = None
    for candidate in sorted(candidates, key=_longest_key):
        if taken_span == (candidate.start, candidate.end):
            kept.append(candidate)  # the same span in another concept: a homonym, keep both
        elif candidate.start >= taken_until:
            kept.append(candidate)
            taken_until = candidate.end
            taken_span = (candidate.start, candidate.end)
    return kept


class _Context:
    """Checks the candidates found in one folded text against the edge rules."""

    def __init__(
        self,
        folded: FoldedText,
        language: _LanguageIndex,
        removed: set[int],
        lang: str,
        partial: bool,
    ) -> None:
        self.folded = folded
        self.original = folded.original
        self.language = language
        self.removed = removed
        self.lang = lang
        self.partial = partial

    def entries(self, key: str) -> list[IndexedTerm]:
        found = self.language.entries.get(key, [])
        if not self.removed:
            return found
        return [e for e in found if e.entry_id not in self.removed]

    def check(self, out: list[_Candidate], key: str, start: int, end: int) -> None:
        """Candidates for key at folded [start, end); tries shorter keys if the rules refuse."""
        if self._check_key(out, key, start, end):
            return
        text = self.folded.text
        spaced_keys = self.language.spaced_keys
        for shorter_end in range(end - 1, start, -1):
            shorter = text[start:shorter_end]
            if shorter in spaced_keys and self._check_key(out, shorter, start, shorter_end):
                return

    def _check_key(self, out: list[_Candidate], key: str, start: int, end: int) -> bool:
        """Add the candidates for key at folded [start, end) to out; False when there are none."""
        original_start, original_end = self.folded.span(start, end)
        entries = self.entries(key)
        if len(entries) == 1:  # the common case: one term has this key
            candidate = self._judge(entries[0], original_start, original_end)
            if candidate is None:
                return False
            out.append(candidate)
            return True
        best: dict[int, _Candidate] = {}
        for entry in entries:
            candidate = self._judge(entry, original_start, original_end)
            if candidate is None:
                continue
            previous = best.get(entry.concept_id)
            if previous is None or _better(candidate, previous, self.original):
                best[entry.concept_id] = candidate
        out.extend(best.values())
        return bool(best)

    def check_spaceless(
        self, out: list[_Candidate], automaton: _Automaton, overlapping: bool
    ) -> None:
        """Look for space-insensitive keys in the text with its spaces removed."""
        text = self.folded.text
        if " " not in text:  # positions need no mapping
            for key, start, end in automaton.find(text, overlapping):
                self._check_spaced(out, key, start, end)
            return
        first_space = text.find(" ")
        walker: _SpaceWalker | None = None
        for key, start, end in automaton.find(text.replace(" ", ""), overlapping):
            if end > first_space:  # before the first space, positions are the same
                walker = walker or _SpaceWalker(text)
                start, end = walker.position(start), walker.position(end - 1) + 1
            self._check_spaced(out, key, start, end)

    def _check_spaced(self, out: list[_Candidate], key: str, start: int, end: int) -> None:
        """Add the candidates of a space-insensitive key whose spacing is acceptable."""
        found: list[_Candidate] = []
        self._check_key(found, key, start, end)
        out.extend(candidate for candidate in found if self._spacing_ok(candidate))

    def _spacing_ok(self, candidate: _Candidate) -> bool:
        """A match across spaces must not glue single syllables (이 사회 is not 이사회)."""
        span = self.original[candidate.start : candidate.end]
        if " " not in span and "\n" not in span and "\t" not in span:
            return True
        spacing = _spacing(span)
        if spacing == candidate.entry.spacing:
            return True  # spaced as the term base spaces it
        return len(spacing) == 1 or min(spacing) >= 2

    def _judge(self, entry: IndexedTerm, start: int, end: int) -> _Candidate | None:
        """Apply the edge rules of the term's scripts; None when it is not a hit."""
        original = self.original
        confidence = FULL
        if start > 0:
            if entry.left is Edge.WORD and is_word_char(original[start - 1]):
                return None
            if entry.left is Edge.HANGUL and _is_hangul(original[start - 1]):
                if not self.partial:
                    return None  # glued to the word before: partial, and partials are not asked
                confidence = PARTIAL
        if entry.right is Edge.WORD:
            end = self._english_end(end)
            if end < 0:
                return None
        elif entry.right is Edge.HANGUL and end < len(original) and _is_hangul(original[end]):
            confidence = min(confidence, self._korean_right(start, end))
        if confidence <= PARTIAL and not self.partial:
            return None
        if entry.case_sensitive and not self._case_matches(entry.text, start, end):
            return None
        if entry.loose_spacing and _spacing(original[start:end]) != entry.spacing:
            confidence = min(confidence, SPACING)
        return _Candidate(start, end, confidence, entry)

    def _english_end(self, end: int) -> int:
        """End of the word form (term + plural), or -1 when the term is inside a longer word."""
        original = self.original
        if end >= len(original) or not is_word_char(original[end]):
            return end
        rest_end = end
        while rest_end < len(original) and is_word_char(original[rest_end]):
            rest_end += 1
        rest = original[end:rest_end].lower()
        if not rest:
            return end
        if rest in ENGLISH_SUFFIXES:
            return rest_end
        return -1

    def _korean_right(self, start: int, end: int) -> float:
        """FULL when the word ends with the term or goes on with particles; else PARTIAL."""
        original = self.original
        run = _HANGUL_RUN.match(original, end)  # always matches, if only the empty run
        rest_end = run.end() if run else end
        rest = unicodedata.normalize("NFC", original[end:rest_end])  # decomposed Hangul too
        if korean.is_particle_sequence(rest):
            return FULL
        word_start = start
        while word_start > 0 and _is_hangul(original[word_start - 1]):
            word_start -= 1
        word = unicodedata.normalize("NFC", original[word_start:rest_end])
        name = unicodedata.normalize("NFC", original[word_start:end])
        if len(rest) <= 4 and korean.analyser_splits_after(word, len(name)):
            return ANALYSED
        return PARTIAL

    def _case_matches(self, term: str, start: int, end: int) -> bool:
        """Case-sensitive terms match in their own case (or capitalised to start a sentence)."""
        found = " ".join(unicodedata.normalize("NFKC", self.original[start:end]).split())
        wanted = unicodedata.normalize("NFKC", term)
        if found.startswith(wanted):
            return True
        at_sentence_start = self._sentence_start(start)
        return at_sentence_start and found.startswith(wanted[:1].upper() + wanted[1:])

    def _sentence_start(self, start: int) -> bool:
        before = self.original[:start].rstrip(" \t\"'“‘(「『")
        return not before or before[-1] in SENTENCE_ENDS


def _better(candidate: _Candidate, previous: _Candidate, original: str) -> bool:
    """Which of two terms of one concept describes a span better: exact text, then status."""
    span = original[candidate.start : candidate.end]
    exact = candidate.entry.text == span
    previous_exact = previous.entry.text == original[previous.start : previous.end]
    if exact != previous_exact:
        return exact
    return candidate.entry.status.rank < previous.entry.status.rank


class _SpaceWalker:
    """Maps positions in a text with its spaces removed back to the text, walking forward."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.squeezed_at = 0
        self.text_at = self._skip_spaces(0)

    def _skip_spaces(self, position: int) -> int:
        text = self.text
        while position < len(text) and text[position] == " ":
            position += 1
        return position

    def position(self, squeezed: int) -> int:
        """The text position of the squeezed position (hits arrive in order of start)."""
        if squeezed < self.squeezed_at:  # overlapping hits may step back: restart
            self.squeezed_at, self.text_at = 0, self._skip_spaces(0)
        remaining = squeezed - self.squeezed_at
        position = self.text_at
        while remaining > 0:
            target = position + remaining
            remaining = self.text.count(" ", position + 1, target + 1)
            position = target
        position = self._skip_spaces(position)
        self.squeezed_at, self.text_at = squeezed, position
        return position
