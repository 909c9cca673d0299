"""Filter segments by status, QA issues and text; plan find-and-replace in their targets.

Plain-text search folds width and case: each character is compared in its NFKC form
(full-width Ａ finds A, half-width ｶ finds カ, ① finds 1) and, unless case-sensitive, casefolded
(straße finds STRASSE). A regular expression sees the text as it is, so that it matches
exactly what it says; it ignores case with Python's rules unless case-sensitive, and its
replacement uses Python's syntax: \\1 or \\g<name> for a group, \\g<0> for the whole match
($1 is taken literally).

Inline codes are invisible to both: "Wenge⟨1⟩Tech" is found by "WengeTech". A replacement
never removes or crosses a code: such a match is skipped, with the reason.

A regular expression runs under a time limit over a whole search (SearchTooSlow beyond it),
and lets other threads run meanwhile: one that backtracks without end, such as (a|aa)+$,
costs a refusal, not a frozen editor.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import regex as engine

from workbench.domain.document import (
    Segment,
    SegmentStatus,
    code_index,
    is_translatable,
)
from workbench.domain.scripts import is_word_char

Where = Literal["source", "target", "both"]
"""Which text of a segment a text filter looks in."""

UNTRANSLATED: frozenset[SegmentStatus] = frozenset({SegmentStatus.NEW, SegmentStatus.DRAFT})
"""The statuses of segments that still need a translator: nothing confirmed yet."""

CROSSES_CODE = "the match would remove or cross an inline code"
"""Why a match is skipped: replacing it would delete a code or move text across it."""

TIME_LIMIT = 2.0
"""Seconds a search over many segments may take before it is given up (SearchTooSlow)."""


class SearchTooSlow(ValueError):
    """The search took longer than its time limit (a regular expression that backtracks)."""

    def __init__(self, limit: float) -> None:
        super().__init__(
            f"the search took longer than {limit:g} s and was stopped: "
            "simplify the regular expression (nested repeats such as (a|aa)+ backtrack)"
        )


@lru_cache(maxsize=4096)
def _fold_char(char: str, casefold: bool) -> str:
    """A character as plain-text search compares it: NFKC, casefolded unless case matters."""
    if code_index(char) is not None:
        return ""
    folded = unicodedata.normalize("NFKC", char)
    return folded.casefold() if casefold else folded


@dataclass(frozen=True, slots=True)
class _Folded:
    """A text as searched, with where each of its characters came from in the original."""

    text: str
    owner: tuple[int, ...]
    """For each searched character, the index of the original character it comes from."""
    starts: tuple[int, ...]
    """For each original character (and one past the end), where it starts in text."""

    def original_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The original span of text[start:end], or None when it splits a folded character."""
        if start == end:
            return (self._insertion_point(start), self._insertion_point(start))
        first, last = self.owner[start], self.owner[end - 1]
        if self.starts[first] != start or self.starts[last + 1] != end:
            return None  # e.g. "s" against half of ß's "ss": not a match of whole characters
        return (first, last + 1)

    def _insertion_point(self, offset: int) -> int:
        # after any codes that come before the character at offset, so text goes inside them
        return self.owner[offset] if offset < len(self.owner) else len(self.starts) - 1


def _fold(text: str, plain: bool, casefold: bool) -> _Folded:
    """The text with codes removed and, for plain-text search, width and case folded."""
    pieces: list[str] = []
    owner: list[int] = []
    starts: list[int] = []
    for index, char in enumerate(text):
        if plain:
            piece = _fold_char(char, casefold)
        else:
            piece = "" if code_index(char) is not None else char
        starts.append(len(owner))
        pieces.append(piece)
        owner.extend([index] * len(piece))
    starts.append(len(owner))
    return _Folded("".join(pieces), tuple(owner), tuple(starts))


@dataclass(frozen=True, slots=True)
class _Match:
    """One match in an original text: its span and the regex match in the folded text."""

    start: int
    end: int
    found: engine.Match[str]


