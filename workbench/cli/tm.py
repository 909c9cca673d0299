"""The translation memory commands: import, fuzzy lookup, export and count units."""

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
    open_db,
    out,
    progress,
    writing,
)
from workbench.domain.display import counted

if TYPE_CHECKING:
    from datetime import datetime

    from workbench.domain.memory import TmMatch
    from workbench.services import Concordance

app = typer.Typer(help="The translation memory.", no_args_is_help=True)


def _diff_text(match: TmMatch) -> str:
    """The match's source with what the query lacks in [-…-] and what it adds in {+…+}."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[op].format(text) for op, text in match.diff)


@app.command("import")
def tm_import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="TMX 1.4b, or a bilingual XLIFF/PO/CSV file.")],
    source_lang: Annotated[str | None, typer.Option(help="For bilingual files only.")] = None,
    target_lang: Annotated[str | None, typer.Option(help="For bilingual files only.")] = None,
    encoding: EncodingOption = None,
    controls: ControlsOption = None,
) -> None:
    """Add translation units to the memory (one transaction)."""
    from workbench import services

    db = open_db(ctx)
    with progress(f"importing {file.name}", unit_bytes=True) as on_progress:
        result = services.tm_import(
            db, file, source_lang, target_lang, on_progress, encoding=encoding, controls=controls
        )
    report = result.report
    out.print(
        f"{file}: {counted(result.added, 'unit')} added, {result.updated} updated,"
        f" {result.present} already present"
    )
    for notice in report.notices():
        err.print(f"{file}: {notice}")
    if report.skipped_tus:
        err.print(f"{report.skipped_tus} <tu> skipped (no source or no translation)")
    for warning in report.warnings:
        err.print(f"{file}: {warning}")


@app.command("lookup")
def tm_lookup_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The source text to find matches for.")],
    source_lang: Annotated[str, typer.Option(help="Language of TEXT.")],
    target_lang: Annotated[str, typer.Option(help="Language of the translations.")],
    limit: Annotated[int, typer.Option(min=1, max=MOST_ROWS, help="Most matches to show.")] = 5,
    minimum: Annotated[float, typer.Option(min=0, max=100, help="Lowest score shown.")] = 70,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Fuzzy matches from the memory, best first, with how each source differs."""
    from workbench import services

    matches = services.tm_lookup(open_db(ctx), text, source_lang, target_lang, limit, minimum)
    if as_json:
        rows = [
            {
                "source": m.unit.source,
                "target": m.unit.target,
                "score": m.score,
                "origin": m.unit.origin,
                "diff": [[op, piece] for op, piece in m.diff],
            }
            for m in matches
        ]
        out.print(json.dumps({"matches": rows}, ensure_ascii=False, indent=2))
        return
    for match in matches:
        out.print(f"{match.score:>3}  {match.unit.target}\n     {_diff_text(match)}")
    if not matches:
        err.print(f"no match of {minimum:g} or more")


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """text with each hit in [[…]]."""
    pieces, at = [], 0
    for start, end in spans:
        pieces += [text[at:start], "[[", text[start:end], "]]"]
        at = end
    return "".join([*pieces, text[at:]])


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _concordance_json(found: Concordance) -> str:
    units = [
        {
            "id": hit.unit.id,
            "side": hit.side,
            "text": hit.text,
            "translation": hit.other,
            "hits": [list(span) for span in hit.spans],
            "source_lang": hit.unit.source_lang,
            "target_lang": hit.unit.target_lang,
            "origin": hit.unit.origin,
            "changed": _iso(hit.unit.changed_at or hit.unit.created_at),
        }
        for hit in found.units
    ]
    terms = [
        {
            "concept": hit.concept.id,
            "term": hit.term.text,
            "lang": hit.term.lang,
            "hits": [list(span) for span in hit.spans],
            "translations": [{"lang": t.lang, "text": t.text} for t in hit.translations],
        }
        for hit in found.terms
    ]
    counts = {"units": found.unit_count, "more_units": found.more, "terms": len(found.terms)}
    return json.dumps(
        {"query": found.text, "lang": found.lang, "counts": counts, "units": units, "terms": terms},
        ensure_ascii=False,
        indent=2,
    )


@app.command("concordance")
def tm_concordance_command(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="The word or phrase to look for.")],
    lang: Annotated[str, typer.Option(help="Language of TEXT (units' source or target).")],
    limit: Annotated[int, typer.Option(min=1, max=MOST_ROWS, help="Most units to show.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every TM unit and term entry holding TEXT (folded as term matching folds), hits in [[…]]."""
    from workbench import services

    found = services.concordance(open_db(ctx), text, lang, limit)
    if as_json:
        out.print(_concordance_json(found))
        return
    more = "+" if found.more else ""
    units = counted(found.unit_count, "unit")
    if more:
        units = units.replace(" ", "+ ", 1)
    out.print(f"{units}, {counted(len(found.terms), 'term')}")
    for hit in found.units:
        out.print(f"#{hit.unit.id}  {_marked(hit.text, hit.spans)}\n      {hit.other}")
    for term_hit in found.terms:
        others = " · ".join(f"{t.lang}: {t.text}" for t in term_hit.translations)
        out.print(f"term  {_marked(term_hit.term.text, term_hit.spans)}  {others}")


@app.command("export")
def tm_export_command(
    ctx: typer.Context,
    out_file: Annotated[Path, typer.Argument(metavar="OUT", help="TMX file to write.")],
    source_lang: Annotated[str, typer.Option(help="Source language of the units.")],
    target_lang: Annotated[str | None, typer.Option(help="Only this target language.")] = None,
) -> None:
    """Write the memory as TMX 1.4b."""
    from workbench import services

    db = open_db(ctx)
    with writing(out_file):
        count = services.tm_export(db, out_file, source_lang, target_lang)
    out.print(f"{out_file}: {count} units written")


@app.command("dedupe")
def tm_dedupe_command(
    ctx: typer.Context,
    source_lang: Annotated[str | None, typer.Option(help="Only units from this language.")] = None,
    target_lang: Annotated[str | None, typer.Option(help="Only units into this language.")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be removed; change nothing.")
    ] = False,
) -> None:
    """Merge units that are copies of one another (same text but for whitespace and Unicode
    form, same languages and context) into the newest, adding up their use counts."""
    from workbench import services

    result = services.tm_dedupe(open_db(ctx), source_lang, target_lang, dry_run=dry_run)
    verb = "would be removed (dry run, nothing changed)" if dry_run else "removed"
    out.print(f"{result.removed} units {verb}: copies of {result.kept} units kept")


@app.command("stats")
def tm_stats_command(ctx: typer.Context) -> None:
    """Units per language pair."""
    from workbench import services

    for (source, target), count in sorted(services.tm_counts(open_db(ctx)).items()):
        out.print(f"{source}->{target}  {count:,}")
