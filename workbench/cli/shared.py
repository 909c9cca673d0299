"""What every command shares: the consoles, the progress bar, the database option, the error path.

Command modules import only this module and typer at load time; everything heavier (services,
SQLAlchemy, the formats) is imported inside the command that needs it, so that `workbench --help`
and the light commands start fast.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from typer._click import exceptions as usage  # typer's own click: its errors are not click's

from workbench.domain.display import one_line, visible

if TYPE_CHECKING:
    from rich.console import Console

    from workbench.services import Database, ProgressCallback


class Output:
    """Where commands print (stdout or stderr); every string goes through visible() first.

    Text from data is written as it is, without markup, emoji codes, highlighting or wrapping:
    "[known]" or ":smile:" in a term print as written. Rich renderables (the demo's table, the
    progress bar) go through a rich console made on first use, so that a command that prints
    only text does not load rich.
    """

    def __init__(self, stream: str) -> None:
        self._stream = stream
        self._console: Console | None = None
        self.width: int | None = None
        """Columns for rich renderables; None: the terminal's."""

    def print(self, *objects: object, end: str = "\n") -> None:
        """Print the objects separated by spaces; strings with their control characters escaped."""
        if any(not isinstance(o, str) for o in objects):
            self.rich().print(*objects, end=end)
            return
        stream = getattr(sys, self._stream)  # looked up now: tests and pagers replace it
        stream.write(visible(" ".join(o for o in objects if isinstance(o, str)) + end))
        stream.flush()

    def rich(self) -> Console:
        """A rich console on the same stream, for tables and progress bars."""
        from rich.console import Console

        if self._console is None:
            self._console = Console(
                stderr=self._stream == "stderr",
                highlight=False,
                soft_wrap=True,
                markup=False,
                emoji=False,
            )
        if self.width is not None:
            self._console.width = self.width
        return self._console


out = Output("stdout")
err = Output("stderr")

MOST_ROWS = 1_000_000
"""The most a --limit or --worst may ask for: more than any list shown, far inside SQLite's ints."""

EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="The file's encoding when it is not UTF-8 and has no byte order mark "
        "(e.g. cp949, gb18030, big5, shift_jis, utf-16-le).",
    ),
]
ControlsOption = Annotated[
    str | None,
    typer.Option(
        "--controls",
        help="Control characters in the file: strip them (default) or refuse the file "
        "(default from WORKBENCH_CONTROLS).",
    ),
]

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database file or URL (default: WORKBENCH_DB, else the user file)."),
]


@dataclass(frozen=True, slots=True)
class CliState:
    """Options of the top-level command, handed to subcommands in typer's context object."""

    db_flag: str | None = None


def database_url(ctx: typer.Context) -> str:
    """The URL of the database named by --db, else WORKBENCH_DB, else the user's file."""
    from workbench import settings

    state = ctx.find_object(CliState) or CliState()
    return settings.database_url(state.db_flag)


def open_db(ctx: typer.Context) -> Database:
    """The database named by --db, else WORKBENCH_DB, else the user's file: opened, migrated."""
    from workbench import services

    return services.open_database(database_url(ctx))


@contextmanager
def progress(label: str, unit_bytes: bool) -> Iterator[ProgressCallback | None]:
    """A progress bar on stderr when it is a terminal; nothing when piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    # The label holds a file name: shown as plain text, never read as markup or a format string.
    columns = [TextColumn("{task.description}", markup=False), BarColumn()]
    columns.append(DownloadColumn() if unit_bytes else TextColumn("{task.completed:,}"))
    columns.append(TimeRemainingColumn())
    with Progress(*columns, console=err.rich(), transient=True) as bar:
        task = bar.add_task(visible(label), total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def fail(message: str, *details: str) -> NoReturn:
    """The one way a command stops on bad input: one line on stderr, exit 2.

    details (what the line counts, listed) follow on lines of their own.
    """
    err.print(f"workbench: error: {one_line(message)}")
    for detail in details:
        err.print(one_line(detail))
    raise SystemExit(2)


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn a failure to write path (no permission, a folder, a full disk) into one error line."""
    try:
        yield
    except OSError as error:
        fail(f"{path}: cannot write: {_reason(error)}")


def _reason(error: OSError) -> str:
    if error.errno == errno.EFBIG:
        return "file too large (over the file size limit)"
    return (error.strerror or str(error)).lower() if error.errno else str(error)


def _usage_line(error: usage.UsageError, command_path: str) -> str:
    """A usage error as one line that points to the help of the command it concerns."""
    if isinstance(error, usage.NoSuchOption):
        text = f"no such option {error.option_name!r}"
        if error.possibilities:
            text += f"; did you mean {' or '.join(sorted(error.possibilities))}?"
    else:
        text = error.format_message().strip().removesuffix(".").replace(". Did you", "; did you")
        text = text[:1].lower() + text[1:]
    where = error.ctx.command_path if error.ctx is not None else command_path
    return f"{text} (see: {where} --help)"


def error_line(error: Exception, command_path: str = "workbench") -> str | None:
    """The one-line message for an error caused by the input or the machine; None for a bug.

    command_path names the command a usage error concerns when the error does not say.
    """
    if isinstance(error, usage.UsageError):
        return _usage_line(error, command_path)
    if isinstance(error, UnicodeEncodeError) and "surrogates" in error.reason:
        undecodable = error.object[max(0, error.start - 20) : error.end + 20]
        return f"{undecodable!r} is not UTF-8 text (arguments and names must be UTF-8)"
    if isinstance(error, OSError):
        name = f"{error.filename}: " if error.filename else ""
        return f"{name}{_reason(error)}"
    from workbench import services
    from workbench.domain.langtags import UnknownLanguageError

    known = (
        *(services.FormatError, services.DatabaseError, services.UsageError),
        *(services.ConflictError, services.ConceptConflictError),
    )
    if isinstance(error, (*known, UnknownLanguageError)):
        return str(error)
    return None
