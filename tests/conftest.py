"""Shared fixtures: the shared corpus, and databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from workbench.storage.engine import Database, open_database

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_ENV = "WORKBENCH_TEST_PG_URL"
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"

# Property tests check results, not speed (benchmarks/ measures that): hypothesis's 200 ms
# deadline per example failed correct code on a machine busy with other work.
settings.register_profile("workbench", deadline=None)
settings.load_profile("workbench")


@pytest.fixture
def shared() -> Path:
    """The shared folder beside the repository (design, corpus, schemas)."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"{SHARED} is absent (it is there in CI and beside a full checkout)")
    return SHARED


def _pg_base_url() -> str:
    return os.environ.get(PG_ENV, PG_DEFAULT)


def _pg_reason() -> str | None:
    """Why PostgreSQL cannot be used, or None when a server answers."""
    engine = create_engine(_pg_base_url(), connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except OperationalError as error:
        return f"no PostgreSQL server answers at {_pg_base_url()}: {str(error.orig).strip()}"
    finally:
        engine.dispose()
    return None


_PG_REASON: list[str | None] = []


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL to a fresh PostgreSQL schema of its own, dropped afterwards."""
    if not _PG_REASON:
        _PG_REASON.append(_pg_reason())
    if _PG_REASON[0]:
        pytest.skip(_PG_REASON[0])
    schema = f"wb_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_pg_base_url())
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in _pg_base_url() else "?"
    try:
        yield f"{_pg_base_url()}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A URL to a new SQLite file."""
    return f"sqlite:///{tmp_path / 'termbase.sqlite'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """The same test body against SQLite and against PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An opened, migrated database on each backend."""
    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()
