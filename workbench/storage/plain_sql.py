"""Rows of a plain SQL statement from a sqlite3 connection or a SQLAlchemy connection or session.

The quick reads (`docs`, the kept term index's state) run the same statements through the
sqlite3 driver alone on a current SQLite file (storage.current_sqlite), so as not to import
SQLAlchemy, and through SQLAlchemy on any other database. Parameters are named (`:name`),
which both understand.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session


def rows(
    reader: Connection | Session | sqlite3.Connection,
    sql: str,
    parameters: Mapping[str, Any] | None = None,
) -> list[Sequence[Any]]:
    """Every row the statement gives, as tuples."""
    if isinstance(reader, sqlite3.Connection):
        return reader.execute(sql, dict(parameters or {})).fetchall()
    from sqlalchemy import text

    return [tuple(row) for row in reader.execute(text(sql), dict(parameters or {})).all()]
