"""Sentence segmentation (domain/sentences.py): our rules per language, SRX semantics, and the
Java regex translation its rules are written in (domain/java_regex.py)."""

from __future__ import annotations

import re
import time
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.java_regex import JavaRegexError, compile_java_regex, java_regex
from workbench.domain.sentences import Span, SrxError, SrxSegmenter
from workbench.formats.srx import default_segmenter, split_sentences

if TYPE_CHECKING:
    from _pytest.mark.structures import ParameterSet


def sentences(text: str, lang: str) -> list[str]:
    return [text[span.start : span.end] for span in split_sentences(text, lang)]


def case(lang: str, text: str, *expected: str, id: str) -> ParameterSet:
    return pytest.param(lang, text, list(expected), id=id)


KOREAN_QUOTATIONS = [
    case(
        "ko",
        '그는 "AI는 도구일 뿐이다."라고 말했다. 회의는 곧 끝났다.',
        '그는 "AI는 도구일 뿐이다."라고 말했다.',
        "회의는 곧 끝났다.",
        id="full stop inside a quotation before 라고",
    ),
    case(
        "ko",
        "연구원은 “데이터가 부족하다.”라고 설명했다. 반론도 있었다.",
        "연구원은 “데이터가 부족하다.”라고 설명했다.",
        "반론도 있었다.",
        id="curly quotes before 라고",
    ),
    case(
        "ko",
        "그녀는 '곧 결과를 발표하겠다.'라며 자리를 떠났다.",
        "그녀는 '곧 결과를 발표하겠다.'라며 자리를 떠났다.",
        id="single quotes before 라며",
    ),
    case(
        "ko",
        "그녀는 ‘이번에는 다르다.’라며 웃었다.",
        "그녀는 ‘이번에는 다르다.’라며 웃었다.",
        id="curly single quotes before 라며",
    ),
    case(
        "ko",
        '기자가 "언제 출시됩니까?"라고 물었다. 답은 없었다.',
        '기자가 "언제 출시됩니까?"라고 물었다.',
        "답은 없었다.",
        id="question mark inside a quotation before 라고 물었다",
    ),
    case(
        "ko",
        '관객은 "대단하다!"라고 외쳤다.',
        '관객은 "대단하다!"라고 외쳤다.',
        id="exclamation mark inside a quotation before 라고",
    ),
    case(
        "ko",
        '대표는 "협력을 늘리겠다."고 밝혔다.',
        '대표는 "협력을 늘리겠다."고 밝혔다.',
        id="quotation before 고",
    ),
    case(
        "ko",
        '그는 "시장이 커지고 있다."며 투자를 강조했다.',
        '그는 "시장이 커지고 있다."며 투자를 강조했다.',
        id="quotation before 며",
    ),
    case(
        "ko",
        '모두가 그 제품을 "혁신의 상징."이라고 평가했다.',
        '모두가 그 제품을 "혁신의 상징."이라고 평가했다.',
        id="quotation before 이라고",
    ),
    case(
        "ko",
        '그는 "AI는 도구다. 사람이 결정한다."라고 말했다.',
        '그는 "AI는 도구다. 사람이 결정한다."라고 말했다.',
        id="a quotation of two sentences before 라고 stays whole",
    ),
    case(
        "ko",
        '그는 "충분하다." 라고 답했다.',
        '그는 "충분하다." 라고 답했다.',
        id="a space before 라고 is tolerated",
    ),
    case(
        "ko",
        '그는 "알았다." 하고 나갔다.',
        '그는 "알았다." 하고 나갔다.',
        id="quotation before 하고",
    ),
    case(
        "ko",
        "그는 “협력을 늘리겠다.” 고 밝혔다.",
        "그는 “협력을 늘리겠다.” 고 밝혔다.",
        id="a space before a lone 고 is tolerated",
    ),
    case(
        "ko",
        '그는 "시장이 크다. 경쟁도 많다. 그래도 해볼 만하다"라고 말했다. 모두 동의했다.',
        '그는 "시장이 크다. 경쟁도 많다. 그래도 해볼 만하다"라고 말했다.',
        "모두 동의했다.",
        id="a quotation of three sentences, no full stop before 라고",
    ),
    case(
        "ko",
        "그는 \"우리는 '개방'을 택했다. 결과는 좋았다.\"라고 말했다.",
        "그는 \"우리는 '개방'을 택했다. 결과는 좋았다.\"라고 말했다.",
        id="a quoted phrase inside a quotation of two sentences",
    ),
    case(
        "ko",
        '그가 말했다. "좋다." 모두 웃었다.',
        "그가 말했다.",
        '"좋다."',
        "모두 웃었다.",
        id="a quotation standing alone is its own sentence",
    ),
    case(
        "ko",
        '그가 왔다. 나는 "좋다."라고 답했다.',
        "그가 왔다.",
        '나는 "좋다."라고 답했다.',
        id="the sentence before a quoted one still ends",
    ),
]

