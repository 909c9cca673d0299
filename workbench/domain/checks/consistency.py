"""Consistency checks over a whole document: one source, one translation, and back.

Pairs are compared within their language pair only (a TMX holds several). Where the target
language does not mark the plural (Korean, Chinese, Japanese), Download and Downloads are one
source for inconsistent_source: both are 다운로드, by the plural rule of term recognition, and
so are "There is an obstacle" and "There are obstacles" (the verb and article agree in number).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from workbench.domain.checks.facts import Side, without_codes
from workbench.domain.checks.registry import CheckContext, Pair, Severity, document_check
from workbench.domain.inflection import singular
from workbench.domain.plurals import marks_plural

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")
_AGREEMENT = {"are": "is", "were": "was", "have": "has", "these": "this", "those": "that"}
"""English words that agree with a plural, as they read with a singular."""
_ARTICLES = frozenset({"a", "an"})
SHOWN_CHARS = 60
"""Longer texts are cut in messages: the segment itself is shown beside the message."""


def consistency_key(text: str) -> str:
    """Text as the consistency checks compare it: no codes, NFKC, casefolded, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", without_codes(text)).casefold()
    return " ".join(folded.split())  # split() and \s take the same whitespace


def _shown(text: str) -> str:
    text = _SPACES.sub(" ", without_codes(text)).strip()
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


_MAY_CHANGE = re.compile(
    r"(?<![^\W\d_])(?:[^\W\d_]*[sS]|an?|are|were|have|these|those)(?![^\W\d_])"
)
"""The words (as _WORD finds them) that _singular_word may change: plurals end in s (or S), the
articles and words of agreement. Korean or Chinese text has none: no call per word."""


def singular_key(key: str) -> str:
    """A consistency key read in the singular: there are updates -> there is update."""
    return " ".join(_MAY_CHANGE.sub(_singular_word, key).split())


def _singular_word(found: re.Match[str]) -> str:
    word = found.group()
    if word in _ARTICLES:
        return ""
    return _AGREEMENT.get(word) or singular(word)


class _Keys(NamedTuple):
    """How a pair's texts are compared."""

    languages: str
    source: str
    target: str
    source_as_translated: str
    """The source key, plurals folded when the target language does not mark them."""


def _keys(pairs: Sequence[Pair]) -> list[_Keys | None]:
    """The keys of each pair; None for a pair with an empty side."""
    keys: list[_Keys | None] = []
    for pair in pairs:
        if not (pair.target.strip() and pair.source.strip()):
            keys.append(None)
            continue
        source = consistency_key(pair.source)
        languages, plural = _languages(pair.source_lang, pair.target_lang)
        folded = source if plural else singular_key(source)
        keys.append(_Keys(languages, source, consistency_key(pair.target), folded))
    return keys


@lru_cache(maxsize=64)
def _languages(source_lang: str, target_lang: str) -> tuple[str, bool]:
    """The key of a language pair, and whether its target language marks the plural."""
    return f"{source_lang.lower()} {target_lang.lower()}", marks_plural(target_lang)


def _differences(
    pairs: Sequence[Pair], context: CheckContext, side: Side, verb: str
) -> Iterator[tuple[int, str]]:
    """Pairs whose side matches an earlier pair's while their other side differs."""
    keys = context.document_facts(pairs).derived(_keys)  # shared by both checks
    first: dict[tuple[str, str], tuple[str, str, int]] = {}
    for index, pair in enumerate(pairs):
        pair_keys = keys[index]
        if pair_keys is None:
            continue
        if side == "source":
            key, other_key, other = pair_keys.source, pair_keys.target, pair.target
        else:
            key, other_key, other = pair_keys.target, pair_keys.source_as_translated, pair.source
        seen = first.get((pair_keys.languages, key))
        if seen is None:
            first[pair_keys.languages, key] = (other_key, other, pair.position)
        elif seen[0] != other_key:
            yield index, f'{verb} "{_shown(other)}" here, "{_shown(seen[1])}" at segment {seen[2]}'


@document_check("inconsistent_target", Severity.WARNING)
def inconsistent_target(pairs: Sequence[Pair], context: CheckContext) -> Iterator[tuple[int, str]]:
    """The same source is translated differently."""
    yield from _differences(pairs, context, "source", "translated")


@document_check("inconsistent_source", Severity.WARNING)
def inconsistent_source(pairs: Sequence[Pair], context: CheckContext) -> Iterator[tuple[int, str]]:
    """The same translation stands for different sources."""
    yield from _differences(pairs, context, "target", "source")
