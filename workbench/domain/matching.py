"""Term recognition: a compiled index over the term base that finds terms in text.

Terms and text are folded alike (see normalize.fold); an Aho-Corasick automaton per language
finds candidate keys in one pass, and each candidate is checked against the rules of the script
at its edges: whole words with inflections for Latin and other spaced scripts, name + particle
for Hangul, plain substrings for Han and kana. Hangul and Han terms are also looked for with
spaces removed, so that spacing variants match.

The index (term_entries: what it keeps of each term; term_keys: keys and automata) is compiled
per language when that language is first searched. find_many reads a batch of texts in one
pass (term_scan), which is how QA and whole documents are read; find is find_many of one text.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import itemgetter

import numpy as np
import numpy.typing as npt

from workbench.domain import collector
from workbench.domain.model import Concept, Term
from workbench.domain.normalize import prepare_folding
from workbench.domain.term_entries import Edge, EntryTable, is_acronym
from workbench.domain.term_hits import About, Hit, HitTable, Records, Targets, hits_of
from workbench.domain.term_keys import DELTA_LIMIT, AutomatonStore, LanguageIndex
from workbench.domain.term_scan import Found, Scanner
from workbench.domain.term_table import IndexData, TermTable

__all__ = [
    "DELTA_LIMIT",
    "Edge",
    "Hit",
    "Targets",
    "TermIndex",
    "is_acronym",
    "primary_language",
]


def primary_language(tag: str) -> str:
    """The language subtag that groups a tag's terms (zh-Hant and zh-Hans are both zh)."""
    return tag.split("-", 1)[0].lower()


def _by_status(terms: Iterable[Term]) -> list[Term]:
    """Terms preferred first, in their order otherwise."""
    return sorted(terms, key=lambda term: term.status.rank)


@lru_cache(maxsize=256)
def _primary(tag: str) -> str:
    """primary_language, remembered: every find asks it for one of a few tags."""
    return primary_language(tag)


