"""The term hits of a segment as the editor numbers them: one entry per concept, in order."""

from __future__ import annotations

from dataclasses import dataclass

from workbench import services
from workbench.domain.matching import Hit, primary_language
from workbench.domain.model import TermStatus


@dataclass(frozen=True, slots=True)
class TargetTerm:
    """One rendering of a term in the target language."""

    text: str
    lang: str
    """The language of the term as the term base has it."""
    status: str
    """preferred, admitted or deprecated."""
    converted: bool = False
    """text is OpenCC's conversion into the target's Chinese script (the term base has the
    term in the other script only)."""


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
    """One entry per concept, in order of first appearance, renderings preferred first;
    concepts that would show exactly alike (duplicates) show once, so each alt+N differs.

    Without a target language every other language's renderings are offered; a Chinese target
    that settles its script gets that script's renderings only (services.target_renderings).
    """

    def wanted(lang: str) -> bool:
        if target_lang is None:
            return primary_language(lang) != primary_language(source_lang)
        return primary_language(lang) == primary_language(target_lang)

    entries: dict[int, TermEntry] = {}
    for hit in hits:
        if hit.concept in entries:
            continue
        terms = [term for lang, terms in hit.targets.items() if wanted(lang) for term in terms]
        if target_lang is None:
            targets = [TargetTerm(term.text, term.lang, term.status.value) for term in terms]
        else:  # for zh-Hans, zh-Hant, zh-TW and zh-HK the target's script only
            targets = [
                TargetTerm(shown.text, shown.term.lang, shown.term.status.value, shown.converted)
                for shown in services.target_renderings(terms, target_lang)
            ]
        targets.sort(key=lambda t: (t.lang != target_lang, TermStatus(t.status).rank))
        entry = TermEntry(hit.term, hit.text, tuple(targets))
        entries[hit.concept] = entry
    return list(dict.fromkeys(entries.values()))
