"""Plain records that storage fills and use cases hand out: what an import did, what a term
base holds, a stored post-edit distance (domain types, so no layer hands out another's)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ImportChange:
    """One concept an import makes or changes."""

    entry: str
    """The entry as the file has it: its id, else its first term."""
    concept_id: int
    """The stored concept (the one made, for a new entry)."""
    what: tuple[str, ...]
    """("new",) or what changed: fields by name, then "N terms added", "N terms updated"."""


@dataclass(slots=True)
class ImportResult:
    """What an import did to the term base."""

    concepts_read: int = 0
    concepts_created: int = 0
    concepts_merged: int = 0
    concepts_changed: int = 0
    """Merged concepts whose fields or terms the import changed."""
    terms_added: int = 0
    terms_updated: int = 0
    changes: list[ImportChange] = field(default_factory=list)
    """The first concepts made or changed (storage.termbase.CHANGES_KEPT), for a dry run to show."""
    created_alike: int = 0
    """New concepts made for an id of another origin that share terms with a stored concept:
    perhaps the same term base under another name (--origin, --merge-by terms)."""


@dataclass(slots=True)
class TermbaseStats:
    """Counts that describe a term base."""

    concepts: int
    terms: int
    terms_by_lang: dict[str, int] = field(default_factory=dict)
    terms_by_status: dict[str, int] = field(default_factory=dict)


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
