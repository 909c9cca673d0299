"""Use cases of documents: import, export, list, read for the editor."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.checks.markup import code_errors
from workbench.domain.comments import note_comments
from workbench.domain.document import (
    Document,
    DocumentSummary,
    Segment,
    code_indexes,
    is_translatable,
    plain_text,
)
from workbench.domain.langtags import normalize_lang
from workbench.domain.memory import (
    tm_units_of_document,
)
from workbench.formats.base import (
    DocumentReadOptions,
    FormatError,
    ProgressCallback,
    WriteOptions,
    write_atomically,
)
from workbench.formats.registry import (
    document_format,
    document_format_for_export,
    document_pairs,
    glossary_format,
)
from workbench.formats.tmx import write_tmx
from workbench.services.comments import (
    comments_from_notes,
    export_comments,
    with_comment_notes,
)
from workbench.services.common import (
    BrokenCodesError,
    UsageError,
    _lang_or_none,
    configured_limits,
)
from workbench.services.library import list_documents
from workbench.services.lqa import export_annotation_lines
from workbench.services.term_index import load_term_index
from workbench.storage import documents, termbase
from workbench.storage.engine import Database


def import_document(
    db: Database,
    path: Path,
    format_name: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    name: str | None = None,
    author: str | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    target_file: Path | None = None,
    accept_changes: bool = False,
    translate_urls: bool = False,
    encoding: str | None = None,
) -> DocumentSummary:
    """Import a document in one transaction: a bad file leaves nothing behind.

    target_file: an existing translation of a monolingual string file (en.json with
    ko.json): its values come in as translated targets, its own keys are kept.
    accept_changes: accept a Word or OpenDocument file's tracked changes instead of
    refusing the file. translate_urls: offer the addresses of an office file's external
    hyperlinks for translation too.
    encoding overrides what the file's bytes say (formats.encoding); it is recorded, so that
    export writes the file back in it.
    """
    for given in (path, target_file):
        if given is not None and not given.is_file():
            raise FormatError(given, "no such file")
        if given is not None and given.stat().st_size == 0:
            raise FormatError(given, "file is empty")
    chosen = name or path.name
    reader = document_format(path, format_name)
    if target_file is not None and not document_pairs(path, format_name):
        raise UsageError(
            f"--target pairs a string file with its translation; {reader.name} files cannot be"
            " paired (import the file alone)"
        )
    options = DocumentReadOptions(
        source_lang=_lang_or_none(source_lang),
        target_lang=_lang_or_none(target_lang),
        on_progress=on_progress,
        target_file=target_file,
        accept_changes=accept_changes,
        translate_urls=translate_urls,
        encoding=encoding,
        limits=configured_limits(),
    )
    taken = f"a document named {chosen!r} exists already: give --name"
    with db.sessions.begin() as session:
        if documents.document_by_name(session, chosen) is not None:
            raise UsageError(taken)
        document, segments = reader.read(path, options)
        document.name = chosen
        commented: list[bool] = []

        def watched() -> Iterator[Segment]:  # segments stream: notice comments on the way
            for segment in segments:
                if segment.note and not commented and note_comments(segment.note):
                    commented.append(True)
                yield segment

        try:
            document_id = documents.add_document(session, document, watched(), author)
        except documents.DocumentExistsError:
            raise UsageError(taken) from None  # imported alongside while this file was read
        if commented:  # a file's comments become threads
            comments_from_notes(session, document_id)
        summary = next(d for d in documents.list_documents(session) if d.id == document_id)
    return summary


def target_only_keys(db: Database, name: str) -> list[str]:
    """The keys a paired translation file had that its source lacks (kept, not offered)."""
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None or document.id is None:
            return []
        return [
            segment.structure.get("key", segment.unit_id or "")
            for segment in documents.iter_segments(session, document.id)
            if segment.structure.get("only_in_target") == "yes"
        ]


def _export_document_tmx(document: Document, segments: Iterable[Segment], path: Path) -> int:
    """A document's confirmed segments as a TMX memory (TMX has no status to mark a draft),
    each unit with its context."""
    if not document.target_lang:
        raise UsageError(f"{document.name} has no target language to write a TMX for")
    units = list(tm_units_of_document(document, list(segments), confirmed_only=True))
    return write_atomically(
        path, lambda temporary: write_tmx(units, temporary, document.source_lang)
    )


@dataclass(frozen=True, slots=True)
class DocumentToOpen:
    """The stored document to edit, and whether a file given was not imported again."""

    name: str
    imported_before: bool = False
    """A file was given whose name is already a stored document: that document is opened."""


def document_to_open(
    db: Database,
    name_or_file: str | None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    author: str | None = None,
) -> DocumentToOpen:
    """The document to edit: the one named, a file imported first, or (given None) the newest."""
    found = list_documents(db)
    if name_or_file is None:
        if not found:
            raise UsageError("no documents yet: workbench open FILE")
        return DocumentToOpen(found[0].name)
    known = {summary.name for summary in found}
    if name_or_file in known:
        return DocumentToOpen(name_or_file)
    path = Path(name_or_file)
    if not path.is_file():
        raise UsageError(f"{name_or_file}: neither a document (see: workbench docs) nor a file")
    if path.name in known:
        return DocumentToOpen(path.name, imported_before=True)
    summary = import_document(
        db, path, source_lang=source_lang, target_lang=target_lang, author=author
    )
    return DocumentToOpen(summary.name)


def _reporting_segments(
    segments: list[Segment], on_progress: ProgressCallback | None
) -> Iterable[Segment]:
    """The segments, reporting (segments handed out, all segments) as a writer takes them."""
    if on_progress is None:
        return segments

    def reported() -> Iterator[Segment]:
        total = len(segments)
        # About a hundred reports whatever the size: a progress bar needs no more.
        step = max(1, total // 100)
        for done, segment in enumerate(segments, 1):
            if done % step == 0:
                on_progress(done, total)
            yield segment

    return reported()


def broken_code_positions(segments: Iterable[Segment]) -> list[int]:
    """The positions of targets edited here whose codes break the source's (QA's rule).

    A target as imported is written back as it came (another tool's choice); a code the
    file's target had and its source lacks (memoQ and Trados let a translator add formatting)
    may stay once, as export can write it: only a code the segment has no markup for, a
    code written twice, a source code lost or a pair badly nested is broken.
    """
    return [
        segment.position
        for segment in segments
        if segment.version > 0
        and segment.target.strip()
        and is_translatable(segment)
        and _codes_broken(segment)
    ]


def _codes_broken(segment: Segment) -> bool:
    source, target = code_indexes(segment.source), code_indexes(segment.target)
    in_source = set(source)
    target_only = sorted({i for i in target if i not in in_source and i < len(segment.codes)})
    return any(True for _ in code_errors([*source, *target_only], target, segment.codes))


def export_document(
    db: Database,
    name: str,
    path: Path,
    format_name: str | None = None,
    *,
    on_progress: ProgressCallback | None = None,
    force: bool = False,
) -> int:
    """Write a document with its translations; the file appears only when complete.

    BrokenCodesError, with nothing written, when a target's inline codes are missing, extra or
    badly nested (the file would lose formatting or not open), unless force.
    on_progress gets (segments written, all segments), ending with (total, total).
    """
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        assert document.id is not None
        segments = list(documents.iter_segments(session, document.id))
        segments = with_comment_notes(
            segments,
            export_comments(session, document.id),
            export_annotation_lines(session, document.id),
        )
    broken = [] if force else broken_code_positions(segments)
    if broken:
        raise BrokenCodesError(name, broken)
    reported = _reporting_segments(segments, on_progress)
    if format_name == "tmx" or (format_name is None and path.suffix.lower() == ".tmx"):
        count = _export_document_tmx(document, reported, path)
    else:
        export_format = format_name or document_format_for_export(path, document.format)
        writer = document_format(path, export_format)

        def write(temporary: Path) -> int:
            writer.write(document, reported, temporary)
            return len(segments)

        count = write_atomically(path, write, original=document.original)
    if on_progress is not None:
        on_progress(len(segments), len(segments))
    return count


def export_document_glossary(
    db: Database,
    name: str,
    path: Path,
    format_name: str | None = None,
    langs: Sequence[str] | None = None,
    bom: bool = False,
) -> int:
    """The bilingual glossary of the terms a document uses, with counts and an example each.

    Every glossary format carries a concept note, so the count and the example go there
    ("3 occurrences in news.txt, e.g. …"), after any note the concept already has.
    """
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        assert document.id is not None
        sources = [
            plain_text(s.source)
            for s in documents.iter_segments(session, document.id)
            if is_translatable(s)
        ]
    index = load_term_index(db)
    counts: dict[int, int] = {}
    examples: dict[int, str] = {}
    for source in sources:
        for hit in index.find(source, document.source_lang):
            counts[hit.concept] = counts.get(hit.concept, 0) + 1
            examples.setdefault(hit.concept, source)
    wanted = list(langs) if langs else [document.source_lang, document.target_lang or ""]
    chosen = [normalize_lang(lang) for lang in wanted if lang]
    glossary = glossary_format(path, format_name)
    with db.sessions() as session:
        concepts = list(termbase.iter_concepts(session, langs=chosen, concept_ids=counts))
        per_lang = termbase.terms_per_lang(session)
    for concept in concepts:
        assert concept.id is not None
        usage = f"{counts[concept.id]} occurrences in {name}, e.g. {examples[concept.id]}"
        concept.note = f"{concept.note}\n{usage}" if concept.note else usage
    concepts.sort(key=lambda c: -counts[c.id or 0])
    options = WriteOptions(langs=chosen, terms_per_lang=per_lang, bom=bom)
    return write_atomically(path, lambda temporary: glossary.write(concepts, temporary, options))
