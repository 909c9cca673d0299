"""A term base as columns, and what the term index derives from each term, ready to store.

Building the term index from concepts costs a folding, an edge rule and a spacing per term:
seconds for a few hundred thousand terms. IndexData holds the terms of a term base (every
field, concept by concept) together with what the index derives from them, as flat lists and
arrays, so that it can be kept in a file and an index made from it without deriving anything
again; `changed` replaces the rows of some concepts, which is how a kept copy follows edits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import numpy.typing as npt

from workbench.domain.model import Concept, Term, TermStatus, TermType
from workbench.domain.normalize import SEPARATOR, clean_term, fold, fold_joined
from workbench.domain.term_entries import edge, is_acronym, space_insensitive, spacing


@dataclass(frozen=True, slots=True)
class TermTable:
    """Every term of a term base, concept by concept (in id order), each field a column."""

    concept: list[int]
    lang: list[str]
    text: list[str]
    status: list[TermStatus]
    part_of_speech: list[str | None]
    term_type: list[TermType | None]
    case_sensitive: list[bool]
    note: list[str | None]
    source: list[str | None]

    def __len__(self) -> int:
        return len(self.concept)

    @classmethod
    def empty(cls) -> TermTable:
        """A table without terms."""
        return cls(*([] for _ in fields(cls)))

    @classmethod
    def of_concepts(cls, concepts: Iterable[Concept]) -> TermTable:
        """The terms of stored concepts, in the order given."""
        table = cls.empty()
        for concept in concepts:
            assert concept.id is not None, "index stored concepts only"
            for term in concept.terms:
                table.append(concept.id, term)
        return table

    def append(self, concept: int, term: Term) -> None:
        """Add a term of a concept (after the concept's other terms)."""
        self.concept.append(concept)
        self.lang.append(term.lang)
        self.text.append(term.text)
        self.status.append(term.status)
        self.part_of_speech.append(term.part_of_speech)
        self.term_type.append(term.term_type)
        self.case_sensitive.append(term.case_sensitive)
        self.note.append(term.note)
        self.source.append(term.source)

    def term(self, row: int) -> Term:
        """The term of a row."""
        return Term(
            self.lang[row],
            self.text[row],
            self.status[row],
            self.part_of_speech[row],
            self.term_type[row],
            self.case_sensitive[row],
            self.note[row],
            self.source[row],
        )

    def rows(self, keep: Sequence[int]) -> TermTable:
        """A table of some rows, in the order given."""
        return TermTable(*([getattr(self, f.name)[r] for r in keep] for f in fields(self)))

    def __add__(self, more: TermTable) -> TermTable:
        return TermTable(*(getattr(self, f.name) + getattr(more, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class IndexData:
    """A term table and what the index derives from each of its terms (empty key: not indexed)."""

    table: TermTable
    key: list[str]
    """The folded key of each term; empty for a term with nothing to look for."""
    entry_text: list[str]
    """The term as the index keeps it (clean_term)."""
    case_sensitive: npt.NDArray[np.bool_]
    """Matched in its own case: marked so, or an acronym."""
    left: npt.NDArray[np.int8]
    right: npt.NDArray[np.int8]
    loose: npt.NDArray[np.bool_]
    words_at: npt.NDArray[np.int64]
    """Where each term's word lengths start in words (one more entry than terms)."""
    words: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.key)

    @classmethod
    def of(cls, table: TermTable) -> IndexData:
        """Derive what the index needs from every term of a table (the folding in one pass)."""
        texts = [clean_term(text) for text in table.text]
        joinable = [n for n, text in enumerate(texts) if SEPARATOR not in text]
        folded = fold_joined([texts[n] for n in joinable]).text.split(SEPARATOR) if joinable else []
        keys = [""] * len(texts)
        for number, key in zip(joinable, folded, strict=True):
            keys[number] = key
        for number, text in enumerate(texts):
            if SEPARATOR in text:
                keys[number] = fold(text).text
        keys = [key if key.strip() else "" for key in keys]
        word_lists = [spacing(text) if key else () for text, key in zip(texts, keys, strict=True)]
        counts = np.fromiter(map(len, word_lists), dtype=np.int64, count=len(texts))
        words_at = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        words = np.fromiter(
            (length for word_list in word_lists for length in word_list),
            dtype=np.int64,
            count=int(words_at[-1]),
        )
        indexed = [bool(key) for key in keys]
        return cls(
            table,
            keys,
            texts,
            np.array(
                [
                    on and (marked or is_acronym(text))
                    for on, marked, text in zip(indexed, table.case_sensitive, texts, strict=True)
                ],
                dtype=np.bool_,
            ),
            np.array([edge(t[0]) if t else 0 for t in texts], dtype=np.int8),
            np.array([edge(t[-1]) if t else 0 for t in texts], dtype=np.int8),
            np.array(
                [on and space_insensitive(t) for on, t in zip(indexed, texts, strict=True)],
                dtype=np.bool_,
            ),
            words_at,
            words,
        )

    def changed(self, removed: set[int], added: IndexData) -> IndexData:
        """This data (concepts in id order) without the rows of some concepts, and with the
        rows of added (whole concepts, in id order), each concept where its id puts it.

        Assembled from slices of the columns between the concepts that change, so that a
        few changes in a large term base cost a few slices, not a pass over every row.
        """
        concepts = np.array(self.table.concept, dtype=np.int64)
        incoming = np.array(added.table.concept, dtype=np.int64)
        cut = np.array(sorted(removed | set(incoming.tolist())), dtype=np.int64)
        starts = np.searchsorted(concepts, cut, side="left").tolist()
        ends = np.searchsorted(concepts, cut, side="right").tolist()
        new_starts = np.searchsorted(incoming, cut, side="left").tolist()
        new_ends = np.searchsorted(incoming, cut, side="right").tolist()
        pieces: list[tuple[IndexData, int, int]] = []
        at = 0
        for start, end, new_start, new_end in zip(starts, ends, new_starts, new_ends, strict=True):
            pieces.append((self, at, start))
            pieces.append((added, new_start, new_end))
            at = end
        pieces.append((self, at, len(self)))
        return _joined([(data, a, b) for data, a, b in pieces if b > a])


def _joined(pieces: list[tuple[IndexData, int, int]]) -> IndexData:
    """Row ranges of index data, one after the other."""
    if not pieces:
        return IndexData.of(TermTable.empty())

    def listed(column: str, of_table: bool) -> list[Any]:
        joined: list[Any] = []
        for data, start, end in pieces:
            owner = data.table if of_table else data
            joined += getattr(owner, column)[start:end]
        return joined

    def stacked(column: str) -> npt.NDArray[Any]:
        return np.concatenate([getattr(data, column)[start:end] for data, start, end in pieces])

    counts = np.concatenate(
        [
            data.words_at[start + 1 : end + 1] - data.words_at[start:end]
            for data, start, end in pieces
        ]
    )
    words = np.concatenate(
        [data.words[data.words_at[start] : data.words_at[end]] for data, start, end in pieces]
    )
    table = TermTable(*(listed(f.name, True) for f in fields(TermTable)))
    return IndexData(
        table,
        listed("key", False),
        listed("entry_text", False),
        stacked("case_sensitive"),
        stacked("left"),
        stacked("right"),
        stacked("loose"),
        np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
        words.astype(np.int64),
    )
