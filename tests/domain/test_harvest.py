"""Harvesting names from parenthetical glosses: spans, languages, and what is not a name."""

from __future__ import annotations

import pytest

from workbench.domain.harvest import Candidate, han_variant, harvest
from workbench.domain.transcription import mandarin_reading, mandarin_to_hangul, sino_korean_reading


def pairs(text: str) -> set[tuple[str, str]]:
    return {(c.source, c.gloss) for c in harvest(text)}


SPANS = [
    (
        "a particle after the parenthesis is not part of the term",
        "어제 스쥔(史軍)은 회견을 열었다.",
        {("스쥔", "史軍")},
    ),
    (
        "Mandarin transcription decides a two-word span",
        "그는 바이두 먀오다(百度秒噠)를 소개했다.",
        {("바이두 먀오다", "百度秒噠")},
    ),
    (
        "a Traditional place name read as Simplified decides a two-word span",
        "그는 충칭 창사(重慶長沙)를 지나갔다.",
        {("충칭 창사", "重慶長沙")},
    ),
    (
        "Sino-Korean reading decides the span",
        "행사는 중국일보사(中國日報社)가 주최했다.",
        {("중국일보사", "中國日報社")},
    ),
    (
        "a three-word Latin name takes three words",
        "전문가인 스테파니 앤 스톤(Stephanie Ann Stone)과 만났다.",
        {("스테파니 앤 스톤", "Stephanie Ann Stone")},
    ),
    (
        "a role word before the name is left out",
        "테크 블로거 리 배리트(Lee Barrett)가 말했다.",
        {("리 배리트", "Lee Barrett")},
    ),
    (
        "a title after a comma is left out",
        "이사장, 잔드뱅크(Zand Bank)의 대표",
        {("잔드뱅크", "Zand Bank")},
    ),
    (
        "an acronym gloss takes the compound",
        "올해 세계인공지능대회(WAIC)가 열렸다.",
        {("세계인공지능대회", "WAIC")},
    ),
    ("a glossed role is itself a term", "공동 최고경영자(CEO)인 그는", {("최고경영자", "CEO")}),
    (
        "hyphenated names stay whole",
        "창업자 비처 애슐리-브라운(Beecher Ashley-Brown)은",
        {("비처 애슐리-브라운", "Beecher Ashley-Brown")},
    ),
    (
        "a particle glued to the previous parenthesis is not part of the name",
        "센스타임(SenseTime)과 원거테크놀러지(Wenge Tech)",
        {("센스타임", "SenseTime"), ("원거테크놀러지", "Wenge Tech")},
    ),
    (
        "quotes around the name are not part of it",
        "'아진가(Ajinga)'의 창업자",
        {("아진가", "Ajinga")},
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), SPANS, ids=[s[0] for s in SPANS])
def test_span_of_the_term(rule: str, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected


GLOSSES = [
    (
        "several glosses separated by a comma",
        "원거테크놀러지(Beijing Wenge Technology, 中科聞歌)가",
        {("원거테크놀러지", "Beijing Wenge Technology"), ("원거테크놀러지", "中科聞歌")},
    ),
    (
        "glosses separated by a middle dot",
        "퍼스트 팜(First Farm·一號農場)은",
        {("퍼스트 팜", "First Farm"), ("퍼스트 팜", "一號農場")},
    ),
    (
        "glosses separated by a slash",
        "센스타임(SenseTime/商湯科技)의",
        {("센스타임", "SenseTime"), ("센스타임", "商湯科技")},
    ),
    (
        "an aside after a colon is dropped",
        "'위로만화'(圍爐漫話: 외국인이 경험을 이야기하는 프로그램) 시리즈",
        {("위로만화", "圍爐漫話")},
    ),
    (
        "'hereafter' is not part of the gloss",
        "세계인공지능대회(이하 WAIC)에서",
        {("세계인공지능대회", "WAIC")},
    ),
    (
        "a Hangul qualifier pairs with its Han gloss",
        "홍콩과학기술대학교(광저우·廣州) 연구원",
        {("광저우", "廣州")},
    ),
    ("kana gloss", "소프트뱅크(ソフトバンク)의", {("소프트뱅크", "ソフトバンク")}),
    (
        "reverse order: English name, Chinese gloss",
        "We met SenseTime (商汤科技) in Shanghai.",
        {("SenseTime", "商汤科技")},
    ),
    (
        "reverse order: English name, Korean gloss",
        "Beijing Wenge Technology(원거테크놀러지) said",
        {("Beijing Wenge Technology", "원거테크놀러지")},
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), GLOSSES, ids=[g[0] for g in GLOSSES])
def test_glosses(rule: str, text: str, expected: set[tuple[str, str]]) -> None:
    assert pairs(text) == expected


NOT_NAMES = [
    ("an amount", "투자액은 5억 위안(약 950억 원)에 달했다."),
    ("a count", "참가자(120명)가 모였다."),
    ("a date", "개막식(7월 26일)이 열렸다."),
    ("a percentage", "성장률(3.5%)을 기록했다."),
    ("a photo credit", "기념 촬영(사진=중국일보)을 했다."),
    ("a photo credit with a colon", "행사 모습(사진 제공: 센스타임)"),
    ("a whole clause", "그는 답했다(그 질문은 이미 여러 번 받았다고 한다)."),
    ("a gloss that only repeats the term", "딥시크(딥시크)가"),
    ("a Hangul gloss on a Hangul term", "대학교(광저우)의 연구원"),
    ("nothing before the parenthesis", "(SenseTime) 발표"),
]


@pytest.mark.parametrize(("rule", "text"), NOT_NAMES, ids=[n[0] for n in NOT_NAMES])
def test_what_is_not_a_name_is_rejected(rule: str, text: str) -> None:
    assert pairs(text) == set()


def test_languages_scripts_counts_and_context() -> None:
    text = "스쥔(史軍)이 왔다. 다시 스쥔(史軍)이 말했다. 왕레이(王磊)와 陳(Chen)"
    found = {c.source: c for c in harvest(text)}
    shi = found["스쥔"]
    assert (shi.source_lang, shi.gloss_lang, shi.script) == ("ko", "zh-Hant", "traditional")
    assert shi.count == 2 and shi.evidence == "mandarin"
    assert "스쥔(史軍)이 왔다" in shi.context
    assert found["왕레이"].gloss_lang == "zh" and found["왕레이"].script is None
    simplified = harvest("원거테크놀러지(中科闻歌)")[0]
    assert (simplified.gloss_lang, simplified.script) == ("zh-Hans", "simplified")


def test_confidence_orders_evidence() -> None:
    by_source = {
        c.source: c for c in harvest("스쥔(史軍) 라이예테크(來也科技) 센스타임(SenseTime)")
    }
    assert (
        by_source["스쥔"].confidence
        > by_source["센스타임"].confidence
        > by_source["라이예테크"].confidence
    )


@pytest.mark.parametrize(
    ("han", "mandarin", "sino_korean"),
    [
        ("史軍", "스쥔", "사군"),
        ("朱廣翔", "주광샹", "주광상"),
        ("王磊", "왕레이", "왕뢰"),
        ("陳玉濤", "천위타오", "진옥도"),
        ("廣州", "광저우", "광주"),
        # Traditional text read with the Simplified phrase readings: not 중칭, 장사, 인싱, 사먼
        ("重慶", "충칭", "중경"),
        ("長沙", "창사", "장사"),
        ("銀行", "인항", "은행"),
        ("廈門", "샤먼", "하문"),
        # ... but a character whose reading the conversion would change keeps its own (朝阳 is
        # read zhao-yang, the place 朝陽 chao-yang)
        ("朝陽", "차오양", "조양"),
    ],
)
def test_readings_of_chinese_names(han: str, mandarin: str, sino_korean: str) -> None:
    assert mandarin_reading(han) == mandarin
    assert sino_korean_reading(han) == sino_korean


@pytest.mark.parametrize(
    ("pinyin", "hangul"),
    [
        ("shi", "스"),
        ("jun", "쥔"),
        ("lei", "레이"),
        ("xiang", "샹"),
        ("jiang", "장"),
        ("zhou", "저우"),
        ("chun", "춘"),
        ("wei", "웨이"),
        ("yuan", "위안"),
        ("si", "쓰"),
        ("miao", "먀오"),
    ],
)
def test_mandarin_syllables_follow_the_korean_rules(pinyin: str, hangul: str) -> None:
    assert mandarin_to_hangul(pinyin) == hangul


def test_han_variants() -> None:
    assert han_variant("中國") == "traditional"
    assert han_variant("中国") == "simplified"
    assert han_variant("王磊") is None


def test_candidate_is_plain_data() -> None:
    (candidate,) = harvest("딥시크(DeepSeek)가")
    assert isinstance(candidate, Candidate) and not candidate.known and candidate.conflict == []
