"""Content checks: terms, numbers and the target's language (what a segment says, not its form).

Term checks use the term base's index (context.resources["terms"], a TermIndex) on both sides,
so that particles, plurals, spacing and Chinese script are handled the same way as in term
recognition; without an index they find nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from workbench.domain.checks.facts import PairBatch
from workbench.domain.checks.registry import CheckContext, Pair, Severity, check
from workbench.domain.langid import LanguageVerdict
from workbench.domain.matching import Hit, TermIndex, primary_language
from workbench.domain.model import Term, TermStatus
from workbench.domain.numbers import NumberMention, compare_mentions, same_numbers


def _index(context: CheckContext) -> TermIndex | None:
    index = context.resources.get("terms")
    return index if isinstance(index, TermIndex) else None


def _fits(term_lang: str, target_lang: str) -> bool:
    """A term of term_lang may render a target in target_lang.

    Same primary language, and no clash of the rest: zh-Hans takes zh-Hans and zh terms but not
    zh-Hant; a plain zh target takes every Chinese term.
    """
    if primary_language(term_lang) != primary_language(target_lang):
        return False
    term, target = term_lang.lower(), target_lang.lower()
    return term == target or "-" not in term or "-" not in target


def _usable(terms: Sequence[Term], target_lang: str) -> list[Term]:
    """The terms that may render the target, exact language tag first, then preferred first."""
    fitting = [t for t in terms if t.status is not TermStatus.DEPRECATED]
    fitting = [t for t in fitting if _fits(t.lang, target_lang)]
    return sorted(
        fitting, key=lambda t: (t.lang.lower() != target_lang.lower(), t.status.rank, t.text)
    )


def _renderings(index: TermIndex, hit: Hit, lang: str) -> list[Term]:
    """The concept's usable terms in lang, also when the hit itself is in lang.

    A hit lists only the other languages' terms; for a hit in lang itself the concept's terms
    in lang come from the hit of one of its other-language terms.
    """
    if primary_language(hit.lang) != primary_language(lang):
        return _usable([t for terms in hit.targets.values() for t in terms], lang)
    for other_lang, terms in hit.targets.items():
        for term in terms:
            for other in index.find(term.text, other_lang):
                if other.concept == hit.concept:
                    return _usable([t for ts in other.targets.values() for t in ts], lang)
    return []


def _quoted(terms: Sequence[Term]) -> str:
    return " or ".join(f'"{t.text}"' for t in terms[:3])


def _with_source_terms(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs with a target whose source holds a term the target does not."""
    index = _index(context)
    if index is None:
        return []
    sources = batch.term_hits(index, "source")  # none where the target is blank
    found = []
    for position, hits in enumerate(sources):
        if hits:
            rendered = {h.concept for h in batch.term_hits(index, "target")[position]}
            if any(hit.concept not in rendered for hit in hits):
                found.append(position)
    return found


@check("term_missing", Severity.ERROR, _with_source_terms)
def term_missing(pair: Pair, context: CheckContext) -> Iterator[str]:
    """A source term is not rendered by one of its target terms."""
    index = _index(context)
    facts = context.facts(pair)
    if index is None or facts.target_blank:
        return
    source_hits = facts.term_hits(index, "source")
    if not source_hits:
        return
    # A deprecated rendering counts as rendered here: it is term_forbidden's to report.
    rendered = {h.concept for h in facts.term_hits(index, "target")}
    reported: set[int] = set()
    for hit in source_hits:
        if hit.concept in rendered or hit.concept in reported:
            continue
        expected = _usable([t for terms in hit.targets.values() for t in terms], pair.target_lang)
        if expected:
            reported.add(hit.concept)
            yield f'term "{hit.text}" should be translated as {_quoted(expected)}'


