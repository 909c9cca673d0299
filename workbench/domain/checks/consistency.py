"""Consistency checks over a whole document: one source, one translation, and back."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from workbench.domain.checks.facts import Side, without_codes
from workbench.domain.checks.registry import CheckContext, Pair, Severity, document_check

_SPACES = re.compile(r"\s+")
SHOWN_CHARS = 60
"""Longer texts are cut in messages: the segment itself is shown beside the message."""


def consistency_key(text: str) -> str:
    """Text as the consistency checks compare it: no codes, NFKC, casefolded, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", without_codes(text)).casefold()
    return " ".join(folded.split())  # split() and \s take the same whitespace


def _shown(text: str) -> str:
    text = _SPACES.sub(" ", without_codes(text)).strip()
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _keys(pairs: Sequence[Pair]) -> list[tuple[str, str] | None]:
    """The source and target keys of each pair; None for a pair with an empty side."""
    return [
        (consistency_key(pair.source), consistency_key(pair.target))
        if pair.target.strip() and pair.source.strip()
        else None
        for pair in pairs
    ]


def _differences(
    pairs: Sequence[Pair], context: CheckContext, side: Side, verb: str
) -> Iterator[tuple[int, str]]:
    """Pairs whose side matches an earlier pair's while their other side differs."""
    keys = context.document_facts(pairs).derived(_keys)  # shared by both checks
    first: dict[str, tuple[str, str, int]] = {}
    for index, pair in enumerate(pairs):
        pair_keys = keys[index]
        if pair_keys is None:
            continue
        source_key, target_key = pair_keys
        if side == "source":
            key, other_key, other = source_key, target_key, pair.target
        else:
            key, other_key, other = target_key, source_key, pair.source
        seen = first.get(key)
        if seen is None:
            first[key] = (other_key, other, pair.position)
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
