"""Opening databases: pragmas, migrations, upgrades and refusals."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from workbench import services
from workbench.storage import engine
from workbench.storage.engine import (
    DatabaseError,
    current_revision,
    declared_head,
    head_revision,
    make_engine,
    open_database,
    upgrade,
)


def test_new_database_is_at_head_with_the_term_tables(db_url: str) -> None:
    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert {"concept", "term", "alembic_version"} <= tables
    finally:
        db.dispose()


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    db.dispose()


def test_an_older_database_is_upgraded_and_keeps_its_terms(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO concept (id, definitions, created_at, updated_at) "
                "VALUES (1, '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO term (concept_id, lang, text, status, case_sensitive, "
                "created_at, updated_at) VALUES (1, 'en', 'Ｂeijing  Wenge', 'preferred', "
                "false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()

    db = open_database(db_url)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as connection:
            lookup = connection.execute(text("SELECT lookup FROM term")).scalar()
            concepts = connection.execute(text("SELECT count(*) FROM concept")).scalar()
        assert lookup == "beijing wenge"  # the term survived every table rewrite
        assert concepts == 1
        with db.engine.connect() as connection:
            version = connection.execute(text("SELECT version FROM concept")).scalar()
        assert version == 0  # concepts from before versions start at 0 (migration 0007)
        (concept,) = services.browse_glossary(db)
        assert concept.categories == []  # none kept before migration 0012
    finally:
        db.dispose()


def test_a_database_from_a_newer_workbench_is_refused(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.dispose()
    with pytest.raises(DatabaseError, match="newer workbench"):
        open_database(sqlite_url)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(DatabaseError, match=r"notes\.sqlite"):
        open_database(f"sqlite:///{bogus}")
    assert bogus.read_text().startswith("these are my notes")


def test_an_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="cannot open database"):
        open_database("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2")


def test_the_migrations_build_exactly_the_tables_the_code_declares(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from workbench.storage.concordance import is_index_table
    from workbench.storage.schema import Base

    def declared(name: str | None, kind: str, _parent: object) -> bool:
        # The concordance index is no SQLAlchemy table (FTS5 on SQLite): storage/concordance.py
        # owns it, and the assertion below checks it is there.
        return not (kind == "table" and is_index_table(name))

    db = open_database(db_url)
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_name": declared})
            differences = compare_metadata(context, Base.metadata)
            tables = inspect(connection).get_table_names()
    finally:
        db.dispose()
    assert differences == []
    assert "tm_concordance" in tables


def test_the_head_read_from_the_migration_files_is_alembics() -> None:
    """open_database skips Alembic when the stored revision is this head: they must agree."""
    assert declared_head() == head_revision()


def test_an_up_to_date_database_opens_without_alembic(sqlite_url: str) -> None:
    open_database(sqlite_url).dispose()
    probe = (
        "import sys\n"
        "from workbench.storage.engine import open_database\n"
        f"open_database({sqlite_url!r}).dispose()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def test_a_file_another_process_holds_is_refused_after_one_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A locked file is reported once the busy timeout has passed once, not twice (the
    revision read and Alembic's each waited it out: 21 s before the message)."""
    path = tmp_path / "termbase.sqlite"
    open_database(f"sqlite:///{path}").dispose()
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 2000)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(DatabaseError, match="database is locked"):
            open_database(f"sqlite:///{path}")
        waited = time.monotonic() - started
    finally:
        holder.close()
    assert 2.0 <= waited < 3.5
