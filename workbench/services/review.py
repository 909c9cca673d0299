"""Use cases of review: what reviewers changed against the translator's confirmed version."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.document import SegmentStatus, plain_text
from workbench.domain.memory import char_diff
from workbench.domain.scoring import post_edit_distance
from workbench.services.common import UsageError
from workbench.storage import documents
from workbench.storage.engine import Database
from workbench.storage.qa import document_id


@dataclass(frozen=True, slots=True)
class ReviewChange:
    """A segment whose target changed after the translator confirmed it."""

    position: int
    translated: str
    """The translator's confirmed target (codes as code characters)."""
    current: str
    status: SegmentStatus
    translator: str | None
    reviewer: str | None
    """Who stored the current target."""
    ter: float
    """TER from the translator's version to the current one (edits per word of the current)."""


@dataclass(frozen=True, slots=True)
class ReviewReport:
    """What review changed in a document."""

    name: str
    changes: list[ReviewChange]
    """In document order."""
    confirmed: int
    """Segments the translator confirmed (the ones review could change)."""
    signature: str
    """sacrebleu's signature of the TER settings."""

    @property
    def average(self) -> float | None:
        """Mean TER over the changed segments, None when none changed."""
        if not self.changes:
            return None
        return sum(change.ter for change in self.changes) / len(self.changes)


def review_report(db: Database, name: str) -> ReviewReport:
    """Every segment whose target differs from the translator's confirmed version, with TER."""
    with db.sessions() as session:
        found = document_id(session, name)
        if found is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        header = documents.document_by_name(session, name)
        segments = list(documents.iter_segments(session, found))
        versions = documents.translator_versions(session, found)
    lang = header.target_lang if header is not None else None
    changes = []
    signature = post_edit_distance("a", "a", lang).signature
    for segment in segments:
        version = versions.get(segment.id or -1)
        if version is None or version.target == segment.target:
            continue
        score = post_edit_distance(plain_text(version.target), plain_text(segment.target), lang)
        signature = score.signature
        changes.append(
            ReviewChange(
                position=segment.position,
                translated=version.target,
                current=segment.target,
                status=segment.status,
                translator=version.author,
                reviewer=segment.author,
                ter=score.value,
            )
        )
    return ReviewReport(name, changes, len(versions), signature)


@dataclass(frozen=True, slots=True)
class TranslatorVersion:
    """The translator's confirmed target of a segment, and who confirmed it."""

    target: str
    author: str | None


def translator_version(db: Database, segment_id: int) -> TranslatorVersion | None:
    """The translator's confirmed target of the segment (undo respected), None when never."""
    with db.sessions() as session:
        found = documents.translator_version(session, segment_id)
    return None if found is None else TranslatorVersion(found.target, found.author)


def target_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Runs of ("equal" | "delete" | "insert", text) that turn before into after."""
    return [(op, text) for op, text in char_diff(before, after)]
