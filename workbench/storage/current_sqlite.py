"""A current SQLite database file opened with the sqlite3 driver alone, for quick reads.

Importing SQLAlchemy takes about 0.15 s of CPU: more than listing the documents or checking
the kept term index takes. A command that only reads opens an existing SQLite file that is
at the schema the migration files declare with the driver; anything else (a server, a new,
older or newer file, a URL with options, any error) gets None, and the caller opens the
database as usual (storage.engine), which creates, upgrades or refuses it as it always did.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.storage.schema_head import SQLITE_BUSY_TIMEOUT_MS, declared_head

_PLAIN_FILE = "sqlite:///"
_PROBE_TIMEOUT_S = 0.2
"""How long the schema probe waits for a lock; the reads after it wait as the engine does."""


def sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite URL (as settings makes from a path); None for any other."""
    if not url.startswith(_PLAIN_FILE):
        return None
    name = url.removeprefix(_PLAIN_FILE)
    # options, escapes and memory databases are SQLAlchemy's to read
    if not name or name == ":memory:" or any(mark in name for mark in "?#%"):
        return None
    return Path(name)


def connect_current(url: str) -> sqlite3.Connection | None:
    """A connection to the SQLite file of url if it exists and is at the declared schema."""
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    try:
        # a file another process holds is left to the caller's full path at once: waiting
        # here too would double the wait before the same message (31 s instead of 10)
        connection = sqlite3.connect(path, timeout=_PROBE_TIMEOUT_S)
    except sqlite3.Error:
        return None
    try:
        stored = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if stored == [(declared_head(),)]:
            connection.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_MS)}")
            return connection
    except sqlite3.Error:
        pass
    connection.close()
    return None
