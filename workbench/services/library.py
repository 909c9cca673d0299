"""Use cases that read the stored documents: the list with progress, a document's segments,
the place the translator left off. Nothing here reads or writes files, so listing documents
needs neither the formats nor term recognition; the list is read with plain SQL
(storage.document_list), from a current SQLite file without SQLAlchemy, and the ORM's storage
modules load with the first use case that needs them.
"""

from __future__ import annotations

from contextlib import closing
from typing import TYPE_CHECKING

from workbench.domain.document import Document, DocumentSummary, Segment
from workbench.services.common import UsageError
from workbench.storage import current_sqlite, document_list

if TYPE_CHECKING:
    from workbench.storage.engine import Database


def list_documents(db: Database) -> list[DocumentSummary]:
    """Every document with its progress."""
    with db.engine.connect() as connection:
        return document_list.list_documents(connection)


def list_documents_at(url: str) -> list[DocumentSummary]:
    """Every document with its progress, in the database at url: a current SQLite file read
    at once, any other opened (created, upgraded) as open_database does."""
    quick = current_sqlite.connect_current(url)
    if quick is None:
        from workbench.storage.engine import open_database

        database = open_database(url)
        try:
            return list_documents(database)
        finally:
            database.dispose()
    with closing(quick):
        return document_list.list_documents(quick)


def document_segments(db: Database, name: str) -> tuple[Document, list[Segment]]:
    """A stored document's header and its segments in order."""
    from workbench.storage import documents  # the ORM: not for the list above

    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        assert document.id is not None
        return document, list(documents.iter_segments(session, document.id))


def stored_segment(db: Database, segment_id: int) -> Segment | None:
    """One segment as stored now (after a refused save, the other translator's text)."""
    from workbench.storage import documents  # the ORM: not for the list above

    with db.sessions() as session:
        return documents.get_segment(session, segment_id)


def last_position(db: Database, name: str) -> int:
    """The 1-based segment the translator was at when the document was last closed."""
    from workbench.storage import documents  # the ORM: not for the list above

    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None or document.id is None:
            return 1
        return documents.last_position(session, document.id)


def set_last_position(db: Database, name: str, position: int) -> None:
    """Remember the 1-based segment the translator is at, for the next opening."""
    from workbench.storage import documents  # the ORM: not for the list above

    with db.sessions.begin() as session:
        document = documents.document_by_name(session, name)
        if document is not None and document.id is not None:
            documents.set_last_position(session, document.id, position)
