"""The workbench command: its global options, its commands and groups, and the entry point."""

from __future__ import annotations

from collections.abc import Callable

import click
import typer

from workbench.cli import documents, editor, glossary, harvest, qa, score, terms, tm
from workbench.cli.shared import CliState, DbOption, fail

app = typer.Typer(
    help="A terminal translation and glossary workbench.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
for commands in (documents.app, harvest.app, editor.app, qa.app, score.app):
    app.add_typer(commands)
app.add_typer(glossary.app, name="glossary")
app.add_typer(terms.app, name="terms")
app.add_typer(tm.app, name="tm")


@app.callback()
def _main_options(ctx: typer.Context, db: DbOption = None) -> None:
    """A terminal translation and glossary workbench."""
    ctx.obj = CliState(db_flag=db)


def _input_errors() -> tuple[type[Exception], ...]:
    """The errors that mean bad input, not a bug (imported only once something failed)."""
    from workbench import services
    from workbench.domain.langtags import UnknownLanguageError

    return (
        services.FormatError,
        services.DatabaseError,
        UnknownLanguageError,
        services.UsageError,
    )


def main(argv: list[str] | None = None) -> None:
    """Run the command line; exit 0 on success, 2 on bad input or usage."""
    command: Callable[..., object] = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="workbench", standalone_mode=False)  # type: ignore[attr-defined]
    except click.exceptions.Exit as done:
        raise SystemExit(done.exit_code) from None
    except click.ClickException as error:
        error.show()
        raise SystemExit(2) from None
    except click.exceptions.Abort:
        raise SystemExit(130) from None
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except Exception as error:
        if isinstance(error, _input_errors()):
            fail(str(error))
        raise