KOREAN = [
    case(
        "ko-KR",
        "날씨가 맑다. 우리는 공원에 갔다! 너도 올래?",
        "날씨가 맑다.",
        "우리는 공원에 갔다!",
        "너도 올래?",
        id="full stop, exclamation and question marks",
    ),
    case(
        "ko",
        "성장률은 3.5%였다. 전년보다 높다.",
        "성장률은 3.5%였다.",
        "전년보다 높다.",
        id="decimal number",
    ),
    case(
        "ko",
        "행사는 2025. 7. 31. 상하이에서 열렸다. 많은 기업이 참가했다.",
        "행사는 2025. 7. 31. 상하이에서 열렸다.",
        "많은 기업이 참가했다.",
        id="date written with full stops",
    ),
    case(
        "ko",
        "발표는 2025.07.31 오전에 있었다.",
        "발표는 2025.07.31 오전에 있었다.",
        id="date without spaces",
    ),
    case(
        "ko",
        "Acme Inc. 관계자는 이를 부인했다.",
        "Acme Inc. 관계자는 이를 부인했다.",
        id="English company form inside Korean",
    ),
    case(
        "ko",
        "Dr. Kim은 서울대 교수다. 그는 언어학을 가르친다.",
        "Dr. Kim은 서울대 교수다.",
        "그는 언어학을 가르친다.",
        id="English title inside Korean",
    ),
    case(
        "ko",
        "회의가 끝났다.그러나 결론은 없었다.",
        "회의가 끝났다.",
        "그러나 결론은 없었다.",
        id="sentence ending without the space after it",
    ),
    case(
        "ko",
        "결과는 아직 모른다... 내일 다시 보자.",
        "결과는 아직 모른다...",
        "내일 다시 보자.",
        id="ellipsis after a sentence ending ends the sentence",
    ),
    case(
        "ko",
        "그런데… 이건 좀 이상하다.",
        "그런데… 이건 좀 이상하다.",
        id="ellipsis inside a sentence",
    ),
    case(
        "ko",
        "자세한 내용은 https://example.kr/news/1.html 에서 볼 수 있다. 감사합니다.",
        "자세한 내용은 https://example.kr/news/1.html 에서 볼 수 있다.",
        "감사합니다.",
        id="URL with full stops",
    ),
    case(
        "ko",
        "문의는 press@example.co.kr 로 보내면 된다. 답장은 하루 안에 온다.",
        "문의는 press@example.co.kr 로 보내면 된다.",
        "답장은 하루 안에 온다.",
        id="e-mail address",
    ),
    case(
        "ko",
        "마침표가 없는 문장",
        "마침표가 없는 문장",
        id="no final punctuation",
    ),
]

