"""The records use cases hand out for what storage counted or found: services' own types.

Storage has its own classes for these; the outer layers see only the ones here (and domain
types), so that storage can change without the CLI or the TUI noticing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from workbench.storage import qa, termbase


@dataclass(frozen=True, slots=True)
class ImportChange:
    """One concept an import makes or changes: the entry (its id, else its first term), the
    stored concept, and ("new",) or what changed."""

    entry: str
    concept_id: int
    what: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a glossary import (or accepted harvest) did to the term base."""

    concepts_read: int = 0
    concepts_created: int = 0
    concepts_merged: int = 0
    concepts_changed: int = 0
    """Merged concepts whose fields or terms the import changed."""
    terms_added: int = 0
    terms_updated: int = 0
    changes: tuple[ImportChange, ...] = ()
    """The first concepts made or changed (storage.termbase.CHANGES_KEPT), for a dry run."""
    created_alike: int = 0
    """New concepts for ids of another origin that share terms with stored concepts."""

    @classmethod
    def of(cls, stored: termbase.ImportResult) -> ImportResult:
        """The record of storage's counts."""
        return cls(
            concepts_read=stored.concepts_read,
            concepts_created=stored.concepts_created,
            concepts_merged=stored.concepts_merged,
            concepts_changed=stored.concepts_changed,
            terms_added=stored.terms_added,
            terms_updated=stored.terms_updated,
            changes=tuple(ImportChange(c.entry, c.concept_id, c.what) for c in stored.changes),
            created_alike=stored.created_alike,
        )


@dataclass(frozen=True, slots=True)
class TermbaseStats:
    """Counts that describe a term base."""

    concepts: int
    terms: int
    terms_by_lang: dict[str, int] = field(default_factory=dict)
    terms_by_status: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, stored: termbase.TermbaseStats) -> TermbaseStats:
        """The record of storage's counts."""
        return cls(
            stored.concepts,
            stored.terms,
            dict(stored.terms_by_lang),
            dict(stored.terms_by_status),
        )


@dataclass(frozen=True, slots=True)
class PostEdit:
    """A stored post-edit distance: the suggestion inserted, the target confirmed, their TER."""

    segment_id: int
    position: int
    suggestion: str
    origin: str
    target: str
    score: float
    signature: str
    author: str | None = None
    created_at: datetime | None = None

    @classmethod
    def of(cls, stored: qa.PostEdit) -> PostEdit:
        """The record of a stored row."""
        return cls(
            stored.segment_id,
            stored.position,
            stored.suggestion,
            stored.origin,
            stored.target,
            stored.score,
            stored.signature,
            stored.author,
            stored.created_at,
        )
