"""Predictive typing: phrases to offer while the target is typed, found by what was typed last.

Candidates come from three places, in this order of preference: the target renderings of the
segment's term hits, phrases of the targets of its TM matches, and a phrase table learned from
confirmed translations (the TM's and the document's): the words and two- and three-word
phrases of their targets (runs of two to four Han or kana characters for Chinese and Japanese),
kept when seen at least twice. A `PhraseBook` keeps candidates sorted by their folded form, so
that the completions of a prefix are one binary search away, whatever the size of the table.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

MIN_PREFIX = 2
"""Characters typed of a word before completions are offered."""
MIN_LEARNED = 2
"""Times a phrase must occur in confirmed translations to be learned."""
_SCAN = 64
"""Candidates looked at per completion at most (the best ranked first among equals)."""

_WORD = re.compile(r"[^\W_](?:[^\W_]|['’\-.](?=[^\W_]))*")
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TYPED_WORD = re.compile(r"[^\W_](?:[^\W_]|['’\-](?=[^\W_]))*$")


class Origin(IntEnum):
    """Where a candidate comes from; lower is offered first."""

    TERM = 0
    TM = 1
    LEARNED = 2


@dataclass(frozen=True, slots=True)
class Completion:
    """A phrase offered for what is being typed, and where it comes from."""

    text: str
    origin: Origin


def typed_prefix(before_cursor: str) -> str:
    """The word being typed: the letters and digits just before the cursor (for Chinese and
    Japanese, the run of Han or kana characters there, at most four)."""
    found = _TYPED_WORD.search(before_cursor)
    if found is None:
        return ""
    word = found.group()
    if _UNSPACED.search(word[-1:]):
        run = re.search(f"{_UNSPACED.pattern}+$", word)
        return run.group()[-4:] if run else ""
    return word


def phrases_of(text: str) -> list[str]:
    """Candidate phrases of a target: its words (of three characters or more), two- and
    three-word phrases, and for text without spaces runs of two to four characters."""
    words = [match.group() for match in _WORD.finditer(text)]
    found: list[str] = []
    for start, word in enumerate(words):
        if _UNSPACED.search(word):
            found += [word[i : i + size] for size in (2, 3, 4) for i in range(len(word) - size + 1)]
            continue
        if len(word) >= 3:
            found.append(word)
        for size in (2, 3):
            if start + size <= len(words) and not any(
                _UNSPACED.search(w) for w in words[start : start + size]
            ):
                found.append(" ".join(words[start : start + size]))
    return found


def learned_phrases(targets: Iterable[str], least: int = MIN_LEARNED) -> Counter[str]:
    """Phrases of confirmed targets seen at least `least` times, with their counts."""
    counts: Counter[str] = Counter()
    for target in targets:
        counts.update(set(phrases_of(target)))
    return Counter({phrase: n for phrase, n in counts.items() if n >= least})


class PhraseBook:
    """Candidates sorted by folded text; `complete` finds those a typed word begins."""

    def __init__(self, candidates: Iterable[tuple[str, Origin, int]] = ()) -> None:
        best: dict[str, tuple[Origin, int]] = {}
        for text, origin, weight in candidates:
            text = text.strip()
            if len(text) < MIN_PREFIX:
                continue
            known = best.get(text)
            if known is None or (origin, -weight) < (known[0], -known[1]):
                best[text] = (origin, weight)
        self._entries = sorted(
            (text.casefold(), origin, -weight, -len(text), text)
            for text, (origin, weight) in best.items()
        )
        self._keys = [entry[0] for entry in self._entries]

    def __len__(self) -> int:
        return len(self._entries)

    def complete(self, prefix: str, limit: int = 3) -> list[Completion]:
        """Candidates beginning with prefix (ignoring case) and longer than it, best first: by
        origin, then weight (frequency), then the longer (a phrase seen as often as its first
        word saves more typing)."""
        if len(prefix) < MIN_PREFIX:
            return []
        folded = prefix.casefold()
        at = bisect_left(self._keys, folded)
        found = []
        for key, origin, weight, length, text in self._entries[at : at + _SCAN]:
            if not key.startswith(folded):
                break
            if len(key) > len(folded):
                found.append((origin, weight, length, text))
        found.sort()
        return [Completion(text, origin) for origin, _, _, text in found[:limit]]


def completions(prefix: str, books: Sequence[PhraseBook], limit: int = 3) -> list[Completion]:
    """The best completions of prefix from several books (the segment's, then the learned
    one), each phrase once, the more preferred origin first."""
    found: dict[str, Completion] = {}
    for book in books:
        for completion in book.complete(prefix, limit):
            known = found.get(completion.text.casefold())
            if known is None or completion.origin < known.origin:
                found[completion.text.casefold()] = completion
    return sorted(found.values(), key=lambda c: c.origin)[:limit]


def segment_book(term_targets: Iterable[str], tm_targets: Iterable[str]) -> PhraseBook:
    """The candidates of one segment: its term renderings, then its TM matches' phrases."""
    candidates: list[tuple[str, Origin, int]] = [(t, Origin.TERM, 1) for t in term_targets]
    for rank, target in enumerate(tm_targets):
        candidates += [(phrase, Origin.TM, -rank) for phrase in phrases_of(target)]
    return PhraseBook(candidates)