ENGLISH_ABBREVIATIONS = [
    case(
        "en",
        "Dr. Kim joined the lab in 2020. She leads the team.",
        "Dr. Kim joined the lab in 2020.",
        "She leads the team.",
        id="Dr. before a name",
    ),
    case(
        "en",
        "U.S. companies spent more on chips. Prices rose.",
        "U.S. companies spent more on chips.",
        "Prices rose.",
        id="U.S. before a noun",
    ),
    case(
        "en",
        "The model ranked No. 1 on the benchmark.",
        "The model ranked No. 1 on the benchmark.",
        id="No. before a number",
    ),
    case(
        "en",
        "Use a reference, e.g. a style guide, before you start.",
        "Use a reference, e.g. a style guide, before you start.",
        id="e.g.",
    ),
    case(
        "en",
        "Check the source, i.e. English text.",
        "Check the source, i.e. English text.",
        id="i.e. before a capital",
    ),
    case(
        "en",
        "Acme Inc. announced a new model on Monday.",
        "Acme Inc. announced a new model on Monday.",
        id="Inc. before a verb",
    ),
    case(
        "en",
        "Acme Inc. CEO Jane Park spoke first.",
        "Acme Inc. CEO Jane Park spoke first.",
        id="Inc. before a capital",
    ),
    case(
        "en",
        "Samsung Electronics Co., Ltd. opened a new plant. It employs 900 people.",
        "Samsung Electronics Co., Ltd. opened a new plant.",
        "It employs 900 people.",
        id="Co., Ltd.",
    ),
    case(
        "en",
        "The talks resume on Jan. 5 in Geneva.",
        "The talks resume on Jan. 5 in Geneva.",
        id="Jan. 5",
    ),
    case(
        "en",
        "Mr. and Mrs. Park arrived late. Dinner had started.",
        "Mr. and Mrs. Park arrived late.",
        "Dinner had started.",
        id="Mr. and Mrs.",
    ),
    case(
        "en-US",
        "Prof. Zhang presented the results. Questions followed.",
        "Prof. Zhang presented the results.",
        "Questions followed.",
        id="Prof. with a region subtag",
    ),
    case(
        "en",
        "John F. Kennedy gave the speech. It was short.",
        "John F. Kennedy gave the speech.",
        "It was short.",
        id="middle initial",
    ),
    case(
        "en",
        "So did I. We left early.",
        "So did I.",
        "We left early.",
        id="the pronoun I is not an initial",
    ),
    case(
        "en",
        "They sell pens, paper, etc. at low prices.",
        "They sell pens, paper, etc. at low prices.",
        id="etc. before lowercase",
    ),
    case(
        "en",
        "They sell pens, paper, etc. The shop opens at nine.",
        "They sell pens, paper, etc.",
        "The shop opens at nine.",
        id="etc. ends a sentence before a capital",
    ),
    case(
        "en",
        "The meeting starts at 9 a.m. tomorrow.",
        "The meeting starts at 9 a.m. tomorrow.",
        id="a.m. before lowercase",
    ),
    case(
        "en",
        "The talk ends at 5 p.m. Dinner follows.",
        "The talk ends at 5 p.m.",
        "Dinner follows.",
        id="p.m. ends a sentence before a capital",
    ),
    case(
        "en",
        "It was Korea vs. Japan in the final.",
        "It was Korea vs. Japan in the final.",
        id="vs.",
    ),
    case("en", "See Fig. 3 for the layout.", "See Fig. 3 for the layout.", id="Fig. 3"),
    case(
        "en",
        "She has a Ph.D. in linguistics.",
        "She has a Ph.D. in linguistics.",
        id="Ph.D.",
    ),
    case(
        "en",
        "St. Louis hosted the fair. Crowds came.",
        "St. Louis hosted the fair.",
        "Crowds came.",
        id="St.",
    ),
]

ENGLISH = [
    case(
        "en",
        'He said, "We are ready." Then he left.',
        'He said, "We are ready."',
        "Then he left.",
        id="closing quote stays with its sentence",
    ),
    case(
        "en",
        "He said, “We are ready.” Then he left.",
        "He said, “We are ready.”",
        "Then he left.",
        id="curly closing quote stays with its sentence",
    ),
    case(
        "en",
        '"Are you sure?" she asked.',
        '"Are you sure?" she asked.',
        id="question in a quotation, then lowercase",
    ),
    case(
        "en",
        "Stop! Look at this. Really?",
        "Stop!",
        "Look at this.",
        "Really?",
        id="exclamation and question marks",
    ),
    case(
        "en",
        "(The figures are preliminary.) The report follows.",
        "(The figures are preliminary.)",
        "The report follows.",
        id="closing parenthesis stays with its sentence",
    ),
    case(
        "en",
        "He paused... and then continued.",
        "He paused... and then continued.",
        id="ellipsis before lowercase goes on",
    ),
    case(
        "en",
        "We waited for hours... Nobody came.",
        "We waited for hours...",
        "Nobody came.",
        id="ellipsis before a capital ends the sentence",
    ),
    case(
        "en",
        "She hesitated… then signed.",
        "She hesitated… then signed.",
        id="ellipsis character before lowercase goes on",
    ),
    case(
        "en",
        "The call dropped… The line was dead.",
        "The call dropped…",
        "The line was dead.",
        id="ellipsis character before a capital ends the sentence",
    ),
    case(
        "en",
        'It went quiet... "Hello?" she called.',
        "It went quiet...",
        '"Hello?" she called.',
        id="ellipsis before an opening quote ends the sentence",
    ),
]

NUMBERS_AND_ADDRESSES = [
    case(
        "en",
        "Revenue grew 3.5 percent in the quarter. Costs fell.",
        "Revenue grew 3.5 percent in the quarter.",
        "Costs fell.",
        id="decimal number",
    ),
    case(
        "en",
        "Version 2.10.1 fixes the bug. Update today.",
        "Version 2.10.1 fixes the bug.",
        "Update today.",
        id="version number",
    ),
    case(
        "en",
        "Read https://example.com/guide/v1.2/index.html before you start. It is short.",
        "Read https://example.com/guide/v1.2/index.html before you start.",
        "It is short.",
        id="URL",
    ),
    case(
        "en",
        "The docs are at https://example.org/docs. Read them first.",
        "The docs are at https://example.org/docs.",
        "Read them first.",
        id="URL ending a sentence",
    ),
    case(
        "en",
        "Visit www.example.co.kr for details.",
        "Visit www.example.co.kr for details.",
        id="host name",
    ),
    case(
        "en",
        "Write to kim.minji@example.co.kr with questions. We reply fast.",
        "Write to kim.minji@example.co.kr with questions.",
        "We reply fast.",
        id="e-mail address",
    ),
    case(
        "en",
        "Contact lee@example.com. He will answer.",
        "Contact lee@example.com.",
        "He will answer.",
        id="e-mail address ending a sentence",
    ),
    case("en", "It cost $1,250.75 in total.", "It cost $1,250.75 in total.", id="money"),
    case(
        "en",
        "The server at 192.168.0.1 is down.",
        "The server at 192.168.0.1 is down.",
        id="IP address",
    ),
    case(
        "en",
        "The score was 2. Then it rained.",
        "The score was 2.",
        "Then it rained.",
        id="a number ending a sentence",
    ),
]

