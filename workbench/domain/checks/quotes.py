"""Quotations in a text: where they open and close, which are broken, and which mark a word.

Read as a reviewer reads them, in any of the scripts workbench translates:
- a closing quote may be followed directly by a Korean particle ('중국 해법'을) or a Japanese
  quoting particle (「AI」と), so only a letter of a spaced script after it makes it an
  apostrophe (don't, it’s, Xi'an);
- quotes written the wrong way round (’베어‘, German „so“, Swedish ”så”) still quote;
- Afrikaans 'n ("a") and rock 'n' roll are words, not quotations;
- a straight ' left open is as likely an elision ('90s, goin') as a quote, so it is neither
  a problem nor a quotation; any other quote left open quotes to the end of the segment (a
  quotation that goes on in the next one);
- a quotation interrupted by its speaker ("The reason," he adds, "is water.") counts once or
  twice: the other text may quote it whole, or as two quotations with the narration between.

A quotation is *short* when it marks a word, a name or a title: a few words without sentence
punctuation, and no quoting particle or verb of saying around it. Such quotes come and go in
translation (Korean quotes for emphasis what English leaves plain; German quotes UI labels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from workbench.domain.scripts import is_cjk, is_word_char


class Family(StrEnum):
    """Quote marks that close each other."""

    DOUBLE = "double"
    SINGLE = "single"
    CORNER = "corner"
    WHITE_CORNER = "white corner"
    GUILLEMET = "guillemet"


_FAMILY = {
    **dict.fromkeys('“”"„‟', Family.DOUBLE),
    **dict.fromkeys("‘’'‚‛", Family.SINGLE),
    **dict.fromkeys("「」", Family.CORNER),
    **dict.fromkeys("『』", Family.WHITE_CORNER),
    **dict.fromkeys("«»", Family.GUILLEMET),
}
QUOTE_CHARS = frozenset(_FAMILY)
QUOTE_CHAR = re.compile(f"[{re.escape(''.join(sorted(QUOTE_CHARS)))}]")
"""Any quote mark: one search in C tells most segments apart from those worth reading."""
_OPENERS = frozenset("“„‟‘‚‛「『«")
_CLOSERS = {"”": "“", "’": "‘", "」": "「", "』": "『", "»": "«"}
_OPENING_CONTEXT = frozenset("([{<（［｛〈《【—–-/:：") | QUOTE_CHARS
"""Characters after which a quote mark opens (besides spaces and CJK text)."""
_RNR = re.compile(r"(?<!\w)['’]n['’](?!\w)")
_SENTENCE_MARK = re.compile(r"[.?!…](?=\s|$)|[。？！]")
_KOREAN_QUOTING = re.compile(r"\s?(?:이?라[고며]|이?라면서|하[고며]|[고며]|면서)(?![가-힣])")
"""Particles that make what stands before them reported speech: “좋다”고, '...'라며."""
_JAPANESE_QUOTING = re.compile(r"と(?!ころ)|って")
_CHINESE_SAYING = re.compile(r"(?:说|說|道|称|稱|表示|问|問|曰|讲|講|写|寫)\s*[：:，,]?\s*$")
SHORT_WORDS = 4
"""A quotation of up to four words (without sentence punctuation) may mark a word or name."""
SHORT_CJK_CHARS = 10
"""The same for Chinese and Japanese, written without spaces: up to ten characters."""
_INTERRUPTION_WORDS = 6
"""'"The reason," he adds, "is water."': at most this many words between the two parts."""


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation: the offsets of its marks and the text between them."""

    start: int
    """Offset of the opening mark."""
    end: int
    """Offset just past the closing mark; the text's length when it is not closed."""
    opening: str
    closing: str
    """The closing mark; empty when the quotation is not closed in this text."""
    content: str

    @property
    def shown(self) -> str:
        """The quotation as written, marks included."""
        return f"{self.opening}{self.content}{self.closing}"


@dataclass(frozen=True, slots=True)
class QuoteProblem:
    """A quote mark without its partner."""

    kind: str
    """"not closed" or "not opened": the same kind in the source excuses it in the target."""
    message: str
    """Such as '"“" not closed', without saying in which text."""


