"""Term recognition rules, one readable case per rule, including what must not match."""

from __future__ import annotations

import pickle
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain import normalize
from workbench.domain.matching import Hit, TermIndex, is_acronym
from workbench.domain.model import Concept, Term, TermStatus

D, A = TermStatus.DEPRECATED, TermStatus.ADMITTED


def concept(concept_id: int, *terms: Term) -> Concept:
    return Concept(id=concept_id, terms=list(terms))


CONCEPTS = [
    concept(
        1,
        Term("ko", "원거테크놀러지"),
        Term("zh-Hant", "中科聞歌"),
        Term("zh-Hans", "中科闻歌"),
        Term("en", "Beijing Wenge Technology"),
        Term("en", "Wenge Tech", status=D),
    ),
    concept(2, Term("ko", "퍼스트 팜"), Term("en", "First Farm")),
    concept(3, Term("ko", "액센추어"), Term("en", "Accenture")),
    concept(4, Term("ko", "딥시크"), Term("en", "DeepSeek")),
    concept(5, Term("ko", "아진가"), Term("en", "Ajinga")),
    concept(6, Term("ko", "중국일보사"), Term("zh-Hant", "中國日報社"), Term("en", "China Daily")),
    concept(
        7, Term("ko", "세계인공지능대회"), Term("en", "World Artificial Intelligence Conference")
    ),
    concept(8, Term("ko", "디지털 은행"), Term("en", "digital bank")),
    concept(9, Term("ko", "중국일보"), Term("en", "China Daily newspaper")),
    concept(10, Term("ko", "중국일보망"), Term("en", "chinadaily.com.cn")),
    concept(11, Term("en", "IT"), Term("ko", "정보기술")),
    concept(12, Term("en", "CEO"), Term("ko", "최고경영자")),
    concept(13, Term("en", "UAE"), Term("ko", "아랍에미리트")),
    concept(14, Term("en", "Zand"), Term("ko", "잔드")),
    concept(15, Term("en", "Chen Lei"), Term("ko", "천레이"), Term("ko", "진뢰", status=D)),
    concept(16, Term("en", "company"), Term("ko", "회사")),
    concept(17, Term("en", "large model"), Term("ko", "대형 모델"), Term("zh-Hans", "大模型")),
    concept(18, Term("ko", "이사회"), Term("en", "board of directors")),
    concept(19, Term("ko", "주광샹"), Term("ko", "주광상", status=D), Term("en", "Zhu Guangxiang")),
    concept(20, Term("en", "iPhone", case_sensitive=True)),
    concept(21, Term("ja", "人工知能"), Term("en", "artificial intelligence")),
    concept(22, Term("ko", "인공지능"), Term("en", "artificial intelligence", status=A)),
]


@pytest.fixture(scope="module")
def index() -> TermIndex:
    return TermIndex(CONCEPTS)


def found(index: TermIndex, text: str, lang: str, **options: bool) -> list[tuple[str, str]]:
    """(text as found, term) of every hit, checking offsets against the input."""
    hits = index.find(text, lang, **options)
    for hit in hits:
        assert hit.text == text[hit.start : hit.end]
    return [(hit.text, hit.term) for hit in hits]


