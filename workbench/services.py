"""Use cases: each opens one unit of work on the database and returns plain data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.domain.checks import CheckContext, Issue, Pair, run_checks
from workbench.domain.checks.profile import ProfileError, QaProfile, known_checks, parse_profile
from workbench.domain.document import (
    Document,
    DocumentSummary,
    Segment,
    SegmentStatus,
    is_translatable,
    plain_text,
)
from workbench.domain.harvest import Candidate, chinese_scripts, harvest, mark_known
from workbench.domain.langtags import normalize_lang
from workbench.domain.matching import Hit, TermIndex
from workbench.domain.memory import (
    TmIndex,
    TmMatch,
    TmUnitData,
    context_key,
    normalise_for_match,
)
from workbench.domain.model import Concept, Term, TermStatus
from workbench.formats.base import (
    DocumentReadOptions,
    FormatError,
    ProgressCallback,
    ReadOptions,
    WriteOptions,
    write_atomically,
)
from workbench.formats.registry import (
    document_format,
    document_format_for_export,
    glossary_format,
)
from workbench.formats.tmx import TmxReport, read_tmx, write_tmx
from workbench.storage import documents, memory, termbase
from workbench.storage.engine import Database
from workbench.storage.termbase import ImportResult, TermbaseStats

REPO_ROOT = Path(__file__).resolve().parents[1]
SHIPPED_GLOSSARY = REPO_ROOT / "glossaries" / "waic-2025.csv"


class UsageError(Exception):
    """A request that cannot be carried out as given (bad language list, missing option)."""


def import_glossary(
    db: Database,
    path: Path,
    format_name: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    author: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import a glossary file in one transaction: a bad file changes nothing."""
    if not path.is_file():
        raise FormatError(path, "no such file")
    if path.stat().st_size == 0:
        raise FormatError(path, "file is empty")
    glossary = glossary_format(path, format_name)
    options = ReadOptions(
        source_lang=_lang_or_none(source_lang),
        target_lang=_lang_or_none(target_lang),
        on_progress=on_progress,
    )
    with db.sessions.begin() as session:
        return termbase.import_concepts(session, glossary.read(path, options), author)


def export_glossary(
    db: Database,
    path: Path,
    format_name: str | None = None,
    langs: Sequence[str] | None = None,
    bom: bool = False,
    on_progress: ProgressCallback | None = None,
) -> int:
    """Write the term base (or its langs) to path; the file appears only when complete."""
    glossary = glossary_format(path, format_name)
    with db.sessions() as session:
        present = termbase.languages(session)
        chosen = [normalize_lang(lang) for lang in langs] if langs else present
        missing = [lang for lang in chosen if lang not in present]
        if missing:
            raise UsageError(
                f"no terms in {', '.join(missing)} (the term base has {_list(present)})"
            )
        if glossary.name == "omegat" and len(chosen) != 2:
            raise UsageError("an OmegaT glossary holds two languages: give --langs SOURCE,TARGET")
        options = WriteOptions(
            langs=chosen, terms_per_lang=termbase.terms_per_lang(session), bom=bom
        )
        total = termbase.stats(session).concepts
        concepts = _reporting(termbase.iter_concepts(session, langs=chosen), total, on_progress)
        return write_atomically(path, lambda tmp: glossary.write(concepts, tmp, options))


def _reporting(
    concepts: Iterator[Concept], total: int, on_progress: ProgressCallback | None
) -> Iterator[Concept]:
    for done, concept in enumerate(concepts, 1):
        if on_progress is not None and done % 1000 == 0:
            on_progress(done, total)
        yield concept
    if on_progress is not None:
        on_progress(total, total)


def add_concept(
    db: Database,
    terms: Sequence[Term],
    subject_field: str | None = None,
    definition: str | None = None,
    note: str | None = None,
    author: str | None = None,
) -> Concept:
    """Create a concept from terms given on the command line or in the TUI."""
    if not terms:
        raise UsageError("a concept needs at least one term")
    concept = Concept(
        terms=list(terms),
        subject_field=subject_field,
        definitions={"": definition} if definition else {},
        note=note,
    )
    with db.sessions.begin() as session:
        concept_id = termbase.add_concept(session, concept, author)
        stored = termbase.get_concept(session, concept_id)
    assert stored is not None
    return stored


def search_glossary(
    db: Database, text: str, lang: str | None = None, limit: int = 50
) -> list[Concept]:
    """Concepts with a term containing text, best first."""
    with db.sessions() as session:
        return termbase.search_concepts(session, text, _lang_or_none(lang), limit)


