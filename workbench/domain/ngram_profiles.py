"""langdetect's language profiles read in full: every character n-gram of many texts at once.

langdetect guesses a language by drawing a text's n-grams at random until one language
dominates (seven trials of up to a thousand draws, a millisecond or more per text). The same
profiles can instead score every n-gram of a text: the log-likelihood of each language, with
langdetect's smoothing (its alpha of 0.5 over a base frequency of 10,000), which is what its
trials estimate, without the sampling. The n-grams are the ones langdetect reads (its
character normalisation, its reset at spaces, its skipping of words in capitals), and a batch
of texts is scored with a few array operations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

ALPHA = 0.5
BASE_FREQ = 10_000
MAX_TEXT = 10_000
"""Characters of a text langdetect reads."""
_SPACE = 0x20
_SHIFT = 21  # bits of one character in an n-gram's number
_VI_MARK = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_WORD_AND_SPACE = re.compile("[^ ]+ ?")
"""A word of a normalised text and the space after it: the pieces of split(" ") that are not
empty, each with a space but the last when the text does not end with one."""
_LATIN = re.compile("[A-z]")
"""What langdetect counts as Latin: 'A' to 'z', the six signs between the cases included."""
_NOT_LATIN = re.compile("[\u0300-\U0010ffff]")
"""What it counts as not Latin: everything from U+0300 on (it means to leave out Latin Extended
Additional, but compares a block number with a block name)."""


@dataclass(frozen=True, slots=True)
class Scores:
    """Each text's log-likelihood under each language, and how many n-grams it had."""

    loglik: npt.NDArray[np.float64]
    """texts x languages."""
    ngrams: npt.NDArray[np.int64]
    """The n-grams of each text found in the profiles (0: nothing to go by)."""


WORD_CACHE = 200_000
"""Words whose scores are kept (a text's score is the sum of its words'): past this many the
cache starts afresh."""


class _Normaliser(dict[int, str]):
    """A str.translate table of langdetect's character normalisation, filled as characters come."""

    def __missing__(self, code: int) -> str:
        from langdetect.utils.ngram import NGram

        normal: str = NGram.normalize(chr(code))
        self[code] = normal
        return normal