LISTS = [
    case(
        "en",
        "Steps:\n1. Open the file.\n2. Check the terms.",
        "Steps:",
        "1. Open the file.",
        "2. Check the terms.",
        id="numbered list",
    ),
    case(
        "en",
        "1. First item\n2. Second item",
        "1. First item",
        "2. Second item",
        id="numbered list without full stops",
    ),
    case("en", "1. Introduction", "1. Introduction", id="numbered heading"),
    case("en", "1.2. Scope of the work", "1.2. Scope of the work", id="nested heading"),
    case(
        "en",
        "- first point\n- second point",
        "- first point",
        "- second point",
        id="bullets",
    ),
    case(
        "ko",
        "준비물은 다음과 같다.\n1) 여권\n2) 항공권",
        "준비물은 다음과 같다.",
        "1) 여권",
        "2) 항공권",
        id="Korean 1) items",
    ),
    case(
        "ko",
        "가. 신청 방법\n나. 제출 서류",
        "가. 신청 방법",
        "나. 제출 서류",
        id="Korean 가. 나. items",
    ),
    case(
        "ko",
        "① 접수\n② 심사",
        "① 접수",
        "② 심사",
        id="circled numbers",
    ),
]

CHINESE = [
    case(
        "zh",
        "今天天气很好。我们去公园吧！你来吗？",
        "今天天气很好。",
        "我们去公园吧！",
        "你来吗？",
        id="full stops without spaces",
    ),
    case(
        "zh-Hant",
        "這是第一句。這是第二句。",
        "這是第一句。",
        "這是第二句。",
        id="traditional script tag",
    ),
    case(
        "zh-Hans",
        "他说：“我们一定会成功！”大家都笑了。",
        "他说：“我们一定会成功！”",
        "大家都笑了。",
        id="closing quote after ！ stays",
    ),
    case(
        "zh",
        "她说：「明天见。」然后离开了。",
        "她说：「明天见。」",
        "然后离开了。",
        id="corner bracket after 。 stays",
    ),
    case(
        "zh",
        "增长率为3.5%。这是新高。",
        "增长率为3.5%。",
        "这是新高。",
        id="decimal number",
    ),
    case(
        "zh",
        "增长率为３．５％。这是新高。",
        "增长率为３．５％。",
        "这是新高。",
        id="full-width decimal number",
    ),
    case(
        "zh",
        "他想了想……最后还是走了。",
        "他想了想……最后还是走了。",
        id="ellipsis inside a sentence",
    ),
    case("zh", "第一句。 第二句。", "第一句。", "第二句。", id="space after the full stop"),
    case(
        "zh",
        "真的吗？！太好了。",
        "真的吗？！",
        "太好了。",
        id="several marks together",
    ),
    case(
        "zh",
        "详见https://example.cn/a.html。谢谢。",
        "详见https://example.cn/a.html。",
        "谢谢。",
        id="URL before a full stop",
    ),
]

JAPANESE = [
    case(
        "ja",
        "今日は晴れです。明日は雨でしょう。",
        "今日は晴れです。",
        "明日は雨でしょう。",
        id="full stops without spaces",
    ),
    case(
        "ja",
        "彼は「すぐに行きます。」と言った。",
        "彼は「すぐに行きます。」と言った。",
        id="quotation before と",
    ),
    case(
        "ja",
        "「ありがとう。」彼女は笑った。",
        "「ありがとう。」",
        "彼女は笑った。",
        id="closing bracket stays",
    ),
    case(
        "ja",
        "「ありがとう。」ところで、明日は？",
        "「ありがとう。」",
        "ところで、明日は？",
        id="ところで starts a sentence",
    ),
    case(
        "ja-JP",
        "本当ですか？はい、そうです。",
        "本当ですか？",
        "はい、そうです。",
        id="question mark",
    ),
    case(
        "ja",
        "これは例です．次の例です．",
        "これは例です．",
        "次の例です．",
        id="full-width full stop",
    ),
    case(
        "ja",
        "（これは注です。）次の文です。",
        "（これは注です。）",
        "次の文です。",
        id="closing parenthesis stays",
    ),
]

