"""The spelling check: words of the target its language's dictionary does not know.

The dictionaries come as context.resources["spelling"] (domain/spelling.py's Dictionaries,
with the words added to them); without one for the target language the check says nothing
(`workbench qa` says that no dictionary was found). The words of the target's term-base hits
(context.resources["terms"]), and of the renderings of its source's term hits, are never
flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbench.domain.checks.facts import PairBatch
from workbench.domain.checks.registry import CheckContext, Pair, Severity, check
from workbench.domain.checks.screens import filled_targets
from workbench.domain.matching import TermIndex
from workbench.domain.spelling import Dictionaries, misspellings, term_words

SPELLING = "spelling"
"""The resource name of the dictionaries, and the check's id."""


def _with_dictionaries(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs with a target, when there are dictionaries; none without."""
    return filled_targets(batch, context) if context.resources.get(SPELLING) else []


@check(SPELLING, Severity.WARNING, _with_dictionaries)
def spelling(pair: Pair, context: CheckContext) -> Iterator[str]:
    """A word of the target is not in the spelling dictionary."""
    dictionaries: Dictionaries | None = context.resources.get(SPELLING)
    facts = context.facts(pair)
    if dictionaries is None or facts.target_blank:
        return
    dictionary = dictionaries.dictionary(pair.target_lang)
    if dictionary is None:
        return
    index = context.resources.get("terms")
    known = (
        term_words(
            facts.term_hits(index, "target"), facts.term_hits(index, "source"), pair.target_lang
        )
        if isinstance(index, TermIndex)
        else frozenset()
    )
    for found in misspellings(
        facts.target_plain, pair.target_lang, dictionary, source=facts.source_plain, known=known
    ):
        yield f'"{found.word}" is not in the {pair.target_lang} dictionary'