@dataclass(frozen=True, slots=True)
class Quotes:
    """What a text quotes, and how its quote marks are broken."""

    text: str
    """The text read (rock 'n' roll shortened to rock n roll)."""
    quotations: tuple[Quotation, ...]
    """In order of their opening marks."""
    interrupted: int
    """Quotations that continue an earlier one after a few words of narration."""
    problems: tuple[QuoteProblem, ...]

    @property
    def broken(self) -> frozenset[str]:
        """The kinds of its problems."""
        return frozenset(problem.kind for problem in self.problems)

    def short(self) -> list[Quotation]:
        """The quotations that mark a word, name or title rather than report speech."""
        return [q for q in self.quotations if is_short(self.text, q)]

    def counts(self, short: bool = True) -> range:
        """How many quotations the text may be said to hold: interrupted ones once or twice.

        Without short, the quotations that mark a word or name are left out.
        """
        total = len(self.quotations) - (0 if short else len(self.short()))
        return range(total - self.interrupted, total + 1)


@dataclass(slots=True)
class _Open:
    char: str
    family: Family
    at: int


def _apostrophe(char: str, before: str, after: str, following: str) -> bool:
    """' or ’ inside a word (don't, it’s), or Afrikaans 'n before a space."""
    if char not in "'’":
        return False
    if is_word_char(before) and is_word_char(after):
        return True
    return after in "nN" and not is_word_char(before) and not is_word_char(following)


@lru_cache(maxsize=64)  # quote_mismatch and quote_emphasis read the same texts
def read_quotes(text: str) -> Quotes:
    """The quotations and quote problems of a text."""
    text = _RNR.sub("n", text)
    stack: list[_Open] = []
    found: list[Quotation] = []
    problems: list[QuoteProblem] = []
    for match in QUOTE_CHAR.finditer(text):
        index, char = match.start(), match.group()
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        following = text[index + 2] if index + 2 < len(text) else " "
        if _apostrophe(char, before, after, following):
            continue
        family = _FAMILY[char]
        open_at = next((n for n in range(len(stack) - 1, -1, -1) if stack[n].family is family), -1)
        # A closing mark has text before it and no letter of a spaced script after it (a
        # particle may follow: '해법'을); an opening mark has a space, an opening bracket or
        # CJK text before it and text after it.
        closing = not before.isspace() and not is_word_char(after)
        opening = (before.isspace() or before in _OPENING_CONTEXT or is_cjk(before)) and not (
            after.isspace()
        )
        if char in _OPENERS or char in "\"'":
            if open_at >= 0 and (closing or char == '"'):
                found.append(_closed(text, stack.pop(open_at), index))
            elif char in _OPENERS or char == '"' or opening:
                stack.append(_Open(char, family, index))
            continue
        if open_at >= 0:
            found.append(_closed(text, stack.pop(open_at), index))
        elif char in "”’" and opening:
            stack.append(_Open(char, family, index))  # written the wrong way round: ’베어‘
        elif char != "’":  # a ’ with nothing open is an apostrophe (the students’ books)
            problems.append(QuoteProblem("not opened", f'"{char}" without "{_CLOSERS[char]}"'))
    for left in stack:
        if left.family is Family.SINGLE and left.char in "'’":
            continue  # as likely an elision ('90s, ’em) as a quote
        found.append(Quotation(left.at, len(text), left.char, "", text[left.at + 1 :]))
        message = 'odd number of "\\""' if left.char == '"' else f'"{left.char}" not closed'
        problems.append(QuoteProblem("not closed", message))
    quotations = sorted(found, key=lambda q: q.start)
    return Quotes(text, tuple(quotations), _interrupted(text, quotations), tuple(problems))


def _closed(text: str, left: _Open, index: int) -> Quotation:
    return Quotation(left.at, index + 1, left.char, text[index], text[left.at + 1 : index])


def _interrupted(text: str, quotations: list[Quotation]) -> int:
    """How many quotations go on from the one before: '"The reason," he adds, "is water."'."""
    count = 0
    for previous, quotation in pairwise(quotations):
        between = text[previous.end : quotation.start]
        if (
            previous.closing
            and previous.end <= quotation.start
            and previous.content.rstrip().endswith((",", "，"))
            and between.strip().endswith((",", ":"))
            and len(between.split()) <= _INTERRUPTION_WORDS
        ):
            count += 1
    return count


def is_short(text: str, quotation: Quotation) -> bool:
    """True when a quotation marks a word, name or title rather than reporting speech."""
    content = quotation.content.strip()
    if not quotation.closing or not content:
        return False
    if _SENTENCE_MARK.search(content) or content.endswith((",", "，")):
        return False
    words = content.split()
    if len(words) > SHORT_WORDS:
        return False
    if len(words) == 1 and len(content) > SHORT_CJK_CHARS and all(map(is_cjk, content)):
        return False
    after = text[quotation.end :]
    if _KOREAN_QUOTING.match(after) or _JAPANESE_QUOTING.match(after):
        return False
    return _CHINESE_SAYING.search(text[: quotation.start]) is None
