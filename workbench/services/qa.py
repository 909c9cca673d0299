"""Use cases of quality assurance over files and documents, and of post-edit distances."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.domain.checks import (
    CHECKS,
    DOCUMENT_CHECKS,
    CheckContext,
    Issue,
    Pair,
    run_checks,
)
from workbench.domain.checks.profile import (
    ProfileError,
    QaProfile,
    issue_hash,
    known_checks,
    parse_profile,
)
from workbench.domain.checks.registry import RUN_BATCH
from workbench.domain.checks.report import grouped_by_check as grouped_by_check
from workbench.domain.checks.report import mark_spans as mark_spans
from workbench.domain.checks.report import visible_ends
from workbench.domain.checks.report import worst_first as worst_first
from workbench.domain.checks.spelling import SPELLING
from workbench.domain.document import (
    Document,
    InlineCode,
    Segment,
    is_translatable,
)
from workbench.domain.labels import shown_text
from workbench.domain.matching import TermIndex
from workbench.domain.records import PostEdit
from workbench.domain.subtitles import cue_timing
from workbench.formats.base import (
    DocumentReadOptions,
    FormatError,
    ProgressCallback,
)
from workbench.formats.registry import (
    document_format,
)
from workbench.formats.tmx import read_tmx
from workbench.services.common import (
    UsageError,
    _lang_or_none,
    read_text_file,
)
from workbench.services.spelling import load_spelling
from workbench.services.term_index import load_term_index
from workbench.storage import documents, qa
from workbench.storage.engine import Database

PROGRESS_EVERY = RUN_BATCH
"""Pairs checked between two progress reports: one batch of run_checks."""
IGNORED_RESOURCE = "ignored"
"""The CheckContext resource holding the profile's ignored issue hashes (for check_segment)."""
_QUOTED = re.compile(r'"([^"]+)"|\(([^()]+)\)')
_NUMBER = re.compile(r"\d[\d,.]*")
_ABOUT_THE_END = frozenset({"end_punctuation", "end_punctuation_added"})
"""Checks whose pieces are marked where they last stand: the final punctuation."""


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
    """Issues left out as false alarms: by the profile, or by marks stored on the segments."""
    ignored_issues: list[Issue] = field(default_factory=list)
    """The issues left out, in the order the checks found them."""
    stored: bool = False
    """True when name is a stored document (issues can be marked ignored in the database)."""

    def pair_at(self, position: int) -> Pair:
        """The checked pair at a 1-based position."""
        return next(pair for pair in self.pairs if pair.position == position)


def load_qa_profile(path: Path) -> QaProfile:
    """A QA profile file (TOML); a FormatError names the file, key and line when it is bad."""
    try:
        return parse_profile(read_text_file(path))
    except ProfileError as error:
        raise FormatError(path, error.message, error.line, error.column) from None


def _qa_profile(checks: Sequence[str] | None, profile_path: Path | None) -> QaProfile:
    """The profile file's settings (or the defaults), narrowed to checks when given."""
    qa_profile = load_qa_profile(profile_path) if profile_path is not None else QaProfile()
    if checks:
        unknown = [c for c in checks if c not in known_checks()]
        if unknown:
            known = ", ".join(sorted(known_checks()))
            raise UsageError(f"unknown check {', '.join(unknown)} (known: {known})")
        qa_profile = replace(qa_profile, profile=replace(qa_profile.profile, enabled=set(checks)))
    return qa_profile


