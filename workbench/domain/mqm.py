"""MQM error annotation and scoring: the MQM Core typology, severities, and the raw scoring
model of MQM 2.0 (error points per word against a pass/fail threshold set in a profile).

Scoring, as the MQM scoring models define it: each error costs its type's weight times its
severity's multiplier (neutral 0, minor 1, major 5, critical 25); the Absolute Penalty Total
(APT) is their sum; the Per-Word Penalty Total PWPT = APT / EWC, the Evaluation Word Count
(the source words of the segments evaluated); the Normed Penalty Total NPT = PWPT x RWC (the
Reference Word Count, 1,000); the Overall Quality Score OQS = (1 - PWPT) x MSV (the Maximum
Score Value, 100). A document passes when OQS reaches the profile's threshold.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

MQM_CORE: dict[str, tuple[str, ...]] = {
    "terminology": ("inconsistent-with-termbase", "inconsistent-use-of-terminology", "wrong-term"),
    "accuracy": (
        "mistranslation",
        "omission",
        "addition",
        "untranslated",
        "do-not-translate",
        "over-translation",
        "under-translation",
    ),
    "linguistic-conventions": (
        "grammar",
        "spelling",
        "punctuation",
        "unintelligible",
        "textual-conventions",
        "character-encoding",
    ),
    "style": ("organizational-style", "third-party-style", "inconsistent-style", "awkward-style"),
    "locale-conventions": (
        "number-format",
        "currency-format",
        "measurement-format",
        "time-format",
        "date-format",
        "address-format",
        "telephone-format",
        "shortcut-key",
    ),
    "audience-appropriateness": ("culture-specific-reference", "offensive"),
    "design-and-markup": ("layout", "markup", "truncation-text-expansion", "missing-text"),
}
"""The seven dimensions of MQM Core 2.0 and their error types."""

ALIASES = {
    "fluency": "linguistic-conventions",
    "linguistic": "linguistic-conventions",
    "locale": "locale-conventions",
    "locale-convention": "locale-conventions",
    "audience": "audience-appropriateness",
    "design": "design-and-markup",
    "markup": "design-and-markup/markup",
}
"""Names people use for a dimension (MQM 1's fluency is MQM 2's linguistic conventions)."""


class MqmSeverity(StrEnum):
    """How much an error matters, from MQM's severity levels."""

    NEUTRAL = "neutral"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


DEFAULT_MULTIPLIERS = {
    MqmSeverity.NEUTRAL: 0.0,
    MqmSeverity.MINOR: 1.0,
    MqmSeverity.MAJOR: 5.0,
    MqmSeverity.CRITICAL: 25.0,
}


class MqmError(ValueError):
    """A category, severity or profile that MQM scoring cannot use."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def category(text: str) -> str:
    """A category as stored: `dimension` or `dimension/type` of MQM Core, lower case, hyphens.

    MqmError names the dimensions (or the dimension's types) when text is none of them.
    """
    wanted = re.sub(r"[\s_]+", "-", text.strip().lower())
    wanted = ALIASES.get(wanted, wanted)
    dimension, _, kind = wanted.partition("/")
    dimension = ALIASES.get(dimension, dimension)
    if dimension not in MQM_CORE:
        known = ", ".join(MQM_CORE)
        raise MqmError(f"unknown MQM category {text!r} (dimensions: {known})")
    if kind and kind not in MQM_CORE[dimension]:
        known = ", ".join(MQM_CORE[dimension])
        raise MqmError(f"{dimension} has no error type {kind!r} (types: {known})")
    return f"{dimension}/{kind}" if kind else dimension


def severity(text: str) -> MqmSeverity:
    """A severity by name; MqmError lists the names."""
    try:
        return MqmSeverity(text.strip().lower())
    except ValueError:
        names = ", ".join(s.value for s in MqmSeverity)
        raise MqmError(f"unknown severity {text!r} (one of {names})") from None


def dimension_of(category_name: str) -> str:
    """The dimension of a stored category."""
    return category_name.partition("/")[0]


@dataclass(frozen=True, slots=True)
class ScoringProfile:
    """The parameters of a scoring: severity multipliers, type weights and the threshold."""

    threshold: float = 99.0
    """The lowest Overall Quality Score that passes (99 = 10 penalty points per 1,000 words)."""
    multipliers: Mapping[MqmSeverity, float] = field(
        default_factory=lambda: dict(DEFAULT_MULTIPLIERS)
    )
    weights: Mapping[str, float] = field(default_factory=dict)
    """Weight by dimension or dimension/type (the more specific wins); 1 when not given."""
    reference_words: int = 1000
    maximum_score: float = 100.0

    def weight(self, category_name: str) -> float:
        """The weight of a category: its own, its dimension's, else 1."""
        if category_name in self.weights:
            return self.weights[category_name]
        return self.weights.get(dimension_of(category_name), 1.0)


def _number(data: Mapping[str, Any], key: str, default: float, path: str) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise MqmError(f"{path}{key} must be a number, 0 or more")
    return float(value)


def _line(text: str, key: str) -> int | None:
    pattern = re.compile(rf"""^\s*(?:\[\s*{re.escape(key)}\s*\]|["']?{re.escape(key)}["']?\s*=)""")
    return next((n for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)), None)


