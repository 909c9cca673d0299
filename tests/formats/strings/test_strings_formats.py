"""Software string formats on small files of our own: plural forms in the target language,
pairing with an existing translation, escapes that survive any text, and bad input."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.document import Document, Segment, SegmentStatus
from workbench.formats.base import DocumentReadOptions, FormatError
from workbench.formats.registry import document_format
from workbench.formats.strings.plurals import plural_categories, target_forms


def read(
    path: Path, target: str | None = "ko", target_file: Path | None = None, source: str = "en"
) -> tuple[Document, list[Segment]]:
    options = DocumentReadOptions(source_lang=source, target_lang=target, target_file=target_file)
    document, segments = document_format(path).read(path, options)
    return document, list(segments)


def export(document: Document, segments: list[Segment], path: Path) -> bytes:
    out = path.with_name("out" + path.suffix)
    document_format(path).write(document, segments, out)
    return out.read_bytes()


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- plural forms --------------------------------------------------------------------------


def test_cldr_categories_come_from_babel() -> None:
    assert plural_categories("ko") == ("other",)
    assert plural_categories("zh-Hant") == ("other",)
    assert plural_categories("en") == ("one", "other")
    assert plural_categories("ru") == ("one", "few", "many", "other")
    assert plural_categories("qq-nowhere") is None
    assert target_forms(["=0", "one", "other"], "ja", zero_explicit=True) == ["=0", "other"]
    assert target_forms(["zero", "one", "other"], "ko", zero_explicit=True) == ["zero", "other"]
    assert target_forms(["zero", "one", "other"], "ko", zero_explicit=False) == ["other"]


I18NEXT = (
    '{\n  "files_one": "{{count}} file",\n  "files_other": "{{count}} files",\n'
    '  "title": "Files"\n}\n'
)


def test_i18next_plural_becomes_the_korean_other_form(tmp_path: Path) -> None:
    path = write(tmp_path, "en.json", I18NEXT)
    document, segments = read(path)
    assert [(s.unit_id, s.source) for s in segments] == [
        ("files[other]", "{{count}} files"),
        ("title", "Files"),
    ]
    assert "the source has one, other; ko writes other" in (segments[0].note or "")
    assert export(document, segments, path) == path.read_bytes()
    segments[0].target = "파일 {{count}}개"
    assert json.loads(export(document, segments, path)) == {
        "files_other": "파일 {{count}}개",
        "title": "Files",
    }


def test_a_russian_translation_writes_four_forms_from_the_english_two(tmp_path: Path) -> None:
    path = write(tmp_path, "en.json", I18NEXT)
    document, segments = read(path, target="ru")
    plural = [s for s in segments if "form" in s.structure]
    assert [(s.structure["form"], s.source) for s in plural] == [
        ("one", "{{count}} file"),
        ("few", "{{count}} files"),
        ("many", "{{count}} files"),
        ("other", "{{count}} files"),
    ]
    for segment, word in zip(plural, ["файл", "файла", "файлов", "файла"], strict=True):
        segment.target = f"{{{{count}}}} {word}"
    written = json.loads(export(document, segments, path))
    assert list(written) == ["files_one", "files_few", "files_many", "files_other", "title"]
    assert written["files_many"] == "{{count}} файлов"


def test_icu_plural_keeps_explicit_forms_and_its_head(tmp_path: Path) -> None:
    text = (
        '{\n  "@@locale": "en",\n'
        '  "items": "{n, plural, =0{No items} one{One item} other{{n} items}}",\n'
        '  "@items": {"description": "Cart size"}\n}\n'
    )
    path = write(tmp_path, "app_en.arb", text)
    document, segments = read(path)
    assert [s.unit_id for s in segments] == ["items[=0]", "items[other]"]
    assert (
        segments[0].note
        == "Cart size\nPlural forms: the source has =0, one, other; ko writes =0, other."
    )
    segments[0].target, segments[1].target = "상품 없음", "상품 {n}개"
    written = json.loads(export(document, segments, path))
    assert written["items"] == "{n, plural, =0{상품 없음} other{상품 {n}개}}"
    assert written["@@locale"] == "ko"


def test_rails_yaml_plural_and_locale_root(tmp_path: Path) -> None:
    text = (
        "# Rails\nen:\n  inbox:\n    # shown in the header\n    count:\n      zero: No mail\n"
        "      one: One mail\n      other: \"%{count} mails\"\n    title: 'Inbox'\n"
    )
    path = write(tmp_path, "en.yml", text)
    document, segments = read(path, source="")
    assert document.source_lang == "en"
    assert [s.unit_id for s in segments] == [
        "inbox.count[zero]",
        "inbox.count[other]",
        "inbox.title",
    ]
    assert segments[0].note is not None and segments[0].note.startswith("shown in the header")
    segments[0].target, segments[1].target, segments[2].target = (
        "메일 없음",
        "메일 %{count}통",
        "받은 편지함",
    )
    data = export(document, segments, path).decode()
    assert yaml.safe_load(data) == {
        "ko": {
            "inbox": {
                "count": {"zero": "메일 없음", "other": "메일 %{count}통"},
                "title": "받은 편지함",
            }
        }
    }
    assert data.startswith("# Rails\nko:\n  inbox:\n    # shown in the header\n")


def test_android_plurals_markup_escapes_and_untranslatable(tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n<resources>\n'
        "    <!-- Greeting on the home screen -->\n"
        '    <string name="hello">Hello <b>%1$s</b>, it\\\'s   "here"?</string>\n'
        '    <string name="app" translatable="false">WorkBench</string>\n'
        '    <plurals name="songs">\n        <item quantity="one">%d song</item>\n'
        '        <item quantity="other">%d songs</item>\n    </plurals>\n'
        '    <string name="raw"><![CDATA[<a href="x">Link</a>]]></string>\n</resources>\n'
    )
    path = write(tmp_path, "strings.xml", text)
    document, segments = read(path)
    hello, app, songs, raw = segments
    assert hello.source == 'Hello \ue000%1$s\ue001, it\'s "here"?'
    assert hello.note == "Greeting on the home screen"
    assert [c.display for c in hello.codes] == ["bold", "bold"]
    assert app.structure["translate"] == "no"
    assert songs.unit_id == "songs[other]"
    assert raw.source == '<a href="x">Link</a>'
    hello.target = "안녕 \ue000%1$s\ue001, 'x' & <y>"
    songs.target = "노래 %d곡"
    raw.target = '<a href="x">링크</a>'
    data = export(document, segments, path).decode()
    assert "<string name=\"hello\">안녕 <b>%1$s</b>, \\'x\\' &amp; &lt;y&gt;</string>" in data
    assert "WorkBench" not in data  # a translation leaves translatable="false" out
    assert '<item quantity="other">노래 %d곡</item>\n    </plurals>' in data
    assert 'quantity="one"' not in data
    # aapt reads an unescaped " as a quote mark even in CDATA: it is escaped
    assert '<![CDATA[<a href=\\"x\\">링크</a>]]>' in data
    logging.disable(logging.WARNING)
    from translate.storage import aresource

    store = aresource.AndroidResourceFile()
    store.parse(data.encode())
    units = {u.getid(): u for u in store.units}
    # with markup inside, translate-toolkit gives the string as XML
    assert units["hello"].source == "안녕 <b>%1$s</b>, 'x' &amp; &lt;y&gt;"
    assert "노래 %d곡" in [str(form) for form in units["songs"].source.strings]


# --- pairing with a translation ------------------------------------------------------------


def test_a_source_and_its_translation_import_together(tmp_path: Path) -> None:
    source = write(tmp_path, "en.json", '{"a": "Open", "b": {"c": "Close", "d": "New"}}')
    target = write(tmp_path, "ko.json", '{"a": "열기", "b": {"c": "닫기", "e": "남은 키"}}')
    document, segments = read(source, target=None, target_file=target)
    assert document.target_lang == "ko"
    by_key = {s.structure["key"]: s for s in segments}
    assert (by_key["a"].target, by_key["a"].status) == ("열기", SegmentStatus.TRANSLATED)
    assert (by_key["b.d"].target, by_key["b.d"].status) == ("", SegmentStatus.NEW)
    kept = by_key["b.e"]
    assert kept.structure["only_in_target"] == "yes" and kept.structure["translate"] == "no"
    assert document.properties["only_in_target"] == "1"
    by_key["b.d"].target = "새로"
    assert json.loads(export(document, segments, source)) == {
        "a": "열기",
        "b": {"c": "닫기", "d": "새로", "e": "남은 키"},
    }


@pytest.mark.parametrize(
    ("source", "target", "name"),
    [
        (
            '"a" = "Open";\n"b" = "Close";\n',
            '"a" = "열기";\n"z" = "따로";\n',
            "Localizable.strings",
        ),
        ("a=Open\nb=Close\n", "a=\\uc5f4\\uae30\nz=\\ub530\\ub85c\n", "Bundle.properties"),
        (
            '<resources>\n    <string name="a">Open</string>\n'
            '    <string name="b">Close</string>\n</resources>\n',
            '<resources>\n    <string name="a">열기</string>\n'
            '    <string name="z">따로</string>\n</resources>\n',
            "strings.xml",
        ),
    ],
)
def test_flat_formats_pair_and_keep_the_translations_own_keys(
    tmp_path: Path, source: str, target: str, name: str
) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "ko").mkdir()
    source_path = write(tmp_path / "en", name, source)
    target_path = write(tmp_path / "ko", name, target)
    document, segments = read(source_path, target="ko", target_file=target_path)
    by_key = {s.structure["key"]: s for s in segments}
    assert by_key["a"].target == "열기"
    assert by_key["z"].structure["only_in_target"] == "yes"
    by_key["b"].target = "닫기"
    again = tmp_path / "again" / name
    again.parent.mkdir()
    again.write_bytes(export(document, segments, source_path))
    _document, read_back = read(again, target=None)
    assert {s.structure["key"]: s.source for s in read_back} == {
        "a": "열기",
        "b": "닫기",
        "z": "따로",
    }


# --- any text survives the escapes ---------------------------------------------------------

FILES = {
    "en.json": '{\n  "k": "Value"\n}\n',
    "en.yml": "en:\n  k: Value\n",
    "strings.xml": '<resources>\n    <string name="k">Value</string>\n</resources>\n',
    "Localizable.strings": '"k" = "Value";\n',
    "Bundle.properties": "k=Value\n",
    "Resources.resx": (
        '<root>\n  <data name="k" xml:space="preserve">\n    <value>Value</value>\n'
        "  </data>\n</root>\n"
    ),
}
TEXTS = st.text(
    alphabet=st.sampled_from([*"aZ 한字\\\"'<>&%@?:#=!{}\n\t$-[]|*", "\u2028", "é"]),
    min_size=1,
    max_size=24,
).filter(lambda text: text.strip() != "" and text == text.strip(" "))


@pytest.mark.parametrize("name", sorted(FILES))
@settings(max_examples=60, deadline=None)
@given(text=TEXTS)
def test_any_target_reads_back_as_typed(
    tmp_path_factory: pytest.TempPathFactory, name: str, text: str
) -> None:
    folder = tmp_path_factory.mktemp("strings")
    path = write(folder, name, FILES[name])
    document, segments = read(path)
    if name == "strings.xml":
        text = " ".join(text.split())  # Android reads runs of white space as one space
    segments[0].target = text
    again = write(
        folder,
        "again_" + name,
        export(document, segments, path).decode(document.properties["encoding"]),
    )
    _document, read_back = read(again)
    assert read_back[0].source == text


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message", "line"),
    [
        ("bad.json", '{\n  "a": "x",\n  "b" "y"\n}', "':' was expected", 3),
        ("bad.yml", "en:\n  a: x\n   b: y\n", "not valid YAML", 3),
        ("bad.xml", "<resources>\n<string name='a'>x</strin>\n</resources>", "mismatch", 2),
        ("bad.strings", '"a" = "x";\n"b" = "y"\n', "no ';'", 2),
        ("bad.properties", "a=ok\nb=\\u12\n", "malformed", 2),
        ("bad.stringsdict", "<plist><array/></plist>", "no <dict>", None),
        (
            "bad.xcstrings",
            '{"strings": {"a": {}}, "sourceLanguage": "en"}',
            "give --target-lang",
            None,
        ),
    ],
)
def test_bad_files_are_refused_with_their_line(
    tmp_path: Path, name: str, text: str, message: str, line: int | None
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(FormatError, match=message) as caught:
        read(path, target=None if name.endswith("xcstrings") else "ko")
    assert caught.value.line == line
    assert "\n" not in str(caught.value)


def test_xml_entity_declarations_are_refused(tmp_path: Path) -> None:
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "boom">]>\n'
        '<resources><string name="a">&e;</string></resources>'
    )
    with pytest.raises(FormatError, match="entities"):
        read(write(tmp_path, "strings.xml", text))


def test_utf16_strings_file_keeps_its_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "Localizable.strings", '\ufeff/* Note */\n"k" = "Value";\n', "utf-16-le")
    document, segments = read(path)
    assert document.properties["encoding"] == "utf-16-le"
    assert segments[0].note == "Note"
    segments[0].target = "값"
    assert export(document, segments, path) == '\ufeff/* Note */\n"k" = "값";\n'.encode("utf-16-le")
