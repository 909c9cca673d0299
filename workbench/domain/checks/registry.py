"""The check registry, the data checks see and report, and the runner."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from workbench.domain.document import InlineCode


class Severity(StrEnum):
    """How much an issue matters."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


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


SegmentCheck = Callable[[Pair, CheckContext], Iterable[str]]
"""Yields one message per problem found in a pair."""
DocumentCheck = Callable[[Sequence[Pair], CheckContext], Iterable[tuple[int, str]]]
"""Yields (index into the pairs, message) per problem found across the document."""


@dataclass(frozen=True, slots=True)
class _Registered:
    id: str
    severity: Severity
    title: str
    function: Any


CHECKS: dict[str, _Registered] = {}
DOCUMENT_CHECKS: dict[str, _Registered] = {}


def _title(function: Callable[..., Any]) -> str:
    return (function.__doc__ or function.__name__).strip().splitlines()[0]


def check(check_id: str, severity: Severity) -> Callable[[SegmentCheck], SegmentCheck]:
    """Register a segment check under a stable id; its docstring's first line is its title."""

    def register(function: SegmentCheck) -> SegmentCheck:
        if check_id in CHECKS or check_id in DOCUMENT_CHECKS:
            raise ValueError(f"check {check_id!r} registered twice")
        CHECKS[check_id] = _Registered(check_id, severity, _title(function), function)
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


def run_checks(pairs: Sequence[Pair], context: CheckContext | None = None) -> Iterator[Issue]:
    """Every issue the profile's checks find, segment checks first, in document order."""
    context = context or CheckContext()
    profile = context.profile
    segment_checks = [c for c in CHECKS.values() if profile.runs(c.id)]
    for pair in pairs:
        for registered in segment_checks:
            severity = profile.severities.get(registered.id, registered.severity)
            for message in registered.function(pair, context):
                yield Issue(registered.id, severity, message, pair.position, pair.unit_id)
    for registered in DOCUMENT_CHECKS.values():
        if not profile.runs(registered.id):
            continue
        severity = profile.severities.get(registered.id, registered.severity)
        for index, message in registered.function(pairs, context):
            pair = pairs[index]
            yield Issue(registered.id, severity, message, pair.position, pair.unit_id)
