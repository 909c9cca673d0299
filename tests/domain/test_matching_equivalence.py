"""The matcher finds exactly what the matcher of 2026-11-26 found (tests/domain/reference_matching).

Term bases, texts and edits are drawn from pieces that collide on purpose: short Hangul names
and particles, spacing variants, Latin words with plural and possessive endings, acronyms,
traditional and simplified Han, kana, decomposed Hangul, full-width forms, combining marks and
characters that fold to several. Every option of find is compared, and find_many with find.
"""

from __future__ import annotations

from typing import Any

import reference_matching
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain import term_scan
from workbench.domain.matching import Hit, TermIndex
from workbench.domain.model import Concept, Term, TermStatus
from workbench.domain.term_table import IndexData, TermTable

NAME_PIECES = [
    *"가나다원거테크놀중국일보사이회",
    "가나",
    "원거",
    "테크",
    "중국",
    "일보",
    "디지털",
    "은행",
    *"abcsyieIT",
    "ab",
    "Ab",
    "AB",
    "IT",
    "CEO",
    "company",
    "model",
    "zand",
    "1",
    "2",
    "中科聞歌闻国國",
    "中",
    "科",
    "聞",
    "闻",
    "の",
    "ア",
    "Ａ",
    "\u1100\u1161",
    "e\u0301",
    "ß",
    "ﬁ",
    "𝐀",
    "'",
    "’",
    "-",
    ".",
]
TEXT_PIECES = [
    *NAME_PIECES,
    *("은", "는", "의", "에서", "에서는", "이다", "였다", "와", "s", "es", "ies", "'s", "’s"),
    *("est", "ses", "sx", "y", "이에", "아카", "들의"),
    *(" ", " ", " ", "  ", "\n", "\t", "\u3000", ". ", "! ", "(", '"', "“", "x", "Z", "아카데미"),
]
SUFFIXES = ["", "은", "s", "es", "est", "'s", "x", "아카데미", "이다"]
LANGS = ["ko", "en", "zh-Hans", "zh-Hant", "ja"]

names = st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=4).map("".join)
spaced_names = st.lists(names, min_size=1, max_size=3).map(" ".join)
terms = st.builds(
    Term,
    lang=st.sampled_from(LANGS),
    text=st.one_of(names, spaced_names),
    status=st.sampled_from(list(TermStatus)),
    case_sensitive=st.booleans(),
)
term_lists = st.lists(terms, min_size=1, max_size=4)
bases = st.lists(term_lists, min_size=1, max_size=6)
texts = st.lists(st.sampled_from(TEXT_PIECES), max_size=40).map("".join)


def concepts_of(term_sets: list[list[Term]], first_id: int = 1) -> list[Concept]:
    return [Concept(id=first_id + n, terms=list(ts)) for n, ts in enumerate(term_sets)]


def seen(hits: list[Any]) -> list[tuple[Any, ...]]:
    """Everything a hit carries, as plain values (the two matchers have their own Hit types)."""
    return [
        (
            h.start,
            h.end,
            h.text,
            h.lang,
            h.term,
            h.status,
            h.concept,
            {lang: [(t.lang, t.text, t.status) for t in ts] for lang, ts in h.targets.items()},
            h.confidence,
            h.partial,
        )
        for h in hits
    ]


OPTIONS = [
    {},
    {"partial": True},
    {"overlapping": True},
    {"overlapping": True, "partial": True},
    {"target_langs": ["en"]},
]


def assert_same(new: TermIndex, old: Any, text: str, lang: str) -> None:
    for options in OPTIONS:
        expected = seen(old.find(text, lang, **options))
        assert seen(new.find(text, lang, **options)) == expected, (text, lang, options)


@settings(max_examples=400, deadline=None)
@given(bases, st.lists(texts, min_size=1, max_size=4), st.sampled_from(LANGS))
def test_find_equals_the_reference(
    term_sets: list[list[Term]], text_list: list[str], lang: str
) -> None:
    concepts = concepts_of(term_sets)
    new, old = TermIndex(concepts), reference_matching.TermIndex(concepts)
    for text in text_list:
        assert_same(new, old, text, lang)
    # texts made of the terms themselves, glued and spaced, hit most rules
    every = [t.text for ts in term_sets for t in ts]
    suffixed = [f"{text}{suffix}" for text in every for suffix in SUFFIXES]
    for text in ("".join(every), " ".join(suffixed), ". ".join(suffixed)):
        assert_same(new, old, text, lang)


@settings(max_examples=200, deadline=None)
@given(bases, st.lists(texts, max_size=6), st.sampled_from(LANGS))
def test_find_many_equals_find_one_by_one(
    term_sets: list[list[Term]], text_list: list[str], lang: str
) -> None:
    index = TermIndex(concepts_of(term_sets))
    text_list = [*text_list, "".join(t.text for ts in term_sets for t in ts)]
    for options in OPTIONS:
        expected = [index.find(text, lang, **options) for text in text_list]
        assert index.find_many(text_list, lang, **options) == expected