PARAGRAPHS = [
    case(
        "en",
        "First paragraph has no stop\n\nSecond paragraph starts here.",
        "First paragraph has no stop",
        "Second paragraph starts here.",
        id="blank line ends a sentence",
    ),
    case(
        "en",
        "This sentence wraps\nacross two lines.",
        "This sentence wraps\nacross two lines.",
        id="single line break does not",
    ),
    case("en", "One.\r\n\r\nTwo", "One.", "Two", id="CRLF blank line"),
    case(
        "en",
        "See the note dated Jan.\n\nNext part",
        "See the note dated Jan.",
        "Next part",
        id="blank line after an abbreviation",
    ),
    case("en", "Part one\u2029Part two", "Part one", "Part two", id="paragraph separator"),
    case(
        "ko",
        "첫 문단이다\n\n둘째 문단이다. 끝이다.\n \n셋째 문단",
        "첫 문단이다",
        "둘째 문단이다.",
        "끝이다.",
        "셋째 문단",
        id="Korean paragraphs, blank line with a space",
    ),
    case("zh", "第一段\n\n第二段。", "第一段", "第二段。", id="Chinese paragraphs"),
    case(
        "ko",
        "세계인공지능대회가 상하이에서 열렸다. 참가 기업은 800곳이 넘었다.\n\n"
        '센스타임(SenseTime) 관계자는 "올해는 응용의 해다."라고 말했다. '
        "그는 U.S. 시장도 언급했다.\n\n"
        "주요 일정\n1) 개막식\n2) 전시",
        "세계인공지능대회가 상하이에서 열렸다.",
        "참가 기업은 800곳이 넘었다.",
        '센스타임(SenseTime) 관계자는 "올해는 응용의 해다."라고 말했다.',
        "그는 U.S. 시장도 언급했다.",
        "주요 일정",
        "1) 개막식",
        "2) 전시",
        id="Korean news article",
    ),
    case(
        "en",
        "Dr. Lee opened the session at 9 a.m. sharp. She thanked Acme Inc. for hosting.\n\n"
        "The agenda:\n1. Keynote\n2. Panel on U.S. policy\n\n"
        "Slides are at https://example.com/wa.2025/slides.pdf. Questions go to info@example.com.",
        "Dr. Lee opened the session at 9 a.m. sharp.",
        "She thanked Acme Inc. for hosting.",
        "The agenda:",
        "1. Keynote",
        "2. Panel on U.S. policy",
        "Slides are at https://example.com/wa.2025/slides.pdf.",
        "Questions go to info@example.com.",
        id="English report",
    ),
]

OTHER_LANGUAGES = [
    case(
        "de",
        "Das gilt z. B. für Verträge. Er stimmte zu.",
        "Das gilt z. B. für Verträge.",
        "Er stimmte zu.",
        id="German z. B.",
    ),
    case(
        "de",
        "Das gilt z. B. Verträge. Er stimmte zu.",
        "Das gilt z. B. Verträge.",
        "Er stimmte zu.",
        id="German z. B. before a noun",
    ),
    case("de", "Am 3. Oktober ist Feiertag.", "Am 3. Oktober ist Feiertag.", id="German ordinal"),
    case(
        "de-DE",
        "Das ist gut. Wir gehen jetzt.",
        "Das ist gut.",
        "Wir gehen jetzt.",
        id="German sentences",
    ),
    case(
        "fr",
        "M. Dupont est arrivé. Il a souri.",
        "M. Dupont est arrivé.",
        "Il a souri.",
        id="French M.",
    ),
    case(
        "fr",
        "Vous venez ? Oui, bien sûr.",
        "Vous venez ?",
        "Oui, bien sûr.",
        id="French space before a question mark",
    ),
    case(
        "es",
        "¿Dónde está el informe? Está aquí.",
        "¿Dónde está el informe?",
        "Está aquí.",
        id="Spanish inverted question mark",
    ),
    case(
        "es",
        "La Sra. García llegó. Todos aplaudieron.",
        "La Sra. García llegó.",
        "Todos aplaudieron.",
        id="Spanish Sra.",
    ),
    case(
        "ru",
        "Это пример. Вот ещё один.",
        "Это пример.",
        "Вот ещё один.",
        id="Russian with generic rules",
    ),
    case(
        "sw",
        "Habari yako? Nzuri sana.",
        "Habari yako?",
        "Nzuri sana.",
        id="language without its own rules",
    ),
    case("en", "", id="empty text"),
    case("en", "  \n\t ", id="whitespace only"),
    case("en", "  Hello there.  ", "Hello there.", id="whitespace around the text"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), KOREAN_QUOTATIONS)
