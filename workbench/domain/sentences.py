"""Sentence segmentation by SRX 2.0 rules: our own for every language, or any SRX document.

The rules are data (our own are `formats/rules/workbench.srx`, read by `formats/srx.py`; the
format OmegaT, Okapi and OpenXLIFF read), written in Java regular expressions as SRX
prescribes; `java_regex` translates them to `re`.
At each position the first rule, in cascade order, whose `beforebreak` ends there and whose
`afterbreak` starts there decides between break and no break. A blank line always breaks.

What the rules decide, beyond full stops: a Korean quotation followed by its quoting particle
("...다."라고, '...'라며, "...?"라고 물었다) stays one sentence; CJK full stops break without a
space and keep closing quotes and brackets; an ellipsis ends a sentence only before a capital
letter or an opening quote (and in Korean after a sentence ending: 모른다... 내일); a numbered
or bulleted line starts a sentence and its number is not one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from itertools import pairwise

from workbench.domain.java_regex import JavaRegexError, compile_java_regex, java_regex

# How far back a beforebreak may reach. SRX rules describe the few characters before a
# break, and every check scans this window, so a wider one only makes checks slower.
BEFORE_WINDOW = 64
_PARAGRAPH = re.compile(r"\n\s*\n|\u2029")


class SrxError(ValueError):
    """An SRX document that cannot be read, or a rule whose regex cannot be translated."""


@dataclass(frozen=True, slots=True)
class Span:
    """One sentence, `text[start:end]`, without the whitespace around it."""

    start: int
    end: int


# SRX rules -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SrxRule:
    """A break or no-break rule with its regexes compiled for finding and for checking."""

    breaks: bool
    before: str
    after: str
    ends_here: re.Pattern[str]
    starts_here: re.Pattern[str]
    finder: re.Pattern[str]

    @classmethod
    def compile(cls, breaks: bool, before: str, after: str) -> SrxRule:
        """A rule from its Java `beforebreak` and `afterbreak` patterns (empty matches anywhere)."""
        try:
            head, tail = java_regex(before), java_regex(after)
            return cls(
                breaks=breaks,
                before=before,
                after=after,
                ends_here=re.compile(f"(?:{head})\\Z"),
                starts_here=re.compile(tail),
                finder=re.compile(f"(?:{head})(?={tail})"),
            )
        except (re.error, JavaRegexError) as error:
            raise SrxError(f"cannot compile rule {before!r} / {after!r}: {error}") from error

    def matches_at(self, text: str, position: int) -> bool:
        """True when the beforebreak ends and the afterbreak starts at position."""
        if self.starts_here.match(text, position) is None:
            return False
        # endpos makes \Z mean position; pos keeps lookbehind, \b and ^ seeing the real text.
        start = max(0, position - BEFORE_WINDOW)
        return self.ends_here.search(text, start, position) is not None

    def ends(self, text: str) -> list[int]:
        """Where this rule's beforebreak ends before a matching afterbreak, from every start."""
        found = []
        position = 0
        while (match := self.finder.search(text, position)) is not None:
            found.append(match.end())
            position = match.start() + 1
        return found


def _local(tag: str) -> str:
    """An element name without its namespace (SRX 1.0 and 2.0 differ only there)."""
    return tag.rsplit("}", 1)[-1]


def _language_pattern(element: ElementTree.Element) -> re.Pattern[str]:
    """A `<languagemap>`'s pattern, which names the languages its rules are for."""
    try:
        return compile_java_regex(element.get("languagepattern", ""), re.IGNORECASE)
    except JavaRegexError as error:
        raise SrxError(str(error)) from error


def _read_rule(element: ElementTree.Element) -> SrxRule:
    """One `<rule>` element."""
    parts = {_local(child.tag): child.text or "" for child in element}
    return SrxRule.compile(
        element.get("break", "yes") != "no",
        parts.get("beforebreak", ""),
        parts.get("afterbreak", ""),
    )


class SrxSegmenter:
    """Sentence breaks by the rules of one SRX document."""

    def __init__(
        self,
        language_rules: dict[str, tuple[SrxRule, ...]],
        language_maps: list[tuple[re.Pattern[str], str]],
        cascade: bool,
    ) -> None:
        self.language_rules = language_rules
        self.language_maps = language_maps
        self.cascade = cascade
        self._chosen: dict[str, tuple[SrxRule, ...]] = {}

    @classmethod
    def from_xml(cls, document: str | bytes) -> SrxSegmenter:
        """Read an SRX 1.0 or 2.0 document, translating and compiling every regex now."""
        try:
            root = ElementTree.fromstring(document)
        except ElementTree.ParseError as error:
            raise SrxError(f"not well-formed SRX: {error}") from error
        cascade = False  # SRX 1.0 has no cascade; a 2.0 header without it means "no"
        rules: dict[str, tuple[SrxRule, ...]] = {}
        maps: list[tuple[re.Pattern[str], str]] = []
        for element in root.iter():
            name = _local(element.tag)
            if name == "header":
                cascade = element.get("cascade", "no") == "yes"
            elif name == "languagerule":
                rules[element.get("languagerulename", "")] = tuple(
                    _read_rule(rule) for rule in element if _local(rule.tag) == "rule"
                )
            elif name == "languagemap":
                maps.append((_language_pattern(element), element.get("languagerulename", "")))
        missing = sorted({target for _, target in maps} - rules.keys())
        if missing:
            raise SrxError(f"languagemap names undefined language rules: {', '.join(missing)}")
        return cls(rules, maps, cascade)

    def rules_for(self, lang: str) -> tuple[SrxRule, ...]:
        """The rules for a language tag, in the order they are tried."""
        tag = lang.strip().replace("_", "-")
        if tag not in self._chosen:
            chosen: list[SrxRule] = []
            for pattern, target in self.language_maps:
                if pattern.fullmatch(tag):
                    chosen.extend(self.language_rules[target])
                    if not self.cascade:
                        break
            self._chosen[tag] = tuple(chosen)
        return self._chosen[tag]

    def breaks(self, text: str, lang: str) -> list[int]:
        """Positions inside text where the rules end a sentence."""
        rules = self.rules_for(lang)
        # Only where some break rule matches can a break be; there the first rule decides.
        candidates = {end for rule in rules if rule.breaks for end in rule.ends(text)}
        return [
            position
            for position in sorted(candidates)
            if 0 < position < len(text) and _first_match_breaks(rules, text, position)
        ]

    def split(self, text: str, lang: str) -> list[Span]:
        """The sentences of text; a blank line always ends one."""
        spans: list[Span] = []
        start = 0
        for gap in _PARAGRAPH.finditer(text):
            spans.extend(self._split_paragraph(text, start, gap.start(), lang))
            start = gap.end()
        spans.extend(self._split_paragraph(text, start, len(text), lang))
        return spans

    def _split_paragraph(self, text: str, start: int, end: int, lang: str) -> list[Span]:
        """The sentences of text[start:end], as offsets into text."""
        paragraph = text[start:end]
        spans = []
        for low, high in pairwise([0, *self.breaks(paragraph, lang), len(paragraph)]):
            while low < high and paragraph[low].isspace():
                low += 1
            while high > low and paragraph[high - 1].isspace():
                high -= 1
            if low < high:
                spans.append(Span(start + low, start + high))
        return spans


def _first_match_breaks(rules: tuple[SrxRule, ...], text: str, position: int) -> bool:
    """True when the first rule that matches at position is a break rule."""
    for rule in rules:
        if rule.matches_at(text, position):
            return rule.breaks
    return False
