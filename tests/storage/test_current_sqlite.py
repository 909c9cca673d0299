"""The quick sqlite3 path: it steps aside at once when it cannot read, so a caller's full path
does the waiting (and says what is wrong) only once."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from workbench.storage import current_sqlite
from workbench.storage.engine import open_database


def test_a_file_locked_by_another_process_is_left_to_the_full_path_without_waiting(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'termbase.sqlite'}"
    open_database(url).dispose()
    first = current_sqlite.connect_current(url)
    assert first is not None
    first.close()
    holder = sqlite3.connect(tmp_path / "termbase.sqlite", isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        assert current_sqlite.connect_current(url) is None
        assert time.monotonic() - started < 2  # the engine's busy timeout is 10 s
    finally:
        holder.close()
    quick = current_sqlite.connect_current(url)
    assert quick is not None
    try:
        timeout = quick.execute("PRAGMA busy_timeout").fetchone()[0]
        assert timeout >= 5000  # its reads wait for a writer as the engine's do
    finally:
        quick.close()
