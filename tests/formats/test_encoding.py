"""Text decoding shared by every text reader: byte order marks, given and declared encodings,
NULs, implausible text and long lines are settled one way, with one style of error."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.limits import Limits
from workbench.formats.base import DocumentReadOptions, FormatError, ReadOptions
from workbench.formats.encoding import bomless_unicode, decode, decoded_lines
from workbench.formats.registry import document_format, glossary_format

TEXT = "원거테크놀러지가 새 모델을 공개했다. 中科聞歌 released it.\n둘째 문단이다.\n"
HOSTILE = Path("corpus/hostile/workbench")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_a_byte_order_mark_decides_and_utf32_is_not_taken_for_utf16(bom: bytes, codec: str) -> None:
    decoded = decode(bom + TEXT.encode(codec), "x.txt")
    assert (decoded.text, decoded.encoding, decoded.bom) == (TEXT, codec, bom)
    assert decoded.encode(decoded.text) == bom + TEXT.encode(codec)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_mark_are_refused_naming_the_encoding_to_give(
    codec: str,
) -> None:
    data = TEXT.encode(codec)
    assert bomless_unicode(data) == codec
    with pytest.raises(FormatError, match=f"give --encoding {codec}") as caught:
        decode(data, "x.txt")
    assert "\n" not in str(caught.value)
    assert decode(data, "x.txt", encoding=codec).text == TEXT


def test_the_hostile_utf16_file_is_refused_as_a_document_and_read_when_its_encoding_is_given(
    shared: Path,
) -> None:
    path = shared / HOSTILE / "utf16le-nobom-accepted.txt"
    reader = document_format(path)
    with pytest.raises(FormatError, match="UTF-16LE without a byte order mark"):
        reader.read(path, DocumentReadOptions(source_lang="en"))
    document, segments = reader.read(path, DocumentReadOptions("en", encoding="utf-16-le"))
    texts = [segment.source for segment in segments]
    assert texts[0] == "Hello world." and not any("\0" in text for text in texts)
    assert document.properties["encoding"] == "utf-16-le"


def test_a_given_encoding_reads_a_legacy_file_and_its_export_is_byte_identical(
    tmp_path: Path,
) -> None:
    data = TEXT.replace("中科聞歌 released it.", "").encode("cp949")
    path = tmp_path / "old.txt"
    path.write_bytes(data)
    reader = document_format(path)
    with pytest.raises(FormatError, match=r"not valid UTF-8 .*--encoding \(e.g. cp949") as caught:
        reader.read(path, DocumentReadOptions(source_lang="ko"))
    assert caught.value.line == 1
    document, segments = reader.read(path, DocumentReadOptions("ko", encoding="CP949"))
    out = tmp_path / "out.txt"
    reader.write(document, list(segments), out)
    assert out.read_bytes() == data


def test_a_given_encoding_that_contradicts_the_byte_order_mark_is_refused() -> None:
    with pytest.raises(FormatError, match="UTF-8 byte order mark, but the encoding given"):
        decode(codecs.BOM_UTF8 + b"abc", "x.txt", encoding="cp949")
    assert decode(codecs.BOM_UTF16_LE + "ab".encode("utf-16-le"), "x", encoding="utf-16").text


def test_an_unknown_encoding_is_a_clear_error() -> None:
    with pytest.raises(FormatError, match="unknown encoding 'klingon'"):
        decode(b"abc", "x.txt", encoding="klingon")


def test_a_nul_in_text_is_refused_with_its_line_and_column() -> None:
    with pytest.raises(FormatError, match="holds a NUL character") as caught:
        decode("첫 줄\n둘째\0 줄\n".encode(), "x.txt")
    assert (caught.value.line, caught.value.column) == (2, 3)


def test_text_read_in_the_wrong_8bit_charset_is_refused_as_implausible() -> None:
    smart = "“Quoted” text — with Windows quotes… ".encode("cp1252") * 4
    assert "Windows" in decode(smart, "x", encoding="cp1252").text
    with pytest.raises(FormatError, match="does not look like iso8859-1 text"):
        decode(smart, "x", encoding="latin-1")
    french = "Symétrie, qualité, été, déjà vu.\n".encode("latin-1")
    with pytest.raises(FormatError, match="mixes Latin with other letters"):
        decode(french, "x", encoding="koi8-r")


def test_a_line_over_the_limit_is_refused_with_its_number() -> None:
    limits = Limits(line=20)
    text = "short\n" + "x" * 21 + "\nshort\n"
    with pytest.raises(FormatError, match=r"a line is over the limit of 20 .*LIMIT_LINE") as e:
        decode(text.encode(), "x.txt", limits=limits)
    assert e.value.line == 2
    with pytest.raises(FormatError, match="limit line") as caught:
        list(decoded_lines(io.BytesIO(text.encode()), "x.csv", limits=limits))
    assert caught.value.line == 2
    assert decode(text.encode(), "x.txt", limits=Limits(line=21)).text == text


def test_a_single_line_file_far_over_the_line_limit_stops_early_in_the_stream() -> None:
    data = b"y" * (3 << 20)
    with pytest.raises(FormatError, match="limit line") as caught:
        list(decoded_lines(io.BytesIO(data), "x.csv", limits=Limits(line=100_000)))
    assert caught.value.line == 1


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(
        st.characters(blacklist_categories=("Cs", "Cc", "Cn")) | st.sampled_from("\n\r\t"),
        max_size=300,
    ),
    codec=st.sampled_from(["utf-8", "utf-16-le", "utf-32-be", "cp949", "gb18030"]),
    bom=st.booleans(),
)
def test_streamed_lines_give_the_same_text_as_decoding_the_whole(
    text: str, codec: str, bom: bool
) -> None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    mark = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE}.get(codec, b"")
    prefix = mark if bom else b""
    given_codec = None if prefix or codec == "utf-8" else codec
    try:
        whole = decode(prefix + data, "x", encoding=given_codec).text
    except FormatError as error:
        with pytest.raises(FormatError) as caught:
            list(decoded_lines(io.BytesIO(prefix + data), "x", encoding=given_codec))
        assert caught.value.message.split(";")[0] == error.message.split(";")[0]
        return
    assert whole == text
    assert "".join(decoded_lines(io.BytesIO(prefix + data), "x", encoding=given_codec)) == text


def test_glossaries_take_the_encoding_option_too(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes("ko,en\n원거테크놀러지,Wenge\n".encode("cp949"))
    glossary = glossary_format(path)
    with pytest.raises(FormatError, match="not valid UTF-8"):
        list(glossary.read(path, ReadOptions()))
    (concept,) = glossary.read(path, ReadOptions(encoding="cp949"))
    assert [term.text for term in concept.terms] == ["원거테크놀러지", "Wenge"]


def test_valid_utf8_is_taken_as_written_even_with_characters_newer_than_our_unicode() -> None:
    text = "\u0378\u0379 new symbols " * 10  # unassigned in Python's tables, fine in UTF-8
    assert decode(text.encode(), "x.txt").text == text
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "x.txt").text == text
    with pytest.raises(FormatError, match="does not look like UTF-16LE"):
        decode(text.encode("utf-16-le"), "x.txt", encoding="utf-16-le")
