"""Use cases of find and replace in a document's targets, and of the document's overview."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from workbench.domain.analysis import count_words as count_words
from workbench.domain.checks import Severity
from workbench.domain.document import Segment, SegmentStatus, is_translatable
from workbench.domain.find import Replacement
from workbench.services.common import ConflictError, UsageError
from workbench.services.editing import LockedError, save_segment
from workbench.services.library import document_segments
from workbench.services.qa import run_document_qa
from workbench.storage.engine import Database


@dataclass(frozen=True, slots=True)
class ReplaceConflict:
    """A planned replacement refused because the segment changed after the plan was made."""

    position: int
    message: str


@dataclass(frozen=True, slots=True)
class ReplaceResult:
    """What a replace-all stored, and what it refused to overwrite."""

    replaced: list[Segment]
    """The segments as saved (new targets and versions), in the order given."""
    conflicts: list[ReplaceConflict]


def replace_in_targets(
    db: Database,
    name: str,
    replacements: Iterable[Replacement],
    author: str | None = None,
    *,
    status: SegmentStatus | None = None,
) -> ReplaceResult:
    """Save each changed replacement against the version it was planned from.

    Each segment keeps its status unless status is given: a replace-all is a previewed,
    deliberate correction (a term changed everywhere), and turning hundreds of confirmed
    segments back into drafts would bury the review state it is meant to keep; the revision
    history records who changed what. Pass SegmentStatus.DRAFT to have a reviewer look again.
    A segment saved by someone else since the plan is reported as a conflict, never
    overwritten (its refused text is kept in its history, as for any refused save).
    """
    _, segments = document_segments(db, name)
    stored = {segment.id: segment for segment in segments}
    replaced: list[Segment] = []
    conflicts: list[ReplaceConflict] = []
    for replacement in replacements:
        if not replacement.changed:
            continue
        current = stored.get(replacement.segment_id)
        if current is None or current.id is None:
            raise UsageError(f"{name} has no segment {replacement.position} to replace in")
        try:
            saved = save_segment(
                db,
                current.id,
                replacement.after,
                status or current.status,
                replacement.version,
                author,
            )
        except (ConflictError, LockedError) as error:
            conflicts.append(ReplaceConflict(replacement.position, str(error)))
            continue
        replaced.append(saved)
    return ReplaceResult(replaced, conflicts)


@dataclass(frozen=True, slots=True)
class StatusCount:
    """How much of a document is in one status."""

    status: SegmentStatus
    segments: int
    words: int
    """Source words (see count_words)."""


@dataclass(frozen=True, slots=True)
class CheckCount:
    """How often one QA check found something in a document."""

    check: str
    severity: Severity
    """The most severe of its issues."""
    issues: int
    segments: int
    """Segments with at least one of its issues."""


@dataclass(frozen=True, slots=True)
class Overview:
    """A document's progress by status (segments and source words) and its QA issues."""

    name: str
    source_lang: str
    target_lang: str | None
    by_status: tuple[StatusCount, ...]
    """Every status in workflow order, those with no segments included."""
    qa: tuple[CheckCount, ...] | None = None
    """Issues by check, most frequent first; None when QA was not run."""

    @property
    def segments(self) -> int:
        """Translatable segments."""
        return sum(count.segments for count in self.by_status)

    @property
    def words(self) -> int:
        """Source words of the translatable segments."""
        return sum(count.words for count in self.by_status)

    @property
    def confirmed_words(self) -> int:
        """Source words of segments translated, reviewed or approved."""
        return sum(count.words for count in self.by_status if count.status.confirmed)


def document_overview(db: Database, name: str, *, qa: bool = True) -> Overview:
    """Progress by status of a stored document and, unless qa is False, its issues by check.

    QA takes longer (it loads the term base), so a screen asks for it apart with qa_by_check.
    """
    document, segments = document_segments(db, name)
    by_status = _by_status(s for s in segments if is_translatable(s))
    checks = qa_by_check(db, name) if qa and document.target_lang else None
    return Overview(document.name, document.source_lang, document.target_lang, by_status, checks)


def _by_status(segments: Iterable[Segment]) -> tuple[StatusCount, ...]:
    counts = {status: [0, 0] for status in SegmentStatus}
    for segment in segments:
        counts[segment.status][0] += 1
        counts[segment.status][1] += count_words(segment.source)
    return tuple(StatusCount(status, n, words) for status, (n, words) in counts.items())


def qa_by_check(db: Database, name: str) -> tuple[CheckCount, ...]:
    """A stored document's QA issues counted by check, most frequent first."""
    issues: dict[str, list[int]] = {}
    severities: dict[str, Severity] = {}
    for issue in run_document_qa(db, name).issues:
        issues.setdefault(issue.check, []).append(issue.position)
        known = severities.get(issue.check, issue.severity)
        severities[issue.check] = min(known, issue.severity, key=lambda s: s.rank)
    counts = [
        CheckCount(check, severities[check], len(positions), len(set(positions)))
        for check, positions in issues.items()
    ]
    counts.sort(key=lambda count: (-count.issues, count.check))
    return tuple(counts)
