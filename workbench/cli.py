"""Command line: parse, call a service, print. Bad input exits 2 with one line on stderr."""

from __future__ import annotations

import json
import re
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from workbench import services, settings
from workbench.domain.checks import Issue
from workbench.domain.checks.profile import check_title, issue_hash
from workbench.domain.document import DocumentSummary, plain_text
from workbench.domain.harvest import Candidate
from workbench.domain.langtags import UnknownLanguageError, normalize_lang
from workbench.domain.matching import Hit
from workbench.domain.memory import TmMatch
from workbench.domain.model import Concept, Term, TermStatus
from workbench.formats.base import FormatError, ProgressCallback
from workbench.storage.engine import Database, DatabaseError, open_database

app = typer.Typer(
    help="A terminal translation and glossary workbench.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
glossary_app = typer.Typer(
    help="Import, export, search and edit the term base.", no_args_is_help=True
)
app.add_typer(glossary_app, name="glossary")
terms_app = typer.Typer(help="Term recognition in text.", no_args_is_help=True)
app.add_typer(terms_app, name="terms")
tm_app = typer.Typer(help="The translation memory.", no_args_is_help=True)
app.add_typer(tm_app, name="tm")

# No markup: terms and glosses are data, and "[known]" or "[deprecated]" must print as written.
out = Console(highlight=False, soft_wrap=True, markup=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database file or URL (default: WORKBENCH_DB, else the user file)."),
]


class _State:
    """Options of the top-level command, shared by subcommands."""

    db_flag: str | None = None


def _open_db() -> Database:
    return open_database(settings.database_url(_State.db_flag))


@app.callback()
def _main_options(db: DbOption = None) -> None:
    """A terminal translation and glossary workbench."""
    _State.db_flag = db


@contextmanager
def _progress(label: str, unit_bytes: bool) -> Iterator[ProgressCallback | None]:
    """A progress bar on stderr when it is a terminal; nothing when piped."""
    if not sys.stderr.isatty():
        yield None
        return
    columns = [TextColumn(label), BarColumn()]
    columns.append(DownloadColumn() if unit_bytes else TextColumn("{task.completed:,}"))
    columns.append(TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _format_concept(concept: Concept) -> str:
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
        "terms": [
            {"lang": t.lang, "text": t.text, "status": t.status.value, "pos": t.part_of_speech}
            for t in concept.terms
        ],
    }


# --- glossary --------------------------------------------------------------------------------


@glossary_app.command("import")
def glossary_import(
    file: Annotated[Path, typer.Argument(help="TBX, CSV, TSV, XLSX or OmegaT glossary.")],
    format_name: Annotated[
        str | None, typer.Option("--format", help="tbx, csv, tsv, xlsx or omegat.")
    ] = None,
    source_lang: Annotated[
        str | None, typer.Option(help="Source language for files without language codes.")
    ] = None,
    target_lang: Annotated[
        str | None, typer.Option(help="Target language for files without language codes.")
    ] = None,
) -> None:
    """Import a glossary into the term base (one transaction; re-importing merges)."""
    db = _open_db()
    with _progress(f"importing {file.name}", unit_bytes=True) as on_progress:
        result = services.import_glossary(
            db, file, format_name, source_lang, target_lang, settings.author(), on_progress
        )
    out.print(
        f"{file}: {result.concepts_read} concepts read, {result.concepts_created} new, "
        f"{result.concepts_merged} merged, {result.terms_added} terms added, "
        f"{result.terms_updated} updated"
    )


@glossary_app.command("export")
def glossary_export(
    out_file: Annotated[Path, typer.Argument(metavar="OUT", help="File to write.")],
    format_name: Annotated[
        str | None, typer.Option("--format", help="tbx, csv, tsv, xlsx or omegat.")
    ] = None,
    langs: Annotated[
        str | None, typer.Option(help="Languages to write, comma-separated (e.g. ko,en,zh-Hant).")
    ] = None,
    bom: Annotated[bool, typer.Option(help="Write a UTF-8 BOM (for Excel).")] = False,
    doc: Annotated[
        str | None,
        typer.Option(help="Only the terms this document uses, with counts and an example."),
    ] = None,
) -> None:
    """Export the term base as TBX-Basic, CSV, TSV, XLSX or an OmegaT glossary."""
    db = _open_db()
    wanted = [lang.strip() for lang in langs.split(",") if lang.strip()] if langs else None
    if doc is not None:
        count = services.export_document_glossary(db, doc, out_file, format_name, wanted, bom)
        out.print(f"{out_file}: {count} concepts written")
        return
    with _progress(f"exporting {out_file.name}", unit_bytes=False) as on_progress:
        count = services.export_glossary(db, out_file, format_name, wanted, bom, on_progress)
    out.print(f"{out_file}: {count} concepts written")


@glossary_app.command("search")
def glossary_search(
    text: Annotated[str, typer.Argument(help="Text to look for in any term.")],
    lang: Annotated[str | None, typer.Option(help="Only terms in this language.")] = None,
    limit: Annotated[int, typer.Option(help="Most concepts to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Find concepts with a term containing TEXT (ignoring case, width and spacing)."""
    found = services.search_glossary(_open_db(), text, lang, limit)
    if as_json:
        out.print(json.dumps([_concept_json(c) for c in found], ensure_ascii=False, indent=2))
        return
    for concept in found:
        out.print(_format_concept(concept))
    if not found:
        err.print(f"no concept has a term containing {text!r}")


def _parse_terms(values: list[str], status: TermStatus) -> list[Term]:
    terms = []
    for value in values:
        lang, sep, text = value.partition("=")
        if not sep or not text.strip():
            raise services.UsageError(f"--term {value!r}: write LANG=TEXT, e.g. ko=원거테크놀러지")
        terms.append(Term(lang=normalize_lang(lang), text=text.strip(), status=status))
    return terms


@glossary_app.command("add")
def glossary_add(
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
) -> None:
    """Add a concept with its terms, e.g. --term ko=원거테크놀러지 --term "en=Beijing Wenge"."""
    terms = (
        _parse_terms(term, TermStatus.PREFERRED)
        + _parse_terms(admitted or [], TermStatus.ADMITTED)
        + _parse_terms(deprecated or [], TermStatus.DEPRECATED)
    )
    concept = services.add_concept(_open_db(), terms, subject, definition, note, settings.author())
    out.print(_format_concept(concept))


@glossary_app.command("browse")
def glossary_browse(
    text: Annotated[str, typer.Argument(help="Search for this at the start.")] = "",
    langs: Annotated[
        str | None, typer.Option(help="Languages to show first, comma-separated (e.g. ko,en).")
    ] = None,
) -> None:
    """Search, browse and edit the term base in the terminal UI."""
    from workbench.tui.app import make_app
    from workbench.tui.screens.termbase import TermbaseScreen

    first = tuple(normalize_lang(lang) for lang in (langs or "").split(",") if lang.strip())
    db = _open_db()
    make_app(db, TermbaseScreen(db, text, first)).run()


@glossary_app.command("stats")
def glossary_stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Count concepts and terms, by language and by status."""
    found = services.glossary_stats(_open_db())
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


# --- documents -----------------------------------------------------------------------------


def _progress_line(summary: DocumentSummary) -> str:
    done = sum(n for status, n in summary.by_status.items() if status != "new")
    langs = f"{summary.source_lang}->{summary.target_lang or '?'}"
    shown = ", ".join(f"{n} {status}" for status, n in sorted(summary.by_status.items()))
    size = f"{summary.segments} segments, {done} started ({shown})"
    return f"{summary.name}  [{summary.format}, {langs}]  {size}"


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="XLIFF, PO, text, Markdown or bilingual CSV/TSV.")],
    source_lang: Annotated[
        str | None, typer.Option(help="Source language (else detected).")
    ] = None,
    target_lang: Annotated[str | None, typer.Option(help="Target language.")] = None,
    name: Annotated[
        str | None, typer.Option(help="Document name (default: the file name).")
    ] = None,
    format_name: Annotated[
        str | None, typer.Option("--format", help="xliff, xliff2, po, txt, md, csv or tsv.")
    ] = None,
) -> None:
    """Import a document for translation (one transaction: a bad file imports nothing)."""
    db = _open_db()
    with _progress(f"importing {file.name}", unit_bytes=True) as on_progress:
        summary = services.import_document(
            db, file, format_name, source_lang, target_lang, name, settings.author(), on_progress
        )
    out.print(_progress_line(summary))


@app.command("export")
def export_command(
    name: Annotated[str, typer.Argument(help="The document's name (see: workbench docs).")],
    out_file: Annotated[Path, typer.Argument(metavar="OUT", help="File to write.")],
    format_name: Annotated[
        str | None,
        typer.Option(
            "--format", help="xliff, xliff2, tmx, po, txt, md or csv (default: OUT's extension)."
        ),
    ] = None,
) -> None:
    """Export a document with its translations."""
    count = services.export_document(_open_db(), name, out_file, format_name)
    out.print(f"{out_file}: {count} segments written")


@app.command("docs")
def docs_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the documents with their progress."""
    found = services.list_documents(_open_db())
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


# --- translation memory --------------------------------------------------------------------


def _diff_text(match: TmMatch) -> str:
    """The match's source with what the query lacks in [-…-] and what it adds in {+…+}."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[op].format(text) for op, text in match.diff)


@tm_app.command("import")
def tm_import_command(
    file: Annotated[Path, typer.Argument(help="TMX 1.4b, or a bilingual XLIFF/PO/CSV file.")],
    source_lang: Annotated[str | None, typer.Option(help="For bilingual files only.")] = None,
    target_lang: Annotated[str | None, typer.Option(help="For bilingual files only.")] = None,
) -> None:
    """Add translation units to the memory (one transaction)."""
    db = _open_db()
    with _progress(f"importing {file.name}", unit_bytes=True) as on_progress:
        added, report = services.tm_import(db, file, source_lang, target_lang, on_progress)
    out.print(f"{file}: {added} units added")
    if report.skipped_tus:
        err.print(f"{report.skipped_tus} <tu> skipped (no source or no translation)")
    for warning in report.warnings:
        err.print(f"{file}: {warning}")


@tm_app.command("lookup")
def tm_lookup_command(
    text: Annotated[str, typer.Argument(help="The source text to find matches for.")],
    source_lang: Annotated[str, typer.Option(help="Language of TEXT.")],
    target_lang: Annotated[str, typer.Option(help="Language of the translations.")],
    limit: Annotated[int, typer.Option(help="Most matches to show.")] = 5,
    minimum: Annotated[float, typer.Option(help="Lowest score shown (0-100).")] = 70,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Fuzzy matches from the memory, best first, with how each source differs."""
    matches = services.tm_lookup(_open_db(), text, source_lang, target_lang, limit, minimum)
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


@tm_app.command("export")
def tm_export_command(
    out_file: Annotated[Path, typer.Argument(metavar="OUT", help="TMX file to write.")],
    source_lang: Annotated[str, typer.Option(help="Source language of the units.")],
    target_lang: Annotated[str | None, typer.Option(help="Only this target language.")] = None,
) -> None:
    """Write the memory as TMX 1.4b."""
    count = services.tm_export(_open_db(), out_file, source_lang, target_lang)
    out.print(f"{out_file}: {count} units written")


@tm_app.command("stats")
def tm_stats_command() -> None:
    """Units per language pair."""
    for (source, target), count in sorted(services.tm_counts(_open_db()).items()):
        out.print(f"{source}->{target}  {count:,}")


# --- terms ---------------------------------------------------------------------------------


def _hit_json(hit: Hit) -> dict[str, object]:
    usable: dict[str, list[str]] = {}
    deprecated: dict[str, list[str]] = {}
    for lang, targets in hit.targets.items():
        for target in targets:
            bucket = deprecated if target.status is TermStatus.DEPRECATED else usable
            bucket.setdefault(lang, []).append(target.text)
    return {
        "start": hit.start,
        "end": hit.end,
        "text": hit.text,
        "lang": hit.lang,
        "term": hit.term,
        "status": hit.status.value,
        "concept": hit.concept,
        "targets": usable,
        "deprecated_targets": deprecated,
        "confidence": hit.confidence,
        "partial": hit.partial,
    }


def _hit_line(hit: Hit) -> str:
    targets = "  ".join(
        f"{lang}: " + " | ".join(t.text for t in terms if t.status is not TermStatus.DEPRECATED)
        for lang, terms in hit.targets.items()
    )
    flags = [hit.status.value] if hit.status is not TermStatus.PREFERRED else []
    if hit.partial:
        flags.append(f"partial {hit.confidence:.1f}")
    shown = f"{hit.start}-{hit.end}  {hit.text}"
    if hit.text != hit.term:
        shown += f" ({hit.term})"
    return (
        shown
        + (f" [{', '.join(flags)}]" if flags else "")
        + (f"  ->  {targets}" if targets else "")
    )


@terms_app.command("find")
def terms_find(
    lang: Annotated[str, typer.Option(help="Language of the text (ko, en, zh ...).")],
    text: Annotated[str | None, typer.Argument(help="Text to look for terms in.")] = None,
    file: Annotated[Path | None, typer.Option(help="Read the text from a file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON.")] = False,
    show_count: Annotated[bool, typer.Option("--count", help="Count hits per term.")] = False,
    overlapping: Annotated[bool, typer.Option(help="Report overlapping hits too.")] = False,
    partial: Annotated[
        bool, typer.Option(help="Report terms glued inside longer words, with lower confidence.")
    ] = False,
    target_langs: Annotated[
        str | None, typer.Option("--targets", help="Target languages to show, e.g. en,zh-Hant.")
    ] = None,
) -> None:
    """Find term-base terms in TEXT or --file, with their approved target terms."""
    if (text is None) == (file is None):
        raise services.UsageError("give either TEXT or --file PATH")
    content = services.read_text_file(file) if file is not None else str(text)
    index = services.load_term_index(_open_db())
    wanted = target_langs.split(",") if target_langs else None
    hits = services.find_terms(index, content, lang, overlapping, partial, wanted)
    if show_count:
        counts: dict[tuple[str, int], int] = {}
        for hit in hits:
            counts[(hit.term, hit.concept)] = counts.get((hit.term, hit.concept), 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if as_json:
            rows = [{"term": t, "concept": c, "count": n} for (t, c), n in ranked]
            out.print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for (term, _), number in ranked:
                out.print(f"{number:>6}  {term}")
        return
    if as_json:
        out.print(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return
    for hit in hits:
        out.print(_hit_line(hit))


# --- harvest -------------------------------------------------------------------------------


def _candidate_json(candidate: Candidate) -> dict[str, object]:
    return {
        "source": candidate.source,
        "source_lang": candidate.source_lang,
        "gloss": candidate.gloss,
        "gloss_lang": candidate.gloss_lang,
        "count": candidate.count,
        "context": candidate.context,
        "confidence": round(candidate.confidence, 2),
        "evidence": candidate.evidence,
        "script": candidate.script,
        "known": candidate.known,
        "concept": candidate.concept,
        "conflict": candidate.conflict,
    }


def _candidate_line(candidate: Candidate) -> str:
    state = "known" if candidate.known else ""
    if candidate.conflict:
        state = "term base has " + " | ".join(candidate.conflict)
    return (
        f"{candidate.confidence:.2f}  {candidate.source} ({candidate.source_lang}) = "
        f"{candidate.gloss} ({candidate.gloss_lang})  x{candidate.count}"
        + (f"  [{state}]" if state else "")
    )


@app.command()
def harvest(
    file: Annotated[Path, typer.Argument(help="A text (UTF-8) whose names are glossed.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the candidates as JSON.")] = False,
    accept: Annotated[bool, typer.Option(help="Add the candidates to the term base.")] = False,
    min_confidence: Annotated[
        float, typer.Option(help="With --accept: only candidates at least this sure.")
    ] = 0.8,
    review: Annotated[
        bool, typer.Option(help="Review in the terminal UI: accept, edit, reject, save.")
    ] = False,
) -> None:
    """Name and term pairs from parenthetical glosses: 스쥔(史軍), 센스타임(SenseTime)."""
    db = _open_db()
    candidates = services.harvest_file(db, file)
    if review:
        from workbench.tui.app import make_app
        from workbench.tui.screens.harvest import HarvestScreen

        make_app(db, HarvestScreen(db, candidates, file.name)).run()
        return
    if as_json:
        shown = {"candidates": [_candidate_json(c) for c in candidates]}
        out.print(json.dumps(shown, ensure_ascii=False, indent=2))
    else:
        for candidate in candidates:
            out.print(_candidate_line(candidate))
    if accept:
        result = services.accept_candidates(db, candidates, min_confidence, settings.author())
        err.print(
            f"accepted: {result.concepts_created} new concepts, {result.concepts_merged} merged, "
            f"{result.terms_added} terms added"
        )


# --- editor ----------------------------------------------------------------------------------


def _document_to_open(
    db: Database, name_or_file: str | None, source_lang: str | None, target_lang: str | None
) -> str:
    """The name of the document to edit: given, imported from a file first, or the newest."""
    known = {summary.name for summary in services.list_documents(db)}
    if name_or_file is None:
        found = services.list_documents(db)
        if not found:
            raise services.UsageError("no documents yet: workbench open FILE")
        return found[0].name
    if name_or_file in known:
        return name_or_file
    path = Path(name_or_file)
    if not path.is_file():
        raise services.UsageError(
            f"{name_or_file}: neither a document (see: workbench docs) nor a file"
        )
    if path.name in known:
        err.print(f"{path.name} was imported before: opening the stored document")
        return path.name
    summary = services.import_document(
        db, path, source_lang=source_lang, target_lang=target_lang, author=settings.author()
    )
    return summary.name


@app.command("open")
def open_command(
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

    db = _open_db()
    if name_or_file is None:
        from workbench.tui.screens.documents import DocumentsScreen

        make_app(db, DocumentsScreen(db)).run()
        return
    from workbench.tui.screens.editor import EditorScreen

    name = _document_to_open(db, name_or_file, source_lang, target_lang)
    make_app(db, EditorScreen(db, name)).run()


# --- demo ------------------------------------------------------------------------------------


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
            raise services.UsageError("--glossary prints a table: --keep has nothing to keep")
        print_glossary(out)
        return
    from workbench.tui.app import make_app
    from workbench.tui.screens.editor import EditorScreen

    with demo_database(keep) as (db, name):
        make_app(db, EditorScreen(db, name)).run()
    if keep is not None:
        out.print(f"The demo is kept: workbench --db {shlex.quote(str(keep))} open {name}")


# --- quality assurance -----------------------------------------------------------------------

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_MARK = re.compile(r"(\d+):([a-z_]+)")


def _marked(text: str, pieces: list[str]) -> str:
    """text with the first occurrence of each piece (longest first) marked «…»."""
    spans: list[tuple[int, int]] = []
    for piece in sorted(set(pieces), key=len, reverse=True):
        start = text.find(piece)
        if piece == text or start < 0:
            continue
        end = start + len(piece)
        if all(end <= s or start >= e for s, e in spans):
            spans.append((start, end))
    for start, end in sorted(spans, reverse=True):
        text = f"{text[:start]}«{text[start:end]}»{text[end:]}"
    return text


def _issue_json(report: services.QaReport, issue: Issue) -> dict[str, object]:
    pair = report.pair_at(issue.position)
    return {
        "segment": issue.position,
        "id": issue.unit_id,
        "check": issue.check,
        "severity": issue.severity.value,
        "message": issue.message,
        "hash": issue_hash(issue.check, pair.source, pair.target),
    }


def _qa_json(report: services.QaReport, show_ignored: bool) -> dict[str, object]:
    shown: dict[str, object] = {
        "file": report.name,
        "segments": len(report.pairs),
        "issues": [_issue_json(report, issue) for issue in report.issues],
        "ignored": report.ignored,
    }
    if show_ignored:
        shown["ignored_issues"] = [_issue_json(report, issue) for issue in report.ignored_issues]
    return shown


def _print_qa(report: services.QaReport, show_ignored: bool) -> None:
    """Issues grouped by check: title and count, then each issue with its source and target."""
    groups: dict[str, list[Issue]] = {}
    for issue in report.issues:
        groups.setdefault(issue.check, []).append(issue)
    ranked = sorted(groups.items(), key=lambda item: _SEVERITY_ORDER[item[1][0].severity.value])
    for check_id, issues in ranked:
        out.print(
            f"{check_title(check_id)} [{check_id}, {issues[0].severity.value}]: {len(issues)}"
        )
        for issue in issues:
            pair = report.pair_at(issue.position)
            pieces = services.issue_pieces(issue)
            where = f"#{issue.position}" + (f" ({issue.unit_id})" if issue.unit_id else "")
            out.print(f"  {where}  {issue.message}")
            out.print(f"      source: {_marked(plain_text(pair.source), pieces)}")
            out.print(f"      target: {_marked(plain_text(pair.target), pieces)}")
        out.print()
    if show_ignored and report.ignored_issues:
        out.print(f"Ignored: {report.ignored}")
        for issue in report.ignored_issues:
            out.print(f"  #{issue.position}  {issue.check}  {issue.message}")
        out.print()
    counts = ", ".join(f"{len(issues)} {check_id}" for check_id, issues in ranked)
    summary = f"{report.name}: {len(report.pairs)} segments, {len(report.issues)} issues"
    ignored = f", {report.ignored} ignored" if report.ignored else ""
    out.print(summary + (f" ({counts})" if counts else "") + ignored)


def _marks(option: str, specs: list[str] | None) -> list[tuple[int, str]]:
    """POSITION:CHECK_ID values of a repeatable option."""
    marks = []
    for spec in specs or []:
        found = _MARK.fullmatch(spec.strip())
        if found is None:
            raise services.UsageError(
                f"{option} {spec!r}: give POSITION:CHECK_ID, e.g. 3:number_mismatch"
            )
        marks.append((int(found[1]), found[2]))
    return marks


@app.command("qa")
def qa_command(
    file_or_name: Annotated[
        str,
        typer.Argument(
            metavar="FILE_OR_NAME",
            help="A bilingual XLIFF, PO, CSV/TSV or TMX file, or an imported document's name.",
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the issues as JSON.")] = False,
    checks: Annotated[
        str | None, typer.Option(help="Only these checks, e.g. term_missing,number_mismatch.")
    ] = None,
    profile: Annotated[
        Path | None, typer.Option(help="A QA profile (TOML): checks, severities, ignores.")
    ] = None,
    source_lang: Annotated[
        str | None, typer.Option(help="Source language, for files that do not say.")
    ] = None,
    target_lang: Annotated[
        str | None, typer.Option(help="Target language, for files that do not say.")
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            metavar="POSITION:CHECK_ID",
            help="Mark an imported document's issue as a false alarm, stored until the "
            "segment's text changes (repeatable).",
        ),
    ] = None,
    unignore: Annotated[
        list[str] | None,
        typer.Option(metavar="POSITION:CHECK_ID", help="Drop such a mark (repeatable)."),
    ] = None,
    show_ignored: Annotated[
        bool, typer.Option("--show-ignored", help="List the ignored issues too.")
    ] = False,
) -> None:
    """Check translations: terms, numbers, language, consistency; exit 1 when issues are found."""
    wanted = [c.strip() for c in checks.split(",") if c.strip()] if checks else None
    marks, unmarks = _marks("--ignore", ignore), _marks("--unignore", unignore)
    db = _open_db()
    if unmarks:
        services.unignore_issues(db, file_or_name, unmarks)
    report = services.run_qa(db, file_or_name, wanted, profile, source_lang, target_lang)
    if marks:
        report = services.ignore_issues(db, report, marks, settings.author())
    if as_json:
        out.print(json.dumps(_qa_json(report, show_ignored), ensure_ascii=False, indent=2))
    else:
        _print_qa(report, show_ignored)
    if report.issues:
        raise SystemExit(1)  # click would turn typer.Exit into a return value here


# --- entry point -----------------------------------------------------------------------------

_INPUT_ERRORS = (
    FormatError,
    DatabaseError,
    UnknownLanguageError,
    services.UsageError,
)


def _fail(message: str) -> NoReturn:
    err.print(f"workbench: error: {message}")
    raise SystemExit(2)


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
    except _INPUT_ERRORS as error:
        _fail(str(error))
    except KeyboardInterrupt:
        raise SystemExit(130) from None


from workbench import cli_score as _cli_score  # noqa: E402,F401
