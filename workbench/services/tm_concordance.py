"""Concordance: the TM units and term-base entries holding a word or phrase; TM upkeep."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workbench.domain.concordance import Query, hit_spans, parse_query, relevance, spellings, tokens
from workbench.domain.langtags import normalize_lang
from workbench.domain.memory import TmUnit
from workbench.domain.model import Concept, Term
from workbench.services.common import UsageError
from workbench.storage import concordance as index
from workbench.storage import memory, termbase
from workbench.storage.engine import Database

MAX_QUERY_CHARS = 500
"""The longest text a concordance search takes."""
CANDIDATES = 100
"""Newest units holding the text read per side, among which the most relevant are shown."""
COUNT_UP_TO = 1_000
"""Units holding the text counted per side at most (past that, the count says "or more")."""

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class UnitHit:
    """A TM unit holding the text: where (its source or its target) and the spans of the hits."""

    unit: TmUnit
    side: str
    """"source" or "target": the side written in the language searched."""
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        """The side holding the hits."""
        return self.unit.source if self.side == "source" else self.unit.target

    @property
    def other(self) -> str:
        """The aligned text: the unit's other side."""
        return self.unit.target if self.side == "source" else self.unit.source


@dataclass(frozen=True, slots=True)
class TermHit:
    """A term-base entry with a term holding the text, and the concept's other terms."""

    concept: Concept
    term: Term
    spans: tuple[Span, ...]

    @property
    def translations(self) -> list[Term]:
        """The concept's terms in the other languages."""
        return [term for term in self.concept.terms if term.lang != self.term.lang]


@dataclass(frozen=True, slots=True)
class Concordance:
    """What a search found: units (most relevant first), their count, and term entries."""

    text: str
    lang: str
    units: list[UnitHit]
    unit_count: int
    """Units holding the text; a lower bound when `more`."""
    more: bool
    """Whether more units hold the text than were counted."""
    terms: list[TermHit]


def concordance(db: Database, text: str, lang: str, limit: int = 50) -> Concordance:
    """The TM units and term entries in which text occurs (folded as in term matching)."""
    lang = normalize_lang(lang)
    if len(text) > MAX_QUERY_CHARS:
        raise UsageError(
            f"text of {len(text):,} characters is too long (at most {MAX_QUERY_CHARS})"
        )
    query = parse_query(text)
    if query.empty:
        raise UsageError(f"nothing to look for in {text!r}: give a word or phrase")
    candidates: list[tuple[TmUnit, str]] = []
    counted, more = 0, False
    with db.sessions() as session:
        for side in ("source", "target"):
            ids, count = index.search(session, query, side, lang, CANDIDATES, COUNT_UP_TO)
            units = memory.get_units(session, ids)
            candidates += [(units[i], side) for i in ids if i in units]
            counted += count
            more = more or count >= COUNT_UP_TO
        concepts: dict[int, Concept] = {}
        for spelling in spellings(query):
            for concept in termbase.search_concepts(session, spelling, lang, limit):
                if concept.id is not None:
                    concepts.setdefault(concept.id, concept)
    # Hits are placed (tokens folded) for the likeliest candidates only, until limit have one.
    candidates.sort(key=lambda candidate: _likely(query, *candidate))
    hits: list[UnitHit] = []
    for unit, side in candidates:
        hit = _unit_hit(query, unit, side)
        if hit.spans:
            hits.append(hit)
            if len(hits) == limit:
                break
    hits.sort(key=lambda h: relevance(query, h.text, list(h.spans), _stamp(h.unit), h.unit.id))
    return Concordance(text, lang, hits, counted, more, _term_hits(query, concepts, lang))


def _likely(query: Query, unit: TmUnit, side: str) -> tuple[int, float, float, int]:
    """relevance() guessed without placing the hits: the query spelt as typed somewhere in the
    text, the share of the text it would fill, then the newest."""
    text = unit.source if side == "source" else unit.target
    typed = query.text.strip().casefold()
    share = round(len(typed) / max(len(text), 1), 1)
    stamp = _stamp(unit)
    moment = stamp.timestamp() if stamp is not None else 0.0
    return (0 if typed in text.casefold() else 1, -share, -moment, -unit.id)


def _stamp(unit: TmUnit) -> datetime | None:
    return unit.changed_at or unit.created_at


def _unit_hit(query: Query, unit: TmUnit, side: str) -> UnitHit:
    text = unit.source if side == "source" else unit.target
    return UnitHit(unit, side, tuple(hit_spans(query, tokens(text))))


def _term_hits(query: Query, concepts: dict[int, Concept], lang: str) -> list[TermHit]:
    """Terms of lang holding the query, the shortest (closest to the query) first."""
    found = []
    for concept in concepts.values():
        for term in concept.terms:
            if term.lang.casefold() == lang.casefold() or term.lang.startswith(f"{lang}-"):
                spans = hit_spans(query, tokens(term.text))
                if spans:
                    found.append(TermHit(concept, term, tuple(spans)))
    return sorted(found, key=lambda hit: (len(hit.term.text), hit.term.text))


def edit_tm_unit(db: Database, unit_id: int, source: str, target: str) -> TmUnit:
    """Change a unit's source and target; UsageError if it is gone or would be empty."""
    if not source.strip() or not target.strip():
        raise UsageError("a unit needs a source and a target")
    with db.sessions.begin() as session:
        unit = memory.update_unit(session, unit_id, source, target)
    if unit is None:
        raise UsageError(f"no TM unit {unit_id} (deleted meanwhile?)")
    return unit


def delete_tm_unit(db: Database, unit_id: int) -> None:
    """Delete a unit from the TM; UsageError if it is gone already."""
    with db.sessions.begin() as session:
        if not memory.delete_unit(session, unit_id):
            raise UsageError(f"no TM unit {unit_id} (deleted meanwhile?)")