KOREAN = [
    (
        "particle 은 after a two-word name",
        "퍼스트 팜은 농장을 열었다",
        [("퍼스트 팜", "퍼스트 팜")],
    ),
    ("particle 의", "액센추어의 보고서", [("액센추어", "액센추어")]),
    ("particle 가", "딥시크가 공개했다", [("딥시크", "딥시크")]),
    ("particle 와", "아진가와 협력", [("아진가", "아진가")]),
    ("particles 에서+는", "중국일보사에서는 행사를", [("중국일보사", "중국일보사")]),
    ("copula ending", "원거테크놀러지였다", [("원거테크놀러지", "원거테크놀러지")]),
    (
        "spaced variant of a solid term",
        "세계 인공지능 대회에서",
        [("세계 인공지능 대회", "세계인공지능대회")],
    ),
    ("solid variant of a spaced term", "디지털은행과", [("디지털은행", "디지털 은행")]),
    ("longest match wins", "중국일보망에서", [("중국일보망", "중국일보망")]),
    ("shorter term where the longer is absent", "중국일보는", [("중국일보", "중국일보")]),
    ("deprecated term still recognised", "주광상 회장", [("주광상", "주광상")]),
    ("term glued inside a longer word is not a hit", "원거테크놀러지아카데미", []),
    ("term glued after another word is not a hit", "신원거테크놀러지", []),
    ("single syllables across a space are not glued", "이 사회는", []),
    (
        "a term inside a compound loses to the compound",
        "세계인공지능대회",
        [("세계인공지능대회", "세계인공지능대회")],
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), KOREAN, ids=[r[0] for r in KOREAN])
def test_korean(index: TermIndex, rule: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(index, text, "ko") == expected


ENGLISH = [
    ("whole word", "We met Accenture today", [("Accenture", "Accenture")]),
    ("acronym in its case", "The IT team", [("IT", "IT")]),
    ("acronym not inside item or with", "items with it", []),
    ("acronym not in lower case", "it is ceo time", []),
    ("full-width acronym", "ＣＥＯ spoke", [("ＣＥＯ", "CEO")]),
    ("acronym plural", "two CEOs", [("CEOs", "CEO")]),
    ("Zand not inside Zander", "Zander and Zand", [("Zand", "Zand")]),
    ("Chen Lei not inside Chen Leiming", "Chen Leiming met Chen Lei", [("Chen Lei", "Chen Lei")]),
    ("plural -s", "two large models", [("large models", "large model")]),
    ("plural -ies", "many companies", [("companies", "company")]),
    ("possessive 's", "the company's plan", [("company", "company")]),
    ("possessive ’s", "Accenture’s plan", [("Accenture", "Accenture")]),
    (
        "case-insensitive by default",
        "ACCENTURE and accenture",
        [("ACCENTURE", "Accenture"), ("accenture", "Accenture")],
    ),
    (
        "capital at sentence start for a case-sensitive term",
        "IPhone sales. The iphone",
        [("IPhone", "iPhone")],
    ),
    (
        "collapsed whitespace",
        "Beijing  Wenge\nTechnology",
        [("Beijing  Wenge\nTechnology", "Beijing Wenge Technology")],
    ),
    ("curly apostrophe unified", "UAE’s fund", [("UAE", "UAE")]),
]


@pytest.mark.parametrize(("rule", "text", "expected"), ENGLISH, ids=[r[0] for r in ENGLISH])
def test_english(index: TermIndex, rule: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(index, text, "en") == expected


CHINESE_JAPANESE = [
    (
        "zh",
        "traditional term finds simplified text",
        "他在中科闻歌工作",
        [("中科闻歌", "中科闻歌")],
    ),
    ("zh", "simplified term finds traditional text", "中科聞歌成立於", [("中科聞歌", "中科聞歌")]),
    ("zh", "no word boundaries needed", "发布了大模型产品", [("大模型", "大模型")]),
    (
        "zh",
        "traditional text finds a traditional-only term",
        "中国日报社报道",
        [("中国日报社", "中國日報社")],
    ),
    ("ja", "kanji substring", "人工知能の研究", [("人工知能", "人工知能")]),
]


@pytest.mark.parametrize(
    ("lang", "rule", "text", "expected"), CHINESE_JAPANESE, ids=[r[1] for r in CHINESE_JAPANESE]
)
def test_chinese_and_japanese(
    index: TermIndex, lang: str, rule: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(index, text, lang) == expected


def test_normalisation_full_width_and_decomposed_hangul(index: TermIndex) -> None:
    decomposed = unicodedata.normalize("NFD", "액센추어의 보고서")
    assert found(index, decomposed, "ko") == [
        (decomposed[: len(decomposed) - len(unicodedata.normalize("NFD", "의 보고서"))], "액센추어")
    ]


def test_partial_hits_on_request_have_lower_confidence(index: TermIndex) -> None:
    assert index.find("원거테크놀러지아카데미", "ko") == []
    (hit,) = index.find("원거테크놀러지아카데미", "ko", partial=True)
    assert hit.partial and hit.confidence < 1
    assert hit.text == "원거테크놀러지"


def test_overlapping_hits_on_request(index: TermIndex) -> None:
    terms = {hit.term for hit in index.find("중국일보망에서", "ko", overlapping=True)}
    assert terms == {"중국일보망", "중국일보"}


def test_targets_list_preferred_first_and_mark_deprecated(index: TermIndex) -> None:
    (hit,) = index.find("원거테크놀러지가", "ko")
    assert hit.concept == 1 and hit.status is TermStatus.PREFERRED
    assert [(t.text, t.status) for t in hit.targets["en"]] == [
        ("Beijing Wenge Technology", TermStatus.PREFERRED),
        ("Wenge Tech", D),
    ]
    assert [t.text for t in hit.targets["zh-Hant"]] == ["中科聞歌"]
    (deprecated,) = index.find("진뢰", "ko")
    assert deprecated.status is D and [t.text for t in deprecated.targets["en"]] == ["Chen Lei"]


def test_target_languages_can_be_restricted(index: TermIndex) -> None:
    (hit,) = index.find("원거테크놀러지", "ko", target_langs=["en"])
    assert set(hit.targets) == {"en"}


def test_hits_compare_and_pickle_by_what_they_say(index: TermIndex) -> None:
    (hit,) = index.find("원거테크놀러지가", "ko")
    every_other = ["en", "zh-Hant", "zh-Hans"]
    (restricted,) = index.find("원거테크놀러지가", "ko", target_langs=every_other)
    assert restricted == hit and pickle.loads(pickle.dumps(hit)) == hit
    fields = (hit.start, hit.end, hit.text, hit.lang, hit.term, hit.status, hit.concept)
    made = Hit(*fields, hit.targets, hit.confidence, hit.partial)
    assert made == hit and repr(made) == repr(hit)
    assert index.find("원거테크놀러지가", "ko", target_langs=["en"]) != [hit]
    assert index.find("액센추어의", "ko") != [hit]


def test_a_hit_keeps_what_it_said_when_its_concept_is_edited() -> None:
    index = TermIndex(CONCEPTS[:3])
    index.put(concept(99, Term("ko", "센스타임"), Term("en", "SenseTime")))
    (hit,) = index.find("센스타임은", "ko")
    index.put(concept(99, Term("ko", "센스타임"), Term("en", "SenseTime Group")))
    (again,) = index.find("센스타임은", "ko")
    assert [t.text for t in hit.targets["en"]] == ["SenseTime"]
    assert [t.text for t in again.targets["en"]] == ["SenseTime Group"]


def test_adding_and_removing_terms_updates_the_index() -> None:
    index = TermIndex(CONCEPTS[:3])
    assert index.find("센스타임은", "ko") == []
    index.put(concept(99, Term("ko", "센스타임"), Term("en", "SenseTime")))
    assert [h.term for h in index.find("센스타임은", "ko")] == ["센스타임"]
    index.put(concept(99, Term("ko", "센스 타임"), Term("en", "SenseTime")))  # an edit
    assert [h.term for h in index.find("센스타임은", "ko")] == ["센스 타임"]
    index.remove(99)
    assert index.find("센스타임은", "ko") == []
    assert [h.term for h in index.find("액센추어의", "ko")] == ["액센추어"]


def test_many_additions_recompile_and_keep_every_term() -> None:
    index = TermIndex(CONCEPTS)
    for number in range(2500):
        index.put(concept(1000 + number, Term("en", f"widget {number}")))
    assert [h.term for h in index.find("a widget 2499 and widget 7", "en")] == [
        "widget 2499",
        "widget 7",
    ]
    assert [h.term for h in index.find("Accenture", "en")] == ["Accenture"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IT", True),
        ("CEO", True),
        ("UAE", True),
        ("WAIC", True),
        ("It", False),
        ("Accenture", False),
        ("A", False),
    ],
)
def test_acronyms_are_short_all_capital_words(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected


ALPHABET = st.sampled_from(
    [
        *"가나다 원거테크놀러지의은는 中科聞歌闻 ITitCEOs Chen Lei'’ ＡＢ　\n\t.,!?",
        *("\u1100", "\u1161", "\u11a8", "e\u0301", "ß", "ﬁ", "𝐀", "①"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.sampled_from(["ko", "en", "zh", "ja"]))
def test_any_text_gives_spans_inside_the_input(text: str, lang: str) -> None:
    index = _PROPERTY_INDEX
    for overlapping in (False, True):
        for hit in index.find(text, lang, overlapping=overlapping, partial=True):
            assert 0 <= hit.start < hit.end <= len(text)
            assert hit.text == text[hit.start : hit.end]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    for lang in ("ko", "en", "zh"):
        for hit in _PROPERTY_INDEX.find(text, lang, partial=True):
            assert hit.text == text[hit.start : hit.end]


_PROPERTY_INDEX = TermIndex(CONCEPTS)


def test_prepare_leaves_nothing_for_the_first_search_to_build() -> None:
    """The editor prepares the index in a thread: the first search on its screen thread must
    not build the folding tables (a pass over every character) or compile an automaton."""
    index = TermIndex([Concept(id=1, terms=[Term("ko", "센스타임"), Term("en", "SenseTime")])])
    normalize._fold_tables.cache_clear()
    index.prepare("ko")
    assert normalize._fold_tables.cache_info().currsize == 1
    language = index._languages["ko"]
    assert language._main is not None  # compiled
