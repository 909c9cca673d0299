"""Use cases of the translation memory: import, look up, export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.domain.langtags import normalize_lang
from workbench.domain.memory import (
    TmIndex,
    TmMatch,
    TmUnitData,
    context_key,
    copy_key,
    segment_context,
    tm_unit_for,
    tm_units_of_document,
)
from workbench.formats.base import (
    DocumentReadOptions,
    FormatError,
    ProgressCallback,
    write_atomically,
)
from workbench.formats.registry import (
    document_format,
)
from workbench.formats.tmx import TmxReport, read_tmx, write_tmx
from workbench.services.common import (
    _lang_or_none,
    configured_controls,
    configured_limits,
)
from workbench.storage import memory
from workbench.storage.engine import Database

__all__ = ["segment_context", "tm_unit_for"]  # the one builder and context, for the editor


@dataclass(frozen=True, slots=True)
class TmImportResult:
    """What an import did to the memory, and what the reader noticed in the file."""

    added: int
    """New units."""
    updated: int
    """Stored units the file had a later version of (dates, note, properties taken)."""
    present: int
    """Units the memory had already, as recent (or units repeated in the file)."""
    report: TmxReport


def tm_import(
    db: Database,
    path: Path,
    source_lang: str | None = None,
    target_lang: str | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    encoding: str | None = None,
    controls: str | None = None,
) -> TmImportResult:
    """Add a TMX file (or the translated segments of a bilingual file) to the TM at once.

    One unit per key (languages, source, target, context): a unit the memory has already is
    not added again. encoding is for a bilingual file (TMX declares its own); controls is
    strip or refuse for TMX (domain.controls), and report.notices() says what was stripped.
    """
    if not path.is_file():
        raise FormatError(path, "no such file")
    report = TmxReport()
    limits = configured_limits()
    if path.suffix.lower() == ".tmx":
        units: Iterator[TmUnitData] = read_tmx(
            path, on_progress, report=report, limits=limits, controls=configured_controls(controls)
        )
    else:
        options = DocumentReadOptions(
            source_lang=_lang_or_none(source_lang),
            target_lang=_lang_or_none(target_lang),
            on_progress=on_progress,
            encoding=encoding,
            limits=limits,
        )
        units = _units_of_document(path, options)
    with db.sessions.begin() as session:
        counts = memory.store_units(session, units)
    return TmImportResult(counts.added, counts.updated, counts.present, report)


def _units_of_document(path: Path, options: DocumentReadOptions) -> Iterator[TmUnitData]:
    """The translated segments of a bilingual document as TM units."""
    document, segments = document_format(path).read(path, options)
    if not document.target_lang:
        raise FormatError(path, "no target language: give --target-lang")
    document.name = path.name
    return tm_units_of_document(document, list(segments))


def load_tm_index(
    db: Database, source_lang: str | None = None, target_lang: str | None = None
) -> TmIndex:
    """The fuzzy index over the stored TM (of one language pair, when given).

    Units of regional variants are filed under the pair asked for, so that a lookup from en
    to fr also finds the memory's en-US to fr-FR units.
    """
    index = TmIndex()
    with db.sessions() as session:
        units = memory.iter_units(session, source_lang, target_lang)
        if source_lang and target_lang:
            units = (replace(u, source_lang=source_lang, target_lang=target_lang) for u in units)
        index.add_many(units)
    return index


def tm_lookup(
    db: Database,
    text: str,
    source_lang: str,
    target_lang: str,
    limit: int = 5,
    minimum: float = 70,
    context: tuple[str | None, str | None] | None = None,
) -> list[TmMatch]:
    """The best TM matches for text, best first, scored 0-100 (101 in context).

    context is the (previous, following) source around text; a unit stored with the same
    surroundings scores 101.
    """
    source, target = normalize_lang(source_lang), normalize_lang(target_lang)
    index = load_tm_index(db, source, target)
    key = context_key(*context) if context is not None else None
    return index.lookup(text, source, target, limit=limit, minimum=minimum, context=key)


def tm_export(db: Database, path: Path, source_lang: str, target_lang: str | None = None) -> int:
    """Write the TM (units from source_lang, to target_lang when given) as TMX 1.4b."""
    source = normalize_lang(source_lang)
    target = normalize_lang(target_lang) if target_lang else None
    with db.sessions() as session:
        units = list(memory.iter_units(session, source, target))
    return write_atomically(path, lambda temporary: write_tmx(units, temporary, source))


@dataclass(frozen=True, slots=True)
class TmDedupeResult:
    """What `tm dedupe` removed (or, in a dry run, would remove)."""

    removed: int
    """Units deleted as copies of another."""
    kept: int
    """Units that had copies: each kept the newest copy, with the use counts of all."""


def tm_dedupe(
    db: Database,
    source_lang: str | None = None,
    target_lang: str | None = None,
    *,
    dry_run: bool = False,
) -> TmDedupeResult:
    """Merge units that are copies of one another (domain.memory.copy_key), in one transaction.

    Units with the very same key cannot be stored twice (a database from before that rule
    is merged when opened); this also merges those that differ only in Unicode form or
    whitespace, as older memories and other tools' exports hold them.
    """
    source = normalize_lang(source_lang) if source_lang else None
    target = normalize_lang(target_lang) if target_lang else None
    with db.sessions.begin() as session:
        removed, kept = memory.merge_copies(session, copy_key, source, target, dry_run=dry_run)
    return TmDedupeResult(removed, kept)


def tm_counts(db: Database) -> dict[tuple[str, str], int]:
    """Units per language pair."""
    with db.sessions() as session:
        return memory.count_units(session)
