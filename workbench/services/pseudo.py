"""Pseudo-translation of a stored document: every translatable target filled as a test.

Targets are stored as drafts by the author "pseudo": a draft never enters the translation
memory, QA and the editor count it as unfinished, and exports write it with each format's
draft convention (XLIFF 1.2 needs-review-translation, PO fuzzy, SDLXLIFF Draft, memoQ
Edited), so no tool counts a pseudo-translated file as translated. Each change is a revision
like any save, so undo brings the earlier target back.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.document import Segment, SegmentStatus, is_locked, is_translatable
from workbench.domain.pseudo import DEFAULT_EXPAND, SCRIPTS, pseudo_text
from workbench.services.common import ConflictError, UsageError
from workbench.storage import documents
from workbench.storage.engine import Database

PSEUDO_AUTHOR = "pseudo"
"""The author of pseudo-translated targets in the segments' history."""


@dataclass(frozen=True, slots=True)
class PseudoResult:
    """What pseudo_translate did to a document."""

    filled: int
    """Targets pseudo-translated (as drafts)."""
    kept_confirmed: int
    """Segments left alone because a translator confirmed their target."""
    locked: int
    """Segments left alone because their file locks them."""


def pseudo_translate(
    db: Database,
    name: str,
    expand: int = DEFAULT_EXPAND,
    script: str = "latin",
    *,
    replace_confirmed: bool = False,
) -> PseudoResult:
    """Fill every translatable target of a document with its source pseudo-translated.

    Confirmed targets (translated, reviewed, approved) are kept unless replace_confirmed;
    locked segments are always kept. All or nothing, in one transaction.
    """
    chosen = next((known for known in SCRIPTS if known == script), None)
    if chosen is None:
        raise UsageError(f"unknown script {script!r} (choose: {', '.join(SCRIPTS)})")
    if expand < 0 or expand > 1000:
        raise UsageError(f"expand must be between 0 and 1000 percent, not {expand}")
    changes: list[tuple[Segment, str, SegmentStatus]] = []
    kept = locked = 0
    with db.sessions.begin() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        assert document.id is not None
        for segment in list(documents.iter_segments(session, document.id)):
            if not is_translatable(segment) or not segment.source.strip():
                continue
            if is_locked(segment):
                locked += 1
            elif segment.status.confirmed and not replace_confirmed:
                kept += 1
            else:
                target = pseudo_text(segment.source, expand, chosen)
                changes.append((segment, target, SegmentStatus.DRAFT))
        try:
            documents.save_targets(session, changes, PSEUDO_AUTHOR)
        except documents.ConflictError as error:
            raise ConflictError(str(error), error.position) from None
    return PseudoResult(len(changes), kept, locked)
