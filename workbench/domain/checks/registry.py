"""The check registry, the data checks see and report, and the runner."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from workbench.domain import collector
from workbench.domain.checks.facts import DocumentFacts, PairBatch, PairFacts
from workbench.domain.document import InlineCode
from workbench.domain.subtitles import CueTiming


class Severity(StrEnum):
    """How much an issue matters."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the most severe: issues are listed worst first by it."""
        return _SEVERITY_RANKS[self]


_SEVERITY_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Pair:
    """One segment as the checks see it: texts with code characters, languages, position."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    position: int = 1
    """1-based position in the document or file."""
    unit_id: str | None = None
    codes: tuple[InlineCode, ...] = ()
    cue: CueTiming | None = None
    """When a subtitle cue shows (subtitle documents only; the subtitle checks need it)."""


@dataclass(frozen=True, slots=True)
class Issue:
    """Something a check found in a segment."""

    check: str
    severity: Severity
    message: str
    """Says exactly what differs, e.g. "number 48 in source, 84 in target"."""
    position: int
    unit_id: str | None = None


@dataclass(slots=True)
class Profile:
    """Which checks run and with what thresholds (a project's QA profile)."""

    enabled: set[str] | None = None
    """None runs every registered check."""
    severities: dict[str, Severity] = field(default_factory=dict)
    """Severity overrides by check id."""
    settings: dict[str, Any] = field(default_factory=dict)
    """Thresholds by name, e.g. length_ratio_max; each check documents the names it reads."""

    def runs(self, check_id: str) -> bool:
        """True when the profile enables the check."""
        return self.enabled is None or check_id in self.enabled

    def setting(self, name: str, default: Any) -> Any:
        """A threshold, or the check's default."""
        return self.settings.get(name, default)


@dataclass(slots=True)
class CheckContext:
    """What checks may consult beyond the pair: the profile and shared resources."""

    profile: Profile = field(default_factory=Profile)
    resources: dict[str, Any] = field(default_factory=dict)
    """Shared, read-only helpers by name (the term index under "terms")."""
    current: PairFacts | None = field(default=None, init=False, repr=False, compare=False)
    """The facts of the pair run_checks is on; None between runs."""
    document: DocumentFacts | None = field(default=None, init=False, repr=False, compare=False)
    """The facts of the pairs run_checks runs the document checks on; None between runs."""

    def facts(self, pair: Pair) -> PairFacts:
        """What the checks share about pair: kept while run_checks is on it, else made afresh.

        Kept only during a run, so that a pair checked again after the term base changed is
        scanned again.
        """
        current = self.current
        if current is not None and current.pair is pair:
            return current
        return PairFacts(pair)

    def document_facts(self, pairs: Sequence[Pair]) -> DocumentFacts:
        """What the document checks share about pairs: kept while run_checks runs them."""
        document = self.document
        if document is not None and document.pairs is pairs:
            return document
        return DocumentFacts(pairs)


SegmentCheck = Callable[[Pair, CheckContext], Iterable[str]]
"""Yields one message per problem found in a pair."""
Screen = Callable[[PairBatch, CheckContext], Iterable[int]]
"""The positions, in order, of the pairs of a batch that a segment check may report on: the
runner calls the check on those only. A screen must never leave out a pair its check reports
on (the property tests run every check with and without its screen)."""
DocumentCheck = Callable[[Sequence[Pair], CheckContext], Iterable[tuple[int, str]]]
"""Yields (index into the pairs, message) per problem found across the document."""


@dataclass(frozen=True, slots=True)
class _Registered:
    id: str
    severity: Severity
    title: str
    function: Any
    screen: Screen | None = None


CHECKS: dict[str, _Registered] = {}
DOCUMENT_CHECKS: dict[str, _Registered] = {}


def _title(function: Callable[..., Any]) -> str:
    return (function.__doc__ or function.__name__).strip().splitlines()[0]


def check(
    check_id: str, severity: Severity, screen: Screen | None = None
) -> Callable[[SegmentCheck], SegmentCheck]:
    """Register a segment check under a stable id; its docstring's first line is its title.

    A screen, where given, picks the pairs of a batch worth calling the check on: most checks
    find nothing in most pairs, and a call per pair and check cost a quarter of QA's time.
    """

    def register(function: SegmentCheck) -> SegmentCheck:
        if check_id in CHECKS or check_id in DOCUMENT_CHECKS:
            raise ValueError(f"check {check_id!r} registered twice")
        CHECKS[check_id] = _Registered(check_id, severity, _title(function), function, screen)
        return function

    return register


def document_check(check_id: str, severity: Severity) -> Callable[[DocumentCheck], DocumentCheck]:
    """Register a check over all pairs of a document."""

    def register(function: DocumentCheck) -> DocumentCheck:
        if check_id in CHECKS or check_id in DOCUMENT_CHECKS:
            raise ValueError(f"check {check_id!r} registered twice")
        DOCUMENT_CHECKS[check_id] = _Registered(check_id, severity, _title(function), function)
        return function

    return register


RUN_BATCH = 1024
"""Pairs a check goes through before the next check takes over. One check at a time keeps its
code and tables in the processor's caches: about 40 % less time than every check on each pair
in turn (issue 5). Since the checks are screened, what each batch costs once (the term scan's
set-up, the screens' searches) weighs too: 1,024 pairs take 10-15 % less time than 256 on the
sentences and zh shapes of benchmarks/qa.py (issue 14), with the same issues."""


def _segment_issues(
    pairs: Sequence[Pair],
    segment_checks: list[tuple[str, Severity, SegmentCheck, Screen | None]],
    context: CheckContext,
) -> list[Issue]:
    """The segment checks' issues in a few pairs, in document order (pair, then check)."""
    batch = PairBatch(pairs)
    facts: list[PairFacts | None] = [None] * len(pairs)
    found: dict[int, list[Issue]] = {}
    for check_id, severity, function, screen in segment_checks:
        for position in range(len(pairs)) if screen is None else screen(batch, context):
            pair = pairs[position]
            pair_facts = facts[position]
            if pair_facts is None:
                pair_facts = facts[position] = PairFacts(pair, batch, position)
            context.current = pair_facts
            for message in function(pair, context):
                issue = Issue(check_id, severity, message, pair.position, pair.unit_id)
                found.setdefault(position, []).append(issue)
    return [issue for position in sorted(found) for issue in found[position]]


def run_checks(pairs: Sequence[Pair], context: CheckContext | None = None) -> Iterator[Issue]:
    """Every issue the profile's checks find, segment checks first, in document order."""
    context = context or CheckContext()
    profile = context.profile
    segment_checks = [
        (c.id, profile.severities.get(c.id, c.severity), c.function, c.screen)
        for c in CHECKS.values()
        if profile.runs(c.id)
    ]
    try:
        for start in range(0, len(pairs) if segment_checks else 0, RUN_BATCH):
            # the checks make many small objects that die young and form no cycles; the
            # collector walked them (and the term index) every 700 objects: an eighth of QA's
            # time on 20,000 pairs with a 10,000-term base (issue 14). It runs between batches.
            with collector.paused():
                issues = _segment_issues(pairs[start : start + RUN_BATCH], segment_checks, context)
            yield from issues
    finally:
        context.current = None
    try:
        context.document = DocumentFacts(pairs)
        for registered in DOCUMENT_CHECKS.values():
            if not profile.runs(registered.id):
                continue
            severity = profile.severities.get(registered.id, registered.severity)
            for index, message in registered.function(pairs, context):
                pair = pairs[index]
                yield Issue(registered.id, severity, message, pair.position, pair.unit_id)
    finally:
        context.document = None
