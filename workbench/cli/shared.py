"""What every command shares: the consoles, the progress bar, the database option, the error path.

Command modules import only this module and typer at load time; everything heavier (services,
SQLAlchemy, the formats) is imported inside the command that needs it, so that `workbench --help`
and the light commands start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

if TYPE_CHECKING:
    from workbench.services import Database, ProgressCallback

# No markup: terms and glosses are data, and "[known]" or "[deprecated]" must print as written.
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database file or URL (default: WORKBENCH_DB, else the user file)."),
]


@dataclass(frozen=True, slots=True)
class CliState:
    """Options of the top-level command, handed to subcommands in typer's context object."""

    db_flag: str | None = None


def open_db(ctx: typer.Context) -> Database:
    """The database named by --db, else WORKBENCH_DB, else the user's file: opened, migrated."""
    from workbench import services, settings

    state = ctx.find_object(CliState) or CliState()
    return services.open_database(settings.database_url(state.db_flag))


@contextmanager
def progress(label: str, unit_bytes: bool) -> Iterator[ProgressCallback | None]:
    """A progress bar on stderr when it is a terminal; nothing when piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    columns = [TextColumn(label), BarColumn()]
    columns.append(DownloadColumn() if unit_bytes else TextColumn("{task.completed:,}"))
    columns.append(TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def fail(message: str) -> NoReturn:
    """The one way a command stops on bad input: one line on stderr, exit 2."""
    err.print(f"workbench: error: {message}")
    raise SystemExit(2)
