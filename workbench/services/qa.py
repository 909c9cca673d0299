"""Use cases of quality assurance over files and documents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.domain.checks import CheckContext, Issue, Pair, run_checks
from workbench.domain.checks.profile import ProfileError, QaProfile, known_checks, parse_profile
from workbench.domain.document import (
    Document,
    Segment,
    is_translatable,
)
from workbench.formats.base import (
    DocumentReadOptions,
    FormatError,
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
from workbench.services.glossary import load_term_index
from workbench.storage import documents
from workbench.storage.engine import Database


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
