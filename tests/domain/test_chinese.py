"""Traditional and Simplified Chinese: a tag's script, text in the other script, wrong_script."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.checks import CheckContext, Pair, Profile, Severity, run_checks
from workbench.domain.checks.registry import CHECKS
from workbench.domain.chinese import (
    _HAN_RUN,
    ChineseScript,
    chinese_script,
    convert,
    may_hold_other_script,
    other_script_spans,
    targets_for_script,
)
from workbench.domain.model import Term, TermStatus

REPO = Path(__file__).resolve().parents[2]
HANS, HANT = ChineseScript.SIMPLIFIED, ChineseScript.TRADITIONAL


@pytest.mark.parametrize(
    ("tag", "script"),
    [
        ("zh-Hans", HANS),
        ("zh-CN", HANS),
        ("zh_SG", HANS),
        ("zh-Hans-HK", HANS),
        ("zh-Hant", HANT),
        ("zh-TW", HANT),
        ("zh-HK", HANT),
        ("zh-MO", HANT),
        ("zh-Hant-CN", HANT),
        ("zh", None),
        ("ja", None),
        ("ko-KR", None),
    ],
)
def test_the_script_a_tag_asks_for(tag: str, script: ChineseScript | None) -> None:
    assert chinese_script(tag) == script


SPANS = [
    # (why, text, wanted script, [(written, converted)])
    ("a traditional name in simplified text", "中國日報社报道了", HANS, [("國日報", "国日报")]),
    ("simplified characters in traditional text", "我們在台灣發现", HANT, [("现", "現")]),
    ("a phrase decides a one-to-many character", "乾隆年间气候干燥", HANS, []),
    ("乾 in 乾燥 is traditional", "气候乾燥", HANS, [("乾", "干")]),
    ("台 is written in Hong Kong's traditional text", "台灣的颱風", HANT, []),
    ("裡 and 裏 are both traditional", "裡面有人，裏面也有", HANT, []),
    ("峰 is Taiwan's traditional form", "峰會在上海舉行", HANT, []),
    ("后 of a queen is simplified and traditional", "皇后和王后", HANS, []),
    ("后 of after is simplified only", "後來他走了", HANS, [("後來", "后来")]),
    ("far apart, two spans", "中國的科学技术发展很快，日報", HANS, [("國", "国"), ("報", "报")]),
    ("latin and digits are not chinese", "WAIC 2025 在上海", HANS, []),
]


@pytest.mark.parametrize(
    ("text", "script", "expected"), [s[1:] for s in SPANS], ids=[s[0] for s in SPANS]
)
def test_text_in_the_other_script(
    text: str, script: ChineseScript, expected: list[tuple[str, str]]
) -> None:
    spans = other_script_spans(text, script)
    assert [(span.text, span.converted) for span in spans] == expected
    assert all(text[span.start : span.end] == span.text for span in spans)


def _flags(source: str, target: str, target_lang: str) -> list[str]:
    pair = Pair(source, target, "en", target_lang)
    return [i.message for i in run_checks([pair], CheckContext(Profile(enabled={"wrong_script"})))]


def test_wrong_script_names_the_span_and_its_right_form() -> None:
    assert CHECKS["wrong_script"].severity is Severity.WARNING
    assert _flags("China Daily reported it.", "中國日報社报道了此事。", "zh-Hans") == [
        '"國日報" is Traditional Chinese; zh-Hans writes "国日报"'
    ]
    assert _flags("It opened.", "开幕了。", "zh-TW") == [
        '"开" is Simplified Chinese; zh-TW writes "開"'
    ]


def test_a_gloss_in_the_source_is_no_excuse() -> None:
    source = "China Daily (中國日報社) reported it."
    assert _flags(source, "中國日報社报道了此事。", "zh-CN") == [
        '"國日報" is Traditional Chinese; zh-CN writes "国日报"'
    ]


@pytest.mark.parametrize(
    ("target", "target_lang"),
    [
        ("中国日报社报道了此事。", "zh-Hans"),
        ("中國日報社報導了此事。", "zh-Hant"),
        ("中國日報社报道了此事。", "zh"),  # plain zh settles no script
        ("中國日報社が報じた。", "ja"),
        ("", "zh-Hans"),
    ],
)
def test_wrong_script_is_silent_on_one_script_or_none_asked(target: str, target_lang: str) -> None:
    assert _flags("China Daily reported it.", target, target_lang) == []


def _glossary_column(lang: str) -> list[str]:
    with (REPO / "glossaries" / "waic-2025.csv").open(encoding="utf-8") as file:
        rows = list(csv.reader(file))
    column = rows[0].index(lang)
    return [row[column] for row in rows[1:] if row[column]]


@pytest.mark.parametrize(("lang", "script"), [("zh-Hans", HANS), ("zh-Hant", HANT)])
def test_no_false_alarm_on_the_glossary_names(lang: str, script: ChineseScript) -> None:
    names = _glossary_column(lang)
    assert len(names) > 40
    assert [name for name in names if other_script_spans(name, script)] == []
    other = HANT if script is HANS else HANS
    # and the other column is caught: most names have a character that differs
    assert sum(bool(other_script_spans(name, other)) for name in names) > len(names) / 2


def test_real_localizations_in_either_script(shared: Path) -> None:
    catalog = json.loads(
        (shared / "corpus" / "ios" / "whisky" / "Localizable.xcstrings").read_text("utf-8")
    )
    values: dict[str, list[str]] = {"zh-Hans": [], "zh-Hant": []}
    for entry in catalog["strings"].values():
        for lang, localization in entry.get("localizations", {}).items():
            value = localization.get("stringUnit", {}).get("value")
            if value and lang in values:
                values[lang].append(value)
    assert len(values["zh-Hans"]) > 100 and len(values["zh-Hant"]) > 100
    assert [v for v in values["zh-Hans"] if other_script_spans(v, HANS)] == []
    # the one Traditional string with a Simplified character: 导 of 导入 (導入)
    flagged = {v: other_script_spans(v, HANT) for v in values["zh-Hant"]}
    assert {v: [(s.text, s.converted) for s in spans] for v, spans in flagged.items() if spans} == {
        "导入容器": [("导", "導")]
    }


WAIC_HANT = Term("zh-Hant", "世界人工智能大會")
WAIC_HANS = Term("zh-Hans", "世界人工智能大会")
WAIC_EN = Term("en", "World Artificial Intelligence Conference")


def _shown(terms: list[Term], target_lang: str) -> list[tuple[str, bool]]:
    return [(shown.text, shown.converted) for shown in targets_for_script(terms, target_lang)]


@pytest.mark.parametrize(
    ("target_lang", "expected"),
    [
        (
            "zh-Hans",
            [("世界人工智能大会", False), ("World Artificial Intelligence Conference", False)],
        ),
        (
            "zh-CN",
            [("世界人工智能大会", False), ("World Artificial Intelligence Conference", False)],
        ),
        (
            "zh-Hant",
            [("世界人工智能大會", False), ("World Artificial Intelligence Conference", False)],
        ),
        (
            "zh-TW",
            [("世界人工智能大會", False), ("World Artificial Intelligence Conference", False)],
        ),
        (
            "zh-HK",
            [("世界人工智能大會", False), ("World Artificial Intelligence Conference", False)],
        ),
    ],
)
def test_only_the_target_script_is_offered(
    target_lang: str, expected: list[tuple[str, bool]]
) -> None:
    assert _shown([WAIC_HANT, WAIC_HANS, WAIC_EN], target_lang) == expected


def test_the_other_script_is_converted_and_marked_when_it_is_all_there_is() -> None:
    assert _shown([WAIC_HANT], "zh-Hans") == [("世界人工智能大会", True)]
    assert _shown([WAIC_HANS], "zh-TW") == [("世界人工智能大會", True)]
    # phrase by phrase: 乾隆 stays (the same in both scripts, so not marked), 乾燥 is 干燥
    assert _shown([Term("zh-Hant", "乾隆"), Term("zh-Hant", "乾燥")], "zh-Hans") == [
        ("乾隆", False),
        ("干燥", True),
    ]
    # the converted term keeps what the term base says of it
    (shown,) = targets_for_script([Term("zh-Hant", "中國日報", TermStatus.DEPRECATED)], "zh-CN")
    assert (shown.text, shown.term.status, shown.converted) == (
        "中国日报",
        TermStatus.DEPRECATED,
        True,
    )


def test_plain_zh_terms_are_placed_by_their_characters() -> None:
    terms = [Term("zh", "中國日報社"), Term("zh", "中国日报社"), Term("zh", "王磊")]
    assert _shown(terms, "zh-Hans") == [("中国日报社", False), ("王磊", False)]
    assert _shown(terms, "zh-Hant") == [("中國日報社", False), ("王磊", False)]


@pytest.mark.parametrize("target_lang", ["zh", "ko", "ja", "en"])
def test_targets_that_settle_no_script_get_every_term(target_lang: str) -> None:
    terms = [WAIC_HANT, WAIC_HANS, WAIC_EN]
    assert _shown(terms, target_lang) == [(t.text, False) for t in terms]


def test_the_service_offers_the_same_renderings() -> None:
    from workbench import services

    shown = services.target_renderings([WAIC_HANT, WAIC_EN], "zh-Hans")
    assert [(s.text, s.converted) for s in shown] == [
        ("世界人工智能大会", True),
        ("World Artificial Intelligence Conference", False),
    ]


_HAN_PIECES = [
    "中国", "中國", "发展", "發展", "乾燥", "乾隆", "頭髮", "头发", "台灣", "台湾", "裡", "里",
    "着", "著", "後", "后", "國", "国", "日報", "日报", "王磊", "模型", "公司", "表示", "峰", "了",
]  # fmt: skip
_OTHER_PIECES = ["", " ", "，", "。", "1234", "%s", "\n", "abc", "(", "한국"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_HAN_PIECES + _OTHER_PIECES), max_size=8).map("".join),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from([HANS, HANT]),
)
def test_a_batch_screen_misses_no_text_of_the_other_script(
    texts: list[str], script: ChineseScript
) -> None:
    """may_hold_other_script converts all texts in one call: it answers as text by text."""
    may = may_hold_other_script(texts, script)
    runs = [_HAN_RUN.findall(text) for text in texts]  # the runs other_script_spans reads
    assert may == [any(convert(run, script) != run for run in found) for found in runs]
    for text, flag in zip(texts, may, strict=True):
        if other_script_spans(text, script):
            assert flag, text