class ProfileScorer:
    """Scores texts against the profiles of a set of languages (a langdetect factory's).

    No n-gram crosses a space, and a word's n-grams are the same wherever it stands (the ones
    after it only where a space follows), so a text's score is the sum of its words' scores:
    each word is scored once, the first time it is seen, and texts are summed from the words.
    """

    def __init__(self, langs: Sequence[str], probabilities: Mapping[str, Sequence[float]]) -> None:
        self.langs = tuple(langs)
        ngrams = sorted(probabilities, key=_ngram_number)
        self._keys = np.array([_ngram_number(ngram) for ngram in ngrams], dtype=np.int64)
        table = np.array([probabilities[ngram] for ngram in ngrams], dtype=np.float64)
        self._loglik = np.log(table + ALPHA / BASE_FREQ).astype(np.float32)
        self._normaliser = _Normaliser()
        self._upper: dict[int, bool] = {}
        self._word_rows: dict[str, int] = {}
        """Word (with a trailing space when one follows it) -> row of its scores."""
        self._word_loglik = np.zeros((1024, len(self.langs)), dtype=np.float64)
        self._word_ngrams = np.zeros(1024, dtype=np.int64)

    def score(self, texts: Sequence[str]) -> Scores:
        """The scores of each text (a text without n-grams in the profiles scores 0)."""
        count = len(texts)
        normaliser = self._normaliser
        # A word keeps the space after it (none after the last word: no n-grams there).
        words_of = [_WORD_AND_SPACE.findall(_prepare(text).translate(normaliser)) for text in texts]
        rows = self._rows(words_of)
        sizes = np.fromiter(map(len, words_of), dtype=np.int64, count=count)
        owners = np.repeat(np.arange(count), sizes)
        loglik = np.zeros((count, len(self.langs)), dtype=np.float64)
        found = np.bincount(owners, weights=self._word_ngrams[rows], minlength=count)
        has = sizes > 0
        if has.any():
            starts = (np.cumsum(sizes) - sizes)[has]
            loglik[has] = np.add.reduceat(self._word_loglik[rows], starts, axis=0)
        return Scores(loglik, found.astype(np.int64))

    def _rows(self, words_of: list[list[str]]) -> npt.NDArray[np.int64]:
        """The score rows of every word of every text, scoring the words not seen before."""
        known = self._word_rows
        every = list(chain.from_iterable(words_of))
        rows = list(map(known.get, every))
        if None not in rows:  # every word seen before: most batches after the first few
            return np.array(rows, dtype=np.int64)
        new = list(dict.fromkeys(w for w, row in zip(every, rows, strict=True) if row is None))
        if len(known) + len(new) > WORD_CACHE:
            known.clear()
            new = list(dict.fromkeys(every))
        if new:
            first = len(known)
            loglik, ngrams = self._score_words(new)
            needed = first + len(new)
            if needed > len(self._word_ngrams):
                size = max(needed, 2 * len(self._word_ngrams))
                grown = np.zeros((size, len(self.langs)), dtype=np.float64)
                grown[:first] = self._word_loglik[:first]
                counts = np.zeros(size, dtype=np.int64)
                counts[:first] = self._word_ngrams[:first]
                self._word_loglik, self._word_ngrams = grown, counts
            self._word_loglik[first:needed] = loglik
            self._word_ngrams[first:needed] = ngrams
            for offset, word in enumerate(new):
                known[word] = first + offset
        return np.array(list(map(known.__getitem__, every)), dtype=np.int64)

    def _score_words(
        self, words: list[str]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
        """The summed log-likelihoods and n-gram counts of normalised words (each as if after
        a space; a trailing space gives the n-grams that end the word)."""
        count = len(words)
        joined = "\0".join(words)  # NUL: never a normalised character; nothing is read there
        raw = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        char = raw.astype(np.int64)
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=count)
        owner = np.repeat(np.arange(count), lengths + 1)[: len(char)]
        separator = char == 0
        char = np.where(separator, _SPACE, char)
        upper = self._is_upper(char)
        before = np.concatenate(([_SPACE], char[:-1]))
        two_before = np.concatenate(([_SPACE, _SPACE], char[:-2]))[: len(char)]
        capital = upper & np.concatenate(([False], upper[:-1]))  # inside a word in capitals
        counted = ~separator & ~capital
        twos = (before << _SHIFT) | char
        threes = (two_before << (2 * _SHIFT)) | twos
        valid = np.stack(
            [
                counted & (char != _SPACE),
                counted & ~((before == _SPACE) & (char == _SPACE)),
                counted & (before != _SPACE),
            ],
            axis=1,
        ).ravel()
        numbers = np.stack([char, twos, threes], axis=1).ravel()[valid]
        owners = np.repeat(owner, 3)[valid]
        order = np.argsort(numbers, kind="stable")  # sorted queries find their keys faster
        place = np.empty(len(numbers), dtype=np.int64)
        place[order] = np.searchsorted(self._keys, numbers[order])
        place[place == len(self._keys)] = 0
        known = self._keys[place] == numbers
        place, owners = place[known], owners[known]
        found = np.bincount(owners, minlength=count).astype(np.int64)
        loglik = np.zeros((count, len(self.langs)), dtype=np.float64)
        has = found > 0
        if has.any():
            starts = np.searchsorted(owners, np.arange(count))[has]
            loglik[has] = np.add.reduceat(self._loglik[place], starts, axis=0)
        return loglik, found

    def _is_upper(self, char: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """str.isupper of each (normalised) character."""
        distinct, inverse = np.unique(char, return_inverse=True)
        upper = self._upper
        flags = []
        for code in distinct.tolist():
            flag = upper.get(code)
            if flag is None:
                flag = upper[code] = chr(code).isupper()
            flags.append(flag)
        found: npt.NDArray[np.bool_] = np.array(flags, dtype=np.bool_)[inverse]
        return found


def _ngram_number(word: str) -> int:
    """An n-gram of up to three characters as one number (no character is NUL)."""
    number = 0
    for char in word:
        number = (number << _SHIFT) | ord(char)
    return number


def _prepare(text: str) -> str:
    """The text as langdetect reads it: no URLs or e-mail addresses, Vietnamese marks joined,
    runs of spaces as one, the first 10,000 characters, Latin dropped from a non-Latin text."""
    # imported where needed: an import statement costs more than the rest for most texts
    if "://" in text:
        from langdetect.detector import Detector

        text = Detector.URL_RE.sub(" ", text)
    if "@" in text:
        from langdetect.detector import Detector

        text = Detector.MAIL_RE.sub(" ", text)
    if not text.isascii() and _VI_MARK.search(text):  # the marks are beyond ASCII
        from langdetect.utils.ngram import NGram

        text = NGram.normalize_vi(text)
    text = text[:MAX_TEXT]
    while "  " in text:
        text = text.replace("  ", " ")
    if not text.isascii() and len(_LATIN.findall(text)) * 2 < len(_NOT_LATIN.findall(text)):
        text = _LATIN.sub("", text)
    return text
