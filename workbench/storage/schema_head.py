"""The schema revision this workbench writes, as its migration files declare it.

Read from the files without running them (and without Alembic or SQLAlchemy), so that a
command can tell whether a database is current before it imports either.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

SQLITE_BUSY_TIMEOUT_MS = 10_000
"""How long a SQLite connection waits for another's write lock before it fails."""

MIGRATIONS = Path(__file__).resolve().parent / "migrations" / "versions"


class DatabaseError(Exception):
    """The database cannot be opened or upgraded; the message says why and where."""


def _revision_names(path: Path) -> dict[str, object]:
    """The `revision` and `down_revision` a migration file assigns, read without running it."""
    values: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target: ast.expr
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            values[target.id] = ast.literal_eval(value)
    return values


@cache
def declared_head() -> str:
    """The newest revision: the one no migration file names as its down_revision."""
    revisions: dict[object, object] = {}
    for path in MIGRATIONS.glob("*.py"):
        names = _revision_names(path)
        if "revision" in names:
            revisions[names["revision"]] = names.get("down_revision")
    heads = [revision for revision in revisions if revision not in revisions.values()]
    if len(heads) != 1 or not isinstance(heads[0], str):
        raise DatabaseError(f"{MIGRATIONS}: the migrations must form one chain ({heads} heads)")
    return heads[0]
