"""The workbench command: its global options, its commands and groups, and the entry point."""

from __future__ import annotations

import sys

import typer
from typer._click import exceptions as usage

from workbench.cli import (
    analysis,
    comments,
    documents,
    editor,
    glossary,
    harvest,
    lqa,
    qa,
    review,
    score,
    spelling,
    terms,
    tm,
)
from workbench.cli.params import convert_plainly
from workbench.cli.shared import CliState, DbOption, error_line, fail

app = typer.Typer(
    help="A terminal translation and glossary workbench.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
for commands in (documents.app, analysis.app, harvest.app, editor.app, qa.app, score.app):
    app.add_typer(commands)
app.add_typer(glossary.app, name="glossary")
app.add_typer(terms.app, name="terms")
app.add_typer(tm.app, name="tm")
app.add_typer(spelling.app, name="spelling")
app.add_typer(comments.app, name="comments")
app.add_typer(review.app, name="review")
app.add_typer(lqa.app, name="lqa")


@app.callback()
def _main_options(ctx: typer.Context, db: DbOption = None) -> None:
    """A terminal translation and glossary workbench."""
    ctx.obj = CliState(db_flag=db)


def _command_path(command: object, args: list[str]) -> str:
    """ "workbench glossary search" for args naming that command (for errors that do not say)."""
    path = ["workbench"]
    takes_value = False
    for arg in args:
        subcommands: dict[str, object] = getattr(command, "commands", {})
        if takes_value or arg.startswith("-"):
            takes_value = arg == "--db"  # the one option before a command that takes a value
        elif arg in subcommands:
            command = subcommands[arg]
            path.append(arg)
        else:
            break
    return " ".join(path)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; exit 0 on success, 2 on bad input or usage, 130 on ctrl+c."""
    command = typer.main.get_command(app)
    convert_plainly(command)  # no pydantic for commands whose values are strings
    args = sys.argv[1:] if argv is None else argv
    try:
        code = command.main(args=args, prog_name="workbench", standalone_mode=False)
    except usage.NoArgsIsHelpError:
        raise SystemExit(2) from None  # the help is already shown
    except (KeyboardInterrupt, typer.Abort):
        raise SystemExit(130) from None
    except Exception as error:
        message = error_line(error, _command_path(command, args))
        if message is None:
            raise
        fail(message)
    if isinstance(code, int) and code:
        raise SystemExit(code)  # typer.Exit(code), returned when not standalone
