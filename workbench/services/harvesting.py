"""Use cases of harvesting names from parenthetical glosses."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench.domain.harvest import Candidate, chinese_scripts, harvest, mark_known
from workbench.domain.langtags import normalize_lang
from workbench.domain.model import Concept, Term, TermStatus
from workbench.domain.records import ImportResult
from workbench.services.common import (
    read_text_file,
)
from workbench.storage import termbase
from workbench.storage.engine import Database


def harvest_file(db: Database, path: Path) -> list[Candidate]:
    """Name candidates glossed in a text file, each checked against the term base."""
    candidates = harvest(read_text_file(path))
    with db.sessions() as session:
        for candidate in candidates:
            mark_known(candidate, termbase.find_concepts_by_term(session, candidate.source))
    return candidates


def accept_candidates(
    db: Database, candidates: Sequence[Candidate], min_confidence: float, author: str | None = None
) -> ImportResult:
    """Add the candidates at or above min_confidence to the term base, one concept per source.

    A source already in the term base merges into its concept; a Han gloss in one script also
    gets its other script (OpenCC), so that both Chinese columns are filled.
    """
    by_source: dict[tuple[str, str], Concept] = {}
    for candidate in candidates:
        if candidate.confidence < min_confidence or candidate.known:
            continue
        key = (candidate.source_lang, candidate.source)
        concept = by_source.setdefault(
            key, Concept(terms=[Term(lang=candidate.source_lang, text=candidate.source)])
        )
        status = TermStatus.ADMITTED if candidate.conflict else TermStatus.PREFERRED
        concept.terms.extend(_gloss_terms(candidate, status))
    with db.sessions.begin() as session:
        return termbase.import_concepts(session, by_source.values(), author)


def _gloss_terms(candidate: Candidate, status: TermStatus) -> list[Term]:
    """The gloss as terms: a Han gloss in traditional and simplified script."""
    if not candidate.gloss_lang.startswith("zh"):
        return [
            Term(lang=normalize_lang(candidate.gloss_lang), text=candidate.gloss, status=status)
        ]
    traditional, simplified = chinese_scripts(candidate.gloss)
    return [
        Term(lang="zh-Hant", text=traditional, status=status),
        Term(lang="zh-Hans", text=simplified, status=status),
    ]
