"""The list of documents with their progress, read with plain SQL.

`workbench docs` runs this and little else: through SQLAlchemy Core on any database, or
through the sqlite3 driver alone on a current SQLite file (storage.current_sqlite), without
importing SQLAlchemy. The same two statements either way, their rows made into summaries
by one function; created_at comes as SQLAlchemy's SQLite text or as the server's time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbench.domain.document import DocumentSummary
from workbench.storage import plain_sql
from workbench.storage.times import aware

if TYPE_CHECKING:
    from sqlalchemy import Connection

COUNTS = "SELECT document_id, status, count(*) FROM segment GROUP BY document_id, status"
DOCUMENTS = (
    "SELECT id, name, format, source_lang, target_lang, created_at FROM document "
    "ORDER BY created_at DESC, id DESC"
)


def list_documents(connection: Connection | sqlite3.Connection) -> list[DocumentSummary]:
    """Every document with its segment counts by status, newest first."""
    return _summaries(plain_sql.rows(connection, COUNTS), plain_sql.rows(connection, DOCUMENTS))


def _summaries(
    count_rows: Iterable[Sequence[Any]], document_rows: Iterable[Sequence[Any]]
) -> list[DocumentSummary]:
    counts: dict[int, dict[str, int]] = {}
    for document_id, status, number in count_rows:
        counts.setdefault(document_id, {})[status] = number
    return [
        DocumentSummary(
            id=document_id,
            name=name,
            format=format_name,
            source_lang=source_lang,
            target_lang=target_lang,
            segments=sum(counts.get(document_id, {}).values()),
            by_status=counts.get(document_id, {}),
            created_at=aware(_moment(created_at)),
        )
        for document_id, name, format_name, source_lang, target_lang, created_at in document_rows
    ]


def _moment(value: datetime | str | None) -> datetime | None:
    """A stored time as SQLAlchemy reads it: SQLite keeps ISO text, a server a datetime."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value