def run_qa(
    db: Database,
    file_or_name: str,
    checks: Sequence[str] | None = None,
    profile_path: Path | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> QaReport:
    """Check a bilingual file (read, not imported) or a stored document by name.

    checks narrows the profile's checks to those ids; the term base supplies the term checks.
    on_progress gets (pairs checked, pairs in all) every PROGRESS_EVERY pairs.
    """
    qa_profile = _qa_profile(checks, profile_path)
    path = Path(file_or_name)
    if not path.is_file():
        return _document_qa(db, file_or_name, qa_profile, on_progress)
    pairs = _file_pairs(path, _lang_or_none(source_lang), _lang_or_none(target_lang))
    resources = _resources(db, load_term_index(db))
    context = CheckContext(profile=qa_profile.profile, resources=resources)
    return _report(file_or_name, pairs, qa_profile, context, {}, set(), on_progress)


def run_document_qa(
    db: Database,
    name: str,
    checks: Sequence[str] | None = None,
    profile_path: Path | None = None,
    on_progress: ProgressCallback | None = None,
    terms: TermIndex | None = None,
) -> QaReport:
    """Check a stored document by name, even when a file of that name is at hand.

    terms is a term index the caller has already (else the term base is read).
    """
    return _document_qa(db, name, _qa_profile(checks, profile_path), on_progress, terms)


def _document_qa(
    db: Database,
    name: str,
    qa_profile: QaProfile,
    on_progress: ProgressCallback | None,
    terms: TermIndex | None = None,
) -> QaReport:
    with db.sessions() as session:
        document = documents.document_by_name(session, name)
        if document is None:
            raise UsageError(f"no file or document named {name!r} (see: workbench docs)")
        assert document.id is not None
        segments = list(documents.iter_segments(session, document.id))
        marks = {(mark.segment_id, mark.key) for mark in qa.ignore_marks(session, document.id)}
    if not document.target_lang:
        raise UsageError(f"{name} has no target language to check translations in")
    segment_ids = {s.position: s.id for s in segments if s.id is not None}
    index = terms if terms is not None else load_term_index(db)
    context = CheckContext(profile=qa_profile.profile, resources=_resources(db, index))
    report = _report(
        name, _pairs(document, segments), qa_profile, context, segment_ids, marks, on_progress
    )
    return replace(report, stored=True)


def _resources(db: Database, terms: TermIndex) -> dict[str, object]:
    """What the checks consult: the term index and the spelling dictionaries."""
    return {"terms": terms, SPELLING: load_spelling(db)}


def _report(
    name: str,
    pairs: list[Pair],
    qa_profile: QaProfile,
    context: CheckContext,
    segment_ids: dict[int, int],
    marks: set[tuple[int, str]],
    on_progress: ProgressCallback | None,
) -> QaReport:
    """Run the checks and set aside what the profile or a stored mark ignores."""
    by_position = {pair.position: pair for pair in pairs}
    issues: list[Issue] = []
    ignored: list[Issue] = []
    for issue in _issues(pairs, context, on_progress):
        pair = by_position[issue.position]
        key = issue_hash(issue.check, pair.source, pair.target)
        if key in qa_profile.ignored or (segment_ids.get(issue.position), key) in marks:
            ignored.append(issue)
        else:
            issues.append(issue)
    return QaReport(name, pairs, issues, len(ignored), ignored)


def _only(context: CheckContext, registered: Collection[str]) -> CheckContext:
    """The context with its profile narrowed to the checks among registered."""
    profile = context.profile
    enabled = {check_id for check_id in registered if profile.runs(check_id)}
    return CheckContext(replace(profile, enabled=enabled), context.resources)


def _issues(
    pairs: Sequence[Pair], context: CheckContext, on_progress: ProgressCallback | None
) -> Iterator[Issue]:
    """run_checks in slices of pairs, so that progress can be told between them."""
    if on_progress is None:
        yield from run_checks(pairs, context)
        return
    total = len(pairs)
    segment_context = _only(context, CHECKS)
    on_progress(0, total)
    for start in range(0, total, PROGRESS_EVERY):
        yield from run_checks(pairs[start : start + PROGRESS_EVERY], segment_context)
        on_progress(min(start + PROGRESS_EVERY, total), total)
    yield from run_checks(pairs, _only(context, DOCUMENT_CHECKS))


def qa_context(
    db: Database, profile_path: Path | None = None, terms: TermIndex | None = None
) -> CheckContext:
    """What check_segment needs, built once: the profile and the term index (loaded if None)."""
    qa_profile = load_qa_profile(profile_path) if profile_path is not None else QaProfile()
    index = terms if terms is not None else load_term_index(db)
    return CheckContext(
        profile=qa_profile.profile,
        resources={**_resources(db, index), IGNORED_RESOURCE: qa_profile.ignored},
    )


def check_segment(context: CheckContext, pair: Pair, ignored: Collection[str] = ()) -> list[Issue]:
    """The segment checks' issues in one pair, as the translator types (no database access).

    Document checks (consistency) need every segment and are left to run_qa. ignored holds
    the segment's stored mark keys (see ignore_keys); the profile's ignores apply too.
    """
    issues = list(run_checks([pair], _only(context, CHECKS)))
    keys = context.resources.get(IGNORED_RESOURCE, frozenset())
    if not issues or not (keys or ignored):
        return issues
    return [
        issue
        for issue in issues
        if (key := issue_hash(issue.check, pair.source, pair.target)) not in keys
        and key not in ignored
    ]


def segment_pair(
    segment: Segment, source_lang: str, target_lang: str, target: str | None = None
) -> Pair:
    """A segment as the checks see it; target, when given, is the text being typed."""
    return Pair(
        source=segment.source,
        target=segment.target if target is None else target,
        source_lang=source_lang,
        target_lang=target_lang,
        position=segment.position,
        unit_id=segment.unit_id,
        codes=tuple(segment.codes),
        cue=cue_timing(segment.structure),
    )


def issue_pieces(issue: Issue) -> list[str]:
    """What an issue's message names (quoted terms, written numbers), to mark in the texts."""
    pieces = [a or b for a, b in _QUOTED.findall(issue.message)]
    if issue.check == "number_mismatch":
        pieces += _NUMBER.findall(issue.message)
    return pieces


def issue_text(
    text: str, codes: Sequence[InlineCode], issue: Issue
) -> tuple[str, list[tuple[int, int]]]:
    """A segment's source or target as QA shows it with an issue, and where to mark the issue.

    Codes show as their labels (⟨1⟩), whitespace at either end as ␣, and the marks cover what
    the issue's message names, never a space: `workbench qa` and the QA screen show the same.
    """
    shown = visible_ends(shown_text(text, list(codes)))
    at_end = issue.check in _ABOUT_THE_END
    return shown, mark_spans(shown, issue_pieces(issue), from_end=at_end)


# --- ignored issues, stored per segment ------------------------------------------------------


def _no_document(name: str) -> UsageError:
    return UsageError(f"no document named {name!r} (see: workbench docs)")


def _store_marks(
    db: Database, name: str, marked: Sequence[tuple[Issue, Pair | None]], author: str | None
) -> int:
    """Mark issues ignored, each for its segment's stored texts, all or none; how many are new.

    A pair is the one QA checked: when the segment changed since, nothing is marked.
    """
    added = 0
    with db.sessions.begin() as session:
        document_id = qa.document_id(session, name)
        if document_id is None:
            raise _no_document(name)
        for issue, pair in marked:
            segment = qa.segment_at(session, document_id, issue.position)
            if segment is None or segment.id is None:
                raise UsageError(f"{name} has no segment {issue.position}")
            if pair is not None and (pair.source, pair.target) != (segment.source, segment.target):
                # a mark for the stored text would silence an issue nobody has looked at
                raise UsageError(
                    f"segment {issue.position} of {name} changed since QA ran: run it again"
                )
            key = issue_hash(issue.check, segment.source, segment.target)
            added += qa.add_ignore(session, document_id, segment.id, issue.check, key, author)
    return added


def ignore_issue(
    db: Database,
    document_name: str,
    issue: Issue,
    author: str | None = None,
    pair: Pair | None = None,
) -> bool:
    """Mark a stored document's issue ignored for its segment's current source and target.

    pair is the pair QA checked: when the segment changed since, nothing is marked
    (UsageError). False when the issue was marked already.
    """
    return _store_marks(db, document_name, [(issue, pair)], author) > 0


def ignore_issues(
    db: Database, report: QaReport, marks: Sequence[tuple[int, str]], author: str | None = None
) -> QaReport:
    """Mark the issues at (position, check id) of a document's report ignored, all or none.

    UsageError when the report is of a file, or a mark names no issue; returns the report
    with the marked issues set aside.
    """
    if not report.stored:
        raise UsageError(
            f"{report.name} is a file: ignores are stored on imported documents; for a file, "
            "put the issue's hash under [ignore] in a QA profile"
        )
    wanted = set(marks)
    marked = [issue for issue in report.issues if (issue.position, issue.check) in wanted]
    found = {(issue.position, issue.check) for issue in [*marked, *report.ignored_issues]}
    for position, check_id in marks:
        if (position, check_id) not in found:
            raise UsageError(f"segment {position} of {report.name} has no {check_id} issue")
    pairs = [(issue, report.pair_at(issue.position)) for issue in marked]
    _store_marks(db, report.name, pairs, author)
    return replace(
        report,
        issues=[issue for issue in report.issues if issue not in marked],
        ignored=report.ignored + len(marked),
        ignored_issues=[*report.ignored_issues, *marked],
    )


def unignore_issues(db: Database, document_name: str, marks: Sequence[tuple[int, str]]) -> int:
    """Drop the stored marks of (position, check id) pairs, all or none; how many went.

    UsageError when one of them has no mark (the profile's ignores are not touched).
    """
    removed = 0
    with db.sessions.begin() as session:
        document_id = qa.document_id(session, document_name)
        if document_id is None:
            raise _no_document(document_name)
        for position, check_id in marks:
            segment = qa.segment_at(session, document_id, position)
            if segment is None or segment.id is None:
                raise UsageError(f"{document_name} has no segment {position}")
            gone = qa.remove_ignores(session, segment.id, check_id)
            if not gone:
                raise UsageError(
                    f"segment {position} of {document_name} has no {check_id} issue marked ignored"
                )
            removed += gone
    return removed


def unignore_issue(db: Database, document_name: str, position: int, check_id: str) -> int:
    """Drop the stored marks of a check on the segment at position; how many there were."""
    return unignore_issues(db, document_name, [(position, check_id)])


def ignore_keys(db: Database, document_name: str) -> dict[int, frozenset[str]]:
    """The stored mark keys of a document by segment id, for check_segment's ignored."""
    with db.sessions() as session:
        document_id = qa.document_id(session, document_name)
        if document_id is None:
            raise _no_document(document_name)
        marks = qa.ignore_marks(session, document_id)
    keys: dict[int, set[str]] = {}
    for mark in marks:
        keys.setdefault(mark.segment_id, set()).add(mark.key)
    return {segment_id: frozenset(found) for segment_id, found in keys.items()}


# --- post-edit distances -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PostEditReport:
    """The post-edit distances stored for a document: the newest of each segment."""

    name: str
    rows: list[PostEdit]
    """In document order."""

    @property
    def average(self) -> float | None:
        """The mean TER over the segments, None when there are none."""
        if not self.rows:
            return None
        return sum(row.score for row in self.rows) / len(self.rows)

    @property
    def signatures(self) -> list[str]:
        """The TER signatures of the rows, each once (one, unless settings or versions changed)."""
        return list(dict.fromkeys(row.signature for row in self.rows))

    def worst(self, count: int) -> list[PostEdit]:
        """The count most edited segments, highest TER first (ties by position)."""
        return sorted(self.rows, key=lambda row: (-row.score, row.position))[: max(count, 0)]


def post_edit_report(db: Database, name: str) -> PostEditReport:
    """The stored post-edit distances of a document's segments."""
    with db.sessions() as session:
        document_id = qa.document_id(session, name)
        if document_id is None:
            raise _no_document(name)
        rows = qa.post_edits(session, document_id)
    return PostEditReport(name, rows)


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
            cue=cue_timing(segment.structure),
        )
        for number, segment in enumerate(segments, 1)
        if is_translatable(segment)
    ]