def glossary_stats(db: Database) -> TermbaseStats:
    """Counts of concepts and terms by language and status."""
    with db.sessions() as session:
        return termbase.stats(session)


def load_term_index(db: Database) -> TermIndex:
    """Compile the whole term base into a term recognition index."""
    with db.sessions() as session:
        return TermIndex(termbase.iter_concepts(session))


def find_terms(
    index: TermIndex,
    text: str,
    lang: str,
    overlapping: bool = False,
    partial: bool = False,
    target_langs: Sequence[str] | None = None,
) -> list[Hit]:
    """Term hits in text, for a text written in lang."""
    targets = [normalize_lang(t) for t in target_langs] if target_langs else None
    return index.find(
        text, normalize_lang(lang), overlapping=overlapping, partial=partial, target_langs=targets
    )


def read_text_file(path: Path) -> str:
    """A text file's content: UTF-8 (BOM or not) or UTF-16 with a BOM; else a FormatError."""
    if not path.is_file():
        raise FormatError(path, "no such file")
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FormatError(path, "not UTF-8 text (save it as UTF-8)", line) from None


def _lang_or_none(lang: str | None) -> str | None:
    return normalize_lang(lang) if lang else None


def _list(items: Sequence[str]) -> str:
    return ", ".join(items) if items else "no terms at all"


# --- harvest ---------------------------------------------------------------------------------


def harvest_file(db: Database, path: Path) -> list[Candidate]:
    """Name candidates glossed in a text file, each checked against the term base."""
    candidates = harvest(read_text_file(path))
    with db.sessions() as session:
        for candidate in candidates:
            mark_known(candidate, termbase.find_concepts_by_term(session, candidate.source))
    return candidates


def accept_candidates(
    db: Database, candidates: Sequence[Candidate], min_confidence: float, author: str | None = None
) -> ImportResult:
    """Add the candidates at or above min_confidence to the term base, one concept per source.

    A source already in the term base merges into its concept; a Han gloss in one script also
    gets its other script (OpenCC), so that both Chinese columns are filled.
    """
    by_source: dict[tuple[str, str], Concept] = {}
    for candidate in candidates:
        if candidate.confidence < min_confidence or candidate.known:
            continue
        key = (candidate.source_lang, candidate.source)
        concept = by_source.setdefault(
            key, Concept(terms=[Term(lang=candidate.source_lang, text=candidate.source)])
        )
        status = TermStatus.ADMITTED if candidate.conflict else TermStatus.PREFERRED
        concept.terms.extend(_gloss_terms(candidate, status))
    with db.sessions.begin() as session:
        return termbase.import_concepts(session, by_source.values(), author)


def _gloss_terms(candidate: Candidate, status: TermStatus) -> list[Term]:
    """The gloss as terms: a Han gloss in traditional and simplified script."""
    if not candidate.gloss_lang.startswith("zh"):
        return [
            Term(lang=normalize_lang(candidate.gloss_lang), text=candidate.gloss, status=status)
        ]
    traditional, simplified = chinese_scripts(candidate.gloss)
    return [
        Term(lang="zh-Hant", text=traditional, status=status),
        Term(lang="zh-Hans", text=simplified, status=status),
    ]


# --- documents -------------------------------------------------------------------------------