class _Matcher:
    """A compiled query: finds matches in texts that contain code characters."""

    def __init__(self, find: str, *, case_sensitive: bool, regex: bool, whole_word: bool) -> None:
        self.plain = not regex
        self.casefold = not case_sensitive
        self.whole_word = whole_word
        self._deadline: float | None = None
        self._limit = TIME_LIMIT
        if regex:
            try:  # Python's own rules say what is valid, the engine with a time limit matches
                self.checked = re.compile(find, 0 if case_sensitive else re.IGNORECASE)
                self.pattern = engine.compile(find, 0 if case_sensitive else engine.IGNORECASE)
            except (re.error, engine.error) as error:
                raise ValueError(f"invalid regular expression: {error}") from None
        else:
            needle = _fold(find, plain=True, casefold=self.casefold).text
            self.checked = re.compile(re.escape(needle))
            self.pattern = engine.compile(engine.escape(needle))

    @contextmanager
    def limited(self, seconds: float) -> Iterator[None]:
        """Matching inside the block takes at most seconds in all (SearchTooSlow beyond)."""
        self._deadline, self._limit = time.monotonic() + seconds, seconds
        try:
            yield
        finally:
            self._deadline = None

    def matches(self, text: str) -> Iterator[_Match]:
        """The matches in text, as spans of the original text, in order."""
        folded = _fold(text, self.plain, self.casefold)
        timeout = None
        if self._deadline is not None:
            timeout = self._deadline - time.monotonic()
            if timeout <= 0:
                raise SearchTooSlow(self._limit)
        # concurrent: the GIL is let go while matching, so the UI thread keeps running
        found_all = self.pattern.finditer(folded.text, concurrent=True, timeout=timeout)
        try:
            for found in found_all:
                if self.whole_word and not _whole_word(folded.text, found.start(), found.end()):
                    continue
                span = folded.original_span(found.start(), found.end())
                if span is not None:
                    yield _Match(span[0], span[1], found)
        except TimeoutError:
            raise SearchTooSlow(self._limit) from None

    def finds(self, text: str) -> bool:
        """True when text has at least one match."""
        return next(self.matches(text), None) is not None


def _whole_word(text: str, start: int, end: int) -> bool:
    """No word of a space-separated script goes on across the match's edges.

    Korean, Chinese and Japanese glue particles and compounds to a name, so a CJK edge
    always counts as a word edge: "팜" is found in "팜은", "Farm" is not found in "Farms".
    """
    if start == end:
        return True
    left = start == 0 or not (is_word_char(text[start - 1]) and is_word_char(text[start]))
    right = end == len(text) or not (is_word_char(text[end - 1]) and is_word_char(text[end]))
    return left and right


@dataclass(frozen=True, slots=True)
class SegmentFilter:
    """Which segments the editor shows: by status, QA issues and text; the default shows all."""

    statuses: frozenset[SegmentStatus] = frozenset()
    """Only segments in these statuses; empty for any (UNTRANSLATED is new and draft)."""
    with_issues: bool = False
    """Only segments whose position is among the issue positions the caller gives."""
    text: str = ""
    """Only segments containing this (empty for any)."""
    where: Where = "both"
    case_sensitive: bool = False
    regex: bool = False
    _matcher: _Matcher | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Compile the text once; an invalid regular expression raises ValueError here."""
        if self.where not in ("source", "target", "both"):
            raise ValueError(f"where must be source, target or both, not {self.where!r}")
        if self.text:
            matcher = _Matcher(
                self.text, case_sensitive=self.case_sensitive, regex=self.regex, whole_word=False
            )
            object.__setattr__(self, "_matcher", matcher)

    @property
    def active(self) -> bool:
        """True when the filter hides anything at all."""
        return bool(self.statuses or self.with_issues or self.text)

    def matches(self, segment: Segment, issue_positions: Collection[int] = ()) -> bool:
        """True when the segment passes every part of the filter."""
        if self.statuses and segment.status not in self.statuses:
            return False
        if self.with_issues and segment.position not in issue_positions:
            return False
        if self._matcher is None:
            return True
        texts = {
            "source": (segment.source,),
            "target": (segment.target,),
            "both": (segment.source, segment.target),
        }[self.where]
        return any(self._matcher.finds(text) for text in texts)

    def passing(
        self,
        segments: Sequence[Segment],
        issue_positions: Collection[int] = (),
        time_limit: float = TIME_LIMIT,
    ) -> list[int]:
        """The indexes of the segments that pass; SearchTooSlow past time_limit seconds."""
        if self._matcher is None:
            return [
                i for i, segment in enumerate(segments) if self.matches(segment, issue_positions)
            ]
        with self._matcher.limited(time_limit):
            return [
                i for i, segment in enumerate(segments) if self.matches(segment, issue_positions)
            ]

    def describe(self) -> str:
        """The filter in a few words, for a summary line ("all segments" when inactive)."""
        parts: list[str] = []
        if self.statuses == UNTRANSLATED:
            parts.append("untranslated")
        elif self.statuses:
            parts.append("/".join(sorted(status.value for status in self.statuses)))
        if self.with_issues:
            parts.append("with QA issues")
        if self.text:
            where = "source or target" if self.where == "both" else self.where
            flags = (("case", self.case_sensitive), ("regex", self.regex))
            shown = [name for name, on in flags if on]
            suffix = f" ({', '.join(shown)})" if shown else ""
            parts.append(f"“{self.text}” in {where}{suffix}")
        return " · ".join(parts) if parts else "all segments"


@dataclass(frozen=True, slots=True)
class ReplacedSpan:
    """One replaced match: where it was in the old target and where its text is in the new."""

    before_start: int
    before_end: int
    after_start: int
    after_end: int


@dataclass(frozen=True, slots=True)
class SkippedMatch:
    """A match left as it was, with why."""

    start: int
    end: int
    """The match's span in the target."""
    codes: tuple[int, ...]
    """The indexes of the inline codes that the match takes in."""
    reason: str