edits = st.lists(
    st.tuples(st.sampled_from(["put", "remove"]), st.integers(1, 8), term_lists), max_size=8
)


@settings(max_examples=150, deadline=None)
@given(bases, edits, st.lists(texts, min_size=1, max_size=3), st.sampled_from(LANGS))
def test_edits_keep_the_index_equal_to_the_reference(
    term_sets: list[list[Term]],
    changes: list[tuple[str, int, list[Term]]],
    text_list: list[str],
    lang: str,
) -> None:
    concepts = concepts_of(term_sets)
    new, old = TermIndex(concepts), reference_matching.TermIndex(concepts)
    probe = [*text_list, "".join(t.text for _, _, ts in changes for t in ts)]
    for action, concept_id, changed_terms in changes:
        if action == "put":
            concept = Concept(id=concept_id, terms=list(changed_terms))
            new.put(concept)
            old.put(concept)
        else:
            new.remove(concept_id)
            old.remove(concept_id)
        for text in probe:
            assert_same(new, old, text, lang)


def test_hits_are_the_public_type() -> None:
    index = TermIndex(concepts_of([[Term("ko", "원거"), Term("en", "Wenge")]]))
    (hit,) = index.find("원거는", "ko")
    assert isinstance(hit, Hit)
    assert (hit.text, hit.term, hit.targets["en"][0].text) == ("원거", "원거", "Wenge")


@settings(max_examples=150, deadline=None)
@given(bases, edits, st.lists(texts, min_size=1, max_size=3), st.sampled_from(LANGS))
def test_index_data_kept_and_changed_makes_the_index_of_the_term_base(
    term_sets: list[list[Term]],
    changes: list[tuple[str, int, list[Term]]],
    text_list: list[str],
    lang: str,
) -> None:
    """What a kept copy of the index does on start: its data, with the concepts changed since
    replaced, must give the index that the term base as it is now gives."""
    concepts = {c.id: c for c in concepts_of(term_sets)}
    data = IndexData.of(TermTable.of_concepts(concepts.values()))
    for action, concept_id, changed_terms in changes:
        added = TermTable.empty()
        if action == "put":
            concepts[concept_id] = Concept(id=concept_id, terms=list(changed_terms))
            added = TermTable.of_concepts([concepts[concept_id]])
        else:
            concepts.pop(concept_id, None)
        data = data.changed({concept_id}, IndexData.of(added))
    now = sorted(concepts.values(), key=lambda c: c.id or 0)
    kept, fresh = TermIndex.from_data(data), reference_matching.TermIndex(now)
    probe = [*text_list, "".join(t.text for c in now for t in c.terms)]
    for text in probe:
        assert_same(kept, fresh, text, lang)


# Texts crowded with terms that overlap (nested, chained, glued), in batches where some texts
# hold the separator that keeps them apart and some are empty: the one pass that chooses among
# every crowded text's candidates at once must choose as each text alone would.
crowded_texts = st.lists(
    st.sampled_from([*TEXT_PIECES, "\uffff", "중국일보", "일보사", "가나다", "中科聞歌", "AB IT"]),
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(bases, st.lists(crowded_texts, max_size=8), st.sampled_from(LANGS))
def test_find_many_of_crowded_texts_equals_the_reference(
    term_sets: list[list[Term]], text_list: list[str], lang: str
) -> None:
    concepts = concepts_of(term_sets)
    new, old = TermIndex(concepts), reference_matching.TermIndex(concepts)
    every = [t.text for ts in term_sets for t in ts]
    text_list = [*text_list, "".join(every), " ".join(every), "".join(reversed(every))]
    for options in OPTIONS:
        found = new.find_many(text_list, lang, **options)
        expected = [seen(old.find(text, lang, **options)) for text in text_list]
        assert [seen(hits) for hits in found] == expected, options


@settings(max_examples=100, deadline=None)
@given(bases, st.lists(texts, min_size=1, max_size=4))
def test_korean_endings_read_one_by_one_or_as_arrays_alike(
    term_sets: list[list[Term]], text_list: list[str]
) -> None:
    """A few Korean candidates skip the particle tables and the longer-word test (korean_right
    reads them): the hits must be the reference's either way."""
    concepts = concepts_of(term_sets)
    old = reference_matching.TermIndex(concepts)
    every = [t.text for ts in term_sets for t in ts]
    longer = [*SUFFIXES, "아카데미아", "카데미아카", "카데미아카데미", "각데미아카"]
    probe = [*text_list, " ".join(f"{text}{suffix}" for text in every for suffix in longer)]
    # words reaching further back than the analyser reads, glued before the terms
    probe.append(" ".join(f"{'나' * 255}{text}아카 {'나' * 257}{text}아카" for text in every))
    saved = term_scan._FEW
    try:
        for few in (0, 10**6):
            term_scan._FEW = few
            new = TermIndex(concepts)
            for text in probe:
                assert_same(new, old, text, "ko")
    finally:
        term_scan._FEW = saved
