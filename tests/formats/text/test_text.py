"""Plain text and Markdown documents: segments, inline codes, context, and exact round trips."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from conftest import SHARED

from workbench.domain.document import Document, Segment, code_char, plain_text
from workbench.formats.base import DocumentFormat, DocumentReadOptions, FormatError
from workbench.formats.registry import document_extensions, document_format
from workbench.formats.text.document import MarkdownFormat, PlainTextFormat

KOREAN = """원거테크놀러지, 새 언어 모델 공개

원거테크놀러지(中科聞歌)가 15일 베이징에서 새 언어 모델을 공개했다. 회사 측은 "이번 모델은 \
한국어와 중국어를 모두 잘 이해한다. 번역 품질도 크게 좋아졌다."라고 설명했다.  발표회에는 약 \
300명이 참석했다.

센스타임(SenseTime)도 비슷한 시기에 신제품을 내놓을 예정이다. 업계에서는 경쟁이 더 치열해질 \
것으로 본다.
"""
CHINESE = (
    "中科聞歌今天在北京發布了新的語言模型。該模型同時支持中文和韓文！"
    "業內人士認為，競爭將更加激烈。\n"
)
JAPANESE = (
    "センスタイムは新しいモデルを発表した。「性能が大きく向上した。」と担当者は語った。"
    "発表会は東京で開かれた。\n"
)
ENGLISH = (
    "Beijing Wenge Technology released a new model on Friday. Dr. Shi Jun said it was faster "
    "than the last one. The launch took place in Shanghai.\n"
)
POEM = "  바람이 분다\n  창문을 열어 두자\n  오늘은 조금 늦게 자도 좋다\n"

MARKDOWN = """\
---
title: 세계인공지능대회 보도
---

# 상하이 *인공지능* 대회

세계인공지능대회(WAIC)가 상하이에서 열렸다. **센스타임**(SenseTime)도 참가했다.

## 참가 기업

- 원거테크놀러지는 [새 모델](https://example.com/wenge "발표") 을 공개했다.
- 스쥔(史軍) CEO가 `demo.py` 를 시연했다.
  1. 첫째 하위 항목이다.
     둘째 줄이 이어진다.

> 인용문의 첫 문장이다.
> 인용문의 둘째 줄이다.

| 회사 | 국가 |
|------|------|
| 센스타임 | 중국 |

```python
print("코드는 번역하지 않는다.")
```

    들여쓴 코드도 번역하지 않는다.

<div class="note">HTML 블록은 그대로 둔다.</div>

설정형 제목
----------

사진은 ![행사장 모습](hall.png) 이다. 주소는 <https://www.worldaic.com.cn/> 이다.
첫 줄에서\\
강제로 줄을 바꾼다.

[wenge]: https://example.com/wenge
"""


def read(
    fmt: DocumentFormat, path: Path, lang: str | None = "ko"
) -> tuple[Document, list[Segment]]:
    """Read a document and all its segments."""
    document, segments = fmt.read(path, DocumentReadOptions(source_lang=lang))
    return document, list(segments)


def written(fmt: DocumentFormat, document: Document, segments: list[Segment], tmp: Path) -> bytes:
    """What fmt writes for the document."""
    out = tmp / f"out{document_extensions(fmt.name)[0]}"
    fmt.write(document, segments, out)
    return out.read_bytes()


def sources(segments: list[Segment]) -> list[str]:
    """The segments' source texts."""
    return [s.source for s in segments]


def file_with(tmp_path: Path, name: str, content: str | bytes) -> Path:
    """A file holding content (text as UTF-8)."""
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


# --- plain text: paragraphs and sentences ----------------------------------------------------


def test_korean_paragraphs_become_sentences_and_quotations_stay_whole(tmp_path: Path) -> None:
    document, segments = read(PlainTextFormat(), file_with(tmp_path, "news.txt", KOREAN))
    assert document.format == "txt" and document.source_lang == "ko"
    assert sources(segments) == [
        "원거테크놀러지, 새 언어 모델 공개",
        "원거테크놀러지(中科聞歌)가 15일 베이징에서 새 언어 모델을 공개했다.",
        '회사 측은 "이번 모델은 한국어와 중국어를 모두 잘 이해한다. 번역 품질도 크게 좋아졌다."'
        "라고 설명했다.",
        "발표회에는 약 300명이 참석했다.",
        "센스타임(SenseTime)도 비슷한 시기에 신제품을 내놓을 예정이다.",
        "업계에서는 경쟁이 더 치열해질 것으로 본다.",
    ]
    where = [(s.structure["paragraph"], s.structure["sentence"]) for s in segments]
    assert where == [("0", "0"), ("1", "0"), ("1", "1"), ("1", "2"), ("2", "0"), ("2", "1")]
    assert segments[3].structure["before"] == "  "  # the exact whitespace between sentences
    assert [s.structure["line"] for s in segments] == ["1", "3", "3", "3", "5", "5"]
    assert len({s.unit_id for s in segments}) == len(segments)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            CHINESE,
            "zh-Hant",
            [
                "中科聞歌今天在北京發布了新的語言模型。",
                "該模型同時支持中文和韓文！",
                "業內人士認為，競爭將更加激烈。",
            ],
        ),
        (
            JAPANESE,
            "ja",
            [
                "センスタイムは新しいモデルを発表した。",
                "「性能が大きく向上した。」と担当者は語った。",
                "発表会は東京で開かれた。",
            ],
        ),
        (
            ENGLISH,
            "en",
            [
                "Beijing Wenge Technology released a new model on Friday.",
                "Dr. Shi Jun said it was faster than the last one.",
                "The launch took place in Shanghai.",
            ],
        ),
    ],
)
def test_chinese_japanese_and_english_sentences(
    text: str, lang: str, expected: list[str], tmp_path: Path
) -> None:
    _, segments = read(PlainTextFormat(), file_with(tmp_path, "t.txt", text), lang)
    assert sources(segments) == expected


