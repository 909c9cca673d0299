"""Per-segment form checks: a passes/fails table per check id, with the exact messages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from _pytest.mark import ParameterSet
from conftest import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.checks import CHECKS, CheckContext, Pair, Profile, Severity, form, run_checks
from workbench.domain.checks.form import length_bounds
from workbench.domain.checks.quotes import read_quotes
from workbench.domain.document import CODE_BASE, MAX_CODES, InlineCode, code_char, code_index

CORPUS = SHARED / "corpus" / "parallel"

# A code table shared by source and target, as a format reader builds it.
CODES = (
    InlineCode("open", "g", "1", '<g id="1">'),
    InlineCode("close", "g", "1", "</g>"),
    InlineCode("open", "g", "2", '<g id="2">'),
    InlineCode("close", "g", "2", "</g>"),
    InlineCode("standalone", "x", "3", '<x id="3"/>'),
)
B1, E1, B2, E2, X3 = (code_char(i) for i in range(5))

Case = tuple[str, str, str, str, str]
"""check id, source, target, source language, target language."""


def messages(
    check_id: str, source: str, target: str, source_lang: str, target_lang: str
) -> list[str]:
    """Messages one check reports on one pair."""
    pair = Pair(source, target, source_lang, target_lang, codes=CODES)
    context = CheckContext(Profile(enabled={check_id}))
    return [issue.message for issue in run_checks([pair], context)]


PASSES: dict[str, list[tuple[str, str, str, str, str]]] = {
    # (case id, source, target, source lang, target lang)
    "untranslated": [
        ("ko-en translated", "센스타임은 상하이에 있다.", "SenseTime is in Shanghai.", "ko", "en"),
        ("en-zh translated", "Hello.", "你好。", "en", "zh"),
        ("empty source", "  ", "", "en", "ko"),
        ("codes only source", B1 + E1, "", "en", "ja"),
        ("zh-en translated", "中科聞歌", "Beijing Wenge Technology", "zh", "en"),
    ],
    "same_as_source": [
        ("brand", "SenseTime", "SenseTime", "en", "ko"),
        ("event and year", "WAIC 2025", "WAIC 2025", "en", "zh"),
        ("url", "https://example.com/news", "https://example.com/news", "en", "ko"),
        ("acronym", "CEO", "CEO", "en", "ja"),
        ("percent", "3.5%", "3.5%", "ko", "en"),
        ("codes only", B1 + E1 + X3, B1 + E1 + X3, "en", "ko"),
        ("model name", "GPT-4o", "GPT-4o", "zh", "en"),
        ("lower-case brand", "iPhone 16", "iPhone 16", "ja", "en"),
        ("translated", "The model is ready.", "모델이 준비됐다.", "en", "ko"),
        ("placeholder only", "{count}", "{count}", "en", "zh"),
        ("currency signs", "RMB ￥", "RMB ￥", "en", "ko"),
        ("dollar sign", "$", "$", "en", "zh"),
        ("korean date", "2025년 7월 26일", "2025년 7월 26일", "ko", "ja"),
        ("chinese date", "2025年7月26日", "2025年7月26日", "zh", "ja"),
        (
            "date with weekday and time",
            "Sat, 26 Jul 2025 10:00",
            "Sat, 26 Jul 2025 10:00",
            "en",
            "ko",
        ),
        ("bare domain", "example.com", "example.com", "en", "ko"),
        ("file name", "config.yaml", "config.yaml", "en", "zh"),
        (
            "lines of codes",
            "KR-11\nKR-26\nKR-27\nKR-28\nKR-29",
            "KR-11\nKR-26\nKR-27\nKR-28\nKR-29",
            "ko",
            "en",
        ),
        (
            "list of formats",
            "PDF, DOCX, XLSX, PPTX, ODT, ODS",
            "PDF, DOCX, XLSX, PPTX, ODT, ODS",
            "en",
            "ja",
        ),
        ("measure", "12 kg", "12 kg", "en", "ko"),
        ("stringsdict variable", "%1$#@meters@", "%1$#@meters@", "en", "zh"),
    ],
    "placeholder_mismatch": [
        ("ja-en printf", "%d件のファイル", "%d files", "ja", "en"),
        ("printf kept", "%s uploaded %d files", "%s님이 파일 %d개를 올렸다", "en", "ko"),
        ("numbered printf reordered", "%1$s has %2$d", "%2$d個は%1$sのもの", "en", "ja"),
        ("same-type printf swapped", "%s and %s", "%s和%s", "en", "zh"),
        ("percent sign", "Sales rose 3.5% of the total, 100%% sure", "매출 3.5% 증가", "en", "ko"),
        ("named printf moved", "%(name)s won %(count)d", "%(count)d개 %(name)s", "en", "ko"),
        ("python braces moved", "{user} opened {0}", "{0}을 {user}가 열었다", "en", "ko"),
        (
            "icu plural with translated branches",
            "{count, plural, one {# file} other {# files}} by {name}",
            "{name}의 파일 {count, plural, other {#개}}",
            "en",
            "ko",
        ),
        ("jinja spacing", "Hello {{ user.name }}", "{{user.name}}你好", "en", "zh"),
        ("dollar braces", "Path: ${HOME}", "경로: ${HOME}", "en", "ko"),
        ("korean percent", "점유율은 50%를 넘었다.", "Its share passed 50%.", "ko", "en"),
        (
            "stringsdict variables move",
            "%#@files@ in %#@folders@",
            "%#@folders@의 %#@files@",
            "en",
            "ko",
        ),
        ("empty target", "%s files", "", "en", "ko"),
        ("set braces", "集合{1, 2}", "the set {1, 2}", "zh", "en"),
    ],
    "tag_mismatch": [
        ("ja-en codes", f"{B1}本{E1}です{X3}", f"It is a {B1}book{E1}{X3}", "ja", "en"),
        (
            "codes kept",
            f"{B1}센스타임{E1}은 {X3} 말했다",
            f"{B1}SenseTime{E1} said {X3}",
            "ko",
            "en",
        ),
        (
            "pairs reordered but nested",
            f"{B1}中科聞歌{E1}和{B2}商湯{E2}",
            f"{B2}SenseTime{E2} and {B1}Wenge{E1}",
            "zh",
            "en",
        ),
        ("nested pairs", f"{B1}a {B2}b{E2}{E1}", f"{B1}가 {B2}나{E2}{E1}", "en", "ko"),
        ("html kept", "Press <b>Save</b><br/>now", "<b>保存</b>を押す<br>", "en", "ja"),
        (
            "html attribute translated",
            '<a title="home">Home</a>',
            '<a title="홈">홈</a>',
            "en",
            "ko",
        ),
        ("comparison signs", "a < b and c > d", "a 小于 b，c 大于 d", "en", "zh"),
    ],
    "tag_order": [
        ("en-zh same order", f"{B1}Open{E1} {X3}", f"{B1}打开{E1}{X3}", "en", "zh"),
        ("same order", f"{B1}a{E1} {B2}b{E2}", f"{B1}가{E1} {B2}나{E2}", "en", "ko"),
        ("single pair", f"{B1}中科聞歌{E1}", f"{B1}Wenge{E1}", "zh", "en"),
        ("broken nesting is tag_mismatch", f"{B1}a{E1}", f"{E1}a{B1}", "ja", "en"),
    ],
    "url_mismatch": [
        ("ja-en url", "詳細はhttps://example.jp/aiへ。", "See https://example.jp/ai.", "ja", "en"),
        (
            "url with korean particle",
            "자세한 내용은 https://example.com/ai에서 볼 수 있다.",
            "See https://example.com/ai for details.",
            "ko",
            "en",
        ),
        (
            "url in parentheses and email",
            "Write to press@example.org (see https://example.org/faq).",
            "请写信至press@example.org（见https://example.org/faq）。",
            "en",
            "zh",
        ),
        (
            "url with parentheses",
            "See https://w.org/A_(b).",
            "https://w.org/A_(b)を参照。",
            "en",
            "ja",
        ),
        ("no links", "商湯科技", "SenseTime", "zh", "en"),
        ("www", "www.example.com", "www.example.com", "en", "ko"),
    ],
    "bracket_mismatch": [
        ("en-zh to full-width", "SenseTime (Shanghai) said", "商汤（上海）表示", "en", "zh"),
        ("full-width equals half-width", "他（史軍）说", "He (Shi Jun) said", "zh", "en"),
        ("dropped gloss", "센스타임(SenseTime)은 말했다.", "SenseTime said.", "ko", "en"),
        (
            "korean title brackets into english",
            "《인민일보》에 따르면",
            "According to People's Daily",
            "ko",
            "en",
        ),
        ("title brackets kept between cjk", "《人民日报》报道", "《人民日报》は報じた", "zh", "ja"),
        (
            "icu braces ignored",
            "{n, plural, one {# day} other {# days}}",
            "{n, plural, other {#일}}",
            "en",
            "ko",
        ),
        ("square brackets kept", "[Updated] AI", "[업데이트] AI", "en", "ko"),
        (
            "hanja gloss dropped",
            "현장법사(玄奘法師)는 번역가다.",
            "Xuan Zang was a translator.",
            "ko",
            "en",
        ),
        (
            "hanja gloss with dates",
            "당대(唐代, 618-907)의 승려",
            "a monk of the Tang dynasty",
            "ko",
            "en",
        ),
        ("hanja gloss added", "the frigid zone", "한대(寒帶)", "en", "ko"),
        (
            "a han gloss the target keeps in brackets",
            "원거테크놀러지(中科聞歌)는",
            "Beijing Wenge Technology (中科聞歌)",
            "ko",
            "en",
        ),
        (
            "a name glossed in latin and han",
            "원거테크놀러지(Beijing Wenge Technology, 中科聞歌)는",
            "Beijing Wenge Technology (中科聞歌)",
            "ko",
            "en",
        ),
        ("ja corner quotes are quotes", "「AI」と言った", "He said “AI”", "ja", "en"),
    ],
    "bracket_unbalanced": [
        ("en-zh full-width", "Shi Jun (史軍)", "史军（史軍）", "en", "zh"),
        ("balanced", "他（史軍）说", "He (Shi Jun) said", "zh", "en"),
        ("list numbering in both", "1) 준비 2) 실행", "1) prepare 2) run", "ko", "en"),
        ("no brackets", "これは本です。", "This is a book.", "ja", "en"),
        ("lenticular", "【速報】AI", "【速报】AI", "ja", "zh"),
        ("icu", "{n, plural, other {# items}}", "{n, plural, other {#개}}", "en", "ko"),
    ],
    "quote_mismatch": [
        ("korean single quotes glued", "‘상위’그룹이 있다", "a “top” group", "ko", "en"),
        ("mixed curly and straight", "他说“好。”", 'He said “fine."', "zh", "en"),
        ("curly quotes", "그는 “좋다”고 말했다.", "He said, “Good.”", "ko", "en"),
        ("corner quotes to curly", "彼は「AI」と言った。", "He said “AI”.", "ja", "en"),
        ("apostrophes", "Don't miss the students’ day.", "학생의 날을 놓치지 마라.", "en", "ko"),
        ("possessive and quote", "It’s ‘SenseTime’s’ model.", "这是“商汤”的模型。", "en", "zh"),
        ("rock n roll", "rock 'n' roll", "로큰롤", "en", "ko"),
        ("straight quotes", 'He said "yes".', "他说“是”。", "en", "zh"),
        ("apostrophe in target", "它是OpenAI的模型。", "It's OpenAI's model.", "zh", "en"),
        ("single straight quotes", "The 'AI' boom", "‘AI’ 붐", "en", "ko"),
        (
            "korean particles after closing quotes",
            "'체험+대화'의 성과와 '중국 해법'을 소개했다.",
            "It presented the results of 'experience plus dialogue' and the 'Chinese solution'.",
            "ko",
            "en",
        ),
        (
            "quote before a quoting particle",
            "소는 '그래서 주는 거야.'라고 했다.",
            "The cow said, 'That is why I give.'",
            "ko",
            "en",
        ),
        (
            "korean quotes written the wrong way round",
            "극장에서는 ’베어‘와 ’스타워즈‘를 상영한다.",
            "The theater is showing 'Bear' and 'Star Wars'.",
            "ko",
            "en",
        ),
        (
            "afrikaans 'n is a word",
            "Enter the code on the <a href='%s'>page</a>.",
            "Tik 'n kode op die <a href='%s'>blad</a> in.",
            "en",
            "af",
        ),
        (
            "speaker inside the quotation",
            '"우리가 식량을 기를 수 없는 이유는 물이 없기 때문입니다." 그는 덧붙인다.',
            '"The reason we cannot grow food," he adds, "is that there is no water."',
            "ko",
            "en",
        ),
        (
            "quotation going on in the next segment",
            "남편은 “나라면 걱정하지 않겠소.",
            '"I would not worry," he replied.',
            "ko",
            "en",
        ),
        (
            "both open to the next segment",
            "그녀는 “엄마가 한 시간 전에 쇼핑하러 가셨어.",
            'She answered, "Mother went shopping an hour ago.',
            "ko",
            "en",
        ),
        ("german quotes", "Click “Save” to keep it.", "Klicken Sie auf „Speichern“.", "en", "de"),
        (
            "emphasis dropped is a note",
            "그는 ‘노인 영화’ 장르의 배우다.",
            "He acts in elderly films.",
            "ko",
            "en",
        ),
        ("a UI label quoted", "Touch Retry.", "'Wiederholen' drücken.", "en", "de"),
    ],
    "quote_emphasis": [
        ("same quotes", "그는 ‘상위’ 그룹이다.", "He is in the ‘top’ group.", "ko", "en"),
        ("speech dropped is quote_mismatch's", "他说“好。”", "He agreed.", "zh", "en"),
        ("no quotes", "It works.", "작동한다.", "en", "ko"),
        ("broken quotes are quote_mismatch's", "The “AI” boom", "“AI 热潮", "en", "zh"),
        ("corner quotes to curly", "彼は「AI」と言った。", "He said “AI”.", "ja", "en"),
    ],
    "end_punctuation": [
        ("ko period", "센스타임이 발표했다.", "SenseTime announced it.", "ko", "en"),
        ("chinese full stop", "商汤发布了模型。", "SenseTime released a model.", "zh", "en"),
        ("english to chinese", "Is it ready?", "准备好了吗？", "en", "zh"),
        ("japanese exclamation", "すごい！", "Amazing!", "ja", "en"),
        ("closing quote skipped", "他说：“好。”", "He said: “Good.”", "zh", "en"),
        ("quote outside period", "그는 “좋다.”", "He said “good”.", "ko", "en"),
        ("colon", "参加者：", "Participants:", "zh", "en"),
        ("ellipsis", "그리고…", "And...", "ko", "en"),
        ("code at end", f"발표했다.{X3}", f"It announced.{X3}", "ko", "en"),
        ("no source punctuation", "세계인공지능대회", "World AI Conference", "ko", "en"),
        ("english to korean", "It works.", "작동한다.", "en", "ko"),
        ("abbreviation", "Order No.", "注文番号", "en", "ja"),
        ("abbreviation to korean", "Order No.", "주문 번호", "en", "ko"),
        ("company form", "Samsung Electronics Co.", "三星电子", "en", "zh"),
        ("a target ending on an abbreviation", "Ext. Rep.", "Rep. Ext.", "en", "es"),
        (
            "question of a quotation the source quotes mid-sentence",
            '남편은 “뭐라고요?" 라며 소리를 질렀다.',
            'And he would yell, "What?"',
            "ko",
            "en",
        ),
        (
            "exclamation of a quotation",
            "어머니는 “민호야, 너는 정말 게으르구나!”라고 말씀하신다.",
            'Mother says, "You are so lazy, Min-ho!"',
            "ko",
            "en",
        ),
    ],
    "end_punctuation_added": [
        ("en-ko neither ends", "Release notes", "릴리스 노트", "en", "ko"),
        ("both end", "商汤发布了模型。", "SenseTime released a model.", "zh", "en"),
        ("neither ends", "세계인공지능대회", "World AI Conference", "ko", "en"),
        ("heading", "Release notes", "リリースノート", "en", "ja"),
        ("after an abbreviation", "Order No.", "주문 번호.", "en", "ko"),
    ],
    "leading_trailing_space": [
        ("same", " 센스타임 ", " SenseTime ", "ko", "en"),
        ("none", "商汤", "SenseTime", "zh", "en"),
        ("newline kept", "Hello\n", "你好\n", "en", "zh"),
        ("empty target", " a ", "", "en", "ko"),
        ("ja", "「AI」", "“AI”", "ja", "en"),
        # Chinese and Japanese join words and sentences without spaces: a string's joining
        # space has no place there (Amount: + value, sentence + next sentence)
        ("joining space dropped in chinese", " Hello", "你好", "en", "zh"),
        ("trailing space dropped in japanese", "Amount: ", "金額：", "en", "ja"),
    ],
    "double_space": [
        ("single spaces", "센스타임이 발표했다.", "SenseTime announced it.", "ko", "en"),
        ("layout kept", "Name:  value", "Nom :  valeur", "en", "fr"),
        ("edge spaces", "商汤 ", "SenseTime  ", "zh", "en"),
        ("ja to en", "これは本です。", "This is a book.", "ja", "en"),
        ("en to zh", "Hello world.", "你好 世界。", "en", "zh"),
    ],
    "repeated_word": [
        ("no repeat", "센스타임이 발표했다.", "SenseTime announced it.", "ko", "en"),
        ("source repeats too", "Bye bye.", "Bye bye.", "en", "en"),
        ("numbers", "10 10 matches", "10 10 경기", "en", "ko"),
        ("cjk without spaces", "的的确确", "indeed", "zh", "en"),
        ("korean", "더 빨리", "faster", "ko", "en"),
        ("ja comma", "はいはい", "Yes, yes.", "ja", "en"),
    ],
    "capitalization": [
        (
            "quoted name first",
            'Duplicated "id" in <group>',
            "'id' duplicado en <group>",
            "en",
            "es",
        ),
        ("en-zh no case", "The model works.", "模型可以运行。", "en", "zh"),
        ("capital", "The model works.", "모델이 작동한다.", "en", "ko"),
        ("ko sentence capital", "센스타임이 발표했다.", "SenseTime announced it.", "ko", "en"),
        ("brand in source", "iPhone sales rose.", "iPhone sales rose again.", "en", "en"),
        ("ko brand", "iPhone 판매가 늘었다.", "iPhone sales rose.", "ko", "en"),
        ("number start", "Version 2 is out.", "2 est sorti.", "en", "fr"),
        ("code start", "Click here.", f"{B1}click{E1} ici.", "en", "fr"),
        ("fragment", "商汤科技", "by SenseTime", "zh", "en"),
        ("source lower", "click here", "cliquez ici", "en", "fr"),
        ("ja sentence", "これは本です。", "This is a book.", "ja", "en"),
    ],
    "length_ratio": [
        (
            "ko-en typical",
            "센스타임은 올해 세계인공지능대회에서 새 모델을 공개했다.",
            "SenseTime unveiled a new model at this year's World AI Conference.",
            "ko",
            "en",
        ),
        (
            "en-ko typical",
            "SenseTime unveiled a new model at this year's World AI Conference.",
            "센스타임은 올해 세계인공지능대회에서 새 모델을 공개했다.",
            "en",
            "ko",
        ),
        (
            "zh-en typical",
            "商汤科技在今年的世界人工智能大会上发布了新模型。",
            "SenseTime released a new model at this year's World AI Conference.",
            "zh",
            "en",
        ),
        (
            "en-zh typical",
            "SenseTime released a new model at this year's World AI Conference.",
            "商汤科技在今年的世界人工智能大会上发布了新模型。",
            "en",
            "zh",
        ),
        (
            "ja-en typical",
            "センスタイムは今年の世界人工知能大会で新しいモデルを発表した。",
            "SenseTime presented a new model at this year's World AI Conference.",
            "ja",
            "en",
        ),
        ("short source", "센스타임", "SenseTime, the Shanghai AI company", "ko", "en"),
        ("codes not counted", "A" * 10 + X3 * 20 + "B" * 10, "C" * 20, "en", "fr"),
    ],
}

FAILS: dict[str, list[tuple[str, str, str, str, str, list[str]]]] = {
    # (case id, source, target, source lang, target lang, exact messages)
    "untranslated": [
        ("empty", "센스타임은 상하이에 있다.", "", "ko", "en", ["target is empty"]),
        ("whitespace", "Hello.", "  \n", "en", "zh", ["target is only whitespace"]),
        ("ja empty", "これは本です。", "", "ja", "en", ["target is empty"]),
    ],
    "same_as_source": [
        (
            "english sentence",
            "The model is ready.",
            "The model is ready.",
            "en",
            "ko",
            ["target is identical to source"],
        ),
        (
            "korean copied",
            "센스타임이 발표했다.",
            "센스타임이 발표했다.",
            "ko",
            "en",
            ["target is identical to source"],
        ),
        (
            "chinese copied",
            "商汤发布了模型。",
            "商汤发布了模型。",
            "zh",
            "en",
            ["target is identical to source"],
        ),
        (
            "japanese copied",
            "これは本です。",
            "これは本です。",
            "ja",
            "en",
            ["target is identical to source"],
        ),
        (
            "en to zh copied",
            "Open the file",
            "Open the file",
            "en",
            "zh",
            ["target is identical to source"],
        ),
        (
            "english words with a date",
            "Last updated on 26 July 2025",
            "Last updated on 26 July 2025",
            "en",
            "ja",
            ["target is identical to source"],
        ),
        (
            "lower-case words beside codes",
            "press F1 for help",
            "press F1 for help",
            "en",
            "zh",
            ["target is identical to source"],
        ),
    ],
    "placeholder_mismatch": [
        (
            "printf missing",
            "%s uploaded %d files",
            "%s님이 파일을 올렸다",
            "en",
            "ko",
            ['placeholder "%d" in source, missing in target'],
        ),
        (
            "printf extra",
            "商汤发布了模型",
            "%s released a model",
            "zh",
            "en",
            ['placeholder "%s" in target, not in source'],
        ),
        (
            "positional printf reordered",
            "%s has %d files",
            "%d files of %s",
            "en",
            "zh",
            ["printf placeholders reordered: %s %d in source, %d %s in target"],
        ),
        (
            "brace renamed",
            "Hello {name}",
            "こんにちは{nom}",
            "en",
            "ja",
            [
                'placeholder "{name}" in source, missing in target',
                'placeholder "{nom}" in target, not in source',
            ],
        ),
        (
            "stringsdict variable renamed",
            "%#@files@ found",
            "%#@dirs@ 찾음",
            "en",
            "ko",
            [
                'placeholder "%#@files@" in source, missing in target',
                'placeholder "%#@dirs@" in target, not in source',
            ],
        ),
        (
            "count differs",
            "{0} and {0}",
            "{0}",
            "en",
            "ko",
            ['placeholder "{0}" 2 times in source, 1 in target'],
        ),
        (
            "icu argument renamed",
            "{count, plural, other {# files}}",
            "{n, plural, other {#개}}",
            "en",
            "ko",
            [
                'placeholder "{count, plural}" in source, missing in target',
                'placeholder "{n, plural}" in target, not in source',
            ],
        ),
        (
            "jinja missing",
            "Hi {{ user }}",
            "你好",
            "en",
            "zh",
            ['placeholder "{{ user }}" in source, missing in target'],
        ),
        (
            "dollar missing",
            "${HOME}를 연다",
            "Open HOME",
            "ko",
            "en",
            ['placeholder "${HOME}" in source, missing in target'],
        ),
        (
            "named printf",
            "%(name)s 님",
            "%(nom)s",
            "ko",
            "en",
            [
                'placeholder "%(name)s" in source, missing in target',
                'placeholder "%(nom)s" in target, not in source',
            ],
        ),
    ],
    "tag_mismatch": [
        (
            "code missing",
            f"{B1}센스타임{E1}이 말했다",
            f"{B1}SenseTime said",
            "ko",
            "en",
            ['code "⟨/1⟩" in source, missing in target'],
        ),
        (
            "code extra",
            "商汤",
            f"{X3}SenseTime",
            "zh",
            "en",
            ['code "⟨3/⟩" in target, not in source'],
        ),
        (
            "close before open",
            f"{B1}a{E1}",
            f"{E1}가{B1}",
            "en",
            "ko",
            ["⟨/1⟩ comes before ⟨1⟩ in target"],
        ),
        (
            "overlapping pairs",
            f"{B1}a {B2}b{E2}{E1}",
            f"{B1}a {B2}b{E1}{E2}",
            "en",
            "zh",
            ["⟨/1⟩ closes before ⟨2⟩ in target"],
        ),
        (
            "html close missing",
            "Press <b>Save</b>",
            "<b>저장을 누른다",
            "en",
            "ko",
            ['tag "</b>" in source, missing in target'],
        ),
        (
            "html break extra",
            "첫째 줄",
            "First line<br/>",
            "ko",
            "en",
            ['tag "<br/>" in target, not in source'],
        ),
    ],
    "tag_order": [
        (
            "reordered pairs",
            f"{B1}中科聞歌{E1}和{B2}商湯{E2}",
            f"{B2}SenseTime{E2} and {B1}Wenge{E1}",
            "zh",
            "en",
            ["codes reordered: ⟨1⟩ ⟨/1⟩ ⟨2⟩ ⟨/2⟩ in source, ⟨2⟩ ⟨/2⟩ ⟨1⟩ ⟨/1⟩ in target"],
        ),
        (
            "standalone moved",
            f"{X3}센스타임 {B1}발표{E1}",
            f"{B1}Announced{E1} by SenseTime {X3}",
            "ko",
            "en",
            ["codes reordered: ⟨3/⟩ ⟨1⟩ ⟨/1⟩ in source, ⟨1⟩ ⟨/1⟩ ⟨3/⟩ in target"],
        ),
    ],
    "url_mismatch": [
        (
            "url changed",
            "자세한 내용은 https://example.com/ai에서",
            "Details at https://example.com/AI",
            "ko",
            "en",
            [
                'URL "https://example.com/ai" in source, missing in target',
                'URL "https://example.com/AI" in target, not in source',
            ],
        ),
        (
            "email missing",
            "请联系press@example.org。",
            "Contact the press office.",
            "zh",
            "en",
            ['e-mail address "press@example.org" in source, missing in target'],
        ),
        (
            "url dropped",
            "See https://example.org/faq.",
            "FAQを参照。",
            "en",
            "ja",
            ['URL "https://example.org/faq" in source, missing in target'],
        ),
        (
            "www extra",
            "공식 사이트",
            "official site www.example.com",
            "ko",
            "en",
            ['URL "www.example.com" in target, not in source'],
        ),
        (
            "email changed",
            "Mail a@b.co",
            "邮件a@b.com",
            "en",
            "zh",
            [
                'e-mail address "a@b.co" in source, missing in target',
                'e-mail address "a@b.com" in target, not in source',
            ],
        ),
    ],
    "bracket_mismatch": [
        (
            "parentheses dropped",
            "모델(초안)을 공개했다",
            "It released the draft model",
            "ko",
            "en",
            ['"()" 1 pair in source, 0 in target'],
        ),
        (
            "parentheses added",
            "商汤发布了模型。",
            "SenseTime (Shanghai) released a model.",
            "zh",
            "en",
            ['"()" 0 pairs in source, 1 in target'],
        ),
        (
            "square brackets dropped",
            "[Updated] AI news",
            "AI 뉴스",
            "en",
            "ko",
            ['"[]" 1 pair in source, 0 in target'],
        ),
        (
            "title brackets dropped between cjk",
            "《人民日报》报道",
            "人民日報は報じた",
            "zh",
            "ja",
            ['"《》" 1 pair in source, 0 in target'],
        ),
        (
            "full-width counted",
            "【速報】AI（人工知能）",
            "Breaking: AI",
            "ja",
            "en",
            ['"()" 1 pair in source, 0 in target'],
        ),
        (
            "a hangul gloss is no hanja gloss",
            "황실 번역소(역경원)의 대표",
            "head of the imperial translation center",
            "ko",
            "en",
            ['"()" 1 pair in source, 0 in target'],
        ),
    ],
    "bracket_unbalanced": [
        (
            "not closed",
            "他（史軍）说",
            "He (Shi Jun said",
            "zh",
            "en",
            ['"(" not closed in target'],
        ),
        (
            "close without open",
            "센스타임(SenseTime)",
            "SenseTime)",
            "ko",
            "en",
            ['")" without "(" in target'],
        ),
        (
            "crossed",
            "[a (b)]",
            "[가 (나])",
            "en",
            "ko",
            ['"(" not closed in target', '")" without "(" in target'],
        ),
        ("ja lenticular", "【速報】", "【Breaking", "ja", "en", ['"【" not closed in target']),
        (
            "full-width close",
            "Shi Jun (史軍)",
            "스쥔史軍）",
            "en",
            "ko",
            ['")" without "(" in target'],
        ),
    ],
    "quote_mismatch": [
        # A mark left open is named once: the count follows from it.
        (
            "curly not closed",
            "그는 “좋다”고 말했다.",
            "He said, “Good.",
            "ko",
            "en",
            ['"“" not closed in target'],
        ),
        (
            "closing without opening",
            "他说“好”。",
            "He said good”.",
            "zh",
            "en",
            ['"”" without "“" in target', "1 quotation in source, 0 in target"],
        ),
        (
            "quoted speech dropped (と quotes what is said)",
            "彼は「AI」と言った。",
            "He mentioned AI.",
            "ja",
            "en",
            ["1 quotation in source, 0 in target"],
        ),
        (
            "odd straight quotes",
            'He said "yes".',
            '그는 "네라고 했다.',
            "en",
            "ko",
            ['odd number of "\\"" in target'],
        ),
        (
            "quoted sentence dropped",
            'He said, "We open in May."',
            "他说五月开业。",
            "en",
            "zh",
            ["1 quotation in source, 0 in target"],
        ),
        (
            "single curly not closed",
            "‘AI’ 붐",
            "‘AI boom",
            "ko",
            "en",
            ['"‘" not closed in target'],
        ),
        (
            "quoted speech added",
            "그는 준비됐다고 말했다.",
            '"We are ready," he said.',
            "ko",
            "en",
            ["0 quotations in source, 1 in target"],
        ),
        (
            "mismatched marks in target",
            "그는 “열쇠를 코트에 두었다.”라고 말했다.",
            "He said, 'I left the key in my coat.\"",
            "ko",
            "en",
            ['odd number of "\\"" in target'],
        ),
    ],
    "quote_emphasis": [
        (
            "korean emphasis dropped",
            "그는 ‘노인 영화’ 장르의 배우다.",
            "He is an actor in the elderly film genre.",
            "ko",
            "en",
            ["1 short quotation in source, 0 in target: ‘노인 영화’"],
        ),
        (
            "quotes added",
            "The AI boom",
            "“AI”热潮",
            "en",
            "zh",
            ["0 short quotations in source, 1 in target: “AI”"],
        ),
        (
            "chinese slogan in quotes",
            "推进“一带一路”建设",
            "advancing the Belt and Road Initiative",
            "zh",
            "en",
            ["1 short quotation in source, 0 in target: “一带一路”"],
        ),
        (
            "so-called",
            "the so-called “smart” city",
            "이른바 스마트 도시",
            "en",
            "ko",
            ["1 short quotation in source, 0 in target: “smart”"],
        ),
        (
            "japanese term",
            "「推し」の文化",
            "fan culture",
            "ja",
            "en",
            ["1 short quotation in source, 0 in target: 「推し」"],
        ),
        (
            "a UI label quoted in German",
            "Touch Retry.",
            "'Wiederholen' drücken.",
            "en",
            "de",
            ["0 short quotations in source, 1 in target: 'Wiederholen'"],
        ),
    ],
    "end_punctuation": [
        (
            "comma for period",
            "센스타임이 발표했다.",
            "SenseTime announced it,",
            "ko",
            "en",
            ['target ends with "," where source ends with "."'],
        ),
        (
            "missing",
            "商汤发布了模型。",
            "SenseTime released a model",
            "zh",
            "en",
            ['target ends without punctuation where source ends with "。"'],
        ),
        (
            "question lost",
            "Is it ready?",
            "准备好了。",
            "en",
            "zh",
            ['target ends with "。" where source ends with "?"'],
        ),
        (
            "exclamation lost",
            "すごい！",
            "Amazing.",
            "ja",
            "en",
            ['target ends with "." where source ends with "！"'],
        ),
        (
            "korean target",
            "It works.",
            "작동한다",
            "en",
            "ko",
            ['target ends without punctuation where source ends with "."'],
        ),
        (
            "ellipsis lost",
            "그리고…",
            "And.",
            "ko",
            "en",
            ['target ends with "." where source ends with "…"'],
        ),
        (
            "the word no",
            "The answer is no.",
            "答案是否定的",
            "en",
            "zh",
            ['target ends without punctuation where source ends with "."'],
        ),
        (
            "exclamation the source does not have",
            "그는 “점심 다 됐다.”라고 소리쳤다.",
            'He yelled, "Lunch is ready!"',
            "ko",
            "en",
            ['target ends with "!" where source ends with "."'],
        ),
    ],
    "end_punctuation_added": [
        (
            "period added",
            "세계인공지능대회",
            "World AI Conference.",
            "ko",
            "en",
            ['target ends with "." where source has no final punctuation'],
        ),
        (
            "zh heading",
            "Release notes",
            "发布说明。",
            "en",
            "zh",
            ['target ends with "。" where source has no final punctuation'],
        ),
        (
            "ja title",
            "新しいモデル",
            "A new model!",
            "ja",
            "en",
            ['target ends with "!" where source has no final punctuation'],
        ),
    ],
    "leading_trailing_space": [
        (
            "trailing added",
            "센스타임",
            "SenseTime ",
            "ko",
            "en",
            ['trailing whitespace: source none, target " "'],
        ),
        (
            "leading lost in spaced Korean",
            " Hello",
            "안녕",
            "en",
            "ko",
            ['leading whitespace: source " ", target none'],
        ),
        (
            "a line break is no joining space",
            "\nHello",
            "你好",
            "en",
            "zh",
            ['leading whitespace: source "\\n", target none'],
        ),
        (
            "newline to space",
            "商汤\n",
            "SenseTime ",
            "zh",
            "en",
            ['trailing whitespace: source "\\n", target " "'],
        ),
        (
            "ja both",
            "本",
            "\tbook\t",
            "ja",
            "en",
            [
                'leading whitespace: source none, target "\\t"',
                'trailing whitespace: source none, target "\\t"',
            ],
        ),
    ],
    "double_space": [
        (
            "en target",
            "센스타임이 발표했다.",
            "SenseTime  announced it.",
            "ko",
            "en",
            ['2 spaces in target between "SenseTime" and "announced"'],
        ),
        (
            "ko target",
            "Hello  world.",
            "안녕  세계.",
            "en",
            "ko",
            ['2 spaces in target between "안녕" and "세계."'],
        ),
        (
            "zh target",
            "Hello world.",
            "你好   世界。",
            "en",
            "zh",
            ['3 spaces in target between "你好" and "世界。"'],
        ),
        (
            "ja to en",
            "これは本です。",
            "This is  a book.",
            "ja",
            "en",
            ['2 spaces in target between "is" and "a"'],
        ),
        (
            "zh to en",
            "商汤发布了模型。",
            "SenseTime  released a model.",
            "zh",
            "en",
            ['2 spaces in target between "SenseTime" and "released"'],
        ),
    ],
    "repeated_word": [
        (
            "english",
            "센스타임이 발표했다.",
            "SenseTime announced the the model.",
            "ko",
            "en",
            ['"the the" repeated in target'],
        ),
        (
            "korean particle word",
            "The model",
            "모델 을 을",
            "en",
            "ko",
            ['"을 을" repeated in target'],
        ),
        (
            "case differs",
            "商汤发布了模型。",
            "The the model was released.",
            "zh",
            "en",
            ['"The the" repeated in target'],
        ),
        (
            "ja to en",
            "これは本です。",
            "This is is a book.",
            "ja",
            "en",
            ['"is is" repeated in target'],
        ),
        ("en to zh spaced", "AI models", "AI AI 模型", "en", "zh", ['"AI AI" repeated in target']),
    ],
    "capitalization": [
        (
            "en lower",
            "The model works.",
            "the model works.",
            "en",
            "en",
            ['target starts with lower-case "t" where source starts with "T"'],
        ),
        (
            "fr lower",
            "Click here.",
            "cliquez ici.",
            "en",
            "fr",
            ['target starts with lower-case "c" where source starts with "C"'],
        ),
        (
            "ko sentence",
            "센스타임이 발표했다.",
            "senseTime announced it.",
            "ko",
            "en",
            ['target starts with lower-case "s" where source is a sentence'],
        ),
        (
            "zh sentence",
            "商汤发布了模型。",
            "a new model was released.",
            "zh",
            "en",
            ['target starts with lower-case "a" where source is a sentence'],
        ),
        (
            "ja quoted sentence",
            "「これは本です。」",
            "“this is a book.”",
            "ja",
            "en",
            ['target starts with lower-case "t" where source is a sentence'],
        ),
    ],
    "length_ratio": [
        (
            "ko-en too short",
            "센스타임은 올해 세계인공지능대회에서 새 모델을 공개했다.",
            "New model.",
            "ko",
            "en",
            ["target/source length 0.32 (10/31 characters), outside 0.6–5 for ko-en"],
        ),
        (
            "en-ko too long",
            "SenseTime unveiled a model.",
            "센스타임은 올해 세계인공지능대회에서 새 모델을 공개했으며 "
            "이는 업계의 큰 관심을 모았다.",
            "en",
            "ko",
            ["target/source length 1.81 (49/27 characters), outside 0.18–1.8 for en-ko"],
        ),
        (
            "zh-en too short",
            "商汤科技在今年的世界人工智能大会上发布了新模型。",
            "New model.",
            "zh",
            "en",
            ["target/source length 0.42 (10/24 characters), outside 1.5–6 for zh-en"],
        ),
        (
            "en-zh too long",
            "SenseTime released a new model.",
            "商汤科技在今年的世界人工智能大会上发布了新模型并宣布了合作。",
            "en",
            "zh",
            ["target/source length 0.97 (30/31 characters), outside 0.15–0.8 for en-zh"],
        ),
        (
            "ja-en too short",
            "センスタイムは今年の世界人工知能大会で新しいモデルを発表した。",
            "Model.",
            "ja",
            "en",
            ["target/source length 0.19 (6/31 characters), outside 1–5 for ja-en"],
        ),
        (
            "same script",
            "SenseTime released a new model.",
            "Nouveau.",
            "en",
            "fr",
            ["target/source length 0.26 (8/31 characters), outside 0.5–2 for en-fr"],
        ),
    ],
}


def _params(table: Mapping[str, Sequence[tuple[Any, ...]]]) -> list[ParameterSet]:
    return [
        pytest.param(check_id, *case[1:], id=f"{check_id}: {case[0]}")
        for check_id, cases in table.items()
        for case in cases
    ]


@pytest.mark.parametrize(
    ("check_id", "source", "target", "source_lang", "target_lang"), _params(PASSES)
)
def test_passes(
    check_id: str, source: str, target: str, source_lang: str, target_lang: str
) -> None:
    assert messages(check_id, source, target, source_lang, target_lang) == []


@pytest.mark.parametrize(
    ("check_id", "source", "target", "source_lang", "target_lang", "expected"), _params(FAILS)
)
def test_fails(
    check_id: str, source: str, target: str, source_lang: str, target_lang: str, expected: list[str]
) -> None:
    assert messages(check_id, source, target, source_lang, target_lang) == expected


LANGUAGE_PAIRS = {("ko", "en"), ("zh", "en"), ("en", "ko"), ("en", "zh"), ("ja", "en")}


@pytest.mark.parametrize("check_id", sorted(PASSES))
def test_tables_cover_the_language_pairs(check_id: str) -> None:
    assert check_id in CHECKS
    assert PASSES[check_id]
    assert FAILS[check_id]
    covered = {(case[3], case[4]) for case in (*PASSES[check_id], *FAILS[check_id])}
    assert covered >= LANGUAGE_PAIRS, LANGUAGE_PAIRS - covered


@pytest.mark.parametrize(
    ("check_id", "severity"),
    [
        ("untranslated", Severity.ERROR),
        ("same_as_source", Severity.WARNING),
        ("placeholder_mismatch", Severity.ERROR),
        ("tag_mismatch", Severity.ERROR),
        ("tag_order", Severity.WARNING),
        ("url_mismatch", Severity.ERROR),
        ("bracket_mismatch", Severity.WARNING),
        ("bracket_unbalanced", Severity.ERROR),
        ("quote_mismatch", Severity.WARNING),
        ("quote_emphasis", Severity.INFO),
        ("end_punctuation", Severity.WARNING),
        ("end_punctuation_added", Severity.INFO),
        ("leading_trailing_space", Severity.WARNING),
        ("double_space", Severity.INFO),
        ("repeated_word", Severity.WARNING),
        ("capitalization", Severity.INFO),
        ("length_ratio", Severity.WARNING),
    ],
)
def test_severity(check_id: str, severity: Severity) -> None:
    assert CHECKS[check_id].severity is severity


@pytest.mark.parametrize(
    ("setting", "expected"), [("1.2,3.5", (1.2, 3.5)), ((0.5, 9), (0.5, 9.0)), (None, (0.6, 5.0))]
)
def test_length_bounds_from_profile(setting: object, expected: tuple[float, float]) -> None:
    settings = {} if setting is None else {"length_ratio.ko-en": setting}
    context = CheckContext(Profile(settings=settings))
    assert length_bounds("ko-KR", "en-US", context) == expected


def test_length_ratio_profile_threshold_applies() -> None:
    pair = Pair(
        "센스타임은 올해 세계인공지능대회에서 새 모델을 공개했다.", "New model.", "ko", "en"
    )
    context = CheckContext(
        Profile(enabled={"length_ratio"}, settings={"length_ratio.ko-en": "0.3,4"})
    )
    assert list(run_checks([pair], context)) == []


def _corpus_pairs() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for ko_file in sorted(CORPUS.glob("*/*.ko")):
        en_file = ko_file.with_suffix(".en")
        if en_file.exists():
            ko_lines = ko_file.read_text(encoding="utf-8").splitlines()
            en_lines = en_file.read_text(encoding="utf-8").splitlines()
            pairs.extend(zip(ko_lines, en_lines, strict=False))
    return pairs


@pytest.mark.skipif(not CORPUS.exists(), reason="shared parallel corpus not available")
@pytest.mark.parametrize(("source_lang", "target_lang"), [("ko", "en"), ("en", "ko")])
def test_length_ratio_flags_under_one_percent_of_real_pairs(
    source_lang: str, target_lang: str
) -> None:
    pairs = _corpus_pairs()
    if source_lang == "en":
        pairs = [(en, ko) for ko, en in pairs]
    measured = [
        Pair(source, target, source_lang, target_lang)
        for source, target in pairs
        if len(source.strip()) >= 20 and target.strip()
    ]
    context = CheckContext(Profile(enabled={"length_ratio"}))
    flagged = len(list(run_checks(measured, context)))
    assert len(measured) > 1000
    assert flagged / len(measured) < 0.01


QUOTED_TEXT = st.text(
    alphabet=st.sampled_from([*"“”\"'‘’„‚「」『』«» ab한글中文.,!?n", B1, E1]), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(QUOTED_TEXT)
def test_a_text_translated_as_itself_has_the_same_quotes(text: str) -> None:
    # whatever the marks, a target quoting exactly as its source does is never flagged
    assert messages("quote_mismatch", text, text, "ko", "en") == []
    assert messages("quote_emphasis", text, text, "ko", "en") == []


@settings(max_examples=300, deadline=None)
@given(QUOTED_TEXT, QUOTED_TEXT)
def test_quotations_are_spans_of_the_text_read(first: str, second: str) -> None:
    quotes = read_quotes(first + second)
    for quotation in quotes.quotations:
        assert quotes.text[quotation.start] == quotation.opening
        shown = quotes.text[quotation.start : quotation.end]
        assert shown == quotation.shown
    assert len(quotes.counts()) >= 1


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.characters(), st.integers(0, MAX_CODES + 5).map(lambda n: chr(CODE_BASE + n))))
def test_final_punctuation_skips_what_it_skipped(char: str) -> None:
    """The set the final punctuation is read before is the closing signs and the codes."""
    skipped = char in form._END_SKIP or code_index(char) is not None
    assert (char in form._TRAILING) == skipped
