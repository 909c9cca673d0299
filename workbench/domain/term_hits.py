"""What a term search gives: Hits, their concept's Targets, and the table a search's hits share.

A search of a whole document finds tens of thousands of hits, most of whose fields nobody reads
(QA reads each hit's concept and status, the editor a segment's spans), and making each hit's
fields cost more than finding it. So a Hit is two slots, its row and its search's HitTable, and
the table turns a column into a list when a hit first reads it. What a hit says of its entry
(language, term, status, concept, targets) is one record per entry, made when a search first
finds the entry and never changed after (an edited concept's terms are new entries): a hit
says what the term base said when it was found.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any, cast

from workbench.domain.model import Term, TermStatus
from workbench.domain.term_scan import FULL, PARTIAL, Found


class Targets(tuple[Any, ...], Mapping[str, list[Term]]):
    """A hit's concept's terms in the other languages, by language, preferred first.

    Grouped when read (most hits' targets never are: QA reads few, a scan of a document none),
    from the concept's terms as they were when the hit was found. A tuple of (the concept's
    terms, the hit's language, the languages asked for), so that making one costs little.
    """

    __slots__ = ()

    def _by_lang(self) -> dict[str, list[Term]]:
        terms, lang, wanted = cast(
            tuple[Sequence[Term], str, "frozenset[str] | None"], tuple(tuple.__iter__(self))
        )
        grouped: dict[str, list[Term]] = {}
        for term in terms:
            if term.lang != lang and (wanted is None or term.lang in wanted):
                grouped.setdefault(term.lang, []).append(term)
        return grouped

    def __getitem__(self, lang: str) -> list[Term]:  # type: ignore[override]
        return self._by_lang()[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_lang())

    def __len__(self) -> int:
        return len(self._by_lang())

    def __contains__(self, lang: object) -> bool:
        return lang in self._by_lang()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[Targets], tuple[tuple[Any, ...]]]:
        return Targets, (tuple(tuple.__iter__(self)),)

    def __repr__(self) -> str:
        return repr(self._by_lang())


About = tuple[str, str, TermStatus, int, Targets]
"""What every hit of an entry says of it: language, term, status, concept, targets."""

Records = Sequence["About | None"] | Mapping[int, About]
"""Entries' records by entry number (only those of entries found are read)."""


class HitTable:
    """The hits of one search, column by column; a column becomes a list when first read."""

    def __init__(self, texts: Sequence[str], found: Found, records: Records) -> None:
        self._texts = tuple(texts)  # the caller's list may change; the hits' texts may not
        self._found = found
        self.records = records

    @classmethod
    def of_one(
        cls, start: int, end: int, text: str, about: About, confidence: float, partial: bool
    ) -> HitTable:
        """The table of one hit given field by field."""
        table = cls.__new__(cls)
        columns = {"start": [start], "end": [end], "text": [text], "entry": [0]}
        table.__dict__.update(columns, confidence=[confidence], partial=[partial])
        table.records = (about,)
        return table

    @cached_property
    def start(self) -> list[int]:
        return cast(list[int], self._found.start.tolist())

    @cached_property
    def end(self) -> list[int]:
        return cast(list[int], self._found.end.tolist())

    @cached_property
    def text(self) -> list[str]:
        """Every hit's text, cut from its own text (in C)."""
        texts = map(self._texts.__getitem__, self._found.number.tolist())
        return list(map(str.__getitem__, texts, map(slice, self.start, self.end)))

    @cached_property
    def entry(self) -> list[int]:
        return cast(list[int], self._found.entry.tolist())

    @cached_property
    def confidence(self) -> list[float]:
        return cast(list[float], self._found.confidence.tolist())

    @cached_property
    def partial(self) -> list[bool]:
        return cast(list[bool], (self._found.confidence <= PARTIAL).tolist())

    def about(self, row: int) -> About:
        """What the hit of a row says of its entry."""
        return cast(About, self.records[self.entry[row]])


class Hit(tuple[Any, ...]):
    """A term found in a text; start/end index the text as given.

    Its fields are read as attributes, as from a named tuple, from its row of its search's
    table; hits compare by what they say.
    """

    __slots__ = ()

    def __new__(
        cls,
        start: int,
        end: int,
        text: str,
        lang: str,
        term: str,
        status: TermStatus,
        concept: int,
        targets: Targets,
        confidence: float = FULL,
        partial: bool = False,
    ) -> Hit:
        about = (lang, term, status, concept, targets)
        return tuple.__new__(
            cls, (0, HitTable.of_one(start, end, text, about, confidence, partial))
        )

    @property
    def start(self) -> int:
        table: HitTable = self[1]
        row: int = self[0]
        return table.start[row]

    @property
    def end(self) -> int:
        table: HitTable = self[1]
        row: int = self[0]
        return table.end[row]

    @property
    def text(self) -> str:
        table: HitTable = self[1]
        row: int = self[0]
        return table.text[row]

    @property
    def lang(self) -> str:
        table: HitTable = self[1]
        return table.about(self[0])[0]

    @property
    def term(self) -> str:
        table: HitTable = self[1]
        return table.about(self[0])[1]

    @property
    def status(self) -> TermStatus:
        table: HitTable = self[1]
        return table.about(self[0])[2]

    @property
    def concept(self) -> int:
        table: HitTable = self[1]
        return table.about(self[0])[3]

    @property
    def targets(self) -> Targets:
        table: HitTable = self[1]
        return table.about(self[0])[4]

    @property
    def confidence(self) -> float:
        table: HitTable = self[1]
        row: int = self[0]
        return table.confidence[row]

    @property
    def partial(self) -> bool:
        table: HitTable = self[1]
        row: int = self[0]
        return table.partial[row]

    def _values(self) -> tuple[Any, ...]:
        row: int = self[0]
        table: HitTable = self[1]
        start, end, text = table.start[row], table.end[row], table.text[row]
        return (start, end, text, *table.about(row), table.confidence[row], table.partial[row])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Hit):
            return NotImplemented
        return self._values() == other._values()

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type[Hit], tuple[Any, ...]]:
        return Hit, self._values()

    def __repr__(self) -> str:
        names = ("start", "end", "text", "lang", "term", "status", "concept", "targets")
        shown = ", ".join(
            f"{name}={value!r}"
            for name, value in zip((*names, "confidence", "partial"), self._values(), strict=True)
        )
        return f"Hit({shown})"


_make_hit = functools.partial(tuple.__new__, Hit)
"""A Hit from its (row, table), in C."""


def hits_of(table: HitTable, count: int) -> list[Hit]:
    """The hits of the first count rows of a table."""
    return list(map(_make_hit, zip(range(count), [table] * count, strict=True)))