def test_line_breaks_and_indentation_of_a_poem_are_kept(tmp_path: Path) -> None:
    path = file_with(tmp_path, "poem.txt", POEM)
    document, segments = read(PlainTextFormat(), path)
    assert sources(segments) == ["바람이 분다\n  창문을 열어 두자\n  오늘은 조금 늦게 자도 좋다"]
    assert segments[0].structure["before"] == "  "
    assert written(PlainTextFormat(), document, segments, tmp_path) == path.read_bytes()


# --- round trips -----------------------------------------------------------------------------

ROUND_TRIP_FILES: dict[str, bytes] = {
    "korean": KOREAN.encode(),
    "crlf": KOREAN.replace("\n", "\r\n").encode(),
    "no final newline": KOREAN.rstrip("\n").encode(),
    "utf-8 bom": codecs.BOM_UTF8 + CHINESE.encode(),
    "utf-16-le": codecs.BOM_UTF16_LE + JAPANESE.encode("utf-16-le"),
    "utf-16-be": codecs.BOM_UTF16_BE + KOREAN.replace("\n", "\r\n").encode("utf-16-be"),
    # UTF-32LE's mark starts with UTF-16LE's: it was read as UTF-16 full of NULs (issue 12)
    "utf-32-le": codecs.BOM_UTF32_LE + KOREAN.encode("utf-32-le"),
    "utf-32-be": codecs.BOM_UTF32_BE + CHINESE.encode("utf-32-be"),
    "mixed line ends and blank lines": b"\n\n  First line.\r\nSecond.\n \t\n\n\nThird one.  \n\n",
    "private-use character": "사용자 문자 \ue000 가 있다. 둘째 문장.\n".encode(),
    "poem": POEM.encode(),
}


@pytest.mark.parametrize("name", ROUND_TRIP_FILES)
def test_plain_text_export_right_after_import_is_byte_identical(name: str, tmp_path: Path) -> None:
    path = file_with(tmp_path, "in.txt", ROUND_TRIP_FILES[name])
    document, segments = read(PlainTextFormat(), path)
    assert document.original == path.read_bytes()
    assert written(PlainTextFormat(), document, segments, tmp_path) == path.read_bytes()


