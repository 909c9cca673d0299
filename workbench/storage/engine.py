"""Engines and sessions: SQLite tuned for a desktop tool, PostgreSQL for teams, always migrated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseError(Exception):
    """The database cannot be opened or upgraded; the message says why and where."""


@dataclass(frozen=True, slots=True)
class Database:
    """An opened, up-to-date database: the engine and the session factory built on it."""

    engine: Engine
    sessions: sessionmaker[Session]

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
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
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


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "workbench.storage:migrations")
    return config


def head_revision() -> str:
    """The newest schema revision this version of workbench knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to revision (head by default) in one transaction."""
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
    return Database(engine, sessionmaker(engine, expire_on_commit=False))
