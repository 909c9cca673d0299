"""Bilingual CSV and TSV documents: layouts, languages, statuses, round trips and bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.domain.document import (
    Document,
    InlineCode,
    Segment,
    SegmentStatus,
    code_char,
)
from workbench.formats.base import DocumentReadOptions, FormatError
from workbench.formats.bilingual_csv import (
    BilingualColumns,
    BilingualCsvFormat,
    BilingualTsvFormat,
)
from workbench.formats.registry import document_format

NEW, DRAFT, TRANSLATED = SegmentStatus.NEW, SegmentStatus.DRAFT, SegmentStatus.TRANSLATED
REVIEWED, APPROVED, REJECTED = (
    SegmentStatus.REVIEWED,
    SegmentStatus.APPROVED,
    SegmentStatus.REJECTED,
)

# Our own sentences about the running example (Korean source, English target, Chinese names).
SAMPLE = """\
id,ko,en,status,note,context,reviewer
s1,원거테크놀러지(中科聞歌)는 새 언어 모델을 공개했다.,\
Beijing Wenge Technology (中科聞歌) unveiled a new language model.,reviewed,company name,p1,Kim
s2,"스쥔(史軍) 회장은 ""중국어와 한국어를 모두 지원한다""고 말했다.",,,,p1,
s3,"모델은 8월 15일에 출시된다.
가격은 아직 발표되지 않았다.",The model launches on August 15.,fuzzy,two sentences,p2,Lee