def test_crlf_bom_and_utf16_are_recorded_in_the_properties(tmp_path: Path) -> None:
    crlf, _ = read(PlainTextFormat(), file_with(tmp_path, "a.txt", ROUND_TRIP_FILES["crlf"]))
    assert crlf.properties == {"encoding": "utf-8", "bom": "no", "newline": "crlf"}
    bom, _ = read(PlainTextFormat(), file_with(tmp_path, "b.txt", ROUND_TRIP_FILES["utf-8 bom"]))
    assert bom.properties == {"encoding": "utf-8", "bom": "yes", "newline": "lf"}
    wide = file_with(tmp_path, "c.txt", ROUND_TRIP_FILES["utf-16-be"])
    document, segments = read(PlainTextFormat(), wide)
    assert document.properties["encoding"] == "utf-16-be"
    assert segments[0].source == "원거테크놀러지, 새 언어 모델 공개"
    widest = file_with(tmp_path, "d.md", ROUND_TRIP_FILES["utf-32-le"])
    document, segments = read(MarkdownFormat(), widest)
    assert document.properties["encoding"] == "utf-32-le"
    assert segments[0].source == "원거테크놀러지, 새 언어 모델 공개"


def test_a_literal_private_use_character_becomes_a_standalone_code(tmp_path: Path) -> None:
    path = file_with(tmp_path, "pua.txt", ROUND_TRIP_FILES["private-use character"])
    _, segments = read(PlainTextFormat(), path)
    assert segments[0].source == f"사용자 문자 {code_char(0)} 가 있다."
    assert segments[0].codes[0].markup == "\ue000"


def test_translated_plain_text_keeps_the_whitespace_and_line_ends(tmp_path: Path) -> None:
    path = file_with(tmp_path, "news.txt", KOREAN.replace("\n", "\r\n"))
    document, segments = read(PlainTextFormat(), path)
    segments[0].target = "Wenge Technology unveils a new language model"
    segments[1].target = "Beijing Wenge Technology unveiled a new model in Beijing on the 15th."
    segments[3].target = "About 300 people\nattended."  # a line break the translator typed
    text = written(PlainTextFormat(), document, segments, tmp_path).decode()
    assert text.startswith("Wenge Technology unveils a new language model\r\n\r\nBeijing Wenge")
    assert "on the 15th. 회사 측은" in text  # untranslated sentences export as their source
    assert "설명했다.  About 300 people\r\nattended.\r\n\r\n센스타임" in text
    assert "\n" not in text.replace("\r\n", "")


# --- plain text: bad input and languages -----------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message", "line", "column"),
    [
        (b"", "the file is empty", None, None),
        (codecs.BOM_UTF8, "the file is empty", None, None),
        (b" \n\t\n", "no text to translate", None, None),
        ("첫 줄이다.\n둘째 줄이다.\n셋째 ".encode() + b"\xff\xfe", "not valid UTF-8", 3, 4),
        ("한국어".encode("euc-kr"), "not valid UTF-8", 1, 1),
        (codecs.BOM_UTF16_LE + "줄\n".encode("utf-16-le") + b"\x00\xdc", "not valid UTF-16", 2, 1),
    ],
)
def test_bad_files_are_refused_with_the_line(
    content: bytes, message: str, line: int | None, column: int | None, tmp_path: Path
) -> None:
    path = file_with(tmp_path, "bad.txt", content)
    with pytest.raises(FormatError) as caught:
        read(PlainTextFormat(), path)
    assert message in caught.value.message
    assert (caught.value.line, caught.value.column) == (line, column)
    assert caught.value.path == str(path)


def test_the_source_language_is_detected_when_not_given(tmp_path: Path) -> None:
    document, _ = read(PlainTextFormat(), file_with(tmp_path, "news.txt", KOREAN), lang=None)
    assert document.source_lang == "ko"


def test_a_three_word_file_is_refused_without_a_source_language(tmp_path: Path) -> None:
    path = file_with(tmp_path, "short.txt", "See you soon\n")
    expected = (
        r"cannot tell the source language \(\w+ with probability [\d.]+\): give --source-lang"
    )
    with pytest.raises(FormatError, match=expected):
        read(PlainTextFormat(), path, lang=None)
    _, segments = read(PlainTextFormat(), path, lang="en")  # and accepted when told
    assert sources(segments) == ["See you soon"]


