"""The glossary commands: import, export, search, add, browse and count the term base."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.shared import (
    MOST_ROWS,
    ControlsOption,
    EncodingOption,
    err,
    fail,
    open_db,
    out,
    progress,
    writing,
)
from workbench.domain.display import counted

if TYPE_CHECKING:
    from workbench.domain.model import Concept, Term, TermStatus

DRY_RUN_LINES = 20
"""Concepts a dry run lists by name (made or changed); the rest are counted."""

app = typer.Typer(help="Import, export, search and edit the term base.", no_args_is_help=True)


def _format_concept(concept: Concept) -> str:
    """One line: id, subject and each language's terms, non-preferred ones marked."""
    from workbench.domain.model import TermStatus

    parts = []
    for lang in concept.languages():
        shown = []
        for term in concept.terms_in(lang):
            mark = "" if term.status is TermStatus.PREFERRED else f" ({term.status.value})"
            shown.append(term.text + mark)
        parts.append(f"{lang}: " + " | ".join(shown))
    subject = f" [{concept.subject_field}]" if concept.subject_field else ""
    return f"#{concept.id}{subject}  " + "  ·  ".join(parts)


def _concept_json(concept: Concept) -> dict[str, object]:
    return {
        "id": concept.id,
        "uid": concept.uid,
        "subject": concept.subject_field,
        "definitions": concept.definitions,
        "note": concept.note,
        "version": concept.version,
        "terms": [
            {"lang": t.lang, "text": t.text, "status": t.status.value, "pos": t.part_of_speech}
            for t in concept.terms
        ],
    }


@app.command("import")
def glossary_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="TBX, CSV, TSV, XLSX or OmegaT glossary.")],
    format_name: Annotated[
        str | None, typer.Option("--format", help="tbx, tbx2008, csv, tsv, xlsx or omegat.")
    ] = None,
    source_lang: Annotated[
        str | None, typer.Option(help="Source language for files without language codes.")
    ] = None,
    target_lang: Annotated[
        str | None, typer.Option(help="Target language for files without language codes.")
    ] = None,
    encoding: EncodingOption = None,
    controls: ControlsOption = None,
    origin: Annotated[
        str | None,
        typer.Option(
            help="Where the file's ids come from (default: the TBX title, else the file name); "
            "an id merges only into a concept of the same origin."
        ),
    ] = None,
    merge_by: Annotated[
        str | None,
        typer.Option(
            help="id: only by id within the origin; terms: only by shared terms; none: all new "
            "(default: by id, and entries without one by shared terms)."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be new, merged and changed.")
    ] = False,
) -> None:
    """Import a glossary into the term base (one transaction; re-importing merges)."""
    from workbench import services, settings

    db = open_db(ctx)
    with progress(f"importing {file.name}", unit_bytes=True) as on_progress:
        result = services.import_glossary(
            db,
            file,
            format_name,
            source_lang,
            target_lang,
            settings.author(),
            on_progress,
            encoding=encoding,
            controls=controls,
            on_notice=err.print,
            origin=origin,
            merge_by=merge_by,
            dry_run=dry_run,
        )
    out.print(
        f"{file}: {'dry run, nothing written: ' if dry_run else ''}"
        f"{counted(result.concepts_read, 'concept')} read, {result.concepts_created} new, "
        f"{result.concepts_merged} merged ({result.concepts_changed} changed), "
        f"{counted(result.terms_added, 'term')} added, {result.terms_updated} updated"
    )
    if result.created_alike:
        err.print(
            f"{file}: {result.created_alike:,} new concepts share terms with stored ones of "
            "another origin (ids count only within their origin): if this is the same term "
            "base under another name, import with --origin NAME or --merge-by terms"
        )
    if dry_run:
        for change in result.changes[:DRY_RUN_LINES]:
            where = "new concept" if change.what == ("new",) else f"concept {change.concept_id}"
            what = "" if change.what == ("new",) else ": " + ", ".join(change.what)
            out.print(f"  {change.entry} -> {where}{what}")
        shown = min(len(result.changes), DRY_RUN_LINES)
        left = result.concepts_created + result.concepts_changed - shown
        if left > 0:
            out.print(f"  … and {left:,} more")