,세계인공지능대회,,,section title,,
"""


def write(tmp_path: Path, text: str | bytes, name: str = "doc.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def read(
    path: Path, source_lang: str | None = None, target_lang: str | None = None
) -> tuple[Document, list[Segment]]:
    form = document_format(path)
    document, segments = form.read(path, DocumentReadOptions(source_lang, target_lang))
    return document, list(segments)


def export(document: Document, segments: list[Segment], path: Path) -> str:
    document_format(path).write(document, segments, path)
    return path.read_text(encoding="utf-8-sig")


def test_sample_reads_languages_columns_and_statuses(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, SAMPLE))
    assert (document.format, document.source_lang, document.target_lang) == ("csv", "ko", "en")
    wenge, shi_jun, launch, section = segments
    assert (wenge.unit_id, wenge.status, wenge.note, wenge.context) == (
        "s1",
        REVIEWED,
        "company name",
        "p1",
    )
    assert wenge.target == "Beijing Wenge Technology (中科聞歌) unveiled a new language model."
    assert shi_jun.source == '스쥔(史軍) 회장은 "중국어와 한국어를 모두 지원한다"고 말했다.'
    assert (shi_jun.target, shi_jun.status, shi_jun.note) == ("", NEW, None)
    assert launch.source == "모델은 8월 15일에 출시된다.\n가격은 아직 발표되지 않았다."
    assert (launch.status, launch.structure["line"]) == (DRAFT, "4")
    assert (section.source, section.unit_id, section.note) == (
        "세계인공지능대회",
        None,
        "section title",
    )
    assert [s.position for s in segments] == [1, 2, 3, 4]


def test_export_of_an_unchanged_csv_document_is_identical(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE)
    document, segments = read(path)
    assert export(document, segments, tmp_path / "out.csv") == SAMPLE


def test_export_rewrites_only_target_and_status_cells(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, SAMPLE))
    segments[1].target, segments[1].status = (
        'Chairman Shi Jun (史軍) said it "supports both Chinese and Korean".',
        DRAFT,
    )
    segments[2].status = APPROVED
    out = export(document, segments, tmp_path / "out.csv")
    expected = SAMPLE.replace(
        '말했다.",,,,p1,',
        '말했다.","Chairman Shi Jun (史軍) said it ""supports both Chinese and Korean""."'
        ",draft,,p1,",
    ).replace("August 15.,fuzzy,", "August 15.,approved,")
    assert out == expected
    _, again = read(tmp_path / "out.csv")
    assert [(s.target, s.status) for s in again][1:3] == [
        (segments[1].target, DRAFT),
        ("The model launches on August 15.", APPROVED),
    ]


def test_a_status_cell_that_still_holds_keeps_its_wording(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, SAMPLE))
    segments[2].target = "The model goes on sale on August 15."
    out = export(document, segments, tmp_path / "out.csv")
    assert "The model goes on sale on August 15.,fuzzy,two sentences" in out


def test_a_translated_row_without_status_column_reads_back_as_translated(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, "en,zh-Hant\nSenseTime,\n"))
    segments[0].target, segments[0].status = "商湯科技", REVIEWED
    out = export(document, segments, tmp_path / "out.csv")
    assert out == "en,zh-Hant\nSenseTime,商湯科技\n"
    assert read(tmp_path / "out.csv")[1][0].status is TRANSLATED


def test_documents_from_other_formats_get_the_standard_layout(tmp_path: Path) -> None:
    bold = InlineCode("open", "g", "1", '<g id="1">', "b")
    end = InlineCode("close", "g", "1", "</g>", "/b")
    document = Document("waic.xlf", "xliff", "ko", "zh-Hant")
    segments = [
        Segment(
            source=f"{code_char(0)}센스타임{code_char(1)}(SenseTime)",
            target=f"{code_char(0)}商湯科技{code_char(1)}",
            codes=[bold, end],
            status=APPROVED,
            unit_id="u1",
            note="company, Shanghai",
        ),
        Segment(source="주광샹(朱廣翔)", target="", status=NEW),
        Segment(source="스쥔(史軍)", target="史軍", status=REJECTED, unit_id="u3"),
    ]
    out = export(document, segments, tmp_path / "out.csv")
    assert out == (
        "id,ko,zh-Hant,status,note\n"
        'u1,"<g id=""1"">센스타임</g>(SenseTime)","<g id=""1"">商湯科技</g>",approved,'
        '"company, Shanghai"\n'
        ",주광샹(朱廣翔),,new,\n"
        "u3,스쥔(史軍),史軍,rejected,\n"
    )
    again_document, again = read(tmp_path / "out.csv")
    assert (again_document.source_lang, again_document.target_lang) == ("ko", "zh-Hant")
    assert [(s.unit_id, s.target, s.status, s.codes) for s in again] == [
        ("u1", '<g id="1">商湯科技</g>', APPROVED, []),
        (None, "", NEW, []),
        ("u3", "史軍", REJECTED, []),
    ]


def test_tsv_round_trip_with_tabs_and_line_breaks_in_cells(tmp_path: Path) -> None:
    text = 'id\ten\tko\n1\t"Shanghai\tWAIC"\t상하이 세계인공지능대회\n2\t"two\nlines"\t\n'
    document, segments = read(write(tmp_path, text, "doc.tsv"))
    assert document.format == "tsv"
    assert [s.source for s in segments] == ["Shanghai\tWAIC", "two\nlines"]
    segments[1].target = "두\n줄"
    out = export(document, segments, tmp_path / "out.tsv")
    assert out == text.replace('lines"\t\n', 'lines"\t"두\n줄"\n')


def test_indonesian_is_spelled_ind_in_a_written_header(tmp_path: Path) -> None:
    document = Document("x.txt", "txt", "en", "id")
    out = export(document, [Segment("Beijing", "Beijing", status=TRANSLATED)], tmp_path / "o.csv")
    assert out.startswith("id,en,ind,status,note\n")
    assert read(tmp_path / "o.csv")[0].target_lang == "id"


# --- languages -----------------------------------------------------------------------------


def test_source_target_columns_take_languages_from_the_options(tmp_path: Path) -> None:
    path = write(tmp_path, "source,target,comment\n센스타임,SenseTime,company\n")
    document, segments = read(path, source_lang="ko", target_lang="en")
    assert (document.source_lang, document.target_lang) == ("ko", "en")
    assert (segments[0].source, segments[0].target, segments[0].note) == (
        "센스타임",
        "SenseTime",
        "company",
    )
    with pytest.raises(FormatError, match="give --source-lang and --target-lang") as caught:
        read(path)
    assert caught.value.line == 1


def test_options_pick_the_columns_among_several_languages(tmp_path: Path) -> None:
    path = write(
        tmp_path, "key,en,zh-Hant,ko\nwenge,Beijing Wenge Technology,中科聞歌,원거테크놀러지\n"
    )
    document, segments = read(path)
    assert (document.source_lang, document.target_lang) == ("en", "zh-Hant")
    assert segments[0].unit_id == "wenge"
    document, segments = read(path, source_lang="zh_hant", target_lang="ko")
    assert (document.source_lang, document.target_lang) == ("zh-Hant", "ko")
    assert (segments[0].source, segments[0].target) == ("中科聞歌", "원거테크놀러지")
    document, segments = read(path, target_lang="en")
    assert (segments[0].source, segments[0].target) == ("中科聞歌", "Beijing Wenge Technology")


def test_options_win_over_the_header_languages(tmp_path: Path) -> None:
    path = write(tmp_path, "en,ko\nShi Jun,스쥔\n")
    document, segments = read(path, source_lang="en-GB", target_lang="ko-KR")
    assert (document.source_lang, document.target_lang) == ("en-GB", "ko-KR")
    assert (segments[0].source, segments[0].target) == ("Shi Jun", "스쥔")
    out = export(document, segments, tmp_path / "out.csv")
    assert out == "en,ko\nShi Jun,스쥔\n"


# --- statuses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "target", "status"),
    [
        ("", "", NEW),
        ("", "SenseTime", TRANSLATED),
        ("new", "", NEW),
        ("Draft", "SenseTime", DRAFT),
        ("fuzzy", "SenseTime", DRAFT),
        ("Needs review", "SenseTime", DRAFT),
        ("needs-review-translation", "SenseTime", DRAFT),
        ("translated", "SenseTime", TRANSLATED),
        ("REVIEWED", "SenseTime", REVIEWED),
        ("approved", "SenseTime", APPROVED),
        ("final", "SenseTime", APPROVED),
        ("signed-off", "SenseTime", APPROVED),
        ("rejected", "SenseTime", REJECTED),
        ("untranslated", "", NEW),
    ],
)
def test_status_column_mapping(
    tmp_path: Path, cell: str, target: str, status: SegmentStatus
) -> None:
    _, segments = read(write(tmp_path, f"ko,en,status\n센스타임,{target},{cell}\n"))
    assert segments[0].status is status


def test_an_unknown_status_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "ko,en,status\n센스타임,SenseTime,done\n스쥔,Shi Jun,maybe\n")
    with pytest.raises(FormatError) as caught:
        read(path)
    assert caught.value.line == 2
    assert "column 3: unknown status 'done'" in caught.value.message


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_files_read_and_keep_a_bom(tmp_path: Path, encoding: str) -> None:
    text = SAMPLE.replace("\n", "\r\n")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    document, segments = read(write(tmp_path, data))
    assert document.properties == {"bom": "true"}
    assert segments[1].source.startswith("스쥔(史軍)")
    assert segments[2].source == "모델은 8월 15일에 출시된다.\r\n가격은 아직 발표되지 않았다."
    out = tmp_path / "out.csv"
    document_format(out).write(document, segments, out)
    assert out.read_bytes().startswith(codecs.BOM_UTF8)
    assert [s.source for s in read(out)[1]] == [s.source for s in segments]


def test_no_bom_is_written_when_the_original_had_none(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, SAMPLE))
    out = tmp_path / "out.csv"
    document_format(out).write(document, segments, out)
    assert out.read_bytes().startswith(b"id,ko")


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("ko,en,note\n스쥔,Shi Jun\n", 2, "row has 2 cells but the header has 3 columns"),
        ("ko,en\n스쥔,Shi Jun,extra\n", 2, "column 3 holds 'extra'"),
        (
            'ko,en\n"여러\n줄의\n셀",multi-line\n스쥔\n',
            5,
            "row has 1 cells but the header has 2 columns",
        ),
        ("status,note\nnew,x\n", 1, "(none found)"),
        ("ko,note\n스쥔,x\n", 1, "(only 'ko' found)"),
        ("id,ko,en,ID\n1,스쥔,Shi Jun,2\n", 1, "column 4 repeats the 'id' column"),
        ("source,note\n스쥔,x\n", 1, "no 'target' column"),
        ("id,ko,en\n1,스쥔,Shi Jun\n1,센스타임,SenseTime\n", 3, "id '1' repeats the one at line 2"),
        ("ko;en\n스쥔;Shi Jun\n", 1, "source and a target language column"),
    ],
)
def test_broken_tables_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FormatError) as caught:
        read(path)
    assert (caught.value.line, caught.value.path) == (line, str(path))
    assert message in caught.value.message


def test_undecodable_bytes_name_the_line(tmp_path: Path) -> None:
    data = "ko,en\n스쥔,Shi Jun\n".encode() + "x,Symétrie\n".encode("latin-1")
    with pytest.raises(FormatError, match="not valid UTF-8") as caught:
        read(write(tmp_path, data))
    assert caught.value.line == 3


@pytest.mark.parametrize("text", ["", "\n\n", ",,\n"])
def test_an_empty_file_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(FormatError, match="file is empty"):
        read(write(tmp_path, text))


def test_an_unknown_option_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="--target-lang names an unknown language"):
        read(write(tmp_path, SAMPLE), target_lang="Klingonese")


def test_a_segment_that_does_not_match_its_row_is_refused(tmp_path: Path) -> None:
    document, segments = read(write(tmp_path, SAMPLE))
    segments[0].source = "something else"
    with pytest.raises(ValueError, match="does not match"):
        export(document, segments, tmp_path / "out.csv")


# --- plumbing ------------------------------------------------------------------------------


def test_progress_reaches_the_file_size(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE)
    seen: list[tuple[int, int]] = []
    options = DocumentReadOptions(on_progress=lambda done, total: seen.append((done, total)))
    _, segments = BilingualCsvFormat().read(path, options)
    list(segments)
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)


def test_registry_maps_csv_and_tsv_documents() -> None:
    assert isinstance(document_format(Path("a.csv")).inner, BilingualCsvFormat)
    assert isinstance(document_format(Path("a.tsv")).inner, BilingualTsvFormat)


def test_columns_from_a_header() -> None:
    columns = BilingualColumns.from_header(["id", "en", "ko", "status", "x"], None, None)
    assert (columns.source, columns.target, columns.width) == (1, 2, 5)
    assert columns.fields == {"id": 0, "status": 3}