def test_languages_given_are_normalised_and_bad_ones_refused(tmp_path: Path) -> None:
    path = file_with(tmp_path, "t.txt", CHINESE)
    document, _ = PlainTextFormat().read(
        path, DocumentReadOptions(source_lang="zh_hant", target_lang="EN")
    )
    assert (document.source_lang, document.target_lang) == ("zh-Hant", "en")
    with pytest.raises(FormatError, match="unknown language"):
        read(PlainTextFormat(), path, lang="xx-nonsense-tag")


def test_progress_is_reported_while_reading(tmp_path: Path) -> None:
    path = file_with(tmp_path, "news.txt", KOREAN)
    calls: list[tuple[int, int]] = []
    PlainTextFormat().read(
        path, DocumentReadOptions(source_lang="ko", on_progress=lambda d, t: calls.append((d, t)))
    )
    size = path.stat().st_size
    assert calls and calls[-1] == (size, size)


# --- export of documents from other formats --------------------------------------------------


def test_a_document_from_another_format_is_written_line_by_line(tmp_path: Path) -> None:
    document = Document("from.po", "po", "ko", "en")
    segments = [
        Segment("첫 문장.", "First sentence.", structure={"paragraph": "0"}),
        Segment("둘째 문장.", "", structure={"paragraph": "0"}),
        Segment(f"{code_char(0)}셋째{code_char(1)}.", f"{code_char(0)}Third{code_char(1)}."),
        Segment("넷째.", "Fourth.", structure={"paragraph": "1"}),
        Segment("지난 항목.", "Obsolete.", structure={"paragraph": "2", "obsolete": "true"}),
    ]
    out = written(PlainTextFormat(), document, segments, tmp_path)
    assert out.decode() == "First sentence.\n둘째 문장.\nThird.\n\nFourth.\n"


def test_a_target_with_a_code_the_source_lacks_is_refused_on_export(tmp_path: Path) -> None:
    document, segments = read(PlainTextFormat(), file_with(tmp_path, "news.txt", KOREAN))
    segments[2].target = f"The company said {code_char(3)}so."
    with pytest.raises(FormatError, match=r"segment 2\.2: inline code 4 is not") as caught:
        written(PlainTextFormat(), document, segments, tmp_path)
    assert caught.value.line == 3


def test_the_registry_knows_both_formats() -> None:
    assert isinstance(document_format(Path("a.txt")).inner, PlainTextFormat)
    assert isinstance(document_format(Path("a.md")).inner, MarkdownFormat)
    assert isinstance(document_format(Path("a.MARKDOWN")).inner, MarkdownFormat)
    assert isinstance(document_format(Path("a.txt"), "md").inner, MarkdownFormat)


# --- Markdown: blocks --------------------------------------------------------------------------


@pytest.fixture
def markdown(tmp_path: Path) -> tuple[Path, Document, list[Segment]]:
    path = file_with(tmp_path, "report.md", MARKDOWN)
    document, segments = read(MarkdownFormat(), path)
    return path, document, segments


def by_source(segments: list[Segment], start: str) -> Segment:
    """The segment whose plain source starts with start."""
    return next(s for s in segments if plain_text(s.source).startswith(start))


def test_markdown_blocks_become_segments_without_their_markers(
    markdown: tuple[Path, Document, list[Segment]],
) -> None:
    _, document, segments = markdown
    assert document.format == "md"
    plain = [(plain_text(s.source), s.structure["kind"]) for s in segments]
    assert plain == [
        ("상하이 인공지능 대회", "heading"),
        ("세계인공지능대회(WAIC)가 상하이에서 열렸다.", "paragraph"),
        ("센스타임(SenseTime)도 참가했다.", "paragraph"),
        ("참가 기업", "heading"),
        ("원거테크놀러지는 새 모델 을 공개했다.", "paragraph"),
        ("스쥔(史軍) CEO가  를 시연했다.", "paragraph"),
        ("첫째 하위 항목이다.", "paragraph"),
        ("둘째 줄이 이어진다.", "paragraph"),
        ("인용문의 첫 문장이다.", "paragraph"),
        ("인용문의 둘째 줄이다.", "paragraph"),
        ("회사", "cell"),
        ("국가", "cell"),
        ("센스타임", "cell"),
        ("중국", "cell"),
        ("설정형 제목", "heading"),
        ("사진은 행사장 모습 이다.", "paragraph"),
        ("주소는  이다.", "paragraph"),
        ("첫 줄에서\n강제로 줄을 바꾼다.", "paragraph"),
    ]
    everything = "".join(s.source for s in segments)
    for verbatim in ("title:", "print(", "들여쓴", "HTML 블록", "example.com/wenge\n", "---"):
        assert verbatim not in everything
    levels = [s.structure.get("level") for s in segments if s.structure["kind"] == "heading"]
    assert levels == ["1", "2", "2"]


