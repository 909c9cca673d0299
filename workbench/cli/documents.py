"""The document commands: import a document, export it with its translations, list them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.shared import (
    EncodingOption,
    database_url,
    err,
    fail,
    open_db,
    out,
    progress,
    writing,
)

if TYPE_CHECKING:
    from workbench.domain.document import DocumentSummary

app = typer.Typer()


def _progress_line(summary: DocumentSummary) -> str:
    done = sum(n for status, n in summary.by_status.items() if status != "new")
    langs = f"{summary.source_lang}->{summary.target_lang or '?'}"
    shown = ", ".join(f"{n} {status}" for status, n in sorted(summary.by_status.items()))
    size = f"{summary.segments} segments, {done} started ({shown})"
    return f"{summary.name}  [{summary.format}, {langs}]  {size}"


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            help="XLIFF (also Trados .sdlxliff/.sdlppx, memoQ .mqxliff/.mqxlz), PO, text, "
            "Markdown, bilingual CSV/TSV, HTML, subtitles (.srt, .vtt), app strings (JSON, "
            "YAML, Android, iOS, .properties, .resx), Word, PowerPoint, Excel or OpenDocument."
        ),
    ],
    source_lang: Annotated[
        str | None, typer.Option(help="Source language (else detected).")
    ] = None,
    target_lang: Annotated[str | None, typer.Option(help="Target language.")] = None,
    name: Annotated[
        str | None, typer.Option(help="Document name (default: the file name).")
    ] = None,
    format_name: Annotated[
        str | None,
        typer.Option("--format", help="The file's format (default: its extension)."),
    ] = None,
    target: Annotated[
        Path | None,
        typer.Option(
            "--target",
            help="The existing translation of a string file (en.json --target ko.json).",
        ),
    ] = None,
    accept_changes: Annotated[
        bool,
        typer.Option(
            "--accept-changes",
            help="Accept a Word or OpenDocument file's tracked changes (else it is refused).",
        ),
    ] = False,
    translate_urls: Annotated[
        bool,
        typer.Option(
            "--translate-urls",
            help="Offer the addresses of an office file's external links for translation too.",
        ),
    ] = False,
    encoding: EncodingOption = None,
) -> None:
    """Import a document for translation (one transaction: a bad file imports nothing)."""
    from workbench import services, settings

    db = open_db(ctx)
    with progress(f"importing {file.name}", unit_bytes=True) as on_progress:
        summary = services.import_document(
            db,
            file,
            format_name,
            source_lang,
            target_lang,
            name,
            settings.author(),
            on_progress,
            target_file=target,
            accept_changes=accept_changes,
            translate_urls=translate_urls,
            encoding=encoding,
        )
    out.print(_progress_line(summary))
    if target is not None:
        kept = services.target_only_keys(db, summary.name)
        if kept:
            shown = ", ".join(kept[:10]) + (" ..." if len(kept) > 10 else "")
            out.print(f"{target.name}: {len(kept)} keys not in {file.name}, kept: {shown}")


@app.command("export")
def export_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The document's name (see: workbench docs).")],
    out_file: Annotated[Path, typer.Argument(metavar="OUT", help="File to write.")],
    format_name: Annotated[
        str | None,
        typer.Option(
            "--format", help="xliff, xliff2, tmx, po, txt, md or csv (default: OUT's extension)."
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Write even targets whose inline codes are missing or broken."
        ),
    ] = False,
) -> None:
    """Export a document with its translations (refused while a target breaks its codes)."""
    from workbench import services

    db = open_db(ctx)
    try:
        with writing(out_file):
            count = services.export_document(db, name, out_file, format_name, force=force)
    except services.BrokenCodesError as error:
        shown = ", ".join(map(str, error.positions[:50]))
        more = f" and {len(error.positions) - 50} more" if len(error.positions) > 50 else ""
        fail(str(error), f"segments: {shown}{more} (workbench qa {name} shows each)")
    out.print(f"{out_file}: {count} segments written")


@app.command("docs")
def docs_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the documents with their progress."""
    from workbench import services

    found = services.list_documents_at(database_url(ctx))
    if as_json:
        rows = [
            {
                "name": d.name,
                "format": d.format,
                "source_lang": d.source_lang,
                "target_lang": d.target_lang,
                "segments": d.segments,
                "by_status": d.by_status,
            }
            for d in found
        ]
        out.print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for summary in found:
        out.print(_progress_line(summary))
    if not found:
        err.print("no documents yet: workbench import FILE")


@app.command("pseudo")
def pseudo_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The document's name (see: workbench docs).")],
    expand: Annotated[int, typer.Option(help="Percent longer than the source (0-1000).")] = 30,
    script: Annotated[
        str, typer.Option(help="latin (accented), hangul or han lookalikes.")
    ] = "latin",
    replace_confirmed: Annotated[
        bool, typer.Option(help="Overwrite confirmed translations too.")
    ] = False,
) -> None:
    """Pseudo-translate every target (as drafts) to test the file before real work."""
    from workbench import services

    result = services.pseudo_translate(
        open_db(ctx), name, expand, script, replace_confirmed=replace_confirmed
    )
    out.print(f"{name}: {result.filled} segments pseudo-translated as drafts")
    if result.kept_confirmed:
        err.print(
            f"kept {result.kept_confirmed} confirmed translations "
            "(--replace-confirmed to overwrite them)"
        )
    if result.locked:
        err.print(f"kept {result.locked} segments locked in the file")
