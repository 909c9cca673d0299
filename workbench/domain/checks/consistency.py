"""Consistency checks over a whole document: one source, one translation, and back."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence

from workbench.domain.checks.registry import CheckContext, Pair, Severity, document_check
from workbench.domain.document import plain_text

_SPACES = re.compile(r"\s+")
SHOWN_CHARS = 60
"""Longer texts are cut in messages: the segment itself is shown beside the message."""


def consistency_key(text: str) -> str:
    """Text as the consistency checks compare it: no codes, NFKC, casefolded, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", plain_text(text)).casefold()
    return _SPACES.sub(" ", folded).strip()


def _shown(text: str) -> str:
    text = _SPACES.sub(" ", plain_text(text)).strip()
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _differences(
    pairs: Sequence[Pair], key_of: Callable[[Pair], str], other_of: Callable[[Pair], str], verb: str
) -> Iterator[tuple[int, str]]:
    """Pairs whose key side matches an earlier pair's while the other side differs."""
    first: dict[str, tuple[str, str, int]] = {}
    for index, pair in enumerate(pairs):
        if not pair.target.strip() or not pair.source.strip():
            continue
        key = consistency_key(key_of(pair))
        other = other_of(pair)
        seen = first.get(key)
        if seen is None:
            first[key] = (consistency_key(other), other, pair.position)
        elif seen[0] != consistency_key(other):
            yield index, f'{verb} "{_shown(other)}" here, "{_shown(seen[1])}" at segment {seen[2]}'


@document_check("inconsistent_target", Severity.WARNING)
def inconsistent_target(pairs: Sequence[Pair], context: CheckContext) -> Iterator[tuple[int, str]]:
    """The same source is translated differently."""
    yield from _differences(pairs, lambda p: p.source, lambda p: p.target, "translated")


@document_check("inconsistent_source", Severity.WARNING)
def inconsistent_source(pairs: Sequence[Pair], context: CheckContext) -> Iterator[tuple[int, str]]:
    """The same translation stands for different sources."""
    yield from _differences(pairs, lambda p: p.target, lambda p: p.source, "source")
