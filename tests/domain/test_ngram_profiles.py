"""Scoring texts on langdetect's profiles reads exactly the n-grams langdetect reads."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain import langid
from workbench.domain.ngram_profiles import ALPHA, BASE_FREQ, ProfileScorer

# Latin with accents and capitals, Cyrillic, Vietnamese marks, punctuation langdetect drops,
# words in capitals (skipped), URLs and e-mail addresses (removed), runs of spaces.
PIECES = [
    *"abcdeABCDE éüßÄçÇ.,'-–«»°\u00a0абвгдЖЗ",
    *("NASA ", "http://a.bc/d ", "me@x.org ", "  ", "e\u0301", "o\u0323", "Việt "),
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def by_langdetect(factory: object, text: str) -> tuple[int, np.ndarray]:
    """The n-grams a langdetect detector reads in text, and their summed log-likelihood."""
    detector = factory.create()  # type: ignore[attr-defined]
    detector.append(text)
    detector.cleaning_text()
    grams = detector._extract_ngrams()
    table = factory.word_lang_prob_map  # type: ignore[attr-defined]
    total = np.zeros(len(factory.langlist))  # type: ignore[attr-defined]
    for gram in grams:
        total += np.log(np.array(table[gram]) + ALPHA / BASE_FREQ)
    return len(grams), total


@settings(max_examples=60, deadline=None)
@given(st.lists(texts, min_size=1, max_size=8), st.sampled_from(list(langid.Group)[1:]))
def test_scores_are_langdetects_ngrams_summed(batch: list[str], group: langid.Group) -> None:
    factory = langid._langdetect_factories()[group]
    scores = ProfileScorer(factory.langlist, factory.word_lang_prob_map).score(batch)
    for number, text in enumerate(batch):
        count, total = by_langdetect(factory, text)
        assert scores.ngrams[number] == count, text
        assert np.allclose(scores.loglik[number], total, rtol=1e-4, atol=1e-2), text


def test_a_text_without_known_ngrams_scores_nothing() -> None:
    factory = langid._langdetect_factories()[langid.Group.LATIN]
    scores = ProfileScorer(factory.langlist, factory.word_lang_prob_map).score(["", "...", "12 34"])
    assert scores.ngrams.tolist() == [0, 0, 0]
    assert not scores.loglik.any()