def import_document(
    db: Database,
    path: Path,
    format_name: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    name: str | None = None,
    author: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> DocumentSummary:
    """Import a document in one transaction: a bad file leaves nothing behind."""
    if not path.is_file():
        raise FormatError(path, "no such file")
    if path.stat().st_size == 0:
        raise FormatError(path, "file is empty")
    chosen = name or path.name
    reader = document_format(path, format_name)
    options = DocumentReadOptions(
        source_lang=_lang_or_none(source_lang),
        target_lang=_lang_or_none(target_lang),
        on_progress=on_progress,
    )
    with db.sessions.begin() as session:
        if documents.document_by_name(session, chosen) is not None:
            raise UsageError(f"a document named {chosen!r} exists already: give --name")
        document, segments = reader.read(path, options)
        document.name = chosen
        document_id = documents.add_document(session, document, segments, author)
        summary = next(d for d in documents.list_documents(session) if d.id == document_id)
    return summary


def _export_document_tmx(document: Document, segments: list[Segment], path: Path) -> int:
    """A document's translated segments as a TMX memory."""
    if not document.target_lang:
        raise UsageError(f"{document.name} has no target language to write a TMX for")
    units = [
        TmUnitData(
            source_lang=document.source_lang,
            target_lang=document.target_lang,
            source=s.source,
            target=s.target,
            codes=tuple(s.codes),
            origin=document.name,
        )
        for s in segments
        if s.target.strip() and is_translatable(s)
    ]
    return write_atomically(
        path, lambda temporary: write_tmx(units, temporary, document.source_lang)
    )


def list_documents(db: Database) -> list[DocumentSummary]:
    """Every document with its progress."""
    with db.sessions() as session:
        return documents.list_documents(session)


def export_document(db: Database, name: str, path: Path, format_name: str | None = None) -> int:
    """Write a document with its translations; the file appears only when complete."""
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        assert document.id is not None
        segments = list(documents.iter_segments(session, document.id))
    if format_name == "tmx" or (format_name is None and path.suffix.lower() == ".tmx"):
        return _export_document_tmx(document, segments, path)
    writer = document_format(path, format_name or document_format_for_export(path, document.format))

    def write(temporary: Path) -> int:
        writer.write(document, segments, temporary)
        return len(segments)

    return write_atomically(path, write)


# --- translation memory ----------------------------------------------------------------------


def tm_import(
    db: Database,
    path: Path,
    source_lang: str | None = None,
    target_lang: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> tuple[int, TmxReport]:
    """Add a TMX file (or the translated segments of a bilingual file) to the TM at once."""
    if not path.is_file():
        raise FormatError(path, "no such file")
    report = TmxReport()
    if path.suffix.lower() == ".tmx":
        units: Iterator[TmUnitData] = read_tmx(path, on_progress, report=report)
    else:
        units = _units_of_document(path, source_lang, target_lang, on_progress)
    with db.sessions.begin() as session:
        ids = memory.add_units(session, units)
    return len(ids), report


def _units_of_document(
    path: Path,
    source_lang: str | None,
    target_lang: str | None,
    on_progress: ProgressCallback | None,
) -> Iterator[TmUnitData]:
    """The translated segments of a bilingual document as TM units."""
    options = DocumentReadOptions(
        source_lang=_lang_or_none(source_lang),
        target_lang=_lang_or_none(target_lang),
        on_progress=on_progress,
    )
    document, segments = document_format(path).read(path, options)
    if not document.target_lang:
        raise FormatError(path, "no target language: give --target-lang")
    for segment in segments:
        if segment.target.strip() and is_translatable(segment):
            yield TmUnitData(
                source_lang=document.source_lang,
                target_lang=document.target_lang,
                source=segment.source,
                target=segment.target,
                codes=tuple(segment.codes),
                origin=path.name,
            )


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


def tm_counts(db: Database) -> dict[tuple[str, str], int]:
    """Units per language pair."""
    with db.sessions() as session:
        return memory.count_units(session)


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


# --- editing ---------------------------------------------------------------------------------


def save_segment(
    db: Database,
    segment_id: int,
    target: str,
    status: SegmentStatus,
    expected_version: int,
    author: str | None = None,
) -> Segment:
    """Store a translator's target; a confirmed one also goes into the TM, in one transaction.

    ConflictError when someone saved the segment first; the refused text is kept in its
    history all the same.
    """
    with db.sessions() as session:
        try:
            saved = documents.save_segment(
                session, segment_id, target, status, expected_version, author
            )
        except documents.ConflictError:
            session.commit()  # keep the refused text in the history
            raise
        if status.confirmed and target.strip():
            header = documents.document_of_segment(session, segment_id)
            if header.target_lang:
                previous, following = documents.neighbour_sources(session, segment_id)
                memory.add_units(
                    session,
                    [
                        TmUnitData(
                            source_lang=header.source_lang,
                            target_lang=header.target_lang,
                            source=saved.source,
                            target=target,
                            codes=tuple(saved.codes),
                            origin=header.name,
                            context=context_key(previous, following),
                            author=author,
                        )
                    ],
                )
        session.commit()
    return saved


def undo_segment(db: Database, segment_id: int, author: str | None = None) -> Segment:
    """Put back the target and status the segment had before its last save."""
    with db.sessions() as session:
        current = documents.get_segment(session, segment_id)
        if current is None:
            raise UsageError(f"no segment {segment_id}")
        history = documents.revisions(session, segment_id)
    earlier = [r for r in history if r.kind != "conflict" and r.version == current.version - 1]
    if not earlier:
        raise UsageError(f"segment {current.position} has no earlier version to go back to")
    previous = earlier[-1]
    return save_segment(db, segment_id, previous.target, previous.status, current.version, author)


def propagate(db: Database, segment_id: int, author: str | None = None) -> int:
    """Give every unconfirmed repetition of the segment's source the same target (as draft)."""
    with db.sessions() as session:
        origin = documents.get_segment(session, segment_id)
        if origin is None:
            raise UsageError(f"no segment {segment_id}")
        header = documents.document_of_segment(session, segment_id)
        assert header.id is not None
        key = normalise_for_match(origin.source)
        repetitions = [
            s
            for s in documents.iter_segments(session, header.id)
            if s.id != segment_id
            and not s.status.confirmed
            and is_translatable(s)
            and normalise_for_match(s.source) == key
        ]
    for repetition in repetitions:
        assert repetition.id is not None
        save_segment(
            db, repetition.id, origin.target, SegmentStatus.DRAFT, repetition.version, author
        )
    return len(repetitions)


_SPLITTABLE = ("txt", "md")
"""Formats whose segments are sentences of a paragraph; units of XLIFF and PO stay whole."""


def _segments_at(db: Database, name: str, positions: list[int]) -> tuple[Document, list[Segment]]:
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        assert document.id is not None
        found = {
            s.position: s
            for s in documents.iter_segments(session, document.id)
            if s.position in positions
        }
    if document.format not in _SPLITTABLE:
        raise UsageError(
            f"{name}: {document.format} segments are the file's own units and cannot be "
            "joined or split (only sentences of text and Markdown can)"
        )
    missing = [p for p in positions if p not in found]
    if missing:
        raise UsageError(f"{name} has no segment {missing[0]}")
    return document, [found[p] for p in positions]


def join_segments(db: Database, name: str, position: int) -> Segment:
    """Join segment position with the next one of the same paragraph; both targets are kept."""
    document, (first, second) = _segments_at(db, name, [position, position + 1])
    if first.structure.get("paragraph") != second.structure.get("paragraph"):
        raise UsageError(f"segments {position} and {position + 1} are in different paragraphs")
    if first.codes != second.codes and (first.codes and second.codes):
        raise UsageError("segments with inline codes of their own cannot be joined")
    between = second.structure.get("before", " ")
    structure = dict(first.structure)
    if "after" in second.structure:
        structure["after"] = second.structure["after"]
    targets = [t for t in (first.target, second.target) if t]
    joined = replace(
        first,
        source=first.source + between + second.source,
        target=between.join(targets),
        codes=first.codes or second.codes,
        structure=structure,
        status=SegmentStatus.DRAFT if targets else SegmentStatus.NEW,
    )
    assert document.id is not None
    with db.sessions.begin() as session:
        documents.replace_segments(session, document.id, position, 2, [joined])
    return joined


def split_segment(
    db: Database, name: str, position: int, source_at: int, target_at: int | None = None
) -> tuple[Segment, Segment]:
    """Split a segment's source at source_at (and its target at target_at, or keep it whole)."""
    document, (segment,) = _segments_at(db, name, [position])
    head, tail = segment.source[:source_at], segment.source[source_at:]
    if not head.strip() or not tail.strip():
        raise UsageError(f"split segment {position} inside its text, not at an end")
    gap = tail[: len(tail) - len(tail.lstrip())]
    cut = len((target_at is None and segment.target) or segment.target[: target_at or 0])
    first_target, second_target = segment.target[:cut].rstrip(), segment.target[cut:].lstrip()
    first_structure = {k: v for k, v in segment.structure.items() if k != "after"}
    second_structure = {
        k: v for k, v in segment.structure.items() if k not in ("lines", "before", "level")
    }
    second_structure["before"] = gap or " "
    status = SegmentStatus.DRAFT if segment.target else SegmentStatus.NEW
    first = replace(segment, source=head.rstrip(), target=first_target, structure=first_structure)
    second = replace(
        segment, source=tail.lstrip(), target=second_target, structure=second_structure, id=None
    )
    first.status = second.status = status
    assert document.id is not None
    with db.sessions.begin() as session:
        documents.replace_segments(session, document.id, position, 1, [first, second])
    return first, second


# --- quality assurance -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QaReport:
    """What QA found in a file or a stored document, with the pairs it checked."""

    name: str
    """The file as given, or the document's name."""
    pairs: list[Pair]
    """The translatable segments checked, with their 1-based positions in the file."""
    issues: list[Issue]
    """Issues not marked ignored, segment checks first, in document order."""
    ignored: int = 0
    """Issues left out because the profile marks them as false alarms."""

    def pair_at(self, position: int) -> Pair:
        """The checked pair at a 1-based position."""
        return next(pair for pair in self.pairs if pair.position == position)


def load_qa_profile(path: Path) -> QaProfile:
    """A QA profile file (TOML); a FormatError names the file, key and line when it is bad."""
    try:
        return parse_profile(read_text_file(path))
    except ProfileError as error:
        raise FormatError(path, error.message, error.line, error.column) from None


def run_qa(
    db: Database,
    file_or_name: str,
    checks: Sequence[str] | None = None,
    profile_path: Path | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> QaReport:
    """Check a bilingual file (read, not imported) or a stored document by name.

    checks narrows the profile's checks to those ids; the term base supplies the term checks.
    """
    qa_profile = load_qa_profile(profile_path) if profile_path is not None else QaProfile()
    profile = qa_profile.profile
    if checks:
        unknown = [c for c in checks if c not in known_checks()]
        if unknown:
            known = ", ".join(sorted(known_checks()))
            raise UsageError(f"unknown check {', '.join(unknown)} (known: {known})")
        profile = replace(profile, enabled=set(checks))
    path = Path(file_or_name)
    if path.is_file():
        pairs = _file_pairs(path, _lang_or_none(source_lang), _lang_or_none(target_lang))
    else:
        pairs = _document_pairs(db, file_or_name)
    context = CheckContext(profile=profile, resources={"terms": load_term_index(db)})
    by_position = {pair.position: pair for pair in pairs}
    issues: list[Issue] = []
    ignored = 0
    for issue in run_checks(pairs, context):
        pair = by_position[issue.position]
        if qa_profile.keeps(issue, pair.source, pair.target):
            issues.append(issue)
        else:
            ignored += 1
    return QaReport(file_or_name, pairs, issues, ignored)


def _file_pairs(path: Path, source_lang: str | None, target_lang: str | None) -> list[Pair]:
    """The translatable segments of a bilingual file (TMX: its units) as pairs."""
    if path.stat().st_size == 0:
        raise FormatError(path, "file is empty")
    if path.suffix.lower() == ".tmx":
        return [
            Pair(
                source=unit.source,
                target=unit.target,
                source_lang=source_lang or unit.source_lang,
                target_lang=target_lang or unit.target_lang,
                position=position,
                codes=unit.codes,
            )
            for position, unit in enumerate(read_tmx(path), 1)
        ]
    options = DocumentReadOptions(source_lang=source_lang, target_lang=target_lang)
    document, segments = document_format(path).read(path, options)
    if not document.target_lang:
        raise FormatError(path, "no target language: give --target-lang")
    return _pairs(document, segments)


def _document_pairs(db: Database, name: str) -> list[Pair]:
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no file or document named {name!r} (see: workbench docs)")
        assert document.id is not None
        segments = list(documents.iter_segments(session, document.id))
    if not document.target_lang:
        raise UsageError(f"{name} has no target language to check translations in")
    return _pairs(document, segments)


def _pairs(document: Document, segments: Iterable[Segment]) -> list[Pair]:
    assert document.target_lang is not None
    return [
        Pair(
            source=segment.source,
            target=segment.target,
            source_lang=document.source_lang,
            target_lang=document.target_lang,
            position=segment.position or number,
            unit_id=segment.unit_id,
            codes=tuple(segment.codes),
        )
        for number, segment in enumerate(segments, 1)
        if is_translatable(segment)
    ]


# --- editor ----------------------------------------------------------------------------------


def document_segments(db: Database, name: str) -> tuple[Document, list[Segment]]:
    """A stored document's header and its segments in order."""
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no document named {name!r} (see: workbench docs)")
        assert document.id is not None
        return document, list(documents.iter_segments(session, document.id))


def stored_segment(db: Database, segment_id: int) -> Segment | None:
    """One segment as stored now (after a refused save, the other translator's text)."""
    with db.sessions() as session:
        return documents.get_segment(session, segment_id)


def last_position(db: Database, name: str) -> int:
    """The 1-based segment the translator was at when the document was last closed."""
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None or document.id is None:
            return 1
        return documents.last_position(session, document.id)


def set_last_position(db: Database, name: str, position: int) -> None:
    """Remember the 1-based segment the translator is at, for the next opening."""
    with db.sessions.begin() as session:
        document = documents.document_by_name(session, name)
        if document is not None and document.id is not None:
            documents.set_last_position(session, document.id, position)
