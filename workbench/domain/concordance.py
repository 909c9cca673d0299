"""Concordance: the tokens a text is indexed and searched by, and where a query hits a text.

Texts are folded as for term matching (domain.normalize: NFKC, case, quotes, spaces,
traditional Chinese to simplified), then cut into tokens: a word of a space-separated script
is one token with its English plural undone (domain.inflection: `models` -> `model`); a run
of Hangul, Han or kana, written without spaces, gives its overlapping character pairs
(`모델을` -> `모델 델을`), so that any part of two characters or more of such a run is found as
a phrase of pairs, whatever the spacing. A query is a phrase of such tokens; a Korean word of
the query that ends in particles (domain.korean) is also looked for without them
(`원거테크놀러지의` finds `원거테크놀러지`). A one-character CJK query matches every pair that
holds the character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from workbench.domain.chinese import chinese_scripts
from workbench.domain.inflection import singular
from workbench.domain.korean import is_particle_sequence
from workbench.domain.normalize import fold

# Hangul (jamo, compatibility jamo, syllables), kana, Han: as domain.scripts.is_cjk
_CJK = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7a3\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f"
)
_TOKEN = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>[^\\W_{_CJK}]+)")
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")
_ONE_CJK = re.compile(f"[{_CJK}]")
MIN_STEM = 2
"""Characters a Korean word keeps at least when its particles are taken off (회의 stays)."""


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a text and the span of the text it comes from."""

    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The tokens of text in order, each with its span in text (not in the folded form)."""
    folded = fold(text)
    found: list[Token] = []
    for match in _TOKEN.finditer(folded.text):
        run, at = match.group(), match.start()
        if match.group("word") is not None:
            found.append(Token(singular(run), *folded.span(at, match.end())))
        elif len(run) == 1:
            found.append(Token(run, *folded.span(at, at + 1)))
        else:
            found.extend(
                Token(run[i : i + 2], *folded.span(at + i, at + i + 2)) for i in range(len(run) - 1)
            )
    return found


def index_text(text: str) -> str:
    """The tokens of text joined by spaces: what the database indexes for it."""
    return " ".join(token.text for token in tokens(text))


@dataclass(frozen=True, slots=True)
class Query:
    """What a concordance search looks for: token phrases, the first the query as typed."""

    text: str
    phrases: tuple[tuple[str, ...], ...]
    """The query's tokens, then (if different) its tokens with Korean particles taken off."""

    @property
    def empty(self) -> bool:
        """True when the query has no letter or digit to look for."""
        return not self.phrases


def parse_query(text: str) -> Query:
    """The phrases a query looks for (see the module docstring)."""
    typed = tuple(token.text for token in tokens(text))
    if not typed:
        return Query(text, ())
    stripped = tuple(token.text for token in tokens(_HANGUL_WORD.sub(_stem, text)))
    phrases = (typed,) if stripped in ((), typed) else (typed, stripped)
    return Query(text, phrases)


def _stem(word: re.Match[str]) -> str:
    """A Hangul word without the particles it ends in (its shortest stem of MIN_STEM or more)."""
    text = word.group()
    for size in range(MIN_STEM, len(text)):
        if is_particle_sequence(text[size:]):
            return text[:size]
    return text


def hit_spans(query: Query, text_tokens: list[Token]) -> list[tuple[int, int]]:
    """Spans of the text where a phrase of the query occurs, in order, not overlapping."""
    spans: list[tuple[int, int]] = []
    words = [token.text for token in text_tokens]
    for phrase in query.phrases:
        size = len(phrase)
        one = size == 1 and is_one_cjk(phrase[0])
        for at in range(len(words) - size + 1):
            if one and phrase[0] in words[at]:
                spans.append(_char_span(text_tokens[at], words[at].index(phrase[0])))
            elif not one and words[at : at + size] == list(phrase):
                spans.append((text_tokens[at].start, text_tokens[at + size - 1].end))
        if spans:
            break  # the phrase as typed was found: the folded one would only repeat it
    return _merged(spans)


def _char_span(token: Token, offset: int) -> tuple[int, int]:
    """The span of one character of a pair, when the pair's span is two characters long."""
    if token.end - token.start != len(token.text):
        return token.start, token.end
    return token.start + offset, token.start + offset + 1


def is_one_cjk(token: str) -> bool:
    """True for a one-character CJK query token, which matches the pairs that hold it."""
    return _ONE_CJK.fullmatch(token) is not None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def relevance(
    query: Query, text: str, spans: list[tuple[int, int]], stamp: datetime | None, unit_id: int
) -> tuple[int, float, float, int]:
    """A sort key, best first: a hit spelt as typed (but for case) before folded ones, then
    the share of the text the hits cover in tenths (a short unit that is mostly the query
    first), then the newest (last changed or added)."""
    typed = query.text.strip().casefold()
    exact = any(text[start:end].casefold() == typed for start, end in spans)
    covered = sum(end - start for start, end in spans)
    share = round(covered / max(len(text), 1), 1)
    moment = stamp.timestamp() if stamp is not None else 0.0
    return (0 if exact else 1, -share, -moment, -unit_id)


def spellings(query: Query) -> list[str]:
    """Texts a plain substring search (as of the term base) tries for the query: as typed,
    without Korean particles, English plurals undone, in simplified and traditional script."""
    typed = query.text.strip()
    words = _TOKEN.sub(lambda m: singular(m.group()) if m.group("word") else m.group(), typed)
    found = [typed, _HANGUL_WORD.sub(_stem, typed), words]
    if _ONE_CJK.search(typed):
        found += chinese_scripts(typed)
    return list(dict.fromkeys(text for text in found if text))
