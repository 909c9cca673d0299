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

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, cast

from workbench.domain.model import Concept, Term, TermStatus
from workbench.domain.normalize import clean_term, fold
from workbench.domain.term_entries import Edge, EntryTable, is_acronym
from workbench.domain.term_keys import DELTA_LIMIT, LanguageIndex
from workbench.domain.term_scan import FULL, PARTIAL, Scanner

__all__ = [
    "DELTA_LIMIT",
    "Edge",
    "Hit",
    "Targets",
    "TermIndex",
    "is_acronym",
    "primary_language",
]


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


class Hit(NamedTuple):
    """A term found in a text; start/end index the text as given."""

    start: int
    end: int
    text: str
    lang: str
    term: str
    status: TermStatus
    concept: int
    targets: Targets
    confidence: float = FULL
    partial: bool = False


def primary_language(tag: str) -> str:
    """The language subtag that groups a tag's terms (zh-Hant and zh-Hans are both zh)."""
    return tag.split("-", 1)[0].lower()


@lru_cache(maxsize=256)
def _primary(tag: str) -> str:
    """primary_language, remembered: every find asks it for one of a few tags."""
    return primary_language(tag)


class TermIndex:
    """A compiled, incrementally updated index of a term base for term recognition."""

    def __init__(self, concepts: Iterable[Concept] = ()) -> None:
        self._entries = EntryTable()
        self._languages: dict[str, LanguageIndex] = defaultdict(LanguageIndex)
        self._scanners: dict[str, Scanner] = {}
        self._concepts: dict[int, list[Term]] = {}
        self._entry_ids: dict[int, list[int]] = {}
        self._about: dict[int, tuple[str, str, TermStatus, int, Targets]] = {}
        """_entry_fields of the entries hits were made of (with every target language)."""
        for concept in concepts:
            self._add(concept)
        for language in self._languages.values():
            language.seal()  # the terms added from now on go to the delta automata

    def __len__(self) -> int:
        return sum(len(ids) for ids in self._entry_ids.values())

    def languages(self) -> list[str]:
        """Primary language subtags that have terms."""
        return sorted(self._languages)

    def _add(self, concept: Concept) -> None:
        assert concept.id is not None, "index stored concepts only"
        self._concepts[concept.id] = sorted(concept.terms, key=lambda t: t.status.rank)
        ids = self._entry_ids.setdefault(concept.id, [])
        for term in concept.terms:
            text = clean_term(term.text)
            key = fold(text).text
            if not key.strip():
                continue
            entry = self._entries.add(concept.id, term.lang, text, term.status, term.case_sensitive)
            ids.append(entry)
            loose = self._entries.loose[entry]
            self._languages[primary_language(term.lang)].add(entry, loose, key)

    def put(self, concept: Concept) -> None:
        """Add a concept, or replace it after an edit, without rebuilding the index."""
        if concept.id in self._concepts:
            self.remove(concept.id)
        self._add(concept)

    def remove(self, concept_id: int) -> None:
        """Forget a deleted concept."""
        for entry in self._entry_ids.pop(concept_id, []):
            self._entries.remove(entry)
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
        found: list[list[Hit]] = [[] for _ in texts]
        scanner = self._scanner(_primary(lang))
        if scanner is None:
            return found
        rows = scanner.scan(texts, overlapping=overlapping, partial=partial)
        wanted = frozenset(target_langs) if target_langs else None
        about = self._about if wanted is None else {}
        make = tuple.__new__
        for number, start, end, confidence, entry in rows:
            known = about.get(entry)
            if known is None:
                known = about[entry] = self._entry_fields(entry, wanted)
            fields = (
                start,
                end,
                texts[number][start:end],
                *known,
                confidence,
                confidence <= PARTIAL,
            )
            found[number].append(make(Hit, fields))
        return found

    def _entry_fields(
        self, entry: int, wanted: frozenset[str] | None
    ) -> tuple[str, str, TermStatus, int, Targets]:
        """What every hit of an entry says of it: language, term, status, concept, targets."""
        entries = self._entries
        concept, lang = entries.concept[entry], entries.lang[entry]
        targets = tuple.__new__(Targets, (self._concepts.get(concept, ()), lang, wanted))
        return lang, entries.text[entry], entries.status[entry], concept, targets

    def _scanner(self, language: str) -> Scanner | None:
        scanner = self._scanners.get(language)
        if scanner is None:
            index = self._languages.get(language)
            if index is None:
                return None
            scanner = self._scanners[language] = Scanner(index, self._entries)
        return scanner