def test_context_is_the_heading_a_segment_sits_under(
    markdown: tuple[Path, Document, list[Segment]],
) -> None:
    _, _, segments = markdown
    assert by_source(segments, "상하이 인공지능").context is None
    assert by_source(segments, "세계인공지능대회").context == "상하이 인공지능 대회"
    assert by_source(segments, "참가 기업").context == "상하이 인공지능 대회"  # its parent
    assert by_source(segments, "첫째 하위").context == "참가 기업"
    cell = next(s for s in segments if s.source == "센스타임")
    assert cell.context == "참가 기업"
    assert by_source(segments, "사진은").context == "설정형 제목"


# --- Markdown: inline codes --------------------------------------------------------------------


def codes_of(segment: Segment) -> list[tuple[str, str, str, str]]:
    """Kind, element, id and markup of each of the segment's codes."""
    return [(c.kind, c.element, c.id, c.markup) for c in segment.codes]


def test_emphasis_links_and_code_spans_become_inline_codes(
    markdown: tuple[Path, Document, list[Segment]],
) -> None:
    _, _, segments = markdown
    heading = by_source(segments, "상하이 인공지능")
    assert heading.source == f"상하이 {code_char(0)}인공지능{code_char(1)} 대회"
    assert codes_of(heading) == [("open", "md-em", "1", "*"), ("close", "md-em", "1", "*")]
    strong = by_source(segments, "센스타임(SenseTime)도")
    assert strong.source == f"{code_char(0)}센스타임{code_char(1)}(SenseTime)도 참가했다."
    assert [c.element for c in strong.codes] == ["md-strong", "md-strong"]
    linked = by_source(segments, "원거테크놀러지는")
    assert linked.source == f"원거테크놀러지는 {code_char(0)}새 모델{code_char(1)} 을 공개했다."
    assert codes_of(linked) == [
        ("open", "md-link", "1", "["),
        ("close", "md-link", "1", '](https://example.com/wenge "발표")'),
    ]
    spanned = by_source(segments, "스쥔")
    assert codes_of(spanned) == [("standalone", "md-code", "1", "`demo.py`")]


def test_images_autolinks_and_hard_breaks_become_inline_codes(
    markdown: tuple[Path, Document, list[Segment]],
) -> None:
    _, _, segments = markdown
    image = by_source(segments, "사진은")
    # the alt text is translatable
    assert image.source == f"사진은 {code_char(0)}행사장 모습{code_char(1)} 이다."
    assert codes_of(image) == [
        ("open", "md-image", "1", "!["),
        ("close", "md-image", "1", "](hall.png)"),
    ]
    address = by_source(segments, "주소는")
    assert address.source == f"주소는 {code_char(0)} 이다."
    assert codes_of(address) == [
        ("standalone", "md-autolink", "1", "<https://www.worldaic.com.cn/>")
    ]
    broken = by_source(segments, "첫 줄에서")
    assert broken.source == f"첫 줄에서{code_char(0)}\n강제로 줄을 바꾼다."  # the break stays text
    assert codes_of(broken) == [("standalone", "md-break", "1", "\\")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a sentence wrapped in emphasis keeps its codes; the next sentence starts clean
        ("**첫 문장이다.** 둘째 문장이다.", ["\ue000첫 문장이다.\ue001", "둘째 문장이다."]),
        # emphasis spanning two sentences makes one segment: a pair is never split
        (
            "*첫 문장이다. 둘째 문장이다.* 셋째 문장이다.",
            ["\ue000첫 문장이다. 둘째 문장이다.\ue001", "셋째 문장이다."],
        ),
        # markup alone between sentences opens the next one
        ("첫 문장이다. <br> 둘째 문장이다.", ["첫 문장이다.", "\ue000 둘째 문장이다."]),
        ("`x.y` 는 코드이다. 끝.", ["\ue000 는 코드이다.", "끝."]),
        (
            "<b>굵게</b> 쓴다. ~~지운 글~~ 이다.",
            ["\ue000굵게\ue001 쓴다.", "\ue000지운 글\ue001 이다."],
        ),
        ("별표 \\* 와 &amp; 는 글자이다.", ["별표 \\* 와 &amp; 는 글자이다."]),
    ],
)
def test_sentences_and_inline_codes(line: str, expected: list[str], tmp_path: Path) -> None:
    path = file_with(tmp_path, "line.md", line + "\n")
    document, segments = read(MarkdownFormat(), path)
    assert sources(segments) == expected
    assert written(MarkdownFormat(), document, segments, tmp_path) == path.read_bytes()


