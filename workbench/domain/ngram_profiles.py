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
from typing import Any

import numpy as np
import numpy.typing as npt

ALPHA = 0.5
BASE_FREQ = 10_000
MAX_TEXT = 10_000
"""Characters of a text langdetect reads."""
_SPACE = 0x20
_SHIFT = 21  # bits of one character in an n-gram's number
_VI_MARK = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
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


class ProfileScorer:
    """Scores texts against the profiles of a set of languages (a langdetect factory's)."""

    def __init__(self, langs: Sequence[str], probabilities: Mapping[str, Sequence[float]]) -> None:
        self.langs = tuple(langs)
        words = sorted(probabilities, key=_ngram_number)
        self._keys = np.array([_ngram_number(word) for word in words], dtype=np.int64)
        table = np.array([probabilities[word] for word in words], dtype=np.float64)
        self._loglik = np.log(table + ALPHA / BASE_FREQ).astype(np.float32)
        self._normal: dict[int, tuple[int, bool]] = {}
        """Code point -> (langdetect's normalised code point, upper case)."""

    def score(self, texts: Sequence[str]) -> Scores:
        """The scores of each text (a text without n-grams in the profiles scores 0)."""
        count = len(texts)
        loglik = np.zeros((count, len(self.langs)), dtype=np.float64)
        if not count:
            return Scores(loglik, np.zeros(0, dtype=np.int64))
        prepared = [_prepare(text) for text in texts]
        joined = " ".join(prepared)  # each text starts after a space, as langdetect's do
        raw = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        lengths = np.fromiter(map(len, prepared), dtype=np.int64, count=count)
        starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
        text = np.repeat(np.arange(count), lengths + 1)[: len(raw)]
        separator = np.zeros(len(raw), dtype=np.bool_)
        separator[starts[1:] - 1] = True
        char, upper = self._normalised(raw)
        before = np.concatenate(([_SPACE], char[:-1]))
        two_before = np.concatenate(([_SPACE, _SPACE], char[:-2]))[: len(char)]
        capital = upper & np.concatenate(([False], upper[:-1]))  # inside a word in capitals
        counted = ~separator & ~capital
        ones = char
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
        numbers = np.stack([ones, twos, threes], axis=1).ravel()[valid]
        owners = np.repeat(text, 3)[valid]
        place = np.searchsorted(self._keys, numbers)
        place[place == len(self._keys)] = 0
        known = self._keys[place] == numbers
        place, owners = place[known], owners[known]
        found = np.bincount(owners, minlength=count).astype(np.int64)
        if len(place):
            bounds = np.searchsorted(owners, np.arange(count))
            has = found > 0
            sums = np.add.reduceat(self._loglik[place], bounds[has], axis=0)
            loglik[has] = sums
        return Scores(loglik, found)

    def _normalised(
        self, raw: npt.NDArray[Any]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """langdetect's normalisation of each character, and whether the result is upper case."""
        distinct, inverse = np.unique(raw, return_inverse=True)
        normal = self._normal
        for code in distinct.tolist():
            if code not in normal:
                normal[code] = _normalise(code)
        pairs = [normal[code] for code in distinct.tolist()]
        mapped = np.array([p[0] for p in pairs], dtype=np.int64)
        upper = np.array([p[1] for p in pairs], dtype=np.bool_)
        return mapped[inverse], upper[inverse]


def _normalise(code: int) -> tuple[int, bool]:
    from langdetect.utils.ngram import NGram

    char = NGram.normalize(chr(code))
    return ord(char), char.isupper()


def _ngram_number(word: str) -> int:
    """An n-gram of up to three characters as one number (no character is NUL)."""
    number = 0
    for char in word:
        number = (number << _SHIFT) | ord(char)
    return number


def _prepare(text: str) -> str:
    """The text as langdetect reads it: no URLs or e-mail addresses, Vietnamese marks joined,
    runs of spaces as one, the first 10,000 characters, Latin dropped from a non-Latin text."""
    from langdetect.detector import Detector
    from langdetect.utils.ngram import NGram

    if "://" in text:
        text = Detector.URL_RE.sub(" ", text)
    if "@" in text:
        text = Detector.MAIL_RE.sub(" ", text)
    if _VI_MARK.search(text):
        text = NGram.normalize_vi(text)
    text = text[:MAX_TEXT]
    while "  " in text:
        text = text.replace("  ", " ")
    if not text.isascii() and len(_LATIN.findall(text)) * 2 < len(_NOT_LATIN.findall(text)):
        text = _LATIN.sub("", text)
    return text