def _with_deprecated_terms(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose target holds a deprecated term."""
    index = _index(context)
    if index is None:
        return []
    return [
        position
        for position, hits in enumerate(batch.term_hits(index, "target"))
        if any(hit.status is TermStatus.DEPRECATED for hit in hits)
    ]


@check("term_forbidden", Severity.ERROR, _with_deprecated_terms)
def term_forbidden(pair: Pair, context: CheckContext) -> Iterator[str]:
    """The target uses a deprecated term."""
    index = _index(context)
    facts = context.facts(pair)
    if index is None or facts.target_blank:
        return
    for hit in facts.term_hits(index, "target"):
        if hit.status is not TermStatus.DEPRECATED or not _fits(hit.lang, pair.target_lang):
            continue
        instead = _renderings(index, hit, pair.target_lang)
        advice = f"; use {_quoted(instead)}" if instead else ""
        yield f'"{hit.text}" is deprecated{advice}'


_DIGIT_IN_PLACEHOLDER = re.compile(r"%[-+0#.]*\d|\{\s*\d|\{[^{}]*\d[^{}]*\}")
"""A placeholder that may hold a digit (%2$@, %.2f, {0}): most texts have none."""


def _outside_placeholders(mentions: list[NumberMention], text: str) -> list[NumberMention]:
    """The mentions not read inside a placeholder: %2$@ and {0} hold no numbers."""
    if not mentions or _DIGIT_IN_PLACEHOLDER.search(text) is None:
        return mentions
    # imported here: at the top it would register the markup checks before this module's,
    # and issues are listed in the order their checks are registered
    from workbench.domain.checks.markup import placeholder_spans

    spans = placeholder_spans(text)
    return [m for m in mentions if not any(s < m.end and m.start < e for s, e in spans)]


def _numbers_differ(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose numbers may differ: all but those with the same values on both sides
    (compare_mentions finds nothing there) and no digit in a placeholder."""
    sources, targets = batch.numbers("source"), batch.numbers("target")
    source_texts, target_texts = batch.plain("source"), batch.plain("target")
    found = []
    for position, (source, target) in enumerate(zip(sources, targets, strict=True)):
        if (source or target) and (
            not same_numbers(source, target)
            or _DIGIT_IN_PLACEHOLDER.search(source_texts[position]) is not None
            or _DIGIT_IN_PLACEHOLDER.search(target_texts[position]) is not None
        ):
            found.append(position)
    return found


@check("number_mismatch", Severity.ERROR, _numbers_differ)
def number_mismatch(pair: Pair, context: CheckContext) -> Iterator[str]:
    """Numbers, dates or times differ between source and target."""
    facts = context.facts(pair)
    if facts.target_blank:
        return
    differences = compare_mentions(
        _outside_placeholders(facts.numbers("source"), facts.source_plain),
        _outside_placeholders(facts.numbers("target"), facts.target_plain),
        facts.target_plain,
        pair.target_lang,
        source=facts.source_plain,
    )
    for difference in differences:
        yield difference.message


MIN_THIRD_LANGUAGE_LETTERS = 80
"""Letters a target needs before a model's guess of a third language of the same alphabet
(neither the target's nor the source's) is believed: on the corpus's Spanish and Russian UI
strings every such guess under 64 letters was wrong (Catalan, Portuguese, Italian for
Spanish, Bulgarian for Russian, 53 of 53); a target left in the source language is still
flagged from 20 letters."""
_CJK = frozenset({"ko", "ja", "zh"})


def _wrong_language(batch: PairBatch, context: CheckContext) -> list[int]:
    """The pairs whose target the language verdict calls wrong."""
    verdicts = batch.language_verdicts()
    return [p for p, verdict in enumerate(verdicts) if verdict is not None and verdict.wrong]


@check("wrong_language", Severity.WARNING, _wrong_language)
def wrong_language(pair: Pair, context: CheckContext) -> Iterator[str]:
    """The target is not in the target language."""
    facts = context.facts(pair)
    verdict = facts.language_verdict()
    if verdict is not None and verdict.wrong and _believed(verdict, pair, facts.target_plain):
        found = f"{verdict.lang} ({verdict.probability:.2f})"
        yield f"target looks like {found}, not {pair.target_lang}"


def _believed(verdict: LanguageVerdict, pair: Pair, text: str) -> bool:
    """False for a short target that a model places in a third language of its own alphabet."""
    if verdict.reason != "another language" or primary_language(pair.target_lang) in _CJK:
        return True  # decided by script
    if verdict.lang and primary_language(verdict.lang) == primary_language(pair.source_lang):
        return True  # left in the source language
    return sum(map(str.isalpha, text)) >= MIN_THIRD_LANGUAGE_LETTERS
