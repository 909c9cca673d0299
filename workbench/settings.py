"""Settings: the database URL (flag > WORKBENCH_DB > default file) and the author name."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from platformdirs import user_data_path

DB_ENV = "WORKBENCH_DB"
AUTHOR_ENV = "WORKBENCH_AUTHOR"


def default_database_path() -> Path:
    """Where the embedded term base lives when nothing else is said (per-user data dir)."""
    return user_data_path("workbench", appauthor=False) / "workbench.sqlite"


def database_url(flag: str | None = None) -> str:
    """The SQLAlchemy URL to use: the --db flag, else WORKBENCH_DB, else the default file."""
    value = flag or os.environ.get(DB_ENV) or str(default_database_path())
    return url_from_path_or_url(value)


def url_from_path_or_url(value: str) -> str:
    """Turn a plain file path into a SQLite URL and give PostgreSQL URLs the psycopg 3 driver."""
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if "://" in value:
        return value
    path = Path(value).expanduser().resolve()
    # SQLAlchemy reads "?" as the start of options and decodes %XX: escaped, a name holding
    # them names that file (not /q for q?x.db, nor pctA.db for pct%41.db)
    return "sqlite:///" + str(path).replace("%", "%25").replace("?", "%3F")


def author() -> str:
    """Name recorded as creator or modifier of concepts and segments."""
    name = os.environ.get(AUTHOR_ENV)
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