@app.command("export")
def glossary_export(
    ctx: typer.Context,
    out_file: Annotated[Path, typer.Argument(metavar="OUT", help="File to write.")],
    format_name: Annotated[
        str | None, typer.Option("--format", help="tbx, tbx2008, csv, tsv, xlsx or omegat.")
    ] = None,
    langs: Annotated[
        str | None, typer.Option(help="Languages to write, comma-separated (e.g. ko,en,zh-Hant).")
    ] = None,
    bom: Annotated[bool, typer.Option(help="Write a UTF-8 BOM (for Excel).")] = False,
    formula_guard: Annotated[
        bool,
        typer.Option(
            help="CSV/TSV: put an apostrophe before cells starting with = + - @ so that a "
            "spreadsheet cannot run them as formulas (our import takes it off)."
        ),
    ] = True,
    doc: Annotated[
        str | None,
        typer.Option(help="Only the terms this document uses, with counts and an example."),
    ] = None,
    columns: Annotated[
        str | None,
        typer.Option(
            help="CSV/TSV/XLSX: the columns to write, comma-separated, even when empty: id, "
            "term, status, pos, definition, context, note, type, source, case, subject, "
            "concept-definition, concept-note, origin (default: every column that has data)."
        ),
    ] = None,
) -> None:
    """Export the term base as TBX-Basic, CSV, TSV, XLSX or an OmegaT glossary."""
    from workbench import services

    db = open_db(ctx)
    wanted = [lang.strip() for lang in langs.split(",") if lang.strip()] if langs else None
    if doc is not None:
        with writing(out_file):
            count = services.export_document_glossary(db, doc, out_file, format_name, wanted, bom)
        out.print(f"{out_file}: {count} concepts written")
        return
    with (
        writing(out_file),
        progress(f"exporting {out_file.name}", unit_bytes=False) as on_progress,
    ):
        count = services.export_glossary(
            db,
            out_file,
            format_name,
            wanted,
            bom,
            on_progress,
            formula_guard=formula_guard,
            columns=[c.strip() for c in columns.split(",") if c.strip()] if columns else None,
        )
    out.print(f"{out_file}: {count} concepts written")