def test_table_cells_keep_escaped_pipes_and_inline_codes(tmp_path: Path) -> None:
    path = file_with(tmp_path, "tables.md", MARKDOWN_FILES["tables"])
    _, segments = read(MarkdownFormat(), path)
    assert sources(segments) == [
        "이름",
        "설명",
        "파이프 \\| 문자",  # a cell that is all code (`a\|b`) has nothing to translate
        "빈칸",
        "하나",
        "둘",  # a cell beyond the header's columns is not part of the table
        f"{code_char(0)}굵은{code_char(1)} \\| 글",
        f"{code_char(0)} 설명",
        "인용",
        "표",
        "가",
        "나",
    ]
    assert all(s.structure["kind"] == "cell" for s in segments)
    assert codes_of(segments[6])[0] == ("open", "md-strong", "1", "**")
    assert codes_of(segments[7]) == [("standalone", "md-code", "1", "`x`")]


def test_markdown_that_is_all_markup_has_nothing_to_translate(tmp_path: Path) -> None:
    path = file_with(tmp_path, "code.md", "```\n코드만 있다.\n```\n\n<https://example.com>\n")
    with pytest.raises(FormatError, match="no text to translate"):
        read(MarkdownFormat(), path)


# --- Markdown: round trips and translated export ---------------------------------------------

MARKDOWN_FILES: dict[str, str] = {
    "report": MARKDOWN,
    "crlf": MARKDOWN.replace("\n", "\r\n"),
    "no final newline": MARKDOWN.rstrip("\n"),
    "nested": (
        "1. 첫째 항목이다.\n\n   > 목록 안의 인용이다.\n   > - 인용 안의 목록이다.\n\n"
        "2. 둘째 항목이다.\n\t- 탭으로 들여쓴 항목이다.\n"
    ),
    "tables": (
        "| 이름 | 설명 |\n| :--- | ---: |\n| `a\\|b` | 파이프 \\| 문자 |\n| 빈칸 |\n"
        "| 하나 | 둘 | 남는 칸 |\n| **굵은** \\| 글 | `x` 설명 |\n\n"
        "> | 인용 | 표 |\n> |---|---|\n> | 가 | 나 |\n"
    ),
    "odd": (
        "제목 #\n======\n\n# 닫는 표시가 있는 제목 ##   \n\n"
        "[참조 링크][wenge] 와 [짧은 참조] 이다.\n"
        "제목이 \n여러 줄인 [링크](<https://example.com/a b> '제목\n이어짐') 이다.\n\n"
        "[wenge]: https://example.com\n[짧은 참조]: /x\n\n* * *\n\n"
        "<!-- 주석 -->\n\u3000전각 공백 문단.\n"
    ),
}


@pytest.mark.parametrize("name", MARKDOWN_FILES)
def test_markdown_export_right_after_import_is_byte_identical(name: str, tmp_path: Path) -> None:
    path = file_with(tmp_path, "in.md", MARKDOWN_FILES[name])
    document, segments = read(MarkdownFormat(), path)
    assert segments
    assert written(MarkdownFormat(), document, segments, tmp_path) == path.read_bytes()