@dataclass(frozen=True, slots=True)
class Replacement:
    """A segment's target before and after replacing, planned against one version of it."""

    position: int
    segment_id: int | None
    version: int
    """The version the plan was made from: a save refuses it if the segment changed since."""
    before: str
    after: str
    spans: tuple[ReplacedSpan, ...]
    skipped: tuple[SkippedMatch, ...] = ()

    @property
    def changed(self) -> bool:
        """True when replacing changes the target (not when every match was skipped)."""
        return self.after != self.before


def plan_replacements(
    segments: Iterable[Segment],
    find: str,
    replace: str,
    *,
    case_sensitive: bool = False,
    regex: bool = False,
    whole_word: bool = False,
    time_limit: float = TIME_LIMIT,
) -> list[Replacement]:
    """Each translatable segment whose target has a match: the target before and after.

    Segments whose every match was skipped are listed too (unchanged, with the skipped
    matches), so that a preview can say why; the saving side takes only changed ones.
    ValueError for an invalid regular expression or replacement, or a replacement with codes;
    SearchTooSlow (a ValueError) when the search takes longer than time_limit seconds.
    """
    if not find:
        return []
    if any(code_index(char) is not None for char in replace):
        raise ValueError("the replacement cannot contain inline codes")
    matcher = _Matcher(find, case_sensitive=case_sensitive, regex=regex, whole_word=whole_word)
    if regex:
        _check_template(matcher.checked, replace)
    with matcher.limited(time_limit):
        plans = [
            _plan(segment, matcher, replace, regex)
            for segment in segments
            if segment.target and is_translatable(segment)
        ]
    return [plan for plan in plans if plan is not None]


def _check_template(pattern: re.Pattern[str], replace: str) -> None:
    """Raise ValueError now for a bad group reference, rather than at the first match."""
    try:
        pattern.sub(replace, "")
    except (re.error, IndexError) as error:
        raise ValueError(f"invalid replacement {replace!r}: {error}") from None


def _plan(segment: Segment, matcher: _Matcher, replace: str, regex: bool) -> Replacement | None:
    target = segment.target
    parts: list[str] = []
    spans: list[ReplacedSpan] = []
    skipped: list[SkippedMatch] = []
    done = 0
    length = 0
    for match in matcher.matches(target):
        codes = tuple(
            index
            for index in (code_index(char) for char in target[match.start : match.end])
            if index is not None
        )
        if codes:
            skipped.append(SkippedMatch(match.start, match.end, codes, CROSSES_CODE))
            continue
        new = match.found.expand(replace) if regex else replace
        kept = target[done : match.start]
        parts.extend((kept, new))
        length += len(kept)
        spans.append(ReplacedSpan(match.start, match.end, length, length + len(new)))
        length += len(new)
        done = match.end
    parts.append(target[done:])
    after = "".join(parts)
    if after == target and not skipped:
        return None
    return Replacement(
        position=segment.position,
        segment_id=segment.id,
        version=segment.version,
        before=target,
        after=after,
        spans=tuple(spans),
        skipped=tuple(skipped),
    )