class TermIndex:
    """A compiled, incrementally updated index of a term base for term recognition.

    Each language's keys are indexed when that language is first searched or edited (a
    command that reads Korean text pays nothing for the English and Chinese terms), in the
    order the terms came: the same index as adding every term at once.
    """

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self._entries = EntryTable()
        self._languages: dict[str, LanguageIndex] = {}
        self._waiting: dict[str, list[tuple[IndexData, list[int], list[int]]]] = {}
        """By language: (index data, its rows, their entries) not yet indexed there."""
        self._scanners: dict[str, Scanner] = {}
        self._concepts: dict[int, list[Term]] = {}
        """Each concept's terms, preferred first (made from the table when first asked)."""
        self._table = TermTable.empty()
        self._table_concepts = np.zeros(0, dtype=np.int64)
        """The concept of each row of the table the index was made from (in order)."""
        self._entry_ids: dict[int, list[int]] | None = None
        """Each concept's entries, made when first needed (by an edit)."""
        self._records: list[About | None] = []
        """_entry_fields of each entry hits were made of (with every target language), by entry
        (an entry's record never changes: an edited concept's terms are new entries)."""
        self._described = np.zeros(0, dtype=np.bool_)
        """Which entries have their record in _records."""
        self._store: AutomatonStore | None = None
        """Where each language's main automata are kept between processes, if anywhere."""
        concepts = list(concepts)
        self._add_entries(IndexData.of(TermTable.of_concepts(concepts)))
        for concept in concepts:
            self._concepts[concept.id] = _by_status(concept.terms)  # type: ignore[index]

    @classmethod
    def from_data(cls, data: IndexData, store: AutomatonStore | None = None) -> TermIndex:
        """The index of a term base from its index data (as kept in a file, concepts in id
        order): the same index as one made from the term base's concepts, nothing derived.
        The automata are read from store when it holds them, and kept there when compiled."""
        index = cls()
        index._store = store
        index._table = data.table
        index._table_concepts = np.array(data.table.concept, dtype=np.int64)
        index._add_entries(data)
        return index

    def _add_entries(self, data: IndexData) -> None:
        """Keep the indexed terms of index data (whole concepts); their keys wait for their
        language's first search, after which (the language sealed) they go in at once."""
        rows = [row for row, key in enumerate(data.key) if key]
        first = self._entries.extend(data, rows).start
        langs = data.table.lang
        primary = {lang: _primary(lang) for lang in set(langs)}
        by_language: dict[str, tuple[list[int], list[int]]] = {}
        for entry, row in enumerate(rows, first):
            own_rows, own_entries = by_language.setdefault(primary[langs[row]], ([], []))
            own_rows.append(row)
            own_entries.append(entry)
        for language, (own_rows, own_entries) in by_language.items():
            self._waiting.setdefault(language, []).append((data, own_rows, own_entries))
        if self._entry_ids is not None:
            for entry, row in enumerate(rows, first):
                self._entry_ids.setdefault(data.table.concept[row], []).append(entry)
        for language in list(self._waiting):
            if language in self._languages:  # searched already: the delta automata take them
                self._language(language)

    def _language(self, language: str) -> LanguageIndex | None:
        """A language's index, with the keys waiting for it added (sealed after the first
        ones: those of the term base the index was made from)."""
        index = self._languages.get(language)
        waiting = self._waiting.pop(language, None)
        if waiting is None:
            return index
        # the collector would walk the growing index again and again while hundreds of
        # thousands of lists are made (the objects made here hold no cycles)
        with collector.paused():
            first = index is None
            if index is None:
                index = self._languages[language] = LanguageIndex(store=self._store, name=language)
            for data, rows, entries in waiting:
                keys = (
                    [data.key[row] for row in rows]
                    if len(rows) < 2
                    else itemgetter(*rows)(data.key)
                )
                index.add_many(entries, data.loose[rows].tolist(), keys)
            if first:
                index.seal()  # the terms added from now on go to the delta automata
        return index

    def prepare(self, lang: str) -> None:
        """Index lang's keys, compile its automata and build the folding tables now rather than
        at the first search: done in a thread before the index is shared, so that no search on
        a UI thread pays for them."""
        scanner = self._scanner(_primary(lang))
        if scanner is not None:
            scanner.language.automata()
            prepare_folding()

    def _entries_of(self, concept: int) -> list[int]:
        """The entries of a concept (removed ones too)."""
        if self._entry_ids is None:
            self._entry_ids = {}
            for entry, owner in enumerate(self._entries.concept):
                self._entry_ids.setdefault(owner, []).append(entry)
        return self._entry_ids.setdefault(concept, [])

    def __len__(self) -> int:
        return sum(self._entries.alive)

    def languages(self) -> list[str]:
        """Primary language subtags that have terms."""
        return sorted({*self._languages, *self._waiting})

    def _concept_terms(self, concept: int) -> list[Term]:
        """A concept's terms, preferred first."""
        terms = self._concepts.get(concept)
        if terms is None:
            column = self._table_concepts
            start = int(np.searchsorted(column, concept, side="left"))
            end = int(np.searchsorted(column, concept, side="right"))
            terms = self._concepts[concept] = _by_status(map(self._table.term, range(start, end)))
        return terms

    def put(self, concept: Concept) -> None:
        """Add a concept, or replace it after an edit, without rebuilding the index."""
        assert concept.id is not None, "index stored concepts only"
        self.remove(concept.id)
        for term in concept.terms:  # terms of the term base go in before this edit's
            self._language(_primary(term.lang))
        self._add_entries(IndexData.of(TermTable.of_concepts([concept])))
        self._concepts[concept.id] = _by_status(concept.terms)

    def remove(self, concept_id: int) -> None:
        """Forget a deleted concept."""
        entries = self._entries_of(concept_id)
        for entry in entries:
            self._entries.remove(entry)
        entries.clear()
        self._concepts[concept_id] = []  # its rows in the table are no longer its terms

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
        return self.find_many(
            [text], lang, overlapping=overlapping, partial=partial, target_langs=target_langs
        )[0]

    def find_many(
        self,
        texts: Sequence[str],
        lang: str,
        *,
        overlapping: bool = False,
        partial: bool = False,
        target_langs: Iterable[str] | None = None,
    ) -> list[list[Hit]]:
        """find for each text, read in one pass: the same hits as one text at a time."""
        scanner = self._scanner(_primary(lang))
        if scanner is None:
            return [[] for _ in texts]
        # a scan makes tens of thousands of tuples (the automata's matches, the hits) and no
        # cycle: the collector would walk them, and the ones it moves to the old generation
        # bring on collections of the whole index
        with collector.paused():
            found = scanner.scan(texts, overlapping=overlapping, partial=partial)
            wanted = frozenset(target_langs) if target_langs else None
            hits = self._hits(texts, found, wanted)
        if len(texts) == 1:
            return [hits]
        bounds = np.searchsorted(found.number, np.arange(len(texts) + 1)).tolist()
        return [hits[start:end] for start, end in itertools.pairwise(bounds)]

    def _hits(self, texts: Sequence[str], found: Found, wanted: frozenset[str] | None) -> list[Hit]:
        """A Hit of every row scan() found, each a row of one table (made in C)."""
        if not len(found.entry):
            return []
        table = HitTable(texts, found, self._records_of(found.entry, wanted))
        return hits_of(table, len(found.entry))

    def _records_of(self, entries: npt.NDArray[np.int64], wanted: frozenset[str] | None) -> Records:
        """The records of entries, by entry: the index's own table (each entry's described
        once), or those of these entries with only the wanted target languages."""
        if wanted is not None:
            return {e: self._entry_fields(e, wanted) for e in set(entries.tolist())}
        records, described = self._records, self._described
        if len(described) < len(self._entries):
            records += [None] * (len(self._entries) - len(records))
            described = self._described = np.concatenate(
                (described, np.zeros(len(self._entries) - len(described), dtype=np.bool_))
            )
        new = entries[~described[entries]]
        if len(new):  # (np.unique costs more than a segment's scan takes)
            for entry in set(new.tolist()):
                records[entry] = self._entry_fields(entry, None)
            described[new] = True
        return records

    def _entry_fields(self, entry: int, wanted: frozenset[str] | None) -> About:
        """What every hit of an entry says of it: language, term, status, concept, targets."""
        entries = self._entries
        concept, lang = entries.concept[entry], entries.lang[entry]
        targets = tuple.__new__(Targets, (self._concept_terms(concept), lang, wanted))
        return lang, entries.text[entry], entries.status[entry], concept, targets

    def _scanner(self, language: str) -> Scanner | None:
        index = self._language(language)
        if index is None:
            return None
        scanner = self._scanners.get(language)
        if scanner is None:
            scanner = self._scanners[language] = Scanner(index, self._entries)
        return scanner
