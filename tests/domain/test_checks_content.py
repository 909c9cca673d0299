"""Content and consistency checks (terms, numbers, language, consistency) and QA profiles."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.checks import CHECKS, CheckContext, Pair, Profile, Severity, run_checks
from workbench.domain.checks.consistency import consistency_key
from workbench.domain.checks.profile import ProfileError, issue_hash, parse_profile
from workbench.domain.inflection import singular
from workbench.domain.matching import TermIndex
from workbench.domain.model import Concept, Term, TermStatus

D = TermStatus.DEPRECATED


def _concepts() -> list[Concept]:
    return [
        Concept(
            id=1,
            terms=[
                Term("ko", "원거테크놀러지"),
                Term("en", "Beijing Wenge Technology"),
                Term("en", "Wenge Tech", D),
                Term("zh-Hant", "中科聞歌"),
                Term("zh-Hans", "中科闻歌"),
                Term("ja", "中科聞歌"),
            ],
        ),
        Concept(
            id=2,
            terms=[
                Term("ko", "주광샹"),
                Term("ko", "주광상", D),
                Term("en", "Zhu Guangxiang"),
                Term("zh-Hant", "朱廣翔"),
                Term("zh-Hans", "朱广翔"),
            ],
        ),
        Concept(id=3, terms=[Term("ko", "회사"), Term("en", "company"), Term("zh", "公司")]),
        Concept(
            id=4,
            terms=[Term("ko", "센스타임"), Term("en", "SenseTime"), Term("ja", "センスタイム")],
        ),
        Concept(id=5, terms=[Term("en", "WAIC"), Term("ko", "WAIC"), Term("zh-Hans", "WAIC")]),
        Concept(id=6, terms=[Term("ko", "인공지능"), Term("en", "artificial intelligence")]),
    ]


@pytest.fixture(scope="module")
def context() -> CheckContext:
    return CheckContext(resources={"terms": TermIndex(_concepts())})


def _messages(check_id: str, pair: Pair, context: CheckContext) -> list[str]:
    return list(CHECKS[check_id].function(pair, context))


# (source_lang, target_lang, source, target)
TERM_MISSING_PASSES = [
    (
        "ko",
        "en",
        "원거테크놀러지는 새 모델을 발표했다.",
        "Beijing Wenge Technology released a model.",
    ),
    ("ko", "en", "원거테크놀러지의 발표", "The announcement of Beijing Wenge Technology"),
    ("ko", "en", "회사들이 모였다.", "The companies met."),
    ("ko", "en", "세계 인공 지능 대회", "The world artificial intelligence conference"),
    ("ko", "en", "WAIC가 열렸다.", "WAIC opened."),
    ("ko", "en", "오늘은 맑다.", "It is sunny today."),
    ("zh", "en", "中科聞歌发布了新模型。", "Beijing Wenge Technology released a new model."),
    ("zh", "en", "中科闻歌发布了新模型。", "Beijing Wenge Technology released a new model."),
    ("en", "ko", "Beijing Wenge Technology released it.", "원거테크놀러지가 발표했다."),
    ("en", "ko", "Zhu Guangxiang spoke.", "주광샹은 말했다."),
    ("en", "zh-Hans", "Beijing Wenge Technology released it.", "中科闻歌发布了。"),
    ("en", "zh-Hant", "Beijing Wenge Technology released it.", "中科聞歌發布了。"),
    ("en", "zh-Hans", "The company grew.", "公司发展了。"),
    (
        "ja",
        "en",
        "中科聞歌とセンスタイムが発表した。",
        "Beijing Wenge Technology and SenseTime announced it.",
    ),
    ("ko", "en", "원거테크놀러지가 발표했다.", ""),
]
TERM_MISSING_FAILS = [
    (
        "ko",
        "en",
        "원거테크놀러지는 새 모델을 발표했다.",
        "Wenge released a new model.",
        'term "원거테크놀러지" should be translated as "Beijing Wenge Technology"',
    ),
    (
        "ko",
        "en",
        "회사가 성장했다.",
        "The firm grew.",
        'term "회사" should be translated as "company"',
    ),
    (
        "zh",
        "en",
        "朱廣翔表示",
        "Zhu said",
        'term "朱廣翔" should be translated as "Zhu Guangxiang"',
    ),
    (
        "en",
        "ko",
        "SenseTime released it.",
        "회사가 발표했다.",
        'term "SenseTime" should be translated as "센스타임"',
    ),
    (
        "en",
        "zh-Hans",
        "Zhu Guangxiang spoke.",
        "他说。",
        'term "Zhu Guangxiang" should be translated as "朱广翔"',
    ),
    (
        "ja",
        "en",
        "センスタイムが発表した。",
        "The company announced it.",
        'term "センスタイム" should be translated as "SenseTime"',
    ),
]


@pytest.mark.parametrize(("source_lang", "target_lang", "source", "target"), TERM_MISSING_PASSES)
def test_term_missing_passes(
    context: CheckContext, source_lang: str, target_lang: str, source: str, target: str
) -> None:
    assert _messages("term_missing", Pair(source, target, source_lang, target_lang), context) == []


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "source", "target", "message"), TERM_MISSING_FAILS
)
def test_term_missing_fails(
    context: CheckContext,
    source_lang: str,
    target_lang: str,
    source: str,
    target: str,
    message: str,
) -> None:
    pair = Pair(source, target, source_lang, target_lang)
    assert _messages("term_missing", pair, context) == [message]


def test_term_missing_prefers_the_exact_script_and_skips_other_scripts(
    context: CheckContext,
) -> None:
    pair = Pair("Beijing Wenge Technology released it.", "他们发布了。", "en", "zh-Hans")
    assert _messages("term_missing", pair, context) == [
        'term "Beijing Wenge Technology" should be translated as "中科闻歌"'
    ]
    pair = Pair("The company grew.", "他们发展了。", "en", "zh-Hant")
    assert _messages("term_missing", pair, context) == [
        'term "company" should be translated as "公司"'
    ]


def test_term_checks_without_a_term_base_find_nothing() -> None:
    pair = Pair("원거테크놀러지는", "Wenge Tech", "ko", "en")
    assert _messages("term_missing", pair, CheckContext()) == []
    assert _messages("term_forbidden", pair, CheckContext()) == []


TERM_FORBIDDEN_PASSES = [
    ("ko", "en", "원거테크놀러지는 발표했다.", "Beijing Wenge Technology announced it."),
    ("ko", "en", "원거테크놀러지", "Beijing Wenge Technology's Tech division"),
    ("en", "ko", "Zhu Guangxiang spoke.", "주광샹은 말했다."),
    ("zh", "en", "中科聞歌", "Beijing Wenge Technology"),
    ("ja", "en", "中科聞歌が発表した。", "Beijing Wenge Technology announced it."),
    ("en", "zh-Hans", "Zhu Guangxiang spoke.", "朱广翔说。"),
]
TERM_FORBIDDEN_FAILS = [
    (
        "ko",
        "en",
        "원거테크놀러지는 발표했다.",
        "Wenge Tech announced it.",
        '"Wenge Tech" is deprecated; use "Beijing Wenge Technology"',
    ),
    (
        "zh",
        "en",
        "中科聞歌发布了。",
        "Wenge Tech released it.",
        '"Wenge Tech" is deprecated; use "Beijing Wenge Technology"',
    ),
    (
        "en",
        "ko",
        "Zhu Guangxiang spoke.",
        "주광상은 말했다.",
        '"주광상" is deprecated; use "주광샹"',
    ),
    (
        "ja",
        "en",
        "中科聞歌が発表した。",
        "Wenge Tech announced it.",
        '"Wenge Tech" is deprecated; use "Beijing Wenge Technology"',
    ),
]


@pytest.mark.parametrize(("source_lang", "target_lang", "source", "target"), TERM_FORBIDDEN_PASSES)
def test_term_forbidden_passes(
    context: CheckContext, source_lang: str, target_lang: str, source: str, target: str
) -> None:
    pair = Pair(source, target, source_lang, target_lang)
    assert _messages("term_forbidden", pair, context) == []


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "source", "target", "message"), TERM_FORBIDDEN_FAILS
)
def test_term_forbidden_fails(
    context: CheckContext,
    source_lang: str,
    target_lang: str,
    source: str,
    target: str,
    message: str,
) -> None:
    pair = Pair(source, target, source_lang, target_lang)
    assert _messages("term_forbidden", pair, context) == [message]
    # the deprecated rendering is reported once, as forbidden, not also as missing
    assert _messages("term_missing", pair, context) == []


NUMBER_PASSES = [
    ("ko", "en", "매출은 3천200억 원이었다.", "Sales were 320 billion won."),
    ("ko", "en", "8월 15일에 열린다.", "It opens on August 15."),
    ("ko", "en", "20만 명이 왔다.", "200,000 people came."),
    ("ko", "en", "5년 전", "five years ago"),
    ("zh", "en", "收入为3亿5千万元。", "Revenue was 350 million yuan."),
    ("en", "ko", "It costs 1,000 dollars.", "1000달러다."),
    ("en", "zh-Hans", "320 billion", "3200亿"),
    ("ja", "en", "2024年3月1日に発表した。", "It was announced on March 1, 2024."),
    ("ko", "en", "숫자가 없다.", "No numbers here."),
    ("en", "zh-Hans", "%2$@, after %1$@", "下%@后，%@"),  # placeholders hold no numbers
    ("en", "ko", "{0} files in 3 folders", "폴더 3개에 파일 {0}개"),
    ("en", "fr", "Second entry", "Seconde entrée"),  # French number words are not read
    ("ko", "en", "7시 30분에 왔다.", "He came at seven-thirty."),
]
NUMBER_FAILS = [
    ("ko", "en", "매출은 3천200억 원이었다.", "Sales were 32 billion won.", "320000000000"),
    ("zh", "en", "48人", "84 people", "48"),
    ("en", "ko", "It opens on August 15.", "8월 16일에 열린다.", "August 15"),
    ("en", "zh-Hans", "3 models", "发布了。", "3"),
    ("ja", "en", "5年前", "six years ago", "5"),
    (
        "en",
        "ko",
        "{0} files in 3 folders",
        "폴더 4개에 파일 {0}개",
        "number 3 in source, 4 in target",
    ),
]


@pytest.mark.parametrize(("source_lang", "target_lang", "source", "target"), NUMBER_PASSES)
def test_number_mismatch_passes(
    context: CheckContext, source_lang: str, target_lang: str, source: str, target: str
) -> None:
    pair = Pair(source, target, source_lang, target_lang)
    assert _messages("number_mismatch", pair, context) == []


@pytest.mark.parametrize(("source_lang", "target_lang", "source", "target", "named"), NUMBER_FAILS)
def test_number_mismatch_fails(
    context: CheckContext,
    source_lang: str,
    target_lang: str,
    source: str,
    target: str,
    named: str,
) -> None:
    messages = _messages("number_mismatch", Pair(source, target, source_lang, target_lang), context)
    assert messages and any(named in message for message in messages)


def test_number_mismatch_names_both_readings(context: CheckContext) -> None:
    pair = Pair("It was the fourth time this year.", "这是今年超过三次了。", "en", "zh-Hans")
    assert _messages("number_mismatch", pair, context) == [
        "number 4th (fourth) in source, more than 3 times (超过三次) in target"
    ]


WRONG_LANGUAGE_PASSES = [
    ("ko", "en", "새 모델을 발표했다.", "The company released a new model on Monday morning."),
    ("en", "ko", "It was released.", "원거테크놀러지는 새 모델을 발표했다."),
    ("en", "zh-Hans", "It was released.", "中科闻歌发布了新的大模型。"),
    ("ko", "en", "센스타임", "SenseTime"),  # a name decides nothing
    ("ko", "en", "발표", ""),
    ("en", "ko", "A short line.", "AI"),
    # short strings a model places in a language next to the target's
    ("en", "es", "Error converting the DITA map", "Error al convertir el mapa DITA"),
    ("en", "es", "Premature end of file", "Fin prematuro del archivo"),
    ("en", "ru-RU", "Download and import file attachments", "Загрузка и импорт файлов"),
]
WRONG_LANGUAGE_FAILS = [
    (
        "ko",
        "en",
        "새 모델을 발표했다.",
        "원거테크놀러지는 새 모델을 발표했다.",
        "target looks like ko",
    ),
    ("zh", "en", "中科闻歌发布了新模型。", "中科闻歌发布了新的大模型。", "target looks like zh"),
    ("en", "ko", "It was released.", "The company released a new model on Monday.", "not ko"),
    ("en", "es", "End of file", "Premature end of file, it said", "target looks like en"),
    (
        "en",
        "es",
        "The government announced measures.",
        "Le gouvernement a annoncé mardi une série de mesures pour soutenir les entreprises "
        "touchées par la crise.",
        "target looks like fr",
    ),
    (
        "ja",
        "en",
        "新しいモデルを発表した。",
        "新しいモデルを発表しました。",
        "target looks like ja",
    ),
]


@pytest.mark.parametrize(("source_lang", "target_lang", "source", "target"), WRONG_LANGUAGE_PASSES)
def test_wrong_language_passes(
    context: CheckContext, source_lang: str, target_lang: str, source: str, target: str
) -> None:
    pair = Pair(source, target, source_lang, target_lang)
    assert _messages("wrong_language", pair, context) == []


@pytest.mark.parametrize(
    ("source_lang", "target_lang", "source", "target", "expected"), WRONG_LANGUAGE_FAILS
)
def test_wrong_language_fails(
    context: CheckContext,
    source_lang: str,
    target_lang: str,
    source: str,
    target: str,
    expected: str,
) -> None:
    (message,) = _messages(
        "wrong_language", Pair(source, target, source_lang, target_lang), context
    )
    assert expected in message


# --- consistency ---------------------------------------------------------------------------


def _document_issues(
    check_id: str, rows: Iterable[tuple[str, str]], langs: tuple[str, str] = ("ko", "en")
) -> list[tuple[int, str]]:
    pairs = [Pair(s, t, *langs, position=n) for n, (s, t) in enumerate(rows, 1)]
    context = CheckContext(profile=Profile(enabled={check_id}))
    return [(issue.position, issue.message) for issue in run_checks(pairs, context)]


CONSISTENT = [
    [("감사합니다.", "Thank you."), ("감사합니다.", "Thank you.")],
    [("감사합니다.", "Thank you."), ("감사합니다. ", "thank  you.")],  # case and spaces
    [("감사합니다.", "Thank you."), ("감사합니다.", "")],  # not translated yet
    [("ＡＩ 모델", "AI model"), ("AI 모델", "AI model")],  # NFKC width
    [("\ue000감사합니다.", "Thank you."), ("감사합니다.", "\ue000Thank you.")],  # codes ignored
    [("안녕", "Hello"), ("잘 가", "Goodbye")],
]


@pytest.mark.parametrize("rows", CONSISTENT)
def test_consistency_passes(rows: list[tuple[str, str]]) -> None:
    assert _document_issues("inconsistent_target", rows) == []
    assert _document_issues("inconsistent_source", rows) == []


def test_inconsistent_target_reports_each_later_occurrence() -> None:
    rows = [
        ("회의", "Intro"),
        ("감사합니다.", "Thank you."),
        ("감사합니다.", "Thanks."),
        ("감사합니다.", "Thank you."),
        ("감사합니다.", "Many thanks."),
    ]
    assert _document_issues("inconsistent_target", rows) == [
        (3, 'translated "Thanks." here, "Thank you." at segment 2'),
        (5, 'translated "Many thanks." here, "Thank you." at segment 2'),
    ]


@pytest.mark.parametrize(
    ("langs", "rows", "message"),
    [
        (
            ("ko", "en"),
            [("주광샹이 말했다.", "Zhu said."), ("주광상이 말했다.", "Zhu said.")],
            'source "주광상이 말했다." here, "주광샹이 말했다." at segment 1',
        ),
        (
            ("zh", "en"),
            [("我们开始吧。", "Let us begin."), ("开始吧。", "Let us begin.")],
            'source "开始吧。" here, "我们开始吧。" at segment 1',
        ),
        (
            ("en", "ko"),
            [("Save", "저장"), ("Store", "저장")],
            'source "Store" here, "Save" at segment 1',
        ),
    ],
)
def test_inconsistent_source_fails(
    langs: tuple[str, str], rows: list[tuple[str, str]], message: str
) -> None:
    assert _document_issues("inconsistent_source", rows, langs) == [(2, message)]


@pytest.mark.parametrize(
    ("target_lang", "rows"),
    [
        ("ko", [("Download", "다운로드"), ("Downloads", "다운로드")]),
        ("ko", [("Update", "업데이트"), ("Updates", "업데이트")]),
        ("zh-Hans", [("Rating", "评分"), ("ratings", "评分")]),
        ("ja", [("Company", "会社"), ("companies", "会社")]),
        ("ko", [("Check the box", "상자를 선택"), ("Check the boxes", "상자를 선택")]),
        (
            "zh-Hans",
            [
                ("There is an obstacle ahead", "前方有障碍物"),
                ("There are obstacles ahead", "前方有障碍物"),
            ],
        ),
    ],
)
def test_a_plural_is_the_same_source_for_a_language_without_plurals(
    target_lang: str, rows: list[tuple[str, str]]
) -> None:
    assert _document_issues("inconsistent_source", rows, ("en", target_lang)) == []


def test_a_plural_is_another_source_for_a_language_that_marks_it() -> None:
    rows = [("Download", "Herunterladen"), ("Downloads", "Herunterladen")]
    assert _document_issues("inconsistent_source", rows, ("en", "de")) == [
        (2, 'source "Downloads" here, "Download" at segment 1')
    ]


def test_plural_folding_leaves_inconsistent_target_alone() -> None:
    rows = [("Download", "다운로드"), ("Downloads", "다운로드 목록")]
    assert _document_issues("inconsistent_target", rows, ("en", "ko")) == []


def test_consistency_compares_within_a_language_pair() -> None:
    # a TMX holds several language pairs: one source in two languages is no inconsistency
    pairs = [
        Pair("Save", "저장", "en", "ko", 1),
        Pair("Save", "保存", "en", "zh-Hans", 2),
        Pair("저장", "Save", "ko", "en", 3),
        Pair("保存", "Save", "zh-Hans", "en", 4),
        Pair("Save", "보관", "en", "ko", 5),
    ]
    context = CheckContext(profile=Profile(enabled={"inconsistent_target", "inconsistent_source"}))
    found = [(issue.check, issue.position, issue.message) for issue in run_checks(pairs, context)]
    assert found == [("inconsistent_target", 5, 'translated "보관" here, "저장" at segment 1')]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Downloads", "Download"),
        ("updates", "update"),
        ("companies", "company"),
        ("CITIES", "CITY"),
        ("boxes", "box"),
        ("churches", "church"),
        ("uses", "use"),
        ("days", "day"),
        ("class", "class"),
        ("status", "status"),
        ("analysis", "analysis"),
    ],
)
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-z]{2,9}(s|es|ies)?", fullmatch=True))
def test_singular_is_what_term_recognition_finds(word: str) -> None:
    # one rule: the singular form, taken as a term, is found in the word it came from
    index = TermIndex([Concept(id=1, terms=[Term("en", singular(word)), Term("ko", "말")])])
    assert any(hit.text == word for hit in index.find(f"— {word} —", "en"))


def test_consistency_key_folds_width_case_spaces_and_codes() -> None:
    assert consistency_key(" \ue000Ｔhank\n  YOU\ue001 ") == "thank you"


# --- profiles ------------------------------------------------------------------------------


def test_profile_enables_disables_and_overrides_severity(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = parse_profile(
        '[checks]\nenabled = ["term_missing", "number_mismatch"]\n'
        '[severity]\nnumber_mismatch = "warning"\n'
    )
    assert loaded.profile.enabled == {"term_missing", "number_mismatch"}
    assert loaded.profile.severities == {"number_mismatch": Severity.WARNING}
    disabled = parse_profile('[checks]\ndisabled = ["wrong_language"]\n').profile
    assert disabled.enabled is not None
    assert "wrong_language" not in disabled.enabled and "term_missing" in disabled.enabled
    assert parse_profile("").profile.enabled is None


def test_profile_settings_belong_to_a_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CHECKS, "length_ratio", CHECKS["number_mismatch"])
    loaded = parse_profile('[settings]\n"length_ratio.ko-en" = "1.0,4.0"\n')
    assert loaded.profile.setting("length_ratio.ko-en", None) == "1.0,4.0"


def test_profile_severity_applies_in_run_checks() -> None:
    loaded = parse_profile('[severity]\nnumber_mismatch = "info"\n')
    loaded.profile.enabled = {"number_mismatch"}
    (issue,) = run_checks([Pair("48명", "84 people", "ko", "en")], CheckContext(loaded.profile))
    assert issue.severity is Severity.INFO


def test_profile_ignores_by_content_hash() -> None:
    pair = Pair("48명", "84 people", "ko", "en")
    marked = issue_hash("number_mismatch", pair.source, pair.target)
    loaded = parse_profile(f'[ignore]\nhashes = ["{marked}"]\n')
    (issue,) = run_checks([pair], CheckContext(Profile(enabled={"number_mismatch"})))
    assert not loaded.keeps(issue, pair.source, pair.target)
    assert loaded.keeps(issue, pair.source, "85 people")  # an edit reopens it


@pytest.mark.parametrize(
    ("text", "named", "line"),
    [
        ('[checks]\nenabled = ["term_missing", "no_such_check"]\n', "no_such_check", 2),
        ('[checks]\nenabled = ["term_missing"]\ndisabled = ["untranslated"]\n', "not both", 3),
        ('[severity]\n\nnumber_mismatch = "fatal"\n', "number_mismatch", 3),
        ('[severity]\nbogus = "error"\n', "bogus", 2),
        ('[settings]\n"nobody.ko-en" = 1\n', "nobody.ko-en", 2),
        ('[settings]\n"number_mismatch.x" = {a = 1}\n', "number_mismatch.x", 2),
        ("[colours]\nred = 1\n", "colours", 1),
        ('[ignore]\nhashes = ["xyz"]\n', "xyz", 2),
        ("[checks]\nenabled = [\n", "", 2),
        ('[checks]\nenabled = "term_missing"\n', "list of check ids", 2),
    ],
)
def test_bad_profiles_name_the_key_and_line(text: str, named: str, line: int) -> None:
    with pytest.raises(ProfileError) as raised:
        parse_profile(text)
    assert named in str(raised.value)
    assert raised.value.line == line


def _singular_key_before(key: str) -> str:
    """singular_key as it was: every word through _singular_word."""
    import re

    from workbench.domain.checks.consistency import _singular_word

    return " ".join(re.sub(r"[^\W\d_]+", _singular_word, key).split())


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "a an are were have has these those this is updates update companies boxes "
            "uses bus s ss as is's UPDATES Boxes ABCS straße ſ 다운로드 업데이트들 下载 ß "
            "3 _ - , . ' sis assess".split()
        )
        | st.text(max_size=6),
        max_size=10,
    ).map(" ".join)
)
def test_singular_key_changes_only_the_words_it_may_change(text: str) -> None:
    from workbench.domain.checks.consistency import consistency_key, singular_key

    key = consistency_key(text)
    assert singular_key(key) == _singular_key_before(key)
    assert singular_key(text) == _singular_key_before(text)
