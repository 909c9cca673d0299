"""Engines and sessions: SQLite tuned for a desktop tool, PostgreSQL for teams, always migrated.

Alembic is imported only when a database is new or must be upgraded: checking that it is up to
date takes one query against the revisions the migration files declare, and Alembic's import
would double the start-up time of every command. SQLAlchemy's ORM is imported with the first
session: a command that reads through SQLAlchemy Core alone (`workbench docs`) never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import SQLAlchemyError

from workbench.storage.schema_head import SQLITE_BUSY_TIMEOUT_MS as SQLITE_BUSY_TIMEOUT_MS
from workbench.storage.schema_head import DatabaseError as DatabaseError
from workbench.storage.schema_head import declared_head as declared_head

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session, sessionmaker


@dataclass(eq=False, slots=True)
class Database:
    """An opened, up-to-date database: the engine and the session factory built on it."""

    engine: Engine
    _sessions: sessionmaker[Session] | None = field(default=None, repr=False)

    @property
    def sessions(self) -> sessionmaker[Session]:
        """The session factory (made, and the ORM imported, when first asked for)."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        return self._sessions

    @property
    def url(self) -> str:
        """The URL without its password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL for readers beside a writer, enforced foreign keys, waiting instead of failing."""
    cursor = dbapi_connection.cursor()
    # the wait first: switching a new file to WAL needs a lock another first run may hold
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine for url; SQLite files get their folder created and pragmas set."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


MIGRATION_LOCK = 0x73636865
"""PostgreSQL advisory lock ("sche") held while migrating: one client migrates, the others
wait and then find the schema current. Keyed with the schema too (pg_advisory_lock_sql)."""


def pg_advisory_lock_sql(lock: int) -> str:
    """SQL taking advisory lock for the transaction, for this schema only: the term bases of
    other schemas in one database (a team's, a test's) do not wait for each other."""
    return f"SELECT pg_advisory_xact_lock({lock}, hashtext(coalesce(current_schema(), '')))"


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "workbench.storage:migrations")
    return config


def head_revision() -> str:
    """The newest schema revision this version of workbench knows (Alembic's own answer)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


_SQLITE_HELD = frozenset(("SQLITE_BUSY", "SQLITE_LOCKED"))
"""What sqlite3 calls a file that stayed locked through the busy timeout."""


def _stored_revision(engine: Engine) -> str | None:
    """The revision in the database's alembic_version table; None if it has none (yet).

    A file another process holds is an error at once: Alembic would wait it out again.
    """
    try:
        with engine.connect() as connection:
            found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError as error:
        if getattr(getattr(error, "orig", None), "sqlite_errorname", "") in _SQLITE_HELD:
            raise
        return None
    return None if found is None else str(found)


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _lock_for_migration(connection: Connection) -> None:
    """Hold the database's one migration lock until the transaction ends.

    Two first runs on a new database would otherwise both create the tables. SQLite: BEGIN
    IMMEDIATE takes the write lock before Alembic reads the revision (the other run waits in
    the busy timeout, then finds the schema current); the driver does not start transactions
    for DDL on its own, so this also makes the migration one transaction. PostgreSQL: an
    advisory lock for the transaction (its DDL is transactional already).
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(pg_advisory_lock_sql(MIGRATION_LOCK))


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to revision (head by default) in one transaction, under a lock."""
    from alembic import command

    config = _alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by copying and dropping it; with foreign keys on, dropping
            # the concept table would cascade into every term. Off for the migration only.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                _lock_for_migration(connection)
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise DatabaseError(f"{engine.url}: migration broke a foreign key")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def open_database(url: str) -> Database:
    """Open the database at url, upgrading an older schema; DatabaseError if that fails."""
    shown = make_url(url).render_as_string(hide_password=True)
    engine = make_engine(url)
    try:
        if _stored_revision(engine) == declared_head():
            return Database(engine)
        from alembic.script import ScriptDirectory

        revision = current_revision(engine)
        script = ScriptDirectory.from_config(_alembic_config())
        known = {rev.revision for rev in script.walk_revisions()}
        if revision is not None and revision not in known:
            raise DatabaseError(f"{shown}: written by a newer workbench (schema {revision})")
        if revision != script.get_current_head():
            upgrade(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except (SQLAlchemyError, OSError) as error:
        engine.dispose()
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise DatabaseError(f"{shown}: cannot open database: {reason}") from error
    return Database(engine)