def parse_scoring_profile(text: str) -> ScoringProfile:
    """A scoring profile from TOML: `threshold`, `reference_words`, `maximum_score`, a
    `[severities]` table of multipliers and a `[weights]` table by category."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        raise MqmError(str(error).split(" (at")[0], int(found[1]) if found else None) from None
    known = {"threshold", "reference_words", "maximum_score", "severities", "weights"}
    for key in data:
        if key not in known:
            raise MqmError(
                f"unknown key {key!r} (known: {', '.join(sorted(known))})", _line(text, key)
            )
    try:
        threshold = _number(data, "threshold", 99.0, "")
        reference = _number(data, "reference_words", 1000, "")
        maximum = _number(data, "maximum_score", 100.0, "")
        multipliers = dict(DEFAULT_MULTIPLIERS)
        for name, value in dict(data.get("severities", {})).items():
            multipliers[severity(name)] = _number({name: value}, name, 0, "severities.")
        weights = {
            category(name): _number({name: value}, name, 1, "weights.")
            for name, value in dict(data.get("weights", {})).items()
        }
    except MqmError as error:
        named = re.search(r"'([^']+)'|(\w+) must", error.message)
        name = (named[1] or named[2]) if named else None
        raise MqmError(error.message, _line(text, name) if name else None) from None
    if reference < 1:
        raise MqmError("reference_words must be 1 or more", _line(text, "reference_words"))
    return ScoringProfile(threshold, multipliers, weights, int(reference), maximum)


@dataclass(frozen=True, slots=True)
class MqmScore:
    """A document's score under a profile."""

    evaluation_words: int
    errors: int
    penalty: float
    """Absolute Penalty Total."""
    per_word: float
    """Per-Word Penalty Total."""
    normed: float
    """Normed Penalty Total: penalty points per reference_words words."""
    quality: float
    """Overall Quality Score."""
    passed: bool
    threshold: float
    counts: dict[str, dict[str, int]]
    """Errors by dimension, then by severity."""


def mqm_score(
    errors: Iterable[tuple[str, MqmSeverity]], evaluation_words: int, profile: ScoringProfile
) -> MqmScore:
    """The raw MQM score of (category, severity) errors over evaluation_words words.

    With no words evaluated the score is the maximum when there are no errors, else 0.
    """
    counts: dict[str, dict[str, int]] = {}
    penalty = 0.0
    total = 0
    for name, level in errors:
        total += 1
        penalty += profile.weight(name) * profile.multipliers.get(level, 0.0)
        by_severity = counts.setdefault(dimension_of(name), {})
        by_severity[level.value] = by_severity.get(level.value, 0) + 1
    per_word = penalty / evaluation_words if evaluation_words > 0 else min(penalty, 1.0)
    quality = (1 - per_word) * profile.maximum_score
    return MqmScore(
        evaluation_words=evaluation_words,
        errors=total,
        penalty=penalty,
        per_word=per_word,
        normed=per_word * profile.reference_words,
        quality=quality,
        passed=quality >= profile.threshold,
        threshold=profile.threshold,
        counts=counts,
    )