TRANSLATIONS = {
    "상하이 인공지능 대회": f"Shanghai {code_char(0)}AI{code_char(1)} conference",
    "세계인공지능대회(WAIC)가 상하이에서 열렸다.": "WAIC was held in Shanghai.",
    "참가 기업": "Companies",
    "원거테크놀러지는 새 모델 을 공개했다.": (
        f"Beijing Wenge Technology released {code_char(0)}a new model{code_char(1)}."
    ),
    "첫째 하위 항목이다.": "The first sub-item.\nIts second line.",
    "둘째 줄이 이어진다.": "And a third.",
    "인용문의 첫 문장이다.": "The quote's first sentence.\nOn two lines.",
    "회사": "Company",
    "센스타임": "SenseTime | 商汤",
    "설정형 제목": "Setext\nheading",
}


def test_translated_markdown_keeps_markers_codes_and_line_prefixes(
    markdown: tuple[Path, Document, list[Segment]], tmp_path: Path
) -> None:
    _, document, segments = markdown
    for segment in segments:
        segment.target = TRANSLATIONS.get(plain_text(segment.source), "")
    out = written(MarkdownFormat(), document, segments, tmp_path).decode()
    assert "# Shanghai *AI* conference\n" in out
    assert "## Companies\n" in out
    assert "- Beijing Wenge Technology released [a new model](https://example.com/wenge" in out
    # lines added to a list item or a quote get the block's continuation prefix
    assert "  1. The first sub-item.\n     Its second line.\n     And a third.\n" in out
    assert "> The quote's first sentence.\n> On two lines.\n> 인용문의 둘째 줄이다.\n" in out
    assert "| Company | 국가 |\n|------|------|\n| SenseTime \\| 商汤 | 중국 |\n" in out
    assert "\nSetext heading\n----------\n" in out  # a one-line heading stays one line
    assert '```python\nprint("코드는 번역하지 않는다.")\n```' in out  # verbatim
    assert out.startswith("---\ntitle: 세계인공지능대회 보도\n---\n")
    _, again = read(MarkdownFormat(), file_with(tmp_path, "again.md", out), "en")
    kinds = [s.structure["kind"] for s in segments]
    assert [s.structure["kind"] for s in again].count("cell") == kinds.count("cell")


def test_a_line_break_in_a_heading_or_cell_target_becomes_a_space(tmp_path: Path) -> None:
    path = file_with(tmp_path, "h.md", "## 제목\n\n| 칸 |\n|---|\n| 값 |\n")
    document, segments = read(MarkdownFormat(), path)
    segments[0].target = "Two\nlines"
    segments[2].target = "a\nb"
    out = written(MarkdownFormat(), document, segments, tmp_path).decode()
    assert out == "## Two lines\n\n| 칸 |\n|---|\n| a b |\n"


def test_translated_crlf_markdown_keeps_crlf(tmp_path: Path) -> None:
    path = file_with(tmp_path, "c.md", MARKDOWN_FILES["crlf"])
    document, segments = read(MarkdownFormat(), path)
    by_source(segments, "첫째 하위").target = "One.\nTwo."
    by_source(segments, "둘째 줄이").target = "Three."
    out = written(MarkdownFormat(), document, segments, tmp_path).decode()
    assert "  1. One.\r\n     Two.\r\n     Three.\r\n" in out
    assert "\n" not in out.replace("\r\n", "")


# --- the shared corpus -----------------------------------------------------------------------


def test_the_waic_article_imports_and_round_trips(tmp_path: Path) -> None:
    path = SHARED / "corpus" / "waic-2025-ko.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent (the shared folder sits beside a full checkout)")
    document, segments = read(PlainTextFormat(), path, lang=None)
    assert document.source_lang == "ko"
    assert 20 <= len(segments) <= 60
    assert all(s.source and s.source.strip() == s.source and not s.codes for s in segments)
    assert written(PlainTextFormat(), document, segments, tmp_path) == path.read_bytes()