def test_korean_quotations(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), KOREAN)
def test_korean(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), ENGLISH_ABBREVIATIONS)
def test_english_abbreviations(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), ENGLISH)
def test_english(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), NUMBERS_AND_ADDRESSES)
def test_numbers_and_addresses(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), LISTS)
def test_lists(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), CHINESE)
def test_chinese(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), JAPANESE)
def test_japanese(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), PARAGRAPHS)
def test_paragraphs(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), OTHER_LANGUAGES)
def test_other_languages_and_edges(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_spans_are_offsets_into_the_text() -> None:
    text = " 첫 문장이다.  둘째 문장이다. "
    assert split_sentences(text, "ko") == [Span(1, 8), Span(10, 18)]


@pytest.mark.parametrize(
    ("tag", "same_as"),
    [
        pytest.param("ko-KR", "ko", id="region"),
        pytest.param("ko_KR", "ko", id="underscore"),
        pytest.param("KO", "ko", id="upper case"),
        pytest.param("zh-Hant", "zh", id="traditional Chinese"),
        pytest.param("zh-Hans-CN", "zh", id="simplified Chinese with region"),
        pytest.param("en-GB", "en", id="English region"),
        pytest.param("ja-JP", "ja", id="Japanese region"),
        pytest.param("kok", "xx", id="Konkani is not Korean"),
        pytest.param("", "xx", id="empty tag gets the generic rules"),
    ],
)
def test_primary_subtag_chooses_the_rules(tag: str, same_as: str) -> None:
    segmenter = default_segmenter()
    assert segmenter.rules_for(tag) == segmenter.rules_for(same_as)


def test_languages_get_their_own_rules() -> None:
    segmenter = default_segmenter()
    generic = segmenter.rules_for("xx")
    for lang in ("ko", "ja", "en", "de", "fr", "es"):
        assert len(segmenter.rules_for(lang)) > len(generic), lang
    assert segmenter.rules_for("zh") != generic  # English names inside Chinese text


# Text made of the characters that decide breaks, to try the rules on what no table lists.
ALPHABET = st.sampled_from(
    [
        *"가다요라고며하 aZIe.?!…。．！？」』”’\"'()（）0123456789-\n\t\u3000\u00a0\u2029",
        *("Dr.", "U.S.", "라고", "https://a.b/c.d", "\n\n", "1. ", "2) ", "...", "と"),
    ]
)
LANGS = st.sampled_from(
    ["ko", "ko-KR", "en", "en-US", "zh-Hant", "zh-Hans", "ja", "de", "fr", "xx"]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(ALPHABET, max_size=80).map("".join), st.text(max_size=80)), LANGS)