@app.command("search")
def glossary_search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Text to look for in any term.")],
    lang: Annotated[str | None, typer.Option(help="Only terms in this language.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=MOST_ROWS, help="Most concepts to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Find concepts with a term containing TEXT (ignoring case, width and spacing)."""
    from workbench import services

    found = services.search_glossary(open_db(ctx), text, lang, limit)
    if as_json:
        out.print(json.dumps([_concept_json(c) for c in found], ensure_ascii=False, indent=2))
        return
    for concept in found:
        out.print(_format_concept(concept))
    if not found:
        err.print(f"no concept has a term containing {text!r}")


def _parse_terms(values: list[str], status: TermStatus) -> list[Term]:
    from workbench.domain.langtags import normalize_lang
    from workbench.domain.model import Term

    terms = []
    for value in values:
        lang, sep, text = value.partition("=")
        if not sep or not text.strip():
            fail(f"--term {value!r}: write LANG=TEXT, e.g. ko=원거테크놀러지")
        terms.append(Term(lang=normalize_lang(lang), text=text.strip(), status=status))
    return terms


@app.command("add")
def glossary_add(
    ctx: typer.Context,
    term: Annotated[list[str], typer.Option(help="A preferred term as LANG=TEXT; repeat.")],
    admitted: Annotated[
        list[str] | None, typer.Option(help="An admitted term as LANG=TEXT; repeat.")
    ] = None,
    deprecated: Annotated[
        list[str] | None, typer.Option(help="A deprecated term as LANG=TEXT; repeat.")
    ] = None,
    subject: Annotated[str | None, typer.Option(help="Subject field.")] = None,
    definition: Annotated[str | None, typer.Option(help="Definition.")] = None,
    note: Annotated[str | None, typer.Option(help="Note.")] = None,
    into: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=2**31 - 1,
            help="Add the terms to this concept (its number, as search shows).",
        ),
    ] = None,
    new: Annotated[
        bool,
        typer.Option("--new", help="A new concept even when a term is already in one (a homonym)."),
    ] = False,
) -> None:
    """Add a concept with its terms, e.g. --term ko=원거테크놀러지 --term "en=Beijing Wenge".

    A term that is already a term of a concept (same language and text, as term recognition
    compares them) is refused with that concept named: add --into N or --new.
    """
    from workbench import services, settings
    from workbench.domain.model import TermStatus

    terms = (
        _parse_terms(term, TermStatus.PREFERRED)
        + _parse_terms(admitted or [], TermStatus.ADMITTED)
        + _parse_terms(deprecated or [], TermStatus.DEPRECATED)
    )
    if into is not None and new:
        fail("--into adds to a concept and --new makes one: give one of them")
    db = open_db(ctx)
    try:
        concept = services.add_concept(
            db, terms, subject, definition, note, settings.author(), into=into, new=new
        )
    except services.SameTermError as error:
        number = error.concepts[0].id
        fail(
            f"{error}: add --into {number} to add the terms to it, "
            "or --new for a concept of its own"
        )
    out.print(_format_concept(concept))


@app.command("edit")
def glossary_edit(
    ctx: typer.Context,
    concept: Annotated[
        str, typer.Argument(metavar="ID", help="The concept's number, as shown: 12 or #12.")
    ],
    term: Annotated[
        list[str] | None,
        typer.Option(help="Add a preferred term, or make one preferred: LANG=TEXT; repeat."),
    ] = None,
    admitted: Annotated[
        list[str] | None, typer.Option(help="Add an admitted term, or make one admitted.")
    ] = None,
    deprecated: Annotated[
        list[str] | None, typer.Option(help="Add a deprecated term, or deprecate one.")
    ] = None,
    remove: Annotated[
        list[str] | None, typer.Option(help="Remove a term: LANG=TEXT; repeat.")
    ] = None,
    subject: Annotated[str | None, typer.Option(help="Subject field (empty: none).")] = None,
    definition: Annotated[str | None, typer.Option(help="Definition (empty: none).")] = None,
    note: Annotated[str | None, typer.Option(help="Note (empty: none).")] = None,
    if_version: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=2**31 - 1,
            help="Refuse if the concept changed since it had this version "
            "(the version `glossary search --json` shows).",
        ),
    ] = None,
) -> None:
    """Change a stored concept's terms and fields; refused if someone saved it meanwhile."""
    from workbench import services, settings
    from workbench.domain.model import TermStatus

    terms = (
        _parse_terms(term or [], TermStatus.PREFERRED)
        + _parse_terms(admitted or [], TermStatus.ADMITTED)
        + _parse_terms(deprecated or [], TermStatus.DEPRECATED)
    )
    gone = [(t.lang, t.text) for t in _parse_terms(remove or [], TermStatus.PREFERRED)]
    number = concept.removeprefix("#")
    if not number.isascii() or not number.isdigit():
        fail(f"{concept!r} is not a concept number: write it as shown, e.g. 12 or #12")
    stored = services.edit_concept(
        open_db(ctx),
        int(number),
        terms,
        gone,
        subject_field=subject,
        definition=definition,
        note=note,
        expected_version=if_version,
        author=settings.author(),
    )
    out.print(f"{_format_concept(stored)}  (version {stored.version})")


@app.command("browse")
def glossary_browse(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Search for this at the start.")] = "",
    langs: Annotated[
        str | None, typer.Option(help="Languages to show first, comma-separated (e.g. ko,en).")
    ] = None,
) -> None:
    """Search, browse and edit the term base in the terminal UI."""
    from workbench.domain.langtags import normalize_lang
    from workbench.tui.app import make_app
    from workbench.tui.screens.termbase import TermbaseScreen

    first = tuple(normalize_lang(lang) for lang in (langs or "").split(",") if lang.strip())
    db = open_db(ctx)
    make_app(db, TermbaseScreen(db, text, first)).run()


@app.command("stats")
def glossary_stats(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Count concepts and terms, by language and by status."""
    from workbench import services

    found = services.glossary_stats(open_db(ctx))
    if as_json:
        out.print(
            json.dumps(
                {
                    "concepts": found.concepts,
                    "terms": found.terms,
                    "terms_by_lang": found.terms_by_lang,
                    "terms_by_status": found.terms_by_status,
                },
                indent=2,
            )
        )
        return
    out.print(f"concepts: {found.concepts:,}\nterms:    {found.terms:,}")
    for lang, count in found.terms_by_lang.items():
        out.print(f"  {lang:<10} {count:>9,}")
    for status, count in sorted(found.terms_by_status.items()):
        out.print(f"  {status:<10} {count:>9,}")
