"""Which words of a text a spelling dictionary is asked about, and which it does not know.

Never asked about: codes (inline codes, placeholders, identifiers with digits, underscores or
inner capitals), URLs, e-mail addresses, paths and file names, numbers, words in capitals
(acronyms), single letters, words in another script than the language's (a Latin name in a
Korean sentence), words copied unchanged from the source (names), and the words of term-base
hits (given as `known`). A dictionary is anything with `correct` and `suggest`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import regex as re

from workbench.domain.scripts import Script, script_of

if TYPE_CHECKING:
    from workbench.domain.matching import Hit

_CHUNK = re.compile(r"\S+")
_WORD = re.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*")
"""Letters with their combining marks (Devanagari vowel signs), inner apostrophes kept."""
# A chunk holding any of these is code, an address or a path, not prose.
_NOT_PROSE = re.compile(
    r"""[\p{N}_@/\\{}<>=#$%^|~`\[\]*+]    # numbers, identifiers, placeholders, markup, paths
    | [\ue000-\uf8ff]                     # inline codes, as their characters
    | ://|^www\.                          # addresses
    | \p{L}\.\p{L}{2}                    # file.ext, example.com (not e.g. or U.S.)
    | [a-z][A-Z]                          # camelCase, iPhone-style names
    | &\p{L}+;                            # character entities (jalape&ntilde;o)
    """,
    re.VERBOSE,
)
_APOSTROPHE = re.compile("['’]")
_HANGUL_LANGS = frozenset({"ko"})
_UNSPACED_LANGS = frozenset({"zh", "ja", "th", "lo", "km", "my"})
"""Languages written without spaces between words: no word list can check them word by word."""


class Dictionary(Protocol):
    """A spelling dictionary of one language."""

    def correct(self, word: str) -> bool:
        """True when the word is spelled right (or the dictionary cannot tell)."""
        ...

    def suggest(self, word: str) -> list[str]:
        """Spellings the word may have meant, best first."""
        ...


@dataclass(frozen=True, slots=True)
class Misspelling:
    """A word the dictionary does not know, where it stands in the text checked."""

    start: int
    end: int
    word: str


def checkable(lang: str) -> bool:
    """False for languages written without spaces, which are never checked word by word."""
    return lang.split("-", 1)[0].lower() not in _UNSPACED_LANGS


def _in_script(word: str, lang: str) -> bool:
    """True when the word is written in the language's own script."""
    script = script_of(word[0])
    if lang.split("-", 1)[0].lower() in _HANGUL_LANGS:
        return script is Script.HANGUL
    return script in (Script.LATIN, Script.OTHER_LETTER)


def spelling_words(text: str, lang: str, source: str = "") -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word of text a dictionary of lang is asked about."""
    if not checkable(lang):
        return
    copied = set(_WORD.findall(source)) if source else set()
    for chunk in _CHUNK.finditer(text):
        if _NOT_PROSE.search(chunk.group()):
            continue
        for found in _WORD.finditer(chunk.group()):
            word = found.group()
            stem = _APOSTROPHE.split(word, 1)[0]  # NASA's is an acronym too
            if len(word) < 2 or stem.isupper() or not _in_script(word, lang):
                continue
            if word in copied:
                continue
            start = chunk.start() + found.start()
            yield start, start + len(word), word


def misspellings(
    text: str,
    lang: str,
    dictionary: Dictionary,
    *,
    source: str = "",
    known: Collection[str] = (),
) -> list[Misspelling]:
    """The words of text the dictionary does not know; known holds casefolded words to pass."""
    found = []
    for start, end, word in spelling_words(text, lang, source):
        if word.casefold() in known:
            continue
        if not dictionary.correct(word.replace("’", "'")):
            found.append(Misspelling(start, end, word))
    return found


def known_words(texts: Collection[str]) -> frozenset[str]:
    """The casefolded words of some texts (the term-base hits of a target), to pass."""
    return frozenset(word.casefold() for text in texts for word in _WORD.findall(text))


class Dictionaries(Protocol):
    """The spelling dictionaries at hand, by language (a QA resource named "spelling")."""

    def dictionary(self, lang: str) -> Dictionary | None:
        """The dictionary of lang (with the words added to it), None when there is none."""
        ...


_BRITISH = [
    (re.compile(r"(?<=\p{L}{2})is(e|es|ed|ing|er|ers|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=\p{L}{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\p{L}{2})our(s|ed|ing|ite|ites|ful|able)?$"), r"or\1"),
    (re.compile(r"(?<=\p{L}{2})tre(s)?$"), r"ter\1"),
    (re.compile(r"(?<=\p{L}{2})ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=\p{L}{2})ence(s)?$"), r"ense\1"),
    (re.compile(r"(?<=\p{L}[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"(?<=\p{L}{2})mme(s)?$"), r"m\1"),
]
"""British endings and their American forms (organise → organize, colour → color)."""


def american_spellings(word: str) -> list[str]:
    """The American forms a British spelling may have (none when it has no British ending).

    English without a region, and British English where only an American dictionary is
    installed, accept a word whose American form the dictionary knows.
    """
    return [
        changed
        for pattern, american in _BRITISH
        if (changed := pattern.sub(american, word)) != word
    ]


def term_words(target_hits: Sequence[Hit], source_hits: Sequence[Hit], lang: str) -> frozenset[str]:
    """The words spelling passes for the term base: those of the terms found in the target, and
    of the renderings in lang of the terms found in the source (a name the term base gives)."""
    primary = lang.split("-", 1)[0].lower()
    texts = [hit.text for hit in target_hits]
    texts += [
        term.text
        for hit in source_hits
        for term_lang, terms in hit.targets.items()
        if term_lang.split("-", 1)[0].lower() == primary
        for term in terms
    ]
    return known_words(texts)
