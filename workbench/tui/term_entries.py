"""The term hits of a segment as the editor numbers them: one entry per concept, in order."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.matching import Hit, primary_language
from workbench.domain.model import TermStatus


@dataclass(frozen=True, slots=True)
class TargetTerm:
    """One rendering of a term in the target language."""

    text: str
    lang: str
    status: str
    """preferred, admitted or deprecated."""


@dataclass(frozen=True, slots=True)
class TermEntry:
    """A term found in the source, with its renderings, preferred first."""

    source: str
    """The term as the term base has it."""
    found: str
    """The text as it stands in the source (with any particle cut off)."""
    targets: tuple[TargetTerm, ...]

    @property
    def insertable(self) -> str | None:
        """The rendering to insert: the first one that is not deprecated."""
        return next((t.text for t in self.targets if t.status != "deprecated"), None)


def term_entries(hits: list[Hit], source_lang: str, target_lang: str | None) -> list[TermEntry]:
    """One entry per concept, in order of first appearance, renderings preferred first.

    Without a target language every other language's renderings are offered.
    """

    def wanted(lang: str) -> bool:
        if target_lang is None:
            return primary_language(lang) != primary_language(source_lang)
        return primary_language(lang) == primary_language(target_lang)

    entries: dict[int, TermEntry] = {}
    for hit in hits:
        if hit.concept in entries:
            continue
        targets = [
            TargetTerm(term.text, lang, term.status.value)
            for lang, terms in hit.targets.items()
            if wanted(lang)
            for term in terms
        ]
        targets.sort(key=lambda t: (t.lang != target_lang, TermStatus(t.status).rank))
        entries[hit.concept] = TermEntry(hit.term, hit.text, tuple(targets))
    return list(entries.values())