def test_spans_partition_the_text(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    position = 0
    for span in spans:
        assert position <= span.start < span.end <= len(text)
        assert text[position : span.start].strip() == ""  # only whitespace between sentences
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        assert not re.search(r"\n\s*\n", text[span.start : span.end])
        position = span.end
    assert text[position:].strip() == ""
    pieces = []
    previous = 0
    for span in spans:
        pieces += [text[previous : span.start], text[span.start : span.end]]
        previous = span.end
    assert "".join(pieces) + text[previous:] == text


# Java regex translation --------------------------------------------------------------------

JAVA_REGEXES = [
    pytest.param(r"\p{Lu}\p{Ll}+", ["Émile", "Ωmega"], ["émile", "42"], id="Unicode categories"),
    pytest.param(r"\P{L}", ["1", " ", "。"], ["가", "a"], id="negated category"),
    pytest.param(r"\pL", ["가"], ["1"], id="one-letter category"),
    pytest.param(r"\p{IsLu}", ["A"], ["a"], id="Is prefix"),
    pytest.param(r"\p{Punct}", ["!", "."], ["。", "a"], id="POSIX class is ASCII"),
    pytest.param(r"\p{javaLowerCase}", ["ß"], ["A"], id="java property"),
    pytest.param(r"[\p{Lu}\d]", ["A", "7"], ["a"], id="category inside a class"),
    pytest.param(r"[^\P{Lu}]", ["A"], ["a"], id="double negation"),
    pytest.param(r"[\p{L}&&[^rwn]]", ["a", "가"], ["r", "n", "1"], id="class intersection"),
    pytest.param(r"[a-z[0-9]]", ["q", "5"], ["Q"], id="class union"),
    pytest.param(r"[^a-c&&[^b]]", ["b", "z"], ["a", "c"], id="negated intersection"),
    pytest.param(r"\Qa.b*\E", ["a.b*"], ["axbb"], id="quoted literal"),
    pytest.param(r"[\Q]-[\E]", ["]", "-", "["], ["a"], id="quoted literal in a class"),
    pytest.param(r"x*+x?y", ["xxy", "y"], ["xx"], id="possessive quantifier"),
    pytest.param(r"(?>ab|a)b", ["abb"], ["ab"], id="atomic group"),
    pytest.param(r"\b(?i)mgr\.", ["MGR.", "mgr."], ["mgrx"], id="inline flag mid-pattern"),
    pytest.param(r"((?i)jan|feb)\.", ["JAN.", "Feb."], ["mar."], id="inline flag in a group"),
    pytest.param(r"(?i)a(?-i)b", ["Ab"], ["AB"], id="flag switched off again"),
    pytest.param(r"(?iu)é", ["É"], ["e"], id="Java-only u flag"),
    pytest.param(r"(?<y>\d)-\k<y>", ["1-1"], ["1-2"], id="named group"),
    pytest.param(r"\x{1F600}\u00e9\x41\0101", ["😀éAA"], ["😀eAA"], id="character escapes"),
    pytest.param(r"a\h+b", ["a \u3000b"], ["a\nb"], id="horizontal space"),
    pytest.param(r"a\Rb", ["a\r\nb", "a\nb"], ["ab"], id="line break"),
    pytest.param(r"\s(?:\.\.\.|…)\ x", [" ... x", " … x"], ["... x"], id="escaped space"),
    pytest.param(r"[-*•]", ["-", "•"], ["a"], id="hyphen first in a class"),
]


@pytest.mark.parametrize(("java", "matching", "other"), JAVA_REGEXES)
def test_java_regex(java: str, matching: list[str], other: list[str]) -> None:
    pattern = compile_java_regex(java)
    for text in matching:
        assert pattern.fullmatch(text), text
    for text in other:
        assert not pattern.fullmatch(text), text


@pytest.mark.parametrize(
    "java",
    [
        pytest.param(r"\G", id="previous match end"),
        pytest.param(r"\p{IsHan}", id="script property"),
        pytest.param(r"\p{Lu", id="unclosed property"),
        pytest.param(r"[a-", id="unclosed class"),
        pytest.param(r"(a", id="unclosed group"),
        pytest.param(r"a)", id="unopened group"),
        pytest.param(r"\x{zz}", id="bad hex escape"),
        pytest.param(r"\N{NO SUCH CHARACTER}", id="unknown character name"),
        pytest.param("a\\", id="trailing backslash"),
        pytest.param(r"[z-a]", id="reversed range"),
    ],
)
def test_java_regex_rejects(java: str) -> None:
    with pytest.raises(JavaRegexError):
        compile_java_regex(java)


def test_translation_keeps_python_flags_scoped() -> None:
    assert java_regex(r"\b(?iu)mgr\.") == r"\b(?i:mgr\.)"


# SRX documents -----------------------------------------------------------------------------


def srx(rules: str, maps: str, cascade: str = "yes") -> SrxSegmenter:
    return SrxSegmenter.from_xml(
        f'<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="{cascade}"/>'
        f"<body><languagerules>{rules}</languagerules><maprules>{maps}</maprules></body></srx>"
    )


def rule(before: str, after: str, breaks: bool = True) -> str:
    attribute = "yes" if breaks else "no"
    return (
        f'<rule break="{attribute}"><beforebreak>{before}</beforebreak>'
        f"<afterbreak>{after}</afterbreak></rule>"
    )


def language_rule(name: str, *rules: str) -> str:
    return f'<languagerule languagerulename="{name}">{"".join(rules)}</languagerule>'


def language_map(pattern: str, name: str) -> str:
    return f'<languagemap languagepattern="{pattern}" languagerulename="{name}"/>'


ABBREVIATION = language_rule("A", rule(r"Dr\.", r"\s", breaks=False))
STOP = language_rule("B", rule(r"\.", r"\s"))


def test_first_matching_rule_decides() -> None:
    text = "Dr. Kim came. He sat."
    no_break_first = srx(ABBREVIATION + STOP, language_map(".*", "A") + language_map(".*", "B"))
    break_first = srx(ABBREVIATION + STOP, language_map(".*", "B") + language_map(".*", "A"))
    assert no_break_first.breaks(text, "en") == [13]
    assert break_first.breaks(text, "en") == [3, 13]


def test_cascade_no_stops_at_the_first_map() -> None:
    maps = language_map("en.*", "A") + language_map(".*", "B")
    text = "Dr. Kim. He."
    assert srx(ABBREVIATION + STOP, maps, cascade="no").breaks(text, "en") == []
    assert srx(ABBREVIATION + STOP, maps, cascade="no").breaks(text, "fr") == [3, 8]
    assert srx(ABBREVIATION + STOP, maps, cascade="yes").breaks(text, "en") == [8]


def test_language_patterns_ignore_case() -> None:
    assert srx(STOP, language_map("EN.*", "B")).breaks("One. Two.", "en-us") == [4]


def test_srx_1_0_namespace() -> None:
    document = (
        '<srx xmlns="http://www.lisa.org/srx10" version="1.0"><header/><body>'
        f'<languagerules>{STOP}</languagerules><maprules><maprule maprulename="m">'
        f"{language_map('.*', 'B')}</maprule></maprules></body></srx>"
    )
    assert SrxSegmenter.from_xml(document).breaks("One. Two.", "en") == [4]


@pytest.mark.parametrize(
    "document",
    [
        pytest.param("<srx><body>", id="not well-formed"),
        pytest.param(
            '<srx><body><maprules><languagemap languagepattern=".*" languagerulename="Z"/>'
            "</maprules></body></srx>",
            id="map to an undefined language rule",
        ),
        pytest.param(
            '<srx><body><languagerules><languagerule languagerulename="A">'
            "<rule><beforebreak>(?&lt;=a+)</beforebreak></rule>"
            "</languagerule></languagerules></body></srx>",
            id="variable-width lookbehind",
        ),
    ],
)
def test_bad_srx_documents(document: str) -> None:
    with pytest.raises(SrxError):
        SrxSegmenter.from_xml(document)


def test_our_rules_ship_in_the_package() -> None:
    folder = resources.files("workbench.formats").joinpath("rules")
    assert sorted(entry.name for entry in folder.iterdir()) == ["workbench.srx"]


CORPUS_SRX = [
    pytest.param("omegat/defaultRules.srx", 2772, id="OmegaT"),
    pytest.param("openxliff/default.srx", 1985, id="OpenXLIFF"),
    pytest.param("okapi/alternate-default.srx", 980, id="Okapi alternate"),
    pytest.param("okapi/defaultSegmentation.srx", 10, id="Okapi default"),
    pytest.param("okapi/Test01.srx", 2, id="Okapi test 1"),
    pytest.param("okapi/issue277.srx", 2, id="Okapi issue 277"),
]


@pytest.mark.parametrize(("name", "rule_count"), CORPUS_SRX)
def test_every_rule_of_the_corpus_srx_files_compiles(
    shared: Path, name: str, rule_count: int
) -> None:
    segmenter = SrxSegmenter.from_xml((shared / "corpus" / "srx" / name).read_bytes())
    assert sum(len(rules) for rules in segmenter.language_rules.values()) == rule_count


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        case("en", "Dr. Kim came. He left.", "Dr. Kim came.", "He left.", id="English"),
        case("ja", "晴れです。雨です。", "晴れです。", "雨です。", id="Japanese"),
        case("de", "Das gilt z. B. hier. Gut.", "Das gilt z. B. hier.", "Gut.", id="German"),
    ],
)
def test_omegat_rules_run_on_our_engine(
    shared: Path, lang: str, text: str, expected: list[str]
) -> None:
    document = (shared / "corpus" / "srx" / "omegat" / "defaultRules.srx").read_bytes()
    spans = SrxSegmenter.from_xml(document).split(text, lang)
    assert [text[span.start : span.end] for span in spans] == expected


