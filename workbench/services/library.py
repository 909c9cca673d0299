"""Use cases that read the stored documents: the list with progress, a document's segments,
the place the translator left off. Nothing here reads or writes files, so listing documents
needs neither the formats nor term recognition.
"""

from __future__ import annotations

from workbench.domain.document import Document, DocumentSummary, Segment
from workbench.services.common import UsageError
from workbench.storage import documents
from workbench.storage.engine import Database


def list_documents(db: Database) -> list[DocumentSummary]:
    """Every document with its progress."""
    with db.sessions() as session:
        return documents.list_documents(session)


def document_segments(db: Database, name: str) -> tuple[Document, list[Segment]]:
    """A stored document's header and its segments in order."""
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        assert document.id is not None
        return document, list(documents.iter_segments(session, document.id))


def stored_segment(db: Database, segment_id: int) -> Segment | None:
    """One segment as stored now (after a refused save, the other translator's text)."""
    with db.sessions() as session:
        return documents.get_segment(session, segment_id)


def last_position(db: Database, name: str) -> int:
    """The 1-based segment the translator was at when the document was last closed."""
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None or document.id is None:
            return 1
        return documents.last_position(session, document.id)


def set_last_position(db: Database, name: str, position: int) -> None:
    """Remember the 1-based segment the translator is at, for the next opening."""
    with db.sessions.begin() as session:
        document = documents.document_by_name(session, name)
        if document is not None and document.id is not None:
            documents.set_last_position(session, document.id, position)
