"""The commands that open the terminal UI on a document: open, and demo on a bundled sample."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.shared import err, fail, open_db, out

app = typer.Typer()


@app.command("open")
def open_command(
    ctx: typer.Context,
    name_or_file: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME|FILE]",
            help="A document's name, or a file to import first (default: the documents list).",
        ),
    ] = None,
    source_lang: Annotated[
        str | None, typer.Option(help="When importing: the source language (else detected).")
    ] = None,
    target_lang: Annotated[
        str | None, typer.Option(help="When importing: the target language.")
    ] = None,
) -> None:
    """Translate a document in the terminal editor (importing FILE first if given).

    Without NAME or FILE, the documents list opens: pick one, or import or export from there.
    """
    from workbench.tui.app import make_app

    db = open_db(ctx)
    if name_or_file is None:
        from workbench.tui.screens.documents import DocumentsScreen

        make_app(db, DocumentsScreen(db)).run()
        return
    from workbench import services, settings
    from workbench.tui.screens.editor import EditorScreen

    chosen = services.document_to_open(
        db, name_or_file, source_lang, target_lang, settings.author()
    )
    if chosen.imported_before:
        err.print(f"{chosen.name} was imported before: opening the stored document")
    make_app(db, EditorScreen(db, chosen.name)).run()


@app.command()
def demo(
    keep: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Build the demo in this new SQLite file, to go on later with --db FILE open.",
        ),
    ] = None,
    glossary: Annotated[
        bool, typer.Option("--glossary", help="Only print the shipped glossary as a table.")
    ] = False,
) -> None:
    """Open the editor on a bundled, partly translated sample (in a database of its own)."""
    from workbench.demo import demo_database, print_glossary

    # --db and WORKBENCH_DB are ignored here on purpose: the demo never opens your database
    if glossary:
        if keep is not None:
            fail("--glossary prints a table: --keep has nothing to keep")
        print_glossary(out.rich())
        return
    from workbench.tui.app import make_app
    from workbench.tui.screens.editor import EditorScreen

    with demo_database(keep) as (db, name):
        make_app(db, EditorScreen(db, name)).run()
    if keep is not None:
        out.print(f"The demo is kept: workbench --db {shlex.quote(str(keep))} open {name}")