def test_one_megabyte_of_mixed_text_is_fast() -> None:
    tables = (KOREAN_QUOTATIONS, KOREAN, ENGLISH, CHINESE, JAPANESE, PARAGRAPHS)
    block = "\n\n".join(str(param.values[1]) for table in tables for param in table)
    text = "\n\n".join([block] * (1_000_000 // len(block) + 1))[:1_000_000]
    started = time.perf_counter()
    spans = split_sentences(text, "ko")
    seconds = time.perf_counter() - started
    assert len(spans) > 30_000
    assert seconds < 20, f"1 MB took {seconds:.1f} s"


def test_category_runs_taken_whole_are_what_unicodedata_says() -> None:
    """The blocks the segmenter takes whole (to build in a fifth of the time) hold one
    category each in this Python's Unicode database, and the runs equal a full scan."""
    import unicodedata
    from itertools import pairwise

    from workbench.domain import java_regex as segmenting

    for low, high, category in segmenting._UNIFORM_BLOCKS:
        found = {unicodedata.category(chr(code)) for code in range(low, high + 1)}
        assert found == {category}, f"{low:X}-{high:X}"
    runs = segmenting._category_runs()
    assert runs[0][0] == 0 and runs[-1][1] == 0x10FFFF
    assert all(a[1] + 1 == b[0] and a[2] != b[2] for a, b in pairwise(runs))
    for low, high, category in runs[::50]:
        assert unicodedata.category(chr(low)) == unicodedata.category(chr(high)) == category
