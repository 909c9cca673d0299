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


def consistency_keys(texts: Sequence[str]) -> list[str]:
    """consistency_key of each text, the codes removed, normalised and folded for all at once.

    Joined by NULs, which no code, normalisation or case folding touches and no character
    composes with: each text comes out as it would alone.
    """
    joined = "\0".join(texts)
    if not texts or joined.count("\0") >= len(texts):  # a text holds a NUL itself
        return [consistency_key(text) for text in texts]
    folded = unicodedata.normalize("NFKC", without_codes(joined)).casefold()
    return [" ".join(part.split()) for part in folded.split("\0")]


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


def singular_keys(keys: Sequence[str]) -> list[str]:
    """singular_key of each key, read in one pass: a NUL between two keys parts words as the
    edge of a text does."""
    joined = "\0".join(keys)
    if not keys or joined.count("\0") >= len(keys):  # a key holds a NUL itself
        return [singular_key(key) for key in keys]
    return [" ".join(part.split()) for part in _MAY_CHANGE.sub(_singular_word, joined).split("\0")]


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
    kept = [n for n, pair in enumerate(pairs) if pair.target.strip() and pair.source.strip()]
    sources = consistency_keys([pairs[n].source for n in kept])
    targets = consistency_keys([pairs[n].target for n in kept])
    languages = [_languages(pairs[n].source_lang, pairs[n].target_lang) for n in kept]
    folded = list(sources)
    folding = [at for at, (_, plural) in enumerate(languages) if not plural]
    for at, key in zip(folding, singular_keys([sources[at] for at in folding]), strict=True):
        folded[at] = key
    keys: list[_Keys | None] = [None] * len(pairs)
    for at, n in enumerate(kept):
        keys[n] = _Keys(languages[at][0], sources[at], targets[at], folded[at])
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
